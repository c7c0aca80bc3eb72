# SPDX-License-Identifier: MIT
# headers/compile: each include/panos/*.h compiles alone under -std=c99 -pedantic -Werror
# (tests/headers/check.cmake runs the compiler; a new header is picked up with no edit here).
add_test(NAME headers/compile
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DSRC=${PROJECT_SOURCE_DIR}
    -DOUT=${CMAKE_CURRENT_BINARY_DIR}/headers "-DINCS=$<JOIN:$<TARGET_PROPERTY:LibXml2::LibXml2,INTERFACE_INCLUDE_DIRECTORIES>,|>"
    -P ${CMAKE_CURRENT_SOURCE_DIR}/headers/check.cmake)
set_tests_properties(headers/compile PROPERTIES LABELS lint TIMEOUT 120)
