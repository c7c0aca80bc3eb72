# SPDX-License-Identifier: MIT
# Unit test of pansim's generated log store and filter evaluator (compiled from src/sim).
add_executable(test_simlog ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_simlog.c
  ${PROJECT_SOURCE_DIR}/src/sim/logstore.c ${PROJECT_SOURCE_DIR}/src/sim/logfilter.c
  ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c)
target_compile_definitions(test_simlog PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_simlog PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_simlog PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA)
panos_warnings(test_simlog)
add_test(NAME unit/simlog COMMAND test_simlog)
set_tests_properties(unit/simlog PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
