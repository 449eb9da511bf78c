#!/usr/bin/env bash
# Entity tagging throughput, newsnlp beside spaCy (`bench_spacy.py --mode ner`: tokenizer + NER), in one
# run on the same articles, one thread each. Prints both records and the ratio of words/s (wall clock and
# CPU time; words are whitespace-separated words of the input for both tools).
#
# Usage: scripts/bench-ner.sh [CORPUS.jsonl] [MAX_DOCS]
#   CORPUS   JSON Lines with a "text" field (default: the BBC articles of the shared data)
#   MAX_DOCS use only the first N articles (default: all)
# Env: NEWSNLP_SHARED_DATA (default ../shared/data), SPACY_VENV (default ~/.cache/newsnlp-peers/spacy-venv,
#      installed by ../shared/peers/spacy/setup.sh when missing), CARGO_TARGET_DIR.
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
root=$(cd "$(dirname "$0")/.." && pwd)
data=${NEWSNLP_SHARED_DATA:-$root/../shared/data}
peer=$(cd "$data/../peers/spacy" && pwd)
corpus=${1:-$data/topics/bbc-train.jsonl}
max_docs=${2:-}
venv=${SPACY_VENV:-$HOME/.cache/newsnlp-peers/spacy-venv}
[[ -x $venv/bin/python ]] || bash "$peer/setup.sh" "$venv"

(cd "$root" && cargo build --release --quiet --example bench_ner)
target=${CARGO_TARGET_DIR:-$root/target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n $max_docs ]]; then
  head -n "$max_docs" "$corpus" > "$work/corpus.jsonl"
  corpus=$work/corpus.jsonl
fi

echo "# corpus: $corpus ($(wc -l < "$corpus") articles); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$root" && "$target/release/examples/bench_ner" "$corpus" --repeat 3) | tee "$work/newsnlp.json"
"$venv/bin/python" "$peer/bench_spacy.py" "$corpus" --mode ner --n-process 1 --repeat 1 --json "$work/spacy.jsonl" >&2
cat "$work/spacy.jsonl"
python3 - "$work/newsnlp.json" "$work/spacy.jsonl" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
peer = json.loads(open(sys.argv[2]).read().splitlines()[-1])
assert ours["words"] == peer["words"], "both tools must read the same words"
wall = ours["words_per_s"] / peer["words_per_s_best"]
cpu = ours["words_per_cpu_s"] / peer["words_per_cpu_s"]
print(f"newsnlp {ours['words_per_s']:,} words/s ({ours['tokens_per_s']:,} tokens/s), "
      f"spaCy --mode ner {peer['words_per_s_best']:,} words/s: {wall:.1f}x (wall clock)")
print(f"newsnlp {ours['words_per_cpu_s']:,} words/CPU-s ({ours['tokens_per_cpu_s']:,} tokens/CPU-s), "
      f"spaCy {peer['words_per_cpu_s']:,} words/CPU-s: {cpu:.1f}x (CPU time)")
PY
