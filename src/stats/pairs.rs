//! `cooccurrence`: pairs of entities counted over articles and body
//! sentences, and the PMI arithmetic.
//!
//! An entity in fewer than `min_count` articles cannot be in a kept pair
//! (n(a,b) ≤ n(a)), so only the others take part; they are numbered in id
//! order, so that a pair is two small numbers whose order is the order of
//! the ids, and `entity_id_a < entity_id_b` holds by construction. Two more
//! passes follow the one of [`super::entities`]: over `entities` again, for
//! the set of entities of each article, whose pairs are counted; then over
//! `mentions`, for the set of entities of each body sentence, which counts
//! the sentences of each entity and of each pair kept. Both passes hold one
//! article's rows at a time (see [`super::runs`]), so the memory grows with
//! the entities and the pairs, not with the rows: the pairs of all kept
//! entities seen together once are the largest part, as in any exact count.

use std::path::PathBuf;

use polars::prelude::DataType;
use rustc_hash::{FxHashMap, FxHashSet};

use super::articles::Articles;
use super::entities::{entity_keys, Entities};
use super::input::{for_each_row_group, has_column};
use super::output::CooccurrenceRow;
use super::runs::Runs;
use crate::error::Result;

/// Articles and body sentences naming both entities of a pair.
#[derive(Default)]
struct PairCount {
    articles: u64,
    sentences: u64,
}

/// A pair of kept entities `a < b`, as one key.
fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Calls `each` with every pair of the distinct values of `run`, smaller first.
fn pairs_of(run: &mut Vec<u32>, mut each: impl FnMut(u64)) {
    run.sort_unstable();
    run.dedup();
    for (i, &a) in run.iter().enumerate() {
        for &b in &run[i + 1..] {
            each(pair(a, b));
        }
    }
}

/// Repeats `pass` with the articles it finds apart held, until it finds none (at most twice: see
/// [`super::runs`]).
fn counted(
    mut held: FxHashSet<u32>,
    mut pass: impl FnMut(&FxHashSet<u32>) -> Result<Result<(), FxHashSet<u32>>>,
) -> Result<()> {
    loop {
        match pass(&held)? {
            Ok(()) => return Ok(()),
            Err(apart) => held.extend(apart),
        }
    }
}

/// The inputs of `cooccurrence`.
pub(crate) struct Inputs<'a> {
    pub articles: &'a Articles,
    pub entities: &'a Entities,
    pub entity_files: &'a [PathBuf],
    pub mention_files: &'a [PathBuf],
    /// The `entity_counts` row of each entity.
    pub row_of: &'a [u32],
}

