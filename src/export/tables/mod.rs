//! What goes into the rows of each table `analyze` writes per record: one
//! module per table, each appending the rows of one outcome to a [`Batch`] of
//! its schema, and one list, [`RECORD_TABLES`], that registers them.
//!
//! Sinks take the tables from that list and key everything by the table's
//! schema, never by position, so adding a table is its schema in
//! [`super::schema`], one module here and one line in the list. Tables that a
//! stream stage fills once the stream has ended, such as `clusters`, are
//! produced by the stage (see [`crate::batch::StreamStage`]).

mod articles;
mod entities;
mod mentions;
mod quotes;
mod sentences;

use super::frames::Batch;
use super::schema::{TableSchema, ARTICLES, ENTITIES, MENTIONS, QUOTES, SENTENCES};
use crate::pipeline::Outcome;

/// A table with rows for each record: its schema, and what appends the rows of one outcome.
pub(crate) struct RecordTable {
    pub(crate) schema: &'static TableSchema,
    push: fn(&Outcome, &mut Batch),
}

/// Every table with rows for each record, in writing order.
pub(crate) static RECORD_TABLES: &[RecordTable] = &[
    RecordTable { schema: &ARTICLES, push: articles::push },
    RecordTable { schema: &SENTENCES, push: sentences::push },
    RecordTable { schema: &MENTIONS, push: mentions::push },
    RecordTable { schema: &ENTITIES, push: entities::push },
    RecordTable { schema: &QUOTES, push: quotes::push },
];

impl RecordTable {
    /// The table's rows for `outcomes`, in order.
    pub(crate) fn rows<'a>(&self, outcomes: impl IntoIterator<Item = &'a Outcome>) -> Batch {
        let mut batch = Batch::new(self.schema);
        for o in outcomes {
            (self.push)(o, &mut batch);
        }
        batch
    }

    /// The registered table named `name`.
    pub(crate) fn named(name: &str) -> Option<&'static RecordTable> {
        RECORD_TABLES.iter().find(|t| t.schema.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::schema::documented_tables;

    #[test]
    fn every_table_fills_whole_rows_of_its_schema() {
        use crate::document::{Field, Label};
        use crate::report::sample::{entity, mention};
        let text = "Hello there. Mark Carney met allies in Paris. “We will stay,” he said.";
        let finder = crate::quotes::RuleQuoteFinder::new().unwrap();
        let mut doc = crate::Pipeline::builder().quotes(Box::new(finder)).build().unwrap().analyze_text(text).unwrap();
        // The default pipeline has no entity model: the mention and its entity are made by hand.
        doc.mentions.push(mention(&doc.body, Field::Body, "Mark Carney", Label::Person, Some(0)));
        doc.entities.push(entity("Mark Carney", Label::Person, 0.9, &[], &[]));
        let outcome = Outcome::Ok(Box::new(doc));
        for table in RECORD_TABLES {
            let batch = table.rows([&outcome]);
            assert!(!batch.is_empty(), "{}: no rows for an article that has some", table.schema.name);
            for (column, data) in table.schema.columns.iter().zip(&batch.columns) {
                assert_eq!(data.len(), batch.len(), "{}.{}: one value per row", table.schema.name, column.name);
            }
        }
    }

    #[test]
    fn every_record_table_is_documented_once() {
        for table in RECORD_TABLES {
            let n = documented_tables().iter().filter(|t| std::ptr::eq(**t, table.schema)).count();
            assert_eq!(n, 1, "{} should be in schema::documented_tables", table.schema.name);
        }
    }
}
