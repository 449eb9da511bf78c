//! The linear topic model: softmax regression over hashed word and bigram
//! features, and its files.
//!
//! Scoring is one pass over the article's words plus, per feature, a read of
//! one contiguous row of weights (the table is stored bucket-major), so an
//! article costs microseconds. The scores are a softmax over all labels: every
//! label gets a score, they sum to one, and a story that is half crime and
//! half politics shows both above [`crate::document::LIST_THRESHOLD`].
//!
//! A model is a folder with two files:
//! - `model.json`: format version, labels, feature settings, biases, the
//!   per-label scales of the quantised weights, the SHA-256 of `weights.bin`,
//!   the temperatures of [`super::calibrate`] per length bucket (absent: none),
//!   and free-form training notes;
//! - `weights.bin`: gzip of the IDF of each bucket (one byte, in sixteenths),
//!   a bitmap of the buckets that have weights and then, for each such bucket,
//!   one signed byte per label. Quantising to bytes costs
//!   nothing measurable in accuracy, and the bitmap skips the buckets that no
//!   training text reached, which keeps a model trained on a few hundred
//!   articles a few kilobytes;
//! - `word-clusters.tsv.gz`, only when the model uses word clusters
//!   ([`super::clusters`]): `model.json` holds its SHA-256.
//!
//! A loaded model scores with the bytes as stored (see `quantised`); a model
//! fresh from training scores with its float weights.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use crate::document::{Document, TopicScore};
use crate::error::{Error, Result};
use crate::models::sha256_hex;

use super::clusters::{WordClusters, CLUSTERS_FILE};
use super::features::{self, SparseVec};
use super::TopicClassifier;

/// The version of the model files this code reads and writes.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// The file with the settings and labels.
pub(crate) const META_FILE: &str = "model.json";
/// The file with the weights.
pub const WEIGHTS_FILE: &str = "weights.bin";

/// What `model.json` holds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Meta {
    format: String,
    version: u32,
    labels: Vec<String>,
    features: String,
    bits: u32,
    bias: Vec<f32>,
    scales: Vec<f32>,
    weights_sha256: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    calibration: Vec<Temperature>,
    /// SHA-256 of the word clusters file, when the model uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    word_clusters_sha256: Option<String>,
    #[serde(default)]
    notes: serde_json::Value,
}

/// The temperature of texts with at most `max_features` non-zero features (`None`: any longer text).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Temperature {
    /// Largest feature count the temperature applies to; `None` for the open last bucket.
    pub max_features: Option<usize>,
    /// Logits are divided by this before the softmax.
    pub temperature: f32,
}

const FORMAT_NAME: &str = "newsnlp-topic-linear";

/// A softmax regression over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    labels: Vec<String>,
    bits: u32,
    /// `2^bits` rows of `labels.len()` weights, as training leaves them (empty in a loaded model).
    weights: Vec<f32>,
    /// A loaded model's weights as the file stores them: `2^bits` rows of one signed byte per label, and
    /// per-label scales (both empty in a freshly trained model). Scoring reads these directly: a row is one
    /// cache line instead of four, and inside `analyze`, where the other stages keep the caches busy, the
    /// reads of the rows are most of what topics cost.
    quantised: Vec<i8>,
    scales: Vec<f32>,
    /// Inverse document frequency per bucket (all 1 until training sets it).
    idf: Vec<f32>,
    bias: Vec<f32>,
    /// Temperatures by length, shortest bucket first (empty: scores as the softmax gives them).
    calibration: Vec<Temperature>,
    /// Word clusters whose ids are features too (see [`super::clusters`]); `None` for words alone.
    clusters: Option<Arc<WordClusters>>,
    notes: serde_json::Value,
}

