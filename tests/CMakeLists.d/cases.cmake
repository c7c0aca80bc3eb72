# SPDX-License-Identifier: MIT
# End-to-end cases: runcase runs each tests/cases/NNNN-slug.case (panctl against pansim) as a ctest.
if(NOT (TARGET panctl AND TARGET pansim) OR NOT EXISTS ${PROJECT_SOURCE_DIR}/src/sim/casefile.c)
  return()
endif()

add_executable(runcase ${CMAKE_CURRENT_SOURCE_DIR}/runcase/runcase.c
  ${CMAKE_CURRENT_SOURCE_DIR}/runcase/torture.c
  ${PROJECT_SOURCE_DIR}/src/sim/casefile.c)
target_compile_definitions(runcase PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_include_directories(runcase PRIVATE ${PROJECT_SOURCE_DIR}/src/sim)
target_link_libraries(runcase PRIVATE panos)
panos_warnings(runcase)

# One ctest per case file, labelled "case" plus the keywords of its "keywords: a, b" info line.
file(GLOB PANOS_CASE_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cases/*.case)
foreach(case_file ${PANOS_CASE_FILES})
  get_filename_component(case_name ${case_file} NAME)
  string(REGEX REPLACE "\\.case$" "" case_name "${case_name}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${case_file})
  set(case_labels case)
  file(STRINGS ${case_file} case_kw REGEX "^keywords[ \t]*:" LIMIT_COUNT 1)
  if(case_kw)
    string(REGEX REPLACE "^keywords[ \t]*:[ \t]*" "" case_kw "${case_kw}")
    string(REPLACE "," ";" case_kw "${case_kw}")
    foreach(kw ${case_kw})
      string(STRIP "${kw}" kw)
      if(kw)
        list(APPEND case_labels ${kw})
      endif()
    endforeach()
  endif()
  add_test(NAME case/${case_name}
    COMMAND runcase --panctl $<TARGET_FILE:panctl> --pansim $<TARGET_FILE:pansim>
            --srcdir ${PROJECT_SOURCE_DIR} ${case_file})
  set_tests_properties(case/${case_name} PROPERTIES LABELS "${case_labels}" TIMEOUT 90
    SKIP_RETURN_CODE 77 ENVIRONMENT "${PANOS_TEST_ENV}")
endforeach()
