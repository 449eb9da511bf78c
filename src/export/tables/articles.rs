//! The `articles` table: one row per input record, analysed or rejected, so
//! that every record of the input can be found in the output.

use crate::document::{Document, Rejected};
use crate::export::frames::{Batch, Value};
use crate::export::schema::ARTICLES;
use crate::pipeline::Outcome;

/// Appends the row of `outcome`.
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    batch.push_row(match outcome {
        Outcome::Ok(doc) => row(doc),
        Outcome::Rejected(r) => rejected_row(r),
    });
}

/// The row of an analysed document.
fn row(doc: &Document) -> Vec<Value> {
    let m = &doc.meta;
    let top = doc.top_topic();
    vec![
        doc.id.as_str().into(),
        doc.source.as_str().into(),
        "ok".into(),
        Value::Null,
        doc.url.clone().into(),
        m.title.clone().into(),
        m.byline.clone().into(),
        Value::List(m.authors.clone()),
        m.agency.clone().into(),
        m.dateline.clone().into(),
        m.published.clone().into(),
        m.updated.clone().into(),
        m.caption.clone().into(),
        Value::List(m.credits.clone()),
        m.site.clone().into(),
        m.canonical_url.clone().into(),
        doc.language.map(|l| l.code.to_string()).into(),
        doc.language.map_or(Value::Null, |l| Value::Float(l.confidence as f32)),
        doc.body.as_str().into(),
        doc.paragraphs.len().into(),
        doc.sentences.len().into(),
        doc.tokens.len().into(),
        top.map(|t| t.label.clone()).into(),
        top.map_or(Value::Null, |t| Value::Float(t.score)),
        Value::LabelScores(doc.topics_above_threshold()),
        Value::Bool(doc.lossy_utf8),
        doc.cluster.map_or(Value::Null, Value::Int),
        doc.language_source.map(|s| s.as_str().to_string()).into(),
        doc.layout.as_str().into(),
    ]
}

/// The row of a rejected record: its id, source and reason; nulls elsewhere.
fn rejected_row(r: &Rejected) -> Vec<Value> {
    let mut row = vec![Value::Null; ARTICLES.columns.len()];
    row[0] = r.article_id().into_owned().into();
    row[1] = r.source.as_str().into();
    row[2] = "rejected".into();
    row[3] = r.reason.to_string().into();
    let lossy = ARTICLES.index_of("utf8_lossy").unwrap_or(row.len() - 1);
    row[lossy] = Value::Bool(false);
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RejectReason;

    #[test]
    fn rejected_records_keep_their_id_and_reason() {
        let r = Rejected { seq: 3, id: None, source: "x:4".into(), reason: RejectReason::EmptyBody };
        let row = rejected_row(&r);
        assert_eq!(row[0], Value::Str("record-3".into()));
        assert_eq!(row[2], Value::Str("rejected".into()));
        let mut batch = Batch::new(&ARTICLES);
        batch.push_row(row);
        assert_eq!(batch.len(), 1);
    }
}
