#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_logs.sh -- log export figures from a local pansim, side by side in one run:
#  1. pansim: time to first byte of a FIN answer of 5,000 traffic entries (its generation), and
#     of the same page with skip=90000 (constant time without a filter);
#  2. one 5,000-entry page: CPU of panctl logs -o json against the receive-and-convert baseline
#     (curl's CPU to receive the same answer, plus bench_logparse's parse and minimal writer);
#  3. export N traffic logs with panctl logs -o json at default settings, with 2 and with 1 log
#     jobs in flight: wall time, entries/s, peak RSS (GNU time), and pansim's own generation
#     time for N entries (bench_simlog's warm figure per page, times the pages) and the ratio.
# pansim builds a job's page when the job is enqueued (a worker thread), so the time to first
# byte of section 1 is the answer's delivery once built, not its generation: the generation is
# bench_simlog's figure and pansim's CPU per answer.
# Loopback only; pansim stops by itself.
# Usage: [POLL_MS=MS] [JOBS="2 1"] bench/bench_logs.sh [BUILD_DIR] [COUNT...]
#   (default: build-bench 100000 1000000)
# POLL_MS: adds --poll-ms MS to panctl (default: none, the documented schedule).
# JOBS: the --jobs-in-flight values to run section 3 with (default "2 1").
# JOB_MS: how long pansim keeps a log job ACT (--log-job-ms, default 20): a real firewall takes
#   hundreds of ms or more per query, and that wait is what a second job in flight hides.
set -eu
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
COUNTS=${*:-100000 1000000}
[ -x /usr/bin/time ] || { echo "bench_logs.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench_logs.sh: needs curl" >&2; exit 1; }
max=0
for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --logs $((max + 100000)) --log-rate 0 \
    --log-job-ms "${JOB_MS:-20}" --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"
url="http://127.0.0.1:$port/api/"
# The key goes in a header file, never in argv.
printf 'X-PAN-KEY: %s\n' "$(cat "$dir/key")" >"$dir/hdr"

# enqueue ARGS...: a traffic log job of 5,000 entries; prints its id.
enqueue() {
    curl -s -H @"$dir/hdr" -d type=log -d log-type=traffic -d nlogs=5000 "$@" "$url" |
        sed -n 's:.*<job>\([0-9]*\)</job>.*:\1:p'
}
# fetch ID OUT: wait until the job is done, then fetch its answer into OUT; prints the time to
# first byte of that answer in ms.
fetch() {
    sleep "$(awk -v ms="${JOB_MS:-20}" 'BEGIN { print (ms < 50 ? 0.1 : ms / 1000 + 0.05) }')"
    curl -s -H @"$dir/hdr" -d type=log -d action=get -d job-id="$1" -o "$2" \
        -w '%{time_starttransfer}\n' "$url" | awk '{ printf "%.1f", $1 * 1000 }'
}
best() { sort -n | head -1; }

# pansim's CPU so far in ms (utime + stime of /proc/PID/stat, in clock ticks).
sim_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$pid/stat"; }

"$BUILD/bench/bench_simlog" 5000 10 >"$dir/simlog"
genms=$(sed -n 's/.*best of [0-9]*: \([0-9.]*\) ms CPU.*/\1/p' "$dir/simlog")
echo "1. pansim: generating 5,000 traffic entries (bench_simlog, no HTTP): $genms ms CPU (warm);"
echo "   a FIN answer of 5,000 entries: time to first byte (best of 5; the page is built when the"
echo "   job is enqueued) and pansim's CPU per job, built and sent (mean of 5, /proc; 10 ms ticks)"
for skip in 0 90000; do
    c0=$(sim_cpu)
    t=$(for i in 1 2 3 4 5; do fetch "$(enqueue -d skip=$skip)" "$dir/page.xml"; echo; done | best)
    c1=$(sim_cpu)
    printf '   skip=%-6s %8s ms first byte, %6.1f ms CPU  (%s bytes)\n' "$skip" "$t" \
        "$(echo "$c0 $c1" | awk '{ print ($2 - $1) / 5 }')" "$(wc -c <"$dir/page.xml")"
