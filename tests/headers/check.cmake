# SPDX-License-Identifier: MIT
# headers/compile: each public header must compile on its own under -std=c99 -pedantic -Werror.
# Run with cmake -P; needs -DCC=<compiler> -DSRC=<source root> -DOUT=<scratch dir>
# -DINCS=<extra include dirs, |-separated> (libxml2). Reports every failing header, not the first.
set(flags -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only -I${SRC}/include)
string(REPLACE "|" ";" INCS "${INCS}")
foreach(dir ${INCS})
  list(APPEND flags -I${dir})
endforeach()

file(MAKE_DIRECTORY ${OUT})
file(GLOB headers ${SRC}/include/panos/*.h)
list(SORT headers)
set(failed "")
foreach(h ${headers})
  get_filename_component(name ${h} NAME_WE)
  # The TU includes the header twice: the second include checks its guard.
  set(tu ${OUT}/${name}.c)
  file(WRITE ${tu} "#include <panos/${name}.h>\n#include <panos/${name}.h>\n")
  execute_process(COMMAND ${CC} ${flags} ${tu}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    message(STATUS "ok   panos/${name}.h")
  else()
    message(STATUS "FAIL panos/${name}.h\n${out}")
    list(APPEND failed ${name}.h)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "headers that do not compile alone: ${failed}")
endif()
