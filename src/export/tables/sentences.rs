//! The `sentences` table: one row per body sentence of an analysed article.

use crate::export::frames::Batch;
use crate::pipeline::Outcome;

/// Appends the rows of `outcome` (none for a rejected record).
pub(super) fn push(outcome: &Outcome, batch: &mut Batch) {
    let Outcome::Ok(doc) = outcome else { return };
    for (i, s) in doc.sentences.iter().enumerate() {
        batch.push_row(vec![
            doc.id.as_str().into(),
            i.into(),
            s.paragraph.into(),
            s.span.char.start.into(),
            s.span.char.end.into(),
            s.span.byte.start.into(),
            s.span.byte.end.into(),
            doc.sentence_text(i).into(),
        ]);
    }
}
