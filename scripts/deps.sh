#!/bin/sh
# SPDX-License-Identifier: MIT
# deps.sh -- install the Debian packages panctl needs (as root), or print the apt-get line.
set -eu

PKGS="build-essential cmake pkg-config libcurl4-openssl-dev libxml2-dev libssl-dev
libmicrohttpd-dev libcmocka-dev libjansson-dev ieee-data jq groff-base curl ca-certificates
time libarchive-dev"

# promtool and a Prometheus server for the tests of contrib/prometheus (tests/prometheus/).
PKGS="$PKGS prometheus"
# tshark reads the packet captures pansim serves (tests/cases/045x-pcap-*).
PKGS="$PKGS tshark"
# xmllint and headless Chromium for the HTML report of panctl investigate (cases 0425, 0427).
PKGS="$PKGS libxml2-utils chromium"
# SQLite for panctl prisma sync, and its shell for the sync cases (050x).
PKGS="$PKGS libsqlite3-dev sqlite3"
# Packaging and the installed-package smoke test (scripts/package.sh, smoke-installed.sh);
# zsh for the completion test (tests/completion/completion.sh).
PKGS="$PKGS debhelper dpkg-dev fakeroot lintian man-db zsh"
# clang builds the libFuzzer targets that scripts/fuzz.sh runs in CI.
PKGS="$PKGS clang"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
# Debian's prometheus package enables and starts a system service on port 9090. The tests start
# their own servers on ephemeral loopback ports and never need it: stop and disable the service
# when this script is what installed the package.
case " $missing " in
*" prometheus "*)
    if [ -d /run/systemd/system ]; then
        systemctl disable --now prometheus.service || true
    elif [ -x /etc/init.d/prometheus ]; then
        invoke-rc.d prometheus stop || true
        update-rc.d prometheus disable || true
    fi
    ;;
esac
