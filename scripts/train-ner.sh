#!/usr/bin/env bash
# The recipe of the committed entity tagger (models/ner/tagger.bin): CoNLL-2003 train, the shared
# gazetteers, word clusters from the shared unlabelled news text (plus the CoNLL train tokens), seed 1.
# Deterministic: the same inputs and seed give the same model, byte for byte.
#
# Usage: [SEED=N] scripts/train-ner.sh NEWSNLP_BINARY SHARED_DATA OUT_DIR [more `train ner` flags]
#   SEED defaults to 1, the committed model's seed.
#   e.g. scripts/train-ner.sh target/release/newsnlp ../shared/data models/ner
set -euo pipefail
bin=$1 data=$2 out=$3
shift 3
exec "$bin" train ner \
  --train "$data/ner/conll2003/train.txt" \
  --dev "$data/ner/conll2003/valid.txt" \
  --out "$out" \
  --seed "${SEED:-1}" \
  --gazetteers "$data/gazetteers" \
  --unlabelled "$data/topics/bbc-train.jsonl" "$data/topics/reuters21578-modapte-train.jsonl" \
               "$data/raw_news_text/abc_australia_2006" "$data/raw_news_text/brown_press" \
  "$@"
