# SPDX-License-Identifier: MIT
# Unit tests of the front ends' own code (pansim in src/sim, panctl in src/cli): each compiles
# the test with the sources it covers, since the front ends are programs, not libraries.

# panos_frontend_test(NAME TEST_SOURCE SRC_DIR SOURCES ... [LIBS ...] [DEFS ...]):
# the executable test_NAME and the ctest unit/NAME.
function(panos_frontend_test name test_src src_dir)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;DEFS" ${ARGN})
  add_executable(test_${name} ${CMAKE_CURRENT_SOURCE_DIR}/${test_src} ${T_SOURCES})
  target_compile_definitions(test_${name} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE
    ${T_DEFS})
  target_include_directories(test_${name} PRIVATE ${PROJECT_SOURCE_DIR}/${src_dir}
    ${CMAKE_CURRENT_SOURCE_DIR}/unit)
  # libxml2: pansim uses it itself, and the tests build their own trees (libpanos links it
  # privately).
  target_link_libraries(test_${name} PRIVATE panos LibXml2::LibXml2 PkgConfig::CMOCKA ${T_LIBS})
  # pansim's certificates (OpenSSL) and device-state bundles (libarchive), in SIM_WORLD.
  target_link_libraries(test_${name} PRIVATE PkgConfig::LIBARCHIVE OpenSSL::Crypto)
  panos_warnings(test_${name})
  add_test(NAME unit/${name} COMMAND test_${name})
  # unit/simworld generates a whole log store: about 30 s under ASan, more on a loaded machine.
  set_tests_properties(unit/${name} PROPERTIES LABELS unit TIMEOUT 180
    ENVIRONMENT "${PANOS_TEST_ENV}")
endfunction()

set(SIM ${PROJECT_SOURCE_DIR}/src/sim)
set(CLI ${PROJECT_SOURCE_DIR}/src/cli)
file(GLOB SIM_OP CONFIGURE_DEPENDS ${SIM}/simop*.c)
# show jobs lists the commit and validate jobs (simcommit.c) among the device's own.
list(APPEND SIM_OP ${SIM}/simcommit.c ${SIM}/simcommit_apply.c)
list(APPEND SIM_OP ${SIM}/simuserid.c ${SIM}/simuserid_msg.c)
set(SIM_LOGS ${SIM}/logstore.c ${SIM}/logstore_types.c ${SIM}/logfilter.c)
list(APPEND SIM_LOGS ${SIM}/logxml.c)
# The packet-capture exports read the log store.
list(APPEND SIM_LOGS ${SIM}/simpcap.c ${SIM}/simpcap_file.c)
set(SIM_WORLD ${SIM}/simreq.c ${SIM}/simworld.c ${SIM}/simconfig.c ${SIM}/simconfig_write.c
  ${SIM}/simconfig_lock.c)
# type=export and the --config-size padding (beside the config tree it reads).
list(APPEND SIM_WORLD ${SIM}/simexport.c)
# type=import: saved configurations and certificates (simexport.c exports the latter).
list(APPEND SIM_WORLD ${SIM}/simimport.c ${SIM}/simcert.c)
# The monitored parts of the config: certificates and IPsec tunnels.
list(APPEND SIM_WORLD ${SIM}/simconfig_mon.c)
# The dynamic address groups' tag filters (the config, commit validation, op answers).
list(APPEND SIM_WORLD ${SIM}/simdag.c)

