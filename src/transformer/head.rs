//! The topic model of the transformer backend: a classifier head over
//! article embeddings, plus zero-shot prototypes for the categories that had
//! no training data. Pure Rust over `f32` vectors: it is trained, saved,
//! loaded and scored without libtorch, so it is tested in every build.
//!
//! The head is multinomial logistic regression on standardised embeddings,
//! trained by full-batch gradient descent (Adam) with an L2 penalty: with a
//! few thousand articles and 384 dimensions this takes about a second, and
//! it is deterministic. A zero-shot category scores by the cosine between
//! the article and the mean embedding of its descriptions
//! ([`super::categories`]). When a model has both, the zero-shot softmax
//! over all categories first splits the mass between "one of the trained
//! categories" and each untrained one (the untrained ones with a prior that
//! gives them, together, the weight of one trained category), and the head
//! then shares the trained part among the trained categories: the head
//! decides among what it was taught, zero-shot only decides whether the
//! article is about something else.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::TopicScore;
use crate::error::{Error, Result};

/// The file format tag written into every saved model.
const FORMAT: &str = "newsnlp-transformer-topics";
/// The version of that format this build reads and writes.
const VERSION: u32 = 1;

/// Softmax temperature of zero-shot cosines. Cosines between MiniLM
/// embeddings of related texts differ by a few hundredths, so scores are
/// sharpened before they become probabilities.
pub(crate) const ZERO_SHOT_TEMPERATURE: f32 = 0.02;

/// How to train the head.
#[derive(Debug, Clone)]
pub struct HeadOptions {
    /// Gradient steps over the whole training set.
    pub epochs: usize,
    /// Adam learning rate.
    pub learning_rate: f32,
    /// L2 penalty on the weights.
    pub l2: f32,
}

impl Default for HeadOptions {
    fn default() -> Self {
        HeadOptions { epochs: 300, learning_rate: 0.05, l2: 1e-3 }
    }
}

/// Multinomial logistic regression over standardised embeddings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearHead {
    /// The trained labels, in output order.
    pub labels: Vec<String>,
    /// Per-dimension mean of the training embeddings.
    pub mean: Vec<f32>,
    /// Per-dimension standard deviation of the training embeddings.
    pub scale: Vec<f32>,
    /// Weights, one row of `dim` per label.
    pub weights: Vec<Vec<f32>>,
    /// Bias per label.
    pub bias: Vec<f32>,
}

impl LinearHead {
    /// Trains on `(embedding, label)` pairs. Labels are sorted, so the same
    /// data gives the same model whatever its order.
    pub fn train(examples: &[(Vec<f32>, String)], options: &HeadOptions) -> Result<LinearHead> {
        let dim = examples.first().map_or(0, |(e, _)| e.len());
        if dim == 0 {
            return Err(Error::config("training data", "no examples with an embedding"));
        }
        if let Some((e, l)) = examples.iter().find(|(e, _)| e.len() != dim) {
            return Err(Error::config("training data", format!("an example of `{l}` has {} dimensions, not {dim}", e.len())));
        }
        let mut labels: Vec<String> = examples.iter().map(|(_, l)| l.clone()).collect();
        labels.sort();
        labels.dedup();
        if labels.len() < 2 {
            return Err(Error::config("training data", "a classifier needs at least two labels"));
        }
        let (mean, scale) = standardisation(examples, dim);
        let xs: Vec<Vec<f32>> = examples.iter().map(|(e, _)| standardise(e, &mean, &scale)).collect();
        let ys: Vec<usize> = examples.iter().map(|(_, l)| labels.binary_search(l).unwrap_or(0)).collect();
        let (weights, bias) = fit(&xs, &ys, labels.len(), options);
        Ok(LinearHead { labels, mean, scale, weights, bias })
    }

    /// Probabilities over [`LinearHead::labels`].
    pub fn probabilities(&self, embedding: &[f32]) -> Vec<f32> {
        let x = standardise(embedding, &self.mean, &self.scale);
        let logits: Vec<f32> = self.weights.iter().zip(&self.bias).map(|(w, b)| dot(w, &x) + b).collect();
        softmax(&logits)
    }
}

/// A category scored by similarity to its descriptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prototype {
    /// Category id.
    pub label: String,
    /// Unit-length mean embedding of its descriptions.
    pub embedding: Vec<f32>,
}

