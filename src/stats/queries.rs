//! The lazy polars plans behind each stats table, and the PMI arithmetic.
//!
//! Each plan reads only the columns it needs and runs on the streaming
//! engine, whose group-bys and joins hold their state (one entry per group,
//! or the build side of a join) rather than their input. The shapes follow
//! from that: `entity_counts` is one streaming group-by down to one row per
//! entity, name and topic, finished on that small frame, so that the large
//! `entities` table is aggregated once, without the whole-input fallbacks
//! polars uses for sorted aggregations. It is collected first and gives
//! `cooccurrence` the per-entity counts and names, and a number for each
//! entity: pairing joins and groups on two integers, not two strings, which
//! is most of the memory of a large run.

use polars::prelude::*;

use super::output::Tables;
use super::{Period, StatsOptions};
use crate::error::{Error, Result};

/// The scans of the `analyze` tables.
pub(crate) struct Scans {
    pub articles: LazyFrame,
    pub entities: LazyFrame,
    pub mentions: LazyFrame,
}

const DAY: &str = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})";
const MONTH: &str = r"^([0-9]{4}-[0-9]{2})";

fn collect(table: &str, lf: LazyFrame) -> Result<DataFrame> {
    lf.collect_with_engine(Engine::Streaming).map(|r| r.unwrap_single()).map_err(|e| Error::table(table, e))
}

fn desc(n: usize, descending: &[bool]) -> SortMultipleOptions {
    debug_assert_eq!(n, descending.len());
    SortMultipleOptions::default().with_order_descending_multi(descending.to_vec()).with_nulls_last(true)
}

/// Computes the three tables; also returns the run's `ok` articles and their sentences.
pub(crate) fn compute(scans: Scans, options: &StatsOptions) -> Result<(Tables, u64, u64)> {
    let period = match options.period {
        Period::Day => DAY,
        Period::Month => MONTH,
    };
    // One row per `ok` article id (a dump may repeat an id; counting it once keeps the joins 1:1).
    let articles = scans
        .articles
        .filter(col("status").eq(lit("ok")))
        .select([
            col("article_id"),
            col("published").str().extract(lit(DAY), 1).alias("day"),
            col("published").str().extract(lit(period), 1).alias("period"),
            col("topic"),
            col("n_sentences"),
        ])
        .unique_generic(Some(vec![col("article_id")]), UniqueKeepStrategy::Any);
    let totals = collect(
        "topic_counts",
        articles
            .clone()
            .select([len().cast(DataType::Int64).alias("n"), col("n_sentences").sum().cast(DataType::Int64)]),
    )?;
    let n_articles = first_i64(&totals, "n")?.max(0) as u64;
    let n_sentences = first_i64(&totals, "n_sentences")?.max(0) as u64;

    let entity_counts = entity_counts(&articles, scans.entities.clone(), options.top_topics)?;
    let cooccurrence = collect(
        "cooccurrence",
        cooccurrence(&articles, scans.entities, scans.mentions, entity_counts.clone().lazy(), options.min_count),
    )?;
    let cooccurrence = with_pmi(cooccurrence, n_articles, n_sentences).map_err(|e| Error::table("cooccurrence", e))?;
    let topic_counts = collect("topic_counts", topic_counts(articles))?;
    Ok((Tables { entity_counts, cooccurrence, topic_counts }, n_articles, n_sentences))
}

fn first_i64(df: &DataFrame, name: &str) -> Result<i64> {
    let v = df.column(name).and_then(|c| c.i64().map(|c| c.get(0))).map_err(|e| Error::table("stats", e))?;
    Ok(v.unwrap_or(0))
}

