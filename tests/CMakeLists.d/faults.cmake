# SPDX-License-Identifier: MIT
# faults/<command>: one row of the fault matrix (tests/faults/matrix.sh: the command against
# every scripted fault of pansim, held to tests/faults/matrix.tsv), and docs/fault-matrix: the
# page docs/fault-matrix.md is what tests/faults/matrix_doc.sh makes of the tables.
if(NOT (TARGET panctl AND TARGET pansim AND TARGET runcase))
  return()
endif()
set(PANOS_FAULTS_DIR ${CMAKE_CURRENT_SOURCE_DIR}/faults)
# The cells of a row run a few at a time (tests/faults/lib.sh), one at a time under the
# sanitizers, whose slower programs would otherwise crowd the cells' time checks.
set(fault_jobs FAULTS_JOBS=3)
if(PANOS_SANITIZE)
  set(fault_jobs FAULTS_JOBS=1)
endif()
file(STRINGS ${PANOS_FAULTS_DIR}/commands.tsv fault_rows REGEX "^[a-z]")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PANOS_FAULTS_DIR}/commands.tsv)
foreach(row ${fault_rows})
  string(REGEX REPLACE "\t.*" "" fault_cmd "${row}")
  add_test(NAME faults/${fault_cmd}
    COMMAND sh ${PANOS_FAULTS_DIR}/matrix.sh $<TARGET_FILE:panctl> $<TARGET_FILE:pansim>
            $<TARGET_FILE:runcase> ${PROJECT_SOURCE_DIR} ${fault_cmd})
  set(fault_env ${PANOS_TEST_ENV} ${fault_jobs})
  if(TARGET panos_exporter)
    list(APPEND fault_env PANOS_EXPORTER=$<TARGET_FILE:panos_exporter>)
  endif()
  set_tests_properties(faults/${fault_cmd} PROPERTIES LABELS "case;faults" TIMEOUT 240
    SKIP_RETURN_CODE 77 ENVIRONMENT "${fault_env}")
endforeach()
# faults/later/<row>: one row of the later-request matrix (tests/faults/later.sh: a command
# against the stateful pansim with one fault on the requests pansim --inject selects).
file(STRINGS ${PANOS_FAULTS_DIR}/later.tsv later_rows REGEX "^[a-z]")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PANOS_FAULTS_DIR}/later.tsv)
foreach(row ${later_rows})
  string(REGEX REPLACE "\t.*" "" later_row "${row}")
  add_test(NAME faults/later/${later_row}
    COMMAND sh ${PANOS_FAULTS_DIR}/later.sh $<TARGET_FILE:panctl> $<TARGET_FILE:pansim>
            $<TARGET_FILE:runcase> ${PROJECT_SOURCE_DIR} ${later_row})
  set_tests_properties(faults/later/${later_row} PROPERTIES LABELS "case;faults" TIMEOUT 240
    ENVIRONMENT "${PANOS_TEST_ENV};${fault_jobs}")
endforeach()
add_test(NAME docs/fault-matrix
  COMMAND sh -c "sh \"$1\" \"$2\" | diff -u \"$3\" -" sh ${PANOS_FAULTS_DIR}/matrix_doc.sh
          ${PANOS_FAULTS_DIR} ${PROJECT_SOURCE_DIR}/docs/fault-matrix.md)
set_tests_properties(docs/fault-matrix PROPERTIES LABELS docs TIMEOUT 30)
