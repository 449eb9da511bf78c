#!/usr/bin/env python3
"""Benchmarks of the Python package, in one run on one set of texts:

1. `nlp.analyze(list_of_texts)` against the CLI (`newsnlp analyze` on a JSON Lines file of the same texts),
   with 1 and 2 jobs: the package's throughput, and the speed-up of a second job;
2. spaCy's `nlp.pipe` on the same texts (tokenizer + NER, and the full pipeline), from the peer's venv;
3. what getting the tables into polars and pandas costs: time and peak RSS of `analyze` alone against
   `analyze` + `pl.from_arrow` (and pandas), each in a fresh process.

    python scripts/bench-python.py [DUMP.jsonl] [--n 2000] [--repeat 3] [--spacy-python PATH]

Run it with the Python that has newsnlp installed (`pip install ./python polars pandas`). The dump defaults to
the Reuters training split under $NEWSNLP_SHARED_DATA; the CLI is $NEWSNLP_BIN or the release build in
$CARGO_TARGET_DIR. Times are the best of `--repeat` runs, interleaved, so that other load on a shared machine
counts as little as possible; words are whitespace-separated words of the input texts.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load(path, n):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str) and text.strip():
                    texts.append(text)
            if len(texts) >= n:
                break
    return texts


def cli_binary():
    if os.environ.get("NEWSNLP_BIN"):
        return os.environ["NEWSNLP_BIN"]
    return str(Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "newsnlp")


def time_cli(binary, dump, jobs):
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run([binary, "analyze", dump, "-o", out, "--quiet", "--jobs", str(jobs)], capture_output=True, text=True)
        wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"the CLI failed: {done.stderr}")
    return wall


def time_python(nlp, texts, jobs):
    start = time.perf_counter()
    tables = nlp.analyze(texts, jobs=jobs)
    wall = time.perf_counter() - start
    assert tables.articles.num_rows == len(texts)
    return wall


# The child of the memory measurement: analyse, then (maybe) convert, and print time and peak RSS.
CHILD = r"""
import json, resource, sys, time
import newsnlp
texts = json.load(open(sys.argv[1]))
mode = sys.argv[2]
# Every mode loads both libraries, so that their own code (tens of MB) is in every peak alike.
import pandas as pd
import polars as pl
nlp = newsnlp.Pipeline(jobs=2)
nlp.analyze(texts[:50])  # load everything lazy before the clock starts
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
tables = nlp.analyze(texts)
arrow = {n: tables[n] for n in tables.names}
analyzed = time.perf_counter()
if mode == "polars":
    frames = {n: pl.from_arrow(t) for n, t in arrow.items()}
elif mode == "to_polars":
    frames = tables.to_polars()
elif mode == "pandas-arrow":
    frames = {n: t.to_pandas(types_mapper=pd.ArrowDtype) for n, t in arrow.items()}
elif mode == "pandas":
    frames = {n: t.to_pandas() for n, t in arrow.items()}
converted = time.perf_counter()
text_bytes = arrow["articles"].column("body").nbytes + arrow["sentences"].column("text").nbytes
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"mode": mode, "analyze_s": analyzed - start, "convert_s": converted - analyzed,
                  "peak_rss_mb": peak / 1024, "rss_before_mb": base / 1024, "text_column_mb": text_bytes / 2**20}))
