#!/bin/sh
# SPDX-License-Identifier: MIT
# exporter_e2e.sh -- panos_exporter against pansim --devices 8 (and a TLS pansim, a closed
# port, a target that never answers): probes, promtool, values against panctl, 400s, deadline,
# wrong pin, keygen from credentials, a config readable by others refused.
# Usage: exporter_e2e.sh BUILD_DIR
set -u
B=$1
T=$(mktemp -d)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$T/exp.log" ] && tail -20 "$T/exp.log"; exit 1; }
waitfile() { i=0; while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done; }
now_ms() { date +%s%3N; }

"$B/src/sim/pansim" --port 0 --portfile "$T/pf" --devices 8 --hostname fw --key-lifetime 600 \
    >"$T/sim.log" 2>&1 &
PIDS="$PIDS $!"
"$B/src/sim/pansim" --port 0 --portfile "$T/tlspf" --tls --fingerprint-file "$T/fp" \
    >"$T/tls.log" 2>&1 &
PIDS="$PIDS $!"
# A port that accepts connections and never answers.
python3 -c 'import socket,time,sys
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(64)
open(sys.argv[1],"w").write(str(s.getsockname()[1])); time.sleep(120)' "$T/hangport" &
PIDS="$PIDS $!"
# A firewall that answers show system info at once and hangs on every other command.
python3 -c 'import http.server,socketserver,sys,time
class H(http.server.BaseHTTPRequestHandler):
    protocol_version="HTTP/1.1"
    def log_message(self,*a): pass
    def do_POST(self):
        body=self.rfile.read(int(self.headers.get("Content-Length","0")))
        if b"%3Cinfo%2F%3E%3C%2Fsystem%3E" not in body: time.sleep(30); return
        out=b"<response status=\"success\"><result><system><hostname>half</hostname><sw-version>11.1.2</sw-version><uptime>1 days, 0:00:05</uptime></system></result></response>"
        self.send_response(200); self.send_header("Content-Type","application/xml")
        self.send_header("Content-Length",str(len(out))); self.end_headers(); self.wfile.write(out)
class S(socketserver.ThreadingMixIn,http.server.HTTPServer): daemon_threads=True
s=S(("127.0.0.1",0),H); open(sys.argv[1],"w").write(str(s.server_port)); s.serve_forever()' \
    "$T/halfport" &
PIDS="$PIDS $!"
waitfile "$T/pf"; waitfile "$T/tlspf"; waitfile "$T/hangport"; waitfile "$T/fp"
waitfile "$T/halfport"
P1=$(sed -n 1p "$T/pf"); P2=$(sed -n 2p "$T/pf"); P3=$(sed -n 3p "$T/pf")
printf 'admin\n' | "$B/src/cli/panctl" -H 127.0.0.1 -P "$P1" --http keygen -u admin \
    --password-stdin --save "$T/key1" >/dev/null || fail "keygen"
printf 'admin\n' >"$T/pw"
chmod 600 "$T/pw"
cat >"$T/exp.conf" <<CONF
[global]
max-inflight-per-target = 2
[defaults]
key-file = $T/key1
http = yes
timeout = 5
[target fw1]
host = 127.0.0.1:$P1
[target fw2]   # no key: made from the credentials
host = 127.0.0.1:$P2
key-file =
user = admin
password-file = $T/pw
[target fw3]
host = 127.0.0.1:$P3
[target fw5]   # the fleet mix: PA-3220 10.2, HA active
host = 127.0.0.1:$(sed -n 5p "$T/pf")
[target fw7]   # PA-5220 11.1: advanced routing
host = 127.0.0.1:$(sed -n 7p "$T/pf")
[target closed]
host = 127.0.0.1:1
[target hang]
host = 127.0.0.1:$(cat "$T/hangport")
[target half]
host = 127.0.0.1:$(cat "$T/halfport")
[target badpin]
host = 127.0.0.1:$(cat "$T/tlspf")
http = no
pin = 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF
[module small]
collectors = system sessions
CONF
chmod 600 "$T/exp.conf"

