#!/usr/bin/env bash
# Feature ablation of the entity tagger on CoNLL-2003 dev: the committed recipe (scripts/train-ner.sh)
# with feature families added one at a time, and the full recipe with each family removed, three seeds
# each (the perceptron's result moves by a few tenths of a point with the seed, so one seed cannot
# separate small gains from noise). Prints a Markdown table; takes about ten minutes on 2 cores.
#
# Usage: scripts/ner-ablation.sh NEWSNLP_BINARY SHARED_DATA [SEEDS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1 data=$2
shift 2
if (($#)); then seeds=("$@"); else seeds=(1 2 3); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dev=$data/ner/conll2003/valid.txt

configs=(
  "local features only|--no-gazetteer --no-clusters --no-vectors --no-two-stage"
  "+ gazetteers|--no-clusters --no-vectors --no-two-stage"
  "+ clusters and casing prior|--no-vectors --no-two-stage"
  "+ GloVe vector classes|--no-two-stage"
  "+ second stage|--no-doc-cues"
  "+ article-level context cues (full recipe)|"
  "full − gazetteers|--no-gazetteer"
  "full − clusters and casing prior|--no-clusters"
  "full − GloVe vector classes|--no-vectors"
  "full − title lines read as capitals|--keep-title-case"
)
echo "| configuration | $(printf 'seed %s | ' "${seeds[@]}")mean | title-case headlines (mean) |"
echo "|---|$(printf -- '---:|%.0s' "${seeds[@]}")---:|---:|"
for c in "${configs[@]}"; do
  name=${c%%|*} flags=${c#*|}
  row="| $name |" sum=0 hsum=0
  for s in "${seeds[@]}"; do
    # shellcheck disable=SC2086
    SEED=$s "$root/scripts/train-ner.sh" "$bin" "$data" "$work/m" $flags > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    f1=$("$bin" eval ner "$dev" --model "$work/m" 2>/dev/null | awk '/^micro/{print $4}')
    h=$("$bin" eval ner "$dev" --model "$work/m" --headlines-title-case 2>/dev/null | awk '/^micro/{print $4}')
    row+=" $f1 |"
    sum=$(awk -v a="$sum" -v b="$f1" 'BEGIN{print a+b}')
    hsum=$(awk -v a="$hsum" -v b="$h" 'BEGIN{print a+b}')
  done
  n=${#seeds[@]}
  echo "$row $(awk -v s="$sum" -v n="$n" 'BEGIN{printf "%.4f", s/n}') | $(awk -v s="$hsum" -v n="$n" 'BEGIN{printf "%.4f", s/n}') |"
done
