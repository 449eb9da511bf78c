"""newsnlp on Spark: the pipeline inside Spark tasks, one Spark DataFrame per table.

    from newsnlp import spark as nlp_spark
    tables = nlp_spark.analyze(df, text_col="text", id_col="id", rules="my-rules.jsonl")
    tables["mentions"].groupBy("label").count().show()
    nlp_spark.analyze(df, output="out/")      # or write every table as Parquet under out/<table>/

Each task reads its partition of `df` as Arrow batches (`mapInArrow`) and analyses them with the Pipeline of
its executor process, loaded once per process and kept for the next tasks (Spark reuses its Python workers).
The records travel once: no task rereads the whole dump, as the `--shard` recipe does. The analysis runs once
per partition: its tables are packed into one cached DataFrame (table name, Arrow IPC bytes) and each table's
DataFrame unpacks its own rows from it.

Dump-level identity (unless `identity=False`) is decided over the whole DataFrame, as `newsnlp analyze` decides
it over a whole dump: a task sees one partition, so it keeps its rows' provisional ids and sends its identity
evidence (counts per article-level entity) with its tables; the driver adds up the evidence of every task,
resolves the dump once (`newsnlp._newsnlp.resolve_identity`, the library's code) and sets `global_id` and
`label` of the `entities` and `mentions` rows by a join on `entity_id`; `dump_entities` is the driver's table.
The ids and labels are those of an in-process run over the same records, whatever the partitioning.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

import pyarrow as pa

_PIPELINES: Dict[tuple, Any] = {}
# The row of a task's packed output that holds its identity evidence rather than a table.
_EVIDENCE = "__identity_evidence__"
_DUMP_ENTITIES = "dump_entities"


def _pipeline(options: Dict[str, Any]):
    """The executor process's Pipeline for `options`, loaded on first use."""
    import newsnlp

    key = tuple(sorted((k, str(v)) for k, v in options.items()))
    if key not in _PIPELINES:
        _PIPELINES[key] = newsnlp.Pipeline(**options)
    return _PIPELINES[key]


def _schemas(options: Dict[str, Any]) -> Dict[str, pa.Schema]:
    """The Arrow schema of every table a run with `options` writes (from a run over no record)."""
    tables = _pipeline(options).analyze([])
    return {name: tables[name].schema for name in tables.names}


