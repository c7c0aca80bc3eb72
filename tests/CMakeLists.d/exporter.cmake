# SPDX-License-Identifier: MIT
# panos_exporter: the parsers on recorded answers (unit/exporter_parsers) and the daemon against
# pansim (exporter/e2e: promtool, deadline, hanging and closed targets, wrong pin, keygen).
if(TARGET panos_exporter)
  add_executable(test_exporter_parsers ${CMAKE_CURRENT_SOURCE_DIR}/unit_exporter/test_parsers.c)
  target_compile_definitions(test_exporter_parsers PRIVATE _POSIX_C_SOURCE=200809L
    _DEFAULT_SOURCE FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
  target_include_directories(test_exporter_parsers PRIVATE ${PROJECT_SOURCE_DIR}/src/exporter
    ${CMAKE_CURRENT_SOURCE_DIR}/unit)
  target_link_libraries(test_exporter_parsers PRIVATE panos_exporter_parsers panos
    PkgConfig::CMOCKA)
  panos_warnings(test_exporter_parsers)
  add_test(NAME unit/exporter_parsers COMMAND test_exporter_parsers)
  set_tests_properties(unit/exporter_parsers PROPERTIES LABELS "unit;exporter" TIMEOUT 60
    ENVIRONMENT "${PANOS_TEST_ENV}")
  find_program(PROMTOOL promtool)
  find_program(CURL_PROGRAM curl)
  if(PROMTOOL AND CURL_PROGRAM)
    add_test(NAME exporter/e2e COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/exporter/exporter_e2e.sh
      ${PROJECT_BINARY_DIR})
    set_tests_properties(exporter/e2e PROPERTIES LABELS "exporter" TIMEOUT 120
      ENVIRONMENT "${PANOS_TEST_ENV}")
  endif()
endif()
if(TARGET panos_exporter)
  add_test(NAME docs/exporter-parity COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/exporter/parity.sh
    ${PROJECT_SOURCE_DIR} $<TARGET_FILE:panos_exporter>)
  set_tests_properties(docs/exporter-parity PROPERTIES LABELS "docs;exporter" TIMEOUT 60)
endif()
