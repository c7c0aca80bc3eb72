#!/bin/sh
# SPDX-License-Identifier: MIT
# parity.sh -- panos_exporter(8) against the program: every long option of --help and every
# metric family of src/exporter/families.c is in the page, and groff formats it without warnings.
# Usage: parity.sh SOURCE_DIR PANOS_EXPORTER
set -u
src=$1
bin=$2
page=$src/docs/man/panos_exporter.8
status=0
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page")
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$text" | grep -q -- "$opt" ||
        { echo "parity: $opt not in panos_exporter.8"; status=1; }
done
for fam in $(sed -n 's/^ *{"\(panos_[a-z0-9_]*\)", "\(gauge\|counter\)".*/\1/p' \
    "$src/src/exporter/families.c"); do
    printf '%s\n' "$text" | grep -q "^\.B $fam\b" ||
        { echo "parity: $fam not in panos_exporter.8"; status=1; }
done
if command -v groff >/dev/null 2>&1; then
    out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$out" ] || { echo "parity: groff warns about panos_exporter.8: $out"; status=1; }
fi
[ $status -eq 0 ] && echo "parity: panos_exporter.8 ok"
exit $status
