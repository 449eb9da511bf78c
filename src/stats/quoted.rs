//! `quoted` and `quoted_by_source`: who is quoted most in the run, and who
//! each source quotes.
//!
//! Three small passes, each reading only the columns it needs: the `quotes`
//! rows whose speaker resolves to an entity (of `ok` articles), then the
//! `entities` rows of those speakers (their label and dump-level
//! `global_id`), then the `articles` rows of the articles with such quotes
//! (their source). A speaker is its `global_id`, or its `entity_id` in a run
//! without dump-level identity. An article's source is the publication it
//! names: its `site`, else its `agency`, else the host of its `url`; null
//! when it names none. A run made before the quote stage, or with
//! `--no-quotes`, has no `quotes` table and gives two empty tables.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::DataType;

use super::articles::Articles;
use super::input::{for_each_row_group, has_column, table_files};
use super::output::QuotedRow;
use crate::error::Result;

/// One quote whose speaker is an entity.
struct Said {
    article: Arc<str>,
    entity: Arc<str>,
    name: Arc<str>,
    direct: bool,
}

/// `quoted` and `quoted_by_source` of the run in `dir`.
pub(crate) fn read(dir: &Path, articles: &Articles) -> Result<(Vec<QuotedRow>, Vec<QuotedRow>)> {
    let Ok(quote_files) = table_files(dir, "quotes") else { return Ok((Vec::new(), Vec::new())) };
    let said = quotes(&quote_files, articles)?;
    if said.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let keys: HashSet<(Arc<str>, Arc<str>)> = said.iter().map(|s| (s.article.clone(), s.entity.clone())).collect();
    let speakers = speakers(&table_files(dir, "entities")?, &keys)?;
    let wanted: HashSet<Arc<str>> = said.iter().map(|s| s.article.clone()).collect();
    let sources = sources(&table_files(dir, "articles")?, &wanted)?;
    let mut all: HashMap<Arc<str>, Tally> = HashMap::new();
    let mut by_source: HashMap<(Option<Arc<str>>, Arc<str>), Tally> = HashMap::new();
    for s in &said {
        let (id, label) = speakers
            .get(&(s.article.clone(), s.entity.clone()))
            .cloned()
            .unwrap_or_else(|| (s.entity.clone(), None));
        let source = sources.get(&s.article).cloned().flatten();
        all.entry(id.clone()).or_default().add(s, &label);
        by_source.entry((source, id)).or_default().add(s, &label);
    }
    let rows = |map: HashMap<(Option<Arc<str>>, Arc<str>), Tally>| -> Vec<QuotedRow> {
        let mut rows: Vec<QuotedRow> = map.into_iter().map(|((source, id), t)| t.row(source, id)).collect();
        rows.sort_by(|a, b| {
            a.source.cmp(&b.source).then(b.quotes.cmp(&a.quotes)).then_with(|| a.speaker_id.cmp(&b.speaker_id))
        });
        rows
    };
    let quoted = rows(all.into_iter().map(|(id, t)| ((None, id), t)).collect());
    Ok((quoted, rows(by_source)))
}

/// Counts of one speaker (in one source).
#[derive(Default)]
struct Tally {
    quotes: i64,
    direct: i64,
    articles: HashSet<Arc<str>>,
    names: HashMap<Arc<str>, u32>,
    label: Option<Arc<str>>,
}

impl Tally {
    fn add(&mut self, s: &Said, label: &Option<Arc<str>>) {
        self.quotes += 1;
        self.direct += i64::from(s.direct);
        self.articles.insert(s.article.clone());
        *self.names.entry(s.name.clone()).or_default() += 1;
        if self.label.is_none() {
            self.label = label.clone();
        }
    }

    /// The row, named by the most frequent name (ties: the alphabetically first).
    fn row(self, source: Option<Arc<str>>, speaker_id: Arc<str>) -> QuotedRow {
        let name = self
            .names
            .into_iter()
            .min_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)))
            .map_or_else(|| Arc::from(""), |(n, _)| n);
        QuotedRow {
            source,
            speaker_id,
            name,
            label: self.label,
            quotes: self.quotes,
            direct: self.direct,
            articles: self.articles.len() as i64,
        }
    }
}

