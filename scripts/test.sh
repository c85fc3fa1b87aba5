#!/usr/bin/env bash
# `make test`: every check and every test suite, then one summary line `N passed, M failed`.
# Stages: bootstrap, rustfmt, clippy, native tests (all crates), short fuzz round (core, proxy), wasm tests
# in headless Chromium, release build, end-to-end tests (Playwright + Chromium + the proxy + nginx on
# loopback; includes the CSP, secret-leakage and fault suites).
# Gates (fmt, clippy, build) count as one check each. Full logs: target/test-logs/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
passed=0
failed=0

# Adds the counts from cargo/libtest-style "test result:" lines in a log.
count_libtest() {
  local p f
  p=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  echo "  $p passed, $f failed"
}

# Runs a gate (a check with no test count of its own).
gate() {
  local name=$1; shift
  if "$@" >"$LOGS/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "[test] $name: ok"
  else
    failed=$((failed + 1)); echo "[test] $name: FAILED (target/test-logs/$name.log)"; tail -n 30 "$LOGS/$name.log"
    return 1
  fi
}

# Runs a test suite whose log has libtest summary lines; a crash without them counts as one failure.
suite() {
  local name=$1; shift
  echo "[test] $name"
  "$@" >"$LOGS/$name.log" 2>&1
  local rc=$?
  count_libtest "$LOGS/$name.log"
  if [ $rc -ne 0 ]; then
    grep -q 'test result:' "$LOGS/$name.log" || failed=$((failed + 1))
    echo "  FAILED (exit $rc): target/test-logs/$name.log"; grep -E '^(---- |test .* FAILED|error)' "$LOGS/$name.log" | head -n 20
  fi
}

# Prints what target/ holds and what the disk has left: a run that fills the disk fails in whichever
# compiler happens to be writing, so the figures are in the log beside it. A clean run needs about
# CLEAN_RUN_GB of free space (README, "Disk").
CLEAN_RUN_GB=6
disk_report() {
  local free used
  free=$(df -Pk "$ROOT" | awk 'NR==2 {printf "%.1f", $4 / 1048576}')
  used=$(du -sk "$ROOT/target" 2>/dev/null | awk '{printf "%.1f", $1 / 1048576}')
  echo "[test] disk ($1): target/ holds ${used:-0} GB, ${free} GB free"
  if [ "$1" = start ] && awk -v f="$free" -v n="$CLEAN_RUN_GB" 'BEGIN {exit !(f < n)}'; then
    echo "[test] warning: less than $CLEAN_RUN_GB GB free; a run from a clean target/ may stop with \"No space left on device\""
  fi
}

private_tmpdir test-tmp
disk_report start
scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
gate fmt cargo fmt --all -- --check
gate clippy cargo clippy --workspace --all-targets -- -D warnings
suite native cargo test --workspace --no-fail-fast
# --- reliability/security suite: short fuzz round (proptest, 256 cases per property; `make fuzz` runs long) ---
suite fuzz-core env FUZZ_CASES="${FUZZ_CASES:-256}" cargo test -p console-core --test fuzz_sign --test fuzz_validate -- --ignored --nocapture
suite fuzz-proxy env FUZZ_CASES="${FUZZ_CASES:-256}" cargo test -p console-proxy --test fuzz_target -- --ignored --nocapture
grep -h '^fuzz ' "$LOGS/fuzz-core.log" "$LOGS/fuzz-proxy.log" | sed 's/^/  /'
# --- end fuzz ---
suite wasm wasm_env cargo test --target wasm32-unknown-unknown --no-fail-fast -p console --test web -p console-core --test wasm_signing

if gate build scripts/build.sh; then
  echo "[test] e2e (Playwright, headless Chromium, proxy and nginx on loopback)"
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination="$LOGS/e2e.log" \
    --test-reporter=tap --test-reporter-destination="$LOGS/e2e.tap" tests/e2e/*.test.mjs
  rc=$?
  p=$(awk '/^# pass /{print $3}' "$LOGS/e2e.tap"); f=$(awk '/^# fail /{print $3}' "$LOGS/e2e.tap")
  p=${p:-0}; f=${f:-0}
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
  passed=$((passed + p)); failed=$((failed + f))
  echo "  $p passed, $f failed"
  # A failure's own diagnostics (its message, expected/actual, where it stood), so a CI log says why.
  if [ "$f" -ne 0 ]; then
    why=$(awk '/^ *not ok /{on=1; n=0} on{print; if (++n >= 40 || /^ *\.\.\.$/) on=0}' "$LOGS/e2e.tap" | head -n 120)
    # No failed test to show (node itself failed): the end of the log instead.
    if [ -n "$why" ]; then echo "$why"; else tail -n 40 "$LOGS/e2e.log"; fi
  fi
fi

disk_report end
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
