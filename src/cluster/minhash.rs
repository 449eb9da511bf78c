//! MinHash near-duplicate detection: word shingles, MinHash signatures and
//! LSH banding, in one pass over a stream.
//!
//! A body is reduced to its set of word 5-shingles (lower-cased runs of
//! letters and digits, so that re-wrapped lines, punctuation and case do not
//! matter). A signature keeps, for each of [`HASHES`] hash functions, the
//! smallest hash over the shingles; two signatures agree at a position with
//! probability equal to the Jaccard similarity of the shingle sets. The
//! index cuts each signature into [`BANDS`] bands of [`ROWS`] rows: two
//! articles become candidates when a whole band agrees (probability
//! `1 - (1 - J^4)^32`: 0.87 at J = 0.5, over 0.999 at J = 0.8, 0.23 at J = 0.3),
//! and a candidate is a match when the estimated Jaccard is at least the
//! threshold (default [`DEFAULT_THRESHOLD`]).
//!
//! Memory per indexed article: the signature (128 × 4 bytes) plus one entry
//! per band in the band table (32 × about 20 bytes), about 1.2 KB. The index
//! holds the most recent `capacity` articles and forgets older ones, so that
//! memory stays bounded on any stream; stories cluster in time, so this
//! loses little.

use std::collections::{HashMap, VecDeque};

use crate::util::hash::{hash_str, GOLDEN_GAMMA};
use crate::util::rng::{splitmix64, SplitMix64};

/// Words per shingle.
pub(crate) const SHINGLE_WORDS: usize = 5;
/// Hash functions per signature.
pub(crate) const HASHES: usize = 128;
/// LSH bands.
pub(crate) const BANDS: usize = 32;
/// Signature rows per band.
pub(crate) const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity of shingle sets from which two bodies are
/// near-duplicates. An edited copy of an article (a sentence changed, a
/// byline added) stays above 0.8; different stories on one event rarely
/// share a quarter of their 5-word shingles.
pub(crate) const DEFAULT_THRESHOLD: f32 = 0.5;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature(pub Box<[u32; HASHES]>);

