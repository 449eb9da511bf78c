//! Documents → rows of the tables in [`super::schema`], collected into
//! column-oriented [`Batch`]es that every writer can consume.

use super::schema::{DataType, TableSchema, ARTICLES, CLUSTERS, ENTITIES, MENTIONS, SENTENCES};
use crate::document::{Document, Rejected};

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Null.
    Null,
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f32),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    List(Vec<String>),
    /// A list of (label, score).
    LabelScores(Vec<(String, f32)>),
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        v.map_or(Value::Null, Value::Str)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Str(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Str(v.to_string())
    }
}

impl From<usize> for Value {
    fn from(v: usize) -> Value {
        Value::Int(v as i64)
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Strings.
    Utf8(Vec<Option<String>>),
    /// Integers.
    Int64(Vec<Option<i64>>),
    /// Floats.
    Float32(Vec<Option<f32>>),
    /// Booleans.
    Boolean(Vec<Option<bool>>),
    /// String lists.
    ListUtf8(Vec<Vec<String>>),
    /// (label, score) lists.
    ListLabelScore(Vec<Vec<(String, f32)>>),
}

impl ColumnData {
    fn new(dtype: DataType) -> ColumnData {
        match dtype {
            DataType::Utf8 => ColumnData::Utf8(Vec::new()),
            DataType::Int64 => ColumnData::Int64(Vec::new()),
            DataType::Float32 => ColumnData::Float32(Vec::new()),
            DataType::Boolean => ColumnData::Boolean(Vec::new()),
            DataType::ListUtf8 => ColumnData::ListUtf8(Vec::new()),
            DataType::ListLabelScore => ColumnData::ListLabelScore(Vec::new()),
        }
    }

    fn push(&mut self, v: Value) {
        match (self, v) {
            (ColumnData::Utf8(c), Value::Str(s)) => c.push(Some(s)),
            (ColumnData::Utf8(c), Value::Null) => c.push(None),
            (ColumnData::Int64(c), Value::Int(i)) => c.push(Some(i)),
            (ColumnData::Int64(c), Value::Null) => c.push(None),
            (ColumnData::Float32(c), Value::Float(f)) => c.push(Some(f)),
            (ColumnData::Float32(c), Value::Null) => c.push(None),
            (ColumnData::Boolean(c), Value::Bool(b)) => c.push(Some(b)),
            (ColumnData::Boolean(c), Value::Null) => c.push(None),
            (ColumnData::ListUtf8(c), Value::List(l)) => c.push(l),
            (ColumnData::ListUtf8(c), Value::Null) => c.push(Vec::new()),
            (ColumnData::ListLabelScore(c), Value::LabelScores(l)) => c.push(l),
            (ColumnData::ListLabelScore(c), Value::Null) => c.push(Vec::new()),
            (col, v) => unreachable!("value {v:?} does not fit column {col:?}: frames.rs and schema.rs disagree"),
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Utf8(c) => c.len(),
            ColumnData::Int64(c) => c.len(),
            ColumnData::Float32(c) => c.len(),
            ColumnData::Boolean(c) => c.len(),
            ColumnData::ListUtf8(c) => c.len(),
            ColumnData::ListLabelScore(c) => c.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at `row`, as a [`Value`] (for row-oriented writers).
    pub fn get(&self, row: usize) -> Value {
        match self {
            ColumnData::Utf8(c) => c[row].clone().map_or(Value::Null, Value::Str),
            ColumnData::Int64(c) => c[row].map_or(Value::Null, Value::Int),
            ColumnData::Float32(c) => c[row].map_or(Value::Null, Value::Float),
            ColumnData::Boolean(c) => c[row].map_or(Value::Null, Value::Bool),
            ColumnData::ListUtf8(c) => Value::List(c[row].clone()),
            ColumnData::ListLabelScore(c) => Value::LabelScores(c[row].clone()),
        }
    }

    fn approx_bytes(&self) -> usize {
        match self {
            ColumnData::Utf8(c) => c.iter().map(|s| s.as_ref().map_or(1, |s| s.len() + 8)).sum(),
            ColumnData::ListUtf8(c) => c.iter().map(|l| l.iter().map(|s| s.len() + 8).sum::<usize>() + 8).sum(),
            ColumnData::ListLabelScore(c) => c.iter().map(|l| l.iter().map(|(s, _)| s.len() + 12).sum::<usize>() + 8).sum(),
            other => other.len() * 8,
        }
    }
}

/// Rows of one table, stored by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The table.
    pub schema: &'static TableSchema,
    /// One entry per schema column, in order.
    pub columns: Vec<ColumnData>,
}

impl Batch {
    /// An empty batch for `schema`.
    pub fn new(schema: &'static TableSchema) -> Batch {
        Batch { schema, columns: schema.columns.iter().map(|c| ColumnData::new(c.dtype)).collect() }
    }

