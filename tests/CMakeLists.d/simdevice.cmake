# SPDX-License-Identifier: MIT
# Unit test of pansim's device: keygen, key checks and the API-key lifecycle (expire-all, password
# and master-key change, OTP sessions, --keygen-revokes, expiry) and the /pansim/admin hook.
file(GLOB PANSIM_OP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/sim/simop*.c)
add_executable(test_device ${CMAKE_CURRENT_SOURCE_DIR}/unit_sim/test_device.c
  ${PROJECT_SOURCE_DIR}/src/sim/device.c ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PANSIM_OP_SOURCES} ${PROJECT_SOURCE_DIR}/src/sim/simconfig.c
  ${PROJECT_SOURCE_DIR}/src/sim/loghandler.c ${PROJECT_SOURCE_DIR}/src/sim/logstore.c
  ${PROJECT_SOURCE_DIR}/src/sim/logfilter.c ${PROJECT_SOURCE_DIR}/src/sim/simworld.c)
target_compile_definitions(test_device PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_device PRIVATE ${PROJECT_SOURCE_DIR}/src/sim
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
target_link_libraries(test_device PRIVATE panos LibXml2::LibXml2 pthread PkgConfig::CMOCKA)
panos_warnings(test_device)
add_test(NAME unit/simdevice COMMAND test_device)
set_tests_properties(unit/simdevice PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
