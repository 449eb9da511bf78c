//! The model file: weights, gazetteer and clusters in one binary file.
//!
//! One file, so that a model folder cannot hold a gazetteer or clusters
//! that do not match its weights. The layout is little-endian and
//! versioned:
//!
//! ```text
//! magic "NEWSNLP-NER\0", version u32
//! settings: u64 length + JSON (feature families, training record)
//! gazetteer: u64 count + (u64 phrase hash, u16 lists) pairs
//! clusters: two tables of u64 count + (u64 word hash, u16 leaf) pairs (exact
//!   and lower-case forms), then u64 count + (u64 lower-case hash, u8 casing) pairs
//! vector classes (version 2 on): u64 count + (u64 lower-case hash, u16 leaf) pairs
//! stage 1 weights, then u8 (1 if a second stage follows) and its weights:
//!   u64 features, u64 keys[features], f32 scale, i16 rows[features * 16],
//!   f32 transitions[17 * 17]
//! ```
//!
//! Weights are stored as 16-bit integers times one scale per stage, with
//! the O score of each row subtracted (so 16 lanes instead of 17): under
//! half the size of `f32` rows, and the same dev F1 to four decimals.
//! On load, both stages' keys go into one open-addressing table
//! ([`Scorer`]) whose rows hold both stages side by side, so loading is one
//! read and a linear pass, and tagging looks each feature up once.

use std::path::Path;

use super::decode::N_TAGS;
use super::features::{FeatureSet, OwnScores};
use super::{gazetteer::Gazetteer, vector_classes::VectorClasses, word_clusters::Clusters};
use crate::error::{Error, Result};
use crate::util::binary::Reader;

const MAGIC: &[u8; 12] = b"NEWSNLP-NER\0";
const VERSION: u32 = 2;
/// The oldest version this build reads: version 1 had no vector classes.
const OLDEST_VERSION: u32 = 1;

/// Settings and training record stored with the weights.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Settings {
    /// Feature families the weights were trained with.
    pub features: FeatureSet,
    /// How the model was trained (free-form facts for `models/ner/README.md`).
    #[serde(default)]
    pub trained: serde_json::Map<String, serde_json::Value>,
}

/// Scores of the tags other than O per feature: the O score of every row
/// is subtracted from its other scores, which changes no decision (every
/// tag of a token moves by the same amount) and leaves 16 lanes, so that
/// one stage's row is 32 bytes and both stages' rows fill one cache line.
const LANES: usize = N_TAGS - 1;

/// One stage of the linear model: a quantised weight row per feature key, and transition scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Weights {
    keys: Vec<u64>,
    rows: Vec<[i16; LANES]>,
    scale: f32,
    /// `[prev * N_TAGS + cur]`.
    pub transitions: Vec<f32>,
}

impl Weights {
    /// Weights from keys, their rows (`N_TAGS` scores each, key-major) and
    /// transitions. Rows are shifted so that O scores 0 and quantised to 16
    /// bits; rows left all zero are dropped.
    pub(crate) fn new(keys: Vec<u64>, rows: Vec<f32>, transitions: Vec<f32>) -> Weights {
        let shifted = |i: usize| {
            let r = &rows[i * N_TAGS..(i + 1) * N_TAGS];
            std::array::from_fn::<f32, LANES, _>(|j| r[j + 1] - r[0])
        };
        let max = (0..keys.len()).flat_map(&shifted).fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let (mut k, mut q) = (Vec::with_capacity(keys.len()), Vec::with_capacity(keys.len()));
        for (i, &key) in keys.iter().enumerate() {
            let row = shifted(i).map(|x| (x / scale).round() as i16);
            if row.iter().any(|&x| x != 0) {
                k.push(key);
                q.push(row);
            }
        }
        Weights { keys: k, rows: q, scale, transitions }
    }

    /// Number of feature rows.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The scores of a key's row (O first, always 0), if the key has one; for the tests.
    #[cfg(test)]
    fn row(&self, key: u64) -> Option<[f32; N_TAGS]> {
        let i = self.keys.iter().position(|&k| k == key)?;
        Some(std::array::from_fn(|j| if j == 0 { 0.0 } else { f32::from(self.rows[i][j - 1]) * self.scale }))
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.keys.len() as u64).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for x in self.rows.iter().flatten() {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
    }

