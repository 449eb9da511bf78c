#!/usr/bin/env bash
# Rebuilds what notebooks-data/ ships from the sample dump: the analyze tables (tables/), the stats tables
# (stats/), and the notebook's outputs and figures (executed in place). Run it after a model or schema change
# and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/notebook-venv.sh
notebook_venv
notebook_package
rm -rf notebooks-data/tables notebooks-data/stats notebooks-data/figures
# The notebook analyses the sample with the Python package and writes tables/ and stats/ (the files of the
# README's first command and of `newsnlp stats`) and figures/.
(cd notebooks-data && "$NOTEBOOK_VENV/bin/jupyter" nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.record_timing=False \
  --ExecutePreprocessor.timeout=300 newsnlp-tour.ipynb)
for f in "${NOTEBOOK_FIGURES[@]}"; do
  [[ -s "notebooks-data/figures/$f.png" ]] || { echo "refresh: figures/$f.png was not written" >&2; exit 1; }
done
echo "refresh: notebooks-data/tables, stats, figures and the notebook's outputs are up to date"