# A configuration others can read is refused with exit status 3.
cp "$T/exp.conf" "$T/open.conf"; chmod 644 "$T/open.conf"
"$B/src/exporter/panos_exporter" --config "$T/open.conf" --listen 127.0.0.1:0 2>"$T/open.err"
[ $? -eq 3 ] || fail "world-readable config not refused with 3"
grep -q "group or others" "$T/open.err" || fail "no clear message: $(cat "$T/open.err")"

# Usage errors exit 2, configuration errors 3 naming file:line.
X="$B/src/exporter/panos_exporter"
"$X" --listen 127.0.0.1:0 2>/dev/null; [ $? -eq 2 ] || fail "no --config: not 2"
"$X" --config "$T/exp.conf" --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown option: not 2"
"$X" --version | grep -q '^panos_exporter [0-9]' || fail "--version"
printf '[global]\nmax-inflight-per-target = 9\n' >"$T/bad.conf"; chmod 600 "$T/bad.conf"
"$X" --config "$T/bad.conf" 2>"$T/bad.err"; [ $? -eq 3 ] || fail "bad value: not 3"
grep -q "bad.conf:2: max-inflight-per-target must be a whole number from 1 to 5" "$T/bad.err" ||
    fail "bad value message: $(cat "$T/bad.err")"
printf '[defaults]\nkey = x\n' >"$T/bad.conf"
"$X" --config "$T/bad.conf" 2>"$T/bad.err"; [ $? -eq 3 ] || fail "unknown key: not 3"
grep -q "bad.conf:2: unknown key 'key'" "$T/bad.err" || fail "unknown key: $(cat "$T/bad.err")"

"$B/src/exporter/panos_exporter" --config "$T/exp.conf" --listen 127.0.0.1:0 \
    --portfile "$T/ep" --log-level debug >"$T/exp.log" 2>&1 &
EXP=$!
PIDS="$PIDS $EXP"
waitfile "$T/ep"
U="http://127.0.0.1:$(cat "$T/ep")"

for t in fw1 fw2 fw3 fw5 fw7; do
    curl -s -o "$T/$t.txt" "$U/probe?target=$t" || fail "probe $t"
    grep -qx 'panos_up 1' "$T/$t.txt" || fail "$t not up: $(grep panos_up "$T/$t.txt")"
    promtool check metrics <"$T/$t.txt" >"$T/lint" 2>&1 || fail "promtool on $t: $(cat "$T/lint")"
    [ -s "$T/lint" ] && fail "promtool on $t: $(cat "$T/lint")"
done
# Values agree with what panctl shows.
"$B/src/cli/panctl" -H 127.0.0.1 -P "$P1" --http -K "$T/key1" -o xml op 'show session info' \
    >"$T/si.xml" || fail "panctl op"
# The key (minted with a 600-minute lifetime and the default master key) says when it expires.
KEXP=$(sed -n 's/^panos_api_key_expiry_timestamp_seconds \([0-9.e+]*\)$/\1/p' "$T/fw1.txt")
NOW=$(date +%s)
awk -v e="$KEXP" -v n="$NOW" 'BEGIN { exit !(e + 0 > n + 35900 && e + 0 < n + 36100) }' ||
    fail "key expiry '$KEXP' is not about now + 600 min"
MAX=$(sed -n 's/.*<num-max>\([0-9]*\)<.*/\1/p' "$T/si.xml")
grep -qx "panos_sessions_max $MAX" "$T/fw1.txt" || fail "sessions max $MAX not in the probe"
grep -q 'panos_system_info{hostname="fw-2"' "$T/fw2.txt" || fail "fw2 identity"
grep -q 'panos_command_success{command="show system info"} 1' "$T/fw1.txt" || fail "success"
# The module limits the commands.
curl -s "$U/probe?target=fw1&module=small" >"$T/small.txt"
grep -q 'command="show interface all"' "$T/small.txt" && fail "module small ran interfaces"
grep -q '^panos_sessions_active ' "$T/small.txt" || fail "module small: no sessions"

# 400 for an unknown target or module, 404 elsewhere.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/probe?target=nope")" = 400 ] || fail "400 target"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/probe?target=fw1&module=x")" = 400 ] ||
    fail "400 module"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/probe")" = 400 ] || fail "400 no target"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/nothing")" = 404 ] || fail "404"
curl -s "$U/metrics" | promtool check metrics || fail "self metrics"

