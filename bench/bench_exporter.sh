#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_exporter.sh -- panos_exporter probing N simulated firewalls: every INTERVAL seconds, one
# probe of every target, PARALLEL at a time (one curl --parallel process), as Prometheus would
# scrape them. Prints per round: probes answered 200, panos_up 1, late (over the exporter's
# deadline: the 25 s scrape timeout the probes announce, less 0.5 s), scrape duration p50/p99/max
# (curl's time_total), API requests per firewall and keygens seen by pansim, exporter and pansim
# CPU seconds; then the exporter's peak RSS (VmHWM). Loopback only; pansim plays the firewalls,
# CHUNK (environment, default 1024: pansim's --devices limit) devices per pansim process.
# Usage: bench/bench_exporter.sh [BUILD_DIR] [N] [ROUNDS] [PARALLEL] [INTERVAL]
#        (default: build-bench 1000 2 300 30)
set -eu
BUILD=${1:-build-bench}
N=${2:-1000}
ROUNDS=${3:-2}
PARALLEL=${4:-300}
INTERVAL=${5:-30}
CHUNK=${CHUNK:-1024}
TIMEOUT=25
EXPORTER=${EXPORTER:-$BUILD/src/exporter/panos_exporter}
[ -x "$EXPORTER" ] || { echo "bench_exporter.sh: $EXPORTER not built" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench_exporter.sh: needs curl" >&2; exit 1; }
NAME=bench-exporter
. "$(dirname "$0")/../scripts/pansim-env.sh"
pids=""
exporter_pid=""
stop_all() {
    for p in $exporter_pid $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    cleanup
}
trap stop_all EXIT
trap 'exit 1' INT TERM HUP PIPE

# The firewalls: ceil(N / CHUNK) pansim processes (pansim serves a bounded number of devices
# each), every request logged.
: >"$dir/ports"
left=$N
k=0
while [ "$left" -gt 0 ]; do
    k=$((k + 1))
    n=$((left < CHUNK ? left : CHUNK))
    "$PANSIM" --port 0 --portfile "$dir/ports.$k" --devices "$n" --hostname "fw$k" --logs 1 \
        --log "$dir/requests.$k" --quit-after 3600 2>"$dir/pansim.$k.err" &
    pids="$pids $!"
    until [ -f "$dir/ports.$k" ] && [ "$(wc -l <"$dir/ports.$k")" -ge "$n" ]; do
        kill -0 "$!" 2>/dev/null || { cat "$dir/pansim.$k.err" >&2; exit 1; }
        sleep 0.05
    done
    cat "$dir/ports.$k" >>"$dir/ports"
    left=$((left - n))
done
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$(head -n 1 "$dir/ports")" --http keygen -u admin \
    --password-stdin --save "$dir/fw.key" >/dev/null

sh "$(dirname "$0")/../scripts/exporter-conf.sh" "$dir/ports" "$dir/fw.key" 8 >"$dir/exporter.conf"
chmod 600 "$dir/exporter.conf"
"$EXPORTER" --config "$dir/exporter.conf" --listen 127.0.0.1:0 --portfile "$dir/exporter.port" \
    --log-level warn 2>"$dir/exporter.err" &
exporter_pid=$!
wait_port "$dir/exporter.port" "$exporter_pid" "$dir/exporter.err"
eport=$(head -n 1 "$dir/exporter.port")

# One curl config per round: every target, its body kept to read panos_up.
mkdir "$dir/body"
i=0
while [ "$i" -lt "$N" ]; do
    i=$((i + 1))
    printf 'url = "http://127.0.0.1:%s/probe?target=fw%d&module=default"\n' "$eport" "$i"
    printf 'output = "%s/body/fw%d"\n' "$dir" "$i"
done >"$dir/curl.conf"

requests() { cat "$dir"/requests.* 2>/dev/null | grep -c "$1" || true; }
# cpu_ticks PID...: user + system CPU of the processes, in clock ticks.
cpu_ticks() {
    for p in "$@"; do
        cat "/proc/$p/stat"
    done | awk '{ t += $14 + $15 } END { print t }'
}
hz=$(getconf CLK_TCK)

echo "panos_exporter: $N pansim firewalls on loopback ($k pansim processes), $ROUNDS rounds every" \
    "${INTERVAL} s, $PARALLEL probes at a time, scrape timeout ${TIMEOUT} s"
printf '%-5s %6s %6s %6s %5s %8s %8s %8s %7s %7s %7s %8s\n' round probes http200 up1 late \
    p50_s p99_s max_s api/fw keygens cpu_s sim_cpu_s
r=0
while [ "$r" -lt "$ROUNDS" ]; do
    r=$((r + 1))
    start=$(date +%s)
    all0=$(requests 'POST /api/')
    keys0=$(requests 'type=keygen')
    cpu0=$(cpu_ticks "$exporter_pid")
    sim0=$(cpu_ticks $pids)
    rm -f "$dir"/body/*
    curl -sS --no-progress-meter --parallel --parallel-max "$PARALLEL" --max-time $((TIMEOUT + 5)) \
        -H "X-Prometheus-Scrape-Timeout-Seconds: $TIMEOUT" \
        -w '%{http_code} %{time_total}\n' -K "$dir/curl.conf" >"$dir/times.$r" \
        2>"$dir/curl.err" || true
    cpu1=$(cpu_ticks "$exporter_pid")
    sim1=$(cpu_ticks $pids)
    calls=$(($(requests 'POST /api/') - all0))
    keys=$(($(requests 'type=keygen') - keys0))
    up=$(cat "$dir"/body/* 2>/dev/null | grep -c '^panos_up 1' || true)
    sort -k2 -n "$dir/times.$r" | awk -v n="$N" -v calls="$calls" -v keys="$keys" -v up="$up" \
        -v cpu="$(((cpu1 - cpu0) * 100 / hz))" -v sim="$(((sim1 - sim0) * 100 / hz))" \
        -v dl="$TIMEOUT" -v r="$r" '
        { t[NR] = $2; if ($1 == 200) ok++; if ($2 > dl - 0.5) late++ }
        END {
            p50 = t[int((NR * 50 + 99) / 100)]; p99 = t[int((NR * 99 + 99) / 100)]
            printf "%-5d %6d %6d %6d %5d %8.3f %8.3f %8.3f %7.1f %7d %7.2f %8.2f\n", r, NR,
                ok, up, late, p50, p99, t[NR], calls / n, keys, cpu / 100, sim / 100
        }'
    rest=$((INTERVAL - ($(date +%s) - start)))
    [ "$r" -lt "$ROUNDS" ] && [ "$rest" -gt 0 ] && sleep "$rest"
done
rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$exporter_pid/status")
cpu=$(awk -v hz="$hz" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$exporter_pid/stat")
echo "exporter peak RSS (VmHWM): $((rss / 1024)) MB; CPU total: $cpu s"
echo "late: over the exporter's deadline ($TIMEOUT s - 0.5 s); api/fw: requests pansim logged" \
    "during the round / $N; keygens: keygen requests during the round"
echo "exporter self-metrics:"
curl -s "http://127.0.0.1:$eport/metrics" | grep '^panos_exporter_' | head -n 20 || true
