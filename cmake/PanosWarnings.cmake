# SPDX-License-Identifier: MIT
# panos_warnings(target): the project's warning set, applied per target.
function(panos_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wformat=2 -Wswitch-enum -Wno-format-nonliteral)
  if(PANOS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