# A closed port: down at once, with the reason.
s=$(now_ms)
curl -s "$U/probe?target=closed" >"$T/closed.txt"
[ $(($(now_ms) - s)) -lt 1500 ] || fail "closed port took too long"
grep -qx 'panos_up 0' "$T/closed.txt" || fail "closed up"
grep -qx 'panos_up_reason{reason="transport"} 1' "$T/closed.txt" || fail "closed reason"

# Wrong pin: fails alone, as a TLS failure.
curl -s "$U/probe?target=badpin" >"$T/badpin.txt"
grep -qx 'panos_up_reason{reason="tls"} 1' "$T/badpin.txt" || fail "bad pin: $(cat "$T/badpin.txt")"
grep -q 'pin mismatch' "$T/exp.log" || fail "no log line naming the pin mismatch"

# A target that never answers, scraped with a 2 s budget, does not delay fw1.
s=$(now_ms)
curl -s -H 'X-Prometheus-Scrape-Timeout-Seconds: 2' "$U/probe?target=hang" >"$T/hang.txt" &
HC=$!
sleep 0.2
s1=$(now_ms)
curl -s "$U/probe?target=fw1" >"$T/fw1b.txt"
e1=$(($(now_ms) - s1))
wait $HC
e=$(($(now_ms) - s))
[ $e1 -lt 1200 ] || fail "fw1 took $e1 ms while hang was scraped (waited for it)"
grep -qx 'panos_up 1' "$T/fw1b.txt" || fail "fw1 during hang"
# A later probe has the slow tier from the cache. No certificate configured: the config read
# finds no node, an empty answer and not a failure.
grep -q '^panos_cache_age_seconds{tier="slow"} ' "$T/fw1b.txt" || fail "no slow-tier age"
grep -q '^panos_license_expired{' "$T/fw1b.txt" || fail "no licences from the slow tier"
grep -q 'panos_command_success{command="config get /config/shared/certificate"} 1' \
    "$T/fw1b.txt" || fail "certificates: an absent node counted as a failure"
# HA links and link monitoring (slow tier), route counts (slow tier, legacy routing only) and
# IKE SAs (fast tier) on the HA-pair device fw5, against what panctl shows.
i=0
while [ $i -lt 50 ]; do
    curl -s -o "$T/fw5b.txt" "$U/probe?target=fw5"
    grep -q '^panos_route_table_routes{' "$T/fw5b.txt" && break
    sleep 0.1; i=$((i + 1))
done
promtool check metrics <"$T/fw5b.txt" >"$T/lint" 2>&1 || fail "promtool on fw5: $(cat "$T/lint")"
[ -s "$T/lint" ] && fail "promtool on fw5: $(cat "$T/lint")"
grep -qx 'panos_ha_link_up{link="ha2"} 1' "$T/fw5b.txt" || fail "fw5: no HA2 link from HA all"
grep -qx 'panos_ha_link_monitoring_interface_up{group="uplinks",interface="ethernet1/1"} 1' \
    "$T/fw5b.txt" || fail "fw5: link monitoring"
PC="$B/src/cli/panctl -H 127.0.0.1 -P $(sed -n 5p "$T/pf") --http -K $T/key1 -o xml"
$PC op 'show routing route' >"$T/rt.xml" || fail "panctl routes"
NC=$(grep -o '<flags>A C *</flags>' "$T/rt.xml" | wc -l)
[ "$NC" -gt 0 ] || fail "panctl shows no connected route"
grep -qx "panos_route_table_routes{vr=\"default\",type=\"connected\"} $NC" "$T/fw5b.txt" ||
    fail "fw5: connected routes are not $NC: $(grep route_table "$T/fw5b.txt")"
$PC op 'show vpn ike-sa' >"$T/ike.xml" || fail "panctl ike-sa"
NI=$(grep -o '<gwid>' "$T/ike.xml" | wc -l)
grep -qx "panos_ike_sa_active $NI" "$T/fw5b.txt" || fail "fw5: IKE SAs are not $NI"
grep -qx 'panos_ike_gateway_up{gateway="gw-branch-1"} 1' "$T/fw5b.txt" || fail "fw5: IKE gateway"
grep -q 'gateway="gw-partner-1"' "$T/fw5b.txt" && fail "fw5: partner-1 (in init) has an IKE SA"
# HA off (fw1): HA all answers, nothing of link monitoring. Advanced routing (fw7): no route
# counts, and show routing route is not asked.
grep -q 'panos_command_success{command="show high-availability all"} 1' "$T/fw1b.txt" ||
    fail "fw1: HA all not collected"
