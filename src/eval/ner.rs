//! Scoring the entity tagger on a CoNLL corpus, in the conlleval
//! convention: a predicted entity counts only when its span and type both
//! match a gold entity exactly.
//!
//! Scores are kept as counts per type (true positives, false positives,
//! false negatives), so that sentences, documents and files can be added up
//! before precision, recall and F1 are derived; micro scores pool the counts
//! of every type. Types are plain strings, so any label set can be scored:
//! predictions are written in the file's own label names. Beside the scores,
//! [`score`] bins predicted entities by confidence ([`Calibration`]), and
//! [`rewrite_headlines`] sets up the title-case robustness check.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Write;
use std::path::Path;

use crate::entities::conll::{self, ConllDocument, TagSpan};
use crate::document::Label;
use crate::entities::recognize::tagger::forms::{line_case, LineCase};
use crate::entities::Tagger;
use crate::error::{Error, Result};
use super::ratio;

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

impl Scores {
    /// The scores as JSON (as `train ner --dev` writes `dev-scores.json`):
    /// `file`, `micro` and `by_type`, each with precision, recall, F1 (to four
    /// places) and the counts.
    pub fn to_json(&self, file: &Path) -> serde_json::Value {
        let row = |c: &Counts| {
            serde_json::json!({
                "precision": round4(c.precision()), "recall": round4(c.recall()), "f1": round4(c.f1()),
                "tp": c.tp, "fp": c.fp, "fn": c.fn_,
            })
        };
        let by_type: serde_json::Map<String, serde_json::Value> =
            self.by_type.iter().map(|(k, c)| (k.clone(), row(c))).collect();
        serde_json::json!({ "file": file_name(file), "micro": row(&self.micro()), "by_type": by_type })
    }
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// A file's name, as scores and models record where they came from.
pub(crate) fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// What tagging and scoring a corpus found.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Entity-level scores.
    pub scores: Scores,
    /// Tokens tagged (every sentence, scored or not).
    pub tokens: usize,
    /// Predicted entities and how many were right, by confidence.
    pub calibration: Calibration,
}

/// Tags every document of a CoNLL corpus with `tagger` and scores it; with
/// `only`, only those (document, sentence) pairs are scored. With
/// `predictions`, writes `token gold predicted` lines (IOB2, in the file's
/// own label names) and a blank line after each sentence.
pub fn score(
    tagger: &Tagger,
    docs: &[ConllDocument],
    mut predictions: Option<&mut dyn Write>,
    only: Option<&HashSet<(usize, usize)>>,
) -> Result<Evaluation> {
    let written = |e| Error::io("writing", "the predictions", e);
    let names = label_names(docs);
    let mut eval = Evaluation::default();
    for (d, doc) in docs.iter().enumerate() {
        let views: Vec<Vec<&str>> = doc.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let slices: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
        let found = tagger.tag_document(&slices);
        for (i, (s, spans)) in doc.sentences.iter().zip(found).enumerate() {
            eval.tokens += s.tokens.len();
            let confidences: Vec<f32> = spans.iter().map(|t| t.confidence).collect();
            let predicted: Vec<TagSpan> =
                spans.into_iter().map(|t| TagSpan { tokens: t.tokens, label: names.name(t.label) }).collect();
            if only.is_none_or(|o| o.contains(&(d, i))) {
                eval.scores.add(&s.spans, &predicted);
                for (p, c) in predicted.iter().zip(confidences) {
                    eval.calibration.add(c, s.spans.contains(p));
                }
            }
            if let Some(w) = predictions.as_deref_mut() {
                let gold = conll::iob2_tags(s.tokens.len(), &s.spans);
                let pred = conll::iob2_tags(s.tokens.len(), &predicted);
                for ((t, g), p) in s.tokens.iter().zip(gold).zip(pred) {
                    writeln!(w, "{t} {g} {p}").map_err(written)?;
                }
                writeln!(w).map_err(written)?;
            }
        }
    }
    if let Some(w) = predictions {
        w.flush().map_err(written)?;
    }
    Ok(eval)
}

/// Predicted entities and how many were right, by tenth of confidence.
#[derive(Debug, Clone, Default)]
pub struct Calibration([(u64, u64); 10]);

