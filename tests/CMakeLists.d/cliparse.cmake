# SPDX-License-Identifier: MIT
# Unit test of panctl's option tables, number parsers and host parsing (opts.c, host.c, msg.c).
add_executable(test_cliparse ${CMAKE_CURRENT_SOURCE_DIR}/unit_cli/test_cliparse.c
  ${PROJECT_SOURCE_DIR}/src/cli/opts.c ${PROJECT_SOURCE_DIR}/src/cli/host.c
  ${PROJECT_SOURCE_DIR}/src/cli/msg.c)
target_compile_definitions(test_cliparse PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_cliparse PRIVATE ${PROJECT_SOURCE_DIR}/src/cli
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_cliparse PRIVATE panos PkgConfig::JANSSON PkgConfig::CMOCKA)
panos_warnings(test_cliparse)
add_test(NAME unit/cliparse COMMAND test_cliparse)
set_tests_properties(unit/cliparse PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