    fn read(r: &mut Reader<'_>) -> std::result::Result<Weights, String> {
        let n = r.count(8 + 2 * LANES)?;
        let keys = (0..n).map(|_| r.u64()).collect::<std::result::Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        let raw = r.take(n * LANES * 2)?;
        let rows = raw
            .chunks_exact(LANES * 2)
            .map(|c| std::array::from_fn(|j| i16::from_le_bytes([c[2 * j], c[2 * j + 1]])))
            .collect();
        let transitions = (0..N_TAGS * N_TAGS).map(|_| r.f32()).collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(Weights { keys, rows, scale, transitions })
    }
}

/// Both stages' rows of one feature, side by side in one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Row([[i16; LANES]; 2]);

/// The run-time form of a model's weights: every key of either stage in one
/// open-addressing table, so that a token's features are looked up once and
/// serve both stages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scorer {
    /// (key, row index); key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    mask: usize,
    rows: Vec<Row>,
    scale: [f32; 2],
}

impl Scorer {
    /// Indexes the weights of one or two stages.
    pub(crate) fn new(stage1: &Weights, stage2: Option<&Weights>) -> Scorer {
        let n = stage1.len() + stage2.map_or(0, Weights::len);
        let cap = (n * 2).next_power_of_two().max(16);
        let mut s = Scorer {
            slots: vec![(0, 0); cap],
            mask: cap - 1,
            rows: Vec::with_capacity(n),
            scale: [stage1.scale, stage2.map_or(1.0, |w| w.scale)],
        };
        for (stage, w) in [Some(stage1), stage2].into_iter().enumerate() {
            let Some(w) = w else { continue };
            for (&k, row) in w.keys.iter().zip(&w.rows) {
                let r = s.insert(k);
                s.rows[r].0[stage] = *row;
            }
        }
        s
    }

