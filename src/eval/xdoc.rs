//! Cross-document identity against a dump whose articles list the people
//! they are about (Reuters-21578's `people` field: `james-baker`, `volcker`).
//!
//! The dump is analysed with dump-level identity, and each listed person is
//! looked for among the article's PERSON entities by name: "James Baker",
//! "Baker" and "James A. Baker" match `james-baker`; "Susan Baker" does not.
//! Two figures, for the people listed in at least `min_articles` articles:
//!
//! - **Consistency**: for each person, the share of their articles that hold
//!   the person's most common `global_id` (among the matching entities), over
//!   the articles where the person was found at all (a person the tagger
//!   missed is a recall problem, not an identity one; the strict share over
//!   all their articles is given too). Reported over all those articles
//!   (micro) and as the mean over people (macro).
//! - **Joins**: the global ids that join two different people: ids found, by
//!   surname, as two different listed people in different articles (articles
//!   listing two people of one surname are left out, being ambiguous).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::batch::{self, BatchOptions, IdentityStage};
use crate::config::PipelineConfig;
use crate::entities::names::fold;
use crate::error::{Error, Result};
use crate::export::{FolderSink, Layout, TableFormat};
use crate::identity;
use crate::ingest::MultiSource;
use crate::pipeline::Pipeline;

/// One person's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PersonScore {
    /// The dataset's code (`james-baker`).
    pub person: String,
    /// Articles listing the person.
    pub articles: usize,
    /// Of which the person was found in (a matching PERSON entity).
    pub found: usize,
    /// Of which hold the person's most common global id.
    pub consistent: usize,
    /// That global id's name.
    pub name: Option<String>,
}

/// The figures of `newsnlp eval xdoc`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct XdocReport {
    /// People with at least the minimum number of articles, most articles first.
    pub people: Vec<PersonScore>,
    /// Σ consistent / Σ found over those people.
    pub consistency: f64,
    /// Σ consistent / Σ articles (articles where the person was not found count as misses).
    pub strict_consistency: f64,
    /// Mean over people of consistent / found.
    pub macro_consistency: f64,
    /// Global ids matched to at least one listed person.
    pub matched_ids: usize,
    /// Of which matched to two different people: (name, people).
    pub joins: Vec<(String, Vec<String>)>,
}

impl XdocReport {
    /// The share of matched global ids that join two different people.
    pub fn join_share(&self) -> f64 {
        if self.matched_ids == 0 { 0.0 } else { self.joins.len() as f64 / self.matched_ids as f64 }
    }
}

/// Analyses `dump` (JSON Lines with `id` and `people`) with `config` into `tables` (JSON Lines tables, dump-level
/// identity on), then scores it.
pub fn evaluate(dump: &Path, config: &PipelineConfig, jobs: usize, tables: &Path, min_articles: usize) -> Result<XdocReport> {
    let pipeline = Pipeline::from_config(config)?;
    let source = MultiSource::new(vec![dump.to_path_buf()], config.ingest.options())?;
    let sink = FolderSink::create(tables, TableFormat::Jsonl, Layout::Single)?;
    let stages: Vec<Box<dyn batch::StreamStage>> = vec![Box::new(IdentityStage::new(Some(identity::evidence_file(tables, 0))))];
    let options = BatchOptions { jobs, ..BatchOptions::default() };
    batch::run(Box::new(source), &pipeline, stages, Box::new(sink), &options, &mut |_| {})?;
    identity::merge(&[tables.to_path_buf()], tables)?;
    score(dump, &tables.join("entities.jsonl"), min_articles)
}

/// A PERSON row of `entities`.
struct Row {
    name: String,
    global_id: String,
}

/// Scores the `entities` table (JSON Lines) of an analysis of `dump`.
pub fn score(dump: &Path, entities: &Path, min_articles: usize) -> Result<XdocReport> {
    let people = read_people(dump)?;
    let mut rows: HashMap<String, Vec<Row>> = HashMap::new();
    for (n, line) in lines(entities)?.enumerate() {
        let line = line.map_err(|e| Error::io("reading", entities, e))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| Error::data_caused_by(entities, n as u64 + 1, "not JSON", e))?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        if s("label") == "PERSON" && v["global_id"].is_string() {
            rows.entry(s("article_id")).or_default().push(Row { name: s("name"), global_id: s("global_id") });
        }
    }
    let mut by_person: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (article, listed) in &people {
        for p in listed {
            by_person.entry(p).or_default().push(article);
        }
    }
    let mut report = XdocReport::default();
    let mut names: HashMap<&str, &str> = HashMap::new();
    for (person, articles) in by_person.iter().filter(|(_, a)| a.len() >= min_articles) {
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        let mut found = 0;
        for a in articles {
            let matched: BTreeSet<&str> = rows
                .get(*a)
                .into_iter()
                .flatten()
                .filter(|r| names_person(&r.name, person))
                .map(|r| {
                    names.insert(&r.global_id, &r.name);
                    r.global_id.as_str()
                })
                .collect();
            found += usize::from(!matched.is_empty());
            for id in matched {
                *ids.entry(id).or_default() += 1;
            }
        }
        let best = ids.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)));
        report.people.push(PersonScore {
            person: person.to_string(),
            articles: articles.len(),
            found,
            consistent: best.map_or(0, |(_, n)| *n),
            name: best.map(|(id, _)| names[id].to_string()),
        });
    }
    report.people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.person.cmp(&b.person)));
    let sum = |f: fn(&PersonScore) -> usize| report.people.iter().map(f).sum::<usize>() as f64;
    report.consistency = sum(|p| p.consistent) / sum(|p| p.found).max(1.0);
    report.strict_consistency = sum(|p| p.consistent) / sum(|p| p.articles).max(1.0);
    let found: Vec<&PersonScore> = report.people.iter().filter(|p| p.found > 0).collect();
    report.macro_consistency =
        found.iter().map(|p| p.consistent as f64 / p.found as f64).sum::<f64>() / (found.len().max(1) as f64);
    joins(&people, &rows, &mut report);
    Ok(report)
}

