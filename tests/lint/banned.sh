#!/bin/sh
# SPDX-License-Identifier: MIT
# banned.sh -- list calls to banned libc functions in src/ and tests/ *.c/*.h as file:line; fail if any.
#
# Banned: sprintf strcpy strcat atoi strtok gmtime localtime gets. The word boundary before the
# name lets snprintf, vsnprintf, fgets and the _r variants through. A line may opt out with a
# comment holding "lint:allow-banned" (say why next to it).
# Usage: banned.sh [SOURCE_ROOT]   (default: the repository this script lives in)
root=${1:-$(dirname "$0")/../..}
cd "$root" || exit 2

pattern='(^|[^A-Za-z0-9_])(sprintf|strcpy|strcat|atoi|strtok|gmtime|localtime|gets)[[:space:]]*\('
hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" src tests 2>/dev/null |
       grep -v 'lint:allow-banned')
if [ -n "$hits" ]; then
    printf '%s\n' "$hits"
    printf 'banned.sh: %d banned call(s); use snprintf, memcpy with a length, strtol, strtok_r, gmtime_r, localtime_r, fgets\n' \
        "$(printf '%s\n' "$hits" | wc -l)" >&2
    exit 1
fi
echo "banned.sh: no banned calls"
