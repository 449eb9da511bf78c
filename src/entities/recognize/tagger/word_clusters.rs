//! Word clusters learnt from unlabelled news text.
//!
//! Words that occur in the same contexts get the same class, so a name the
//! labelled data never showed still shares features with names it did: the
//! classic semi-supervised feature for NER (Brown clusters in Ratinov and
//! Roth 2009). Brown clustering is slow on two cores, so this builds a
//! hierarchy of the same shape a different way:
//!
//! 1. each word with enough occurrences is described by its left and right
//!    neighbours among the most frequent words, weighted by positive PMI
//!    (with context counts smoothed to the power 0.75) and normalised;
//! 2. spherical k-means splits the words into 16 classes, then each class
//!    into 16, then each of those into 16: a three-level tree of up to
//!    4,096 leaves, whose levels play the part of Brown bit-prefixes.
//!
//! Every step is deterministic for a given seed. A word is looked up by its
//! exact (normalised) form, then by its lower-case form, which maps to the
//! class of its most frequent spelling: "LEICESTERSHIRE" finds "Leicestershire".

use super::forms::{caps, line_case, normalize, Caps, LineCase};
use crate::util::binary::Reader;
use crate::util::hash::{hash_str, HashMapU64};
use crate::util::rng::SplitMix64;

/// Levels of the tree; each level takes 4 bits of a leaf's code.
const LEVELS: usize = 3;

/// Settings of [`build`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClusterConfig {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// Number of context words on each side.
    pub contexts: usize,
    /// k-means iterations at each level.
    pub iterations: usize,
    /// Classes per class of the level above, at most 16.
    pub branch: usize,
    /// Seed of the initial centroids.
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { min_count: 3, max_words: 80_000, contexts: 1_000, iterations: 12, branch: 16, seed: 1 }
    }
}

/// Word → cluster path, and how the word is usually cased.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    exact: HashMapU64<u32>,
    lower: HashMapU64<u32>,
    /// Per lower-case form: a bucket of the share of its mid-sentence
    /// occurrences in ordinary prose that are lower case (see [`casing_bucket`]).
    casing: HashMapU64<u8>,
}

impl Clusters {
    /// Number of words with a cluster.
    pub(crate) fn len(&self) -> usize {
        self.exact.len()
    }

    /// Whether no word has a cluster.
    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// The cluster path (class at each level) of a token, given the hashes
    /// of its normal forms (exact, lower case; see [`super::forms`]).
    pub(crate) fn lookup(&self, exact: u64, lower: u64) -> Option<[u32; 3]> {
        let code = self.exact.get(&exact).or_else(|| self.lower.get(&lower))?;
        Some(levels(*code))
    }

    /// How the unlabelled text usually cases a word, given the hash of its
    /// lower-case form: 0 (always capitalised) to 4 (always lower case);
    /// `None` for words seen too rarely. A capital in a title-case headline
    /// means little for a word that prose writes in lower case ("Shares").
    pub(crate) fn casing(&self, lower: u64) -> Option<u8> {
        self.casing.get(&lower).copied()
    }

    /// Clusters that know only the casing buckets of some words; for the tests of rules that read them.
    #[cfg(test)]
    pub(crate) fn with_casing(words: &[(&str, u8)]) -> Clusters {
        let casing = words.iter().map(|&(w, b)| (super::forms::lower_hash(w), b)).collect();
        Clusters { casing, ..Clusters::default() }
    }

    /// Serialises: two tables of (hash, code) sorted by hash, then the casing table.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        for table in [&self.exact, &self.lower] {
            let mut pairs: Vec<(u64, u32)> = table.iter().map(|(&k, &v)| (k, v)).collect();
            pairs.sort_unstable();
            out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
            for (k, v) in pairs {
                out.extend_from_slice(&k.to_le_bytes());
                out.extend_from_slice(&(v as u16).to_le_bytes());
            }
        }
        let mut pairs: Vec<(u64, u8)> = self.casing.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
    }

    /// Reads what [`Clusters::write`] wrote.
    pub(crate) fn read(r: &mut Reader<'_>) -> std::result::Result<Clusters, String> {
        let mut tables = Vec::with_capacity(2);
        for _ in 0..2 {
            let n = r.count(10)?;
            let mut t = HashMapU64::with_capacity_and_hasher(n, Default::default());
            for _ in 0..n {
                let k = r.u64()?;
                t.insert(k, u32::from(r.u16()?));
            }
            tables.push(t);
        }
        let lower = tables.pop().unwrap_or_default();
        let exact = tables.pop().unwrap_or_default();
        let n = r.count(9)?;
        let mut casing = HashMapU64::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            casing.insert(k, r.take(1)?[0]);
        }
        Ok(Clusters { exact, lower, casing })
    }
}

