# SPDX-License-Identifier: MIT
# Unit test of the case file reader and pansim's scripted replies (compiled from src/sim).
add_executable(test_casefile ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_casefile.c
  ${PROJECT_SOURCE_DIR}/src/sim/casefile.c ${PROJECT_SOURCE_DIR}/src/sim/script.c)
target_compile_definitions(test_casefile PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE
  PANOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_include_directories(test_casefile PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_casefile PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA)
panos_warnings(test_casefile)
add_test(NAME unit/casefile COMMAND test_casefile)
set_tests_properties(unit/casefile PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
