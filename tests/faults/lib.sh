# SPDX-License-Identifier: MIT
# lib.sh -- what matrix.sh and later.sh share: reading the tables, and running cells as cases
# through runcase, all cells of a row at once (most of a cell's time is a wait: a drip, a hang,
# the deadline), reported in order. Sourced; needs $runcase, $panctl, $pansim, $src, $tmp.

# Field $2 (1-based) of the row of $3 whose first field is $1.
field() {
    awk -F '\t' -v k="$1" -v n="$2" '!/^#/ && $1 == k { print $n; exit }' "$3"
}

# Column of fault $1 in the header of the cells table $2.
column() {
    awk -F '\t' -v f="$1" 'NR == 1 { for (i = 2; i <= NF; i++) if ($i == f) print i; exit }' "$2"
}

# Start the case $3 (cell "$1", expected "$2") in the background; its report goes to $3.res.
# At most $FAULTS_JOBS (default 3) run at once: more only add load to the time checks.
cell_start() {
    set -- "$1" "$2" "$3" ${pids:-}
    if [ $# -gt $((3 + ${FAULTS_JOBS:-3} - 1)) ]; then
        wait "$4"
        pids=$(echo "$pids" | cut -d' ' -f2-)
    fi
    (
        start=$(date +%s)
        if "$runcase" --panctl "$panctl" --pansim "$pansim" --srcdir "$src" "$3" \
            > "$3.out" 2>&1; then
            echo "ok   $1 ($2, $(($(date +%s) - start)) s)"
        else
            echo "FAIL $1 (expected $2)"
            sed 's/^/    /' "$3.out"
        fi
    ) > "$3.res" &
    pids="${pids:+$pids }$!"
    cells="${cells:-} $3"
}

# Wait for the cells started, print their reports in order; 1 when one failed.
cells_wait() {
    wait
    pids=
    rc=0
    for c in ${cells:-}; do
        cat "$c.res"
        grep -q '^FAIL' "$c.res" && rc=1
    done
    cells=
    return $rc
}