/// The `cooccurrence` rows: most articles first, then most sentences, then by the two ids.
pub(crate) fn cooccurrence(inputs: &Inputs, min_count: u64) -> Result<Vec<CooccurrenceRow>> {
    let Inputs { articles, entities, entity_files, mention_files, row_of } = *inputs;
    let mut kept: Vec<u32> = (0..entities.len() as u32).filter(|&e| entities.articles(e) >= min_count).collect();
    kept.sort_unstable_by(|&a, &b| entities.id(a).cmp(entities.id(b)));
    let mut number: Vec<Option<u32>> = vec![None; entities.len()];
    for (k, &e) in kept.iter().enumerate() {
        number[e as usize] = Some(k as u32);
    }
    let kept_number = |id: Option<&str>| number[entities.number(id?)? as usize];
    let (global_entities, global_mentions) = (has_column(entity_files, "global_id")?, has_column(mention_files, "global_id")?);

    let mut pairs: FxHashMap<u64, PairCount> = FxHashMap::default();
    counted(entities.apart.clone(), |held| {
        pairs.clear();
        let mut count = |run: &mut Vec<u32>| pairs_of(run, |p| pairs.entry(p).or_default().articles += 1);
        let mut runs = Runs::new(articles.len(), held);
        let mut columns = vec![("article_id", DataType::String), ("entity_id", DataType::String)];
        if global_entities {
            columns.push(("global_id", DataType::String));
        }
        for_each_row_group(entity_files, &columns, |group| {
            let ids = entity_keys(group, 1, global_entities.then_some(2))?;
            for (article, id) in group.str(0)?.iter().zip(ids) {
                if let (Some(a), Some(k)) = (article.and_then(|id| articles.number(id)), kept_number(id)) {
                    runs.push(a, k, &mut count);
                }
            }
            Ok(())
        })?;
        Ok(runs.finish(&mut count))
    })?;
    pairs.retain(|_, p| p.articles >= min_count);

    // Body sentences of each kept entity, and of each kept pair.
    let mut sentences = vec![0u64; kept.len()];
    counted(entities.apart.clone(), |held| {
        sentences.fill(0);
        pairs.values_mut().for_each(|p| p.sentences = 0);
        let mut in_sentence = Vec::new();
        let mut count = |run: &mut Vec<(i64, u32)>| {
            run.sort_unstable();
            run.dedup();
            for sentence in run.chunk_by(|x, y| x.0 == y.0) {
                in_sentence.clear();
                in_sentence.extend(sentence.iter().map(|&(_, k)| k));
                for &k in &in_sentence {
                    sentences[k as usize] += 1;
                }
                pairs_of(&mut in_sentence, |p| {
                    if let Some(p) = pairs.get_mut(&p) {
                        p.sentences += 1;
                    }
                });
            }
        };
        let mut runs = Runs::new(articles.len(), held);
        let mut columns = vec![
            ("article_id", DataType::String),
            ("field", DataType::String),
            ("sentence_index", DataType::Int64),
            ("entity_id", DataType::String),
        ];
        if global_mentions {
            columns.push(("global_id", DataType::String));
        }
        for_each_row_group(mention_files, &columns, |group| {
            let ids = entity_keys(group, 3, global_mentions.then_some(4))?;
            let rows = group.str(0)?.iter().zip(group.str(1)?.iter()).zip(group.i64(2)?.iter()).zip(ids);
            for (((article, field), sentence), id) in rows {
                if field != Some("body") {
                    continue;
                }
                let a = article.and_then(|id| articles.number(id));
                if let (Some(a), Some(sentence), Some(k)) = (a, sentence, kept_number(id)) {
                    runs.push(a, (sentence, k), &mut count);
                }
            }
            Ok(())
        })?;
        Ok(runs.finish(&mut count))
    })?;

    let (n_articles, n_sentences) = (articles.ok, articles.sentences);
    let mut rows: Vec<(u64, CooccurrenceRow)> = pairs
        .into_iter()
        .map(|(p, count)| {
            let (a, b) = ((p >> 32) as usize, p as u32 as usize);
            let (n_a, n_b) = (entities.articles(kept[a]), entities.articles(kept[b]));
            let both = count.articles;
            let row = CooccurrenceRow {
                a: row_of[kept[a] as usize],
                b: row_of[kept[b] as usize],
                articles: both as i64,
                sentences: count.sentences as i64,
                pmi: pmi(both, n_a, n_b, n_articles).unwrap_or(0.0) as f32,
                npmi: npmi(both, n_a, n_b, n_articles).unwrap_or(0.0) as f32,
                sentence_pmi: pmi(count.sentences, sentences[a], sentences[b], n_sentences).map(|v| v as f32),
            };
            (p, row)
        })
        .collect();
    // Numbers follow the ids, so the key orders pairs by (entity_id_a, entity_id_b).
    rows.sort_unstable_by(|(p, x), (q, y)| {
        y.articles.cmp(&x.articles).then(y.sentences.cmp(&x.sentences)).then(p.cmp(q))
    });
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

/// Pointwise mutual information, in bits, of a pair seen together `both`
/// times out of `total`, one seen `a` times and the other `b` times.
pub(crate) fn pmi(both: u64, a: u64, b: u64, total: u64) -> Option<f64> {
    (both > 0 && a > 0 && b > 0 && total > 0)
        .then(|| ((both as f64).log2() + (total as f64).log2()) - ((a as f64).log2() + (b as f64).log2()))
}

/// PMI normalised to −1..1 by −log2 P(a,b); 1 when the pair is in every unit.
pub(crate) fn npmi(both: u64, a: u64, b: u64, total: u64) -> Option<f64> {
    let pmi = pmi(both, a, b, total)?;
    let h = -((both as f64).log2() - (total as f64).log2());
    Some(if h <= 0.0 { 1.0 } else { (pmi / h).clamp(-1.0, 1.0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmi_follows_its_definition() {
        // (both, a, b, total, pmi, npmi)
        let cases: &[(u64, u64, u64, u64, f64, f64, &str)] = &[
            (1, 1, 1, 4, 2.0, 1.0, "a pair that only ever appears together is perfectly associated"),
            (1, 2, 2, 4, 0.0, 0.0, "independent: P(a,b) = P(a)P(b)"),
            (1, 4, 4, 8, -1.0, -1.0 / 3.0, "together half as often as chance"),
            (4, 4, 4, 4, 0.0, 1.0, "in every article: npmi is 1 by convention"),
            (2, 2, 4, 8, 1.0, 0.5, "a always with b, b twice as common"),
        ];
        for &(both, a, b, n, want_pmi, want_npmi, why) in cases {
            let got = pmi(both, a, b, n).unwrap();
            assert!((got - want_pmi).abs() < 1e-9, "pmi({both},{a},{b},{n}) = {got}, want {want_pmi}: {why}");
            let got = npmi(both, a, b, n).unwrap();
            assert!((got - want_npmi).abs() < 1e-9, "npmi({both},{a},{b},{n}) = {got}, want {want_npmi}: {why}");
        }
        assert_eq!(pmi(0, 3, 3, 10), None, "no co-occurrence: PMI is −∞, reported as null");
    }

    #[test]
    fn pairs_are_distinct_and_ordered() {
        let mut run = vec![3, 1, 3, 2];
        let mut got = Vec::new();
        pairs_of(&mut run, |p| got.push(((p >> 32) as u32, p as u32)));
        assert_eq!(got, [(1, 2), (1, 3), (2, 3)], "a repeated entity pairs once, the smaller number first");
    }
}