/// Reads unlabelled text into tokenised sentences: `.jsonl` files (their
/// `title` and `text` fields), word/TAG files (the Brown corpus: tags are
/// dropped), plain-text files, and folders of any of these (README and
/// index files skipped). Paragraphs are separated by blank lines, or by
/// line ends in files of one paragraph per line.
pub(crate) fn read_unlabelled(paths: &[std::path::PathBuf]) -> crate::Result<Vec<Vec<String>>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| crate::Error::io("listing", p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .filter(|f| {
                    let name = f.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                    !(name.starts_with("readme") || name == "cats.txt" || name.ends_with(".zip") || name.ends_with(".md"))
                })
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).map_err(|e| crate::Error::io("reading", &f, e))?;
        let text = String::from_utf8_lossy(&bytes);
        if f.extension().is_some_and(|e| e == "jsonl") {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line)?;
                for field in ["title", "text"] {
                    if let Some(t) = v.get(field).and_then(|t| t.as_str()) {
                        push_text(t, &mut out);
                    }
                }
            }
        } else if is_word_tag(&text) {
            for line in text.lines() {
                let s: Vec<String> = line
                    .split_whitespace()
                    .map(|wt| wt.rsplit_once('/').map_or(wt, |(w, _)| w).to_string())
                    .collect();
                if !s.is_empty() {
                    out.push(s);
                }
            }
        } else {
            // One paragraph per line is the common layout of plain news dumps.
            for line in text.lines() {
                push_text(line, &mut out);
            }
        }
    }
    Ok(out)
}

/// Whether most whitespace-separated items of the first lines look like word/TAG.
fn is_word_tag(text: &str) -> bool {
    let items: Vec<&str> = text.split_whitespace().take(200).collect();
    let tagged = items.iter().filter(|w| w.rsplit_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())).count();
    !items.is_empty() && tagged * 10 >= items.len() * 9
}

fn push_text(text: &str, out: &mut Vec<Vec<String>>) {
    for s in crate::segment::sentence_tokens(text).into_iter().filter(|s| !s.is_empty()) {
        out.push(s.into_iter().map(|r| text[r].to_string()).collect());
    }
}

/// The class at each level of a leaf code (4 bits a level).
pub(crate) fn levels(code: u32) -> [u32; 3] {
    [code >> 8, code >> 4, code]
}

