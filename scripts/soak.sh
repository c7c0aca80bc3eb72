#!/bin/sh
# SPDX-License-Identifier: MIT
# soak.sh -- panos_exporter against N simulated firewalls for MINUTES, some of them faulty: slow
# (3 to 20 s an answer), hanging, failing (HTTP 500), down, and every key expiring each 2
# minutes (renewed from the credentials). For MINUTES of wall time, every INTERVAL seconds (or
# as soon as the previous round ends when it took longer) all targets are probed, 50 at once
# with a 10 s scrape timeout. Prints, at the start, the middle and the end, the exporter's RSS,
# open descriptors and sockets (measured between rounds, when no probe is in flight: transfers
# left pending would show as sockets that grow); and per round the probes answered 200, those
# later than the deadline, panos_up 1. Fails when a probe is not answered, or is late, or a
# firewall that is not faulty is not up (panos_up 1 fewer than the healthy devices), or when
# RSS or sockets at the end exceed the middle's by more than 20 % (and 4 MB / 8 sockets).
# Loopback only. Usage: scripts/soak.sh [BUILD_DIR] [MINUTES] [N] [INTERVAL]
#                       (default build 30 200 15; SOAK_SEED chooses the faulty devices)
set -eu
BUILD=${1:-build}
MINUTES=${2:-30}
N=${3:-200}
INTERVAL=${4:-15}
SEED=${SOAK_SEED:-1}
TIMEOUT=10
# Probes in flight at once (one curl process each).
PARALLEL=${SOAK_PARALLEL:-50}
EXPORTER=$BUILD/src/exporter/panos_exporter
NAME=soak
. "$(dirname "$0")/pansim-env.sh"
[ -x "$EXPORTER" ] || { echo "soak.sh: $EXPORTER not built" >&2; exit 1; }
command -v curl > /dev/null || { echo "soak.sh: needs curl" >&2; exit 1; }
[ "$N" -ge 20 ] && [ "$N" -le 1024 ] || { echo "soak.sh: N must be 20 to 1024" >&2; exit 2; }
exporter_pid=""
stop_all() {
    for p in $exporter_pid $pid; do
        kill "$p" 2> /dev/null || true
        wait "$p" 2> /dev/null || true
    done
    pid=""
    cleanup
}
trap stop_all EXIT
trap 'exit 1' INT TERM HUP PIPE

# One device in ten is faulty, at indexes drawn from SEED (never device 1, which mints the key).
faults=$(awk -v n="$N" -v seed="$SEED" 'BEGIN {
    srand(seed); split("slow hang fail down", kinds, " ")
    for (k = 0; k < n / 10; k++) {
        do { i = 2 + int(rand() * (n - 1)) } while (i in used || i > n)
        used[i] = 1; kind = kinds[1 + k % 4]
        if (kind == "slow") kind = "slow=" (3000 + int(rand() * 17000))
        printf "--fault %d:%s ", i, kind
    } }')
# shellcheck disable=SC2086
"$PANSIM" --port 0 --portfile "$dir/ports" --devices "$N" --hostname fw --logs 1 \
    --key-lifetime 2 --log "$dir/requests" --quit-after $((MINUTES * 120 + 1800)) $faults \
    2> "$dir/pansim.err" &
pid=$!
until [ -f "$dir/ports" ] && [ "$(wc -l < "$dir/ports")" -ge "$N" ]; do
    kill -0 "$pid" 2> /dev/null || { cat "$dir/pansim.err" >&2; exit 1; }
    sleep 0.05
done
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$(head -n 1 "$dir/ports")" --http keygen -u admin \
    --password-stdin --save "$dir/fw.key" > /dev/null
printf 'admin\n' > "$dir/pw"
sh "$(dirname "$0")/exporter-conf.sh" "$dir/ports" "$dir/fw.key" 5 |
    sed "s|^\[defaults\]|[defaults]\nuser = admin\npassword-file = $dir/pw|" > "$dir/exporter.conf"
chmod 600 "$dir/exporter.conf" "$dir/pw"
"$EXPORTER" --config "$dir/exporter.conf" --listen 127.0.0.1:0 --portfile "$dir/eport" \
    --log-level error 2> "$dir/exporter.err" &
