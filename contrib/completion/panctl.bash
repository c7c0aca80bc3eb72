# SPDX-License-Identifier: MIT
# panctl.bash -- bash completion for panctl: commands, options, log types, output formats,
# .panrc tags and the words of common 'op show' commands.
# Installed as share/bash-completion/completions/panctl; or source it from ~/.bashrc.
# Commands and options are read from the panctl being completed ('panctl --help',
# 'panctl COMMAND --help'), so they follow the binary; the value lists are kept here.

_panctl_log_types="traffic threat url wildfire data system config hipmatch globalprotect
userid auth decryption"
_panctl_formats="xml json text csv"

# The commands listed under "Commands:" in 'panctl --help'.
_panctl_commands()
{
    "$1" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'
}

# The long and short options of the option column of a --help screen ($1 = panctl, $2 =
# command or empty for the global options).
_panctl_options()
{
    # shellcheck disable=SC2086
    "$1" $2 --help 2>/dev/null | awk '
        /^  -[A-Za-z0-9], --[a-z]/ { sub(/,$/, "", $1); print $1; print $2; next }
        /^      --[a-z]/ { print $1 }'
}

# The tags of .panrc: PANRC if set, else ./.panrc and ~/.panrc (name%tag = value lines).
_panctl_tags()
{
    local files
    if [ -n "${PANRC:-}" ]; then
        files=$PANRC
    else
        files="./.panrc $HOME/.panrc"
    fi
    # shellcheck disable=SC2086
    sed -n 's/^[[:space:]]*[A-Za-z_]*%\([A-Za-z0-9_-]*\)[[:space:]]*=.*/\1/p' $files \
        2>/dev/null | sort -u
}

# Words of common 'op' commands, after the words typed so far ($@).
_panctl_op_words()
{
    case "$*" in
    "") echo "show request clear test debug" ;;
    show) echo "system interface routing session jobs high-availability clock arp counter
               running vpn user config config-locks commit-locks global-protect-gateway
               advanced-routing neighbor ntp mac panorama-status dhcp" ;;
    "show system") echo "info resources state disk-space software environmentals" ;;
    "show interface") echo "all logical hardware management" ;;
    "show routing") echo "route summary protocol fib" ;;
    "show session") echo "all info id meter" ;;
    "show jobs") echo "all pending processed id" ;;
    "show high-availability") echo "all state link-monitoring path-monitoring" ;;
    "show clock") echo "more" ;;
    "show arp") echo "entry" ;;
    "show counter") echo "global interface" ;;
    "show running") echo "security-policy nat-policy resource-monitor" ;;
    "show vpn") echo "ike-sa ipsec-sa flow tunnel gateway" ;;
    "show user") echo "ip-user-mapping group" ;;
    "show config") echo "running candidate pushed-template" ;;
    esac
}

# Sub-command words of the commands that take one.
_panctl_subwords()
{
    case "$1" in
    config) echo "show get diff set edit delete" ;;
    export) echo "configuration certificate device-state" ;;
    import) echo "configuration certificate keypair" ;;
    key) echo "audit" ;;
    pcap) echo "list get" ;;
    tls) echo "fingerprint" ;;
    check) echo "sessions cpu disk ha licenses certificates content key interfaces tunnels" ;;
    help) _panctl_commands "$2" ;;
    esac
}

_panctl()
{
    local cur prev prog cmd i w
    local -a words=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]}
    COMPREPLY=()

    case "$prev" in
    -o | --output) mapfile -t COMPREPLY < <(compgen -W "$_panctl_formats" -- "$cur"); return ;;
    -t | --tag) mapfile -t COMPREPLY < <(compgen -W "$(_panctl_tags)" -- "$cur"); return ;;
    -T | --type)
        # -T is --type for logs only (check's -T is --tunnel).
        [ "$prev" = -T ] && [[ " ${COMP_WORDS[*]} " != *" logs "* ]] && return
        mapfile -t COMPREPLY < <(compgen -W "$_panctl_log_types" -- "$cur")
        return
        ;;
    --auth) mapfile -t COMPREPLY < <(compgen -W "key basic" -- "$cur"); return ;;
    -K | --key-file | --password-file | --cookie-jar | --ca-file | --out | -O | --inventory | \
        --save | --passphrase-file | --master-key-file | --dir)
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
        ;;
    esac

    # The command is the first word that is not an option or an option's value.
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case "$w" in
        -H | -P | -K | -t | -o | --host | --port | --key-file | --key | --tag | --user | \
            --password-file | --auth | --cookie-jar | --ca-file | --pin | --timeout | \
            --max-bytes | --deadline | --target | --vsys | --output)
            ((i++))
            ;;
        -*) ;;
        *)
            if [ -z "$cmd" ]; then
                cmd=$w
            else
                words+=("$w")
            fi
            ;;
        esac
    done

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_panctl_options "$prog" "$cmd")" -- "$cur")
        return
    fi
    if [ -z "$cmd" ]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_panctl_commands "$prog")" -- "$cur")
        return
    fi
    if [ "$cmd" = op ]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_panctl_op_words "${words[@]}")" -- "$cur")
        return
    fi
    if [ ${#words[@]} -eq 0 ]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_panctl_subwords "$cmd" "$prog")" -- "$cur")
    fi
    [ ${#COMPREPLY[@]} -eq 0 ] && mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return 0
}
complete -F _panctl panctl
