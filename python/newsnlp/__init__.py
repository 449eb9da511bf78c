"""newsnlp: news dumps into clean, analysable tables, in Python.

    import newsnlp
    nlp = newsnlp.Pipeline()                      # loads the models once; share it between threads
    tables = nlp.analyze("dump.jsonl")            # a path, a list of str/dict, or a pandas/polars/pyarrow table
    tables.articles                               # pyarrow.Table, the schema of articles.parquet
    pl.from_arrow(tables.mentions)                # polars, without copying the text columns
    tables.write("out/", format="parquet")        # the files `newsnlp analyze -o out/` writes
    doc = nlp("PARIS — Prime Minister Mark Carney is in Paris today.")
    doc.entities, doc.report("markdown")          # one article; in Jupyter, `doc` shows its HTML report

The analysis runs in Rust with the GIL released, on `jobs` threads, with the output in input order. A record
that cannot be analysed (no text, not a string, invalid UTF-8, empty after cleaning) becomes a `rejected` row
of `articles` with its reason; it never raises.
"""

from __future__ import annotations

import html as _html
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional

import pyarrow as pa

from . import _newsnlp
from ._errors import ConfigError, Error, InputError, InternalError, ModelError, RejectedError

__all__ = [
    "Pipeline",
    "Tables",
    "stats",
    "Doc",
    "Error",
    "ConfigError",
    "InputError",
    "ModelError",
    "RejectedError",
    "InternalError",
]
__version__ = _newsnlp.__version__

# Columns of a data frame that become fields of a record (besides the text, id, title, url and published
# columns named by the pipeline's *_field options).
_HTML_COLUMN = "html"
# Rows converted to dicts at a time when a data frame is read.
_ROWS_PER_SLICE = 4096