/// Learns clusters from tokenised sentences.
pub(crate) fn build<'a>(sentences: impl Iterator<Item = Vec<&'a str>> + Clone, cfg: &ClusterConfig) -> Clusters {
    // Normalised forms are counted; each sentence is walked twice, so they are interned once.
    let mut ids: HashMapU64<u32> = HashMapU64::default();
    let mut forms: Vec<(String, String)> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut corpus: Vec<Vec<u32>> = Vec::new();
    let (mut e, mut l) = (String::new(), String::new());
    for s in sentences {
        let mut ids_s = Vec::with_capacity(s.len());
        for t in s {
            normalize(t, &mut e, &mut l);
            let h = hash_str(&e);
            let id = *ids.entry(h).or_insert_with(|| {
                forms.push((e.clone(), l.clone()));
                counts.push(0);
                (forms.len() - 1) as u32
            });
            counts[id as usize] += 1;
            ids_s.push(id);
        }
        corpus.push(ids_s);
    }

    // The words to cluster and the context words, by frequency (ties by form, for determinism).
    let mut by_freq: Vec<u32> = (0..forms.len() as u32).collect();
    by_freq.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then_with(|| forms[a as usize].0.cmp(&forms[b as usize].0)));
    let words: Vec<u32> =
        by_freq.iter().copied().filter(|&w| counts[w as usize] >= cfg.min_count).take(cfg.max_words).collect();
    let mut row_of = vec![u32::MAX; forms.len()];
    for (r, &w) in words.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    let mut ctx_of = vec![u32::MAX; forms.len()];
    for (c, &w) in by_freq.iter().take(cfg.contexts).enumerate() {
        ctx_of[w as usize] = c as u32;
    }
    // Sentence boundaries are a context of their own.
    let boundary = cfg.contexts as u32;
    let dims = 2 * (cfg.contexts + 1);

    let mut cooc: Vec<HashMapU64<f32>> = vec![HashMapU64::default(); words.len()];
    let mut ctx_total = vec![0f64; dims];
    for s in &corpus {
        for (i, &w) in s.iter().enumerate() {
            let r = row_of[w as usize];
            if r == u32::MAX {
                continue;
            }
            let left = if i == 0 { boundary } else { ctx_of[s[i - 1] as usize] };
            let right = s.get(i + 1).map_or(boundary, |&n| ctx_of[n as usize]);
            for (side, c) in [(0, left), (1, right)] {
                if c != u32::MAX {
                    let d = side * (cfg.contexts + 1) + c as usize;
                    *cooc[r as usize].entry(d as u64).or_default() += 1.0;
                    ctx_total[d] += 1.0;
                }
            }
        }
    }

    // Positive PMI with smoothed context probabilities, rows L2-normalised.
    let smoothed: Vec<f64> = ctx_total.iter().map(|&c| c.powf(0.75)).collect();
    let smoothed_sum: f64 = smoothed.iter().sum();
    let vectors: Vec<Vec<(u32, f32)>> = cooc
        .into_iter()
        .map(|row| {
            let total: f32 = row.values().sum();
            let mut v: Vec<(u32, f32)> = row
                .into_iter()
                .filter_map(|(d, n)| {
                    let p_ctx = smoothed[d as usize] / smoothed_sum;
                    let pmi = ((n / total) as f64 / p_ctx).ln();
                    (pmi > 0.0).then_some((d as u32, pmi as f32))
                })
                .collect();
            v.sort_unstable_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect();

    let mut rng = SplitMix64::salted(cfg.seed);
    let code = tree(&vectors, dims, cfg.branch, cfg.iterations, &mut rng);

    let mut clusters = Clusters { casing: casing_table(&corpus, &forms), ..Clusters::default() };
    for (r, &w) in words.iter().enumerate() {
        let (exact, lower) = &forms[w as usize];
        clusters.exact.insert(hash_str(exact), code[r]);
        // The most frequent spelling comes first, so it claims the lower-case form.
        clusters.lower.entry(hash_str(lower)).or_insert(code[r]);
    }
    clusters
}

/// The casing buckets of every lower-case form seen at least 3 times mid-sentence in ordinary prose.
fn casing_table(corpus: &[Vec<u32>], forms: &[(String, String)]) -> HashMapU64<u8> {
    let form_caps: Vec<Caps> = forms.iter().map(|(e, _)| caps(e)).collect();
    let mut counts: HashMapU64<(u32, u32)> = HashMapU64::default();
    for s in corpus {
        let words: Vec<&str> = s.iter().map(|&id| forms[id as usize].0.as_str()).collect();
        if line_case(&words) != LineCase::Normal {
            continue;
        }
        for &id in &s[1..] {
            let c = counts.entry(hash_str(&forms[id as usize].1)).or_default();
            match form_caps[id as usize] {
                Caps::Lower => c.0 += 1,
                Caps::Initial => c.1 += 1,
                _ => {}
            }
        }
    }
    counts.into_iter().filter(|(_, (l, c))| l + c >= 3).map(|(k, (l, c))| (k, casing_bucket(l, c))).collect()
}

/// 0 to 4 by the share of lower-case occurrences: under 5%, 30%, 70%, 95%, or above.
fn casing_bucket(lower: u32, capitalised: u32) -> u8 {
    let share = f64::from(lower) / f64::from((lower + capitalised).max(1));
    match share {
        s if s < 0.05 => 0,
        s if s < 0.3 => 1,
        s if s < 0.7 => 2,
        s if s < 0.95 => 3,
        _ => 4,
    }
}

/// The leaf code of every point of a tree of [`LEVELS`] levels of spherical k-means, each level splitting
/// every class of the level above into `branch` (2 to 16) classes; 4 bits a level, the top level highest.
pub(crate) fn tree<P: Point>(vectors: &[P], dims: usize, branch: usize, iterations: usize, rng: &mut SplitMix64) -> Vec<u32> {
    let branch = branch.clamp(2, 16);
    let mut code = vec![0u32; vectors.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..vectors.len()).collect()];
    for _ in 0..LEVELS {
        let mut next = Vec::with_capacity(groups.len() * branch);
        for members in &groups {
            let assign = kmeans(vectors, members, dims, branch, iterations, rng);
            let mut split: Vec<Vec<usize>> = vec![Vec::new(); branch];
            for (&m, &k) in members.iter().zip(&assign) {
                code[m] = code[m] << 4 | k as u32;
                split[k].push(m);
            }
            next.extend(split);
        }
        groups = next;
    }
    code
}

