//! `newsnlp stats`: exact values on hand-made tables, agreement with a brute-force count of real `analyze`
//! output, both table layouts, and the errors users meet.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use newsnlp::export::frames::{Batch, Value};
use newsnlp::export::schema::{self, TableSchema, ARTICLES, ENTITIES, MENTIONS};
use newsnlp::export::{write, TableFormat};
use newsnlp::stats::{Period, Stats, StatsOptions};
use serde_json::{json, Value as Json};

use crate::util::{fixture, read_jsonl, run};

/// A row of `table` from named values; other columns are null (empty lists, `false` flags).
fn row(table: &TableSchema, values: &[(&str, Value)]) -> Vec<Value> {
    table
        .columns
        .iter()
        .map(|c| match values.iter().find(|(n, _)| *n == c.name) {
            Some((_, v)) => v.clone(),
            None if c.dtype == schema::DataType::Boolean => Value::Bool(false),
            None => Value::Null,
        })
        .collect()
}

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

fn article(id: &str, published: Option<&str>, topic: Option<&str>, n_sentences: i64) -> Vec<Value> {
    row(
        &ARTICLES,
        &[
            ("article_id", s(id)),
            ("source", s("hand-made")),
            ("status", s("ok")),
            ("published", published.map_or(Value::Null, s)),
            ("language", s("eng")),
            ("topic", topic.map_or(Value::Null, s)),
            ("n_sentences", Value::Int(n_sentences)),
        ],
    )
}

fn entity(article: &str, id: &str, name: &str, label: &str, mentions: i64, salience: f32) -> Vec<Value> {
    row(
        &ENTITIES,
        &[
            ("article_id", s(article)),
            ("entity_id", s(id)),
            ("name", s(name)),
            ("label", s(label)),
            ("mention_count", Value::Int(mentions)),
            ("salience", Value::Float(salience)),
        ],
    )
}

fn mention(article: &str, field: &str, sentence: Option<i64>, entity: Option<&str>, label: &str) -> Vec<Value> {
    row(
        &MENTIONS,
        &[
            ("article_id", s(article)),
            ("field", s(field)),
            ("sentence_index", sentence.map_or(Value::Null, Value::Int)),
            ("text", s("x")),
            ("label", s(label)),
            ("entity_id", entity.map_or(Value::Null, s)),
        ],
    )
}

