# SPDX-License-Identifier: MIT
# Unit test of panctl's output layer (XML, JSON, text tables), compiled from src/cli/output*.c.
file(GLOB PANCTL_OUTPUT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/cli/output*.c)
add_executable(test_output ${CMAKE_CURRENT_SOURCE_DIR}/unit_cli/test_output.c
  ${PANCTL_OUTPUT_SOURCES})
target_compile_definitions(test_output PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(test_output PRIVATE ${PROJECT_SOURCE_DIR}/src/cli
  ${CMAKE_CURRENT_SOURCE_DIR}/unit)
# libxml2: the test builds its own trees and sees them through <panos/xml.h>.
target_link_libraries(test_output PRIVATE panos PkgConfig::JANSSON PkgConfig::CMOCKA LibXml2::LibXml2)
panos_warnings(test_output)
add_test(NAME unit/clioutput COMMAND test_output)
set_tests_properties(unit/clioutput PROPERTIES LABELS unit TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
