//! Entity-level scoring in the conlleval convention: a predicted entity
//! counts only when its span and type both match a gold entity exactly.
//!
//! Scores are kept as counts per type (true positives, false positives,
//! false negatives), so that sentences, documents and files can be added up
//! before precision, recall and F1 are derived; micro scores pool the counts
//! of every type. Types are plain strings, so any label set can be scored.

use std::collections::BTreeMap;
use std::fmt;

use super::conll::TagSpan;

/// Counts for one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold entity.
    pub tp: u64,
    /// Predicted entities that match none.
    pub fp: u64,
    /// Gold entities that were not predicted.
    pub fn_: u64,
}

impl Counts {
    /// Precision in 0..=1 (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall in 0..=1 (0 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1 in 0..=1.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per entity type, accumulated over any number of sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    by_type: BTreeMap<String, Counts>,
}

impl Scores {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[TagSpan], predicted: &[TagSpan]) {
        let mut gold: Vec<&TagSpan> = gold.iter().collect();
        for p in predicted {
            let c = self.by_type.entry(p.label.clone()).or_default();
            match gold.iter().position(|g| *g == p) {
                Some(i) => {
                    c.tp += 1;
                    gold.swap_remove(i);
                }
                None => c.fp += 1,
            }
        }
        for g in gold {
            self.by_type.entry(g.label.clone()).or_default().fn_ += 1;
        }
    }

    /// Counts per type, by type name.
    pub fn by_type(&self) -> &BTreeMap<String, Counts> {
        &self.by_type
    }

    /// Counts pooled over every type.
    pub fn micro(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.by_type.values() {
            all.add(*c);
        }
        all
    }
}

impl fmt::Display for Scores {
    /// A conlleval-like table: one row per type, then the micro average.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}", "type", "precision", "recall", "f1", "tp", "fp", "fn")?;
        let rows = self.by_type.iter().map(|(k, c)| (k.as_str(), *c)).chain([("micro", self.micro())]);
        for (name, c) in rows {
            writeln!(
                f,
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, label: &str) -> TagSpan {
        TagSpan { tokens: start..end, label: label.to_string() }
    }

    #[test]
    fn only_exact_span_and_type_count() {
        let gold = [span(0, 2, "PER"), span(3, 4, "LOC"), span(5, 6, "ORG")];
        let cases = [
            ("all exact", vec![span(0, 2, "PER"), span(3, 4, "LOC"), span(5, 6, "ORG")], (3, 0, 0)),
            ("a short span is wrong twice", vec![span(0, 1, "PER"), span(3, 4, "LOC"), span(5, 6, "ORG")], (2, 1, 1)),
            ("a wrong type is wrong twice", vec![span(0, 2, "ORG"), span(3, 4, "LOC"), span(5, 6, "ORG")], (2, 1, 1)),
            ("nothing predicted", vec![], (0, 0, 3)),
            ("duplicates do not double-count", vec![span(3, 4, "LOC"), span(3, 4, "LOC")], (1, 1, 2)),
        ];
        for (name, predicted, (tp, fp, fn_)) in cases {
            let mut s = Scores::default();
            s.add(&gold, &predicted);
            let m = s.micro();
            assert_eq!((m.tp, m.fp, m.fn_), (tp, fp, fn_), "{name}: micro tp/fp/fn");
        }
    }

    #[test]
    fn micro_f1_pools_counts() {
        let mut s = Scores::default();
        s.add(&[span(0, 1, "PER"), span(2, 3, "LOC")], &[span(0, 1, "PER"), span(2, 3, "ORG")]);
        let m = s.micro();
        assert_eq!((m.tp, m.fp, m.fn_), (1, 1, 1));
        assert!((m.f1() - 0.5).abs() < 1e-12, "F1 = 2tp / (2tp + fp + fn)");
        assert_eq!(s.by_type()["ORG"].fp, 1);
        assert_eq!(s.by_type()["LOC"].fn_, 1);
        assert_eq!(Counts::default().f1(), 0.0, "empty counts score 0, not NaN");
    }
}