/// Five `ok` articles and a rejected one, three entities (`acme`, `ada`, `lun`), every value worked out by hand
/// in the tests below.
fn hand_made() -> [(&'static TableSchema, Vec<Vec<Value>>); 3] {
    let mut rejected =
        row(&ARTICLES, &[("article_id", s("a5")), ("source", s("hand-made")), ("status", s("rejected"))]);
    rejected[ARTICLES.index_of("reason").unwrap()] = s("empty body");
    let articles = vec![
        article("a1", Some("2026-01-05T10:00:00"), Some("politics"), 3),
        article("a2", Some("2026-01-20"), Some("politics"), 2),
        article("a3", Some("2026-02-03T08:00:00+01:00"), Some("economy"), 2),
        article("a4", None, None, 1),
        rejected,
        article("a6", Some("Feb 2026"), Some("economy"), 1),
    ];
    let entities = vec![
        entity("a1", "ada", "Ada Quill", "PERSON", 2, 1.0),
        entity("a1", "acme", "Acme", "ORGANIZATION", 1, 0.5),
        entity("a1", "lun", "Lunaport", "LOCATION", 1, 0.25),
        entity("a2", "ada", "Ada Quill", "PERSON", 1, 0.5),
        entity("a2", "acme", "Acme Corp", "ORGANIZATION", 2, 1.0),
        entity("a3", "acme", "Acme Corp", "ORGANIZATION", 1, 1.0),
        entity("a3", "lun", "Lunaport", "LOCATION", 3, 0.75),
        entity("a4", "ada", "Quill", "PERSON", 1, 1.0),
        entity("a4", "lun", "Lunaport", "LOCATION", 1, 0.5),
        entity("a6", "ada", "Ada Quill", "PERSON", 1, 0.0),
    ];
    let mentions = vec![
        mention("a1", "title", None, Some("acme"), "ORGANIZATION"),
        mention("a1", "body", Some(0), Some("ada"), "PERSON"),
        mention("a1", "body", Some(0), Some("acme"), "ORGANIZATION"),
        mention("a1", "body", Some(0), None, "DATE"),
        mention("a1", "body", Some(1), Some("lun"), "LOCATION"),
        mention("a1", "body", Some(2), Some("ada"), "PERSON"),
        mention("a1", "body", Some(2), Some("lun"), "LOCATION"),
        mention("a2", "body", Some(0), Some("ada"), "PERSON"),
        mention("a2", "body", Some(1), Some("acme"), "ORGANIZATION"),
        mention("a3", "body", Some(1), Some("acme"), "ORGANIZATION"),
        mention("a3", "body", Some(1), Some("lun"), "LOCATION"),
        mention("a3", "body", Some(1), Some("lun"), "LOCATION"),
        mention("a4", "body", Some(0), Some("ada"), "PERSON"),
        mention("a4", "body", Some(0), Some("lun"), "LOCATION"),
        mention("a6", "body", Some(0), Some("ada"), "PERSON"),
    ];
    [(&ARTICLES, articles), (&ENTITIES, entities), (&MENTIONS, mentions)]
}

fn write_parquet(path: &Path, table: &'static TableSchema, rows: Vec<Vec<Value>>) {
    let mut batch = Batch::new(table);
    for r in rows {
        batch.push_row(r);
    }
    let mut w = write::create_at(path, table, TableFormat::Parquet).unwrap();
    w.write(batch).unwrap();
    w.finish().unwrap();
}

/// The hand-made tables as a plain run writes them: `dir/<table>.parquet`.
fn write_single(dir: &Path, tables: [(&'static TableSchema, Vec<Vec<Value>>); 3]) {
    for (t, rows) in tables {
        write_parquet(&dir.join(format!("{}.parquet", t.name)), t, rows);
    }
}

/// The hand-made tables as a partitioned, sharded run writes them: the rows of articles a1-a3 under
/// `language=eng/part-0`, the others under the null partition in `part-1`, without the `language` column.
fn write_dataset(dir: &Path, tables: [(&'static TableSchema, Vec<Vec<Value>>); 3]) {
    for (t, rows) in tables {
        let projected = schema::without_column(t, "language");
        let keep: Vec<usize> = projected.columns.iter().map(|c| t.index_of(c.name).unwrap()).collect();
        let (first, rest): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|r| matches!(&r[0], Value::Str(id) if ["a1", "a2", "a3"].contains(&id.as_str())));
        for (part, folder, rows) in [(0, "language=eng", first), (1, "language=__HIVE_DEFAULT_PARTITION__", rest)] {
            let rows = rows.into_iter().map(|r| keep.iter().map(|&i| r[i].clone()).collect()).collect();
            write_parquet(&dir.join(t.name).join(folder).join(format!("part-{part}.parquet")), projected, rows);
        }
    }
}

/// Computes the stats of `dir` and reads them back as JSON Lines.
fn stats_of(dir: &Path, options: &StatsOptions) -> BTreeMap<&'static str, Vec<Json>> {
    let stats = Stats::compute(dir, options).unwrap_or_else(|e| panic!("stats of {}: {e}", dir.display()));
    let out = tempfile::tempdir().unwrap();
    let counts = stats.write(out.path(), TableFormat::Jsonl).unwrap();
    let mut tables = BTreeMap::new();
    for (t, n) in [
        ("entity_counts", counts.entity_counts),
        ("cooccurrence", counts.cooccurrence),
        ("topic_counts", counts.topic_counts),
    ] {
        let rows = read_jsonl(&out.path().join(format!("{t}.jsonl")));
        assert_eq!(rows.len() as u64, n, "{t}: rows written vs reported");
        tables.insert(t, rows);
    }
    tables
}

/// Asserts that `got` equals `want`, floats within 1e-4 (they are f32, written with 6 decimals).
fn assert_rows(table: &str, got: &[Json], want: &[Json]) {
    assert_eq!(got.len(), want.len(), "{table}: {} rows, want {}:\n{got:#?}", got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        for (k, wv) in w.as_object().unwrap() {
            let gv = &g[k];
            let same = match (gv.as_f64(), wv.as_f64()) {
                (Some(a), Some(b)) if wv.is_f64() => (a - b).abs() < 1e-4,
                _ => gv == wv,
            };
            assert!(same, "{table} row {i}, column {k}: got {gv}, want {wv}\nrow: {g}");
        }
        assert_eq!(
            g.as_object().unwrap().len(),
            w.as_object().unwrap().len(),
            "{table} row {i} has other columns: {g}"
        );
    }
}

fn expected_entity_counts() -> Vec<Json> {
    vec![
        // a1, a2, a4, a6; "Ada Quill" 3 times, "Quill" once; a4 undated and a6's date unreadable.
        json!({"entity_id": "ada", "name": "Ada Quill", "label": "PERSON", "articles": 4, "mentions": 5,
               "mean_salience": 0.625, "first_seen": "2026-01-05", "last_seen": "2026-01-20",
               "top_topics": ["politics", "economy"]}),
        // Ties on articles are broken by mentions (5 > 4); topic ties alphabetically.
        json!({"entity_id": "lun", "name": "Lunaport", "label": "LOCATION", "articles": 3, "mentions": 5,
               "mean_salience": 0.5, "first_seen": "2026-01-05", "last_seen": "2026-02-03",
               "top_topics": ["economy", "politics"]}),
        json!({"entity_id": "acme", "name": "Acme Corp", "label": "ORGANIZATION", "articles": 3, "mentions": 4,
               "mean_salience": 0.833333, "first_seen": "2026-01-05", "last_seen": "2026-02-03",
               "top_topics": ["politics", "economy"]}),
    ]
}

fn expected_cooccurrence() -> Vec<Json> {
    // N = 5 ok articles, 9 sentences; n(ada) = 4, n(acme) = n(lun) = 3; sentences s(ada) = 5, s(acme) = 3, s(lun) = 4.
    let l = |x: f64| x.log2();
    let npmi = |both: f64, a: f64, b: f64| l(both * 5.0 / (a * b)) / -l(both / 5.0);
    vec![
        json!({"entity_id_a": "ada", "name_a": "Ada Quill", "label_a": "PERSON",
               "entity_id_b": "lun", "name_b": "Lunaport", "label_b": "LOCATION",
               "articles": 2, "sentences": 2, "pmi": l(2.0 * 5.0 / 12.0), "npmi": npmi(2.0, 4.0, 3.0),
               "sentence_pmi": l(2.0 * 9.0 / 20.0)}),
        // The title mention of acme in a1 does not count as a sentence.
        json!({"entity_id_a": "acme", "name_a": "Acme Corp", "label_a": "ORGANIZATION",
               "entity_id_b": "ada", "name_b": "Ada Quill", "label_b": "PERSON",
               "articles": 2, "sentences": 1, "pmi": l(10.0 / 12.0), "npmi": npmi(2.0, 3.0, 4.0),
               "sentence_pmi": l(9.0 / 15.0)}),
        // Two mentions of lun in one sentence count once.
        json!({"entity_id_a": "acme", "name_a": "Acme Corp", "label_a": "ORGANIZATION",
               "entity_id_b": "lun", "name_b": "Lunaport", "label_b": "LOCATION",
               "articles": 2, "sentences": 1, "pmi": l(10.0 / 9.0), "npmi": npmi(2.0, 3.0, 3.0),
               "sentence_pmi": l(9.0 / 12.0)}),
    ]
}

#[test]
fn hand_made_tables_give_the_worked_out_stats() {
    let dir = tempfile::tempdir().unwrap();
    write_single(dir.path(), hand_made());
    let got = stats_of(dir.path(), &StatsOptions::default());
    assert_rows("entity_counts", &got["entity_counts"], &expected_entity_counts());
    assert_rows("cooccurrence", &got["cooccurrence"], &expected_cooccurrence());
    assert_rows(
        "topic_counts",
        &got["topic_counts"],
        &[
            json!({"period": "2026-01", "topic": "politics", "articles": 2, "share": 1.0}),
            json!({"period": "2026-02", "topic": "economy", "articles": 1, "share": 1.0}),
            json!({"period": null, "topic": "economy", "articles": 1, "share": 0.5}),
            json!({"period": null, "topic": null, "articles": 1, "share": 0.5}),
        ],
    );
}

#[test]
fn options_change_the_minimum_count_and_the_periods() {
    let dir = tempfile::tempdir().unwrap();
    write_single(dir.path(), hand_made());
    let got = stats_of(dir.path(), &StatsOptions { min_count: 3, period: Period::Day, ..StatsOptions::default() });
    assert_rows("cooccurrence", &got["cooccurrence"], &[]);
    assert_rows("entity_counts", &got["entity_counts"], &expected_entity_counts());
    assert_rows(
        "topic_counts",
        &got["topic_counts"],
        &[
            json!({"period": "2026-01-05", "topic": "politics", "articles": 1, "share": 1.0}),
            json!({"period": "2026-01-20", "topic": "politics", "articles": 1, "share": 1.0}),
            json!({"period": "2026-02-03", "topic": "economy", "articles": 1, "share": 1.0}),
            json!({"period": null, "topic": "economy", "articles": 1, "share": 0.5}),
            json!({"period": null, "topic": null, "articles": 1, "share": 0.5}),
        ],
    );
    let zero = Stats::compute(dir.path(), &StatsOptions { min_count: 0, ..StatsOptions::default() });
    assert!(zero.is_err_and(|e| e.to_string().contains("at least 1")), "a minimum count of 0 is refused");
}

#[test]
fn dataset_folders_give_the_same_stats_as_single_files() {
    let single = tempfile::tempdir().unwrap();
    write_single(single.path(), hand_made());
    let dataset = tempfile::tempdir().unwrap();
    write_dataset(dataset.path(), hand_made());
    assert!(dataset.path().join("articles/language=eng/part-0.parquet").is_file());
    assert_eq!(
        stats_of(dataset.path(), &StatsOptions::default()),
        stats_of(single.path(), &StatsOptions::default()),
        "a partitioned, sharded layout must read as one table"
    );
}

#[test]
fn a_run_without_entities_still_counts_articles() {
    let dir = tempfile::tempdir().unwrap();
    let [articles, (entities, _), (mentions, _)] = hand_made();
    write_single(dir.path(), [articles, (entities, Vec::new()), (mentions, Vec::new())]);
    let got = stats_of(dir.path(), &StatsOptions::default());
    assert!(got["entity_counts"].is_empty() && got["cooccurrence"].is_empty());
    assert_eq!(got["topic_counts"].len(), 4);
}

/// Runs `newsnlp analyze` on `inputs` into a fresh folder.
fn analyze(inputs: &[&Path], extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["analyze"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", out.path().to_str().unwrap(), "-q"]);
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "analyze {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Runs `newsnlp stats DIR` (JSON Lines, `extra` flags) and returns the output folder.
fn stats_cli(dir: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["stats", dir.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--format", "jsonl"];
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "stats {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    out
}

fn str_of(v: &Json) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The stats of an `analyze` run recomputed row by row from its JSON Lines tables, the slow obvious way.
fn brute_force(tables: &Path, min_count: u64) -> BTreeMap<&'static str, Vec<Json>> {
    let mut articles: HashMap<String, (Option<String>, Option<String>)> = HashMap::new(); // id -> (day, topic)
    let mut n_sentences = 0u64;
    let mut periods: BTreeMap<(Option<String>, Option<String>), u64> = BTreeMap::new();
    for a in read_jsonl(&tables.join("articles.jsonl")) {
        if a["status"] != "ok" {
            continue;
        }
        let published = str_of(&a["published"]).unwrap_or_default();
        let date_like = |n: usize| {
            let p = published.as_bytes();
            let ok =
                p.len() >= n && (0..n).all(|i| if i == 4 || i == 7 { p[i] == b'-' } else { p[i].is_ascii_digit() });
            ok.then(|| published[..n].to_string())
        };
        *periods.entry((date_like(7), str_of(&a["topic"]))).or_default() += 1;
        n_sentences += a["n_sentences"].as_u64().unwrap();
        articles.insert(str_of(&a["article_id"]).unwrap(), (date_like(10), str_of(&a["topic"])));
    }
    let n = articles.len() as f64;

    #[derive(Default)]
    struct Entity {
        label: String,
        names: BTreeMap<String, u64>,
        articles: BTreeSet<String>,
        mentions: u64,
        salience: f64,
        days: BTreeSet<String>,
        topics: BTreeMap<String, u64>,
    }
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let mut by_article: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Entities are counted by dump-level entity (`global_id`), and once per article: a second row of one article
    // adds its mentions only.
    let key = |row: &Json, id: &str, global: &str| str_of(&row[global]).or_else(|| str_of(&row[id]));
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for e in read_jsonl(&tables.join("entities.jsonl")) {
        let (id, article) = (key(&e, "entity_id", "global_id").unwrap(), str_of(&e["article_id"]).unwrap());
        let (day, topic) = articles[&article].clone();
        let x = entities.entry(id.clone()).or_default();
        if !seen.insert((id.clone(), article.clone())) {
            x.mentions += e["mention_count"].as_u64().unwrap();
            continue;
        }
        x.label = str_of(&e["label"]).unwrap();
        *x.names.entry(str_of(&e["name"]).unwrap()).or_default() += 1;
        x.articles.insert(article.clone());
        x.mentions += e["mention_count"].as_u64().unwrap();
        x.salience += e["salience"].as_f64().unwrap();
        x.days.extend(day);
        if let Some(t) = topic {
            *x.topics.entry(t).or_default() += 1;
        }
        by_article.entry(article).or_default().insert(id);
    }
    let mut by_sentence: BTreeMap<(String, u64), BTreeSet<String>> = BTreeMap::new();
    for m in read_jsonl(&tables.join("mentions.jsonl")) {
        if let (Some(id), Some(sentence), "body") =
            (key(&m, "entity_id", "global_id"), m["sentence_index"].as_u64(), m["field"].as_str().unwrap())
        {
            by_sentence.entry((str_of(&m["article_id"]).unwrap(), sentence)).or_default().insert(id);
        }
    }
    let mut sentences_of: HashMap<&str, f64> = HashMap::new();
    for id in by_sentence.values().flatten() {
        *sentences_of.entry(id.as_str()).or_default() += 1.0;
    }
    let in_sentences = |id: &str| sentences_of[id];

    let mut counts: Vec<(i64, i64, String, Json)> = entities
        .iter()
        .map(|(id, x)| {
            let name = x.names.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).unwrap().0;
            let mut topics: Vec<(&String, &u64)> = x.topics.iter().collect();
            topics.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let row = json!({"entity_id": id, "name": name, "label": x.label, "articles": x.articles.len(),
                "mentions": x.mentions, "mean_salience": x.salience / x.articles.len() as f64,
                "first_seen": x.days.first(), "last_seen": x.days.last(),
                "top_topics": topics.iter().take(3).map(|t| t.0).collect::<Vec<_>>()});
            (-(x.articles.len() as i64), -(x.mentions as i64), id.clone(), row)
        })
        .collect();
    counts.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));

    let mut pairs: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for ids in by_article.values() {
        for a in ids {
            for b in ids.range::<String, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded)) {
                pairs.entry((a.clone(), b.clone())).or_default().0 += 1;
            }
        }
    }
    for ids in by_sentence.values() {
        for a in ids {
            for b in ids.range::<String, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded)) {
                if let Some(p) = pairs.get_mut(&(a.clone(), b.clone())) {
                    p.1 += 1;
                }
            }
        }
    }
    let name_of = |id: &str| counts.iter().find(|c| c.2 == id).map(|c| c.3["name"].clone()).unwrap();
    let mut cooc: Vec<(i64, i64, String, String, Json)> = pairs
        .into_iter()
        .filter(|(_, (arts, _))| *arts >= min_count)
        .map(|((a, b), (arts, sents))| {
            let (na, nb) = (entities[&a].articles.len() as f64, entities[&b].articles.len() as f64);
            let pmi = (arts as f64 * n / (na * nb)).log2();
            let h = -(arts as f64 / n).log2();
            let npmi = if h <= 0.0 { 1.0 } else { pmi / h };
            let spmi =
                (sents > 0).then(|| (sents as f64 * n_sentences as f64 / (in_sentences(&a) * in_sentences(&b))).log2());
            let row = json!({"entity_id_a": a, "name_a": name_of(&a), "label_a": entities[&a].label,
                "entity_id_b": b, "name_b": name_of(&b), "label_b": entities[&b].label,
                "articles": arts, "sentences": sents, "pmi": pmi, "npmi": npmi, "sentence_pmi": spmi});
            (-(arts as i64), -(sents as i64), a, b, row)
        })
        .collect();
    cooc.sort_by(|x, y| (x.0, x.1, &x.2, &x.3).cmp(&(y.0, y.1, &y.2, &y.3)));

    let mut per_period: HashMap<Option<String>, u64> = HashMap::new();
    for ((p, _), k) in &periods {
        *per_period.entry(p.clone()).or_default() += k;
    }
    // Sort keys of optional strings, nulls last.
    type NullsLast = (bool, Option<String>);
    let mut topics: Vec<(NullsLast, i64, NullsLast, Json)> = periods
        .iter()
        .map(|((p, t), k)| {
            let row = json!({"period": p, "topic": t, "articles": k, "share": *k as f64 / per_period[p] as f64});
            ((p.is_none(), p.clone()), -(*k as i64), (t.is_none(), t.clone()), row)
        })
        .collect();
    topics.sort_by(|x, y| (&x.0, x.1, &x.2).cmp(&(&y.0, y.1, &y.2)));

    BTreeMap::from([
        ("entity_counts", counts.into_iter().map(|c| c.3).collect()),
        ("cooccurrence", cooc.into_iter().map(|c| c.4).collect()),
        ("topic_counts", topics.into_iter().map(|c| c.3).collect()),
    ])
}

