#!/usr/bin/env bash
# Peak memory and time of `newsnlp stats`, measured with /usr/bin/time -v:
#   1. on the analyze tables of the Reuters training file, when ../shared/data (or NEWSNLP_SHARED_DATA) is there;
#   2. on synthetic analyze tables of N articles (default 200000) with 10 entities each, drawn from a Zipf-like
#      vocabulary of 100000, and 3 body mentions per entity, as an 8-part dataset folder (made with the
#      notebook's Python venv: polars, numpy).
# Usage: scripts/bench-stats.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/notebook-venv.sh
notebook_venv
bin="$(newsnlp_bin)"
n="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() {
  local what="$1"
  shift
  /usr/bin/time -v "$@" 2>"$work/time.log" >/dev/null || { cat "$work/time.log" >&2; exit 1; }
  local rss wall
  rss="$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.log")"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.log")"
  printf '%-60s peak RSS %6d MB, wall %s\n' "$what" $((rss / 1024)) "$wall"
}

shared="${NEWSNLP_SHARED_DATA:-../shared/data}"
reuters="$shared/topics/reuters21578-modapte-train.jsonl"
if [[ -f "$reuters" ]]; then
  "$bin" analyze "$reuters" -o "$work/reuters" --quiet
  measure "stats, Reuters train ($(wc -l <"$reuters") articles)" "$bin" stats "$work/reuters" -o "$work/reuters-stats" -q
fi

"$NOTEBOOK_VENV/bin/python" - "$work/synthetic" "$n" <<'PY'
import sys
from pathlib import Path

import numpy as np
import polars as pl

out, n_articles = Path(sys.argv[1]), int(sys.argv[2])
vocabulary, per_article, sentences, parts = 100_000, 10, 20, 8
rng = np.random.default_rng(1)
weights = 1.0 / np.arange(1, vocabulary + 1) ** 1.1
weights /= weights.sum()
labels = np.array(["PERSON", "ORGANIZATION", "LOCATION", "MISC"])
topics = ["business", "politics", "sport", "health", None]
for part in range(parts):
    lo, hi = part * n_articles // parts, (part + 1) * n_articles // parts
    n = hi - lo
    ids = [f"a{i}" for i in range(lo, hi)]
    days = rng.integers(0, 730, n)
    articles = pl.DataFrame({
        "article_id": ids,
        "status": ["ok"] * n,
        "published": [f"{np.datetime64('2024-01-01') + int(d)}T12:00:00" for d in days],
        "topic": pl.Series([topics[i] for i in rng.integers(0, len(topics), n)], dtype=pl.String),
        "n_sentences": np.full(n, sentences, dtype=np.int64),
    })
    e = rng.choice(vocabulary, size=n * per_article, p=weights)
    entities = pl.DataFrame({
        "article_id": np.repeat(np.array(ids, dtype=object), per_article).tolist(),
        "entity_id": [f"e{x}" for x in e],
        "name": [f"Entity {x}" for x in e],
        "label": labels[e % 4].tolist(),
        "mention_count": np.full(n * per_article, 3, dtype=np.int64),
        "salience": rng.random(n * per_article).astype(np.float32),
    }).unique(["article_id", "entity_id"], maintain_order=True)
    mentions = pl.DataFrame({
        "article_id": np.repeat(entities["article_id"].to_numpy(), 3).tolist(),
        "field": ["body"] * (3 * entities.height),
        "sentence_index": rng.integers(0, sentences, 3 * entities.height),
        "entity_id": np.repeat(entities["entity_id"].to_numpy(), 3).tolist(),
    })
    for name, df in [("articles", articles), ("entities", entities), ("mentions", mentions)]:
        (out / name).mkdir(parents=True, exist_ok=True)
        df.write_parquet(out / name / f"part-{part}.parquet", row_group_size=65_536)
PY
rows() { "$NOTEBOOK_VENV/bin/python" -c "import polars as pl, sys; print(pl.scan_parquet(sys.argv[1]).select(pl.len()).collect().item())" "$1"; }
measure "stats, synthetic ($n articles, $(rows "$work/synthetic/entities/*.parquet") entity rows, $(rows "$work/synthetic/mentions/*.parquet") mentions)" \
  "$bin" stats "$work/synthetic" -o "$work/synthetic-stats" -q