grep -q '^panos_ha_link_monitoring_interface_up' "$T/fw1b.txt" && fail "fw1: HA off has links"
curl -s -o "$T/fw7b.txt" "$U/probe?target=fw7"
grep -q 'panos_cache_age_seconds{tier="slow"}' "$T/fw7b.txt" || fail "fw7: no slow tier"
grep -q 'route_table\|command="show routing route"' "$T/fw7b.txt" && fail "fw7: legacy routes"
[ $e -ge 1300 ] && [ $e -lt 3000 ] || fail "hang answered in $e ms, expected about 1.5 s"
grep -qx 'panos_up 0' "$T/hang.txt" || fail "hang up"
grep -qx 'panos_up_reason{reason="timeout"} 1' "$T/hang.txt" || fail "hang reason"
promtool check metrics <"$T/hang.txt" || fail "promtool on a timed-out probe"

# Keys expired: fw2 has credentials and renews its key once; fw1 has none and is down (auth).
curl -s -X POST -d action=expire-all "http://127.0.0.1:$P2/pansim/admin" >/dev/null
curl -s -X POST -d action=expire-all "http://127.0.0.1:$P1/pansim/admin" >/dev/null
curl -s "$U/probe?target=fw2" >"$T/fw2b.txt"
grep -qx 'panos_up 1' "$T/fw2b.txt" || fail "fw2 after expiry: $(grep -A12 panos_up "$T/fw2b.txt")"
grep -qx 'panos_api_key_regenerations_total 1' "$T/fw2b.txt" || fail "fw2 regenerations"
curl -s "$U/probe?target=fw2" | grep -qx 'panos_api_key_regenerations_total 1' ||
    fail "a keygen per scrape"
curl -s "$U/probe?target=fw1" >"$T/fw1c.txt"
grep -qx 'panos_up_reason{reason="auth"} 1' "$T/fw1c.txt" || fail "fw1 expired: not auth"
[ "$(grep -c 'made a new API key' "$T/exp.log")" = 2 ] || fail "keygens: not 2 (first + renewal)"

# Deadline with partial data: system info answered, the rest hangs; a 2 s budget answers in
# about 1.5 s with panos_up 1, the identity, and the hanging commands failed.
s=$(now_ms)
curl -s -H 'X-Prometheus-Scrape-Timeout-Seconds: 2' "$U/probe?target=half" >"$T/half.txt"
e=$(($(now_ms) - s))
[ $e -ge 1300 ] && [ $e -lt 3000 ] || fail "half answered in $e ms, expected about 1.5 s"
grep -qx 'panos_up 1' "$T/half.txt" || fail "half: not up"
grep -q '^panos_system_info{hostname="half"' "$T/half.txt" || fail "half: no identity"
grep -q '^panos_command_success{command="show session info"} 0' "$T/half.txt" ||
    fail "half: a hanging command not reported failed"
grep -q '^panos_scrape_duration_seconds 1\.' "$T/half.txt" || fail "half: scrape duration"
promtool check metrics <"$T/half.txt" || fail "promtool on a partial probe"

# SIGHUP reloads: a host:port not in the file is refused until allow-unlisted-targets = yes.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/probe?target=127.0.0.1:$P3")" = 400 ] ||
    fail "unlisted target accepted"
sed -i 's/^max-inflight-per-target = 2$/&\nallow-unlisted-targets = yes/' "$T/exp.conf"
kill -HUP $EXP; sleep 0.3
grep -q "configuration reloaded" "$T/exp.log" || fail "no reload"
curl -s "$U/probe?target=127.0.0.1:$P3" | grep -qx 'panos_up 1' || fail "unlisted after reload"
curl -s "$U/probe?target=fw3" | grep -qx 'panos_up 1' || fail "fw3 after reload"
kill -TERM $EXP
wait $EXP
[ $? -eq 0 ] || fail "exit status after SIGTERM"
grep -q "$(cat "$T/key1")" "$T/exp.log" && fail "the key is in the log"
echo "exporter_e2e: ok"
