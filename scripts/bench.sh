#!/usr/bin/env bash
# `make bench`: prints figures (never pass/fail) and writes them to target/bench.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
node scripts/bench.mjs
