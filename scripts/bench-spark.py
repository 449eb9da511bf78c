#!/usr/bin/env python3
"""Times `newsnlp.spark.analyze` on Spark local[N] against `nlp.analyze` in one process, on the same texts.

    python scripts/bench-spark.py [DUMP.jsonl] [--n 2000] [--cores 2]

Needs pyspark (pip install pyspark) and Java 17. The Spark time covers analysing every partition and counting
the rows of every table (one action per table; the analysis runs once, its packed output is cached).
"""
import argparse
import json
import os
import sys
import time

import newsnlp
from newsnlp import spark as nlp_spark


def main():
    shared = os.environ.get("NEWSNLP_SHARED_DATA", "/work/shared/data")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dump", nargs="?", default=f"{shared}/topics/reuters21578-modapte-train.jsonl")
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--no-identity", action="store_true", help="without dump-level identity (to see what it costs)")
    args = p.parse_args()
    records = []
    with open(args.dump, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records.append({"id": str(r.get("id", len(records))), "text": r.get("text")})
            if len(records) >= args.n:
                break
    words = sum(len((r["text"] or "").split()) for r in records)

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need newsnlp and pyarrow
    spark = (SparkSession.builder.master(f"local[{args.cores}]").config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "2g").getOrCreate())
    df = spark.createDataFrame(records, "id string, text string").repartition(args.cores * 2).cache()
    df.count()
    start = time.perf_counter()
    tables = nlp_spark.analyze(df, identity=not args.no_identity)
    rows = {name: t.count() for name, t in tables.items()}
    spark_s = time.perf_counter() - start
    spark.stop()

    nlp = newsnlp.Pipeline(jobs=args.cores, identity=not args.no_identity)
    nlp.analyze([r["text"] for r in records[:50]])
    start = time.perf_counter()
    local = nlp.analyze(records)
    local_s = time.perf_counter() - start
    assert rows["articles"] == local.articles.num_rows and rows["mentions"] == local.mentions.num_rows, (rows, local)
    print(f"{len(records)} texts, {words} words; load average {os.getloadavg()[0]:.2f}")
    print("| run | wall s | words/s |\n|---|---|---|")
    print(f"| `newsnlp.spark.analyze`, local[{args.cores}], {args.cores * 2} partitions{', no identity' if args.no_identity else ''} | {spark_s:.1f} | {words / spark_s:,.0f} |")
    print(f"| `nlp.analyze(records)`, jobs={args.cores}, one process | {local_s:.1f} | {words / local_s:,.0f} |")
    print("rows:", rows)


if __name__ == "__main__":
    main()
