#!/bin/sh
# SPDX-License-Identifier: MIT
# install.sh -- install libpanos into a scratch prefix and build the libpanos(3) EXAMPLE there as
# a program outside the tree would: only pkg-config libpanos (static), no libxml2 flags, -std=c99 -pedantic.
# Usage: install.sh BUILD_DIR EXAMPLE_C CC SCRATCH [SANITIZERS]  (a sanitizer build's library
# needs the same -fsanitize= on the program's link line)
build=$1 example=$2 cc=$3 scratch=$4 san=$5
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log" 2>&1 || {
    cat "$scratch/install.log"; exit 1; }
pc=$(find "$scratch/prefix" -name libpanos.pc | head -n 1)
[ -n "$pc" ] || { echo "install.sh: no libpanos.pc installed" >&2; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags libpanos) || exit 1
libs=$(pkg-config --static --libs libpanos) || exit 1
# libpanos.a, not the libpanos.so beside it (tests/install/staged.sh links both).
libs=$(echo "$libs" | sed 's/-lpanos\b/-l:libpanos.a/')
case "$cflags" in
*libxml*) echo "install.sh: pkg-config --cflags libpanos brings libxml2: $cflags" >&2; exit 1 ;;
esac
[ "$(pkg-config --modversion libpanos)" = "$(sed -n 's/^#define PANOS_VERSION_STRING "\(.*\)"$/\1/p' \
    "$scratch/prefix/include/panos/version.h")" ] || { echo "install.sh: version mismatch" >&2; exit 1; }
[ -n "$san" ] && libs="$libs -fsanitize=$san"
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror $cflags "$example" $libs -o "$scratch/hostname" ||
    exit 1
# Without arguments the example prints its usage and exits 2: it links and runs.
"$scratch/hostname" > /dev/null 2> "$scratch/usage"
st=$?
[ "$st" -eq 2 ] && grep -q '^usage: ' "$scratch/usage" || {
    echo "install.sh: the installed example ran with status $st" >&2; cat "$scratch/usage" >&2; exit 1; }
echo "install.sh: installed, pkg-config panos $(pkg-config --modversion libpanos), example built"
