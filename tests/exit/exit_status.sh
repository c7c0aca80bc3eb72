#!/bin/sh
# SPDX-License-Identifier: MIT
# exit_status.sh -- walk panctl(1)'s EXIT STATUS table: for each documented status, a command
# that produces it against pansim, run as a case by runcase (which checks the status).
# usage: exit_status.sh PANCTL PANSIM RUNCASE SOURCE-DIR
# Fails when a documented status has no scenario here (and no reason why it cannot have one),
# or when a scenario ends with another status.
set -u

if [ $# -ne 4 ]; then
    echo "usage: $0 PANCTL PANSIM RUNCASE SOURCE-DIR" >&2
    exit 2
fi
panctl=$1 pansim=$2 runcase=$3 src=$4
man=$src/docs/man/panctl.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/exitstatus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0

# The statuses panctl(1) documents: each ".BR N" row of the EXIT STATUS table, and 130.
codes=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH [A-Z]/p' "$man" |
        sed -n 's/^\.BR \([0-9][0-9]*\) .*/\1/p')
grep -q '^\.BR 130\( \|$\)' "$man" && codes="$codes 130"
[ -n "$codes" ] || { echo "exit_status: no EXIT STATUS table in $man" >&2; exit 1; }

# Statuses no command can produce against pansim, and why.
unreachable() {
    case $1 in
    1) echo "FAILED is left only for libcurl or OpenSSL failing inside panctl" ;;
    3) echo "NOMEM needs a memory limit (ulimit -v), under which an ASan build cannot run" ;;
    *) return 1 ;;
    esac
}

# The case for status $1 on standard output; nothing when there is none.
scenario() {
    clock='<response status="success"><result>Wed May 31 11:50:21 PDT 2023
</result></response>'
    case $1 in
    0) cat <<EOF
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% -o json op show clock
EOF
    ;;
    2) cat <<EOF
%% command
%PANCTL% --no-such-option op show clock
%% expect-request
EOF
    ;;
    3) # A 60 MiB answer under a 120 MB address space limit: growing the buffer fails.
        grep -q __asan_init "$panctl" && return 1
        head -c 62914560 /dev/zero | tr '\0' 'x' > "$tmp/big" || return 1
        cat <<EOF
%% reply 1 content-type=text/plain
%include $tmp/big%
%% command
ulimit -v 120000 && %PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    4) cat <<EOF
%% reply 1 reset=1
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% api type=commit 'cmd=<commit></commit>'
EOF
    ;;
    5) cat <<EOF
%% pansim
--tls
%% command
%PANCTL% -H %HOST% -P %PORT% --pin 0000000000000000000000000000000000000000000000000000000000000000 -K %KEYFILE% op show clock
%% expect-request
EOF
    ;;
    6) cat <<EOF
%% reply 1 delay-ms=4000
$clock
%% command
%PANCTL% -H %HOST% -P %PORT% --http --deadline 1 -K %KEYFILE% op show clock
EOF
    ;;
    7) cat <<EOF
%% reply 1 status=501 content-type=text/plain
Not Implemented
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    8) cat <<EOF
%% reply 1
<response status="success"><result>
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    9) cat <<EOF
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show bogus-thing
EOF
    ;;
    10) cat <<EOF
%% file other.key
LUFRPT1qQlFPKzMwcWloSXRjT2dMQ2p1T2k5VVR0cmc9QXIvT3BhL3gxUWVYS1VMWmNNc29oY2d4VmhrVEgzU2FMbnZ0ZlhBWDBQZ0R5bDlheHNDUjZqTHVkQW1IYnpaZA==
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K other.key op show clock
EOF
    ;;
    11) # One byte more than the 64 MiB default cap of a buffered answer.
        head -c 67108865 /dev/zero | tr '\0' 'x' > "$tmp/big" || return 1
        cat <<EOF
%% reply 1 content-type=text/plain
%include $tmp/big%
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    12) cat <<EOF
%% reply 1
<response status="success" code="19"><result><msg><line>query job enqueued with jobid 1</line></msg><job>1</job></result></response>
%% reply 2
<response status="success"><result><job><id>1</id><status>FAIL</status></job></result></response>
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% logs -n 1 -o json --poll-ms 1
EOF
    ;;
    13) cat <<EOF
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% config get "/config/devices/entry[@name='localhost.localdomain']/vsys/entry[@name='vsys1']/address/entry[@name='no-such-address']"
EOF
    ;;
    14) cat <<EOF
%% reply 1 status=400
<response status = 'error' code = '400'><result><msg>Key Expired: KEY has expired.</msg></result></response>
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    15) cat <<EOF
%% reply 1
<response status="unauth" code="16"><msg><line>Unauthorized request</line></msg></response>
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% op show clock
EOF
    ;;
    16) cat <<EOF
%% reply 1 status=429
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% api type=commit 'cmd=<commit></commit>'
EOF
    ;;
    17) cat <<EOF
%% reply 1 status=503
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% api type=commit 'cmd=<commit></commit>'
EOF
    ;;
    18) cat <<EOF
%% command
%PANCTL% -H %HOST% -P %PORT% --http -K no-such-key op show clock
%% expect-request
EOF
    ;;
    130) cat <<EOF
%% pansim
--logs 1000 --log-rate 0 --log-job-ms 30000
%% command
timeout --foreground --preserve-status -s INT 1 %PANCTL% -H %HOST% -P %PORT% --http -K %KEYFILE% logs -n 10 -o json
EOF
    ;;
    *) return 1 ;;
    esac
}

for code in $codes; do
    f=$tmp/$code.case
    if ! scenario "$code" > "$tmp/body" || ! grep -q '^%% command' "$tmp/body"; then
        if why=$(unreachable "$code"); then
            echo "exit $code: not produced here: $why"
        else
            echo "exit_status: exit $code is documented in panctl(1) but has no scenario" >&2
            fail=1
        fi
        continue
    fi
    {
        printf '%%%% info\nname: panctl exits %s\n' "$code"
        cat "$tmp/body"
        printf '%%%% expect-exit\n%s\n' "$code"
    } > "$f"
    if "$runcase" --panctl "$panctl" --pansim "$pansim" --srcdir "$src" "$f" > "$tmp/out" 2>&1
    then
        echo "exit $code: ok"
    else
        echo "exit_status: exit $code: the scenario failed:" >&2
        cat "$tmp/out" >&2
        fail=1
    fi
    rm -f "$tmp/big"
done
exit $fail
