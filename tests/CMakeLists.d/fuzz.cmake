# SPDX-License-Identifier: MIT
# Fuzzing of what parses network input: replay drivers over seed corpora (any compiler), and
# libFuzzer targets with clang and -DPANOS_FUZZ=ON (see docs/internals/fuzzing.md).
option(PANOS_FUZZ "Build libFuzzer targets (clang only)" OFF)

set(PANOS_FUZZERS response logparse cmdxml simfilter panrc configdiff xmlstream)
list(APPEND PANOS_FUZZERS logfilter apikey macvendor inventory prisma)
if(TARGET panos_exporter)
  list(APPEND PANOS_FUZZERS expconfig)
endif()
# Targets that fuzz pansim code compile its sources in (as tests/unit_sim do).
set(PANOS_FUZZ_SIM_SOURCES ${PROJECT_SOURCE_DIR}/src/sim/logstore.c
  ${PROJECT_SOURCE_DIR}/src/sim/logstore_types.c
  ${PROJECT_SOURCE_DIR}/src/sim/logfilter.c ${PROJECT_SOURCE_DIR}/src/sim/simreq.c
  ${PROJECT_SOURCE_DIR}/src/sim/simworld.c)
function(panos_fuzz_extras target name)
  if(name STREQUAL "simfilter")
    target_sources(${target} PRIVATE ${PANOS_FUZZ_SIM_SOURCES})
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/sim)
  endif()
  if(name STREQUAL "expconfig")
    # The parsers' sources compiled in (not the static library) so libFuzzer sees their edges.
    foreach(src collect_util col_system col_dataplane col_interfaces col_ha col_vpn col_slow
        commands metrics families strbuf config col_routes)
      target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/exporter/${src}.c)
    endforeach()
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/exporter)
  endif()
  if(name STREQUAL "inventory")
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/cli/backup_inv.c)
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/cli)
  endif()
endfunction()
foreach(name ${PANOS_FUZZERS})
  set(src ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${name}.c)
  add_executable(fuzz_replay_${name} ${src} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.c)
  target_compile_definitions(fuzz_replay_${name} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  panos_fuzz_extras(fuzz_replay_${name} ${name})
  target_link_libraries(fuzz_replay_${name} PRIVATE panos)
  panos_warnings(fuzz_replay_${name})
  add_test(NAME fuzz/replay-${name}
    COMMAND fuzz_replay_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${name})
  set_tests_properties(fuzz/replay-${name} PROPERTIES LABELS unit TIMEOUT 60
    ENVIRONMENT "${PANOS_TEST_ENV}")
endforeach()

if(PANOS_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PANOS_FUZZ=ON needs clang (CC=clang), not ${CMAKE_C_COMPILER_ID}")
  endif()
  # Coverage for the library too, or the fuzzer only sees the few lines of the entry points.
  target_compile_options(panos PRIVATE -fsanitize=fuzzer-no-link)
  foreach(name ${PANOS_FUZZERS})
    add_executable(fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${name}.c)
    target_compile_definitions(fuzz_${name} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
    panos_fuzz_extras(fuzz_${name} ${name})
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(fuzz_${name} PRIVATE panos)
    panos_warnings(fuzz_${name})
  endforeach()
endif()
