//! Scoring a topic classifier against gold labels: accuracy, macro-F1, a
//! confusion matrix, and the label maps that let a dataset's labels be
//! compared with a model's (BBC `business` → `economy`).
//!
//! A prediction is the model's top label. With multi-label gold (Reuters), a
//! prediction is right when it is any of the gold labels; per-label counts
//! then credit the predicted label when it is gold, and count every other
//! gold label as missed, since a single top label cannot recall them all.
//!
//! [`evaluate`] and [`cross_validate`] run a linear model over labelled
//! texts, for `newsnlp eval topic` and `newsnlp train topic` alike.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::topic::linear::LinearModel;
use crate::topic::train::{self, fold_of, LabelledText, TrainOptions};
use super::ratio;

/// Maps dataset labels to model labels; labels not in the map pass through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelMap(BTreeMap<String, String>);

impl LabelMap {
    /// A map from pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> LabelMap {
        LabelMap(pairs.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    /// Reads a map file: a JSON object (`{"business": "economy"}`), or lines of
    /// `from<TAB>to`, `from,to` or `from=to` (blank lines and `#` comments skipped).
    pub fn read(path: &Path) -> Result<LabelMap> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        if text.trim_start().starts_with('{') {
            let map: BTreeMap<String, String> =
                serde_json::from_str(&text).map_err(|e| Error::data_caused_by(path, e.line() as u64, "not valid JSON", e))?;
            return Ok(LabelMap(map));
        }
        let mut map = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (from, to) = line
                .split_once('\t')
                .or_else(|| line.split_once(','))
                .or_else(|| line.split_once('='))
                .ok_or_else(|| Error::data(path, i as u64 + 1, "expected `from<TAB>to`, `from,to` or `from=to`"))?;
            map.insert(from.trim().to_string(), to.trim().to_string());
        }
        Ok(LabelMap(map))
    }

    /// The model label for a dataset label.
    pub fn apply<'a>(&'a self, label: &'a str) -> &'a str {
        self.0.get(label).map_or(label, String::as_str)
    }

    /// Maps a gold label set, dropping duplicates and keeping order.
    pub fn apply_all(&self, labels: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in labels {
            let m = self.apply(l).to_string();
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out
    }
}

/// Per-label counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Predicted and gold.
    pub true_positives: usize,
    /// Predicted, not gold.
    pub false_positives: usize,
    /// Gold, not predicted.
    pub false_negatives: usize,
}

impl LabelCounts {
    /// Precision, recall and F1 (0 when undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.true_positives, self.true_positives + self.false_positives);
        let r = ratio(self.true_positives, self.true_positives + self.false_negatives);
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// Accumulates predictions against gold labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    total: usize,
    correct: usize,
    counts: BTreeMap<String, LabelCounts>,
    gold_labels: BTreeSet<String>,
    /// (gold, predicted) → count; the gold side is the predicted label when it was right.
    confusion: BTreeMap<(String, String), usize>,
}

impl Evaluation {
    /// Records one prediction. `gold` must not be empty.
    pub fn add(&mut self, gold: &[String], predicted: &str) {
        let Some(first) = gold.first() else { return };
        self.total += 1;
        let right = gold.iter().any(|g| g == predicted);
        if right {
            self.correct += 1;
        }
        for g in gold {
            self.gold_labels.insert(g.clone());
            if g != predicted {
                self.counts.entry(g.clone()).or_default().false_negatives += 1;
            }
        }
        let c = self.counts.entry(predicted.to_string()).or_default();
        if right {
            c.true_positives += 1;
        } else {
            c.false_positives += 1;
        }
        let row = if right { predicted } else { first.as_str() };
        *self.confusion.entry((row.to_string(), predicted.to_string())).or_default() += 1;
    }

    /// Adds another evaluation's counts to this one (the folds of a cross-validation).
    pub fn merge(&mut self, other: &Evaluation) {
        self.total += other.total;
        self.correct += other.correct;
        for (label, c) in &other.counts {
            let mine = self.counts.entry(label.clone()).or_default();
            mine.true_positives += c.true_positives;
            mine.false_positives += c.false_positives;
            mine.false_negatives += c.false_negatives;
        }
        self.gold_labels.extend(other.gold_labels.iter().cloned());
        for (key, n) in &other.confusion {
            *self.confusion.entry(key.clone()).or_default() += n;
        }
    }

    /// Number of scored records.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Share of records whose top label is gold.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// Mean F1 over the labels that occur in the gold data.
    pub fn macro_f1(&self) -> f64 {
        if self.gold_labels.is_empty() {
            return 0.0;
        }
        let sum: f64 = self.gold_labels.iter().map(|l| self.counts.get(l).copied().unwrap_or_default().prf().2).sum();
        sum / self.gold_labels.len() as f64
    }

    /// Counts for each label seen in gold or predictions.
    pub fn per_label(&self) -> &BTreeMap<String, LabelCounts> {
        &self.counts
    }

    /// How often `gold` was predicted as `predicted`.
    pub fn confusion(&self, gold: &str, predicted: &str) -> usize {
        self.confusion.get(&(gold.to_string(), predicted.to_string())).copied().unwrap_or(0)
    }

