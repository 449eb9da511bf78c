//! Training a [`LinearModel`] on labelled examples, and reading labelled
//! JSON Lines for it.
//!
//! The learner is softmax regression by stochastic gradient descent with L2
//! regularisation, the step size decaying as `lr / (1 + lr·λ·t)` (Bottou's
//! schedule), and the weight decay applied lazily through a global scale so
//! that one step costs only the example's non-zero features. It is seeded and
//! single-threaded: the same data and options give the same model, bit for
//! bit, which keeps models reproducible from the command in `models/README.md`.
//!
//! An example's target is a distribution over labels: one label gets all of
//! it; a multi-label example spreads it evenly, so the model learns to share
//! its score among them. Each example also carries a weight, which is how the
//! built-in recipe trusts a hand-labelled article more than a weakly labelled
//! passage.

use std::path::Path;

use crate::clean::{Cleaner, NewsCleaner};
use crate::document::Record;
use crate::error::{Error, Result};
use crate::ingest::{IngestOptions, JsonLinesSource};
use crate::util::rng::SplitMix64;

use super::features::{self, SparseVec};
use super::linear::{softmax, LinearModel};

/// One training example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Its features.
    pub x: SparseVec,
    /// Target distribution: (label index, share), shares summing to 1.
    pub target: Vec<(usize, f32)>,
    /// How much it counts.
    pub weight: f32,
}

impl Example {
    /// An example whose target spreads evenly over `labels` (indices; duplicates ignored).
    pub fn new(x: SparseVec, labels: &[usize], weight: f32) -> Example {
        let mut l = labels.to_vec();
        l.sort_unstable();
        l.dedup();
        let share = 1.0 / l.len().max(1) as f32;
        Example { x, target: l.into_iter().map(|i| (i, share)).collect(), weight }
    }
}

/// Learner settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Hash bits of the feature table (2^bits buckets).
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Initial step size.
    pub learning_rate: f32,
    /// L2 regularisation strength (λ).
    pub l2: f32,
    /// Step size of the biases relative to the weights (0 keeps every label's prior equal).
    pub bias_rate: f32,
    /// Seed of the shuffles.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { bits: 18, epochs: 12, learning_rate: 0.5, l2: 1e-5, bias_rate: 0.1, seed: 0x5eed }
    }
}

/// Trains a model over `labels` on `examples`.
pub fn fit(labels: Vec<String>, examples: &[Example], options: &TrainOptions) -> Result<LinearModel> {
    let mut model = LinearModel::zeros(labels, options.bits)?;
    let k = model.label_names().len();
    if let Some(bad) = examples.iter().flat_map(|e| &e.target).find(|(i, _)| *i >= k) {
        return Err(Error::config("training data", format!("label index {} out of {k} labels", bad.0)));
    }
    if examples.is_empty() {
        return Err(Error::config("training data", "no labelled examples"));
    }
    let mean_weight = examples.iter().map(|e| e.weight as f64).sum::<f64>() / examples.len() as f64;
    let norm = if mean_weight > 0.0 { (1.0 / mean_weight) as f32 } else { 1.0 };
    let (weights, bias) = model.weights_mut();
    let mut scale = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64::new(options.seed);
    let mut t = 0u64;
    let mut z = vec![0.0f32; k];
    for _ in 0..options.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let ex = &examples[i];
            let lr = options.learning_rate / (1.0 + options.learning_rate * options.l2 * t as f32);
            t += 1;
            z.copy_from_slice(bias);
            for &(b, v) in &ex.x {
                let row = &weights[b as usize * k..(b as usize + 1) * k];
                z.iter_mut().zip(row).for_each(|(zi, w)| *zi += scale * w * v);
            }
            softmax(&mut z);
            for &(j, share) in &ex.target {
                z[j] -= share;
            }
            let step = lr * ex.weight * norm;
            scale *= 1.0 - lr * options.l2;
            for &(b, v) in &ex.x {
                let row = &mut weights[b as usize * k..(b as usize + 1) * k];
                let g = step * v / scale;
                row.iter_mut().zip(&z).for_each(|(w, d)| *w -= g * d);
            }
            let bl = options.bias_rate;
            bias.iter_mut().zip(&z).for_each(|(b, d)| *b -= bl * step * d);
            if scale < 1e-3 {
                weights.iter_mut().for_each(|w| *w *= scale);
                scale = 1.0;
            }
        }
    }
    weights.iter_mut().for_each(|w| *w *= scale);
    Ok(model)
}

/// An article of a labelled file, cleaned as `analyze` cleans it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledText {
    /// The record id.
    pub id: String,
    /// The headline, or "".
    pub title: String,
    /// The clean body.
    pub body: String,
    /// Its labels (empty when the record has none).
    pub labels: Vec<String>,
}

/// What reading a labelled file found.
#[derive(Debug, Default)]
pub struct LabelledFile {
    /// Readable records, in file order (with or without labels).
    pub texts: Vec<LabelledText>,
    /// Records that could not be read or cleaned, with their reason.
    pub rejected: Vec<String>,
}

