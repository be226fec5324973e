#!/usr/bin/env bash
# The fuzzer's long mode (FuzzTest with more inputs): mutated bundled inputs through the command line,
# counted by outcome. Usage: tools/fuzz.sh [COUNT=10000] [SEED=20261202] [DEADLINE_MS=20000]
# Prints the counts by class and the first inputs of each defect class; exits non-zero if there is any.
# The quick mode (200 inputs) runs in `mvn -B test`. Replay one input with its files kept:
#   mvn -B -q -pl cli -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
#       -Darrayflow.fuzz.from=I -Darrayflow.fuzz.count=1 -Darrayflow.fuzz.keep=/tmp/fuzz
set -uo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl cli -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Darrayflow.fuzz.count="${1:-10000}" -Darrayflow.fuzz.seed="${2:-20261202}" \
    -Darrayflow.fuzz.deadlineMs="${3:-20000}" >/dev/null 2>&1
status=$?
# the test prints its report to standard output, which surefire keeps in the test's report file
python3 - cli/target/surefire-reports/TEST-org.arrayflow.cli.FuzzTest.xml <<'PY'
import re, sys, html
text = html.unescape(open(sys.argv[1], encoding="utf-8").read())
m = re.search(r"fuzz \(seed.*?(?=\]\]>|</system-out>)", text, re.S)
print(m.group(0).rstrip() if m else "no fuzz report found in " + sys.argv[1])
PY
exit $status
