//! The tables newsnlp writes: the only place where their column names and
//! types are defined.
//!
//! The README's schema section is generated from these definitions
//! (`newsnlp schema --markdown`), and a test checks that the two agree.
//! Integers are 64-bit signed and scores 32-bit floats, which every reader
//! (pandas, polars, DuckDB, Spark) maps without surprises. Times are ISO 8601
//! strings: a source that gives no time zone gets none invented.

/// A column type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    /// UTF-8 string.
    Utf8,
    /// 64-bit signed integer.
    Int64,
    /// 32-bit float.
    Float32,
    /// Boolean.
    Boolean,
    /// List of strings (JSON array in CSV).
    ListUtf8,
    /// List of `{label: string, score: float32}` (JSON array of objects in CSV).
    ListLabelScore,
}

impl DataType {
    /// The type as the schema documentation writes it.
    pub fn name(self) -> &'static str {
        match self {
            DataType::Utf8 => "string",
            DataType::Int64 => "int64",
            DataType::Float32 => "float32",
            DataType::Boolean => "bool",
            DataType::ListUtf8 => "list<string>",
            DataType::ListLabelScore => "list<struct<label: string, score: float32>>",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub dtype: DataType,
    /// Whether it may hold nulls.
    pub nullable: bool,
    /// What it holds.
    pub doc: &'static str,
}

/// A table: its name, what a row is, and its columns in order.
#[derive(Debug, PartialEq)]
pub struct TableSchema {
    /// Table (and file) name.
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// Columns, in file order.
    pub columns: &'static [Column],
}

impl TableSchema {
    /// Position of a column by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn col(name: &'static str, dtype: DataType, nullable: bool, doc: &'static str) -> Column {
    Column { name, dtype, nullable, doc }
}

use DataType::*;

/// One row per input record, `ok` or `rejected`.
pub static ARTICLES: TableSchema = TableSchema {
    name: "articles",
    doc: "One row per input record, in input order: `status` is `ok` or `rejected` (with `reason`).",
    columns: &[
        col("article_id", Utf8, false, "The record's id, or `<file stem>-<line>` when it had none."),
        col("source", Utf8, false, "Where the record came from: `file:line` (JSON Lines, CSV), `file:row N` (Parquet) or the file path."),
        col("status", Utf8, false, "`ok`, or `rejected` when the record could not be analysed."),
        col("reason", Utf8, true, "Why the record was rejected (null when `ok`)."),
        col("url", Utf8, true, "URL from the record or the page's canonical link."),
        col("title", Utf8, true, "Headline."),
        col("byline", Utf8, true, "Byline as printed, without \"By\"."),
        col("authors", ListUtf8, false, "Author names from the byline or page metadata."),
        col("agency", Utf8, true, "News agency named in the byline, dateline or credits."),
        col(
            "dateline",
            Utf8,
            true,
            "Dateline place, e.g. `PARIS`: from the story's first paragraph, or its second when the first is a headline line of at most 200 bytes (plain-text dumps that keep the headline in the text); never from a paragraph in capitals throughout.",
        ),
        col("published", Utf8, true, "Publication time, ISO 8601 (a zone only when the source gave one)."),
        col("updated", Utf8, true, "Last update time, ISO 8601."),
        col("caption", Utf8, true, "Photo caption(s), separated by a blank line."),
        col("credits", ListUtf8, false, "Closing credit lines, kept out of the body."),
        col("site", Utf8, true, "Site name (HTML metadata)."),
        col("canonical_url", Utf8, true, "Canonical URL (HTML metadata)."),
        col("language", Utf8, true, "Body language, ISO 639-3 (`eng`); null (`und`) when nothing supports a language (see `language_source`)."),
        col("language_confidence", Float32, true, "Confidence, 0 to 1: the detector's; 1 for `record`; for `source` and `dump` the share of those articles in that language."),
        col("body", Utf8, true, "Clean body: paragraphs separated by a blank line. All offsets index this text."),
        col("n_paragraphs", Int64, true, "Paragraphs in the body."),
        col("n_sentences", Int64, true, "Sentences in the body."),
        col("n_tokens", Int64, true, "Tokens in the body."),
        col("topic", Utf8, true, "Best topic id (null when no topic model ran)."),
        col("topic_score", Float32, true, "Score of the best topic, 0 to 1."),
        col("topics", ListLabelScore, false, "Topics scoring at or above the topic threshold, best first."),
        col("utf8_lossy", Boolean, false, "True when invalid UTF-8 was replaced (`--invalid-utf8 lossy`)."),
        col("cluster_id", Int64, true, "Story cluster (`--clusters`; see `clusters`): the input position of the cluster's first article. Null without `--clusters` and for rejected records."),
        col("language_source", Utf8, true, "What decided `language`: `text` (the body), `title+text` (headline and body), `record` (the record's language field or the page's `lang`), `source` (the site's other articles so far) or `dump` (the run's other articles so far). Null when nothing supports a language (`und`: `language` is null)."),
        col("layout", Utf8, true, "`prose`, `table` (mostly lines of figures, such as an earnings table) or `list` (mostly bulleted or numbered lines)."),
    ],
};

/// One row per sentence of an `ok` article.
pub static SENTENCES: TableSchema = TableSchema {
    name: "sentences",
    doc: "One row per body sentence. `body[char_start:char_end]` in Python equals `text`.",
    columns: &[
        col("article_id", Utf8, false, "Article the sentence belongs to."),
        col("sentence_index", Int64, false, "0-based index of the sentence in the body."),
        col("paragraph_index", Int64, false, "0-based index of its paragraph."),
        col("char_start", Int64, false, "Start offset in the body, in characters (Unicode scalar values)."),
        col("char_end", Int64, false, "End offset (exclusive), in characters."),
        col("byte_start", Int64, false, "Start offset in the body's UTF-8 bytes."),
        col("byte_end", Int64, false, "End offset (exclusive), in bytes."),
        col("text", Utf8, false, "The sentence."),
    ],
};

/// One row per entity or value mention.
pub static MENTIONS: TableSchema = TableSchema {
    name: "mentions",
    doc: "One row per mention of an entity or value in an article's title, caption or body.",
    columns: &[
        col("article_id", Utf8, false, "Article of the mention."),
        col("mention_id", Int64, false, "0-based index of the mention in its article."),
        col("field", Utf8, false, "`title`, `caption` or `body`: the `articles` column the offsets index."),
        col("sentence_index", Int64, true, "Body sentence holding the mention (null for title and caption)."),
        col("char_start", Int64, false, "Start offset in the field, in characters."),
        col("char_end", Int64, false, "End offset (exclusive), in characters."),
        col("byte_start", Int64, false, "Start offset in the field, in bytes."),
        col("byte_end", Int64, false, "End offset (exclusive), in bytes."),
        col("text", Utf8, false, "The mention as written."),
        col("label", Utf8, false, "PERSON, LOCATION, ORGANIZATION, GROUP, MISC, DATE, TIME, MONEY, PERCENT or QUANTITY."),
        col("entity_id", Utf8, true, "Canonical entity (see `entities`); null for values such as dates."),
        col("confidence", Float32, false, "Confidence, 0 to 1."),
        col("origin", Utf8, false, "What found it: `model`, `rule`, `gazetteer`, `pattern` or `alias`."),
        col("global_id", Utf8, true, "Dump-level entity (see `dump_entities`): the same for the same thing across articles, runs and shards; null for values and with `--no-identity`."),
    ],
};

/// One row per canonical entity of an article.
pub static ENTITIES: TableSchema = TableSchema {
    name: "entities",
    doc: "One row per canonical entity per article. `entity_id` is the same in every article for the same name and label.",
    columns: &[
        col("article_id", Utf8, false, "Article."),
        col("entity_id", Utf8, false, "Stable id from the label and canonical name."),
        col("name", Utf8, false, "Canonical name, e.g. `Mark Carney`."),
        col("label", Utf8, false, "PERSON, LOCATION, ORGANIZATION, GROUP or MISC."),
        col("aliases", ListUtf8, false, "Other names used for it in the article."),
        col("mention_count", Int64, false, "Mentions in the article."),
        col("first_char", Int64, false, "Char offset of the first body mention."),
        col("salience", Float32, false, "Salience, 0 to 1."),
        col("roles", ListUtf8, false, "Titles and appositives, e.g. `Prime Minister`."),
        col("global_id", Utf8, true, "Dump-level entity (see `dump_entities`): the same for the same thing across articles, runs and shards (\"Baker\" and \"James Baker\" when the dump names one Baker); null with `--no-identity`."),
        col("kb_id", Utf8, true, "Knowledge-base id when linked: `geonames:2988507` (a place), `geonames-admin1:AU.04` (a division by its GeoNames code), `geonames-admin2:GB.ENG.Surrey` (a county by name), `fips:22079` (a US county), `wikidata:Q1065` (an organisation), `ticker:AAPL` (a listed company); null otherwise."),
        col("kb_kind", Utf8, true, "What `kb_id` names: `continent`, `country`, `admin1` (state, province), `admin2` (county, parish), `city`, `organization`, `company`, `demonym` (a MISC nationality: only `country_code` is set), or `region` (a sea, island, valley, part of the world or seat of power from `models/link/regions.tsv`: `kb_id` `region:darfur`, `region:white-house`)."),
        col("country_code", Utf8, true, "ISO 3166-1 alpha-2 code of the place's country, or of a demonym's."),
        col("admin1", Utf8, true, "Code of the first-level division the place lies in (US: the postal code, `LA`; elsewhere GeoNames' code)."),
        col("latitude", Float32, true, "Latitude of the place's point, in degrees (WGS84); null when not a place or none is known."),
        col("longitude", Float32, true, "Longitude of the place's point, in degrees (WGS84)."),
        col("link_confidence", Float32, true, "How sure the linker is of `kb_id`, 0 to 1; null when unlinked."),
    ],
};

/// One row per quote of an article.
pub static QUOTES: TableSchema = TableSchema {
    name: "quotes",
    doc: "One row per quote in an article's body, direct or reported, with its cue and speaker. `body[char_start:char_end]` \
          holds the quote (from the first quoted word to the last: a quote split by its cue holds the cue too).",
    columns: &[
        col("article_id", Utf8, false, "Article of the quote."),
        col("quote_id", Int64, false, "0-based index of the quote in its article, in reading order."),
        col("kind", Utf8, false, "`direct` (in quotation marks), `mixed` (reported speech holding a quoted fragment) or `indirect` (reported speech: `X said that ...`, `according to X, ...`)."),
        col("text", Utf8, false, "What was said, quotation marks excluded; the pieces of a quote split by its cue joined by a space."),
        col("char_start", Int64, false, "Start offset of the quote in the body, in characters."),
        col("char_end", Int64, false, "End offset (exclusive), in characters."),
        col("sentence_index", Int64, true, "Body sentence where the quote starts."),
        col("cue", Utf8, true, "The words that attribute it, as written: `said`, `told reporters`, `according to`; null for a paragraph that continues the previous quote, or a quote with no cue."),
        col("speaker_text", Utf8, true, "The speaker as written: a name, a pronoun, `the official`; null when the text names none."),
        col("speaker_char_start", Int64, true, "Start offset of `speaker_text` in the body, in characters."),
        col("speaker_char_end", Int64, true, "End offset (exclusive), in characters."),
        col("speaker_entity_id", Utf8, true, "The entity the speaker resolves to (see `entities`): a pronoun to the last compatible person, a title to the person who holds it; null when unresolved."),
        col("speaker_name", Utf8, true, "That entity's canonical name."),
        col("confidence", Float32, false, "Confidence, 0 to 1: highest for a quote with a cue and a resolved speaker."),
        col("speaker_global_id", Utf8, true, "The speaker entity's dump-level id (`entities.global_id`, see `dump_entities`); null when the speaker is unresolved and with `--no-identity`."),
    ],
};

/// One row per distinct entity of a run (written by `newsnlp stats`).
pub static ENTITY_COUNTS: TableSchema = TableSchema {
    name: "entity_counts",
    doc: "One row per distinct entity across the run (by `global_id`, or by `entity_id` without dump-level identity), most widely mentioned first (by `articles`, then `mentions`).",
    columns: &[
        col("entity_id", Utf8, false, "The entity's id: its `global_id` (one row per dump-level entity), or its `entity_id` in a run without dump-level identity."),
        col("name", Utf8, false, "Its most frequent canonical name across articles."),
        col("label", Utf8, false, "PERSON, LOCATION, ORGANIZATION, GROUP or MISC."),
        col("articles", Int64, false, "Articles that mention it."),
        col("mentions", Int64, false, "Mentions in all articles (the sum of `mention_count`)."),
        col("mean_salience", Float32, false, "Mean of its `salience` over the articles that mention it, 0 to 1."),
        col("first_seen", Utf8, true, "Earliest `published` date (`YYYY-MM-DD`) of those articles; null when none is dated."),
        col("last_seen", Utf8, true, "Latest `published` date (`YYYY-MM-DD`) of those articles."),
        col("top_topics", ListUtf8, false, "Up to 3 most frequent `topic`s of those articles, most frequent first (empty when no topic model ran)."),
    ],
};

/// One row per pair of entities seen together (written by `newsnlp stats`).
pub static COOCCURRENCE: TableSchema = TableSchema {
    name: "cooccurrence",
    doc: "One row per pair of entities named in the same article at least `--min-count` times (default 2), \
          `entity_id_a` < `entity_id_b`, most frequent first. With N `ok` articles, n(x) the articles naming x and \
          n(a,b) those naming both: `pmi` = log2(n(a,b) N / (n(a) n(b))), `npmi` = `pmi` / -log2(n(a,b) / N) \
          (1 when n(a,b) = N). `sentence_pmi` is `pmi` with body sentences for articles (N: all body \
          sentences of `ok` articles).",
    columns: &[
        col("entity_id_a", Utf8, false, "First entity (the smaller id)."),
        col("name_a", Utf8, false, "Its name, as in `entity_counts`."),
        col("label_a", Utf8, false, "Its label."),
        col("entity_id_b", Utf8, false, "Second entity."),
        col("name_b", Utf8, false, "Its name."),
        col("label_b", Utf8, false, "Its label."),
        col("articles", Int64, false, "Articles that name both (title, caption or body)."),
        col("sentences", Int64, false, "Body sentences that mention both."),
        col("pmi", Float32, false, "Pointwise mutual information over articles, in bits: above 0 when they appear together more often than chance."),
        col("npmi", Float32, false, "`pmi` normalised to -1..1 (1: always together)."),
        col("sentence_pmi", Float32, true, "Pointwise mutual information over body sentences, in bits; null when `sentences` is 0."),
    ],
};

/// Articles per period and topic (written by `newsnlp stats`).
pub static TOPIC_COUNTS: TableSchema = TableSchema {
    name: "topic_counts",
    doc: "One row per published period and best topic, in period order: how many `ok` articles had that `topic`.",
    columns: &[
        col("period", Utf8, true, "Published month `YYYY-MM` (`--period month`, the default) or day `YYYY-MM-DD` (`--period day`); null for undated articles."),
        col("topic", Utf8, true, "Best topic (`articles.topic`); null for articles with none (no topic model ran)."),
        col("articles", Int64, false, "Articles of the period with that topic."),
        col("share", Float32, false, "`articles` divided by all `ok` articles of the period, 0 to 1."),
    ],
};

/// One row per linked place of a run (written by `newsnlp stats`).
pub static PLACES: TableSchema = TableSchema {
    name: "places",
    doc: "One row per entity and linked place with a point (an id that names two places, such as Washington the city and the state, has two rows), most widely named first (by `articles`, then `global_id`): what a map of the run draws.",
    columns: &[
        col("global_id", Utf8, false, "The entity's `global_id` (its `entity_id` in a run made with `--no-identity`)."),
        col("name", Utf8, false, "Its most frequent canonical name."),
        col("country", Utf8, true, "ISO 3166-1 alpha-2 code of its country (`entities.country_code`)."),
        col("lat", Float32, false, "Latitude of its point, degrees."),
        col("lon", Float32, false, "Longitude of its point, degrees."),
        col("articles", Int64, false, "`ok` articles that name it."),
    ],
};

/// `table` without the column `name`: the layout of its files in a dataset
/// partitioned by that column, where the value lives in the folder name
/// (`language=eng/`) as Hive, Spark, DuckDB and polars expect. Returns `table`
/// itself when it has no such column. Each derived schema is built once per
/// process and kept (there are only a handful).
pub fn without_column(table: &'static TableSchema, name: &str) -> &'static TableSchema {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    if table.index_of(name).is_none() {
        return table;
    }
    static DERIVED: OnceLock<Mutex<HashMap<(String, String), &'static TableSchema>>> = OnceLock::new();
    let mut map = DERIVED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    map.entry((table.name.to_string(), name.to_string())).or_insert_with(|| {
        let columns: Vec<Column> = table.columns.iter().filter(|c| c.name != name).copied().collect();
        Box::leak(Box::new(TableSchema { name: table.name, doc: table.doc, columns: Box::leak(columns.into_boxed_slice()) }))
    })
}

/// One row per story cluster, written by `analyze --clusters`.
pub static CLUSTERS: TableSchema = TableSchema {
    name: "clusters",
    doc: "One row per story cluster (`analyze --clusters`), single articles included: articles that tell the same story share a `cluster_id`.",
    columns: &[
        col("cluster_id", Int64, false, "Cluster id: the input position (0-based) of its first article; `articles.cluster_id` refers to it."),
        col("size", Int64, false, "Articles in the cluster."),
        col("representative_article_id", Utf8, false, "The cluster's first article in input order: the earliest version of the story."),
    ],
};

/// One row per dump-level entity, written at the end of `analyze` (and by `newsnlp merge` for shards).
pub static DUMP_ENTITIES: TableSchema = TableSchema {
    name: "dump_entities",
    doc: "One row per dump-level entity (`global_id`): the things the whole dump names, each with one label decided \
          from all its articles, most widely named first. Written at the end of `analyze`, or by `newsnlp merge` \
          once every shard of a sharded run is done.",
    columns: &[
        col("global_id", Utf8, false, "The id in `entities.global_id` and `mentions.global_id`."),
        col("name", Utf8, false, "Dump-level canonical name: the fullest name the dump gives it (`James Baker`); for names joined by their link, the most widely used (`United States`, not `America`)."),
        col("label", Utf8, false, "PERSON, LOCATION, ORGANIZATION, GROUP or MISC: one label, from all the evidence in the dump."),
        col("aliases", ListUtf8, false, "Other names it goes by in the dump (short forms, acronyms, spellings), most used first."),
        col("article_count", Int64, false, "`entities` rows that point at it: the articles naming it."),
        col("mention_count", Int64, false, "Mentions in all those articles."),
        col("roles", ListUtf8, false, "Its most frequent titles and appositives in the dump, most frequent first."),
        col("kb_id", Utf8, true, "The knowledge-base id (see `entities.kb_id`) most of its articles were linked to, among those that fit its label (a person takes none, an organisation no GeoNames place); `global_id` derives from it when set."),
        col("kb_kind", Utf8, true, "What `kb_id` names (see `entities.kb_kind`); `demonym` for a nationality linked only to its country."),
        col("country_code", Utf8, true, "ISO 3166-1 alpha-2 code of the place's country, or of a demonym's."),
        col("admin1", Utf8, true, "Code of the first-level division the place lies in (US: the postal code, `LA`; elsewhere GeoNames' code)."),
        col("latitude", Float32, true, "Latitude of the place's point, in degrees (WGS84); null when not a place or none is known."),
        col("longitude", Float32, true, "Longitude of the place's point, in degrees (WGS84)."),
        col("link_confidence", Float32, true, "The linker's mean confidence over the articles linked to `kb_id` (or to the demonym's country), 0 to 1; null when unlinked."),
    ],
};

/// Every table `newsnlp stats` writes, in writing order.
pub fn stats_tables() -> [&'static TableSchema; 6] {
    [&ENTITY_COUNTS, &COOCCURRENCE, &TOPIC_COUNTS, &PLACES, &QUOTED, &QUOTED_BY_SOURCE]
}

/// The speakers of a run, most quoted first (written by `newsnlp stats`).
pub static QUOTED: TableSchema = TableSchema {
    name: "quoted",
    doc: "One row per speaker entity (`quotes.speaker_entity_id`, as a dump-level entity), most quoted first (by `quotes`, then `speaker_id`): who the run quotes. Quotes with no resolved speaker are not counted.",
    columns: &[
        col("speaker_id", Utf8, false, "The speaker's `global_id` (its `entity_id` in a run made with `--no-identity`)."),
        col("name", Utf8, false, "Its most frequent `quotes.speaker_name`."),
        col("label", Utf8, true, "Its label (`entities.label`): PERSON, ORGANIZATION, GROUP, ..."),
        col("quotes", Int64, false, "Quotes of `ok` articles whose speaker it is."),
        col("direct", Int64, false, "Of those, the quotes in its own words (`kind` direct or mixed)."),
        col("articles", Int64, false, "`ok` articles that quote it."),
    ],
};

/// Who each source quotes (written by `newsnlp stats`).
pub static QUOTED_BY_SOURCE: TableSchema = TableSchema {
    name: "quoted_by_source",
    doc: "One row per source and speaker entity, by source, then most quoted first: who quotes whom. An article's source is its `site`, else its `agency`, else the host of its `url` (null when it has none).",
    columns: &[
        col("source", Utf8, true, "The publication: `articles.site`, else `articles.agency`, else the host of `articles.url`."),
        col("speaker_id", Utf8, false, "The speaker's `global_id` (its `entity_id` in a run made with `--no-identity`)."),
        col("name", Utf8, false, "Its most frequent `quotes.speaker_name` in this source."),
        col("label", Utf8, true, "Its label (`entities.label`)."),
        col("quotes", Int64, false, "Quotes of this source's `ok` articles whose speaker it is."),
        col("direct", Int64, false, "Of those, the quotes in its own words (`kind` direct or mixed)."),
        col("articles", Int64, false, "This source's `ok` articles that quote it."),
    ],
};

/// The README's schema section (`newsnlp schema --markdown`): the `analyze`
/// tables, then the corpus-level tables of `stats` under their own heading.
pub fn markdown_document() -> String {
    let mut out = markdown(&documented_tables());
    out.push_str(
        "### Corpus-level tables (`newsnlp stats`)\n\n\
         `newsnlp stats OUT_DIR -o STATS_DIR` reads the Parquet tables of an `analyze` run (single files or \
         dataset folders) and writes these aggregates. Only `ok` articles count; dates are the first 10 \
         characters of `published` when they form a `YYYY-MM-DD` date.\n\n",
    );
    out.push_str(&markdown_at(&stats_tables(), "####"));
    out
}

/// Every table `analyze` can write: the five it always writes, then `clusters` (with `--clusters`), then
/// `dump_entities` (unless `--no-identity`).
pub fn documented_tables() -> [&'static TableSchema; 7] {
    [&ARTICLES, &SENTENCES, &MENTIONS, &ENTITIES, &QUOTES, &CLUSTERS, &DUMP_ENTITIES]
}

/// Markdown documentation of `tables`, for the README.
fn markdown(tables: &[&TableSchema]) -> String {
    markdown_at(tables, "###")
}

fn markdown_at(tables: &[&TableSchema], heading: &str) -> String {
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!(
            "{heading} `{}`\n\n{}\n\n| column | type | null | meaning |\n|---|---|---|---|\n",
            t.name, t.doc
        ));
        for c in t.columns {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.dtype.name(),
                if c.nullable { "yes" } else { "no" },
                c.doc
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_per_table() {
        for t in documented_tables().into_iter().chain(stats_tables()) {
            let mut names: Vec<_> = t.columns.iter().map(|c| c.name).collect();
            names.sort();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "duplicate column in {}", t.name);
        }
    }
}