    /// A plain-text report: totals, per-label precision/recall/F1, and the
    /// confusion matrix (rows gold, columns predicted).
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "records {}  accuracy {:.4}  macro-F1 {:.4}", self.total, self.accuracy(), self.macro_f1());
        let _ = writeln!(s, "\n{:<16} {:>9} {:>9} {:>9} {:>7}", "label", "precision", "recall", "F1", "gold");
        for (label, c) in &self.counts {
            let (p, r, f) = c.prf();
            let gold = c.true_positives + c.false_negatives;
            let _ = writeln!(s, "{label:<16} {p:>9.4} {r:>9.4} {f:>9.4} {gold:>7}");
        }
        let rows: BTreeSet<&String> = self.confusion.keys().map(|(g, _)| g).collect();
        let cols: BTreeSet<&String> = self.confusion.keys().map(|(_, p)| p).collect();
        let width = cols.iter().map(|c| c.len()).max().unwrap_or(0).clamp(5, 14);
        let _ = write!(s, "\nconfusion (rows gold, columns predicted)\n{:<16}", "");
        for c in &cols {
            let _ = write!(s, " {:>width$}", truncate(c, width));
        }
        s.push('\n');
        for r in &rows {
            let _ = write!(s, "{:<16}", truncate(r, 16));
            for c in &cols {
                let _ = write!(s, " {:>width$}", self.confusion(r, c));
            }
            s.push('\n');
        }
        s
    }
}

fn truncate(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Scores `model` on the `texts` that have gold labels (mapped through
/// `map`). With `predictions`, writes one JSON object per text, gold labels
/// or not: id, gold, predicted, and scores (label → score).
pub fn evaluate(
    model: &LinearModel,
    texts: &[LabelledText],
    map: &LabelMap,
    mut predictions: Option<&mut dyn std::io::Write>,
) -> Result<Evaluation> {
    let mut eval = Evaluation::default();
    for t in texts {
        let gold = map.apply_all(&t.labels);
        if gold.is_empty() && predictions.is_none() {
            continue;
        }
        let scores = model.score_text(&t.title, &t.body);
        if !gold.is_empty() {
            eval.add(&gold, &scores[0].label);
        }
        if let Some(w) = predictions.as_deref_mut() {
            let by_label: serde_json::Map<String, serde_json::Value> =
                scores.iter().map(|s| (s.label.clone(), serde_json::json!(s.score))).collect();
            let line = serde_json::json!({ "id": t.id, "gold": gold, "predicted": scores[0].label, "scores": by_label });
            serde_json::to_writer(&mut *w, &line)?;
            w.write_all(b"\n").map_err(|e| Error::io("writing", "the predictions", e))?;
        }
    }
    Ok(eval)
}

/// K-fold cross-validation of linear models trained with `options`: the
/// folds are fixed by id hash, and their evaluations are added up.
pub fn cross_validate(texts: &[LabelledText], k: usize, options: &TrainOptions) -> Result<Evaluation> {
    if k < 2 {
        return Err(Error::config("--cv", "cross-validation needs at least 2 folds"));
    }
    let mut total = Evaluation::default();
    for fold in 0..k {
        let (test, train_set): (Vec<LabelledText>, Vec<LabelledText>) =
            texts.iter().cloned().partition(|t| fold_of(&t.id, k) == fold);
        if test.is_empty() || train_set.is_empty() {
            continue;
        }
        let model = train::train_on_texts(&train_set, options)?;
        total.merge(&evaluate(&model, &test, &LabelMap::default(), None)?);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn accuracy_macro_f1_and_confusion() {
        let mut e = Evaluation::default();
        for (gold, pred) in [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")] {
            e.add(&v(&[gold]), pred);
        }
        assert_eq!(e.accuracy(), 0.75);
        // a: P 1, R 0.5, F 2/3; b: P 2/3, R 1, F 0.8.
        assert!((e.macro_f1() - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9, "macro-F1 is the mean of per-label F1");
        assert_eq!(e.confusion("a", "b"), 1);
        assert_eq!(e.confusion("b", "b"), 2);
        assert!(e.report().contains("accuracy 0.7500"), "the report leads with accuracy");
    }

    #[test]
    fn multi_label_gold_is_right_when_any_label_matches() {
        let mut e = Evaluation::default();
        e.add(&v(&["economy", "labour"]), "labour");
        e.add(&v(&["economy"]), "politics");
        assert_eq!(e.accuracy(), 0.5);
        assert_eq!(e.per_label()["economy"].false_negatives, 2, "an unpredicted gold label is a miss");
        assert_eq!(e.per_label()["labour"].true_positives, 1);
        assert_eq!(e.per_label()["politics"].false_positives, 1);
        e.add(&[], "x");
        assert_eq!(e.total(), 2, "records without gold labels are not scored");
    }

    #[test]
    fn label_maps_read_json_and_line_formats() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("m.json", "{\"business\": \"economy\", \"tech\": \"science\"}"),
            ("m.tsv", "# BBC to IPTC\nbusiness\teconomy\ntech\tscience\n"),
            ("m.csv", "business,economy\ntech, science\n"),
        ];
        for (name, text) in cases {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            let m = LabelMap::read(&p).unwrap();
            assert_eq!(m.apply("business"), "economy", "{name}");
            assert_eq!(m.apply("sport"), "sport", "{name}: unmapped labels pass through");
            assert_eq!(
                m.apply_all(&v(&["tech", "science"])),
                v(&["science"]),
                "{name}: duplicates after mapping collapse"
            );
        }
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, "no separator here\n").unwrap();
        assert!(LabelMap::read(&bad).unwrap_err().to_string().contains(":1:"), "errors name the line");
    }
}