done

# cpu_ms COMMAND...: the CPU (user + system) of one run in ms (its output thrown away), to
# 0.01 ms with perf(1)'s task-clock when linux-perf is installed, else in GNU time's 10 ms steps.
if perf stat -x, -e task-clock -o "$dir/perf" true 2>/dev/null; then
    clock="perf task-clock"
    cpu_ms() {
        perf stat -x, -e task-clock -o "$dir/perf" "$@" >/dev/null
        awk -F, '/task-clock/ { printf "%.2f\n", $1 }' "$dir/perf"
    }
else
    clock="GNU time, 10 ms steps"
    cpu_ms() {
        /usr/bin/time -f '%U %S' -o "$dir/t" "$@" >/dev/null
        awk '{ printf "%.0f\n", ($1 + $2) * 1000 }' "$dir/t"
    }
fi
echo "2. one 5,000-entry page to JSON lines, CPU ms (best of 5; $clock)"
id=$(enqueue)
fetch "$id" "$dir/page.xml" >/dev/null
recv=$(for i in 1 2 3 4 5; do
    cpu_ms curl -s -H @"$dir/hdr" -d type=log -d action=get -d job-id="$id" -o /dev/null "$url"
done | best)
"$BUILD/bench/bench_logparse" 0 5 "$dir/a.jsonl" "$dir/b.jsonl" "$dir/page.xml" >"$dir/lp"
sed 's/^/   bench_logparse on that page: /' "$dir/lp"
conv=$(awk '/^to JSON lines: minimal writer/ { print $7 }' "$dir/lp")
rm -f "$dir/a.jsonl" "$dir/b.jsonl"
cpu=$(for i in 1 2 3 4 5; do
    cpu_ms "$PANCTL" -H 127.0.0.1 -P "$port" --http -K "$dir/key" logs --type traffic -n 5000 \
        -o json --no-progress --poll-ms 20
done | best)
awk -v r="$recv" -v c="$conv" -v p="$cpu" 'BEGIN {
    printf "   baseline: curl receive %.1f ms + parse and minimal writer %.1f ms = %.1f ms\n", r, c, r + c
    printf "   panctl logs -n 5000 -o json: %.1f ms CPU (ratio %.2f)\n", p, p / (r + c) }'

echo "3. panctl logs --type traffic -o json ${POLL_MS:+--poll-ms $POLL_MS }(JSON lines to a file;" \
    "log jobs ACT for ${JOB_MS:-20} ms)"
printf '%5s %10s %8s %10s %12s %10s %8s %13s %6s\n' jobs entries wall_s entries/s \
    peak_rss_MB lines cpu_s pansim_gen_s ratio
for n in $COUNTS; do
    for j in ${JOBS:-2 1}; do
        /usr/bin/time -f '%e %M %U %S' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http \
            -K "$dir/key" logs --type traffic -n "$n" -o json --no-progress --jobs-in-flight "$j" \
            ${POLL_MS:+--poll-ms "$POLL_MS"} >"$dir/out.jsonl"
        read -r wall rss user sys <"$dir/time"
        lines=$(wc -l <"$dir/out.jsonl")
        awk -v j="$j" -v n="$n" -v w="$wall" -v r="$rss" -v l="$lines" -v g="$genms" \
            -v c="$user" -v s="$sys" 'BEGIN { gen = g * n / 5000 / 1000
            printf "%5d %10d %8.2f %10.0f %12.1f %10d %8.2f %13.2f %6.2f\n", j, n, w,
                   (w > 0 ? n / w : 0), r / 1024, l, c + s, gen, (gen > 0 ? w / gen : 0) }'
    done
done
