//! The `articles` table: which articles count, their dates and topics, and
//! `topic_counts`.
//!
//! Only `ok` articles count, each article id once: a dump may repeat an id,
//! and the first `ok` row of an id in reading order (see [`super::input`])
//! is the one kept, with its date, topic and sentence count. The other
//! tables join this one by id, so the entity rows of a repeated id all
//! belong to that first row's article. An `ok` row without an id (the schema
//! forbids it) counts once as well, and no entity row can join it.
//!
//! The kept articles are numbered in the order kept, and the two facts the
//! entity passes need, the date and the topic, are kept in slots by number:
//! the memory is one id and a few bytes per article, and `topic_counts` is
//! counted in the same pass.

use std::path::PathBuf;
use std::sync::Arc;

use polars::prelude::DataType;
use rustc_hash::FxHashMap;

use super::input::for_each_row_group;
use super::intern::Interner;
use super::output::{Day, TopicCountRow};
use super::Period;
use crate::error::Result;

/// The `ok` articles of a run, numbered.
pub(crate) struct Articles {
    ids: Interner,
    days: Vec<Option<Day>>,
    topics: Vec<Option<u32>>,
    topic_names: Interner,
    /// `ok` articles.
    pub ok: u64,
    /// Body sentences of the `ok` articles.
    pub sentences: u64,
    periods: Interner,
    /// Articles by (period, topic) number.
    by_period: FxHashMap<(Option<u32>, Option<u32>), u64>,
}

/// The first `n` bytes of `published` when they read `YYYY-MM-DD` (n = 10) or `YYYY-MM` (n = 7).
fn date_prefix(published: Option<&str>, n: usize) -> Option<&str> {
    let published = published?;
    let p = published.as_bytes();
    let ok = p.len() >= n && (0..n).all(|i| if i == 4 || i == 7 { p[i] == b'-' } else { p[i].is_ascii_digit() });
    // ASCII up to n, so n is a char boundary.
    ok.then(|| &published[..n])
}

impl Articles {
    /// Reads the `articles` table from `files`; `period` picks the periods of `topic_counts`.
    pub(crate) fn read(files: &[PathBuf], period: Period) -> Result<Articles> {
        let mut articles = Articles {
            ids: Interner::default(),
            days: Vec::new(),
            topics: Vec::new(),
            topic_names: Interner::default(),
            ok: 0,
            sentences: 0,
            periods: Interner::default(),
            by_period: FxHashMap::default(),
        };
        let period_len = match period {
            Period::Day => 10,
            Period::Month => 7,
        };
        let mut sentences = 0i64;
        let mut kept_without_id = false;
        let columns = [
            ("article_id", DataType::String),
            ("status", DataType::String),
            ("published", DataType::String),
            ("topic", DataType::String),
            ("n_sentences", DataType::Int64),
        ];
        for_each_row_group(files, &columns, |group| {
            let rows = group
                .str(0)?
                .iter()
                .zip(group.str(1)?.iter())
                .zip(group.str(2)?.iter())
                .zip(group.str(3)?.iter())
                .zip(group.i64(4)?.iter());
            for ((((id, status), published), topic), n_sentences) in rows {
                if status != Some("ok") {
                    continue;
                }
                let first = match id {
                    Some(id) => articles.ids.insert(id).1,
                    None => !std::mem::replace(&mut kept_without_id, true),
                };
                if !first {
                    continue;
                }
                let topic = topic.map(|t| articles.topic_names.insert(t).0);
                if id.is_some() {
                    articles.days.push(date_prefix(published, 10).map(|d| {
                        let mut day = Day::default();
                        day.copy_from_slice(d.as_bytes());
                        day
                    }));
                    articles.topics.push(topic);
                }
                let period = date_prefix(published, period_len).map(|p| articles.periods.insert(p).0);
                *articles.by_period.entry((period, topic)).or_default() += 1;
                articles.ok += 1;
                sentences += n_sentences.unwrap_or(0);
            }
            Ok(())
        })?;
        articles.sentences = sentences.max(0) as u64;
        Ok(articles)
    }

    /// The number of the article `id`, if it is `ok`.
    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    /// How many articles are numbered.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The date of article `a`.
    pub(crate) fn day(&self, a: u32) -> Option<Day> {
        self.days[a as usize]
    }

    /// The topic (a number for [`Articles::topic_name`]) of article `a`.
    pub(crate) fn topic(&self, a: u32) -> Option<u32> {
        self.topics[a as usize]
    }

    /// The topic numbered `t`.
    pub(crate) fn topic_name(&self, t: u32) -> &Arc<str> {
        self.topic_names.name(t)
    }

    /// `topic_counts`: by period (nulls last), then most articles, then topic (nulls last).
    pub(crate) fn topic_counts(&self) -> Vec<TopicCountRow> {
        let mut totals: FxHashMap<Option<u32>, u64> = FxHashMap::default();
        for (&(period, _), &n) in &self.by_period {
            *totals.entry(period).or_default() += n;
        }
        let mut rows: Vec<TopicCountRow> = self
            .by_period
            .iter()
            .map(|(&(period, topic), &n)| TopicCountRow {
                period: period.map(|p| self.periods.name(p).clone()),
                topic: topic.map(|t| self.topic_names.name(t).clone()),
                articles: n as i64,
                share: (n as f64 / totals[&period] as f64) as f32,
            })
            .collect();
        let nulls_last = |s: &Option<Arc<str>>| (s.is_none(), s.clone());
        rows.sort_by(|x, y| {
            nulls_last(&x.period)
                .cmp(&nulls_last(&y.period))
                .then(y.articles.cmp(&x.articles))
                .then(nulls_last(&x.topic).cmp(&nulls_last(&y.topic)))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_the_start_of_published() {
        // (published, day, month, why)
        let cases: &[(Option<&str>, Option<&str>, Option<&str>, &str)] = &[
            (Some("2026-01-05T10:00:00"), Some("2026-01-05"), Some("2026-01"), "ISO time"),
            (Some("2026-02-03"), Some("2026-02-03"), Some("2026-02"), "a bare date"),
            (Some("2026-02"), None, Some("2026-02"), "a month has no day"),
            (Some("Feb 2026"), None, None, "not ISO"),
            (Some("2026-1-05"), None, None, "one-digit month"),
            (Some("２０２６-01-05"), None, None, "digits must be ASCII"),
            (Some(""), None, None, "empty"),
            (None, None, None, "undated"),
        ];
        for &(published, day, month, why) in cases {
            assert_eq!(date_prefix(published, 10), day, "day of {published:?}: {why}");
            assert_eq!(date_prefix(published, 7), month, "month of {published:?}: {why}");
        }
    }
}
