"""The Spark path: `newsnlp.spark.analyze` on local[2] gives the rows the in-process run gives.
Skipped when pyspark (or Java) is not installed."""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java for Spark", allow_module_level=True)

import newsnlp  # noqa: E402
from newsnlp import spark as nlp_spark  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "notebooks-data" / "sample-dump.jsonl"


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, the one with newsnlp and pyarrow installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsnlp-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_tables_hold_the_rows_of_an_in_process_run(spark, tmp_path):
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    records.append({"id": "empty", "title": "nothing", "published": None, "text": None})
    df = spark.createDataFrame(records, "id string, title string, published string, text string").repartition(3)
    tables = nlp_spark.analyze(df, text_col="text", id_col="id")
    expected = newsnlp.Pipeline(jobs=1).analyze(records)
    assert set(expected.names) <= set(tables)
    for name in ("articles", "sentences", "mentions", "entities"):
        ours = tables[name]
        assert ours.columns == expected[name].column_names, name
        assert ours.count() == expected[name].num_rows, name
    articles = {r["article_id"]: r for r in tables["articles"].collect()}
    want = {r["article_id"]: r for r in expected.articles.to_pylist()}
    assert articles.keys() == want.keys()
    for article_id, row in want.items():
        got = articles[article_id]
        for column in ("status", "reason", "title", "body", "language", "n_sentences", "topic"):
            assert got[column] == row[column], (article_id, column)
    assert articles["empty"]["status"] == "rejected"
    # Dump-level identity over the whole DataFrame, not per partition: the ids and labels of the in-process run.
    for name in ("entities", "mentions"):
        key = ["article_id", "entity_id", "global_id", "label"]
        got = sorted(tuple(v or "" for v in r) for r in tables[name].select(*key).collect())
        want = sorted(tuple(r[k] or "" for k in key) for r in expected[name].to_pylist())
        assert got == want, name
    dump = sorted(tuple(r) for r in tables["dump_entities"].select("global_id", "name", "label", "article_count").collect())
    want = sorted((r["global_id"], r["name"], r["label"], r["article_count"]) for r in expected.dump_entities.to_pylist())
    assert dump == want and len(dump) > 0
    # And written as Parquet, one folder per table.
    written = nlp_spark.analyze(df, output=str(tmp_path / "out"))
    assert written["mentions"].count() == expected.mentions.num_rows
    assert (tmp_path / "out" / "articles").is_dir()


def test_a_missing_column_is_a_clear_error(spark):
    df = spark.createDataFrame([("a", "Some text.")], "uid string, body string")
    with pytest.raises(ValueError, match="no column 'text'"):
        nlp_spark.analyze(df)
    with pytest.raises(ValueError, match="monotonically_increasing_id"):
        nlp_spark.analyze(df, text_col="body")