/// The quotes of `ok` articles whose speaker resolves to an entity.
fn quotes(files: &[PathBuf], articles: &Articles) -> Result<Vec<Said>> {
    let columns = [
        ("article_id", DataType::String),
        ("kind", DataType::String),
        ("speaker_entity_id", DataType::String),
        ("speaker_name", DataType::String),
    ];
    let mut out = Vec::new();
    for_each_row_group(files, &columns, |group| {
        let rows = group.str(0)?.iter().zip(group.str(1)?.iter()).zip(group.str(2)?.iter().zip(group.str(3)?.iter()));
        for ((article, kind), (entity, name)) in rows {
            let (Some(article), Some(entity)) = (article, entity) else { continue };
            if articles.number(article).is_none() {
                continue;
            }
            out.push(Said {
                article: Arc::from(article),
                entity: Arc::from(entity),
                name: Arc::from(name.unwrap_or("")),
                direct: matches!(kind, Some("direct" | "mixed")),
            });
        }
        Ok(())
    })?;
    Ok(out)
}

/// The speaker id (`global_id`, else `entity_id`) and label of the entities in `keys` (article, entity).
fn speakers(
    files: &[PathBuf],
    keys: &HashSet<(Arc<str>, Arc<str>)>,
) -> Result<HashMap<(Arc<str>, Arc<str>), (Arc<str>, Option<Arc<str>>)>> {
    let global = has_column(files, "global_id")?;
    let mut columns = vec![("article_id", DataType::String), ("entity_id", DataType::String), ("label", DataType::String)];
    if global {
        columns.push(("global_id", DataType::String));
    }
    let mut out = HashMap::new();
    for_each_row_group(files, &columns, |group| {
        let globals: Vec<Option<&str>> = if global { group.str(3)?.iter().collect() } else { Vec::new() };
        let rows = group.str(0)?.iter().zip(group.str(1)?.iter()).zip(group.str(2)?.iter());
        for (row, ((article, entity), label)) in rows.enumerate() {
            let (Some(article), Some(entity)) = (article, entity) else { continue };
            let key = (Arc::from(article), Arc::from(entity));
            if !keys.contains(&key) || out.contains_key(&key) {
                continue;
            }
            let id: Arc<str> = Arc::from(globals.get(row).copied().flatten().unwrap_or(entity));
            out.insert(key, (id, label.map(Arc::from)));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The source of each article in `wanted` (the first row of an id).
fn sources(files: &[PathBuf], wanted: &HashSet<Arc<str>>) -> Result<HashMap<Arc<str>, Option<Arc<str>>>> {
    let columns = [("article_id", DataType::String), ("site", DataType::String), ("agency", DataType::String), ("url", DataType::String)];
    let present: Vec<bool> = columns.iter().map(|(c, _)| has_column(files, c)).collect::<Result<_>>()?;
    let columns: Vec<(&str, DataType)> =
        columns.iter().zip(&present).filter(|(_, p)| **p).map(|(c, _)| c.clone()).collect();
    let index = |name: &str| columns.iter().position(|(c, _)| *c == name);
    let (site, agency, url) = (index("site"), index("agency"), index("url"));
    let mut out = HashMap::new();
    for_each_row_group(files, &columns, |group| {
        let column = |i: Option<usize>| -> Result<Vec<Option<&str>>> {
            match i {
                Some(i) => Ok(group.str(i)?.iter().collect()),
                None => Ok(Vec::new()),
            }
        };
        let (sites, agencies, urls) = (column(site)?, column(agency)?, column(url)?);
        for (row, article) in group.str(0)?.iter().enumerate() {
            let Some(article) = article.map(Arc::<str>::from).filter(|a| wanted.contains(a)) else { continue };
            let source = pick(&sites, row)
                .map(str::to_string)
                .or_else(|| pick(&agencies, row).map(str::to_string))
                .or_else(|| pick(&urls, row).and_then(host));
            out.entry(article).or_insert_with(|| source.map(Arc::from));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The non-blank value of row `row` of a column.
fn pick<'a>(column: &[Option<&'a str>], row: usize) -> Option<&'a str> {
    column.get(row).copied().flatten().map(str::trim).filter(|s| !s.is_empty())
}

/// The host of a URL, without `www.`: `https://www.bbc.co.uk/news/x` → `bbc.co.uk`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn a_url_gives_its_host() {
        for (url, want) in [
            ("https://www.bbc.co.uk/news/x", Some("bbc.co.uk")),
            ("http://user@Example.com:8080/a?b", Some("example.com")),
            ("reuters.com/article", Some("reuters.com")),
            ("", None),
        ] {
            assert_eq!(host(url).as_deref(), want, "{url}");
        }
    }
}
