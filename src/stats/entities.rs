//! `entity_counts`: one pass over the `entities` table, aggregated per
//! entity in a hash map, so that the memory grows with the distinct
//! entities (and their names and topics), not with the rows.
//!
//! Rows whose article is not a counted `ok` article are left out (the join
//! of [`super::articles`]), and so are rows without an `entity_id`, which
//! the schema forbids. An entity is its `global_id` when the run has one,
//! else its `entity_id`. Each remaining row counts, except a second row of
//! one article for one entity (two article-level entities that the dump made
//! one thing), which adds only its mentions: `articles` is the number of
//! articles naming the entity (a dump that repeats an article id counts each
//! copy). `label` is the label of
//! the entity's first row in reading order (analyze gives an entity id a
//! single label, so the rule only matters for tables made by hand). `name`
//! is the name on most rows, ties to the alphabetically first; `top_topics`
//! the topics of most rows, ties likewise. `mean_salience` sums `salience`
//! in reading order, in f64, and divides by the rows.
//!
//! The same pass notes the articles whose rows are not together (see
//! [`super::runs`]), so that the pair pass over this table holds them from
//! the start.

use std::path::PathBuf;
use std::sync::Arc;

use polars::prelude::DataType;
use rustc_hash::FxHashSet;

use super::articles::Articles;
use super::input::{for_each_row_group, has_column, RowGroup};
use super::intern::Interner;
use super::output::{Day, EntityCountRow};
use super::runs::Together;
use crate::error::Result;

/// The running aggregates of one entity.
#[derive(Default)]
struct Entity {
    /// The label of its first row (a number of `Entities::labels`).
    label: Option<u32>,
    rows: u64,
    mentions: i64,
    salience: f64,
    first_seen: Option<Day>,
    last_seen: Option<Day>,
    /// Rows per name (a number of `Entities::names`); entities have few names, so a list.
    names: Vec<(Option<u32>, u64)>,
    /// Rows per topic (a number of [`Articles::topic_name`]).
    topics: Vec<(u32, u64)>,
    /// The article of its last row.
    last_article: Option<u32>,
}

/// The entities of a run, numbered in the order first seen.
pub(crate) struct Entities {
    ids: Interner,
    entities: Vec<Entity>,
    names: Interner,
    labels: Interner,
    /// Articles whose rows are not together in the table.
    pub apart: FxHashSet<u32>,
}

/// The entity of each row: its `global_id` (column `global`) when the run has one, else its `entity_id` (column
/// `id`), so that a run with dump-level identity is counted by dump-level entity.
pub(crate) fn entity_keys(group: &RowGroup, id: usize, global: Option<usize>) -> Result<Vec<Option<&str>>> {
    let ids = group.str(id)?;
    Ok(match global {
        Some(g) => ids.iter().zip(group.str(g)?.iter()).map(|(i, g)| g.or(i)).collect(),
        None => ids.iter().collect(),
    })
}

