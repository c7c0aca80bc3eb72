# SPDX-License-Identifier: MIT
# torture-exporter.sh -- sourced by scripts/torture.sh: panos_exporter started with
# PANOS_TORTURE=N, one probe of a pansim firewall, then SIGTERM. A run is clean when the exporter
# either refuses to start (exit 1, or 3 for the configuration, one error line) or answers the
# probe (the metric families of the run without failure, a probe that reports the failure:
# panos_up 0 or a command's success 0, or a 5xx) and then stops with exit 0; never a crash, a
# sanitizer report, a hang or a key freed unwiped. Families missing with no failure reported
# are printed as warnings, not failures: some collectors still drop samples on a failed
# allocation (docs/internals/torture.md, "Open").
# Uses $BUILD, $SRC, $T, $STRIDE, runs() and the TOTAL_ counters of torture.sh.

# exp_run N: one exporter run; sets $code (probe HTTP status, "-" when it did not start), $st
# (exit status) and $calls; the probe in $T/probe.txt, stderr in $T/exp.err.
exp_run() {
    rm -f "$T/ep" "$T/count" "$T/probe.txt"
    PANOS_TORTURE=$1 PANOS_TORTURE_COUNT=$T/count PANOS_TORTURE_SECRET=$(cat "$T/key") \
        "$BUILD/src/exporter/panos_exporter" --config "$T/exp.conf" --listen 127.0.0.1:0 \
        --portfile "$T/ep" --log-level error 2>"$T/exp.err" &
    epid=$!
    i=0
    while [ ! -s "$T/ep" ] && kill -0 "$epid" 2>/dev/null && [ $i -lt 400 ]; do
        sleep 0.05; i=$((i + 1))
    done
    code=-
    if [ -s "$T/ep" ]; then
        code=$(curl -s -m 30 -o "$T/probe.txt" -w '%{http_code}' \
            "http://127.0.0.1:$(cat "$T/ep")/probe?target=fw1")
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

metric_names() {
    sed -n 's/^\([a-z_]*\).*/\1/p' "$1" | sort -u
}

# exp_verdict N: empty when run N was clean, else why.
exp_verdict() {
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|Assertion|did not stop' "$T/exp.err"
    then echo "sanitizer report, assertion or hang"; return; fi
    [ "${secrets:-0}" -eq 0 ] || { echo "$secrets freed block(s) held the key"; return; }
    if [ "$code" = - ]; then
        case $st in 1|3) ;; *) echo "did not start, exit $st (expected 1, or 3 for the configuration)"; return ;; esac
        [ "$(wc -l <"$T/exp.err")" -eq 1 ] || echo "did not start: not one error line"
        return
    fi
    [ "$st" -eq 0 ] || { echo "exit $st after SIGTERM"; return; }
    case $code in
    5??) return ;;
    200) ;;
    *) echo "probe answered HTTP $code"; return ;;
    esac
    metric_names "$T/probe.txt" >"$T/names"
    missing=$(comm -13 "$T/names" "$T/ref.names" | head -3 | tr '\n' ' ')
    [ -z "$missing" ] && return
    grep -qE '^panos_up 0$|^panos_command_success\{.*\} 0$' "$T/probe.txt" ||
        echo "warning: metrics missing and no failure reported: $missing"
}

torture_exporter() {
    "$BUILD/src/sim/pansim" --port 0 --portfile "$T/simport" --hostname fw --quit-after 3600 \
        >"$T/sim.log" 2>&1 &
    simpid=$!
    i=0
    while [ ! -s "$T/simport" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
    printf 'admin\n' | "$BUILD/src/cli/panctl" -H 127.0.0.1 -P "$(cat "$T/simport")" --http \
        keygen -u admin --password-stdin --save "$T/key" >/dev/null 2>&1
    printf '[defaults]\nkey-file = %s\nhttp = yes\ntimeout = 10\n[target fw1]\nhost = 127.0.0.1:%s\n' \
        "$T/key" "$(cat "$T/simport")" >"$T/exp.conf"
    chmod 600 "$T/exp.conf"
    exp_run 0
    metric_names "$T/probe.txt" >"$T/ref.names" 2>/dev/null
    if [ "$code" != 200 ] || [ -n "$(exp_verdict 0)" ] || ! grep -qx 'panos_up 1' "$T/probe.txt"
    then
        echo "panos_exporter: the run with no failure does not pass (HTTP $code, exit $st):"
        cat "$T/exp.err"
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        kill "$simpid"; wait "$simpid"
        simpid=""
        return
    fi
    ref_calls=$calls tried=0 bad=0 warned=0
    for n in $(runs "$ref_calls"); do
        tried=$((tried + 1))
        exp_run "$n"
        why=$(exp_verdict "$n")
        case $why in
        '') ;;
        warning:*)
            warned=$((warned + 1))
            echo "panos_exporter: PANOS_TORTURE=$n: $why" ;;
        *)
            bad=$((bad + 1))
            echo "panos_exporter: PANOS_TORTURE=$n: $why (HTTP $code, exit $st)"
            sed 's/^/    /' "$T/exp.err" | head -40 ;;
        esac
    done
    kill "$simpid"; wait "$simpid"
    simpid=""
    echo "panos_exporter probe: $ref_calls allocations, $tried tried, $bad failed," \
        "$warned with samples missing"
    TOTAL_RUNS=$((TOTAL_RUNS + tried))
    TOTAL_FAILED=$((TOTAL_FAILED + bad))
}
