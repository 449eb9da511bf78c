#!/usr/bin/env bash
# The topic stage's cost inside `analyze`: the same dump with and without topics,
# side by side in one run. Usage: scripts/topic-throughput.sh [DUMP.jsonl] [JOBS]
# Default dump: the Reuters-21578 training file under $NEWSNLP_SHARED_DATA.
set -uo pipefail  # analyze exits 1 when some records are rejected (Reuters has empty bodies)
dump=${1:-${NEWSNLP_SHARED_DATA:-/work/shared/data}/topics/reuters21578-modapte-train.jsonl}
jobs=${2:-1}
bin=${NEWSNLP_BIN:-target/release/newsnlp}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for mode in --no-topics ""; do
  for round in 1 2 3; do
    # shellcheck disable=SC2086
    "$bin" analyze "$dump" -o "$out/${mode:-topics}-$round" --format jsonl -j "$jobs" $mode 2>&1 \
      | sed -n "s/^newsnlp: .* in \(.*\) s: .*, \(.*\) articles\/s.*/${mode:-with-topics} round $round: \1 s, \2 articles\/s/p"
  done
done
