#!/bin/sh
# SPDX-License-Identifier: MIT
# staged.sh -- `cmake --install` into a DESTDIR, then check what a package would ship: the
# programs, libpanos.so with its soname exporting exactly the PANOS_EXTERN calls of the public
# headers, libpanos.a, the headers, libpanos.pc, every man page in its section, completion, the
# exporter's unit and examples; and build tests/install/pkgprog.c against the staged tree with
# nothing but pkg-config libpanos, linked to the shared library and to the static one.
# Usage: staged.sh SRCDIR BUILD_DIR CC SCRATCH [SANITIZERS]
src=$1 build=$2 cc=$3 scratch=$4 san=$5
fail() { echo "staged.sh: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
DESTDIR=$scratch/stage cmake --install "$build" > "$scratch/install.log" 2>&1 ||
    { cat "$scratch/install.log"; exit 1; }
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
root=$scratch/stage$prefix
version=$(sed -n 's/^#define PANOS_VERSION_STRING "\(.*\)"$/\1/p' "$build/include/panos/version.h")
major=${version%%.*} rest=${version#*.} minor=${rest%%.*}
if [ "$major" = 0 ]; then soname=libpanos.so.0.$minor; else soname=libpanos.so.$major; fi

# The file list: each of these, and every man page of docs/man in its section.
for f in bin/panctl bin/pansim sbin/panos_exporter "$libdir/libpanos.a" "$libdir/libpanos.so" \
    "$libdir/$soname" "$libdir/libpanos.so.$version" "$libdir/pkgconfig/libpanos.pc" \
    include/panos/panos.h include/panos/version.h include/panos/common.h \
    share/bash-completion/completions/panctl share/zsh/site-functions/_panctl \
    lib/systemd/system/panos_exporter.service share/doc/panos/README.md \
    share/doc/panos/exporter/panos_exporter.conf.example \
    share/doc/panos/exporter/prometheus/panos.rules.yml; do
    [ -e "$root/$f" ] || fail "not installed: $prefix/$f"
done
for page in "$src"/docs/man/*.[1-8]; do
    name=${page##*/}
    [ -f "$root/share/man/man${name##*.}/$name" ] || fail "man page not installed: $name"
done
for h in "$src"/include/panos/*.h; do
    [ -f "$root/include/panos/${h##*/}" ] || fail "header not installed: ${h##*/}"
done
find "$root" -type f -perm /022 | grep . && fail "files writable by group or others"

# The shared library: its soname, and the public calls exported, nothing else.
readelf -d "$root/$libdir/libpanos.so.$version" | grep -q "SONAME.*\[$soname\]" ||
    fail "libpanos.so.$version: soname is not $soname"
nm -D --defined-only "$root/$libdir/libpanos.so.$version" | awk '$2 == "T" { print $3 }' |
    sort > "$scratch/exported"
# (a declaration may break its line anywhere before the parenthesis)
grep -hv '^#' "$src"/include/panos/*.h | tr '\n' ' ' | grep -o 'PANOS_EXTERN[^;(]*(' |
    sed 's/.*[ *]\([A-Za-z_0-9]*\) *($/\1/' | sort -u > "$scratch/declared"
[ -s "$scratch/declared" ] || fail "no PANOS_EXTERN declarations found"
diff "$scratch/declared" "$scratch/exported" > "$scratch/symbols.diff" || {
    echo "staged.sh: exported (>) and declared (<) calls differ:" >&2
    cat "$scratch/symbols.diff" >&2; exit 1; }

# A program outside the tree: pkg-config only, -std=c99 -pedantic, shared then static.
PKG_CONFIG_PATH=$root/$libdir/pkgconfig
PKG_CONFIG_LIBDIR=$PKG_CONFIG_PATH
export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
[ "$(pkg-config --modversion libpanos)" = "$version" ] || fail "pkg-config: version mismatch"
cflags=$(pkg-config --cflags libpanos) && libs=$(pkg-config --libs libpanos) &&
    slibs=$(pkg-config --static --libs libpanos) || fail "pkg-config --cflags --libs libpanos"
case "$cflags" in *"$root"*) ;; *) fail "pkg-config --cflags does not name the staged tree" ;; esac
[ -n "$san" ] && libs="$libs -fsanitize=$san" && slibs="$slibs -fsanitize=$san"
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror $cflags "$src/tests/install/pkgprog.c" $libs \
    -o "$scratch/prog-shared" || fail "pkgprog.c does not build against libpanos.so"
slibs=$(echo "$slibs" | sed 's/-lpanos\b/-l:libpanos.a/')
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror $cflags "$src/tests/install/pkgprog.c" $slibs \
    -o "$scratch/prog-static" || fail "pkgprog.c does not build against libpanos.a"
readelf -d "$scratch/prog-shared" | grep -q "NEEDED.*\[$soname\]" ||
    fail "prog-shared does not need $soname"
readelf -d "$scratch/prog-static" | grep -q "NEEDED.*libpanos" && fail "prog-static needs libpanos.so"
for p in prog-shared prog-static; do
    out=$(LD_LIBRARY_PATH=$root/$libdir "$scratch/$p") || fail "$p failed: $out"
    case "$out" in "libpanos $version libcurl/"*" libxml2/"*) ;; *) fail "$p printed: $out" ;; esac
done
echo "staged.sh: $(find "$root" -type f | wc -l) files staged, $(wc -l < "$scratch/exported") calls exported by $soname, pkg-config program built shared and static"