exporter_pid=$!
wait_port "$dir/eport" "$exporter_pid" "$dir/exporter.err"
eport=$(head -n 1 "$dir/eport")
mkdir "$dir/body"

# "RSS_KB FDS SOCKETS" of the exporter.
usage() {
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$exporter_pid/status")
    fds=$(ls "/proc/$exporter_pid/fd" | wc -l)
    socks=$(ls -l "/proc/$exporter_pid/fd" 2> /dev/null | grep -c 'socket:' || true)
    echo "$rss $fds $socks"
}

echo "soak: panos_exporter, $N pansim firewalls ($(echo "$faults" | wc -w | awk '{print $1 / 2}')" \
    "faulty: $faults), keys expire every 2 min, $MINUTES min, a round every $INTERVAL s," \
    "scrape timeout $TIMEOUT s"
# Rounds until MINUTES of wall time have passed (a loaded machine makes rounds longer than
# INTERVAL: the soak still lasts MINUTES), at least two; the middle figures are taken at the
# first round that starts past half the time.
began=$(date +%s)
finish=$((began + MINUTES * 60))
healthy=$((N - $(echo "$faults" | wc -w) / 2))
middle=""
bad=0
r=0
while [ "$r" -lt 2 ] || [ "$(date +%s)" -lt "$finish" ]; do
    r=$((r + 1))
    start=$(date +%s)
    [ "$r" -eq 1 ] && first=$(usage) && printf 'start  %s\n' "$first"
    if [ -z "$middle" ] && [ "$r" -gt 1 ] && [ "$start" -ge $((began + MINUTES * 30)) ]; then
        middle=$(usage) && printf 'middle %s\n' "$middle"
    fi
    rm -f "$dir"/body/* "$dir/curl.err"
    # One curl per probe (curl --parallel starts the --max-time clock of queued transfers at
    # once, and they fail unsent), PARALLEL at a time.
    : > "$dir/times"
    seq 1 "$N" | xargs -P "$PARALLEL" -I{} curl -sS --max-time $((TIMEOUT + 5)) \
        -H "X-Prometheus-Scrape-Timeout-Seconds: $TIMEOUT" -w '%{http_code} %{time_total}\n' \
        -o "$dir/body/fw{}" "http://127.0.0.1:$eport/probe?target=fw{}" >> "$dir/times" \
        2>> "$dir/curl.err" || true
    up=$(cat "$dir"/body/* 2> /dev/null | grep -c '^panos_up 1' || true)
    line=$(awk -v n="$N" -v dl="$TIMEOUT" -v up="$up" -v r="$r" -v healthy="$healthy" '
        { if ($1 == 200) ok++; if ($2 > dl) late++; if ($2 > max) max = $2; code[$1]++ }
        END { printf "round %d: %d/%d answered 200, %d late, slowest %.2f s, panos_up 1: %d,",
              r, ok, n, late, max, up
              for (c in code) printf " HTTP %s: %d", (c == "000" ? "none" : c), code[c]
              printf "\n"; exit (ok != n || late > 0 || up < healthy) }' "$dir/times") || bad=1
    echo "$line"
    [ -s "$dir/curl.err" ] && sort "$dir/curl.err" | uniq -c | sort -rn | head -n 2
    rest=$((INTERVAL - ($(date +%s) - start)))
    [ "$rest" -gt 0 ] && sleep "$rest"
done
end=$(usage)
printf 'end    %s\n' "$end"
printf '(columns: RSS kB, open descriptors, sockets; measured between rounds)\n'
echo "pansim requests: $(grep -c 'POST /api/' "$dir/requests" || true)," \
    "keygens: $(grep -c 'type=keygen' "$dir/requests" || true)"
set -- ${middle:-$first} $end
awk -v mr="$1" -v ms="$3" -v er="$4" -v es="$6" 'BEGIN {
    if (er > mr * 1.2 && er - mr > 4096) { print "soak: RSS grew from " mr " to " er " kB"; exit 1 }
    if (es > ms * 1.2 && es - ms > 8) { print "soak: sockets grew from " ms " to " es; exit 1 } }' ||
    bad=1
kill -0 "$exporter_pid" 2> /dev/null || { echo "soak: the exporter died" >&2; exit 1; }
[ "$bad" -eq 0 ] && echo "soak: ok" || { echo "soak: FAILED" >&2; exit 1; }
