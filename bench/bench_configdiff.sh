#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_configdiff.sh -- `panctl config diff` of two generated configurations of N addresses and
# N/8 security rules (the second with 0.1% of addresses removed, changed and added, rules moved
# and members added): file size, wall time, peak RSS of panctl (GNU time), changes found.
# Usage: bench/bench_configdiff.sh [BUILD_DIR] [ADDRESSES...]  (default: build-bench 150000)
set -eu
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
COUNTS=${*:-150000}
PANCTL=$BUILD/src/cli/panctl
[ -x /usr/bin/time ] || { echo "bench_configdiff.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
[ -x "$PANCTL" ] || { echo "bench_configdiff.sh: no $PANCTL" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-configdiff.XXXXXX")
trap 'rm -rf "$dir"' EXIT HUP INT TERM

# gen N VARIANT: a <config> with N address entries and N/8 rules; VARIANT 1 changes it.
gen() {
    awk -v n="$1" -v v="$2" 'BEGIN {
        print "<config version=\"10.2.0\" urldb=\"paloaltonetworks\"><devices><entry name=\"localhost.localdomain\"><vsys><entry name=\"vsys1\">"
        print "<address>"
        for (i = 0; i < n; i++) {
            if (v && i % 1000 == 7) continue
            ip = sprintf("10.%d.%d.%d/32", int(i / 65536) % 256, int(i / 256) % 256, i % 256)
            if (v && i % 1000 == 9) ip = "10.255.255.1/32"
            printf "  <entry name=\"addr-%06d\"><ip-netmask>%s</ip-netmask><description>generated %d</description><tag><member>t%d</member><member>t%d</member></tag></entry>\n", i, ip, i, i % 7, i % 11
        }
        if (v) for (i = 0; i < n / 1000; i++) printf "  <entry name=\"new-%06d\"><fqdn>n%d.example.com</fqdn></entry>\n", i, i
        print "</address><rulebase><security><rules>"
        r = int(n / 8)
        for (k = 0; k < r; k++) {
            i = k
            if (v && k % 500 == 0 && k + 250 < r) i = k + 250      # swap pairs: moves
            else if (v && k % 500 == 250) i = k - 250
            m = ""
            for (j = 0; j < 5; j++) m = m sprintf("<member>addr-%06d</member>", (i * 7 + j) % n)
            if (v && i % 400 == 3) m = m "<member>addr-000001</member>"
            printf "  <entry name=\"rule-%06d\"><from><member>trust</member></from><to><member>untrust</member></to><source>%s</source><destination><member>any</member></destination><application><member>ssl</member></application><action>allow</action></entry>\n", i, m
        }
        print "</rules></security></rulebase></entry></vsys></entry></devices></config>"
    }'
}

echo "panctl config diff OLD NEW -o json (to a file): two generated configurations"
printf '%10s %8s %8s %12s %8s\n' addresses MB_each wall_s peak_rss_MB changes
for n in $COUNTS; do
    gen "$n" 0 >"$dir/a.xml"
    gen "$n" 1 >"$dir/b.xml"
    rc=0
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -o json config diff "$dir/a.xml" \
        "$dir/b.xml" >"$dir/out.json" || rc=$?
    [ "$rc" -eq 1 ] || { echo "bench_configdiff.sh: exit $rc, expected 1" >&2; exit 1; }
    tail -n 1 "$dir/time" >"$dir/time1" # GNU time adds "Command exited with non-zero status 1"
    read -r wall rss <"$dir/time1"
    size=$(wc -c <"$dir/a.xml")
    changes=$(grep -c '"change"' "$dir/out.json")
    printf '%10s %8s %8s %12s %8s\n' "$n" $((size / 1048576)) "$wall" $((rss / 1024)) "$changes"
done
