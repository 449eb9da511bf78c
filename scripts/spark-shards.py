"""Runs newsnlp on Spark, one task per shard, and reads the tables back as Spark DataFrames.

    spark-submit scripts/spark-shards.py DUMP.jsonl OUT_DIR [SHARDS] [NEWSNLP_BINARY]
    python scripts/spark-shards.py ...          (with pyspark installed: pip install pyspark)

Each task runs `newsnlp analyze DUMP --shard K/N -o OUT_DIR`: shard K reads the whole dump and keeps
the records whose article id hashes to it, so the tasks need no coordination and no shuffle. DUMP and
OUT_DIR must be paths every executor can reach (a shared file system); on a cluster, ship the binary
with --files or install it on the executors. newsnlp's exit code 1 (some records rejected) is success.
"""
import subprocess
import sys

from pyspark.sql import SparkSession


def main():
    dump, out = sys.argv[1], sys.argv[2]
    shards = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    binary = sys.argv[4] if len(sys.argv) > 4 else "newsnlp"
    spark = SparkSession.builder.appName("newsnlp-shards").getOrCreate()

    def run_shard(k):
        cmd = [binary, "analyze", dump, "-o", out, "--shard", f"{k}/{shards}", "--quiet", "--jobs", "1"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"shard {k}/{shards} failed ({done.returncode}): {done.stderr}")
        return k, done.returncode

    results = spark.sparkContext.parallelize(range(1, shards + 1), shards).map(run_shard).collect()
    print("shards done:", sorted(results))

    articles = spark.read.parquet(f"{out}/articles")
    sentences = spark.read.parquet(f"{out}/sentences")
    print("articles:", articles.count(), "sentences:", sentences.count())
    articles.groupBy("status").count().show()
    articles.groupBy("language").count().orderBy("count", ascending=False).show(5)
    spark.stop()


if __name__ == "__main__":
    main()