/// A saved transformer topic model: what to embed with, the trained head
/// (if any) and the zero-shot prototypes of every category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicModel {
    /// Always [`FORMAT`].
    pub format: String,
    /// Format version.
    pub version: u32,
    /// Name of the embedding model folder (under the models folder) it was built with.
    pub embedder: String,
    /// Embedding dimension.
    pub dim: usize,
    /// The head over the categories that had training data.
    pub head: Option<LinearHead>,
    /// Every category's prototype; those not in the head are scored zero-shot.
    pub prototypes: Vec<Prototype>,
}

impl TopicModel {
    /// A model from its parts; checks that the dimensions agree.
    pub fn new(embedder: &str, head: Option<LinearHead>, prototypes: Vec<Prototype>) -> Result<TopicModel> {
        let dim = prototypes.first().map(|p| p.embedding.len()).or(head.as_ref().map(|h| h.mean.len())).unwrap_or(0);
        let model = TopicModel { format: FORMAT.into(), version: VERSION, embedder: embedder.into(), dim, head, prototypes };
        model.check().map_err(|m| Error::config("topic model", m))?;
        Ok(model)
    }

    fn check(&self) -> std::result::Result<(), String> {
        if self.format != FORMAT || self.version != VERSION {
            return Err(format!("format {} v{} is not {FORMAT} v{VERSION}", self.format, self.version));
        }
        if self.dim == 0 || (self.head.is_none() && self.prototypes.is_empty()) {
            return Err("it has no categories".into());
        }
        if let Some(p) = self.prototypes.iter().find(|p| p.embedding.len() != self.dim) {
            return Err(format!("prototype `{}` has {} dimensions, not {}", p.label, p.embedding.len(), self.dim));
        }
        if let Some(h) = &self.head {
            let n = h.labels.len();
            let dims_ok = h.mean.len() == self.dim && h.scale.len() == self.dim;
            if !dims_ok || h.weights.len() != n || h.bias.len() != n || h.weights.iter().any(|w| w.len() != self.dim) {
                return Err("the head's shapes do not match its labels and dimension".into());
            }
        }
        Ok(())
    }

    /// Every label the model scores: the head's, then the zero-shot ones, in a fixed order.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.head.as_ref().map_or_else(Vec::new, |h| h.labels.clone());
        for p in &self.prototypes {
            if !labels.contains(&p.label) {
                labels.push(p.label.clone());
            }
        }
        labels
    }

    /// The labels scored zero-shot (no training data).
    pub fn zero_shot_labels(&self) -> Vec<String> {
        let trained = self.head.as_ref().map_or(&[][..], |h| &h.labels[..]);
        self.prototypes.iter().filter(|p| !trained.contains(&p.label)).map(|p| p.label.clone()).collect()
    }

    /// Scores for every label, best first.
    pub fn scores(&self, embedding: &[f32]) -> Vec<TopicScore> {
        let Some(head) = &self.head else {
            return sorted(self.zero_shot_probabilities(embedding, &[]));
        };
        let zero_shot = self.zero_shot_probabilities(embedding, &head.labels);
        let trained_mass: f32 =
            if zero_shot.is_empty() { 1.0 } else { zero_shot.iter().filter(|s| head.labels.contains(&s.label)).map(|s| s.score).sum() };
        let mut out: Vec<TopicScore> = head
            .labels
            .iter()
            .zip(head.probabilities(embedding))
            .map(|(l, p)| TopicScore { label: l.clone(), score: p * trained_mass })
            .collect();
        out.extend(zero_shot.into_iter().filter(|s| !head.labels.contains(&s.label)));
        sorted(out)
    }

    /// Softmax of the cosines to every prototype (trained categories
    /// included). Each category outside `trained` has its logit lowered by
    /// ln(k), k being the number of such categories, when some are trained:
    /// together they then weigh as much a priori as one trained category.
    /// The trained ones were seen in the training data; the others are only
    /// possibilities, and zero-shot similarity is the weaker evidence.
    fn zero_shot_probabilities(&self, embedding: &[f32], trained: &[String]) -> Vec<TopicScore> {
        let norm = dot(embedding, embedding).sqrt().max(1e-12);
        let untrained = self.prototypes.iter().filter(|p| !trained.contains(&p.label)).count();
        let penalty = if trained.is_empty() || untrained == 0 { 0.0 } else { (untrained as f32).ln() };
        let logits: Vec<f32> = self
            .prototypes
            .iter()
            .map(|p| {
                let prior = if trained.is_empty() || trained.contains(&p.label) { 0.0 } else { penalty };
                dot(&p.embedding, embedding) / norm / ZERO_SHOT_TEMPERATURE - prior
            })
            .collect();
        self.prototypes.iter().zip(softmax(&logits)).map(|(p, s)| TopicScore { label: p.label.clone(), score: s }).collect()
    }

    /// Saves the model as JSON.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec(self)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        }
        std::fs::write(path, json).map_err(|e| Error::io("writing", path, e))
    }

    /// Loads a model saved by [`TopicModel::save`].
    pub fn load(path: &Path) -> Result<TopicModel> {
        let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
        let model: TopicModel =
            serde_json::from_slice(&bytes).map_err(|e| Error::model_caused_by(path, "not a transformer topic model", e))?;
        model.check().map_err(|m| Error::model(path, m))?;
        Ok(model)
    }
}

