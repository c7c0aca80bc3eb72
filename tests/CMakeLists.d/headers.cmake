# SPDX-License-Identifier: MIT
# headers/compile: each include/panos/*.h (and the generated version.h) compiles alone under
# -std=c99 -pedantic -Werror without libxml2's include path (xml.h, the opt-in, with it), and as
# C++ (tests/headers/check.cmake runs the compiler; a new header is picked up with no edit here).
find_program(PANOS_CXX NAMES c++ g++ clang++)
if(NOT PANOS_CXX)
  set(PANOS_CXX "")
endif()
add_test(NAME headers/compile
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DCXX=${PANOS_CXX} -DSRC=${PROJECT_SOURCE_DIR}
    -DGEN=${PROJECT_BINARY_DIR}/include
    -DOUT=${CMAKE_CURRENT_BINARY_DIR}/headers "-DINCS=$<JOIN:$<TARGET_PROPERTY:LibXml2::LibXml2,INTERFACE_INCLUDE_DIRECTORIES>,|>"
    -P ${CMAKE_CURRENT_SOURCE_DIR}/headers/check.cmake)
set_tests_properties(headers/compile PROPERTIES LABELS lint TIMEOUT 120)