impl LinearModel {
    /// A model with all weights zero (every label equally likely).
    pub(crate) fn zeros(labels: Vec<String>, bits: u32) -> Result<LinearModel> {
        if labels.is_empty() {
            return Err(Error::config("labels", "a topic model needs at least one label"));
        }
        if !(8..=24).contains(&bits) {
            return Err(Error::config("bits", format!("{bits} hash bits; use 8 to 24")));
        }
        let k = labels.len();
        Ok(LinearModel {
            weights: vec![0.0; k << bits],
            quantised: Vec::new(),
            scales: Vec::new(),
            idf: vec![1.0; 1 << bits],
            bias: vec![0.0; k],
            labels,
            bits,
            calibration: Vec::new(),
            clusters: None,
            notes: serde_json::Value::Null,
        })
    }

    /// The labels, in score order.
    pub fn label_names(&self) -> &[String] {
        &self.labels
    }

    /// Number of hash bits of the feature table.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Free-form notes stored with the model (how it was trained).
    pub fn notes(&self) -> &serde_json::Value {
        &self.notes
    }

    /// The temperatures by length (empty when the model is not calibrated).
    pub fn calibration(&self) -> &[Temperature] {
        &self.calibration
    }

    /// Sets the temperatures by length, shortest bucket first; the last should be open (`max_features: None`).
    pub fn set_calibration(&mut self, calibration: Vec<Temperature>) {
        self.calibration = calibration;
    }

    /// The temperature for a text with `features` non-zero features.
    fn temperature(&self, features: usize) -> f32 {
        self.calibration
            .iter()
            .find(|t| t.max_features.is_none_or(|m| features <= m))
            .map_or(1.0, |t| t.temperature)
            .max(f32::MIN_POSITIVE)
    }

    /// The word clusters the model's features use, if any.
    pub fn word_clusters(&self) -> Option<&WordClusters> {
        self.clusters.as_deref()
    }

    /// Sets the word clusters; the weights must have been trained with the same clusters.
    pub(crate) fn set_word_clusters(&mut self, clusters: Option<Arc<WordClusters>>) {
        self.clusters = clusters;
    }

    /// Sets the notes stored with the model.
    pub fn set_notes(&mut self, notes: serde_json::Value) {
        self.notes = notes;
    }

    pub(crate) fn weights_mut(&mut self) -> (&mut [f32], &mut [f32]) {
        (&mut self.weights, &mut self.bias)
    }

    /// Adds `scale` times `weights` (bucket-major, like the model's own) to a freshly trained model's weights:
    /// another linear model over the same features, so that the sum scores as fast as either.
    pub(crate) fn add_weights(&mut self, weights: &[f32], scale: f32) {
        debug_assert_eq!(weights.len(), self.weights.len(), "a loaded model's weights are quantised");
        self.weights.iter_mut().zip(weights).for_each(|(w, v)| *w += scale * v);
    }

    pub(crate) fn set_idf(&mut self, idf: Vec<f32>) {
        debug_assert_eq!(idf.len(), 1 << self.bits);
        self.idf = idf;
    }

    /// The features of a headline and body, as this model hashes and weighs them.
    pub fn features(&self, title: &str, body: &str) -> SparseVec {
        let mut x = features::featurize(title, body, self.bits, self.clusters.as_deref());
        features::apply_idf(&mut x, &self.idf);
        x
    }

    /// Raw scores (logits), one per label.
    pub(crate) fn logits(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let k = self.labels.len();
        let mut z = self.bias.clone();
        if self.quantised.is_empty() {
            for &(b, v) in x {
                let row = &self.weights[b as usize * k..(b as usize + 1) * k];
                z.iter_mut().zip(row).for_each(|(zi, w)| *zi += w * v);
            }
            return z;
        }
        let mut sum = vec![0.0f32; k];
        for &(b, v) in x {
            let row = &self.quantised[b as usize * k..(b as usize + 1) * k];
            sum.iter_mut().zip(row).for_each(|(s, &q)| *s += f32::from(q) * v);
        }
        z.iter_mut().zip(sum.iter().zip(&self.scales)).for_each(|(zi, (s, scale))| *zi += s * scale);
        z
    }

