# SPDX-License-Identifier: MIT
# torture-exporter.sh -- sourced by scripts/torture.sh: panos_exporter started with
# PANOS_TORTURE=N, probed twice (the first probe, then again once its slow tier has completed its
# first refresh), then SIGTERM. A run is clean when the exporter either refuses to start (exit 1,
# or 3 for the configuration, one error line) or answers each probe with every series (name and
# labels) of the run without failure, or says what failed (panos_up 0, a command's success 0, a
# 5xx, or for the key's expiry the logged error), and then stops with exit 0; never a crash, a
# sanitizer report, a hang, a key freed unwiped or a series missing with no failure reported.
# Uses $BUILD, $T, $STRIDE, runs() and the TOTAL_ counters of torture.sh.

# The slow tier is refreshed in the background and never waited for, so whether a first probe
# carries it, or part of it, is a matter of timing. The reference run tells the tiers apart:
# pansim fails the first request of each slow command (commands.c) at once, so that run's first
# probe has the fast tier only; its own configuration refreshes the slow tier every second, so
# that a later probe has all of it.
EXP_SLOW_CMDS='cmd~<license> xpath~/config/shared/certificate cmd~<environmentals/>
cmd~<disk-space/> cmd~<high-availability><all/> cmd~<routing><route/>'

exp_inject() {
    i=0
    for m in $EXP_SLOW_CMDS; do
        i=$((i + 1))
        printf '%%%% reply %d match=%s nth=1 status=500\n\n' "$i" "$m"
    done
}

# exp_get FILE: one probe into FILE; prints the HTTP status.
exp_get() {
    curl -s -m 30 -o "$1" -w '%{http_code}' "http://127.0.0.1:$(cat "$T/ep")/probe?target=fw1"
}

# series FILE: the series of a page (name and labels, without the value).
series() {
    grep -v '^#' "$1" | sed 's/ [^ ]*$//' | sort -u
}

# The commands a page reports (panos_command_success): a slow one appears once refreshed.
page_cmds() {
    sed -n 's/^panos_command_success{command="\([^"]*\)"}.*/\1/p' "$1" | sort -u
}

# complete FILE: every command of the reference run is on the page. With EXP_CONF=ref.conf: the
# first answer of each slow command failed, and its next refresh got through.
complete() {
    if [ -n "${EXP_CONF:-}" ]; then
        failed=$(grep -c 'errors_total{.*reason="http"} 1$' "$1")
        [ "$failed" -eq "$(echo $EXP_SLOW_CMDS | wc -w)" ] &&
            ! grep -q '^panos_command_success{.*} 0$' "$1"
        return
    fi
    page_cmds "$1" >"$T/cmds"
    [ -z "$(comm -13 "$T/cmds" "$T/ref.cmds")" ]
}

# exp_run N: one exporter run; sets $code (first probe's HTTP status, "-" when it did not start),
# $code2 (the second's, "-" when there was none, "slow" when the slow tier never completed), $st
# (exit status), $calls and $secrets; the probes in $T/p1.txt and $T/p2.txt, stderr in
# $T/exp.err.
exp_run() {
    rm -f "$T/ep" "$T/count" "$T/p1.txt" "$T/p2.txt"
    PANOS_TORTURE=$1 PANOS_TORTURE_COUNT=$T/count PANOS_TORTURE_SECRET=$(cat "$T/key") \
        "$BUILD/src/exporter/panos_exporter" --config "$T/${EXP_CONF:-exp.conf}" \
        --listen 127.0.0.1:0 --portfile "$T/ep" --log-level error 2>"$T/exp.err" &
    epid=$!
    i=0
    while [ ! -s "$T/ep" ] && kill -0 "$epid" 2>/dev/null && [ $i -lt 400 ]; do
        sleep 0.05; i=$((i + 1))
    done
    code=- code2=-
    if [ -s "$T/ep" ]; then
        code=$(exp_get "$T/p1.txt")
        if [ "$code" = 200 ] && grep -qx 'panos_up 1' "$T/p1.txt"; then
            code2=slow i=0
            while [ $i -lt 100 ]; do
                c=$(exp_get "$T/p2.txt")
                [ "$c" = 200 ] && ! complete "$T/p2.txt" || { code2=$c; break; }
                sleep 0.05; i=$((i + 1))
            done
        fi
        kill -TERM "$epid" 2>/dev/null
    fi
    i=0
    while kill -0 "$epid" 2>/dev/null && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
    kill -0 "$epid" 2>/dev/null && { kill -KILL "$epid"; echo "did not stop" >>"$T/exp.err"; }
    wait "$epid"
    st=$?
    epid=""
    calls=$(awk '$1 > m { m = $1 } END { print m + 0 }' "$T/count" 2>/dev/null)
    secrets=$(awk '{ s += $2 } END { print s + 0 }' "$T/count" 2>/dev/null)
}

# page_verdict FILE REF: empty when the page has every series of REF or says what failed, else
# why.
page_verdict() {
    series "$1" | comm -13 - "$2" >"$T/missing"
    [ -s "$T/missing" ] || return 0
    grep -qE '^panos_up 0$|^panos_command_success\{.*\} 0$' "$1" && return 0
    if [ "$(cat "$T/missing")" = panos_api_key_expiry_timestamp_seconds ] &&
        grep -q "the API key's expiry is not known" "$T/exp.err"; then return 0; fi
    echo "samples missing and no failure reported: $(head -3 "$T/missing" | tr '\n' ' ')"
}

