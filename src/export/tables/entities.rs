//! The `entities` table: one row per canonical entity of an analysed article.

use crate::document::KbLink;
use crate::export::frames::{Batch, Value};
use crate::pipeline::Outcome;

/// Appends the rows of `outcome` (none for a rejected record).
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    let Outcome::Ok(doc) = outcome else { return };
    for e in &doc.entities {
        let mut row = vec![
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
        ];
        row.extend(link_values(e.link.as_ref()));
        batch.push_row(row);
    }
}

/// The knowledge-base columns (`kb_id` … `link_confidence`), all null for an unlinked entity.
fn link_values(l: Option<&KbLink>) -> [Value; 7] {
    let float = |v: Option<f64>| v.map_or(Value::Null, |v| Value::Float(v as f32));
    [
        l.and_then(|l| l.kb_id.clone()).into(),
        l.map(|l| l.kind.as_str().to_string()).into(),
        l.and_then(|l| l.country_code.clone()).into(),
        l.and_then(|l| l.admin1.clone()).into(),
        float(l.and_then(|l| l.latitude)),
        float(l.and_then(|l| l.longitude)),
        l.map_or(Value::Null, |l| Value::Float(l.confidence)),
    ]
}