impl Calibration {
    fn add(&mut self, confidence: f32, right: bool) {
        let b = &mut self.0[((confidence * 10.0) as usize).min(9)];
        b.0 += 1;
        b.1 += u64::from(right);
    }
}

impl fmt::Display for Calibration {
    /// A table of the non-empty bins: confidence range, entities, precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<10} {:>8} {:>9}", "confidence", "entities", "precision")?;
        for (i, (n, right)) in self.0.iter().enumerate().filter(|(_, (n, _))| *n > 0) {
            writeln!(f, "{:.1}-{:.1}    {:>8} {:>9.4}", i as f64 / 10.0, (i + 1) as f64 / 10.0, n, *right as f64 / *n as f64)?;
        }
        Ok(())
    }
}

/// Rewrites the all-caps headlines (three words or more) of the documents in
/// title case ("LEICESTERSHIRE TAKE OVER AT TOP" → "Leicestershire Take Over
/// At Top"), as news sites print them; returns which (document, sentence)
/// pairs. Short all-caps words inside gold entities ("UAE") stay as they
/// are, as a headline writer would keep them.
pub fn rewrite_headlines(docs: &mut [ConllDocument]) -> HashSet<(usize, usize)> {
    let mut rewritten = HashSet::new();
    for (d, doc) in docs.iter_mut().enumerate() {
        for (i, s) in doc.sentences.iter_mut().enumerate() {
            let views: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let words = views.iter().filter(|t| t.chars().any(char::is_alphabetic)).count();
            if words < 3 || line_case(&views) != LineCase::Upper {
                continue;
            }
            let in_entity: Vec<bool> = (0..s.tokens.len()).map(|k| s.spans.iter().any(|sp| sp.tokens.contains(&k))).collect();
            for (k, t) in s.tokens.iter_mut().enumerate() {
                let letters = t.chars().filter(|c| c.is_alphabetic()).count();
                if letters == 0 || (letters <= 3 && in_entity[k]) {
                    continue;
                }
                let mut chars = t.chars();
                if let Some(first) = chars.next() {
                    *t = first.to_string() + &chars.as_str().to_lowercase();
                }
            }
            rewritten.insert((d, i));
        }
    }
    rewritten
}

/// The file's own spelling of each label (PER or PERSON), so that predictions score against gold.
struct LabelNames(Vec<(Label, String)>);

impl LabelNames {
    fn name(&self, label: Label) -> String {
        self.0.iter().find(|(l, _)| *l == label).map_or_else(
            || match label {
                Label::Person => "PER".into(),
                Label::Location => "LOC".into(),
                Label::Organization => "ORG".into(),
                other => other.as_str().into(),
            },
            |(_, n)| n.clone(),
        )
    }
}

fn label_names(docs: &[ConllDocument]) -> LabelNames {
    let mut names: Vec<(Label, String)> = Vec::new();
    for span in docs.iter().flat_map(|d| &d.sentences).flat_map(|s| &s.spans) {
        if let Some(l) = Label::parse(&span.label) {
            if !names.iter().any(|(k, _)| *k == l) {
                names.push((l, span.label.clone()));
            }
        }
    }
    LabelNames(names)
}

/// Micro F1 against the one recorded in a scores file (as [`Scores::to_json`] writes it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaselineCheck {
    /// Micro F1 now, to four places as recorded.
    pub f1: f64,
    /// Micro F1 recorded in the file.
    pub baseline: f64,
}

impl BaselineCheck {
    /// Whether F1 is at most `max_drop` below the baseline.
    pub fn passes(&self, max_drop: f64) -> bool {
        self.f1 >= self.baseline - max_drop - 1e-9
    }
}

/// Compares `scores` with the micro F1 recorded in the scores file `recorded`.
pub fn check_baseline(scores: &Scores, recorded: &Path) -> Result<BaselineCheck> {
    let text = std::fs::read_to_string(recorded).map_err(|e| Error::io("reading", recorded, e))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::data_caused_by(recorded, e.line() as u64, "not valid scores JSON", e))?;
    let baseline = json["micro"]["f1"].as_f64().ok_or_else(|| Error::data(recorded, 0, "no micro.f1 in this scores file"))?;
    Ok(BaselineCheck { f1: round4(scores.micro().f1()), baseline })
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
