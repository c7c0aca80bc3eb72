# SPDX-License-Identifier: MIT
# Unit test of pansim's config tree and its type=config get/show answers (compiled from src/sim).
add_executable(test_simconfig ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_simconfig.c
  ${PROJECT_SOURCE_DIR}/src/sim/simconfig.c ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c)
target_compile_definitions(test_simconfig PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_simconfig PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
# pansim code uses libxml2 itself (libpanos links it privately).
target_link_libraries(test_simconfig PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA)
panos_warnings(test_simconfig)
add_test(NAME unit/simconfig COMMAND test_simconfig)
set_tests_properties(unit/simconfig PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