impl Signature {
    /// The signature of `text`'s word shingles; `None` when it has no words.
    pub(crate) fn of(text: &str) -> Option<Signature> {
        let words: Vec<u64> = words(text).map(|w| hash_str(&w)).collect();
        if words.is_empty() {
            return None;
        }
        let mut mins = Box::new([u32::MAX; HASHES]);
        let k = SHINGLE_WORDS.min(words.len());
        for window in words.windows(k) {
            let h = window.iter().fold(GOLDEN_GAMMA, |acc, w| splitmix64(acc ^ w));
            for (i, m) in mins.iter_mut().enumerate() {
                let v = (splitmix64(h ^ SEEDS[i]) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Some(Signature(mins))
    }

    /// Estimated Jaccard similarity: the share of positions that agree.
    pub(crate) fn similarity(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f32 / HASHES as f32
    }

    /// The key of band `b`: its rows hashed, with the band number mixed in.
    fn band_key(&self, b: usize) -> u64 {
        self.0[b * ROWS..(b + 1) * ROWS].iter().fold(splitmix64(b as u64 + 1), |acc, v| splitmix64(acc ^ u64::from(*v)))
    }
}

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// An LSH index over the signatures of the most recent articles.
#[derive(Debug)]
pub(crate) struct MinHashIndex<T> {
    capacity: usize,
    threshold: f32,
    /// Entries numbered from `first`: (signature, caller's value).
    entries: VecDeque<(Signature, T)>,
    first: u64,
    /// Band key → number of the latest entry with that band.
    bands: HashMap<u64, u64>,
}

impl<T> MinHashIndex<T> {
    /// An index holding at most `capacity` articles, matching from `threshold`.
    pub(crate) fn new(capacity: usize, threshold: f32) -> Self {
        MinHashIndex { capacity: capacity.max(1), threshold, entries: VecDeque::new(), first: 0, bands: HashMap::new() }
    }

    /// The most similar indexed entry at or above the threshold, with its similarity.
    pub(crate) fn best_match(&self, sig: &Signature) -> Option<(&T, f32)> {
        let mut best: Option<(u64, f32)> = None;
        for b in 0..BANDS {
            let Some(&n) = self.bands.get(&sig.band_key(b)) else { continue };
            let Some((other, _)) = self.entry(n) else { continue };
            let s = sig.similarity(other);
            // Ties go to the earlier entry: the closer to the story's first version.
            if s >= self.threshold && best.is_none_or(|(bn, bs)| s > bs || (s == bs && n < bn)) {
                best = Some((n, s));
            }
        }
        best.and_then(|(n, s)| self.entry(n).map(|(_, v)| (v, s)))
    }

    /// Adds an entry, forgetting the oldest when full.
    pub(crate) fn insert(&mut self, sig: Signature, value: T) {
        if self.entries.len() == self.capacity {
            self.evict();
        }
        let n = self.first + self.entries.len() as u64;
        for b in 0..BANDS {
            self.bands.insert(sig.band_key(b), n);
        }
        self.entries.push_back((sig, value));
    }

    fn entry(&self, n: u64) -> Option<&(Signature, T)> {
        n.checked_sub(self.first).and_then(|i| self.entries.get(i as usize))
    }

    fn evict(&mut self) {
        let Some((sig, _)) = self.entries.pop_front() else { return };
        for b in 0..BANDS {
            let key = sig.band_key(b);
            if self.bands.get(&key) == Some(&self.first) {
                self.bands.remove(&key);
            }
        }
        self.first += 1;
    }
}

/// One seed per hash function, fixed so that signatures are reproducible.
static SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut rng = SplitMix64::new(0x2545_f491_4f6c_dd1d);
    let mut i = 0;
    while i < HASHES {
        seeds[i] = rng.next_u64();
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised interest rates by half a point on Tuesday, its biggest move in two \
        decades, as officials tried to bring inflation back under control. Markets had expected a smaller rise. \
        The governor said further increases could follow if prices kept climbing through the winter months. \
        Mortgage lenders said they would pass the increase on to borrowers within days.";

    #[test]
    fn similarity_follows_the_edits() {
        let original = Signature::of(STORY).unwrap();
        let rewrapped = STORY.replace(", ", ",\n").to_uppercase();
        let edited = STORY.replace("Markets had expected a smaller rise.", "Economists were taken by surprise.");
        let other = "The striker scored twice as the home side won the cup final in front of a record crowd.";
        let cases: &[(&str, &str, f32, f32)] = &[
            ("identical", STORY, 1.0, 1.0),
            ("re-wrapped and upper-cased", &rewrapped, 1.0, 1.0),
            ("one sentence changed", &edited, 0.6, 0.95),
            ("another story", other, 0.0, 0.1),
        ];
        for &(name, text, lo, hi) in cases {
            let s = original.similarity(&Signature::of(text).unwrap());
            assert!((lo..=hi).contains(&s), "{name}: similarity {s} outside {lo}..={hi}");
        }
        assert_eq!(Signature::of(" ,.; "), None, "a text without words has no signature");
    }

    #[test]
    fn hash_seeds_are_pinned() {
        // Signatures, and so the story clusters of the tables, depend on these seeds.
        assert_eq!(SEEDS[0], 0xc0e1_6b16_3a85_a4dc, "the first MinHash seed changed");
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf, "the shingle and band hash changed");
    }

    #[test]
    fn the_index_finds_near_duplicates_and_forgets_the_oldest() {
        let mut index = MinHashIndex::new(2, DEFAULT_THRESHOLD);
        index.insert(Signature::of(STORY).unwrap(), "story");
        index.insert(Signature::of("A completely different text about football and the league table.").unwrap(), "football");
        let copy = Signature::of(&STORY.replace("Tuesday", "Wednesday")).unwrap();
        assert_eq!(index.best_match(&copy).map(|(v, _)| *v), Some("story"));
        index.insert(Signature::of("Yet another text, about the weather this weekend in the north.").unwrap(), "weather");
        assert_eq!(index.entries.len(), 2);
        assert_eq!(index.best_match(&copy).map(|(v, _)| *v), None, "the oldest entry should have been forgotten");
    }
}
