# SPDX-License-Identifier: MIT
# PANOS_TORTURE=ON: libpanos, panctl and panos_exporter send their allocations through the
# counter of src/lib/torture.c, which fails the Nth one when PANOS_TORTURE=N is in the
# environment (scripts/torture.sh, docs/internals/torture.md). OFF: nothing changes.
option(PANOS_TORTURE "Allocation-failure torture: PANOS_TORTURE=N fails the Nth allocation" OFF)

# Force-include src/lib/torture.h into @p target's C files (no-op when PANOS_TORTURE is OFF).
function(panos_torture target)
  if(PANOS_TORTURE)
    target_compile_options(${target} PRIVATE -include ${PROJECT_SOURCE_DIR}/src/lib/torture.h)
    target_compile_definitions(${target} PRIVATE PANOS_TORTURE=1)
  endif()
endfunction()
