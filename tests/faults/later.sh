#!/bin/sh
# SPDX-License-Identifier: MIT
# later.sh -- the fault matrix of later requests: a command runs against pansim's stateful
# device (later.tsv), and one fault (later-faults.tsv) hits only the requests a selector picks
# (pansim --inject: the second page of a log export, a commit job's poll, the second device of a
# backup, ...). Each pair is a case run by runcase and held to its cell of later-matrix.tsv
# ("EXIT/COUNT": the exit status and how many requests matched the row's pattern, so that a
# change is seen sent once), and to the row's own check of what the user gets.
# usage: later.sh PANCTL PANSIM RUNCASE SOURCE-DIR ROW [FAULT...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

take_args "$here/later-faults.tsv" ROW "$@"
line=$(field "$row" 7 "$here/later.tsv")
[ -n "$line" ] || { echo "later: no row '$row' in later.tsv" >&2; exit 2; }
simargs=$(field "$row" 2 "$here/later.tsv")
[ "$simargs" = "-" ] && simargs=
selector=$(field "$row" 3 "$here/later.tsv")
counted=$(field "$row" 4 "$here/later.tsv")
setup=$(field "$row" 5 "$here/later.tsv")
check=$(field "$row" 6 "$here/later.tsv")
# A deadline of 3 s: the rows page, poll and follow jobs, more than one request each.
global='-H %HOST% -P %PORT% --http --retries 1 --deadline 3 --max-bytes 1M'
fail=0

for f in $faults; do
    fault_cell "$here/later-faults.tsv" "$here/later-matrix.tsv" "$row" "$f" || { fail=1; continue; }
    inject=$tmp/$row-$f.inject
    printf '%%%% reply 1 %s %s\n%%include %s/bodies/%s%%\n' "$selector" "$args" "$here" "$body" \
        > "$inject"
    case_file=$tmp/$row-$f.case
    {
        printf '%%%% info\nname: later-request faults: %s under %s\nkeywords: faults\n' "$row" "$f"
        printf '%%%% pansim\n%s --inject %s\n' "$simargs" "$inject"
        printf '%%%% command\n'
        [ "$setup" = "-" ] || printf '%s\n' "$setup"
        printf 'start=$(date +%%s)\n%s > out.txt 2> err.txt\n' "$line"
    } | sed -e "s|%G%|$global|g" -e 's|%PORT2%|$(sed -n 2p port)|g' > "$case_file"
    {
        printf 'rc=$?\nend=$(date +%%s)\n'
        printf 'echo "exit $rc"\n'
        printf 'echo "requests $(grep -Ec %s requests.log)"\n' "'$counted'"
        printf '[ $((end - start)) -le 6 ] && echo "within the deadline" || echo "took $((end - start)) s"\n'
        printf 'got=$(%s)\n' "$check"
        printf 'if [ "$got" = "as expected" ]; then echo "$got"; else\n'
        printf '    echo "stdout: $(head -c 300 out.txt)"; echo "stderr: $(head -c 300 err.txt)"\nfi\n'
        printf 'left=$(find . -name ".*.??????" | head -3)\n'
        printf '[ -n "$left" ] && echo "temporary files left: $left"\ntrue\n'
        printf '%%%% expect-stdout\nexit %s\nrequests %s\nwithin the deadline\nas expected\n' \
            "${cell%/*}" "${cell#*/}"
    } >> "$case_file"
    cell_start "$row x $f" "$cell" "$case_file"
done
cells_wait || fail=1
exit $fail
