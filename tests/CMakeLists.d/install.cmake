# SPDX-License-Identifier: MIT
# install/staged: cmake --install into a DESTDIR, the file list, libpanos.so's soname and
# exported calls, and a program built against the staged tree with pkg-config libpanos only
# (tests/install/staged.sh). Packaging itself (scripts/package.sh) is not part of the suite.
if(TARGET panctl AND TARGET pansim AND TARGET panos_exporter AND TARGET panos_shared)
  add_test(NAME install/staged
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/staged.sh ${PROJECT_SOURCE_DIR}
            ${PROJECT_BINARY_DIR} ${CMAKE_C_COMPILER} ${CMAKE_CURRENT_BINARY_DIR}/install-staged
            "${PANOS_SANITIZE}")
  set_tests_properties(install/staged PROPERTIES LABELS docs TIMEOUT 120
    ENVIRONMENT "${PANOS_TEST_ENV}")
endif()
