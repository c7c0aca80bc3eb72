# SPDX-License-Identifier: MIT
# docs/examples: the program in the EXAMPLE section of each docs/man/*.3 page is extracted from
# the page at build time (tests/docs/extract_example.sh), compiled as an outside program would
# be (only libpanos's public include path: no libxml2 flags; -std=c99 -pedantic -Werror) and
# linked. A page with a case file tests/docs/<page>-example.case also runs its program against
# pansim through runcase (its %PANCTL% is the example program).
file(GLOB PANOS_MAN3_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/*.3)
foreach(page ${PANOS_MAN3_PAGES})
  file(STRINGS ${page} has_example REGEX "^\\.SH EXAMPLE")
  if(NOT has_example)
    continue()
  endif()
  get_filename_component(name ${page} NAME_WE)
  set(src ${CMAKE_CURRENT_BINARY_DIR}/docs/${name}_example.c)
  set(check_version "")
  if(name STREQUAL "libpanos")
    set(check_version ${PROJECT_VERSION}) # the page's .TH names the release it describes
  endif()
  add_custom_command(OUTPUT ${src}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/docs
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/docs/extract_example.sh ${page} ${src} ${check_version}
    DEPENDS ${page} ${CMAKE_CURRENT_SOURCE_DIR}/docs/extract_example.sh
    COMMENT "Extracting the EXAMPLE of ${name}(3)")
  add_executable(example_${name} ${src})
  set_target_properties(example_${name} PROPERTIES C_STANDARD 99 C_EXTENSIONS OFF)
  target_compile_options(example_${name} PRIVATE -Wall -Wextra -pedantic -Werror)
  target_link_libraries(example_${name} PRIVATE panos)
  set(case ${CMAKE_CURRENT_SOURCE_DIR}/docs/${name}-example.case)
  if(EXISTS ${case} AND TARGET runcase AND TARGET pansim)
    add_test(NAME docs/examples/${name}
      COMMAND runcase --panctl $<TARGET_FILE:example_${name}> --pansim $<TARGET_FILE:pansim>
              --srcdir ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties(docs/examples/${name} PROPERTIES LABELS docs TIMEOUT 90
      ENVIRONMENT "${PANOS_TEST_ENV}")
  else()
    # Built is the test: a target that does not compile fails the build.
    add_test(NAME docs/examples/${name} COMMAND ${CMAKE_COMMAND} -E true)
    set_tests_properties(docs/examples/${name} PROPERTIES LABELS docs TIMEOUT 10)
  endif()
endforeach()

# install/pkgconfig: cmake --install into a scratch prefix, then the libpanos(3) EXAMPLE built
# with nothing but pkg-config panos (tests/docs/install.sh).
if(TARGET example_libpanos)
  add_test(NAME install/pkgconfig
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/docs/install.sh ${PROJECT_BINARY_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/docs/libpanos_example.c ${CMAKE_C_COMPILER}
            ${CMAKE_CURRENT_BINARY_DIR}/install-test "${PANOS_SANITIZE}")
  set_tests_properties(install/pkgconfig PROPERTIES LABELS docs TIMEOUT 120)
endif()