class Pipeline:
    """The analysis pipeline, with the options of `newsnlp analyze`, loaded once.

    Options (all keyword-only, all optional; a `config` TOML file as `newsnlp config` prints it comes first,
    the other options override it):

    - `config`: path of a pipeline config file.
    - `models_dir`: folder of model files (default: $NEWSNLP_MODELS, ./models, or the source tree's models/).
    - `rules`: entity rules, a JSON Lines file of phrases or token patterns with a label.
    - `ner` (bool), `ner_backend` ("builtin", the same as "accurate" with the shipped models; "fast", the tagger
      without its re-typer; or "transformer"), `ner_model` (folder): the entity tagger.
    - `topics` (bool), `topic_backend` ("linear" or "transformer"), `topic_model` (folder): the topic model.
    - `clusters` (bool), `cluster_method` ("minhash" or "embedding"): story clusters (a `clusters` table).
    - `text_field`, `id_field`, `title_field`, `url_field`, `published_field`: the names of those fields
      in dicts, data frames and input files (default: text, id, title, url, published).
    - `max_article_bytes` (int): larger records are rejected; `invalid_utf8`: "reject" or "lossy".
    - `jobs` (int): worker threads of `analyze` (default: the number of cores).
    - `identity` (bool, default True): dump-level identity, as `newsnlp analyze` does it (`False` is its
      `--no-identity`). At the end of each `analyze` run the entities of all its articles are resolved as one
      dump: `global_id` and `label` of the `entities` and `mentions` rows are set by `entity_id` (the same
      "Port Aldren" has one id and one label in every article) and a `dump_entities` table is added. With
      `False`, `global_id` is null and labels are those of each article. `nlp(text)` never resolves (one
      article is not a dump).

    One Pipeline serves any number of threads at once: each `analyze` call runs its own pool of `jobs` threads.
    """

    def __init__(self, **options: Any) -> None:
        for key in ("config", "models_dir", "rules", "ner_model", "topic_model"):
            if options.get(key) is not None:
                options[key] = os.fspath(options[key])
        self._native = _newsnlp.Pipeline(**options)

    @property
    def jobs(self) -> int:
        """Worker threads of a run."""
        return self._native.jobs

    def config_toml(self) -> str:
        """The settings of this pipeline as TOML, as `newsnlp config` prints them."""
        return self._native.config_toml()

    def analyze(self, source: Any, *, jobs: Optional[int] = None, progress: bool = False) -> "Tables":
        """Analyses `source` into tables.

        `source` is one of:

        - a path (str or os.PathLike), or a list or tuple of paths: any file or folder `newsnlp analyze`
          reads (.jsonl, .csv, .parquet, .txt, .html, .gz, folders);
        - a pandas DataFrame, polars DataFrame or LazyFrame, pyarrow Table, RecordBatch or RecordBatchReader,
          or any object with `__arrow_c_stream__`, with a `text` column and optional `id`, `title`, `url`,
          `published` and `html` columns (`html`: the page's HTML, analysed instead of `text` when not null);
        - any other iterable of texts (str), or of dicts with those keys; it is read as the run goes, so a
          generator over a file larger than memory is fine.

        Returns a `Tables` whose attributes (`articles`, `sentences`, `mentions`, `entities`, `quotes`,
        `clusters` with `clusters=True`, `dump_entities` unless `identity=False`, and any table the build adds)
        are pyarrow Tables with the schema of the Parquet files: the tables `newsnlp analyze -o DIR` writes for
        the same input, dump-level `global_id` and labels included (one call is one dump). `progress=True` shows a progress bar: tqdm when it is installed, else newsnlp's bar on stderr.
        Ctrl-C stops the run and raises KeyboardInterrupt.
        """
        native = self._native
        callback, finish, rust_bar = _progress(source, progress)
        try:
            if isinstance(source, (str, os.PathLike)):
                result = native.analyze_paths([os.fspath(source)], jobs=jobs, progress=callback, rust_bar=rust_bar)
            elif isinstance(source, (list, tuple)) and source and all(isinstance(s, os.PathLike) for s in source):
                paths = [os.fspath(s) for s in source]
                result = native.analyze_paths(paths, jobs=jobs, progress=callback, rust_bar=rust_bar)
            else:
                frame = _as_arrow(source)
                if frame is not None:
                    items: Iterable[Any] = _rows(frame, self._fields())
                    name = "dataframe"
                else:
                    items, name = source, "input"
                total = _text_bytes(source)
                result = native.analyze_items(
                    items, name=name, jobs=jobs, progress=callback, rust_bar=rust_bar, total_bytes=total
                )
        finally:
            finish()
        return Tables(result)

    def __call__(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        title: Optional[str] = None,
        url: Optional[str] = None,
        published: Optional[str] = None,
    ) -> "Doc":
        """Analyses one article (plain text, or an HTML page) and returns its `Doc`.

        Raises `RejectedError` when the text cannot be analysed (nothing left after cleaning, too large),
        with the reason the `articles` table would give.
        """
        if not isinstance(text, str):
            raise TypeError(f"nlp(text) takes a str, not {type(text).__name__}; use nlp.analyze() for many")
        doc, reason = self._native.analyze_one(text, id=id, title=title, url=url, published=published)
        if doc is None:
            raise RejectedError(f"the text was rejected: {reason}")
        return Doc(doc)

    def _fields(self) -> Dict[str, str]:
        """The field names dicts and data frames are read with (the `*_field` options)."""
        cached = getattr(self, "_field_names", None)
        if cached is None:
            cached = _config_fields(self._native.config_toml())
            self._field_names = cached
        return cached


def _config_fields(toml_text: str) -> Dict[str, str]:
    """The field names of the `[ingest]` section of a config's TOML (the defaults when absent)."""
    fields = {"text": "text", "id": "id", "title": "title", "url": "url", "published": "published"}
    section = False
    for line in toml_text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line == "[ingest]"
            continue
        if section and "=" in line:
            key, value = (part.strip() for part in line.split("=", 1))
            if key.endswith("_field") and key[: -len("_field")] in fields:
                fields[key[: -len("_field")]] = value.strip('"')
    return fields


