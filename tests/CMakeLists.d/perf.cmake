# SPDX-License-Identifier: MIT
# The hot paths written by hand, proven against what they replace.
# panctl's JSON lines writer of log rows against jansson, byte for byte.
panos_frontend_test(clijsonl unit_cli/test_jsonl.c src/cli SOURCES ${CLI_OUTPUT}
  LIBS PkgConfig::JANSSON DEFS LOGPARSE_CORPUS="${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/logparse")
# panctl's CSV and streamed table lines of log rows against the writer they replaced.
panos_frontend_test(clirowline unit_cli/test_rowline.c src/cli SOURCES ${CLI_OUTPUT}
  LIBS PkgConfig::JANSSON
  DEFS LOGPARSE_CORPUS="${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/logparse")
