#!/bin/bash
# SPDX-License-Identifier: MIT
# completion.sh -- panctl's bash (and, when zsh is installed, zsh) completion asked as the shell
# asks it: complete -p registers _panctl, then COMP_WORDS/COMP_CWORD (zsh: words/CURRENT) for
# commands, options, log types, formats, .panrc tags and op words, against the built panctl.
# Usage: completion.sh SRCDIR PANCTL
set -u
src=$1 panctl=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
# The completion runs the panctl it completes ("panctl" on PATH), as an installed one would.
mkdir "$dir/bin" && ln -s "$panctl" "$dir/bin/panctl" || exit 1
PATH=$dir/bin:$PATH
export PANRC=$dir/panrc
printf '%s\n' '# lab' 'hostname%fw1 = 192.0.2.1' 'api_key%fw1=KEY' 'hostname%lab-2=192.0.2.2' \
    'port = 8443' > "$PANRC"
fails=0

# shellcheck source=/dev/null
. "$src/contrib/completion/panctl.bash" || exit 1
complete -p panctl | grep -q -- '-F _panctl panctl$' || {
    echo "complete -p panctl: $(complete -p panctl 2>&1)"; exit 1; }

# expect WANT WORD...: completing the last WORD gives exactly WANT (space-separated, sorted).
expect()
{
    local want=$1 got
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _panctl
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" != "$want" ]; then
        echo "bash: '$*': got '$got', want '$want'"
        fails=$((fails + 1))
    fi
}
expect "logs" panctl lo
expect "help" panctl he
expect "investigate" panctl -o json inv
expect "--type" panctl logs --ty
expect "--help --host --http" panctl --h
expect "threat" panctl logs --type thr
expect "traffic" panctl logs -T tr
expect "csv" panctl -o c
expect "json" panctl --output j
expect "fw1" panctl -t f
expect "fw1 lab-2" panctl --tag ''
expect "system" panctl op show sys
expect "info" panctl op show system in
expect "resources" panctl -t fw1 op -o json show system r
expect "all" panctl op show jobs al
expect "show" panctl config sh
expect "audit" panctl key ''
expect "" panctl logs --type nosuch
expect "--out" panctl op --ou

if command -v zsh > /dev/null; then
    # The zsh function is asked for its candidates with words/CURRENT as compsys sets them;
    # compdef registration is checked under compinit.
    zsh -f -c '
        autoload -U compinit && compinit -u -d '"$dir"'/zcomp
        fpath=('"$src"'/contrib/completion $fpath)
        source '"$src"'/contrib/completion/_panctl
        [[ $_comps[panctl] == _panctl ]] || { print "zsh: compdef: ${_comps[panctl]-none}"; exit 1 }
        fails=0
        expect() {
          local want=$1; shift; words=("$@"); CURRENT=$#
          local -a c; c=(${(f)"$(_panctl_candidates)"}); c=(${(M)c:#${words[CURRENT]}*})
          local got=${(j: :)${(o)c}}
          [[ $got == $want ]] || { print "zsh: '"'"'$*'"'"': got '"'"'$got'"'"', want '"'"'$want'"'"'"; (( fails++ )) }
        }
        expect logs panctl lo
        expect "--type" panctl logs --ty
        expect "threat" panctl logs --type thr
        expect "json" panctl -o j
        expect "fw1 lab-2" panctl -t ""
        expect "info" panctl op show system in
        expect "FILES" panctl --key-file ""
        exit $fails' || fails=$((fails + 1))
else
    echo "completion.sh: zsh not installed, its completion not checked"
fi
[ "$fails" -eq 0 ] || exit 1
echo "completion.sh: completions as expected"
