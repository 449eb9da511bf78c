//! Word vectors: the mean of a text's word vectors, as dense topic features.
//!
//! A bag of words, even with word clusters ([`super::clusters`]), gives a teaser
//! of eight words eight or so chances to hit a feature the model has weights
//! for. The mean of the words' pretrained vectors is never empty: every known
//! word moves it, and the model learns a direction in the vector space for
//! each topic from all its training text, so that a headline about a kitten
//! rescued from a storm drain lands near the other animal stories even when
//! no word of it was in training. The vectors are GloVe 6B 50d, scaled to unit
//! length and stored as signed bytes with one scale (`scripts/topic-word-vectors.py`),
//! for the words the clusters use; they ship with the model.
//!
//! The features are the dimensions of the weighted mean of the content words'
//! vectors (the same weights as the words' own features: headline words
//! count more, names less), scaled to length [`DENSE_WEIGHT`], in the rows
//! after the hashed buckets (`2^bits + i`), so that the table, the learner and
//! scoring treat them as any other feature. They are not IDF-weighted and not
//! part of the naive Bayes weights (which count non-negative features).
//!
//! File format (gzip): a line `newsnlp-word-vectors 1 <words> <dims> <scale>`,
//! any `#` comment lines, one word per line, an empty line, then
//! `words × dims` signed bytes, a row per word in the order of the words.

use std::io::Read;
use std::path::Path;

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};

/// The file name of the vectors inside a model folder.
pub const VECTORS_FILE: &str = "word-vectors.bin.gz";

const MAGIC: &str = "newsnlp-word-vectors";

/// How long the mean vector is made, relative to the hashed features (which have unit length).
pub(crate) const DENSE_WEIGHT: f32 = 1.0;

// EXPERIMENT ONLY (not to ship).
static EXP_DENSE: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| {
    std::env::var("NEWSNLP_EXP_DENSE").ok().and_then(|s| s.parse().ok()).unwrap_or(DENSE_WEIGHT)
});

/// Word → quantised unit vector.
#[derive(Debug, Clone)]
pub struct WordVectors {
    /// Word → row in `values`.
    index: FxHashMap<Box<str>, u32>,
    dims: usize,
    values: Vec<i8>,
    /// The file as read, written back unchanged when a model is saved.
    raw: Vec<u8>,
}

impl WordVectors {
    /// Parses the gzip file described in the module doc.
    pub fn from_gzip(raw: Vec<u8>) -> std::result::Result<WordVectors, String> {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut bytes).map_err(|e| format!("not gzip: {e}"))?;
        let header_end = bytes.iter().position(|&b| b == b'\n').ok_or("no header line")?;
        let header = std::str::from_utf8(&bytes[..header_end]).map_err(|_| "header is not text")?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [MAGIC, "1", words, dims, scale] = fields[..] else {
            return Err(format!("header `{header}`; expected `{MAGIC} 1 WORDS DIMS SCALE`"));
        };
        let number = |s: &str, what: &str| s.parse::<usize>().map_err(|_| format!("{what} `{s}` is not a number"));
        let (words, dims) = (number(words, "word count")?, number(dims, "dimension count")?);
        let scale: f32 = scale.parse().map_err(|_| format!("scale `{scale}` is not a number"))?;
        if dims == 0 || !(scale.is_finite() && scale > 0.0) {
            return Err(format!("{dims} dimensions and scale {scale}: nothing to read"));
        }
        let mut index = FxHashMap::default();
        let mut at = header_end + 1;
        loop {
            let end = at + bytes[at..].iter().position(|&b| b == b'\n').ok_or("the word list does not end")?;
            let line = std::str::from_utf8(&bytes[at..end]).map_err(|_| "a word is not UTF-8")?;
            at = end + 1;
            if line.is_empty() {
                break;
            }
            if !line.starts_with('#') {
                let row = index.len() as u32;
                index.insert(line.into(), row);
            }
        }
        let values: Vec<i8> = bytes[at..].iter().map(|&b| b as i8).collect();
        if index.len() != words || values.len() != words * dims {
            return Err(format!(
                "header says {words} words of {dims} dimensions; found {} words and {} bytes",
                index.len(),
                values.len()
            ));
        }
        // The scale is checked but not kept: the mean is scaled to a fixed length anyway.
        Ok(WordVectors { index, dims, values, raw })
    }

    /// Reads a vectors file.
    pub fn read(path: &Path) -> Result<WordVectors> {
        let raw = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
        WordVectors::from_gzip(raw).map_err(|m| Error::model(path, m))
    }

    /// The file's bytes, as read.
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Dimensions of a vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of words with vectors.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no word has a vector.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The quantised vector of a normalised word, if it has one.
    pub(crate) fn get(&self, word: &str) -> Option<&[i8]> {
        let row = *self.index.get(word)? as usize;
        self.values.get(row * self.dims..(row + 1) * self.dims)
    }
}