/// A point that spherical k-means can cluster: a row of sparse PPMI weights here, a dense word vector in
/// [`super::vector_classes`]. Both are L2-normalised.
pub(crate) trait Point {
    /// The dot product with a dense centroid.
    fn dot(&self, centroid: &[f32]) -> f32;
    /// Adds the point into a dense centroid.
    fn add_to(&self, centroid: &mut [f32]);
}

impl Point for Vec<(u32, f32)> {
    fn dot(&self, centroid: &[f32]) -> f32 {
        self.iter().map(|&(d, x)| x * centroid[d as usize]).sum()
    }

    fn add_to(&self, centroid: &mut [f32]) {
        for &(d, x) in self {
            centroid[d as usize] += x;
        }
    }
}

/// Spherical k-means over the rows `members`; returns a class per member.
fn kmeans<P: Point>(vectors: &[P], members: &[usize], dims: usize, k: usize, iterations: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut assign = vec![0usize; members.len()];
    if members.len() <= k {
        return (0..members.len()).collect();
    }
    // Initial centroids: distinct members drawn at random (members are in frequency order).
    let mut centroids = vec![0f32; k * dims];
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < k {
        picked.insert(rng.below(members.len()));
    }
    for (c, &m) in picked.iter().enumerate() {
        vectors[members[m]].add_to(&mut centroids[c * dims..(c + 1) * dims]);
    }
    for _ in 0..iterations {
        for (a, &m) in assign.iter_mut().zip(members) {
            let v = &vectors[m];
            let mut best = (f32::NEG_INFINITY, 0);
            for c in 0..k {
                let s = v.dot(&centroids[c * dims..(c + 1) * dims]);
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = best.1;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        let mut sizes = vec![0usize; k];
        for (&a, &m) in assign.iter().zip(members) {
            sizes[a] += 1;
            vectors[m].add_to(&mut centroids[a * dims..(a + 1) * dims]);
        }
        for c in 0..k {
            if sizes[c] == 0 {
                // An empty class restarts from a random member.
                let m = members[rng.below(members.len())];
                vectors[m].add_to(&mut centroids[c * dims..(c + 1) * dims]);
            }
            let cent = &mut centroids[c * dims..(c + 1) * dims];
            let norm = cent.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            cent.iter_mut().for_each(|x| *x /= norm);
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut text = Vec::new();
        for name in ["Paris", "London", "Berlin", "Madrid"] {
            for verb in ["visited", "left", "reached"] {
                text.push(format!("He {verb} {name} today ."));
            }
        }
        for food in ["apples", "pears", "plums", "figs"] {
            for verb in ["ate", "sold", "bought"] {
                text.push(format!("She {verb} some {food} yesterday ."));
            }
        }
        let sentences: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let cfg = ClusterConfig { min_count: 1, contexts: 20, branch: 2, ..ClusterConfig::default() };
        let c = build(sentences.iter().cloned(), &cfg);
        let leaf = |w: &str| {
            let (mut e, mut l) = (String::new(), String::new());
            normalize(w, &mut e, &mut l);
            c.lookup(hash_str(&e), hash_str(&l)).map(|l| l[2])
        };
        assert!(leaf("Paris").is_some(), "every counted word gets a class");
        assert_eq!(leaf("Paris"), leaf("Berlin"), "words with the same contexts share a leaf");
        assert_eq!(leaf("apples"), leaf("figs"), "words with the same contexts share a leaf");
        assert_eq!(leaf("PARIS"), leaf("Paris"), "an unseen spelling falls back on its lower-case form");
        assert_eq!(leaf("Lisbon"), None, "an unseen word has no class");
        let casing = |w: &str| c.casing(super::super::forms::lower_hash(w));
        assert_eq!(casing("today"), Some(4), "\"today\" is written in lower case");
        assert_eq!(casing("Paris"), Some(0), "\"Paris\" is always capitalised");
        let distinct: std::collections::BTreeSet<_> = ["He", "Paris", "apples", "today", "."].iter().map(|w| leaf(w)).collect();
        assert!(distinct.len() > 1, "the words do not all fall into one class");
    }
}
