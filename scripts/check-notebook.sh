#!/usr/bin/env bash
# Executes notebooks-data/newsnlp-tour.ipynb headless (jupyter nbconvert --execute), which analyses the sample
# dump with the newsnlp Python package (python/, installed into the venv from this checkout) and writes its
# tables and figures into a temporary folder, and fails on any cell error or missing figure. It runs twice: with
# the models as built, and with the names of the sample's fictional world as rules
# (tests/data/sample-dump.rules.jsonl), so that the network and the mentions in context are drawn even by a
# build that finds few entities. The committed tables, figures and notebook are left untouched
# (scripts/refresh-notebooks-data.sh rewrites those). Python dependencies come from PyPI into a venv under
# $HOME/.cache, reused between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/notebook-venv.sh
start=$SECONDS
notebook_venv
notebook_package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# run NAME [RULES_FILE]: execute the notebook (which analyses the sample and computes the stats); outputs under
# $work/NAME.
run() {
  local name="$1" dir="$work/$1" rules="${2:-}"
  mkdir -p "$dir"
  if ! NEWSNLP_RULES="$rules" NEWSNLP_TABLES="$dir/tables" NEWSNLP_STATS="$dir/stats" NEWSNLP_FIGURES="$dir/figures" \
    "$NOTEBOOK_VENV/bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
    --output-dir "$dir" --output executed notebooks-data/newsnlp-tour.ipynb 2>"$dir/nbconvert.log"; then
    cat "$dir/nbconvert.log" >&2
    echo "check-notebook: the notebook failed on the $name tables" >&2
    exit 1
  fi
  local f
  for f in "${NOTEBOOK_FIGURES[@]}"; do
    [[ -s "$dir/figures/$f.png" ]] || { echo "check-notebook: $name: figures/$f.png not written" >&2; exit 1; }
  done
}

run plain
run rules "$PWD/tests/data/sample-dump.rules.jsonl"
# The placeholder figures print their message: none may show up in the rule-enriched run's outputs.
if "$NOTEBOOK_VENV/bin/python" - "$work/rules/executed.ipynb" <<'PY'; then
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
streams = ["".join(o.get("text", "")) for c in cells for o in c.get("outputs", []) if o.get("output_type") == "stream"]
sys.exit(0 if any("No pair of entities" in s for s in streams) else 1)
PY
  echo "check-notebook: with the rules, the co-occurrence network should not be empty" >&2
  exit 1
fi
echo "check-notebook: ok: the notebook ran with no errors and saved its ${#NOTEBOOK_FIGURES[@]} figures, on plain and on rule-enriched tables ($((SECONDS - start)) s)"