def _as_arrow(source: Any) -> Optional[pa.RecordBatchReader]:
    """`source` as a stream of Arrow record batches when it is a table of some library, else None."""
    if isinstance(source, pa.Table):
        return pa.RecordBatchReader.from_batches(source.schema, source.to_batches())
    if isinstance(source, pa.RecordBatch):
        return pa.RecordBatchReader.from_batches(source.schema, [source])
    if isinstance(source, pa.RecordBatchReader):
        return source
    module = type(source).__module__.split(".")[0]
    if module == "pandas" and hasattr(source, "columns") and hasattr(source, "iloc"):
        return _as_arrow(pa.Table.from_pandas(source, preserve_index=False))
    if module == "polars":
        if hasattr(source, "collect") and not hasattr(source, "to_arrow"):
            source = source.collect()
        if hasattr(source, "to_arrow"):
            return _as_arrow(source.to_arrow())
    if hasattr(source, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(source)
    return None


def _rows(reader: pa.RecordBatchReader, fields: Dict[str, str]) -> Iterator[Any]:
    """The rows of an Arrow stream as dicts of the columns the pipeline reads, slice by slice."""
    names = set(reader.schema.names)
    text = fields["text"]
    if text not in names and _HTML_COLUMN not in names:
        raise ConfigError(
            f"the table has no `{text}` column (nor `{_HTML_COLUMN}`); its columns are "
            f"{', '.join(reader.schema.names)}: name the text column with Pipeline(text_field=...)"
        )
    wanted = [c for c in (text, fields["id"], fields["title"], fields["url"], fields["published"], _HTML_COLUMN) if c in names]
    for batch in reader:
        for start in range(0, batch.num_rows, _ROWS_PER_SLICE):
            part = batch.slice(start, _ROWS_PER_SLICE)
            columns = {c: part.column(c).to_pylist() for c in wanted}
            for i in range(part.num_rows):
                yield {c: values[i] for c, values in columns.items()}


def _text_bytes(source: Any) -> int:
    """The bytes of text in a list of strings (for the progress bar), 0 when unknown."""
    if isinstance(source, (list, tuple)) and len(source) < 10_000_000:
        return sum(len(s) for s in source if isinstance(s, str))
    return 0


def _progress(source: Any, wanted: bool):
    """(callback for the native run, what to call at the end, whether the native bar is to be used)."""
    if not wanted:
        return None, lambda: None, False
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None, lambda: None, True
    total = len(source) if isinstance(source, (list, tuple)) and not _all_paths(source) else None
    bar = tqdm(total=total, unit="doc", desc="newsnlp")

    def update(records: int, rejected: int, _bytes: int) -> None:
        bar.update(records - bar.n)
        bar.set_postfix(rejected=rejected, refresh=False)

    return update, bar.close, False


def _all_paths(source: Any) -> bool:
    return bool(source) and all(isinstance(s, os.PathLike) for s in source)


class Tables:
    """The tables of one run. Each table is an attribute (and an item): `tables.articles`,
    `tables["mentions"]`, a `pyarrow.Table` with the schema of its Parquet file, built once on first use
    from the run's buffers without copying them. `names` lists the tables; `summary` has the run's counts."""

    def __init__(self, native: Any) -> None:
        self._native = native
        self._cache: Dict[str, pa.Table] = {}

    @property
    def names(self) -> List[str]:
        """The tables' names, in writing order."""
        return list(self._native.names())

    @property
    def summary(self) -> Dict[str, Any]:
        """Counts of the run: records, ok, rejected, rejected_by_reason, bytes, words, seconds, and with
        dump-level identity `identity`: `resolved` (article-level entities), `dump_entities` (rows) and
        `rows_changed` (entities and mentions rows whose provisional id or label the resolution changed)."""
        return dict(self._native.summary)

    def __getitem__(self, name: str) -> pa.Table:
        if name not in self._cache:
            if name not in self._native.names():
                raise KeyError(f"no table {name!r}; the tables are {', '.join(self.names)}")
            self._cache[name] = pa.RecordBatchReader.from_stream(self._native.stream(name)).read_all()
        return self._cache[name]

    def __getattr__(self, name: str) -> pa.Table:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(str(e)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self._native.names()

    def __len__(self) -> int:
        return len(self.names)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.names))

    def to_polars(self, name: Optional[str] = None) -> Any:
        """The table `name` as a polars DataFrame (all tables, as a dict by name, without `name`). The rows go
        over in polars' own string views, so the text columns are not copied (`pl.from_arrow(tables.articles)`
        works too, but polars then converts the Parquet flavour's large strings into views)."""
        import polars as pl

        if name is None:
            return {n: self.to_polars(n) for n in self.names}
        if name not in self._native.names():
            raise KeyError(f"no table {name!r}; the tables are {', '.join(self.names)}")
        return pl.from_arrow(pa.RecordBatchReader.from_stream(self._native.stream(name, views=True)).read_all())

    def items(self) -> Iterator[tuple]:
        """(name, pyarrow.Table) for every table."""
        return ((n, self[n]) for n in self.names)

    def write(self, dir: "str | os.PathLike[str]", format: str = "parquet") -> Dict[str, int]:
        """Writes every table into the folder `dir` as `newsnlp analyze -o DIR --format FORMAT` does
        (`parquet`, `csv` or `jsonl`; each file written under a temporary name and renamed when complete).
        Returns the rows written per table."""
        return dict(self._native.write(os.fspath(dir), format))

    def stats(self, *, min_count: int = 2, period: str = "month", top_topics: int = 3) -> Dict[str, pa.Table]:
        """The corpus-level tables of `newsnlp stats` for these tables (see `newsnlp.stats`)."""
        import tempfile

        with tempfile.TemporaryDirectory(prefix="newsnlp-tables-") as tmp:
            self.write(tmp)
            return stats(tmp, min_count=min_count, period=period, top_topics=top_topics)

    def __repr__(self) -> str:
        s = self.summary
        rows = ", ".join(f"{n}: {len(self._native.stream(n))}" for n in self.names)
        return f"<newsnlp.Tables {s['records']} records ({s['ok']} ok, {s['rejected']} rejected); rows {rows}>"


