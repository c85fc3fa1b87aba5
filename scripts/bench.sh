#!/usr/bin/env bash
# `make bench`: prints figures (never pass/fail) and writes them to target/bench.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
private_tmpdir bench-tmp
# The 1000-instance batch has its own script (the fleet page's); its figures join the table only when this
# run produced them, so an old target/bench-batch.json is never shown as current.
if [ -f scripts/bench_batch.mjs ]; then
  rm -f target/bench-batch.json
  echo "[bench] 1000-instance batch (scripts/bench_batch.mjs)"
  node scripts/bench_batch.mjs || echo "[bench] the batch benchmark failed; its rows read 'not measured'" >&2
fi
echo "[bench] bundle, load, keystroke, signing and proxy figures (scripts/bench.mjs)"
node scripts/bench.mjs
