#!/bin/sh
# SPDX-License-Identifier: MIT
# matrix.sh -- the fault matrix: every panctl command that talks to a firewall (commands.tsv)
# against every scripted fault of pansim (faults.tsv), each pair run as a case by runcase and
# held to its cell of matrix.tsv ("EXIT/REQUESTS": the exit status and how many requests pansim
# received, so that only read-only requests are seen twice).
# usage: matrix.sh PANCTL PANSIM RUNCASE SOURCE-DIR COMMAND [FAULT...]
#        (the exporter-probe row also needs PANOS_EXPORTER=path/to/panos_exporter and curl)
#        matrix.sh --doc SOURCE-DIR      (print docs/fault-matrix.md from the tables)
# Every run also checks: the error is one clear line (stderr "panctl: (N) NAME: ...", or the
# plugin's "UNKNOWN - ..." for check, or the device's line in backup's summary; prisma may
# announce its retry waits before it) and nothing else is printed; no output file or temporary file is left behind; the run ends within the
# deadline it was given (every run has --deadline 2 and --retries 1).
set -u

here=$(cd "$(dirname "$0")" && pwd)

# shellcheck source=lib.sh
. "$here/lib.sh"

if [ "${1:-}" = "--doc" ]; then
    exec sh "$here/matrix_doc.sh" "$here"
fi
take_args "$here/faults.tsv" COMMAND "$@"
cmd=$row
line=$(field "$cmd" 4 "$here/commands.tsv")
[ -n "$line" ] || { echo "matrix: no command '$cmd' in commands.tsv" >&2; exit 2; }
case $line in
*%EXPORTER%*)
    [ -x "${PANOS_EXPORTER:-}" ] && command -v curl > /dev/null ||
        { echo "matrix: $cmd needs PANOS_EXPORTER=path/to/panos_exporter and curl" >&2; exit 77; }
    ;;
esac
where=$(field "$cmd" 2 "$here/commands.tsv")
artifact=$(field "$cmd" 3 "$here/commands.tsv")
# Seconds a run may take: 5 for the 2 s deadline, more for a row that runs several commands
# (commands.tsv's optional fifth field: batch's two lines each get the whole deadline; the
# exporter-probe row starts and stops the exporter around its probe).
limit=$(field "$cmd" 5 "$here/commands.tsv")
limit=${limit:-5}
# commands.tsv's optional sixth field: a directory under bodies/ whose file named after a fault
# replaces that fault's body for this row (json/: prisma reads JSON, not PAN-OS XML).
bodies=$(field "$cmd" 6 "$here/commands.tsv")
global='-H %HOST% -P %PORT% --http --retries 1 --deadline 2 --max-bytes 1M'
fail=0

# The checks of one run, after the command: one line each, compared by runcase.
checks() {
    cat <<'EOF'
echo "exit $rc"
echo "requests $(wc -l < requests.log)"
[ $((end - start)) -le %LIMIT% ] && echo "within the deadline" || echo "took $((end - start)) s"
EOF
    case $where in
    stderr) cat <<'EOF'
if [ "$(wc -l < err.txt)" -eq 1 ] && grep -Eq "^panctl: \($rc\) [A-Z_]+: .+" err.txt; then
    echo "one-line error"
else
    echo "stderr: $(head -c 400 err.txt)"
fi
[ -s out.txt ] && echo "stdout: $(head -c 200 out.txt)"
EOF
    ;;
    prisma) cat <<'EOF'
wait_re='^panctl: warning: prisma: HTTP [0-9]+ \([a-z ,0-9A-Z-]+\): '
wait_re="${wait_re}waiting [0-9]+ s before retry [0-9]+ of [0-9]+\$"
if [ "$(grep -Evc "$wait_re" err.txt)" -eq 1 ] &&
    tail -n 1 err.txt | grep -Eq "^panctl: \($rc\) [A-Z_]+: .+"; then
    echo "one-line error"
else
    echo "stderr: $(head -c 400 err.txt)"