def stats(
    tables_dir: "str | os.PathLike[str]",
    out_dir: "str | os.PathLike[str] | None" = None,
    *,
    min_count: int = 2,
    period: str = "month",
    top_topics: int = 3,
) -> Dict[str, pa.Table]:
    """The corpus-level tables of `newsnlp stats` (`entity_counts`, `cooccurrence`, `topic_counts`, `places`,
    `quoted`, `quoted_by_source`) for the Parquet tables of a run in `tables_dir` (what `Tables.write` or
    `newsnlp analyze` wrote), as pyarrow Tables. They are written as Parquet to `out_dir` too, or to a
    temporary folder that is removed.
    `min_count`: fewest articles a pair must share; `period`: "month" or "day" for `topic_counts`."""
    import tempfile

    import pyarrow.parquet as pq

    def run(out: str) -> Dict[str, pa.Table]:
        names = _newsnlp.stats(
            os.fspath(tables_dir), out, min_count=min_count, period=period, top_topics=top_topics
        )
        return {name: pq.read_table(os.path.join(out, f"{name}.parquet")) for name in names}

    if out_dir is not None:
        return run(os.fspath(out_dir))
    with tempfile.TemporaryDirectory(prefix="newsnlp-stats-") as tmp:
        return {name: table.combine_chunks() for name, table in run(tmp).items()}


class Doc:
    """One analysed article. `sentences`, `mentions` and `entities` (and any other table of the build, by
    name) are lists of dicts with the columns of that table; `topics` is a list of `{label, score}`, best
    first. In Jupyter, a Doc shows its HTML report."""

    def __init__(self, native: Any) -> None:
        self._native = native

    @property
    def id(self) -> str:
        """The article id."""
        return self._native.id

    @property
    def title(self) -> Optional[str]:
        """The headline, when the text had one."""
        return self._native.title

    @property
    def body(self) -> str:
        """The clean body (paragraphs separated by a blank line); every offset indexes this text."""
        return self._native.body

    @property
    def language(self) -> Optional[str]:
        """The body's language, ISO 639-3 (`eng`), or None."""
        return self._native.language

    @property
    def topics(self) -> List[Dict[str, Any]]:
        """Topic scores, best first: `{"label": ..., "score": ...}`."""
        return self._native.topics

    @property
    def article(self) -> Dict[str, Any]:
        """The article's row of the `articles` table."""
        return self._native.rows("articles")[0]

    @property
    def sentences(self) -> List[Dict[str, Any]]:
        """The rows of the `sentences` table."""
        return self._native.rows("sentences")

    @property
    def mentions(self) -> List[Dict[str, Any]]:
        """The rows of the `mentions` table."""
        return self._native.rows("mentions")

    @property
    def entities(self) -> List[Dict[str, Any]]:
        """The rows of the `entities` table."""
        return self._native.rows("entities")

    @property
    def tables(self) -> List[str]:
        """The names of the tables with rows per article."""
        return list(self._native.table_names())

    def rows(self, table: str) -> List[Dict[str, Any]]:
        """The article's rows of `table` (any name in `tables`)."""
        return self._native.rows(table)

    def __getattr__(self, name: str) -> List[Dict[str, Any]]:
        if not name.startswith("_") and name in self._native.table_names():
            return self._native.rows(name)
        raise AttributeError(name)

    def report(self, format: str = "text") -> str:
        """The report of the article: `text`, `markdown`, `json` or `html` (a self-contained page)."""
        return self._native.report(format)

    def _repr_html_(self) -> str:
        # The report is a whole page with its own styles: in an iframe, they cannot restyle the notebook.
        page = _html.escape(self._native.report("html"), quote=True)
        return (
            f'<iframe srcdoc="{page}" style="width:100%;height:32em;border:1px solid #ddd" '
            f'title="newsnlp report" sandbox></iframe>'
        )

    def __repr__(self) -> str:
        title = self.title or self.body[:60]
        return f"<newsnlp.Doc {self.id!r} {title!r}: {len(self.sentences)} sentences, {len(self.entities)} entities>"
