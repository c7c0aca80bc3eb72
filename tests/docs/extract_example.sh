#!/bin/sh
# SPDX-License-Identifier: MIT
# extract_example.sh -- write the C program of a man page's EXAMPLE section (its .EX/.EE
# blocks, groff escapes undone) to OUT, so docs/examples compiles exactly what the page shows.
# Usage: extract_example.sh PAGE OUT [VERSION]  (VERSION: the .TH line must name it)
page=$1 out=$2 version=$3
if [ -n "$version" ] && ! grep -q "^\.TH .*\"libpanos $version\"" "$page"; then
    echo "extract_example.sh: $page: the .TH line does not say libpanos $version" >&2
    exit 1
fi
sed -n '/^\.SH EXAMPLE/,/^\.SH /p' "$page" |
    sed -n '/^\.EX/,/^\.EE/p' |
    sed -e '/^\.E[XE]/d' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\(aq/'"'"'/g' \
        -e 's/\\(dq/"/g' -e 's/\\&//g' > "$out.tmp" || exit 1
if ! grep -q 'main(' "$out.tmp"; then
    echo "extract_example.sh: $page: no program in its EXAMPLE section" >&2
    rm -f "$out.tmp"
    exit 1
fi
mv "$out.tmp" "$out"
