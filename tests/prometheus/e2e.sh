#!/bin/sh
# SPDX-License-Identifier: MIT
# e2e.sh -- ctest prometheus/e2e: a real Prometheus server scrapes panos_exporter, which polls
# three pansim firewalls, through the relabelling of contrib/prometheus/prometheus-single.yml
# with the rules of contrib/prometheus/panos.rules.yml loaded. Checks, through Prometheus's HTTP
# API, what an operator would look at: panos_up is 1 for every firewall after two scrapes, each
# firewall has series of the main families under its own instance label, the exporter's own
# metrics are scraped, every rule is loaded and evaluates healthy, PanosDown and
# PanosExporterDown are not pending; the API key is in no answer of the exporter and not in its
# debug log; then, with the firewalls gone, panos_up drops to 0 and PanosDown goes pending.
# Loopback only, ephemeral ports, a private temp dir; every process it starts is stopped on exit.
# Usage: e2e.sh PANOS_EXPORTER PANSIM PANCTL PROMETHEUS SRCDIR
set -eu
[ $# -eq 5 ] || { echo "usage: e2e.sh PANOS_EXPORTER PANSIM PANCTL PROMETHEUS SRCDIR" >&2; exit 2; }
exporter=$1 pansim=$2 panctl=$3 prometheus=$4 src=$5
for tool in curl jq; do
    command -v "$tool" >/dev/null || { echo "e2e: $tool not found (scripts/deps.sh)" >&2; exit 1; }
done
umask 077
dir=$(mktemp -d "${TMPDIR:-/tmp}/panos-e2e.XXXXXX")
pansim_pid="" exporter_pid="" prom_pid=""
# stop PID: SIGTERM and reap (set -e must not end the cleanup at a process that already exited).
stop() {
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    set +e
    stop "$prom_pid"
    stop "$exporter_pid"
    stop "$pansim_pid"
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE
fail() {
    echo "e2e: FAIL: $*" >&2
    for log in pansim exporter prometheus; do
        if [ -s "$dir/$log.err" ]; then
            echo "--- $log (last lines)" >&2
            tail -n 15 "$dir/$log.err" >&2
        fi
    done
    exit 1
}
# wait_for SECONDS DESCRIPTION COMMAND...: run COMMAND every 0.25 s until it succeeds.
wait_for() {
    limit=$(($1 * 4)) what=$2
    shift 2
    n=0
    until "$@"; do
        n=$((n + 1))
        [ "$n" -lt "$limit" ] || fail "no $what after $((limit / 4)) s"
        sleep 0.25
    done
}
# started PID NAME FILE N: FILE has N lines, and fail at once when NAME (PID) has exited.
started() {
    kill -0 "$1" 2>/dev/null || fail "$2 exited at start"
    [ -f "$3" ] && [ "$(wc -l <"$3")" -ge "$4" ]
}

# Three firewalls, one port each.
"$pansim" --port 0 --portfile "$dir/ports" --devices 3 --hostname fw --logs 1 --quit-after 300 \
    2>"$dir/pansim.err" &
pansim_pid=$!
wait_for 20 "pansim ports" started "$pansim_pid" pansim "$dir/ports" 3
printf 'admin\n' | "$panctl" -H 127.0.0.1 -P "$(head -n 1 "$dir/ports")" --http keygen -u admin \
    --password-stdin --save "$dir/fw.key" >/dev/null || fail "keygen against pansim"

# The exporter's configuration: the three firewalls by name, plain HTTP (loopback only).
sh "$src/scripts/exporter-conf.sh" "$dir/ports" "$dir/fw.key" 5 >"$dir/exporter.conf"
chmod 600 "$dir/exporter.conf"
"$exporter" --config "$dir/exporter.conf" --listen 127.0.0.1:0 --portfile "$dir/exporter.port" \
    --log-level debug 2>"$dir/exporter.err" &
exporter_pid=$!
wait_for 20 "exporter port" started "$exporter_pid" panos_exporter "$dir/exporter.port" 1
eport=$(head -n 1 "$dir/exporter.port")

# Prometheus runs the shipped single-exporter configuration, with the exporter, the target list
# and the rules file put in their local places and 1 s intervals.
printf -- "- targets: ['fw1', 'fw2', 'fw3']\n" >"$dir/firewalls.yml"
sed -e "s|192\.0\.2\.53:9654|127.0.0.1:$eport|g" \
    -e "s|targets/firewalls\.yml|$dir/firewalls.yml|" \
    -e "s|- panos\.rules\.yml|- $src/contrib/prometheus/panos.rules.yml|" \
    -e 's/\(scrape_interval\|scrape_timeout\|evaluation_interval\): [0-9]*s/\1: 1s/' \
    "$src/contrib/prometheus/prometheus-single.yml" >"$dir/prometheus.yml"
if grep -v '^ *#' "$dir/prometheus.yml" | grep -q '192\.0\.2\.\|: [0-9][0-9]s'; then
    fail "prometheus-single.yml changed: e2e.sh no longer rewrites all of it for loopback"
fi
"$prometheus" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address=127.0.0.1:0 2>"$dir/prometheus.err" &
prom_pid=$!
# Prometheus logs the port it bound: msg="Listening on" address=127.0.0.1:PORT
prom_port() {
    kill -0 "$prom_pid" 2>/dev/null || fail "prometheus exited at start"
    pport=$(sed -n 's/.*msg="Listening on" address=127\.0\.0\.1:\([0-9]*\).*/\1/p' \
        "$dir/prometheus.err" | head -n 1)
    [ -n "$pport" ]
}
wait_for 30 "prometheus port" prom_port
api="http://127.0.0.1:$pport/api/v1"
wait_for 30 "prometheus ready" curl -fs -o /dev/null "http://127.0.0.1:$pport/-/ready"

# query PROMQL: the number of series of an instant query (0 for none).
query() {
    curl -fs --max-time 5 -G "$api/query" --data-urlencode "query=$1" >"$dir/answer" || return 1
    jq -r '.data.result | length' "$dir/answer"
}
# scalar PROMQL: the value of a query that yields one number, or "none".
scalar() {
    curl -fs --max-time 5 -G "$api/query" --data-urlencode "query=$1" >"$dir/answer" || return 1
    jq -r '.data.result[0].value[1] // "none"' "$dir/answer"
}
is() { [ "$(scalar "$2")" = "$1" ]; }

wait_for 60 "two scrapes of each firewall" is 3 \
    'count(count_over_time(panos_up{job="panos"}[1m]) >= 2)'
wait_for 30 "panos_up == 1 on fw1, fw2 and fw3" is 3 \
    'count(panos_up{job="panos",instance=~"fw[123]"} == 1)'
echo "e2e: panos_up is 1 for fw1, fw2, fw3 after two scrapes each"
for family in panos_system_info panos_uptime_seconds panos_sessions_active panos_sessions_max \
    panos_interface_up panos_interface_receive_bytes_total panos_dataplane_cpu_ratio \
    panos_ha_enabled panos_scrape_duration_seconds panos_command_success; do
    wait_for 20 "$family for the three firewalls" is 3 \
        "count(count by (instance) ($family{job=\"panos\",instance=~\"fw[123]\"}))"
done
echo "e2e: every firewall has system_info, uptime, sessions, interfaces, dataplane cpu, ha series"
wait_for 20 "exporter self-metrics" is 1 'up{job="panos_exporter"}'
[ "$(query '{job="panos_exporter",__name__=~"panos_exporter_.+"}')" -gt 0 ] ||
    fail "no panos_exporter_* series on the exporter's /metrics"
[ "$(query '{job="panos_exporter",__name__=~"panos_(up|system_info)"}')" -eq 0 ] ||
    fail "firewall metrics on the exporter's own /metrics"

# Every rule of the file is loaded and has been evaluated without error.
nrules=$(grep -c '^ *- \(alert\|record\):' "$src/contrib/prometheus/panos.rules.yml")
rules_ok() {
    curl -fs --max-time 5 "$api/rules" >"$dir/rules.json" || return 1
    [ "$(jq '[.data.groups[].rules[] | select(.health == "ok")] | length' "$dir/rules.json")" \
        -eq "$nrules" ]
}
wait_for 20 "$nrules healthy rules in /api/v1/rules" rules_ok
echo "e2e: $nrules rules loaded, all healthy"
[ "$(query 'ALERTS{alertname=~"PanosDown|PanosExporterDown"}')" -eq 0 ] ||
    fail "PanosDown or PanosExporterDown pending or firing while all is well"

# The API key is in no answer of the exporter and not in its log.
key=$(head -n 1 "$dir/fw.key")
curl -fs --max-time 10 "http://127.0.0.1:$eport/probe?target=fw1&module=default" \
    >"$dir/probe.txt" || fail "GET /probe?target=fw1 of the exporter"
curl -fs --max-time 10 "http://127.0.0.1:$eport/metrics" >"$dir/metrics.txt" ||
    fail "GET /metrics of the exporter"
grep -q '^panos_up 1' "$dir/probe.txt" || fail "no panos_up 1 in a direct probe of fw1"
for f in probe.txt metrics.txt exporter.err; do
    if grep -qF "$key" "$dir/$f"; then
        fail "the API key appears in $f"
    fi
done

# The firewalls go away: the exporter still answers, with panos_up 0, and PanosDown is pending.
stop "$pansim_pid"
pansim_pid=""
wait_for 30 "panos_up == 0 on the three firewalls" is 3 'count(panos_up{job="panos"} == 0)'
wait_for 20 "PanosDown pending" is 3 \
    'count(ALERTS{alertname="PanosDown",alertstate="pending",severity="critical"})'
is 1 'up{job="panos",instance="fw1"}' || fail "the scrape itself failed when the firewall did"
echo "e2e: firewalls stopped: panos_up 0, PanosDown pending for fw1, fw2, fw3"
echo "e2e: PASS"