/// Reads JSON Lines with labels in `label_field` (a string or a list of strings)
/// through ingest and the news cleaner, so that training sees the text that
/// `analyze` will classify.
pub fn read_labelled(path: &Path, label_field: &str, ingest: &IngestOptions) -> Result<LabelledFile> {
    let options = IngestOptions { label_field: Some(label_field.to_string()), ..ingest.clone() };
    let mut out = LabelledFile::default();
    for record in JsonLinesSource::open(path, options, 0)? {
        match record? {
            Record::Rejected(r) => out.rejected.push(format!("{}: {}", r.source, r.reason)),
            Record::Article(a) => {
                let labels: Vec<String> =
                    a.labels.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                match NewsCleaner.clean(a) {
                    Ok(doc) => out.texts.push(LabelledText {
                        id: doc.id,
                        title: doc.meta.title.unwrap_or_default(),
                        body: doc.body,
                        labels,
                    }),
                    Err(r) => out.rejected.push(format!("{}: {}", r.source, r.reason)),
                }
            }
        }
    }
    Ok(out)
}

/// The sorted set of labels used in `texts`.
pub fn label_set(texts: &[LabelledText]) -> Vec<String> {
    let mut labels: Vec<String> = texts.iter().flat_map(|t| t.labels.iter().cloned()).collect();
    labels.sort_unstable();
    labels.dedup();
    labels
}

/// Examples for `texts` over `labels`, weighted by `idf`; texts without any known label are skipped.
pub fn examples(texts: &[LabelledText], labels: &[String], bits: u32, idf: &[f32]) -> Vec<Example> {
    texts
        .iter()
        .filter_map(|t| {
            let idx: Vec<usize> = t.labels.iter().filter_map(|l| labels.iter().position(|x| x == l)).collect();
            let mut x = features::featurize(&t.title, &t.body, bits, None);
            features::apply_idf(&mut x, idf);
            (!idx.is_empty()).then(|| Example::new(x, &idx, 1.0))
        })
        .collect()
}

/// Trains a model on the user's labelled texts: the label set is whatever they use.
pub fn train_on_texts(texts: &[LabelledText], options: &TrainOptions) -> Result<LinearModel> {
    let labels = label_set(texts);
    if labels.is_empty() {
        return Err(Error::config("training data", "no record has a label"));
    }
    let raw: Vec<SparseVec> = texts.iter().map(|t| features::featurize(&t.title, &t.body, options.bits, None)).collect();
    let idf = features::idf_table(raw.iter(), options.bits);
    let ex = examples(texts, &labels, options.bits, &idf);
    let mut model = fit(labels, &ex, options)?;
    model.set_idf(idf);
    Ok(model)
}

/// The fold (0..k) of a record, stable across runs and independent of file order.
pub fn fold_of(id: &str, k: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64_with_seed(id.as_bytes(), 0xf01d) % k.max(1) as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topic::TopicClassifier;

    fn text(body: &str, labels: &[&str]) -> LabelledText {
        LabelledText {
            id: body.into(),
            title: String::new(),
            body: body.into(),
            labels: labels.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn learns_a_separable_toy_problem() {
        let texts = vec![
            text("the striker scored a goal in the match", &["sport"]),
            text("the keeper saved the penalty in the final match", &["sport"]),
            text("the bank raised interest rates to curb inflation", &["money"]),
            text("shares fell as the bank cut its profit forecast", &["money"]),
        ];
        let model = train_on_texts(&texts, &TrainOptions { bits: 12, ..Default::default() }).unwrap();
        assert_eq!(model.labels(), ["money", "sport"], "labels are the sorted label set");
        let cases = [("a goal in the last minute of the match", "sport"), ("the bank and its interest rates", "money")];
        for (t, want) in cases {
            assert_eq!(model.score_text("", t)[0].label, want, "{t:?}");
        }
    }

    #[test]
    fn multi_label_targets_share_the_score() {
        let e = Example::new(vec![(1, 1.0)], &[2, 0, 2], 1.0);
        assert_eq!(e.target, vec![(0, 0.5), (2, 0.5)], "duplicates collapse and the mass is split evenly");
        let texts = vec![text("storm floods the stadium before the match", &["sport", "weather"])];
        let model = train_on_texts(&texts, &TrainOptions { bits: 10, ..Default::default() }).unwrap();
        let s = model.score_text("", "storm floods the stadium before the match");
        assert!(s.iter().all(|t| t.score > 0.3), "both labels of a multi-label example should score high: {s:?}");
    }

    #[test]
    fn training_is_deterministic() {
        let texts = vec![text("rain and wind", &["weather"]), text("a goal", &["sport"])];
        let o = TrainOptions { bits: 10, ..Default::default() };
        assert_eq!(train_on_texts(&texts, &o).unwrap(), train_on_texts(&texts, &o).unwrap());
    }

    #[test]
    fn unusable_data_is_an_error_not_a_panic() {
        let o = TrainOptions { bits: 10, ..Default::default() };
        assert!(train_on_texts(&[text("no labels here", &[])], &o).is_err(), "no labels at all");
        assert!(fit(vec!["a".into()], &[], &o).is_err(), "no examples");
        assert!(fit(vec!["a".into()], &[Example::new(vec![], &[3], 1.0)], &o).is_err(), "label index out of range");
    }

    #[test]
    fn folds_are_stable_and_spread() {
        let mut counts = [0usize; 5];
        for i in 0..1000 {
            counts[fold_of(&format!("doc-{i}"), 5)] += 1;
        }
        assert!(counts.iter().all(|&c| (150..250).contains(&c)), "folds should be about even: {counts:?}");
        assert_eq!(fold_of("x", 5), fold_of("x", 5));
    }
}