fn sorted(mut scores: Vec<TopicScore>) -> Vec<TopicScore> {
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
    scores
}

/// Accuracy of `k`-fold cross-validation of the head on `examples`
/// (deterministic folds: example `i` is in fold `i % k`; shuffle the examples
/// first if they are sorted by label).
pub fn cross_validate(examples: &[(Vec<f32>, String)], k: usize, options: &HeadOptions) -> Result<f64> {
    let k = k.max(2);
    let mut correct = 0usize;
    for fold in 0..k {
        let train: Vec<(Vec<f32>, String)> =
            examples.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, e)| e.clone()).collect();
        let head = LinearHead::train(&train, options)?;
        for (_, (e, label)) in examples.iter().enumerate().filter(|(i, _)| i % k == fold) {
            let p = head.probabilities(e);
            correct += usize::from(&head.labels[argmax(&p)] == label);
        }
    }
    Ok(correct as f64 / examples.len().max(1) as f64)
}

/// Index of the largest value (the first on ties).
pub(crate) fn argmax(values: &[f32]) -> usize {
    values.iter().enumerate().fold(0, |best, (i, v)| if *v > values[best] { i } else { best })
}

fn standardisation(examples: &[(Vec<f32>, String)], dim: usize) -> (Vec<f32>, Vec<f32>) {
    let n = examples.len() as f64;
    let mut mean = vec![0f64; dim];
    for (e, _) in examples {
        for (m, v) in mean.iter_mut().zip(e) {
            *m += *v as f64 / n;
        }
    }
    let mut var = vec![0f64; dim];
    for (e, _) in examples {
        for ((s, v), m) in var.iter_mut().zip(e).zip(&mean) {
            *s += (*v as f64 - m).powi(2) / n;
        }
    }
    // A constant dimension keeps scale 1, so that it contributes nothing rather than dividing by zero.
    let scale = var.iter().map(|v| if *v > 1e-12 { v.sqrt() as f32 } else { 1.0 }).collect();
    (mean.into_iter().map(|m| m as f32).collect(), scale)
}

fn standardise(e: &[f32], mean: &[f32], scale: &[f32]) -> Vec<f32> {
    e.iter().zip(mean).zip(scale).map(|((v, m), s)| (v - m) / s).collect()
}