    fn insert(&mut self, key: u64) -> usize {
        let k = nonzero(key);
        let mut i = (k as usize) & self.mask;
        loop {
            match self.slots[i] {
                (0, _) => {
                    self.slots[i] = (k, self.rows.len() as u32);
                    self.rows.push(Row([[0; LANES]; 2]));
                    return self.rows.len() - 1;
                }
                (here, r) if here == k => return r as usize,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    /// The row index of a feature key, if the model knows it.
    #[inline]
    pub(crate) fn find(&self, key: u64) -> Option<u32> {
        let k = nonzero(key);
        let mut i = (k as usize) & self.mask;
        loop {
            let (here, r) = self.slots[i];
            if here == k {
                return Some(r);
            }
            if here == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The row indices of the known keys of every token of a sentence: the keys of token `i` are
    /// `keys[offsets[i]..offsets[i + 1]]`; their rows are appended to `out`, and after each token the length
    /// of `out` to `ends`. The table is far larger than the caches and each key lands at random in it, so the
    /// slots of the keys [`AHEAD`] places on are fetched while this one is probed.
    pub(crate) fn resolve_tokens(&self, keys: &[u64], offsets: &[usize], out: &mut Vec<u32>, ends: &mut Vec<usize>) {
        for &k in keys.iter().take(AHEAD) {
            prefetch(&self.slots[nonzero(k) as usize & self.mask]);
        }
        for token in offsets.windows(2) {
            for j in token[0]..token[1] {
                if let Some(&k) = keys.get(j + AHEAD) {
                    prefetch(&self.slots[nonzero(k) as usize & self.mask]);
                }
                out.extend(self.find(keys[j]));
            }
            ends.push(out.len());
        }
    }

    /// Fetches the rows of `ids` into the cache ahead of [`Scorer::add`] or [`Scorer::add_both`] on them.
    #[inline]
    pub(crate) fn prefetch_rows(&self, ids: &[u32]) {
        for &r in ids {
            prefetch(&self.rows[r as usize]);
        }
    }

    /// The integer sums of both stages' rows of the known keys among `keys` (a word's own features, whose sum
    /// [`Scorer::add`] and [`Scorer::add_both`] then start from).
    pub(crate) fn own_scores(&self, keys: &[u64]) -> OwnScores {
        let mut acc = [0i32; 2 * LANES];
        for r in keys.iter().filter_map(|&k| self.find(k)) {
            for (a, &w) in acc.iter_mut().zip(self.rows[r as usize].0.as_flattened()) {
                *a += i32::from(w);
            }
        }
        acc
    }

    /// Adds one token's `stage` (0 or 1) scores of rows `ids`, and of its own features' sums `own` when
    /// given, into `out` (`N_TAGS` wide, O first).
    #[inline]
    pub(crate) fn add(&self, stage: usize, own: Option<&OwnScores>, ids: &[u32], out: &mut [f32]) {
        let mut acc = [0i32; LANES];
        if let Some(own) = own {
            acc.copy_from_slice(&own[stage * LANES..(stage + 1) * LANES]);
        }
        for &r in ids {
            let row = &self.rows[r as usize].0[stage];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
        let scale = self.scale[stage];
        for (o, a) in out[1..].iter_mut().zip(acc) {
            *o += a as f32 * scale;
        }
    }

    /// [`Scorer::add`] for both stages at once, into `first` and `second`: one pass over the rows (both stages
    /// share a cache line), with the same sums as two calls.
    #[inline]
    pub(crate) fn add_both(&self, own: Option<&OwnScores>, ids: &[u32], first: &mut [f32], second: &mut [f32]) {
        let mut acc = own.copied().unwrap_or([0i32; 2 * LANES]);
        for &r in ids {
            for (a, &w) in acc.iter_mut().zip(self.rows[r as usize].0.as_flattened()) {
                *a += i32::from(w);
            }
        }
        for (stage, out) in [first, second].into_iter().enumerate() {
            let scale = self.scale[stage];
            for (o, a) in out[1..].iter_mut().zip(&acc[stage * LANES..(stage + 1) * LANES]) {
                *o += *a as f32 * scale;
            }
        }
    }
}

/// How many keys ahead [`Scorer::resolve_tokens`] fetches slots: enough misses in flight to hide the memory's
/// latency, few enough that the lines are still cached when their turn comes.
const AHEAD: usize = 16;

/// Asks the CPU to bring `value`'s cache line in, without waiting for it: a hint that changes no result.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only loads a cache line (here of a live reference); it reads nothing the program sees
    // and cannot fault. It is `unsafe` only because the intrinsic carries `#[target_feature(enable = "sse")]`,
    // which every x86-64 CPU has.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Key 0 marks an empty slot, so a key that happens to be 0 is stored as 1.
#[inline]
fn nonzero(k: u64) -> u64 {
    k.max(1)
}

/// Everything a tagger needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Model {
    /// Settings and training record.
    pub settings: Settings,
    /// Compiled gazetteer.
    pub gazetteer: Gazetteer,
    /// Word clusters.
    pub clusters: Clusters,
    /// Classes of pretrained word vectors.
    pub vectors: VectorClasses,
    /// The first (or only) stage.
    pub stage1: Weights,
    /// The second stage, which also sees the first stage's labels across the article.
    pub stage2: Option<Weights>,
    /// Both stages, indexed for tagging.
    pub scorer: Scorer,
    /// Tells this model's per-thread token memo ([`super::features::TokMemo`]) from another model's: a new
    /// number for each [`Model::new`].
    generation: u64,
}

impl Model {
    /// A model from its parts.
    pub(crate) fn new(
        settings: Settings,
        (gazetteer, clusters, vectors): (Gazetteer, Clusters, VectorClasses),
        stage1: Weights,
        stage2: Option<Weights>,
    ) -> Model {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let scorer = Scorer::new(&stage1, stage2.as_ref());
        let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Model { settings, gazetteer, clusters, vectors, stage1, stage2, scorer, generation }
    }

    /// The owner key of this model's token memo: its generation and whether it looks clusters and vectors up.
    pub(crate) fn memo_owner(&self) -> u64 {
        let f = self.settings.features;
        self.generation << 2 | u64::from(f.vectors) << 1 | u64::from(f.clusters)
    }

    /// Serialises the model.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let settings = serde_json::to_vec(&self.settings)?;
        out.extend_from_slice(&(settings.len() as u64).to_le_bytes());
        out.extend_from_slice(&settings);
        self.gazetteer.write(&mut out);
        self.clusters.write(&mut out);
        self.vectors.write(&mut out);
        self.stage1.write(&mut out);
        match &self.stage2 {
            Some(w) => {
                out.push(1);
                w.write(&mut out);
            }
            None => out.push(0),
        }
        Ok(out)
    }

    /// Parses a model from bytes; `path` is for error messages.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Model> {
        let bad = |m: String| Error::model(path, m);
        let mut r = Reader::new(bytes);
        let version = r.header(MAGIC, OLDEST_VERSION..=VERSION, "entity tagger model").map_err(&bad)?;
        let len = r.u64().map_err(&bad)? as usize;
        let settings: Settings = serde_json::from_slice(r.take(len).map_err(&bad)?)
            .map_err(|e| bad(format!("settings: {e}")))?;
        let gazetteer = Gazetteer::read(&mut r).map_err(&bad)?;
        let clusters = Clusters::read(&mut r).map_err(&bad)?;
        let vectors = if version >= 2 { VectorClasses::read(&mut r).map_err(&bad)? } else { VectorClasses::default() };
        let stage1 = Weights::read(&mut r).map_err(&bad)?;
        let stage2 = match r.take(1).map_err(&bad)?[0] {
            0 => None,
            _ => Some(Weights::read(&mut r).map_err(&bad)?),
        };
        if !r.is_empty() {
            return Err(bad("trailing bytes after the weights".into()));
        }
        Ok(Model::new(settings, (gazetteer, clusters, vectors), stage1, stage2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut rows = vec![0.0; 3 * N_TAGS];
        rows[1] = 2.5;
        rows[2 * N_TAGS + 3] = -1.25;
        let weights = Weights::new(vec![7, 0, 9], rows, vec![0.5; N_TAGS * N_TAGS]);
        Model::new(Settings::default(), Default::default(), weights, None)
    }

    #[test]
    fn o_is_the_zero_of_every_row() {
        let mut rows = vec![1.0; N_TAGS];
        rows[0] = 3.0;
        rows[5] = 4.0;
        let w = Weights::new(vec![1], rows, vec![0.0; N_TAGS * N_TAGS]);
        let r = w.row(1).unwrap();
        assert_eq!(r[0], 0.0);
        assert!((r[1] + 2.0).abs() < 1e-3 && (r[5] - 1.0).abs() < 1e-3, "scores keep their differences: {r:?}");
    }

    #[test]
    fn a_model_round_trips_through_bytes() {
        let m = tiny();
        assert_eq!(m.stage1.len(), 2, "the all-zero row of key 0 is dropped");
        let back = Model::from_bytes(&m.to_bytes().unwrap(), Path::new("m.bin")).unwrap();
        let row = back.stage1.row(7).expect("key 7 is known");
        assert!((row[1] - 2.5).abs() < 1e-3, "weights survive quantisation: {}", row[1]);
        assert!((back.stage1.row(9).unwrap()[3] + 1.25).abs() < 1e-3);
        assert!(back.stage1.row(8).is_none(), "unknown keys have no row");
        assert!(back.stage2.is_none());
        let mut scores = [0.0; N_TAGS];
        let ids: Vec<u32> = [7, 8, 9].iter().filter_map(|&k| back.scorer.find(k)).collect();
        back.scorer.add(0, None, &ids, &mut scores);
        assert!((scores[1] - 2.5).abs() < 1e-3 && (scores[3] + 1.25).abs() < 1e-3, "the scorer adds rows: {scores:?}");
        // A token's own rows summed ahead give the same scores as its rows added one by one.
        let own = back.scorer.own_scores(&[7]);
        let mut split = [0.0; N_TAGS];
        back.scorer.add(0, Some(&own), &ids[1..], &mut split);
        assert_eq!(split, scores, "own scores plus the other rows");
    }

    #[test]
    fn a_version_1_file_without_vector_classes_still_loads() {
        let v2 = tiny().to_bytes().unwrap();
        let settings_len = u64::from_le_bytes(v2[16..24].try_into().unwrap()) as usize;
        // Empty gazetteer, cluster and vector tables are 40 zero bytes after the settings; version 1 had 32.
        let tables = 24 + settings_len;
        assert!(v2[tables..tables + 40].iter().all(|&b| b == 0));
        let v1 = [&v2[..12], &1u32.to_le_bytes()[..], &v2[16..tables], &v2[tables + 8..]].concat();
        let m = Model::from_bytes(&v1, Path::new("m.bin")).expect("a version 1 model loads");
        assert!(m.vectors.is_empty());
        let old: FeatureSet = serde_json::from_str(r#"{"gazetteer":true,"clusters":true,"two_stage":true}"#).unwrap();
        assert!(!old.vectors, "the settings of a model trained before vector classes do not ask for them");
        assert!(!old.doc_cues, "nor for the article-level context cues, which came later");
        assert_eq!(m.stage1, tiny().stage1);
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let good = tiny().to_bytes().unwrap();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("bad magic", b"NOT-A-MODEL-AT-ALL".to_vec()),
            ("truncated", good[..good.len() / 2].to_vec()),
            ("trailing bytes", [good.clone(), vec![0]].concat()),
        ];
        for (name, bytes) in cases {
            assert!(Model::from_bytes(&bytes, Path::new("m.bin")).is_err(), "{name} must be rejected");
        }
    }
}