/// The per-entity aggregates in two steps: one streaming group-by over the (large) entities table down to
/// one row per entity, name and topic, collected; then the final columns from that small frame.
fn entity_counts(articles: &LazyFrame, entities: LazyFrame, top_topics: usize) -> Result<DataFrame> {
    let fine = entities
        .select([col("article_id"), col("entity_id"), col("name"), col("label"), col("mention_count"), col("salience")])
        .inner_join(
            articles.clone().select([col("article_id"), col("day"), col("topic")]),
            col("article_id"),
            col("article_id"),
        )
        .group_by([col("entity_id"), col("name"), col("topic")])
        .agg([
            col("label").first(),
            len().cast(DataType::Int64).alias("n"),
            col("mention_count").sum().cast(DataType::Int64).alias("mentions"),
            col("salience").cast(DataType::Float64).sum().alias("salience"),
            col("day").min().alias("first_seen"),
            col("day").max().alias("last_seen"),
        ]);
    let fine = collect("entity_counts", fine)?.lazy();
    let totals = fine.clone().group_by([col("entity_id")]).agg([
        col("label").first(),
        col("n").sum().alias("articles"),
        col("mentions").sum(),
        (col("salience").sum() / col("n").sum().cast(DataType::Float64)).cast(DataType::Float32).alias("mean_salience"),
        col("first_seen").min(),
        col("last_seen").max(),
    ]);
    let names = fine
        .clone()
        .group_by([col("entity_id"), col("name")])
        .agg([col("n").sum()])
        .group_by([col("entity_id")])
        .agg([col("name").sort_by([col("n"), col("name")], desc(2, &[true, false])).first()]);
    let topics = fine
        .filter(col("topic").is_not_null())
        .group_by([col("entity_id"), col("topic")])
        .agg([col("n").sum()])
        .group_by([col("entity_id")])
        .agg([col("topic")
            .sort_by([col("n"), col("topic")], desc(2, &[true, false]))
            .head(Some(top_topics))
            .alias("top_topics")]);
    let all = totals
        .inner_join(names, col("entity_id"), col("entity_id"))
        .left_join(topics, col("entity_id"), col("entity_id"))
        .select([
            col("entity_id"),
            col("name"),
            col("label"),
            col("articles"),
            col("mentions"),
            col("mean_salience"),
            col("first_seen"),
            col("last_seen"),
            col("top_topics"),
        ])
        .sort_by_exprs([col("articles"), col("mentions"), col("entity_id")], desc(3, &[true, true, false]));
    collect("entity_counts", all)
}

/// Pairs `e < e_b` of the rows of `lf` (an entity number `e` plus `keys`) that share the keys, counted per
/// pair as `count`. Numbers rather than the string ids keep the join and the group-by small.
fn pairs(lf: LazyFrame, keys: &[&str], count: &str) -> LazyFrame {
    let on: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
    lf.clone()
        .join(lf.rename(["e"], ["e_b"], true), on.clone(), on, JoinArgs::new(JoinType::Inner))
        .filter(col("e").lt(col("e_b")))
        .group_by([col("e"), col("e_b")])
        .agg([len().cast(DataType::Int64).alias(count)])
}

