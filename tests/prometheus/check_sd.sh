#!/bin/sh
# SPDX-License-Identifier: MIT
# check_sd.sh -- ctest prometheus/relabel: the relabelling of contrib/prometheus's example
# configurations, run by `promtool check service-discovery` (file discovery only, nothing is
# scraped). prometheus-single.yml: every firewall of targets/firewalls.yml is scraped once, at
# the exporter, with ?target=NAME&module=default and instance=NAME. prometheus-sharded.yml: the
# same, every firewall in exactly one shard, each shard at its own exporter, job="panos"; and
# 300 generated names split between the three shards with none holding under 60.
# Usage: check_sd.sh SRCDIR [PROMTOOL]
set -eu
src=$1
promtool=${2:-promtool}
command -v jq >/dev/null || { echo "check_sd: jq not found (scripts/deps.sh)" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/panos-sd.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() {
    echo "check_sd: FAIL: $*" >&2
    exit 1
}

# labels CONFIG JOB: one line per kept target: instance target module address job.
labels() {
    (cd "$(dirname "$1")" && "$promtool" check service-discovery --timeout=2s "$(basename "$1")" \
        "$2") \
        2>/dev/null | jq -r '.[] | select(.labels != {}) | .labels |
        [.instance, .__param_target, .__param_module, .__address__, .job] | join(" ")'
}
# names FILE: the target names of a file_sd list, sorted.
names() {
    sed -n "s/^- targets: *\[\(.*\)\]/\1/p" "$1" | tr ',' '\n' | tr -d " '\"" | sort
}

cfg=$src/contrib/prometheus
names "$cfg/targets/firewalls.yml" >"$dir/want"
[ -s "$dir/want" ] || fail "no targets in $cfg/targets/firewalls.yml"

labels "$cfg/prometheus-single.yml" panos >"$dir/single"
awk '$1 != $2 || $3 != "default" || $4 != "192.0.2.53:9654" || $5 != "panos"' "$dir/single" \
    >"$dir/bad"
[ -s "$dir/bad" ] && fail "single: wrong relabelling: $(cat "$dir/bad")"
cut -d' ' -f1 "$dir/single" | sort | diff "$dir/want" - || fail "single: targets differ"
echo "check_sd: prometheus-single.yml scrapes $(wc -l <"$dir/want") firewalls at the exporter"

# shards CONFIG_DIR: each firewall in one shard, at exporter 53 + shard; prints the counts.
shards() {
    : >"$dir/all"
    for k in 0 1 2; do
        labels "$1/prometheus-sharded.yml" "panos-shard-$k" >"$dir/shard$k"
        awk -v a="192.0.2.$((53 + k)):9654" \
            '$1 != $2 || $3 != "default" || $4 != a || $5 != "panos"' "$dir/shard$k" >"$dir/bad"
        [ -s "$dir/bad" ] && fail "shard $k: wrong relabelling: $(head -n 3 "$dir/bad")"
        cat "$dir/shard$k" >>"$dir/all"
        printf ' %s' "$(wc -l <"$dir/shard$k")"
    done
    cut -d' ' -f1 "$dir/all" | sort | diff "$2" - >/dev/null ||
        fail "sharded: not every firewall in exactly one shard"
}
counts=$(shards "$cfg" "$dir/want")
echo "check_sd: prometheus-sharded.yml splits them as$counts"

# The same with 300 firewalls: hashmod spreads them.
mkdir -p "$dir/big/targets"
cp "$cfg/prometheus-sharded.yml" "$cfg/panos.rules.yml" "$dir/big/"
i=0
while [ "$i" -lt 300 ]; do
    i=$((i + 1))
    echo "- targets: ['fw-$i']"
done >"$dir/big/targets/firewalls.yml"
names "$dir/big/targets/firewalls.yml" >"$dir/want300"
counts=$(shards "$dir/big" "$dir/want300")
for c in $counts; do
    [ "$c" -ge 60 ] || fail "300 firewalls split unevenly:$counts"
done
echo "check_sd: 300 firewalls split as$counts"
