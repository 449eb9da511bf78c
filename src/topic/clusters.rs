//! Word clusters: groups of words that pretrained word vectors put close together, as extra topic features.
//!
//! A bag of words knows only the words its training text used. A teaser about a
//! terrier or a diploma, where training saw `dog` and `degree`, has nothing to go
//! on; short items are where this hurts most, and the twelve categories without a
//! labelled corpus learn from few words. Each content word of a text therefore
//! also gives the ids of its clusters at a few granularities (a coarse level for
//! "animals", a fine one for "pets"), hashed like any other feature: the weight
//! learned for a cluster from the training words carries over to the cluster's
//! other words. The clusters were computed once, from GloVe 6B 50d vectors
//! (spherical k-means over the 50,000 most frequent alphabetic words, by
//! `scripts/topic-word-clusters.py`), and ship with the model as a small text
//! file; scoring is one hash lookup per word, no vector arithmetic.
//!
//! File format (gzip text): lines starting with `#` are comments; every other
//! line is `word<TAB>id<TAB>id…`, one id per level, the same number of levels on
//! every line.

use std::io::Read;
use std::path::Path;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::error::{Error, Result};

/// The file name of the clusters inside a model folder.
pub const CLUSTERS_FILE: &str = "word-clusters.tsv.gz";

/// Seed that keeps cluster hashes apart from word and bigram hashes.
const CLUSTER_SEED: u64 = 0x6e65_7773_6e6c_7033;

/// Word → cluster ids at each level, kept as the feature hashes they become.
#[derive(Debug, Clone)]
pub struct WordClusters {
    /// Unique per map read in this process (never 0), so that the featuriser's per-thread word memo can
    /// remember a word's place in this map.
    id: u64,
    /// Word → index of its first hash in `hashes`; a word has `levels` hashes.
    index: FxHashMap<Box<str>, u32>,
    hashes: Vec<u64>,
    levels: usize,
    /// The file as read, written back unchanged when a model is saved.
    raw: Vec<u8>,
}

impl WordClusters {
    /// Parses the gzip text described in the module doc.
    pub fn from_gzip(raw: Vec<u8>) -> std::result::Result<WordClusters, String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_string(&mut text).map_err(|e| format!("not gzip text: {e}"))?;
        let mut index = FxHashMap::default();
        let mut hashes = Vec::new();
        let mut levels = None;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            let word = fields.next().unwrap_or_default();
            let start = hashes.len();
            for (level, id) in fields.enumerate() {
                let id: u32 = id.trim().parse().map_err(|_| format!("line {}: cluster id `{id}` is not a number", n + 1))?;
                let mut key = [0u8; 8];
                key[..4].copy_from_slice(&(level as u32).to_le_bytes());
                key[4..].copy_from_slice(&id.to_le_bytes());
                hashes.push(xxh3_64_with_seed(&key, CLUSTER_SEED));
            }
            let count = hashes.len() - start;
            if *levels.get_or_insert(count) != count || count == 0 {
                return Err(format!("line {}: {count} cluster ids, other lines have {}", n + 1, levels.unwrap_or(0)));
            }
            index.insert(word.into(), start as u32);
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(WordClusters { id, index, hashes, levels: levels.unwrap_or(0), raw })
    }

    /// Reads a clusters file.
    pub fn read(path: &Path) -> Result<WordClusters> {
        let raw = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
        WordClusters::from_gzip(raw).map_err(|m| Error::model(path, m))
    }

    /// The file's bytes, as read.
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Number of words with clusters.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no word has clusters.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// This map's id (see the field).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Where a normalised word's hashes start, for [`WordClusters::hashes_at`]; [`u32::MAX`] for an unknown word.
    pub(crate) fn start_of(&self, word: &str) -> u32 {
        self.index.get(word).copied().unwrap_or(u32::MAX)
    }

    /// The feature hashes of the word at `start` ([`WordClusters::start_of`]), one per level; empty for
    /// [`u32::MAX`].
    pub(crate) fn hashes_at(&self, start: u32) -> &[u64] {
        self.hashes.get(start as usize..start as usize + self.levels).unwrap_or(&[])
    }
}

/// Two maps are equal when they were read from the same bytes, whatever their ids.
impl PartialEq for WordClusters {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    impl WordClusters {
        fn hashes(&self, word: &str) -> &[u64] {
            self.hashes_at(self.start_of(word))
        }
    }

    fn gz(text: &str) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn words_of_one_cluster_share_its_hash_at_that_level_only() {
        let c = WordClusters::from_gzip(gz("# test\ncat\t1\t10\ndog\t1\t11\nbank\t2\t10\n")).unwrap();
        assert_eq!(c.len(), 3);
        let (cat, dog, bank) = (c.hashes("cat"), c.hashes("dog"), c.hashes("bank"));
        assert_eq!(cat.len(), 2, "one hash per level");
        assert_eq!(cat[0], dog[0], "same coarse cluster, same hash");
        assert_ne!(cat[1], dog[1], "different fine clusters");
        assert_ne!(cat[1], bank[0], "level 1 id 10 and level 0 id 2 differ");
        assert_eq!(cat[1], bank[1], "the same id at the same level is the same feature");
        assert!(c.hashes("unknown").is_empty());
    }

    #[test]
    fn malformed_files_are_errors() {
        let cases = ["cat\t1\ndog\t1\t2\n", "cat\tx\n", "cat\n"];
        for text in cases {
            assert!(WordClusters::from_gzip(gz(text)).is_err(), "{text:?} should be refused");
        }
        assert!(WordClusters::from_gzip(b"not gzip".to_vec()).is_err());
    }
}
