#!/bin/sh
# SPDX-License-Identifier: MIT
# check_rules.sh -- ctest prometheus/rules: promtool checks contrib/prometheus/panos.rules.yml,
# runs its unit tests (tests/prometheus/rules_test.yml), and fails when an alert of the rules
# file has no test where it fires and no test where it stays silent.
# Usage: check_rules.sh SRCDIR [PROMTOOL]
set -eu
src=$1
promtool=${2:-promtool}
rules=$src/contrib/prometheus/panos.rules.yml
tests=$src/tests/prometheus/rules_test.yml

"$promtool" check rules "$rules"
"$promtool" test rules "$tests"

# Each alert_rule_test entry is `alertname: X` followed by `exp_alerts: []` (silent) or
# `exp_alerts:` and a list (fires). Both must occur for every alert of the rules file.
fires=$(awk '/alertname:/ { a = $2 } /exp_alerts:$/ { print a }' "$tests" | sort -u)
silent=$(awk '/alertname:/ { a = $2 } /exp_alerts: \[\]/ { print a }' "$tests" | sort -u)
status=0
for alert in $(sed -n 's/^ *- alert: *//p' "$rules"); do
    if ! echo "$fires" | grep -qx "$alert"; then
        echo "check_rules: $alert never fires in $tests" >&2
        status=1
    fi
    if ! echo "$silent" | grep -qx "$alert"; then
        echo "check_rules: $alert is never tested silent in $tests" >&2
        status=1
    fi
done
n=$(grep -c '^ *- alert:' "$rules")
[ "$status" -eq 0 ] && echo "check_rules: all $n alerts fire and stay silent in their tests"
exit "$status"