    /// Probabilities, one per label, in label order: the softmax of the logits at the text's temperature.
    pub(crate) fn probabilities(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let mut z = self.logits(x);
        let t = self.temperature(x.len());
        if t != 1.0 {
            z.iter_mut().for_each(|v| *v /= t);
        }
        softmax(&mut z);
        z
    }

    /// Scores for every label, best first.
    pub(crate) fn score_text(&self, title: &str, body: &str) -> Vec<TopicScore> {
        let p = self.probabilities(&self.features(title, body));
        let mut scores: Vec<TopicScore> =
            self.labels.iter().zip(p).map(|(l, s)| TopicScore { label: l.clone(), score: s }).collect();
        scores.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
        scores
    }

    /// Writes `model.json` and `weights.bin` into `dir`, creating it.
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        let (weights, scales) = self.encode_weights()?;
        let meta = Meta {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            labels: self.labels.clone(),
            features: features::FEATURES_NAME.into(),
            bits: self.bits,
            bias: self.bias.clone(),
            scales,
            weights_sha256: sha256_hex(&weights),
            calibration: self.calibration.clone(),
            word_clusters_sha256: self.clusters.as_ref().map(|c| sha256_hex(c.raw())),
            notes: self.notes.clone(),
        };
        if let Some(c) = &self.clusters {
            crate::models::write_atomic(&dir.join(CLUSTERS_FILE), c.raw())?;
        }
        crate::models::write_atomic(&dir.join(WEIGHTS_FILE), &weights)?;
        crate::models::write_atomic(&dir.join(META_FILE), &serde_json::to_vec_pretty(&meta)?)
    }

    /// Reads a model folder written by [`LinearModel::save`].
    pub fn load(dir: &Path) -> Result<LinearModel> {
        let meta_path = dir.join(META_FILE);
        let text = std::fs::read(&meta_path).map_err(|e| Error::io("reading", &meta_path, e))?;
        let meta: Meta = serde_json::from_slice(&text).map_err(|e| Error::model_caused_by(&meta_path, "not a topic model's metadata", e))?;
        if meta.format != FORMAT_NAME || meta.version != FORMAT_VERSION {
            return Err(Error::model(
                &meta_path,
                format!(
                    "format {} version {}; this build reads {FORMAT_NAME} version {FORMAT_VERSION}",
                    meta.format, meta.version
                ),
            ));
        }
        if meta.features != features::FEATURES_NAME {
            return Err(Error::model(
                &meta_path,
                format!(
                    "features `{}`; this build computes `{}`: retrain the model",
                    meta.features,
                    features::FEATURES_NAME
                ),
            ));
        }
        let mut model =
            LinearModel::zeros(meta.labels.clone(), meta.bits).map_err(|e| Error::model_caused_by(&meta_path, "unusable settings", e))?;
        let k = model.labels.len();
        if meta.bias.len() != k || meta.scales.len() != k {
            return Err(Error::model(
                &meta_path,
                format!("{k} labels but {} biases and {} scales", meta.bias.len(), meta.scales.len()),
            ));
        }
        let weights_path = dir.join(WEIGHTS_FILE);
        let bytes = std::fs::read(&weights_path).map_err(|e| Error::io("reading", &weights_path, e))?;
        if sha256_hex(&bytes) != meta.weights_sha256 {
            return Err(Error::model(
                &weights_path,
                "checksum does not match model.json; the file is corrupt or from another model",
            ));
        }
        model.decode_weights(&bytes, &meta.scales).map_err(|m| Error::model(&weights_path, m))?;
        model.bias = meta.bias;
        model.calibration = meta.calibration;
        if let Some(sha) = &meta.word_clusters_sha256 {
            let path = dir.join(CLUSTERS_FILE);
            let raw = std::fs::read(&path).map_err(|e| Error::io("reading", &path, e))?;
            if sha256_hex(&raw) != *sha {
                return Err(Error::model(&path, "checksum does not match model.json; the file is corrupt or from another model"));
            }
            model.clusters = Some(Arc::new(WordClusters::from_gzip(raw).map_err(|m| Error::model(&path, m))?));
        }
        model.notes = meta.notes;
        Ok(model)
    }

    /// Quantises the weights to one byte each, per-label scale, and packs the used buckets.
    fn encode_weights(&self) -> Result<(Vec<u8>, Vec<f32>)> {
        let k = self.labels.len();
        let dequantised: Vec<f32>;
        let weights = if self.quantised.is_empty() {
            &self.weights
        } else {
            dequantised = self.quantised.chunks_exact(k).flat_map(|row| row.iter().zip(&self.scales).map(|(&q, s)| f32::from(q) * s)).collect();
            &dequantised
        };
        let mut scales = vec![0.0f32; k];
        for row in weights.chunks_exact(k) {
            scales.iter_mut().zip(row).for_each(|(s, w)| *s = s.max(w.abs()));
        }
        scales.iter_mut().for_each(|s| *s = if *s > 0.0 { *s / 127.0 } else { 1.0 });
        let buckets = 1usize << self.bits;
        let mut bitmap = vec![0u8; buckets.div_ceil(8)];
        let mut rows = Vec::new();
        for (b, row) in weights.chunks_exact(k).enumerate() {
            let q: Vec<i8> = row.iter().zip(&scales).map(|(w, s)| (w / s).round().clamp(-127.0, 127.0) as i8).collect();
            if q.iter().any(|&v| v != 0) {
                bitmap[b / 8] |= 1 << (b % 8);
                rows.extend(q.iter().map(|&v| v as u8));
            }
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let io = |e| Error::io("compressing", WEIGHTS_FILE, e);
        let idf: Vec<u8> = self.idf.iter().map(|&v| features::quantize_idf(v)).collect();
        gz.write_all(&idf).map_err(io)?;
        gz.write_all(&bitmap).map_err(io)?;
        gz.write_all(&rows).map_err(io)?;
        Ok((gz.finish().map_err(io)?, scales))
    }

    fn decode_weights(&mut self, bytes: &[u8], scales: &[f32]) -> std::result::Result<(), String> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw).map_err(|e| format!("not gzip: {e}"))?;
        let k = self.labels.len();
        let buckets = 1usize << self.bits;
        let (idf, rest) = raw.split_at_checked(buckets).ok_or("truncated IDF table")?;
        self.idf = idf.iter().map(|&q| q as f32 / 16.0).collect();
        let (bitmap, rows) = rest.split_at_checked(buckets.div_ceil(8)).ok_or("truncated bucket bitmap")?;
        let used = bitmap.iter().map(|b| b.count_ones() as usize).sum::<usize>();
        if rows.len() != used * k {
            return Err(format!("{used} buckets of {k} weights need {} bytes, found {}", used * k, rows.len()));
        }
        let mut next = rows.chunks_exact(k);
        self.weights = Vec::new();
        self.quantised = vec![0; k * buckets];
        self.scales = scales.to_vec();
        for b in (0..buckets).filter(|b| bitmap[b / 8] & (1 << (b % 8)) != 0) {
            let q = next.next().ok_or("truncated weights")?;
            self.quantised[b * k..(b + 1) * k].iter_mut().zip(q).for_each(|(w, &v)| *w = v as i8);
        }
        Ok(())
    }
}