fn read_stats(dir: &Path) -> BTreeMap<&'static str, Vec<Json>> {
    ["entity_counts", "cooccurrence", "topic_counts"]
        .into_iter()
        .map(|t| (t, read_jsonl(&dir.join(format!("{t}.jsonl")))))
        .collect()
}

#[test]
fn stats_of_an_analyze_run_agree_with_a_brute_force_count() {
    let sample = fixture("stats-sample.jsonl");
    let parquet = analyze(&[&sample], &[]);
    let jsonl = analyze(&[&sample], &["--format", "jsonl"]);
    for min_count in ["1", "2"] {
        let got = read_stats(stats_cli(parquet.path(), &["--min-count", min_count]).path());
        let want = brute_force(jsonl.path(), min_count.parse().unwrap());
        assert!(want["cooccurrence"].len() >= 3, "the fixture should give co-occurring entities: {want:#?}");
        for table in ["entity_counts", "cooccurrence", "topic_counts"] {
            assert_rows(table, &got[table], &want[table]);
        }
    }
}

#[test]
fn sharded_and_partitioned_runs_give_the_stats_of_a_plain_run() {
    let sample = fixture("stats-sample.jsonl");
    let plain = read_stats(stats_cli(analyze(&[&sample], &[]).path(), &[]).path());
    let sharded = tempfile::tempdir().unwrap();
    for shard in ["1/2", "2/2"] {
        let o =
            run(&["analyze", sample.to_str().unwrap(), "-o", sharded.path().to_str().unwrap(), "-q", "--shard", shard]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert!(sharded.path().join("articles/part-2.parquet").is_file(), "shards write dataset folders");
    let partitioned = analyze(&[&sample], &["--partition-by", "published_month"]);
    for (what, dir) in [("sharded", sharded.path()), ("partitioned", partitioned.path())] {
        let got = read_stats(stats_cli(dir, &[]).path());
        for table in ["entity_counts", "cooccurrence", "topic_counts"] {
            assert_rows(&format!("{what} {table}"), &got[table], &plain[table]);
        }
    }
}

#[test]
fn stats_write_every_format_and_default_beside_the_tables() {
    let tables = analyze(&[&fixture("stats-sample.jsonl")], &[]);
    let o = run(&["stats", tables.path().to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("most-named ORGANIZATION"), "the summary names the top organisations: {stderr}");
    for t in schema::stats_tables() {
        let text = std::fs::read_to_string(tables.path().join("stats").join(format!("{}.csv", t.name))).unwrap();
        let header: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
        assert_eq!(text.lines().next().unwrap(), header.join(","), "{}.csv header follows the schema", t.name);
    }
    let o = run(&["stats", tables.path().to_str().unwrap(), "-q"]);
    assert!(o.status.success() && o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(tables.path().join("stats/cooccurrence.parquet").is_file());
}

#[test]
fn stats_refuse_what_they_cannot_read_with_exit_code_2() {
    let csv = analyze(&[&fixture("stats-sample.jsonl")], &["--format", "csv"]);
    let empty = tempfile::tempdir().unwrap();
    let cases = [(csv.path(), "--format parquet"), (empty.path(), "expected articles.parquet")];
    for (dir, says) in cases {
        let o = run(&["stats", dir.to_str().unwrap(), "-q"]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "the error should say {says:?}: {stderr}");
    }
}

/// Acceptance on the Reuters training file (shared data only): the most-named organisations come out, the
/// co-occurrence table has its schema's columns and agrees with a brute-force count.
#[test]
fn reuters_stats_name_organisations_and_pair_them() {
    let Some(shared) = crate::util::shared_data() else {
        eprintln!("skipped: NEWSNLP_SHARED_DATA is not set");
        return;
    };
    let reuters = shared.join("topics/reuters21578-modapte-train.jsonl");
    let tables = analyze(&[&reuters], &["--format", "jsonl"]);
    let parquet = analyze(&[&reuters], &[]);
    let got = read_stats(stats_cli(parquet.path(), &[]).path());
    let organisations: Vec<(&str, u64)> = got["entity_counts"]
        .iter()
        .filter(|e| e["label"] == "ORGANIZATION")
        .take(25)
        .map(|e| (e["name"].as_str().unwrap(), e["articles"].as_u64().unwrap()))
        .collect();
    // Each expected organisation is among the 25 most-named, found in at least 90% of the articles whose
    // text names it (by any of its names).
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&reuters)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (expected, names) in
        [("OPEC", &["OPEC"][..]), ("International Monetary Fund", &["International Monetary Fund", "IMF"][..])]
    {
        let named = records
            .iter()
            .filter(|r| {
                let text = format!("{} {}", r["title"].as_str().unwrap_or(""), r["text"].as_str().unwrap_or(""));
                names.iter().any(|n| {
                    text.match_indices(n).any(|(i, _)| {
                        let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                        let after = text[i + n.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                        before && after
                    })
                })
            })
            .count() as u64;
        let found = organisations.iter().find(|(n, _)| *n == expected).map(|&(_, a)| a);
        assert!(
            found.is_some_and(|a| a * 10 >= named * 9),
            "{expected} should be among the top organisations {organisations:?} in at least 90% of the {named} \
             articles that name it"
        );
    }
    let columns: Vec<&str> = schema::COOCCURRENCE.columns.iter().map(|c| c.name).collect();
    assert!(!got["cooccurrence"].is_empty());
    for r in &got["cooccurrence"] {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        let mut want = columns.clone();
        want.sort();
        assert_eq!(keys, want);
        assert!(r["entity_id_a"].as_str() < r["entity_id_b"].as_str() && r["articles"].as_u64() >= Some(2));
    }
    let want = brute_force(tables.path(), 2);
    for table in ["entity_counts", "cooccurrence", "topic_counts"] {
        assert_rows(table, &got[table], &want[table]);
    }
}