    /// Appends a row: one value per column, in schema order.
    pub fn push_row(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width for table {}", self.schema.name);
        for (col, v) in self.columns.iter_mut().zip(row) {
            col.push(v);
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, ColumnData::len)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rough memory use, to decide when to flush a row group.
    pub fn approx_bytes(&self) -> usize {
        self.columns.iter().map(ColumnData::approx_bytes).sum()
    }

    /// The same rows under `schema`, a projection of this batch's schema:
    /// columns are matched by name and those `schema` lacks are dropped.
    pub fn project(self, schema: &'static TableSchema) -> Batch {
        if std::ptr::eq(schema, self.schema) {
            return self;
        }
        let mut columns: Vec<Option<ColumnData>> = self.columns.into_iter().map(Some).collect();
        let projected = schema
            .columns
            .iter()
            .map(|c| {
                let i = self.schema.index_of(c.name).expect("projection of a table onto a subset of its columns");
                columns[i].take().expect("each column projected once")
            })
            .collect();
        Batch { schema, columns: projected }
    }

    /// Moves all rows of `other` (same table) to the end of `self`.
    pub fn append(&mut self, other: Batch) {
        for (a, b) in self.columns.iter_mut().zip(other.columns) {
            match (a, b) {
                (ColumnData::Utf8(a), ColumnData::Utf8(b)) => a.extend(b),
                (ColumnData::Int64(a), ColumnData::Int64(b)) => a.extend(b),
                (ColumnData::Float32(a), ColumnData::Float32(b)) => a.extend(b),
                (ColumnData::Boolean(a), ColumnData::Boolean(b)) => a.extend(b),
                (ColumnData::ListUtf8(a), ColumnData::ListUtf8(b)) => a.extend(b),
                (ColumnData::ListLabelScore(a), ColumnData::ListLabelScore(b)) => a.extend(b),
                _ => unreachable!("batches of different tables"),
            }
        }
    }
}

/// The `articles` row of an analysed document.
pub fn article_row(doc: &Document) -> Vec<Value> {
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
        Value::Null, // cluster_id: set by `super::batches` when a clusterer runs.
    ]
}

/// The `articles` row of a rejected record.
pub fn rejected_row(r: &Rejected) -> Vec<Value> {
    let mut row = vec![Value::Null; ARTICLES.columns.len()];
    row[0] = r.article_id().into_owned().into();
    row[1] = r.source.as_str().into();
    row[2] = "rejected".into();
    row[3] = r.reason.to_string().into();
    let lossy = ARTICLES.index_of("utf8_lossy").unwrap_or(row.len() - 1);
    row[lossy] = Value::Bool(false);
    row
}

/// The `clusters` rows, by cluster id.
pub fn cluster_rows(clusters: &crate::cluster::Clusters) -> Batch {
    let mut batch = Batch::new(&CLUSTERS);
    for (id, c) in clusters.iter() {
        batch.push_row(vec![Value::Int(id), Value::Int(c.size as i64), c.representative.as_str().into()]);
    }
    batch
}

/// Appends the `sentences` rows of `doc` to `batch`.
pub fn push_sentences(doc: &Document, batch: &mut Batch) {
    debug_assert!(std::ptr::eq(batch.schema, &SENTENCES));
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

/// Appends the `mentions` rows of `doc` to `batch`.
pub fn push_mentions(doc: &Document, batch: &mut Batch) {
    debug_assert!(std::ptr::eq(batch.schema, &MENTIONS));
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
        ]);
    }
}

/// Appends the `entities` rows of `doc` to `batch`.
pub fn push_entities(doc: &Document, batch: &mut Batch) {
    debug_assert!(std::ptr::eq(batch.schema, &ENTITIES));
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
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RejectReason;

    fn check_row(schema: &'static TableSchema, row: Vec<Value>) {
        let mut b = Batch::new(schema);
        b.push_row(row);
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn rows_fit_their_schemas() {
        let doc = crate::Pipeline::builder().build().unwrap().analyze_text("Hello there. This is a test.").unwrap();
        check_row(&ARTICLES, article_row(&doc));
        let r = Rejected { seq: 3, id: None, source: "x:4".into(), reason: RejectReason::EmptyBody };
        let row = rejected_row(&r);
        assert_eq!(row[0], Value::Str("record-3".into()));
        check_row(&ARTICLES, row);
        let mut s = Batch::new(&SENTENCES);
        push_sentences(&doc, &mut s);
        assert_eq!(s.len(), 2);
    }
}
