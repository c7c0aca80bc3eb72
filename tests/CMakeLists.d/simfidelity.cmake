# SPDX-License-Identifier: MIT
# Fidelity test: every element path of the recorded PAN-OS answers in tests/fixtures/panos is in
# pansim's answer to the same command (compiled from src/sim/simop*.c and the log store).
file(GLOB PANSIM_FIDELITY_OP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/sim/simop*.c)
add_executable(test_fidelity ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_fidelity.c
  ${PANSIM_FIDELITY_OP_SOURCES} ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c ${PROJECT_SOURCE_DIR}/src/sim/simconfig.c
  ${PROJECT_SOURCE_DIR}/src/sim/logstore.c ${PROJECT_SOURCE_DIR}/src/sim/logfilter.c)
target_compile_definitions(test_fidelity PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE
  PANSIM_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/panos")
target_include_directories(test_fidelity PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_fidelity PRIVATE panos PkgConfig::CMOCKA)
panos_warnings(test_fidelity)
add_test(NAME unit/simfidelity COMMAND test_fidelity)
set_tests_properties(unit/simfidelity PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
