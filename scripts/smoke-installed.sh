#!/bin/sh
# SPDX-License-Identifier: MIT
# smoke-installed.sh -- install the .debs of DEBDIR (scripts/package.sh), use only what they
# installed, then purge them and check that nothing they installed is left. Needs root.
#   panctl --help and --version, man panctl, the bash completion; /usr/bin/pansim on a loopback
#   ephemeral port with keygen and op show system info against it; tests/install/pkgprog.c
#   built with pkg-config --cflags --libs libpanos, asking the same pansim; pansim(1), the
#   exporter's --help and unit file.
# Usage: scripts/smoke-installed.sh [DEBDIR]   (default build-deb)
set -eu
cd "$(dirname "$0")/.."
debdir=${1:-build-deb}
src=$(pwd)
fail() { echo "smoke-installed.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (apt-get install, apt-get purge)"
ls "$debdir"/*.deb > /dev/null || fail "no .deb in $debdir (scripts/package.sh)"
pkgs=$(for d in "$debdir"/*.deb; do dpkg-deb -f "$d" Package; done | tr '\n' ' ' | sed 's/ $//')
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2046
apt-get install -y -q --no-install-recommends $(for d in "$debdir"/*.deb; do echo "./$d"; done) \
    > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install failed"; }
for p in $pkgs; do dpkg -L "$p"; done | sort -u > "$work/files"
echo "smoke-installed.sh: installed $pkgs ($(wc -l < "$work/files") paths)"

# From here on only the installed files: a PATH without the tree, in a scratch directory.
cd "$work"
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
[ "$(command -v panctl)" = /usr/bin/panctl ] || fail "panctl is not /usr/bin/panctl"
panctl --help | grep -q '^usage: panctl' || fail "panctl --help"
panctl --version | grep -q '^libpanos .* libcurl/.* libxml2/.* jansson/' || fail "panctl --version"
man -w panctl | grep -q '^/usr/share/man/man1/panctl.1' || fail "man -w panctl"
MANPAGER=cat MANWIDTH=80 man panctl 2> /dev/null | grep -q 'EXIT STATUS' || fail "man panctl"
man -w pansim > /dev/null && man -w 8 panos_exporter > /dev/null && man -w 3 libpanos > /dev/null ||
    fail "man pages of pansim, panos_exporter, libpanos"
bash -c '. /usr/share/bash-completion/completions/panctl && complete -p panctl' |
    grep -q -- '-F _panctl' || fail "bash completion"
/usr/sbin/panos_exporter --help > /dev/null || fail "panos_exporter --help"
[ -f /lib/systemd/system/panos_exporter.service ] || fail "panos_exporter.service not installed"

# pansim on 127.0.0.1, an ephemeral port; keygen, then op show system info.
/usr/bin/pansim --port 0 --portfile "$work/port" --log "$work/pansim.log" 2> "$work/pansim.err" &
pid=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$work/port") || fail "pansim did not start"
echo admin | panctl -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    > "$work/key" || fail "keygen against /usr/bin/pansim"
chmod 600 "$work/key"
panctl -H 127.0.0.1 -P "$port" --http -K "$work/key" -o json op show system info \
    > "$work/info.json" || fail "op show system info"
hostname=$(jq -r '.. | .hostname? // empty' "$work/info.json" | head -n 1)
[ -n "$hostname" ] || fail "no hostname in op show system info: $(head -c 300 "$work/info.json")"

# A program outside the tree: only pkg-config libpanos, linked to /usr's libpanos.so.
# shellcheck disable=SC2046
cc -std=c99 -pedantic -Wall -Wextra -Werror $(pkg-config --cflags libpanos) \
    "$src/tests/install/pkgprog.c" $(pkg-config --libs libpanos) -o "$work/pkgprog" ||
    fail "pkgprog.c does not build with pkg-config libpanos"
ldd "$work/pkgprog" | grep -q 'libpanos.so.* => /.*lib/' || fail "pkgprog does not find the installed libpanos.so"
got=$("$work/pkgprog" 127.0.0.1 "$port" < "$work/key") || fail "pkgprog against pansim"
echo "$got" | grep -qx "hostname: $hostname" || fail "pkgprog printed: $got"
kill "$pid"
wait "$pid" 2> /dev/null || true
pid=
echo "smoke-installed.sh: panctl, man, completion, pansim (port $port, hostname $hostname)," \
    "keygen, op, pkg-config program: ok"

# Purge, and nothing of what the packages installed is left (directories shared with other
# packages, such as /usr/bin, stay).
cd "$src"
# shellcheck disable=SC2086
apt-get purge -y -q $pkgs > "$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "apt-get purge"; }
for p in $pkgs; do
    if dpkg-query -W -f='${Status}\n' "$p" 2> /dev/null | grep -q 'install ok'; then
        fail "$p still installed"
    fi
done
left=
while read -r f; do
    if [ -e "$f" ] && [ ! -d "$f" ]; then left="$left $f"; fi
done < "$work/files"
for d in /usr/include/panos $(for p in $pkgs; do echo "/usr/share/doc/$p"; done); do
    if [ -e "$d" ]; then left="$left $d"; fi
done
[ -z "$left" ] || fail "left behind after purge:$left"
echo "smoke-installed.sh: purged $pkgs; none of their $(grep -c . "$work/files") paths is left"