def analyze(
    df: Any,
    text_col: str = "text",
    id_col: str = "id",
    *,
    output: Optional[str] = None,
    **options: Any,
) -> Dict[str, Any]:
    """Analyses the Spark DataFrame `df` and returns `{table name: Spark DataFrame}`.

    `df` needs a string column `text_col`; `id_col` names each record (ids must be unique across the
    DataFrame: without that column, add one, e.g. with `monotonically_increasing_id()`). Columns `title`,
    `url`, `published` and `html` are read when present. `options` are those of `newsnlp.Pipeline`; `jobs`
    defaults to 1, since Spark runs one task per core. With dump-level identity (the default), the driver
    collects every task's identity evidence (one row per distinct entity of the partition) and resolves it. With `output`, every table is also written as Parquet
    to `output/<table>/` (Spark's own part files), and the DataFrames read from there are returned.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame; its columns are {', '.join(df.columns)}")
    if id_col not in df.columns:
        raise ValueError(
            f"no column {id_col!r}: article ids must be unique across tasks; add one, e.g. "
            f"df.withColumn({id_col!r}, F.monotonically_increasing_id().cast('string'))"
        )
    options = dict(options)
    options.setdefault("jobs", 1)
    options["text_field"], options["id_field"] = text_col, id_col
    extra = [c for c in ("title", "url", "published", "html") if c in df.columns and c not in (text_col, id_col)]
    columns = [text_col, F.col(id_col).cast("string").alias(id_col)] + extra
    schemas = _schemas(options)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import newsnlp

        reader = _Batches(batches)
        # The partition is not the dump: keep the evidence for the driver instead of resolving it here.
        native = _pipeline(options)._native.analyze_items(reader.stream(), name="spark", defer_identity=True)
        tables = newsnlp.Tables(native)
        for name in tables.names:
            table = tables[name]
            if table.num_rows == 0:
                continue
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            yield _packed(name, sink.getvalue().to_pybytes())
        evidence = native.evidence()
        if evidence:
            yield _packed(_EVIDENCE, evidence)

    packed = df.select(*columns).mapInArrow(run, "table string, data binary").persist()
    identity = _resolve(packed, df.sparkSession) if options.get("identity", True) is not False else None
    out = {}
    for name, schema in schemas.items():
        if identity is not None and name == _DUMP_ENTITIES:
            out[name] = _write(identity[2](schema), output, name)
            continue
        spark_schema = from_arrow_schema(schema)
        target = _spark_arrow_schema(schema)

        def unpack(batches: Iterator[pa.RecordBatch], name: str = name, target: pa.Schema = target):
            for batch in batches:
                for data in batch.column(0).to_pylist():
                    table = pa.ipc.open_stream(data).read_all().cast(target)
                    yield from table.to_batches()

        frame = packed.where(F.col("table") == name).select("data").mapInArrow(unpack, spark_schema)
        if identity is not None and {"entity_id", "global_id", "label"} <= set(schema.names):
            frame = _fix(frame, identity[0], identity[1])
        out[name] = _write(frame, output, name)
    return out


def _packed(name: str, data: bytes) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([pa.array([name]), pa.array([data], type=pa.binary())], names=["table", "data"])


def _write(frame: Any, output: Optional[str], name: str) -> Any:
    """`frame`, or with `output` the frame written as Parquet to `output/<name>/` and read back."""
    if output is None:
        return frame
    path = f"{output.rstrip('/')}/{name}"
    frame.write.mode("overwrite").parquet(path)
    return frame.sparkSession.read.parquet(path)


def _resolve(packed: Any, spark: Any):
    """Resolves the evidence of every task at once: (the DataFrame of `entity_id` → `global_id`, `label`, the
    DataFrame of its exceptions by `entity_id` and current `global_id`, and a function of the `dump_entities`
    schema giving that table as a Spark DataFrame)."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from . import _newsnlp

    parts = [bytes(row[0]) for row in packed.where(F.col("table") == _EVIDENCE).select("data").collect()]
    assigned, split, dump = _newsnlp.resolve_identity(parts)
    fixes = spark.createDataFrame(assigned, "entity_id string, _dump_global_id string, _dump_label string")
    # Rows the linker grounded in another thing than their group's keep that thing's id (as the file rewrite).
    splits = spark.createDataFrame(split, "entity_id string, global_id string, _split_label string")
    rows = pa.RecordBatchReader.from_stream(dump).read_all().to_pylist()

    def dump_entities(schema: pa.Schema) -> Any:
        return spark.createDataFrame(rows, from_arrow_schema(schema))

    return fixes, splits, dump_entities


def _fix(frame: Any, fixes: Any, splits: Any) -> Any:
    """`frame` (entities or mentions) with the dump-level `global_id` and `label` of each row's `entity_id`, in
    its own column order; rows without a resolved `entity_id` keep theirs, and rows listed in `splits` (by
    `entity_id` and their current `global_id`) keep their id and take that thing's label."""
    from pyspark.sql import functions as F

    # The assignments come from the driver's memory: broadcast them rather than shuffle both sides.
    joined = frame.join(F.broadcast(fixes), on="entity_id", how="left").join(
        F.broadcast(splits), on=["entity_id", "global_id"], how="left"
    )
    split = F.col("_split_label").isNotNull()
    fixed = {
        "global_id": F.when(split, F.col("global_id")).otherwise(F.coalesce(F.col("_dump_global_id"), F.col("global_id"))),
        "label": F.coalesce(F.col("_split_label"), F.col("_dump_label"), F.col("label")),
    }
    return joined.select(*[fixed[c].alias(c) if c in fixed else F.col(c) for c in frame.columns])


def _spark_arrow_schema(schema: pa.Schema) -> pa.Schema:
    """`schema` with the 32-bit-offset types Spark's Arrow reader takes (string, list) for the large ones."""

    def small(t: pa.DataType) -> pa.DataType:
        if pa.types.is_large_string(t):
            return pa.string()
        if pa.types.is_large_list(t) or pa.types.is_list(t):
            return pa.list_(small(t.value_type))
        if pa.types.is_struct(t):
            return pa.struct([pa.field(f.name, small(f.type), f.nullable) for f in t])
        return t

    return pa.schema([pa.field(f.name, small(f.type), f.nullable) for f in schema])


class _Batches:
    """The record batches of a task as dicts, the items `Pipeline.analyze` takes."""

    def __init__(self, batches: Iterator[pa.RecordBatch]) -> None:
        self._batches = batches

    def stream(self) -> Iterator[Dict[str, Any]]:
        for batch in self._batches:
            columns = {name: batch.column(i).to_pylist() for i, name in enumerate(batch.schema.names)}
            for i in range(batch.num_rows):
                yield {name: values[i] for name, values in columns.items()}
