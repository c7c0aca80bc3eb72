# SPDX-License-Identifier: MIT
# lint/banned: no unbounded or non-reentrant libc calls in src/ and tests/ (tests/lint/banned.sh).
add_test(NAME lint/banned
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/lint/banned.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(lint/banned PROPERTIES LABELS lint TIMEOUT 60)
