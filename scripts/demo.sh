#!/bin/sh
# SPDX-License-Identifier: MIT
# demo.sh -- start pansim over HTTPS on loopback and drive it with panctl: keygen, system info as
# a table and as JSON, a config read. Everything stays on 127.0.0.1 and stops by itself.
set -eu
BUILD=${1:-build}
NAME=demo
. "$(dirname "$0")/pansim-env.sh"

printf 'admin:demo pass&word\n' >"$dir/users"
"$PANSIM" --bind 127.0.0.1 --port 0 --portfile "$dir/port" --tls \
    --fingerprint-file "$dir/fp" --users "$dir/users" --quit-after 300 &
pid=$!
i=0
while [ ! -s "$dir/port" ] || [ ! -s "$dir/fp" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && { echo "demo.sh: pansim did not start" >&2; exit 1; }
    sleep 0.1
done
port=$(cat "$dir/port")
fp=$(cat "$dir/fp")

# Every call: the firewall, its port, and its pinned certificate fingerprint (TLS stays verified).
pc() {
    "$PANCTL" -H 127.0.0.1 -P "$port" --pin "$fp" "$@"
}
show() {
    echo
    echo "\$ panctl -H 127.0.0.1 -P $port --pin \$FP $*"
}

# keygen: the password (with '&' and a space) comes from stdin; the key goes to a 0600 file.
show "keygen -u admin --password-stdin > key   # password 'demo pass&word' on stdin"
printf 'demo pass&word\n' | pc keygen -u admin --password-stdin >"$dir/key"
echo "(key stored in a 0600 file; this demo never prints it)"

show "-K key -o text op show system info"
pc -K "$dir/key" -o text op show system info
show "-K key -o json op show system info | jq '.system | {hostname, model, serial, \"sw-version\"}'"
pc -K "$dir/key" -o json op show system info | jq '.system | {hostname, model, serial, "sw-version"}'
show "-K key -o text op show interface all"
pc -K "$dir/key" -o text op show interface all
xp="/config/devices/entry[@name='localhost.localdomain']/vsys/entry[@name='vsys1']/address"
show "-K key -o xml config show \"$xp\""
pc -K "$dir/key" -o xml config show "$xp"

show "-K key config set \"$xp/entry[@name='demo-host']\" '<ip-netmask>192.0.2.99/32</ip-netmask>'"
pc -K "$dir/key" config set "$xp/entry[@name='demo-host']" '<ip-netmask>192.0.2.99/32</ip-netmask>'
show "-K key commit --description 'demo change'   # follows the commit job to OK or FAIL"
pc -K "$dir/key" commit --description 'demo change' --poll-interval 0.2
show "-K key check sessions -w 80 -c 90   # a Nagios/Icinga plugin line"
pc -K "$dir/key" check sessions -w 80 -c 90 || echo "(exit status $?)"

show "-K key logs --type traffic --port 443 -n 5 -o text"
pc -K "$dir/key" logs --type traffic --port 443 -n 5 -o text --poll-ms 100
show "-K key logs --type system --query \"(eventid eq lease-start)\" -n 3 -o json | jq -r .opaque"
pc -K "$dir/key" logs --type system --query "(eventid eq lease-start)" -n 3 -o json --poll-ms 100 |
    jq -r .opaque
echo
echo "\$ panctl key audit --key-file key   # offline: what the key gives away"
"$PANCTL" key audit --key-file "$dir/key" || echo "(exit status $?: critical)"

EXPORTER=$BUILD/src/exporter/panos_exporter
if [ -x "$EXPORTER" ]; then
    printf '[defaults]\nkey-file = %s\n\n[target fw1]\nhost = 127.0.0.1:%s\npin = %s\n' \
        "$dir/key" "$port" "$fp" >"$dir/exporter.conf"
    "$EXPORTER" --config "$dir/exporter.conf" --listen 127.0.0.1:0 --portfile "$dir/eport" \
        2>"$dir/exporter.log" &
    epid=$!
    i=0
    while [ ! -s "$dir/eport" ]; do
        i=$((i + 1))
        [ $i -gt 100 ] && { echo "demo.sh: panos_exporter did not start" >&2; exit 1; }
        sleep 0.1
    done
    echo
    echo "\$ panos_exporter --config exporter.conf &   # [target fw1] with the key file and the pin"
    echo "\$ curl -s 'http://127.0.0.1:$(cat "$dir/eport")/probe?target=fw1' | grep -E '^panos_(up|sessions_active|uptime_seconds|dataplane_cpu_ratio)[ {]'"
    curl -s "http://127.0.0.1:$(cat "$dir/eport")/probe?target=fw1" |
        grep -E '^panos_(up|sessions_active|uptime_seconds|dataplane_cpu_ratio)[ {]' | head -n 8
    kill "$epid" && wait "$epid" 2>/dev/null || true
fi

wrong=$(echo "$fp" | sed 's/^../00/')
echo
echo "\$ panctl -H 127.0.0.1 -P $port --pin <another fingerprint> -K key op show clock"
"$PANCTL" -H 127.0.0.1 -P "$port" --pin "$wrong" -K "$dir/key" op show clock ||
    echo "(refused, exit status $?)"
