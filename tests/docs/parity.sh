#!/bin/sh
# SPDX-License-Identifier: MIT
# parity.sh -- the man pages in docs/man against what panctl and include/panos/error.h say.
# usage: parity.sh PATH-TO-PANCTL SOURCE-DIR
# Fails, naming each gap, when a command of `panctl --help` (but help) has no
# docs/man/panctl-CMD.1, a --long-option of `panctl CMD --help` is not in its page, a global
# --option of `panctl --help` is not in panctl.1, or an error NAME of PANOS_ERROR_LIST is not in
# panctl.1's EXIT STATUS; and when groff warns about any docs/man/*.1 or *.3.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PATH-TO-PANCTL SOURCE-DIR" >&2
    exit 2
fi
panctl=$1
src=$2
man=$src/docs/man
errh=$src/include/panos/error.h
fail=0
tmp=${TMPDIR:-/tmp}/parity.$$
trap 'rm -f "$tmp".*' EXIT HUP INT TERM

missing() {
    echo "parity: $*" >&2
    fail=1
}

# A page as plain text for grepping: font escapes (\fB, \fR, \fI, \fP) out, escaped spaces
# (\0, \ , \~) to blanks, then every other backslash out (\-\-name becomes --name).
normalise() {
    sed -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\[0 ~]/ /g' -e 's/\\//g' "$1"
}

# The long options of an option table: lines "  -x, --name ARG  help" or "      --name  help".
long_options() {
    sed -n 's/^ \{2,\}\(-[A-Za-z0-9], \)\{0,1\}\(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\2/p'
}

[ -x "$panctl" ] || { echo "parity: $panctl is not executable" >&2; exit 1; }
[ -d "$man" ] || { echo "parity: no $man" >&2; exit 1; }

if ! "$panctl" --help > "$tmp.help"; then
    echo "parity: '$panctl --help' failed" >&2
    exit 1
fi

# Commands: the lines between "Commands:" and the next blank line.
cmds=$(sed -n '/^Commands:/,/^$/{/^  [a-z]/s/^  \([a-z][a-z0-9-]*\).*/\1/p;}' "$tmp.help")
[ -n "$cmds" ] || { echo "parity: no commands found in 'panctl --help'" >&2; exit 1; }

# panctl.1: every global option, every exit code name.
if [ ! -f "$man/panctl.1" ]; then
    missing "docs/man/panctl.1 is missing"
else
    normalise "$man/panctl.1" > "$tmp.main"
    for opt in $(sed -n '/^Global options:/,/^$/p' "$tmp.help" | long_options); do
        grep -Eq -e "$opt([^A-Za-z0-9-]|\$)" "$tmp.main" ||
            missing "panctl.1: global option $opt is not documented"
    done
    # The EXIT STATUS section, up to the next .SH.
    sed -n '/^\.SH "\{0,1\}EXIT STATUS/,/^\.SH/p' "$tmp.main" > "$tmp.exit"
    [ -s "$tmp.exit" ] || missing "panctl.1: no EXIT STATUS section"
    names=$(sed -n 's/^[[:space:]]*X([[:space:]]*\([A-Z_][A-Z0-9_]*\)[[:space:]]*,.*/\1/p' "$errh")
    [ -n "$names" ] || missing "no X(NAME, ...) lines in $errh"
    for n in $names; do
        grep -Eq -e "(^|[^A-Z0-9_])$n([^A-Z0-9_]|\$)" "$tmp.exit" ||
            missing "panctl.1: EXIT STATUS does not list $n"
    done
fi

# panctl-CMD.1: present, and every long option of `panctl CMD --help`.
for cmd in $cmds; do
    [ "$cmd" = help ] && continue
    page=$man/panctl-$cmd.1
    if [ ! -f "$page" ]; then
        missing "docs/man/panctl-$cmd.1 is missing (command '$cmd')"
        continue
    fi
    if ! "$panctl" "$cmd" --help > "$tmp.cmdhelp"; then
        missing "'panctl $cmd --help' failed"
        continue
    fi
    normalise "$page" > "$tmp.page"
    for opt in $(sed -n '/^Options:/,/^$/p' "$tmp.cmdhelp" | long_options); do
        grep -Eq -e "$opt([^A-Za-z0-9-]|\$)" "$tmp.page" ||
            missing "panctl-$cmd.1: option $opt is not documented"
    done
done

# Every page formats without groff warnings.
if command -v groff > /dev/null 2>&1; then
    for page in "$man"/*.1 "$man"/*.3; do
        [ -f "$page" ] || continue
        out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
        if [ -n "$out" ]; then
            missing "groff warns about ${page#"$src"/}:"
            printf '%s\n' "$out" | sed 's/^/    /' >&2
        fi
    done
else
    echo "parity: note: groff not found, the pages' roff was not checked" >&2
fi

if [ "$fail" -ne 0 ]; then
    echo "parity: FAIL (docs/man out of step with panctl or error.h)" >&2
    exit 1
fi
echo "parity: ok ($(echo $cmds | wc -w) commands, $(ls "$man" | wc -l) pages)"