fn add<K: PartialEq>(counts: &mut Vec<(K, u64)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

impl Entities {
    /// Reads the `entities` table from `files`, joined to `articles`.
    pub(crate) fn read(files: &[PathBuf], articles: &Articles) -> Result<Entities> {
        let mut all = Entities {
            ids: Interner::default(),
            entities: Vec::new(),
            names: Interner::default(),
            labels: Interner::default(),
            apart: FxHashSet::default(),
        };
        let mut together = Together::new(articles.len());
        let mut columns = vec![
            ("article_id", DataType::String),
            ("entity_id", DataType::String),
            ("name", DataType::String),
            ("label", DataType::String),
            ("mention_count", DataType::Int64),
            ("salience", DataType::Float64),
        ];
        let global = has_column(files, "global_id")?;
        if global {
            columns.push(("global_id", DataType::String));
        }
        for_each_row_group(files, &columns, |group| {
            let ids = entity_keys(group, 1, global.then_some(6))?;
            let rows = group
                .str(0)?
                .iter()
                .zip(ids)
                .zip(group.str(2)?.iter())
                .zip(group.str(3)?.iter())
                .zip(group.i64(4)?.iter().zip(group.f64(5)?.iter()));
            for ((((article, id), name), label), (mentions, salience)) in rows {
                let (Some(a), Some(id)) = (article.and_then(|id| articles.number(id)), id) else {
                    continue;
                };
                together.see(a);
                let (e, new) = all.ids.insert(id);
                if new {
                    all.entities.push(Entity { label: label.map(|l| all.labels.insert(l).0), ..Entity::default() });
                }
                let name = name.map(|n| all.names.insert(n).0);
                let x = &mut all.entities[e as usize];
                x.mentions += mentions.unwrap_or(0);
                // Two rows of one article for one dump-level entity ("Baker" and "James Baker" kept apart in
                // the article, one thing in the dump) are one article: the first, most salient row counts.
                if x.last_article == Some(a) {
                    continue;
                }
                x.last_article = Some(a);
                x.rows += 1;
                x.salience += salience.unwrap_or(0.0);
                if let Some(day) = articles.day(a) {
                    x.first_seen = Some(x.first_seen.map_or(day, |d| d.min(day)));
                    x.last_seen = Some(x.last_seen.map_or(day, |d| d.max(day)));
                }
                add(&mut x.names, name);
                if let Some(topic) = articles.topic(a) {
                    add(&mut x.topics, topic);
                }
            }
            Ok(())
        })?;
        all.apart = together.apart();
        Ok(all)
    }

    /// The number of entity `id`, if it has rows.
    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    /// How many entities are numbered.
    pub(crate) fn len(&self) -> usize {
        self.entities.len()
    }

    /// The id of entity `e`.
    pub(crate) fn id(&self, e: u32) -> &Arc<str> {
        self.ids.name(e)
    }

    /// The articles naming entity `e`.
    pub(crate) fn articles(&self, e: u32) -> u64 {
        self.entities[e as usize].rows
    }

    /// `entity_counts`, most articles first, then most mentions, then by id; also the row of each entity.
    pub(crate) fn counts(&self, articles: &Articles, top_topics: usize) -> (Vec<EntityCountRow>, Vec<u32>) {
        let nulls_last = |name: &Option<u32>| (name.is_none(), name.map(|n| self.names.name(n)));
        let mut order: Vec<u32> = (0..self.entities.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.entities[a as usize], &self.entities[b as usize]);
            y.rows.cmp(&x.rows).then(y.mentions.cmp(&x.mentions)).then(self.id(a).cmp(self.id(b)))
        });
        let mut row_of = vec![0u32; self.entities.len()];
        let rows = order
            .iter()
            .enumerate()
            .map(|(row, &e)| {
                row_of[e as usize] = row as u32;
                let x = &self.entities[e as usize];
                let name = x
                    .names
                    .iter()
                    .min_by(|a, b| b.1.cmp(&a.1).then_with(|| nulls_last(&a.0).cmp(&nulls_last(&b.0))))
                    .and_then(|(name, _)| name.map(|n| self.names.name(n).clone()));
                let mut topics: Vec<(&Arc<str>, u64)> =
                    x.topics.iter().map(|&(t, n)| (articles.topic_name(t), n)).collect();
                topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                EntityCountRow {
                    entity_id: self.id(e).clone(),
                    name,
                    label: x.label.map(|l| self.labels.name(l).clone()),
                    articles: x.rows as i64,
                    mentions: x.mentions,
                    mean_salience: (x.salience / x.rows as f64) as f32,
                    first_seen: x.first_seen,
                    last_seen: x.last_seen,
                    top_topics: topics.into_iter().take(top_topics).map(|(t, _)| t.clone()).collect(),
                }
            })
            .collect();
        (rows, row_of)
    }
}
