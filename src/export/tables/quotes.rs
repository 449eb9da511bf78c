//! The `quotes` table: one row per quote of an analysed article, with its
//! speaker as written and the entity it resolves to (and that entity's
//! dump-level id, which the identity pass rewrites with the other tables').

use crate::export::frames::{Batch, Value};
use crate::pipeline::Outcome;

/// Appends the rows of `outcome` (none for a rejected record).
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    let Outcome::Ok(doc) = outcome else { return };
    for (i, q) in doc.quotes.iter().enumerate() {
        let speaker = q.speaker.as_ref();
        let entity = speaker.and_then(|s| s.entity).and_then(|e| doc.entities.get(e));
        batch.push_row(vec![
            doc.id.as_str().into(),
            i.into(),
            q.kind.as_str().into(),
            q.text.as_str().into(),
            q.span.char.start.into(),
            q.span.char.end.into(),
            q.sentence.map_or(Value::Null, Value::from),
            q.cue.clone().into(),
            speaker.map(|s| s.text.clone()).into(),
            speaker.map_or(Value::Null, |s| s.span.char.start.into()),
            speaker.map_or(Value::Null, |s| s.span.char.end.into()),
            entity.map(|e| e.id.clone()).into(),
            entity.map(|e| e.name.clone()).into(),
            Value::Float(q.confidence),
            entity.and_then(|e| e.global_id.clone()).into(),
        ]);
    }
}
