//! Word classes from pretrained word vectors.
//!
//! The word clusters of [`super::word_clusters`] are learnt from a few
//! million tokens, so most names of other news have none. Pretrained
//! vectors (GloVe 6B: 6 billion tokens of Wikipedia and Gigaword newswire)
//! know hundreds of thousands of words. A linear tagger cannot use dense
//! dimensions well, but classes of the vectors at several granularities
//! work as word-cluster features (Guo et al. 2014), and they cost one hash
//! lookup per word, like the other clusters. So the vectors are clustered
//! at training time by the same tree of spherical k-means (16, 256 and
//! 4,096 classes), and only the word hashes and their leaf codes are kept.
//!
//! The vectors are lower-cased, so a word is looked up by its lower-case
//! normal form (digits as `0`: every number finds the class of the most
//! frequent number of its shape); case comes from the other features.

use super::forms::normalize;
use super::word_clusters::{levels, tree, Point};
use crate::util::binary::Reader;
use crate::util::hash::{hash_str, HashMapU64};
use crate::util::rng::SplitMix64;

/// Settings of [`build`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct VectorConfig {
    /// At most this many words (the first rows of the vectors, which are in frequency order) are classed.
    pub max_words: usize,
    /// k-means iterations at each level.
    pub iterations: usize,
    /// Classes per class of the level above, at most 16.
    pub branch: usize,
    /// Seed of the initial centroids.
    pub seed: u64,
}

impl Default for VectorConfig {
    fn default() -> Self {
        VectorConfig { max_words: 200_000, iterations: 12, branch: 16, seed: 1 }
    }
}

/// Lower-case word hash → leaf code of its vector's class.
#[derive(Debug, Clone, Default)]
pub(crate) struct VectorClasses {
    lower: HashMapU64<u16>,
}

/// A dense, L2-normalised vector.
struct Dense<'a>(&'a [f32]);

impl Point for Dense<'_> {
    fn dot(&self, centroid: &[f32]) -> f32 {
        // Eight partial sums, so that the compiler can use vector registers.
        let mut acc = [0f32; 8];
        let (a, b) = (self.0.chunks_exact(8), centroid.chunks_exact(8));
        let (ra, rb) = (a.remainder(), b.remainder());
        for (x, y) in a.zip(b) {
            for j in 0..8 {
                acc[j] += x[j] * y[j];
            }
        }
        acc.iter().sum::<f32>() + ra.iter().zip(rb).map(|(x, y)| x * y).sum::<f32>()
    }

    fn add_to(&self, centroid: &mut [f32]) {
        centroid.iter_mut().zip(self.0).for_each(|(c, x)| *c += x);
    }
}

impl VectorClasses {
    /// Number of words with a class.
    pub(crate) fn len(&self) -> usize {
        self.lower.len()
    }

    /// Whether no word has a class.
    pub(crate) fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// The class at each level of a token, given the hash of its lower-case normal form.
    pub(crate) fn lookup(&self, lower: u64) -> Option<[u32; 3]> {
        self.lower.get(&lower).map(|&c| levels(u32::from(c)))
    }

    /// Serialises: u64 count + (u64 lower-case hash, u16 leaf code) pairs, sorted by hash.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(u64, u16)> = self.lower.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// Reads what [`VectorClasses::write`] wrote.
    pub(crate) fn read(r: &mut Reader<'_>) -> std::result::Result<VectorClasses, String> {
        let n = r.count(10)?;
        let mut lower = HashMapU64::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            lower.insert(k, r.u16()?);
        }
        Ok(VectorClasses { lower })
    }
}

/// Classes the vectors of `words` (row-major, `dims` floats a word, in
/// frequency order): the first `cfg.max_words` words with a non-zero vector.
/// Deterministic for a given seed.
pub(crate) fn build(words: &[String], vectors: &[f32], dims: usize, cfg: &VectorConfig) -> VectorClasses {
    let mut kept: Vec<&str> = Vec::new();
    let mut rows: Vec<f32> = Vec::new();
    for (w, v) in words.iter().zip(vectors.chunks_exact(dims.max(1))) {
        if kept.len() >= cfg.max_words {
            break;
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 && norm.is_finite() {
            kept.push(w);
            rows.extend(v.iter().map(|x| x / norm));
        }
    }
    let points: Vec<Dense<'_>> = rows.chunks_exact(dims.max(1)).map(Dense).collect();
    let mut rng = SplitMix64::salted(cfg.seed);
    let codes = tree(&points, dims, cfg.branch, cfg.iterations, &mut rng);
    let mut lower = HashMapU64::default();
    let (mut e, mut l) = (String::new(), String::new());
    for (w, code) in kept.iter().zip(codes) {
        normalize(w, &mut e, &mut l);
        // The most frequent word claims a normal form that several share ("1996" and "1997" are both "0000").
        lower.entry(hash_str(&l)).or_insert(code as u16);
    }
    VectorClasses { lower }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::recognize::tagger::forms::lower_hash;

    #[test]
    fn words_with_close_vectors_share_a_class_and_survive_a_round_trip() {
        // Two tight groups of directions, and a zero vector that gets no class.
        let table: [(&str, [f32; 4]); 7] = [
            ("paris", [1.0, 0.1, 0.0, 0.0]),
            ("london", [0.9, 0.0, 0.1, 0.0]),
            ("berlin", [1.0, 0.0, 0.0, 0.1]),
            ("apples", [0.0, 0.0, 1.0, 0.9]),
            ("pears", [0.0, 0.1, 0.9, 1.0]),
            ("figs", [0.1, 0.0, 1.0, 1.0]),
            ("void", [0.0, 0.0, 0.0, 0.0]),
        ];
        let words: Vec<String> = table.iter().map(|(w, _)| w.to_string()).collect();
        let vectors: Vec<f32> = table.iter().flat_map(|(_, v)| *v).collect();
        let cfg = VectorConfig { branch: 2, ..VectorConfig::default() };
        let c = build(&words, &vectors, 4, &cfg);
        let top = |w: &str| c.lookup(lower_hash(w)).map(|l| l[0]);
        assert_eq!(c.len(), 6, "the zero vector is not classed");
        assert_eq!(top("Paris"), top("BERLIN"), "a capitalised word finds its lower-case vector's class");
        assert_eq!(top("apples"), top("figs"));
        assert_ne!(top("paris"), top("pears"), "the two groups are two classes");
        assert_eq!(top("void"), None);
        let mut bytes = Vec::new();
        c.write(&mut bytes);
        let back = VectorClasses::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back.lookup(lower_hash("london")), c.lookup(lower_hash("london")));
        assert_eq!(back.len(), c.len());
    }
}
