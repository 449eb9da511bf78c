"""Tests of the newsnlp Python package: the tables against the CLI's, every kind of input, bad records,
threads, errors, single documents and the notebook display. Run from anywhere: `pytest python/tests`."""

import _thread
import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newsnlp

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "notebooks-data" / "sample-dump.jsonl"
SAMPLE_PAGE_DIR = ROOT / "notebooks-data" / "sample"
RECORD_TABLES = ["articles", "sentences", "mentions", "entities"]
# The tables a full `newsnlp analyze -o DIR` writes for the sample dump (dump-level identity included).
CLI_TABLES = RECORD_TABLES + ["quotes", "dump_entities"]


def run_cli(out, *flags):
    done = subprocess.run(
        [cli_binary(), "analyze", str(SAMPLE), "-o", str(out), "--quiet", "--jobs", "2", *flags],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    return {name: pq.read_table(out / f"{name}.parquet") for name in CLI_TABLES if (out / f"{name}.parquet").exists()}


def cli_binary():
    """The newsnlp binary of this checkout: $NEWSNLP_BIN, or the release build in the target folder."""
    if os.environ.get("NEWSNLP_BIN"):
        return os.environ["NEWSNLP_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "release" / "newsnlp"
    if not binary.exists():
        pytest.skip(f"no newsnlp binary at {binary} (set NEWSNLP_BIN)")
    return str(binary)


@pytest.fixture(scope="module")
def nlp():
    return newsnlp.Pipeline(jobs=2)


@pytest.fixture(scope="module")
def sample_records():
    import json

    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def cli_tables(tmp_path_factory):
    return run_cli(tmp_path_factory.mktemp("cli"))


def without(table: pa.Table, column: str) -> pa.Table:
    return table.drop_columns([column]) if column in table.column_names else table


def test_the_tables_equal_the_clis_on_the_sample_dump(nlp, cli_tables):
    tables = nlp.analyze(str(SAMPLE))
    assert tables.names[: len(RECORD_TABLES)] == RECORD_TABLES
    assert set(cli_tables) == set(CLI_TABLES) and set(tables.names) == set(CLI_TABLES)
    for name in CLI_TABLES:
        ours, theirs = tables[name], cli_tables[name]
        assert ours.schema.equals(theirs.schema), f"{name}: {ours.schema} != {theirs.schema}"
        assert ours.equals(theirs), f"{name} differs from the CLI's"
    assert tables.articles.num_rows == 45
    assert tables.mentions.num_rows > 0 and tables.sentences.num_rows > 45
    identity = tables.summary["identity"]
    assert identity["dump_entities"] == tables.dump_entities.num_rows > 0
    assert identity["rows_changed"] > 0, "the end of the run changed some provisional ids or labels"


def test_one_thing_has_one_id_and_one_label_across_the_dump(nlp):
    entities = nlp.analyze(str(SAMPLE)).entities.to_pylist()
    port = {(e["global_id"], e["label"]) for e in entities if e["name"] == "Port Aldren"}
    assert len(port) == 1, f"Port Aldren: {port}"
    assert all(e["global_id"] for e in entities), "every entity has its dump-level id"


def test_without_identity_the_tables_equal_the_clis_no_identity_run(tmp_path):
    tables = newsnlp.Pipeline(jobs=2, identity=False).analyze(str(SAMPLE))
    cli = run_cli(tmp_path, "--no-identity")
    assert "dump_entities" not in tables.names and "identity" not in tables.summary
    for name in RECORD_TABLES:
        assert tables[name].equals(cli[name]), f"{name} differs from the CLI's --no-identity run"
    assert tables.entities.column("global_id").null_count == tables.entities.num_rows


def test_tables_are_attributes_items_and_listed(nlp):
    tables = nlp.analyze(["One sentence here. And another one."])
    assert set(RECORD_TABLES) <= set(tables.names)
    assert tables.articles is tables["articles"], "a table is built once"
    assert "sentences" in tables and "people" not in tables
    with pytest.raises(AttributeError):
        tables.people
    assert dict(tables.items()).keys() == set(tables.names)
    assert "1 records" in repr(tables)


def test_every_input_kind_gives_the_same_rows(nlp, sample_records, cli_tables, tmp_path):
    import pandas as pd
    import polars as pl

    expected = {n: without(cli_tables[n], "source") for n in RECORD_TABLES + ["dump_entities"]}
    fields = ["id", "title", "published", "text"]
    frame = pa.table({f: [r.get(f) for r in sample_records] for f in fields})
    sources = {
        "dicts": sample_records,
        "generator of dicts": (r for r in sample_records),
        "pyarrow table": frame,
        "pyarrow record batch reader": pa.RecordBatchReader.from_batches(frame.schema, frame.to_batches(max_chunksize=7)),
        "pandas": frame.to_pandas(),
        "polars": pl.from_arrow(frame),
        "polars lazy": pl.from_arrow(frame).lazy(),
        "path object": SAMPLE,
        "list of paths": [SAMPLE],
    }
    for kind, source in sources.items():
        tables = nlp.analyze(source)
        for name in RECORD_TABLES + ["dump_entities"]:
            assert without(tables[name], "source").equals(expected[name]), f"{kind}: {name} differs"
    # Texts alone: the same analysis, with ids made from the position.
    texts = nlp.analyze([r["text"] for r in sample_records])
    assert texts.articles.column("article_id").to_pylist()[:2] == ["article-0", "article-1"]
    assert texts.sentences.num_rows > 0
    # A folder, as the CLI reads it.
    folder = nlp.analyze(SAMPLE_PAGE_DIR)
    assert folder.articles.num_rows == len(list(SAMPLE_PAGE_DIR.glob("*.html"))) + len(list(SAMPLE_PAGE_DIR.glob("*.txt")))


def test_the_html_column_is_analysed_as_a_page(nlp):
    path = ROOT / "tests" / "data" / "cp-2026-01-06-carney-paris.html"
    tables = nlp.analyze(pa.table({"text": ["ignored when html is set"], "html": [path.read_text(encoding="utf-8")]}))
    row = tables.articles.to_pylist()[0]
    from_file = nlp.analyze(path).articles.to_pylist()[0]
    assert row["status"] == "ok" and row["title"], row
    for column in ("title", "byline", "dateline", "published", "body"):
        assert row[column] == from_file[column], f"{column}: the column went through the HTML extractor as the file"


def test_bad_records_become_rejected_rows_never_an_exception(nlp):
    items = [
        "A good article. It has two sentences.",
        None,
        42,
        "",
        "   \n ",
        {"id": "no-text", "text": None},
        {"id": "number", "text": 3.5},
        "lone surrogate \ud800 here",
        b"bytes \xff not UTF-8",
        {"id": "late", "text": "Another good one."},
    ]
    tables = nlp.analyze(items)
    rows = tables.articles.select(["article_id", "status", "reason"]).to_pylist()
    assert len(rows) == len(items), "every record has its row, in input order"
    status = [r["status"] for r in rows]
    assert status == ["ok"] + ["rejected"] * 8 + ["ok"]
    reasons = [r["reason"] or "" for r in rows]
    assert "missing" in reasons[1] and "not a string" in reasons[2]
    assert "invalid UTF-8" in reasons[7] and "invalid UTF-8" in reasons[8]
    assert rows[5]["article_id"] == "no-text" and rows[9]["article_id"] == "late"
    s = tables.summary
    assert (s["records"], s["ok"], s["rejected"]) == (10, 2, 8)
    assert s["rejected_by_reason"] == {"missing_text": 4, "text_not_string": 2, "invalid_utf8": 2}


def test_a_table_without_a_text_column_is_a_clear_error(nlp):
    with pytest.raises(newsnlp.ConfigError, match="no `text` column"):
        nlp.analyze(pa.table({"body": ["x"]}))
    renamed = newsnlp.Pipeline(text_field="body", jobs=1).analyze(pa.table({"body": ["Some text here."]}))
    assert renamed.articles.column("status").to_pylist() == ["ok"]


def test_two_threads_share_one_pipeline(nlp, sample_records):
    halves = [sample_records[:22], sample_records[22:]]
    alone = [nlp.analyze(h) for h in halves]
    barrier = threading.Barrier(2)

    def run(half):
        barrier.wait()
        return nlp.analyze(half)

    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(run, halves))
    for a, b in zip(alone, together):
        for name in RECORD_TABLES:
            assert a[name].equals(b[name])


def test_the_gil_is_released_while_the_pipeline_runs(nlp, sample_records):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    try:
        nlp.analyze([r["text"] for r in sample_records] * 40, jobs=1)
    finally:
        took = time.perf_counter() - start
        stop.set()
        t.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    # Were the GIL held for the whole analysis, the ticking thread would stop for about all of it.
    assert len(ticks) > 10 and max(gaps) < max(0.25, took / 2), f"the longest gap {max(gaps):.2f} s of {took:.2f} s"


def test_errors_are_newsnlp_errors(nlp, tmp_path):
    with pytest.raises(newsnlp.ConfigError):
        newsnlp.Pipeline(ner_backend="bogus")
    with pytest.raises(newsnlp.ConfigError):
        newsnlp.Pipeline(invalid_utf8="maybe")
    with pytest.raises(newsnlp.InputError, match="no such file"):
        nlp.analyze(str(tmp_path / "missing.jsonl"))
    with pytest.raises(newsnlp.InputError, match="missing-rules.jsonl"):
        newsnlp.Pipeline(rules=tmp_path / "missing-rules.jsonl")
    assert issubclass(newsnlp.InternalError, newsnlp.Error)

    def broken():
        yield "One text."
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        nlp.analyze(broken())


def test_ctrl_c_stops_a_run(nlp):
    texts = ("The council met on Tuesday. It voted on the budget. " * 20 for _ in range(10_000_000))
    threading.Timer(0.5, _thread.interrupt_main).start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        nlp.analyze(texts, jobs=1)
    assert time.perf_counter() - start < 30


def test_progress_reports_records(nlp, sample_records, capsys):
    tables = nlp.analyze(sample_records, progress=True)
    assert tables.articles.num_rows == len(sample_records)


def test_write_gives_the_clis_files(nlp, cli_tables, tmp_path):
    tables = nlp.analyze(str(SAMPLE))
    counts = tables.write(tmp_path / "out")
    assert counts["articles"] == 45
    for name in CLI_TABLES:
        assert pq.read_table(tmp_path / "out" / f"{name}.parquet").equals(cli_tables[name]), name
    tables.write(tmp_path / "csv", format="csv")
    assert (tmp_path / "csv" / "articles.csv").read_text().startswith("article_id,source,status,")
    with pytest.raises(newsnlp.ConfigError):
        tables.write(tmp_path / "x", format="xlsx")


def test_clusters_appear_as_a_table(sample_records):
    tables = newsnlp.Pipeline(clusters=True, jobs=1).analyze(sample_records)
    assert "clusters" in tables.names
    assert tables.clusters.column("size").to_pylist() and sum(tables.clusters.column("size").to_pylist()) == 45


def test_a_single_document(nlp):
    page = "Harbour talks resume\n\nPARIS — Prime Minister Mark Carney is in Paris today. He met allies on Jan. 6, 2026."
    doc = nlp(page, id="a1")
    assert doc.id == "a1" and doc.title == "Harbour talks resume"
    assert doc.body.startswith("PARIS")
    assert [s["text"] for s in doc.sentences][0] == "PARIS — Prime Minister Mark Carney is in Paris today."
    assert all({"article_id", "label", "text"} <= m.keys() for m in doc.mentions)
    assert any(m["label"] == "DATE" for m in doc.mentions)
    assert doc.language == "eng"
    assert doc.article["status"] == "ok"
    assert isinstance(doc.topics, list)
    # The title heads the report; its names may carry entity markup ("**Harbour**<sup>ORG</sup>"), so the words are
    # checked, not the exact string.
    heading = doc.report("markdown").splitlines()[0]
    assert heading.startswith("# ") and all(w in heading for w in ("Harbour", "talks resume"))
    with pytest.raises(newsnlp.RejectedError, match="missing|empty"):
        nlp("   ")
    with pytest.raises(TypeError):
        nlp(None)


def test_repr_html_shows_the_report_in_an_isolated_frame(nlp):
    doc = nlp("Tom & Jerry <b>unite</b>\n\nLONDON — The two met in London on Monday.")
    html = doc._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "sandbox" in html
    assert "&lt;b&gt;" in html or "&amp;lt;b&amp;gt;" in html, "the text is escaped, not markup"
    assert "<b>unite</b>" not in html
    assert "London" in html


def test_the_tables_are_not_copied_into_polars(nlp, sample_records):
    pl = pytest.importorskip("polars")
    tables = nlp.analyze(sample_records)
    body = tables.articles.column("body")
    frame = pl.from_arrow(tables.articles)
    assert frame["body"].to_list() == body.to_pylist()


def test_stats_equal_the_clis(nlp, tmp_path):
    tables = nlp.analyze(str(SAMPLE))
    ours = tables.stats()
    out = tmp_path / "tables"
    tables.write(out)
    done = subprocess.run([cli_binary(), "stats", str(out), "-o", str(tmp_path / "stats"), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert set(ours) == {"entity_counts", "cooccurrence", "topic_counts", "places", "quoted", "quoted_by_source"}
    for name, table in ours.items():
        assert table.equals(pq.read_table(tmp_path / "stats" / f"{name}.parquet")), name


def test_to_polars_gives_the_same_frames(nlp, sample_records):
    pl = pytest.importorskip("polars")
    tables = nlp.analyze(sample_records)
    frames = tables.to_polars()
    assert set(frames) == set(tables.names)
    for name in RECORD_TABLES:
        assert frames[name].equals(pl.from_arrow(tables[name])), name
    assert frames["articles"].schema["body"] == pl.String