/// Two maps are equal when they were read from the same bytes.
impl PartialEq for WordVectors {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

/// Accumulates the weighted mean of a text's word vectors.
pub(crate) struct MeanVector<'v> {
    vectors: &'v WordVectors,
    sum: Vec<f32>,
    weight: f32,
}

impl<'v> MeanVector<'v> {
    /// An empty mean over `vectors`.
    pub(crate) fn new(vectors: &'v WordVectors) -> MeanVector<'v> {
        MeanVector { vectors, sum: vec![0.0; vectors.dims], weight: 0.0 }
    }

    /// Adds a normalised word at `weight`, if it has a vector.
    pub(crate) fn add(&mut self, word: &str, weight: f32) {
        if let Some(v) = self.vectors.get(word) {
            self.sum.iter_mut().zip(v).for_each(|(s, &q)| *s += weight * f32::from(q));
            self.weight += weight;
        }
    }

    /// The features: `(first + i, value)` for each dimension of the mean scaled to length [`DENSE_WEIGHT`];
    /// none when no word had a vector.
    pub(crate) fn features(&self, first: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let norm = self.sum.iter().map(|v| v * v).sum::<f32>().sqrt();
        let k = if self.weight > 0.0 && norm > 0.0 { *EXP_DENSE / norm } else { 0.0 };
        self.sum.iter().enumerate().filter(move |_| k > 0.0).map(move |(i, &v)| (first + i as u32, v * k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn file(words: &[&str], dims: usize, values: &[i8]) -> Vec<u8> {
        let mut b = format!("{MAGIC} 1 {} {dims} 0.01\n# test\n{}\n\n", words.len(), words.join("\n")).into_bytes();
        b.extend(values.iter().map(|&v| v as u8));
        gz(&b)
    }

    #[test]
    fn reads_words_and_their_rows() {
        let v = WordVectors::from_gzip(file(&["cat", "dog"], 2, &[1, -2, 100, 0])).unwrap();
        assert_eq!((v.len(), v.dims()), (2, 2));
        assert_eq!(v.get("cat"), Some(&[1i8, -2][..]));
        assert_eq!(v.get("dog"), Some(&[100i8, 0][..]));
        assert_eq!(v.get("bank"), None);
    }

    #[test]
    fn malformed_files_are_errors() {
        let cases = [
            file(&["cat"], 2, &[1]),
            file(&["cat", "dog"], 1, &[1]),
            gz(b"newsnlp-word-vectors 2 1 1 0.1\ncat\n\n\x01"),
            gz(b"newsnlp-word-vectors 1 1 1 0\ncat\n\n\x01"),
            gz(b"newsnlp-word-vectors 1 1 1 0.1\ncat\n"),
            b"not gzip".to_vec(),
        ];
        for (i, raw) in cases.into_iter().enumerate() {
            assert!(WordVectors::from_gzip(raw).is_err(), "case {i} should be refused");
        }
    }

    #[test]
    fn the_mean_is_weighted_and_scaled_to_the_dense_weight() {
        let v = WordVectors::from_gzip(file(&["cat", "dog"], 2, &[100, 0, 0, 100])).unwrap();
        let mut m = MeanVector::new(&v);
        m.add("cat", 3.0);
        m.add("dog", 1.0);
        m.add("unknown", 5.0);
        let f: Vec<(u32, f32)> = m.features(10).collect();
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [10, 11]);
        let norm = f.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        assert!((norm - DENSE_WEIGHT).abs() < 1e-5, "length {norm}");
        assert!((f[0].1 / f[1].1 - 3.0).abs() < 1e-4, "cat counts three times as much: {f:?}");
        assert_eq!(MeanVector::new(&v).features(0).count(), 0, "no known word, no features");
    }
}
