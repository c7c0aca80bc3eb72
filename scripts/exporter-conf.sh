#!/bin/sh
# SPDX-License-Identifier: MIT
# exporter-conf.sh -- print a panos_exporter configuration for local pansim firewalls: one
# [target fwN] per line of PORTS (127.0.0.1:PORT, plain HTTP, loopback only), the key in
# KEYFILE, TIMEOUT seconds per API call, every collector in [module default]. Used by
# tests/prometheus/e2e.sh and bench/bench_exporter.sh; write the output to a 0600 file.
# Usage: exporter-conf.sh PORTS KEYFILE TIMEOUT
set -eu
[ $# -eq 3 ] || { echo "usage: exporter-conf.sh PORTS KEYFILE TIMEOUT" >&2; exit 2; }
printf '[global]\nmax-inflight-per-target = 2\nmax-inflight = 256\n\n'
printf '[defaults]\nkey-file = %s\ntimeout = %s\n\n' "$2" "$3"
i=0
while read -r port; do
    i=$((i + 1))
    printf '[target fw%d]\nhost = 127.0.0.1:%s\nhttp = yes\n\n' "$i" "$port"
done <"$1"
printf '[module default]\ncollectors = system resources dataplane sessions interfaces ha'
printf ' content gp ipsec bgp licenses certificates environment disk\n'
