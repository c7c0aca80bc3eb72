# SPDX-License-Identifier: MIT
# libtest/*: small programs that drive library internals against pansim (tests/libtest/).
if(NOT TARGET pansim)
  return()
endif()

# libtest/multi: several transfers at once through one curl multi handle, per-host bound.
add_executable(libtest_multi ${CMAKE_CURRENT_SOURCE_DIR}/libtest/multi.c)
target_compile_definitions(libtest_multi PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(libtest_multi PRIVATE ${PROJECT_SOURCE_DIR}/src/lib)
target_link_libraries(libtest_multi PRIVATE panos)
panos_warnings(libtest_multi)
add_test(NAME libtest/multi
  COMMAND libtest_multi $<TARGET_FILE:pansim> ${CMAKE_CURRENT_SOURCE_DIR}/libtest/multi.case)
set_tests_properties(libtest/multi PROPERTIES LABELS "unit;transport" TIMEOUT 60
  ENVIRONMENT "${PANOS_TEST_ENV}")
