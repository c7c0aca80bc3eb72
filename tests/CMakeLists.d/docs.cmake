# SPDX-License-Identifier: MIT
# docs/parity: the man pages in docs/man against panctl --help, each command's --help and
# include/panos/error.h, and groff -ww on every page (tests/docs/parity.sh).
if(TARGET panctl)
  add_test(NAME docs/parity
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/docs/parity.sh $<TARGET_FILE:panctl>
            ${PROJECT_SOURCE_DIR})
  set_tests_properties(docs/parity PROPERTIES LABELS docs TIMEOUT 60)
endif()