fi
[ -s out.txt ] && echo "stdout: $(head -c 200 out.txt)"
EOF
    ;;
    nagios) cat <<'EOF'
if [ "$(wc -l < out.txt)" -eq 1 ] && grep -Eq "^UNKNOWN - [A-Z_]+: .+" out.txt && [ ! -s err.txt ]; then
    echo "one-line error"
else
    echo "stdout: $(head -c 300 out.txt) stderr: $(head -c 300 err.txt)"
fi
EOF
    ;;
    probe) cat <<'EOF'
if grep -q '^http 200$' probe.txt && grep -q '^panos_up 0$' probe.txt &&
    grep -Eq '^panos_up_reason\{reason="[a-z_]+"\} 1$' probe.txt; then
    echo "one-line error"
else
    echo "probe: $(grep -E '^(http|panos_up)' probe.txt | tr '\n' ' ') stderr: $(head -c 300 err.txt)"
fi
EOF
    ;;
    uid-report) cat <<'EOF'
if grep -Eq "^message 1 \(.*\): FAILED( twice)?: \($rc\) [A-Z_]+: .+" out.txt &&
    [ "$(wc -l < err.txt)" -eq 1 ] && grep -Eq "^panctl: userid [a-z-]+: 1 of 1 message failed" err.txt; then
    echo "one-line error"
else
    echo "stdout: $(head -c 300 out.txt) stderr: $(head -c 300 err.txt)"
fi
EOF
    ;;
    batch) cat <<'EOF'
if [ "$(wc -l < err.txt)" -eq 2 ] && [ "$(grep -Ec "^panctl: \($rc\) [A-Z_]+: .+" err.txt)" -eq 2 ] &&
    grep -q "^== 1: .* (exit $rc)$" out.txt && grep -q "^== 2: .* (exit $rc)$" out.txt; then
    echo "one-line error"
else
    echo "stdout: $(head -c 300 out.txt) stderr: $(head -c 300 err.txt)"
fi
EOF
    ;;
    summary) cat <<'EOF'
if grep -Eq "^fw1 +failed .*\([0-9]+\) [A-Z_]+: " out.txt && [ ! -s err.txt ]; then
    echo "one-line error"
else
    echo "stdout: $(head -c 300 out.txt) stderr: $(head -c 300 err.txt)"
fi
EOF
    ;;
    esac
    if [ "$artifact" != "-" ]; then
        printf '[ -n "$(ls -A %s 2>/dev/null)" ] && echo "partial output: %s"\n' \
            "$artifact" "$artifact"
    fi
    cat <<'EOF'
left=$(find . -name '.*.??????' | head -3)
[ -n "$left" ] && echo "temporary files left: $left"
true
EOF
}

for f in $faults; do
    fault_cell "$here/faults.tsv" "$here/matrix.tsv" "$cmd" "$f" || { fail=1; continue; }
    [ -n "$bodies" ] && [ -f "$here/bodies/$bodies/$f" ] && body=$bodies/$f
    case_file=$tmp/$cmd-$f.case
    {
        printf '%%%% info\nname: fault matrix: %s under %s\nkeywords: faults\n' "$cmd" "$f"
        for n in 1 2 3 4 5 6; do
            printf '%%%% reply %s %s\n%%include %s/bodies/%s%%\n' "$n" "$args" "$here" "$body"
        done
        printf '%%%% stdin\nadmin\n%%%% command\nstart=$(date +%%s)\n'
        printf '%s > out.txt 2> err.txt\n' "$line" |
            sed -e "s|%G%|$global|g" -e "s|%EXPORTER%|${PANOS_EXPORTER:-}|g"
        printf 'rc=$?\nend=$(date +%%s)\n'
        checks | sed "s|%LIMIT%|$limit|"
        printf '%%%% expect-stdout\nexit %s\nrequests %s\nwithin the deadline\none-line error\n' \
            "${cell%/*}" "${cell#*/}"
    } > "$case_file"
    cell_start "$cmd x $f" "$cell" "$case_file"
done
cells_wait || fail=1
exit $fail
