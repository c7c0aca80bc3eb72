# SPDX-License-Identifier: MIT
# completion/shells: panctl's bash and zsh completion (contrib/completion/) asked as the shells
# ask it, against the built panctl (tests/completion/completion.sh; zsh when installed).
if(TARGET panctl)
  add_test(NAME completion/shells
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/completion/completion.sh ${PROJECT_SOURCE_DIR}
            $<TARGET_FILE:panctl>)
  set_tests_properties(completion/shells PROPERTIES LABELS docs TIMEOUT 120)
endif()
