#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of iterations (CI uses the default; a longer run:
# `scripts/fuzz.sh 5000000`, or `RUSTC_BOOTSTRAP=1 cargo fuzz run segment` from the repository root
# to run one target until stopped). The machine has a stable toolchain only, and cargo-fuzz passes -Z
# flags, hence RUSTC_BOOTSTRAP=1. Targets are built without a sanitizer: the code is safe Rust, so
# the fuzzers look for panics (failed assertions, out-of-bounds slicing), which need none, and the
# build is several times faster.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
target_dir="${NEWSNLP_FUZZ_TARGET:-$HOME/.cache/newsnlp/fuzz-target}"
corpus="$(mktemp -d)"; trap 'rm -rf "$corpus"' EXIT
for t in $(cargo fuzz list); do
  mkdir -p "$corpus/$t"
  cp tests/data/*.txt "$corpus/$t/" 2>/dev/null || true
  echo "fuzz: $t, $runs runs"
  cargo fuzz run --sanitizer none --target-dir "$target_dir" "$t" "$corpus/$t" -- -runs="$runs" -max_len=4096 2>&1 | tail -n 3
done
echo "fuzz: all targets ran $runs iterations without a failure"