"""


def memory(texts, repeat):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "texts.json"
        data.write_text(json.dumps(texts))
        rows = {}
        for _ in range(repeat):
            for mode in ("alone", "to_polars", "polars", "pandas-arrow", "pandas"):
                out = subprocess.run([sys.executable, "-c", CHILD, str(data), mode], capture_output=True, text=True)
                if out.returncode != 0:
                    print(f"  {mode}: failed (exit {out.returncode}): {out.stderr.strip()[-300:]}")
                    continue
                r = json.loads(out.stdout)
                best = rows.get(mode)
                if best is None or r["analyze_s"] + r["convert_s"] < best["analyze_s"] + best["convert_s"]:
                    rows[mode] = r
        return rows


def spacy(python, texts, repeat):
    script = "/work/shared/peers/spacy/bench_spacy.py"
    if not (python and Path(python).exists() and Path(script).exists()):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
        out = Path(tmp) / "spacy.jsonl"
        subprocess.run([python, script, str(corpus), "--mode", "both", "--n-process", "1", "--repeat", str(repeat),
                        "--json", str(out)], check=True, capture_output=True, text=True)
        return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def main():
    shared = os.environ.get("NEWSNLP_SHARED_DATA", "/work/shared/data")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dump", nargs="?", default=f"{shared}/topics/reuters21578-modapte-train.jsonl")
    p.add_argument("--n", type=int, default=2000, help="texts to analyse (default 2000)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--spacy-python", default=os.path.expanduser("~/.cache/newsnlp-peers/spacy-venv/bin/python"),
                   help="the Python of the spaCy peer (/work/shared/peers/spacy/setup.sh); '' to skip")
    p.add_argument("--skip-memory", action="store_true")
    p.add_argument("--only-memory", action="store_true", help="only the memory measurement")
    p.add_argument("--memory-copies", type=int, default=1,
                   help="the texts repeated this many times for the memory measurement, for large text columns")
    args = p.parse_args()

    import newsnlp

    texts = load(args.dump, args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words, {sum(map(len, texts)) / 1e6:.1f} MB from {args.dump}; "
          f"load average {os.getloadavg()[0]:.2f}")
    if args.only_memory:
        return print_memory(memory(texts * args.memory_copies, args.repeat))
    nlp = newsnlp.Pipeline()
    nlp.analyze(texts[:50])
    binary = cli_binary()
    with tempfile.TemporaryDirectory() as tmp:
        dump = str(Path(tmp) / "texts.jsonl")
        Path(dump).write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
        best = {}
        for _ in range(args.repeat):
            for jobs in (1, 2):
                for name, run in (("cli", lambda: time_cli(binary, dump, jobs)), ("python", lambda: time_python(nlp, texts, jobs))):
                    wall = run()
                    best[(name, jobs)] = min(best.get((name, jobs), wall), wall)
    print("\n| run | jobs | best wall s | words/s |\n|---|---|---|---|")
    for (name, jobs), wall in sorted(best.items()):
        label = "`newsnlp analyze` (CLI, Parquet out)" if name == "cli" else "`nlp.analyze(list_of_texts)`"
        print(f"| {label} | {jobs} | {wall:.2f} | {words / wall:,.0f} |")
    for jobs in (1, 2):
        print(f"python/CLI throughput, jobs={jobs}: {best[('cli', jobs)] / best[('python', jobs)]:.3f}")
    print(f"python speed-up of jobs=2 over jobs=1: {best[('python', 1)] / best[('python', 2)]:.2f}x")
    print(f"CLI speed-up of jobs=2 over jobs=1: {best[('cli', 1)] / best[('cli', 2)]:.2f}x")

    peer = spacy(args.spacy_python, texts, 1) if args.spacy_python else None
    if peer:
        print("\n| spaCy en_core_web_sm, n_process=1 | words/s | newsnlp jobs=1 is | newsnlp jobs=2 is |\n|---|---|---|---|")
        for r in peer:
            wps = r["words_per_s_best"]
            print(f"| {r.get('mode')} (batch {r.get('batch_size')}) | {wps:,.0f} | {words / best[('python', 1)] / wps:.0f}x "
                  f"| {words / best[('python', 2)] / wps:.0f}x |")

    if not args.skip_memory:
        print_memory(memory(texts * args.memory_copies, args.repeat))


def print_memory(rows):
    print("\n| analyze, then | analyze s | convert s | peak RSS MB | text columns MB |\n|---|---|---|---|---|")
    for mode, r in rows.items():
        print(f"| {mode} | {r['analyze_s']:.2f} | {r['convert_s']:.3f} | {r['peak_rss_mb']:.0f} | {r['text_column_mb']:.0f} |")


if __name__ == "__main__":
    main()
