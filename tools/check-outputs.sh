#!/usr/bin/env bash
# Checks that every user-visible output is byte-for-byte what tools/output-digests.tsv records (the test
# OutputDigestTest, which `mvn -B test` also runs). With --update, rewrites the digests from the current
# code instead: do that only in a commit that means to change outputs, and say there which and why.
# The files each case wrote stay in cli/target/output-digests/ for diffing against another checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
update=false
[ "${1:-}" = "--update" ] && update=true
mvn -B -q -pl cli -am test -Dtest=OutputDigestTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Darrayflow.updateDigests="$update"