/// The global ids found as two different people (by surname, in articles that list one person of that surname).
fn joins(people: &HashMap<String, Vec<String>>, rows: &HashMap<String, Vec<Row>>, report: &mut XdocReport) {
    let mut matched: BTreeMap<&str, (BTreeSet<&str>, &str)> = BTreeMap::new();
    for (article, listed) in people {
        for r in rows.get(article).into_iter().flatten() {
            let surname = last(&slug(&r.name)).to_string();
            let same: Vec<&String> = listed.iter().filter(|p| last(p) == surname).collect();
            if let [p] = same.as_slice() {
                matched.entry(&r.global_id).or_insert_with(|| (BTreeSet::new(), &r.name)).0.insert(p);
            }
        }
    }
    report.matched_ids = matched.len();
    report.joins = matched
        .into_iter()
        .filter(|(_, (p, _))| p.len() > 1)
        .map(|(_, (p, name))| (name.to_string(), p.into_iter().map(str::to_string).collect()))
        .collect();
}

/// Whether an entity's name names the person with this code: the same slug, or one that ends with the other
/// ("Baker" and "james-baker"; "Gerhard Stoltenberg" and "stoltenberg").
fn names_person(name: &str, code: &str) -> bool {
    let s = slug(name);
    !s.is_empty() && (s == code || s.ends_with(&format!("-{code}")) || code.ends_with(&format!("-{s}")))
}

fn last(slug: &str) -> &str {
    slug.rsplit('-').next().unwrap_or(slug)
}

/// "James A. Baker" → `james-baker`; "Leigh-Pemberton" → `leigh-pemberton`.
fn slug(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<String> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !(w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() == 1))
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

fn lines(path: &Path) -> Result<std::io::Lines<BufReader<std::fs::File>>> {
    Ok(BufReader::new(std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?).lines())
}

/// Article id → listed people.
fn read_people(dump: &Path) -> Result<HashMap<String, Vec<String>>> {
    let mut out = HashMap::new();
    for (n, line) in lines(dump)?.enumerate() {
        let line = line.map_err(|e| Error::io("reading", dump, e))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| Error::data_caused_by(dump, n as u64 + 1, "not JSON", e))?;
        let (Some(id), Some(people)) = (v["id"].as_str(), v["people"].as_array()) else { continue };
        let people: Vec<String> = people.iter().filter_map(|p| p.as_str().map(str::to_string)).collect();
        if !people.is_empty() {
            out.insert(id.to_string(), people);
        }
    }
    if out.is_empty() {
        return Err(Error::data(dump, 0, "no record has `id` and a non-empty `people` list"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_dataset_codes() {
        let cases = [
            ("James Baker", "james-baker", true),
            ("Baker", "james-baker", true),
            ("James A. Baker", "james-baker", true),
            ("Susan Baker", "james-baker", false),
            ("Gerhard Stoltenberg", "stoltenberg", true),
            ("Robin Leigh-Pemberton", "leigh-pemberton", true),
            ("Richard von Weizsaecker", "von-weizsaecker", true),
            ("Weizsaecker", "von-weizsaecker", true),
            ("Bakery", "james-baker", false),
        ];
        for (name, code, want) in cases {
            assert_eq!(names_person(name, code), want, "{name} vs {code}");
        }
    }

    #[test]
    fn consistency_and_joins_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("d.jsonl");
        let lines: Vec<String> = (0..4)
            .map(|i| format!(r#"{{"id": "a{i}", "people": ["james-baker"]}}"#))
            .chain([r#"{"id": "b0", "people": ["howard-baker"]}"#.to_string()])
            .collect();
        std::fs::write(&dump, lines.join("\n")).unwrap();
        let entities = dir.path().join("entities.jsonl");
        let row = |a: &str, name: &str, id: &str| {
            format!(r#"{{"article_id": "{a}", "name": "{name}", "label": "PERSON", "global_id": "{id}"}}"#)
        };
        let rows = [
            row("a0", "James Baker", "g1"),
            row("a1", "Baker", "g1"),
            row("a2", "Baker", "g2"),
            row("b0", "Baker", "g2"),
            row("a3", "Jim Smith", "g3"),
        ];
        std::fs::write(&entities, rows.join("\n")).unwrap();
        let r = score(&dump, &entities, 3).unwrap();
        assert_eq!(r.people.len(), 1, "howard-baker has one article");
        let p = &r.people[0];
        assert_eq!((p.articles, p.found, p.consistent), (4, 3, 2));
        assert!((r.consistency - 2.0 / 3.0).abs() < 1e-9 && (r.strict_consistency - 0.5).abs() < 1e-9);
        assert_eq!(r.matched_ids, 2);
        assert_eq!(r.joins, [("Baker".to_string(), vec!["howard-baker".to_string(), "james-baker".to_string()])]);
    }
}