# The case file reader and scripted replies.
panos_frontend_test(casefile unit_sim/test_casefile.c src/sim
  SOURCES ${SIM}/casefile.c ${SIM}/script.c ${SIM}/inject.c DEFS PANOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# The config tree and its type=config get/show answers.
panos_frontend_test(simconfig unit_sim/test_simconfig.c src/sim SOURCES ${SIM_WORLD})
# What a commit makes of the candidate: partial scopes and validation (simcommit_apply.c).
panos_frontend_test(simcommit unit_sim/test_simcommit.c src/sim SOURCES ${SIM_WORLD}
  ${SIM}/simcommit_apply.c)
# The type=config writes on the candidate (simconfig_write.c) and their answers.
panos_frontend_test(simconfig_write unit_sim/test_simconfig_write.c src/sim SOURCES ${SIM_WORLD})
# type=import, load config from, and the certificate and device-state exports.
panos_frontend_test(simimport unit_sim/test_simimport.c src/sim SOURCES ${SIM_WORLD}
  DEFS PANOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# The generated log store and the filter evaluator.
panos_frontend_test(simlog unit_sim/test_simlog.c src/sim SOURCES ${SIM_LOGS} ${SIM_WORLD})
# The tag filter of dynamic address groups.
panos_frontend_test(simdag unit_sim/test_simdag.c src/sim SOURCES ${SIM}/simdag.c ${SIM}/simworld.c)
# type=op answers: the dispatcher and its family files.
panos_frontend_test(simop unit_sim/test_simop.c src/sim SOURCES ${SIM_OP} ${SIM_WORLD})
# One consistent device: config, op answers and generated logs describe the same network.
panos_frontend_test(simworld unit_sim/test_simworld.c src/sim
  SOURCES ${SIM_OP} ${SIM_LOGS} ${SIM_WORLD})
# Every element path of the recorded PAN-OS answers (tests/fixtures/panos) is in pansim's.
panos_frontend_test(simfidelity unit_sim/test_fidelity.c src/sim
  SOURCES ${SIM_OP} ${SIM_LOGS} ${SIM_WORLD}
  DEFS PANSIM_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/panos")
# The device: keygen, key checks and the API-key lifecycle, and the /pansim/admin hook.
panos_frontend_test(simdevice unit_sim/test_device.c src/sim
  SOURCES ${SIM}/device.c ${SIM}/device_admin.c ${SIM}/simmacvendor.c ${SIM}/loghandler.c
  ${SIM}/simreport.c ${SIM_OP} ${SIM_LOGS}
  ${SIM_WORLD} LIBS pthread)
# Log jobs: pages built ahead by the worker, finished or freed while being built.
panos_frontend_test(simlogjobs unit_sim/test_logjobs.c src/sim
  SOURCES ${SIM}/loghandler.c ${SIM_LOGS} ${SIM_WORLD} LIBS pthread)

# panctl's option tables, number parsers and host parsing.
panos_frontend_test(cliparse unit_cli/test_cliparse.c src/cli
  SOURCES ${CLI}/opts.c ${CLI}/host.c ${CLI}/msg.c LIBS PkgConfig::JANSSON)
# panctl check: the Nagios range parser and the df, top and date parsers.
panos_frontend_test(clicheck unit_cli/test_check.c src/cli
  SOURCES ${CLI}/check_range.c ${CLI}/check_parse.c LIBS m)
# panctl's output layer (XML, JSON, text tables, rows).
file(GLOB CLI_OUTPUT CONFIGURE_DEPENDS ${CLI}/output*.c)
panos_frontend_test(clioutput unit_cli/test_output.c src/cli SOURCES ${CLI_OUTPUT}
  LIBS PkgConfig::JANSSON)
# panctl investigate: the bounded tallies and the HTML escaping.
panos_frontend_test(cliinvestigate unit_cli/test_investigate.c src/cli
  SOURCES ${CLI}/investigate_tally.c ${CLI}/investigate_html.c ${CLI}/xmlesc.c
  ${CLI}/investigate_textform.c LIBS PkgConfig::JANSSON)
# panctl's worker pool (investigate, pcap get --all, userid): items, workers, stop.
panos_frontend_test(clipool unit_cli/test_pool.c src/cli SOURCES ${CLI}/pool.c LIBS pthread)
# panctl's streamed op listings (output_stream.c) against the whole-answer path, byte for byte.
panos_frontend_test(clioutstream unit_cli/test_outstream.c src/cli SOURCES ${CLI_OUTPUT}
  LIBS PkgConfig::JANSSON DEFS PANOS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
