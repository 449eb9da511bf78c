//! DataFrames back into [`Batch`]es: the inverse of the Parquet writer's
//! `to_dataframe`, for the tables a run kept in memory ([`super::memory`])
//! when they are written as CSV or JSON Lines, whose writers read rows.

use polars::prelude::*;

use super::frames::{Batch, ColumnData};
use super::schema::{DataType as Dt, TableSchema};

/// The rows of `frame`, a DataFrame of the table `schema` (its columns by name).
pub(crate) fn batch_of(schema: &'static TableSchema, frame: &DataFrame) -> PolarsResult<Batch> {
    let mut columns = Vec::with_capacity(schema.columns.len());
    for c in schema.columns {
        let s = frame.column(c.name)?.as_materialized_series();
        columns.push(match c.dtype {
            Dt::Utf8 => ColumnData::Utf8(s.str()?.iter().map(|v| v.map(str::to_string)).collect()),
            Dt::Int64 => ColumnData::Int64(s.i64()?.iter().collect()),
            Dt::Float32 => ColumnData::Float32(s.f32()?.iter().collect()),
            Dt::Boolean => ColumnData::Boolean(s.bool()?.iter().collect()),
            Dt::ListUtf8 => {
                let mut rows = Vec::with_capacity(s.len());
                let lists = s.list()?;
                for i in 0..lists.len() {
                    rows.push(match lists.get_as_series(i) {
                        Some(l) => l.str()?.iter().map(|v| v.unwrap_or_default().to_string()).collect(),
                        None => Vec::new(),
                    });
                }
                ColumnData::ListUtf8(rows)
            }
            Dt::ListLabelScore => {
                let mut rows = Vec::with_capacity(s.len());
                let lists = s.list()?;
                for i in 0..lists.len() {
                    rows.push(match lists.get_as_series(i) {
                        Some(l) => label_scores(&l)?,
                        None => Vec::new(),
                    });
                }
                ColumnData::ListLabelScore(rows)
            }
        });
    }
    Ok(Batch { schema, columns })
}

/// The (label, score) pairs of one list of `{label, score}` structs.
fn label_scores(list: &Series) -> PolarsResult<Vec<(String, f32)>> {
    let fields = list.struct_()?.fields_as_series();
    let (labels, scores) = match fields.as_slice() {
        [l, s] => (l.str()?.clone(), s.f32()?.clone()),
        _ => polars_bail!(ComputeError: "a label-score list of {} fields", fields.len()),
    };
    Ok(labels.iter().zip(scores.iter()).map(|(l, s)| (l.unwrap_or_default().to_string(), s.unwrap_or(0.0))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::frames::Value;
    use crate::export::schema::ARTICLES;

    #[test]
    fn a_batch_survives_the_trip_through_a_dataframe() {
        let mut batch = Batch::new(&ARTICLES);
        for i in 0..3usize {
            let row = ARTICLES
                .columns
                .iter()
                .map(|c| match c.dtype {
                    Dt::Utf8 if i == 1 && c.nullable => Value::Null,
                    Dt::Utf8 => Value::Str(format!("{}-{i}", c.name)),
                    Dt::Int64 => Value::Int(i as i64),
                    Dt::Float32 => Value::Float(0.25 * i as f32),
                    Dt::Boolean => Value::Bool(i == 2),
                    Dt::ListUtf8 => Value::List(vec!["a".into(); i]),
                    Dt::ListLabelScore => Value::LabelScores(vec![("sport".into(), 0.5); i]),
                })
                .collect();
            batch.push_row(row);
        }
        let frame = crate::export::write::parquet::to_dataframe(&batch).unwrap();
        assert_eq!(batch_of(&ARTICLES, &frame).unwrap(), batch);
    }
}