fn cooccurrence(
    articles: &LazyFrame,
    entities: LazyFrame,
    mentions: LazyFrame,
    entity_counts: LazyFrame,
    min_count: u64,
) -> LazyFrame {
    let min = lit(min_count as i64);
    // n(a,b) <= min(n(a), n(b)): entities in fewer articles than the minimum cannot be in a kept pair. The
    // others are numbered in id order, so that e < e_b is entity_id_a < entity_id_b.
    let numbers = entity_counts
        .clone()
        .filter(col("articles").gt_eq(min.clone()))
        .select([col("entity_id")])
        .sort(["entity_id"], SortMultipleOptions::default())
        .with_row_index("e", None);
    let article_numbers = articles.clone().select([col("article_id")]).with_row_index("a", None);
    let numbered = |lf: LazyFrame, keep: Vec<Expr>| {
        lf.inner_join(article_numbers.clone(), col("article_id"), col("article_id"))
            .inner_join(numbers.clone(), col("entity_id"), col("entity_id"))
            .select(keep)
            .unique_generic(None, UniqueKeepStrategy::Any)
    };
    let in_articles = numbered(entities.select([col("article_id"), col("entity_id")]), vec![col("a"), col("e")]);
    let in_sentences = numbered(
        mentions
            .filter(
                col("field")
                    .eq(lit("body"))
                    .and(col("entity_id").is_not_null())
                    .and(col("sentence_index").is_not_null()),
            )
            .select([col("article_id"), col("sentence_index"), col("entity_id")]),
        vec![col("a"), col("sentence_index"), col("e")],
    );
    let sentences_of = in_sentences.clone().group_by([col("e")]).agg([len().cast(DataType::Int64).alias("s")]);

    let side = |suffix: &str, e: &str| {
        numbers
            .clone()
            .inner_join(entity_counts.clone(), col("entity_id"), col("entity_id"))
            .left_join(sentences_of.clone(), col("e"), col("e"))
            .select([
                col("e").alias(e),
                col("entity_id").alias(format!("entity_id_{suffix}")),
                col("name").alias(format!("name_{suffix}")),
                col("label").alias(format!("label_{suffix}")),
                col("articles").alias(format!("n_{suffix}")),
                col("s").alias(format!("s_{suffix}")),
            ])
    };
    let both = [col("e"), col("e_b")];
    pairs(in_articles, &["a"], "articles")
        .filter(col("articles").gt_eq(min))
        .join(
            pairs(in_sentences, &["a", "sentence_index"], "sentences"),
            both.clone(),
            both,
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col("sentences").fill_null(lit(0i64)))
        .inner_join(side("a", "e"), col("e"), col("e"))
        .inner_join(side("b", "e_b"), col("e_b"), col("e_b"))
        .sort_by_exprs(
            [col("articles"), col("sentences"), col("entity_id_a"), col("entity_id_b")],
            desc(4, &[true, true, false, false]),
        )
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

/// Adds `pmi`, `npmi` and `sentence_pmi` to the collected pairs.
fn with_pmi(mut df: DataFrame, n_articles: u64, n_sentences: u64) -> PolarsResult<DataFrame> {
    let counts = |name: &str| -> PolarsResult<Vec<u64>> {
        Ok(df.column(name)?.cast(&DataType::Int64)?.i64()?.iter().map(|v| v.unwrap_or(0).max(0) as u64).collect())
    };
    let (both, a, b) = (counts("articles")?, counts("n_a")?, counts("n_b")?);
    let (s_both, s_a, s_b) = (counts("sentences")?, counts("s_a")?, counts("s_b")?);
    let mut pmis = Vec::with_capacity(both.len());
    let mut npmis = Vec::with_capacity(both.len());
    let mut spmis = Vec::with_capacity(both.len());
    for i in 0..both.len() {
        pmis.push(pmi(both[i], a[i], b[i], n_articles).unwrap_or(0.0) as f32);
        npmis.push(npmi(both[i], a[i], b[i], n_articles).unwrap_or(0.0) as f32);
        spmis.push(pmi(s_both[i], s_a[i], s_b[i], n_sentences).map(|v| v as f32));
    }
    df.with_column(Column::new("pmi".into(), pmis))?;
    df.with_column(Column::new("npmi".into(), npmis))?;
    df.with_column(Column::new("sentence_pmi".into(), spmis))?;
    Ok(df)
}

fn topic_counts(articles: LazyFrame) -> LazyFrame {
    let per_period = articles.clone().group_by([col("period")]).agg([len().alias("total")]);
    articles
        .group_by([col("period"), col("topic")])
        .agg([len().cast(DataType::Int64).alias("articles")])
        .join_builder()
        .with(per_period)
        .left_on([col("period")])
        .right_on([col("period")])
        .how(JoinType::Left)
        .join_nulls(true)
        .finish()
        .with_column(
            (col("articles").cast(DataType::Float64) / col("total").cast(DataType::Float64))
                .cast(DataType::Float32)
                .alias("share"),
        )
        .select([col("period"), col("topic"), col("articles"), col("share")])
        .sort_by_exprs([col("period"), col("articles"), col("topic")], desc(3, &[false, true, false]))
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
}
