# SPDX-License-Identifier: MIT
# Unit test that pansim is one consistent device: its config, op answers and generated logs
# describe the same network (compiled from src/sim: op, config, world, log store).
file(GLOB PANSIM_OP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/sim/simop*.c)
add_executable(test_simworld ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_simworld.c
  ${PANSIM_OP_SOURCES} ${PROJECT_SOURCE_DIR}/src/sim/simconfig.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c ${PROJECT_SOURCE_DIR}/src/sim/logstore.c
  ${PROJECT_SOURCE_DIR}/src/sim/logfilter.c ${PROJECT_SOURCE_DIR}/src/sim/simreq.c)
target_compile_definitions(test_simworld PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_simworld PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_simworld PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA)
panos_warnings(test_simworld)
add_test(NAME unit/simworld COMMAND test_simworld)
set_tests_properties(unit/simworld PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
