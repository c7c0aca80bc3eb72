# SPDX-License-Identifier: MIT
# Allocation-failure torture (-DPANOS_TORTURE=ON; make check-asan turns it on): scripts/torture.sh
# on each torture case and on panos_exporter's probe, every Kth allocation failed in turn so that
# the whole label stays near 3 minutes under ASan on 2 cores (scripts/torture.sh with no
# --stride tries every one; docs/internals/torture.md).
if(NOT PANOS_TORTURE OR NOT TARGET runcase)
  return()
endif()
# "case stride" pairs: the stride keeps each test to about 20 runs (of 15, 310, 44, 113, 28 and
# about 1,550 allocations: the exporter is probed twice).
set(PANOS_TORTURE_TESTS
  "0602-torture-keygen 1" "0603-torture-op 16" "0604-torture-config-show 3"
  "0605-torture-logs-paging 6" "0606-torture-backup-two 2")
# 145, 52, 76 and 119 allocations: batch -o json, userid login and list --out, logs -o csv,
# config set and commit.
list(APPEND PANOS_TORTURE_TESTS
  "0607-torture-batch-json 8" "0608-torture-userid-login-list 3" "0609-torture-logs-csv 4"
  "0635-torture-commit 6")
if(TARGET panos_exporter)
  find_program(CURL_PROGRAM curl)
  if(CURL_PROGRAM)
    list(APPEND PANOS_TORTURE_TESTS "exporter 75")
  endif()
endif()
foreach(spec ${PANOS_TORTURE_TESTS})
  string(REPLACE " " ";" spec "${spec}")
  list(GET spec 0 what)
  list(GET spec 1 stride)
  add_test(NAME torture/${what}
    COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/torture.sh ${PROJECT_BINARY_DIR} ${what}
            --stride ${stride})
  set_tests_properties(torture/${what} PROPERTIES LABELS torture TIMEOUT 300
    ENVIRONMENT "${PANOS_TEST_ENV}")
endforeach()