# exp_verdict: empty when the run was clean, else why.
exp_verdict() {
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|Assertion|did not stop' "$T/exp.err"
    then echo "sanitizer report, assertion or hang"; return; fi
    [ "${secrets:-0}" -eq 0 ] || { echo "$secrets freed block(s) held the key"; return; }
    if [ "$code" = - ]; then
        case $st in 1|3) ;; *) echo "did not start, exit $st (expected 1, or 3 for the configuration)"; return ;; esac
        [ "$(wc -l <"$T/exp.err")" -eq 1 ] || { echo "did not start: not one error line"; return; }
        grep -qE '^panos_exporter: error: .*[[:alnum:]]' "$T/exp.err" ||
            echo "did not start: the error line gives no reason"
        return
    fi
    [ "$st" -eq 0 ] || { echo "exit $st after SIGTERM"; return; }
    case $code in
    5??) return ;;
    200) ;;
    *) echo "probe answered HTTP $code"; return ;;
    esac
    why=$(page_verdict "$T/p1.txt" "$T/ref1.series")
    [ -z "$why" ] || { echo "first probe: $why"; return; }
    case $code2 in
    -|5??) ;;
    slow) echo "the slow tier did not complete its first refresh" ;;
    200)
        why=$(page_verdict "$T/p2.txt" "$T/ref.series")
        [ -z "$why" ] || echo "second probe: $why" ;;
    *) echo "second probe answered HTTP $code2" ;;
    esac
}

# exp_reference: the reference run (above), then a run with no failure, whose allocations are
# counted; sets $why when either does not pass. ref1.series: the series of a first probe (the
# fast tier: not the slow commands' own, nor panos_command_errors_total, which comes with a
# failure, nor panos_cache_age_seconds, once a slow command ended), ref.series: of a probe after
# the slow tier's second refresh (but panos_command_errors_total), ref.cmds: every command.
exp_reference() {
    printf '[global]\nslow-refresh = 1\n' | cat - "$T/exp.conf" >"$T/ref.conf"
    chmod 600 "$T/ref.conf"
    : >"$T/ref.cmds" >"$T/ref1.series" >"$T/ref.series"
    EXP_CONF=ref.conf
    exp_run 0
    EXP_CONF=""
    why=""
    if [ "$code" != 200 ] || [ "$code2" != 200 ]; then
        why="the probes answered HTTP $code and $code2 (EXP_SLOW_CMDS or commands.c changed?)"
        return
    fi
    page_cmds "$T/p2.txt" >"$T/ref.cmds"
    sed -n 's/^panos_command_errors_total{command="\([^"]*\)".*/command="\1"/p' "$T/p2.txt" \
        >"$T/slow.cmds"
    series "$T/p1.txt" | grep -vE '^panos_command_errors_total|^panos_cache_age_seconds' |
        grep -vFf "$T/slow.cmds" >"$T/ref1.series"
    series "$T/p2.txt" | grep -v '^panos_command_errors_total' >"$T/ref.series"
    grep -qx 'panos_api_key_expiry_timestamp_seconds' "$T/ref.series" ||
        { why="no panos_api_key_expiry_timestamp_seconds"; return; }
    exp_run 0
    why=$(exp_verdict)
}

torture_exporter() {
    exp_inject >"$T/hold.inject"
    "$BUILD/src/sim/pansim" --port 0 --portfile "$T/simport" --hostname fw --quit-after 3600 \
        --key-lifetime 600 --inject "$T/hold.inject" >"$T/sim.log" 2>&1 &
    simpid=$!
    i=0
    while [ ! -s "$T/simport" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
    printf 'admin\n' | "$BUILD/src/cli/panctl" -H 127.0.0.1 -P "$(cat "$T/simport")" --http \
        keygen -u admin --password-stdin --save "$T/key" >/dev/null 2>&1
    printf '[defaults]\nkey-file = %s\nhttp = yes\ntimeout = 10\n[target fw1]\nhost = 127.0.0.1:%s\n' \
        "$T/key" "$(cat "$T/simport")" >"$T/exp.conf"
    chmod 600 "$T/exp.conf"
    exp_reference
    if [ -n "$why" ]; then
        echo "panos_exporter: the run with no failure does not pass: $why (exit $st):"
        cat "$T/exp.err" "$T/sim.log" | head -20
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        kill "$simpid"; wait "$simpid"
        simpid=""
        return
    fi
    ref_calls=$calls tried=0 bad=0
    for n in $(runs "$ref_calls"); do
        tried=$((tried + 1))
        exp_run "$n"
        why=$(exp_verdict)
        [ -z "$why" ] && continue
        bad=$((bad + 1))
        echo "panos_exporter: PANOS_TORTURE=$n: $why (HTTP $code then $code2, exit $st)"
        sed 's/^/    /' "$T/exp.err" | head -40
    done
    kill "$simpid"; wait "$simpid"
    simpid=""
    echo "panos_exporter probe: $ref_calls allocations, $tried tried, $bad failed"
    TOTAL_RUNS=$((TOTAL_RUNS + tried))
    TOTAL_FAILED=$((TOTAL_FAILED + bad))
}