/// Full-batch gradient descent with Adam on the mean cross-entropy plus `l2/2 * |W|^2`.
fn fit(xs: &[Vec<f32>], ys: &[usize], classes: usize, o: &HeadOptions) -> (Vec<Vec<f32>>, Vec<f32>) {
    let dim = xs[0].len();
    let n = xs.len() as f32;
    let mut w = vec![vec![0f32; dim]; classes];
    let mut b = vec![0f32; classes];
    let (mut mw, mut vw) = (vec![vec![0f32; dim]; classes], vec![vec![0f32; dim]; classes]);
    let (mut mb, mut vb) = (vec![0f32; classes], vec![0f32; classes]);
    let (beta1, beta2, eps) = (0.9f32, 0.999f32, 1e-8f32);
    for step in 1..=o.epochs.max(1) {
        let mut gw = vec![vec![0f32; dim]; classes];
        let mut gb = vec![0f32; classes];
        for (x, &y) in xs.iter().zip(ys) {
            let logits: Vec<f32> = w.iter().zip(&b).map(|(wc, bc)| dot(wc, x) + bc).collect();
            let p = softmax(&logits);
            for c in 0..classes {
                let d = (p[c] - f32::from(c == y)) / n;
                gb[c] += d;
                for (g, xv) in gw[c].iter_mut().zip(x) {
                    *g += d * xv;
                }
            }
        }
        let (c1, c2) = (1.0 - beta1.powi(step as i32), 1.0 - beta2.powi(step as i32));
        for c in 0..classes {
            for j in 0..dim {
                let g = gw[c][j] + o.l2 * w[c][j];
                mw[c][j] = beta1 * mw[c][j] + (1.0 - beta1) * g;
                vw[c][j] = beta2 * vw[c][j] + (1.0 - beta2) * g * g;
                w[c][j] -= o.learning_rate * (mw[c][j] / c1) / ((vw[c][j] / c2).sqrt() + eps);
            }
            mb[c] = beta1 * mb[c] + (1.0 - beta1) * gb[c];
            vb[c] = beta2 * vb[c] + (1.0 - beta2) * gb[c] * gb[c];
            b[c] -= o.learning_rate * (mb[c] / c1) / ((vb[c] / c2).sqrt() + eps);
        }
    }
    (w, b)
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points around three directions in 4 dimensions, with a little deterministic jitter.
    fn clusters() -> Vec<(Vec<f32>, String)> {
        let centres = [("economy", [1.0, 0.2, 0.0, 0.0]), ("sport", [0.0, 1.0, 0.1, 0.0]), ("arts", [0.1, 0.0, 1.0, 0.0])];
        let mut out = Vec::new();
        for i in 0..30 {
            let (label, c) = centres[i % 3];
            let jitter = ((i * 7919) % 13) as f32 / 40.0;
            out.push((vec![c[0] + jitter, c[1] - jitter / 2.0, c[2] + jitter / 3.0, jitter], label.to_string()));
        }
        out
    }

    fn prototype(label: &str, e: [f32; 4]) -> Prototype {
        let n = e.iter().map(|v| v * v).sum::<f32>().sqrt();
        Prototype { label: label.into(), embedding: e.iter().map(|v| v / n).collect() }
    }

    #[test]
    fn the_head_learns_separable_classes() {
        let data = clusters();
        let head = LinearHead::train(&data, &HeadOptions::default()).unwrap();
        assert_eq!(head.labels, ["arts", "economy", "sport"], "labels are sorted");
        for (e, label) in &data {
            assert_eq!(&head.labels[argmax(&head.probabilities(e))], label, "training point of {label} misclassified");
        }
        let acc = cross_validate(&data, 5, &HeadOptions::default()).unwrap();
        assert!(acc > 0.95, "cross-validated accuracy {acc} on separable data: the optimiser is broken");
    }

    #[test]
    fn bad_training_data_is_an_error_not_a_panic() {
        let cases: &[(&str, Vec<(Vec<f32>, String)>)] = &[
            ("no examples", vec![]),
            ("one label", vec![(vec![1.0], "a".into()), (vec![2.0], "a".into())]),
            ("ragged embeddings", vec![(vec![1.0], "a".into()), (vec![2.0, 1.0], "b".into())]),
        ];
        for (name, data) in cases {
            assert!(LinearHead::train(data, &HeadOptions::default()).is_err(), "{name}: should be refused");
        }
    }

    #[test]
    fn zero_shot_categories_share_the_mass_with_the_head() {
        let head = LinearHead::train(&clusters(), &HeadOptions::default()).unwrap();
        let prototypes = vec![
            prototype("economy", [1.0, 0.2, 0.0, 0.0]),
            prototype("sport", [0.0, 1.0, 0.1, 0.0]),
            prototype("arts", [0.1, 0.0, 1.0, 0.0]),
            prototype("weather", [0.0, 0.0, 0.0, 1.0]),
        ];
        let model = TopicModel::new("test", Some(head), prototypes).unwrap();
        assert_eq!(model.zero_shot_labels(), ["weather"]);
        assert_eq!(model.labels().len(), 4);
        let cases: &[(&str, [f32; 4], &str)] =
            &[("trained category", [1.0, 0.1, 0.0, 0.0], "economy"), ("zero-shot category", [0.0, 0.0, 0.0, 1.0], "weather")];
        for (name, e, want) in cases {
            let scores = model.scores(e);
            assert_eq!(scores[0].label, *want, "{name}: scores {scores:?}");
            let total: f32 = scores.iter().map(|s| s.score).sum();
            assert!((total - 1.0).abs() < 1e-4, "{name}: scores should sum to 1, got {total}");
            assert!(scores.windows(2).all(|w| w[0].score >= w[1].score), "{name}: scores must be sorted");
        }
    }

    #[test]
    fn a_model_round_trips_through_its_file_and_bad_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let model = TopicModel::new("test", None, vec![prototype("sport", [0.0, 1.0, 0.0, 0.0]), prototype("arts", [1.0, 0.0, 0.0, 0.0])]).unwrap();
        let path = dir.path().join("topics.json");
        model.save(&path).unwrap();
        assert_eq!(TopicModel::load(&path).unwrap(), model);
        std::fs::write(&path, b"{\"format\": \"something else\"}").unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("not a transformer topic model"), "{err}");
    }
}
