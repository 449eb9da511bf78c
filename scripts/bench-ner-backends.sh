#!/usr/bin/env bash
# The accurate entity backend's cost (issue 17): the whole `analyze` of a corpus on one core with
# `--ner-backend fast` (the tagger) and `--ner-backend accurate` (the tagger and its re-typer), alternating,
# beside spaCy's tokenizer + NER (`bench_spacy.py --mode ner`, one process) on the first SPACY_DOCS articles of
# the same corpus, in one run. Words are whitespace-separated words of the `text` field for every tool. Speeds
# are at steady state: each round also times `analyze` of the corpus's first article (loading the models,
# writing the tables), and that startup is subtracted from the whole run's wall time.
#
# Usage: scripts/bench-ner-backends.sh [CORPUS.jsonl] [ROUNDS]
#   CORPUS   JSON Lines with a "text" field (default: the Reuters-21578 training file of the shared data)
#   ROUNDS   runs of each backend (default 3); the best is reported
# Env: NEWSNLP_SHARED_DATA (default ../shared/data), SPACY_VENV (default ~/.cache/newsnlp-peers/spacy-venv,
#      installed by ../shared/peers/spacy/setup.sh when missing), SPACY_DOCS (default 3000), CARGO_TARGET_DIR.
#      BASELINE_BIN and BASELINE_MODELS: another build and its models folder (an older commit's, say), timed in
#      the same rounds with its default backend, so that a change of speed shows beside the same spaCy run.
#      For example, the build of the day issue 17 was filed:
#        git worktree add /tmp/f13 f13b3c2 && (cd /tmp/f13 && cargo build --release)
#        BASELINE_BIN=$CARGO_TARGET_DIR/release/newsnlp ... (copy it first: the next build overwrites it)
#        BASELINE_MODELS=/tmp/f13/models scripts/bench-ner-backends.sh
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
root=$(cd "$(dirname "$0")/.." && pwd)
data=${NEWSNLP_SHARED_DATA:-$root/../shared/data}
peer=$(cd "$data/../peers/spacy" && pwd)
corpus=${1:-$data/topics/reuters21578-modapte-train.jsonl}
rounds=${2:-3}
venv=${SPACY_VENV:-$HOME/.cache/newsnlp-peers/spacy-venv}
[[ -x $venv/bin/python ]] || bash "$peer/setup.sh" "$venv" >&2
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}
(cd "$root" && cargo build --release --quiet)
bin=$CARGO_TARGET_DIR/release/newsnlp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# corpus: $corpus ($(wc -l < "$corpus") articles); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
head -n 1 "$corpus" > "$work/one.jsonl"
# One timed `analyze` of $2 by build $3 with backend flags $4.. into newsnlp.txt under the name $1.
timed() {
  local name=$1 input=$2 exe=$3 format
  shift 3
  [[ $name == *-startup ]] && format="%e" || format="%e %U %M"
  /usr/bin/time -f "$format" -o "$work/time" "$exe" analyze "$input" -o "$work/out" --jobs 1 --quiet "$@"
  [[ $name == *-startup ]] && echo "$name $(cat "$work/time") 0 0" >> "$work/newsnlp.txt" \
    || echo "$name $(cat "$work/time")" >> "$work/newsnlp.txt"
  rm -rf "$work/out"
}
backends=(fast accurate)
[[ -n ${BASELINE_BIN:-} ]] && backends+=(baseline)
for round in $(seq "$rounds"); do
  for backend in "${backends[@]}"; do
    if [[ $backend == baseline ]]; then
      flags=(--models-dir "${BASELINE_MODELS:?BASELINE_MODELS goes with BASELINE_BIN}")
      exe=$BASELINE_BIN
    else
      flags=(--ner-backend "$backend" --models-dir "$root/models")
      exe=$bin
    fi
    timed "$backend-startup" "$work/one.jsonl" "$exe" "${flags[@]}"
    timed "$backend" "$corpus" "$exe" "${flags[@]}"
  done
done
"$venv/bin/python" "$peer/bench_spacy.py" "$corpus" --mode ner --n-process 1 --max-docs "${SPACY_DOCS:-3000}" \
  --json "$work/spacy.jsonl" > /dev/null
python3 - "$corpus" "$work/newsnlp.txt" "$work/spacy.jsonl" <<'PY'
import json, sys
words = sum(len((json.loads(l).get("text") or "").split()) for l in open(sys.argv[1], encoding="utf-8"))
runs = {}
for line in open(sys.argv[2]):
    backend, wall, user, rss = line.split()
    runs.setdefault(backend, []).append((float(wall), float(user), int(rss)))
peer = json.loads(open(sys.argv[3]).read().splitlines()[-1])
spacy = peer["words_per_s_best"]
print(f"spaCy tokenizer + NER, one process: {spacy:,} words/s ({peer['docs']} articles)")
steady = {}
for backend in [b for b in ("fast", "accurate", "baseline") if b in runs]:
    rs, start = runs[backend], min(r[0] for r in runs[backend + "-startup"])
    wall = min(r[0] for r in rs)
    steady[backend] = wall - start
    what = "the baseline build" if backend == "baseline" else f"--ner-backend {backend}"
    print(f"newsnlp analyze --jobs 1, {what}: best {wall:.2f} s of {[r[0] for r in rs]}, startup "
          f"{start:.2f} s; steady state {words / (wall - start):,.0f} words/s = {words / (wall - start) / spacy:.1f}x spaCy "
          f"(whole run {words / wall / spacy:.1f}x); peak RSS {max(r[2] for r in rs) / 1024:.0f} MB")
print(f"accurate against fast: {steady['accurate'] / steady['fast'] - 1:+.1%} steady-state time")
if "baseline" in steady:
    print(f"fast against the baseline build: {steady['fast'] / steady['baseline'] - 1:+.1%} steady-state time")
PY
