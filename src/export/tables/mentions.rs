//! The `mentions` table: one row per entity or value mention of an analysed
//! article, in its title, caption or body.

use crate::export::frames::{Batch, Value};
use crate::pipeline::Outcome;

/// Appends the rows of `outcome` (none for a rejected record).
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    let Outcome::Ok(doc) = outcome else { return };
    for (i, m) in doc.mentions.iter().enumerate() {
        batch.push_row(vec![
            doc.id.as_str().into(),
            i.into(),
            m.field.as_str().into(),
            m.sentence.map_or(Value::Null, |s| s.into()),
            m.span.char.start.into(),
            m.span.char.end.into(),
            m.span.byte.start.into(),
            m.span.byte.end.into(),
            m.text.as_str().into(),
            m.label.as_str().into(),
            m.entity.and_then(|e| doc.entities.get(e)).map(|e| e.id.clone()).into(),
            Value::Float(m.confidence),
            m.origin.as_str().into(),
            m.entity.and_then(|e| doc.entities.get(e)).and_then(|e| e.global_id.clone()).into(),
        ]);
    }
}
