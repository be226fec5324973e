#!/usr/bin/env bash
# The fuzzer's long mode (FuzzTest with more inputs): mutated bundled inputs through the command line,
# counted by outcome. Usage: tools/fuzz.sh [COUNT=10000] [SEED=20261202] [DEADLINE_MS=20000]
# The quick mode (200 inputs) runs in `mvn -B test`. Replay one input with its files kept:
#   mvn -B -q -pl cli -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
#       -Darrayflow.fuzz.from=I -Darrayflow.fuzz.count=1 -Darrayflow.fuzz.keep=/tmp/fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl cli -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Darrayflow.fuzz.count="${1:-10000}" -Darrayflow.fuzz.seed="${2:-20261202}" \
    -Darrayflow.fuzz.deadlineMs="${3:-20000}" | grep -E "^fuzz |^  [A-Z_]+ #"
