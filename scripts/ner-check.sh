#!/usr/bin/env bash
# CI check of the entity tagger: the committed model still scores its recorded dev figure, and
# retraining with the committed recipe (scripts/train-ner.sh, about a minute on 2 cores, clusters,
# gazetteer and the re-typer's five jackknife taggers included) scores no more than half a point of F1
# below it; both for the tagger alone (fast) and with its re-typer (accurate).
#
# Usage: scripts/ner-check.sh NEWSNLP_BINARY SHARED_DATA
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1 data=$2
dev=$data/ner/conll2003/valid.txt
baseline=$root/models/ner/dev-scores.json
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== committed model on CoNLL-2003 dev (fast, then accurate: with its re-typer)"
"$bin" eval ner "$dev" --model "$root/models/ner/tagger.bin" --ner-backend fast --baseline "$baseline" --max-drop 0.0005
"$bin" eval ner "$dev" --model "$root/models/ner/tagger.bin" --ner-backend accurate \
  --baseline "$root/models/ner/dev-scores-accurate.json" --max-drop 0.0005
echo "== retraining with scripts/train-ner.sh"
start=$SECONDS
"$root/scripts/train-ner.sh" "$bin" "$data" "$out" > "$out/train.log" 2>&1 || { cat "$out/train.log"; exit 1; }
echo "retrained in $((SECONDS - start))s"
"$bin" eval ner "$dev" --model "$out/tagger.bin" --ner-backend fast --baseline "$baseline" --max-drop 0.005
"$bin" eval ner "$dev" --model "$out/tagger.bin" --ner-backend accurate \
  --baseline "$root/models/ner/dev-scores-accurate.json" --max-drop 0.005