impl TopicClassifier for LinearModel {
    fn labels(&self) -> &[String] {
        &self.labels
    }

    fn classify(&self, doc: &Document) -> Result<Vec<TopicScore>> {
        Ok(self.score_text(doc.meta.title.as_deref().unwrap_or(""), &doc.body))
    }
}

/// In-place softmax, stable for large logits.
pub(crate) fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    z.iter_mut().for_each(|v| *v /= sum);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-label model built by hand: "rain" means weather, "goal" means sport.
    fn tiny() -> LinearModel {
        let mut m = LinearModel::zeros(vec!["weather".into(), "sport".into()], 10).unwrap();
        let k = 2;
        for (word, label) in [("rain", 0), ("goal", 1)] {
            let (b, _) = m.features("", word)[0];
            m.weights[b as usize * k + label] = 4.0;
        }
        m
    }

    #[test]
    fn scores_cover_every_label_best_first_and_sum_to_one() {
        let cases = [("Heavy rain tonight", "weather"), ("A late goal", "sport")];
        for (text, want) in cases {
            let s = tiny().score_text("", text);
            assert_eq!(s.len(), 2, "every label must be scored");
            assert_eq!(s[0].label, want, "{text:?}: the hand-set weight should win");
            let total: f32 = s.iter().map(|t| t.score).sum();
            assert!((total - 1.0).abs() < 1e-5, "softmax scores must sum to 1, got {total}");
        }
    }

    #[test]
    fn save_and_load_round_trip_within_quantisation_error() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny();
        m.save(dir.path()).unwrap();
        let back = LinearModel::load(dir.path()).unwrap();
        assert_eq!(back.labels, m.labels);
        let loaded = back.quantised.iter().enumerate().map(|(i, &q)| f32::from(q) * back.scales[i % 2]);
        for (a, b) in loaded.zip(&m.weights) {
            assert!((a - b).abs() <= 4.0 / 127.0, "quantised weights must stay within one step");
        }
        let again = tempfile::tempdir().unwrap();
        back.save(again.path()).unwrap();
        let bytes = |d: &Path| std::fs::read(d.join(WEIGHTS_FILE)).unwrap();
        assert_eq!(bytes(again.path()), bytes(dir.path()), "saving a loaded model writes the same weights");
        for text in ["Heavy rain tonight", "A late goal"] {
            let (a, b) = (m.score_text("", text), back.score_text("", text));
            assert_eq!(a[0].label, b[0].label, "{text:?}: the loaded model scores as the trained one");
            assert!((a[0].score - b[0].score).abs() < 0.01, "{text:?}: {a:?} against {b:?}");
        }
    }

    #[test]
    fn temperatures_apply_by_length_and_survive_saving() {
        let mut m = tiny();
        let x = m.features("", "rain");
        let plain = m.probabilities(&x)[0];
        let cases = [(0.5, true), (2.0, false), (1.0, false)];
        for (temperature, sharper) in cases {
            m.set_calibration(vec![Temperature { max_features: None, temperature }]);
            let p = m.probabilities(&x)[0];
            assert_eq!(p > plain + 1e-6, sharper, "T = {temperature}: {p} against {plain}");
            assert_eq!(m.score_text("", "rain")[0].label, "weather", "temperature never changes the top label");
        }
        m.set_calibration(vec![
            Temperature { max_features: Some(1), temperature: 0.5 },
            Temperature { max_features: None, temperature: 3.0 },
        ]);
        assert_eq!((m.temperature(1), m.temperature(2)), (0.5, 3.0), "the first bucket that fits wins");
        let dir = tempfile::tempdir().unwrap();
        m.save(dir.path()).unwrap();
        assert_eq!(LinearModel::load(dir.path()).unwrap().calibration(), m.calibration());
    }

    #[test]
    fn corrupt_or_foreign_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        tiny().save(dir.path()).unwrap();
        let weights = dir.path().join(WEIGHTS_FILE);
        let mut bytes = std::fs::read(&weights).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&weights, bytes).unwrap();
        let err = LinearModel::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("checksum"), "a changed weights file must fail the checksum, got: {err}");
        std::fs::write(dir.path().join(META_FILE), "{}").unwrap();
        assert!(LinearModel::load(dir.path()).is_err(), "an incomplete model.json must be refused");
    }

    #[test]
    fn bad_shapes_are_refused() {
        assert!(LinearModel::zeros(vec![], 10).is_err(), "no labels");
        assert!(LinearModel::zeros(vec!["a".into()], 40).is_err(), "too many bits");
    }
}
