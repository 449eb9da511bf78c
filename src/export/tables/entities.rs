//! The `entities` table: one row per canonical entity of an analysed article.

use crate::export::frames::{Batch, Value};
use crate::pipeline::Outcome;

/// Appends the rows of `outcome` (none for a rejected record).
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    let Outcome::Ok(doc) = outcome else { return };
    for e in &doc.entities {
        batch.push_row(vec![
            doc.id.as_str().into(),
            e.id.as_str().into(),
            e.name.as_str().into(),
            e.label.as_str().into(),
            Value::List(e.aliases.clone()),
            e.mention_count.into(),
            e.first_char.into(),
            Value::Float(e.salience),
            Value::List(e.roles.clone()),
            e.global_id.clone().into(),
        ]);
    }
}
