# SPDX-License-Identifier: MIT
# exit/status: every exit status of panctl(1)'s EXIT STATUS table produced by a command against
# pansim (tests/exit/exit_status.sh, run through runcase).
if(TARGET panctl AND TARGET pansim AND TARGET runcase)
  add_test(NAME exit/status
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/exit/exit_status.sh $<TARGET_FILE:panctl>
            $<TARGET_FILE:pansim> $<TARGET_FILE:runcase> ${PROJECT_SOURCE_DIR})
  set_tests_properties(exit/status PROPERTIES LABELS "case;exit" TIMEOUT 300
    ENVIRONMENT "${PANOS_TEST_ENV}")
endif()
