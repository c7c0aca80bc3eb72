# SPDX-License-Identifier: MIT
# lib.sh -- what matrix.sh and later.sh share: reading the tables, and running cells as cases
# through runcase, all cells of a row at once (most of a cell's time is a wait: a drip, a hang,
# the deadline), reported in order. Sourced.

# The arguments ($3...) PANCTL PANSIM RUNCASE SOURCE-DIR ROW [FAULT...] into $panctl, $pansim,
# $runcase, $src, $row and $faults (default: every fault of the table $1); $2 names ROW in the
# usage line. Makes the scratch directory $tmp, removed at exit.
take_args() {
    table=$1 what=$2
    shift 2
    if [ $# -lt 5 ]; then
        echo "usage: $0 PANCTL PANSIM RUNCASE SOURCE-DIR $what [FAULT...]" >&2
        exit 2
    fi
    panctl=$1 pansim=$2 runcase=$3 src=$4 row=$5
    shift 5
    faults=${*:-$(awk -F '\t' '!/^#/ { print $1 }' "$table")}
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/faultmatrix.XXXXXX") || exit 1
    trap 'rm -rf "$tmp"' EXIT HUP INT TERM
}

# Field $2 (1-based) of the row of $3 whose first field is $1.
field() {
    awk -F '\t' -v k="$1" -v n="$2" '!/^#/ && $1 == k { print $n; exit }' "$3"
}

# Column of fault $1 in the header of the cells table $2.
column() {
    awk -F '\t' -v f="$1" 'NR == 1 { for (i = 2; i <= NF; i++) if ($i == f) print i; exit }' "$2"
}

# The fault $4 of the faults table $1 ($args, $body) and its cell for row $3 in the cells table
# $2 ($cell: EXIT/REQUESTS). Returns 1, with a message, when the cell is missing; exits on a
# fault the table does not have.
fault_cell() {
    args=$(field "$4" 2 "$1")
    body=$(field "$4" 3 "$1")
    [ -n "$body" ] || { echo "$0: no fault '$4' in $1" >&2; exit 2; }
    [ "$args" = "-" ] && args=
    col=$(column "$4" "$2")
    cell=$(field "$3" "${col:-0}" "$2")
    case $cell in
    */*) return 0 ;;
    esac
    echo "$0: no cell for $3 x $4 in $2" >&2
    return 1
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
