# SPDX-License-Identifier: MIT
# Unit test of pansim's type=op answers (compiled from src/sim/simop*.c: the dispatcher
# and its family files; libxml2 comes via panos).
file(GLOB PANSIM_OP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/sim/simop*.c)
add_executable(test_simop ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_simop.c
  ${PANSIM_OP_SOURCES} ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c ${PROJECT_SOURCE_DIR}/src/sim/simconfig.c)
target_compile_definitions(test_simop PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_simop PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_simop PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA)
panos_warnings(test_simop)
add_test(NAME unit/simop COMMAND test_simop)
set_tests_properties(unit/simop PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
