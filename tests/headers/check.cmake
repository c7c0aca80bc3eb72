# SPDX-License-Identifier: MIT
# headers/compile: each public header must compile on its own under -std=c99 -pedantic -Werror,
# without libxml2 (only the opt-in panos/xml.h may reach it), and as C++ with extern "C".
# Run with cmake -P; needs -DCC=<compiler> -DSRC=<source root> -DOUT=<scratch dir>
# -DINCS=<libxml2 include dirs, |-separated, for xml.h only>; -DCXX=<C++ compiler> (optional).
# A generated version.h is looked for in -DGEN=<dir>. Reports every failing header, not the first.
set(flags -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only)
set(cxxflags -x c++ -std=c++11 -pedantic -Werror -Wall -Wextra -fsyntax-only)

# A poisoned libxml/ in front of the include path: a header that reaches libxml2 fails here
# whether or not libxml2 happens to sit in a default include directory.
file(MAKE_DIRECTORY ${OUT}/poison/libxml)
foreach(f tree.h parser.h xmlversion.h xmlstring.h globals.h)
  file(WRITE ${OUT}/poison/libxml/${f}
    "#error \"a public libpanos header reached <libxml/${f}>: libxml2 is private\"\n")
endforeach()
set(noxml -I${OUT}/poison -I${SRC}/include)
if(GEN)
  list(APPEND noxml -I${GEN})
endif()
set(withxml -I${SRC}/include)
if(GEN)
  list(APPEND withxml -I${GEN})
endif()
string(REPLACE "|" ";" INCS "${INCS}")
foreach(dir ${INCS})
  list(APPEND withxml -I${dir})
endforeach()

file(MAKE_DIRECTORY ${OUT})
file(GLOB headers ${SRC}/include/panos/*.h)
if(GEN)
  file(GLOB gen_headers ${GEN}/panos/*.h)
  list(APPEND headers ${gen_headers})
endif()
list(SORT headers)
set(failed "")
foreach(h ${headers})
  get_filename_component(name ${h} NAME_WE)
  if(name STREQUAL "xml")
    set(incs ${withxml}) # the opt-in header: libxml2's include path is the deal
  else()
    set(incs ${noxml})
  endif()
  # The TU includes the header twice: the second include checks its guard. The typedef keeps
  # a header of macros only (version.h) from being an empty translation unit.
  set(tu ${OUT}/${name}.c)
  file(WRITE ${tu} "#include <panos/${name}.h>\n#include <panos/${name}.h>\ntypedef int headertest_;\n")
  execute_process(COMMAND ${CC} ${flags} ${incs} ${tu}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  set(why "")
  if(NOT rc EQUAL 0)
    set(why "C99:\n${out}")
  endif()
  if(CXX AND why STREQUAL "")
    execute_process(COMMAND ${CXX} ${cxxflags} ${incs} ${tu}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
      set(why "C++:\n${out}")
    endif()
  endif()
  # Every header that declares functions wraps them for C++ callers.
  file(READ ${h} text)
  if(why STREQUAL "" AND text MATCHES "PANOS_EXTERN [a-z]" AND NOT text MATCHES "extern \"C\" {")
    set(why "declares functions without an extern \"C\" guard")
  endif()
  if(why STREQUAL "")
    message(STATUS "ok   panos/${name}.h")
  else()
    message(STATUS "FAIL panos/${name}.h ${why}")
    list(APPEND failed ${name}.h)
  endif()
endforeach()

# The umbrella header and the separately included ones together, as a program uses them.
set(tu ${OUT}/all.c)
file(WRITE ${tu} "#include <panos/panos.h>\n#include <panos/log.h>\n#include <panos/tls.h>\n"
  "int main(void) { return panos_version_string() == 0; }\n")
execute_process(COMMAND ${CC} ${flags} ${noxml} ${tu}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(STATUS "FAIL panos.h + log.h + tls.h without libxml2\n${out}")
  list(APPEND failed all)
endif()

if(failed)
  message(FATAL_ERROR "headers that do not compile alone: ${failed}")
endif()
