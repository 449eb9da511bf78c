//! Text → hashed sparse features for the linear topic models.
//!
//! Words are lower-cased runs of letters and digits (`Canada's` → `canada`,
//! `don't` → `dont`); any word with a digit becomes `#`, since for topics the
//! value of a number matters less than its neighbours (`# pct`, `# mln`). A short
//! stop list is dropped, and the remaining words are stemmed (Snowball English:
//! `arrested`, `arrests` → `arrest`) and give unigrams and bigrams (`interest
//! rate`, `box offic`, `freez rain`). Stemming matters here because the
//! training signal for most categories is small: a model that saw `teachers`
//! should know `teacher`, and a seed term should match its inflections. Each feature is hashed
//! (xxh3) into `2^bits` buckets: no vocabulary to ship or keep in sync, and a
//! model for any label set has the same shape. Headline words count
//! [`TITLE_WEIGHT`] times, since a headline says what a story is about more
//! densely than its body. Values are sublinear in the count (`ln(1 + n)`)
//! and the vector is L2-normalised, so that a teaser and a long feature
//! land on the same scale.
//!
//! A model may also have word clusters ([`super::clusters`]): each content
//! word then also gives its clusters' hashes as unigram features, at
//! [`CLUSTER_WEIGHT`] of the word's weight, and never as part of a bigram.
//!
//! A model also scales each bucket by its inverse document frequency in the
//! training text ([`idf_table`], [`apply_idf`]) before normalising: words
//! that every wire story has (`official`, `today`, `meeting`) otherwise pick
//! up the topic of whichever corpus has the most wire stories.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::clusters::WordClusters;

/// Names the feature extraction; a model records it, and loading checks it.
pub(crate) const FEATURES_NAME: &str = "words-snowball-en-unigram-bigram-v1";

static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> =
    std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

/// How much a word written as a name (`Ukraine`, `Reuters`) counts, relative
/// to other words: names tie a topic to the years of the training corpora
/// (Ukraine was a grain and gas story in 1987-2006), common words do not.
pub(crate) const NAME_WEIGHT: f32 = 0.3;

/// How much a headline word counts, relative to a body word.
pub(crate) const TITLE_WEIGHT: f32 = 2.0;

/// Seeds that keep unigram and bigram hashes apart.
const UNIGRAM_SEED: u64 = 0x6e65_7773_6e6c_7031;
const BIGRAM_SEED: u64 = 0x6e65_7773_6e6c_7032;

/// Words too common to say anything about a topic.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in",
    "into", "is", "it", "its", "me", "more", "most", "mr", "mrs", "ms", "my", "no", "not", "of", "on", "one", "or",
    "our", "out", "over", "said", "says", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "which", "who", "will",
    "with", "would", "you", "your",
];

/// A sparse feature vector: (bucket, value), sorted by bucket, buckets unique.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Splits text into normalised words (see the module doc), stop words included.
pub(crate) fn words(text: &str) -> Vec<String> {
    cased_words(text).into_iter().map(|w| w.text).collect()
}

/// A normalised word and whether it was written as a name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CasedWord {
    /// The normalised word.
    pub text: String,
    /// Capitalised (not all capitals) and not the first word of a sentence or line.
    pub name: bool,
}

/// [`words`], each marked when it looks like a name.
pub(crate) fn cased_words(text: &str) -> Vec<CasedWord> {
    let mut out = Vec::new();
    for_each_cased_word(text, |text, name| out.push(CasedWord { text: text.to_string(), name }));
    out
}

/// Calls `f` with each word of [`cased_words`] and whether it looks like a name, without allocating a string
/// per word.
fn for_each_cased_word(text: &str, mut f: impl FnMut(&str, bool)) {
    let mut word = Word::default();
    let mut sentence_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if word.text.is_empty() {
                word.capitalised = c.is_uppercase() && !sentence_start;
            } else if c.is_lowercase() {
                word.all_caps_so_far = false;
            }
            word.has_digit |= c.is_numeric();
            word.text.extend(c.to_lowercase());
        } else if (c == '.' || c == ',') && word.has_digit && chars.peek().is_some_and(char::is_ascii_digit) {
            // A decimal point or thousands separator: still the same number.
        } else if (c == '\'' || c == '’') && !word.text.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // A possessive `'s` adds nothing; other apostrophes join (`don't` → `dont`).
            let mut rest = chars.clone();
            let possessive = matches!(rest.next(), Some('s' | 'S')) && !rest.next().is_some_and(char::is_alphanumeric);
            if possessive {
                chars.next();
            }
        } else {
            if word.flush(&mut f) {
                sentence_start = false;
            }
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | '—' | '"' | '“') {
                sentence_start = true;
            }
        }
    }
    word.flush(&mut f);
}

struct Word {
    text: String,
    has_digit: bool,
    capitalised: bool,
    all_caps_so_far: bool,
}

impl Default for Word {
    fn default() -> Self {
        Word { text: String::new(), has_digit: false, capitalised: false, all_caps_so_far: true }
    }
}

impl Word {
    /// Passes the word, if any, to `f` and resets; says whether there was one.
    fn flush(&mut self, f: &mut impl FnMut(&str, bool)) -> bool {
        let had = !self.text.is_empty();
        if had {
            let name = self.capitalised && !self.all_caps_so_far && !self.has_digit;
            f(if self.has_digit { "#" } else { &self.text }, name);
        }
        self.text.clear();
        (self.has_digit, self.capitalised, self.all_caps_so_far) = (false, false, true);
        had
    }
}

/// Whether a normalised word is on the stop list.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The stem of a normalised word.
pub(crate) fn stem(word: &str) -> String {
    with_stem(word, |stem, _| stem.to_string())
}

/// Calls `f` with the stem of `word` and the stem's unigram hash.
fn with_stem<R>(word: &str, f: impl FnOnce(&str, u64) -> R) -> R {
    with_memo(word, |m| f(&m.stem, m.hash))
}

/// The unigram hash of a word's stem and the feature hashes of its clusters, or `None` for a stop word.
fn content_word<'c>(word: &str, clusters: Option<&'c WordClusters>) -> Option<(u64, &'c [u64])> {
    with_memo(word, |m| {
        if m.stop {
            return None;
        }
        let Some(c) = clusters else { return Some((m.hash, &[][..])) };
        let (owner, known) = m.clusters.get();
        let start = if owner == c.id() {
            known
        } else {
            let start = c.start_of(word);
            m.clusters.set((c.id(), start));
            start
        };
        Some((m.hash, c.hashes_at(start)))
    })
}

/// What [`with_memo`] keeps of a word.
struct Memo {
    stem: String,
    hash: u64,
    stop: bool,
    /// The word's place in the last [`WordClusters`] it was looked up in: (that map's id, index), so that
    /// a word costs one hash lookup, not two (0 is no map's id).
    clusters: std::cell::Cell<(u64, u32)>,
}

/// Calls `f` with the stem of `word`, its unigram hash and whether it is a stop word. News repeats its
/// vocabulary: a per-thread memo of recent words is several times faster than the Snowball stemmer (and
/// hashing again). It is emptied when full, so that it stays small on any stream.
fn with_memo<R>(word: &str, f: impl FnOnce(&Memo) -> R) -> R {
    const MEMO_WORDS: usize = 50_000;
    const MEMO_WORD_BYTES: usize = 64;
    thread_local! {
        static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<String, Memo>> = Default::default();
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(m) = memo.get(word) {
            return f(m);
        }
        let stem = STEMMER.stem(word).into_owned();
        let hash = xxh3_64_with_seed(stem.as_bytes(), UNIGRAM_SEED);
        let m = Memo { stem, hash, stop: is_stop_word(word), clusters: Default::default() };
        let out = f(&m);
        // Long words (runs of letters in tables or links) are rare and not kept: the memo stays small in bytes.
        if word.len() <= MEMO_WORD_BYTES {
            if memo.len() >= MEMO_WORDS {
                memo.clear();
            }
            memo.insert(word.to_string(), m);
        }
        out
    })
}

/// The hashed feature vector of a headline and body.
pub(crate) fn featurize(title: &str, body: &str, bits: u32, clusters: Option<&WordClusters>) -> SparseVec {
    let mut raw: Vec<(u32, f32)> = Vec::new();
    let mask = (1u64 << bits) - 1;
    for (text, weight) in [(title, TITLE_WEIGHT), (body, 1.0)] {
        let words = weighted_content_words(text, weight, clusters, &mut |h, w| raw.push(((h & mask) as u32, w)));
        add_counts(&words, bits, &mut raw);
    }
    finish(raw)
}

/// How much a word's cluster feature counts, relative to the word itself: half, so that the word's own
/// evidence leads and its cluster's fills in where the word was never seen (0.35 to 0.75 measured the same).
pub(crate) const CLUSTER_WEIGHT: f32 = 0.5;

/// Unigram hashes of the content words (stemmed), each with its weight: names count [`NAME_WEIGHT`] as much.
/// Each content word's cluster hashes go to `cluster`, with its weight times [`CLUSTER_WEIGHT`].
fn weighted_content_words(
    text: &str,
    weight: f32,
    clusters: Option<&WordClusters>,
    cluster: &mut impl FnMut(u64, f32),
) -> Vec<(u64, f32)> {
    let mut out = Vec::new();
    for_each_cased_word(text, |word, name| {
        if let Some((hash, cluster_hashes)) = content_word(word, clusters) {
            let w = if name { weight * NAME_WEIGHT } else { weight };
            out.push((hash, w));
            cluster_hashes.iter().for_each(|&h| cluster(h, w * CLUSTER_WEIGHT));
        }
    });
    out
}

fn add_counts(hashes: &[(u64, f32)], bits: u32, out: &mut Vec<(u32, f32)>) {
    let mask = (1u64 << bits) - 1;
    for (i, &(h, weight)) in hashes.iter().enumerate() {
        out.push(((h & mask) as u32, weight));
        if let Some(&(next, next_weight)) = hashes.get(i + 1) {
            let mut pair = [0u8; 16];
            pair[..8].copy_from_slice(&h.to_le_bytes());
            pair[8..].copy_from_slice(&next.to_le_bytes());
            out.push(((xxh3_64_with_seed(&pair, BIGRAM_SEED) & mask) as u32, weight.min(next_weight)));
        }
    }
}

/// Merges duplicate buckets, applies `ln(1 + n)` and L2-normalises.
fn finish(mut raw: Vec<(u32, f32)>) -> SparseVec {
    raw.sort_unstable_by_key(|&(b, _)| b);
    let mut merged: SparseVec = Vec::with_capacity(raw.len());
    for (b, v) in raw {
        match merged.last_mut() {
            Some((last, acc)) if *last == b => *acc += v,
            _ => merged.push((b, v)),
        }
    }
    let mut norm = 0.0f32;
    for (_, v) in merged.iter_mut() {
        *v = v.ln_1p();
        norm += *v * *v;
    }
    if norm > 0.0 {
        let inv = norm.sqrt().recip();
        merged.iter_mut().for_each(|(_, v)| *v *= inv);
    }
    merged
}

/// Inverse document frequency per bucket over `docs`: `ln((n + 1) / (df + 1)) + 1`,
/// rounded to the 1/16 steps the model file stores.
pub(crate) fn idf_table<'a>(docs: impl Iterator<Item = &'a SparseVec>, bits: u32) -> Vec<f32> {
    let mut df = vec![0u32; 1 << bits];
    let mut n = 0u32;
    for d in docs {
        n += 1;
        d.iter().for_each(|&(b, _)| df[b as usize] += 1);
    }
    df.iter().map(|&f| quantize_idf(((n as f32 + 1.0) / (f as f32 + 1.0)).ln() + 1.0) as f32 / 16.0).collect()
}

/// An IDF value as stored: sixteenths, 1..=255.
pub(crate) fn quantize_idf(idf: f32) -> u8 {
    (idf * 16.0).round().clamp(1.0, 255.0) as u8
}

/// Scales a normalised vector by IDF and normalises it again.
pub(crate) fn apply_idf(x: &mut SparseVec, idf: &[f32]) {
    let mut norm = 0.0f32;
    for (b, v) in x.iter_mut() {
        *v *= idf[*b as usize];
        norm += *v * *v;
    }
    if norm > 0.0 {
        let inv = norm.sqrt().recip();
        x.iter_mut().for_each(|(_, v)| *v *= inv);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content words of a text, as the features see them: [`words`] without stop words, stemmed.
    fn content_words(text: &str) -> Vec<String> {
        words(text).into_iter().filter(|w| !is_stop_word(w)).map(|w| stem(&w)).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS, "keep STOP_WORDS sorted: is_stop_word uses binary search");
    }

    #[test]
    fn words_are_normalised() {
        let cases: &[(&str, &[&str])] = &[
            ("Canada's PM", &["canada", "pm"]),
            ("Canada’s role", &["canada", "role"]),
            ("don't stop", &["dont", "stop"]),
            ("rates rose 0.25 pct", &["rates", "rose", "#", "pct"]),
            ("won 3-1 at home", &["won", "#", "#", "at", "home"]),
            ("single-use plastic", &["single", "use", "plastic"]),
            ("Zürich €5 — 🎉", &["zürich", "#"]),
            ("the players' union", &["the", "players", "union"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "words({text:?})");
        }
    }

    #[test]
    fn names_are_capitalised_words_inside_sentences() {
        let names =
            |text: &str| -> Vec<String> { cased_words(text).into_iter().filter(|w| w.name).map(|w| w.text).collect() };
        let cases: &[(&str, &[&str])] = &[
            ("Talks in Paris. Ukraine wants a deal.", &["paris"]),
            ("PARIS — Prime Minister Mark Carney", &["minister", "mark", "carney"]),
            ("NATO and the UN met", &[]),
            ("He said: \"Peace is near\", adding Kyiv agreed", &["kyiv"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "names in {text:?}");
        }
    }

    #[test]
    fn content_words_drop_stop_words_and_stem() {
        let cases: &[(&str, &[&str])] = &[
            ("Police arrested the suspects", &["polic", "arrest", "suspect"]),
            ("Teachers and a teacher", &["teacher", "teacher"]),
            ("the of and", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(content_words(text), *want, "content_words({text:?})");
        }
    }

    #[test]
    fn features_are_sorted_unique_and_unit_length() {
        let f = featurize("Rates rise", "The central bank raised interest rates. Rates rise again.", 12, None);
        assert!(f.windows(2).all(|w| w[0].0 < w[1].0), "buckets must be sorted and unique");
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4, "the vector must be L2-normalised, got {norm}");
        assert!(f.iter().all(|&(b, _)| b < 1 << 12), "buckets must fit the table");
    }

    #[test]
    fn empty_text_has_no_features() {
        assert!(featurize("", "", 10, None).is_empty());
        assert!(featurize("", "the of and", 10, None).is_empty(), "stop words alone carry no features");
    }

    #[test]
    fn headline_words_weigh_more() {
        let f = featurize("storm", "rain", 16, None);
        let (storm, rain) = (f.iter().map(|x| x.1).fold(0.0, f32::max), f.iter().map(|x| x.1).fold(1.0, f32::min));
        assert!(storm > rain, "the headline word should carry more weight than the body word");
    }

    #[test]
    fn idf_favours_rare_buckets() {
        let docs: Vec<SparseVec> = vec![vec![(0, 1.0), (1, 1.0)], vec![(0, 1.0)], vec![(0, 1.0), (2, 1.0)]];
        let idf = idf_table(docs.iter(), 4);
        assert!(idf[0] < idf[1], "a bucket in every document must weigh less than a rare one: {idf:?}");
        assert!(idf[1] < idf[3], "an unseen bucket weighs most");
        let mut x = vec![(0, 0.6), (1, 0.8)];
        apply_idf(&mut x, &idf);
        let norm: f32 = x.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5 && x[1].1 > 0.8, "rescaled, renormalised, rare bucket up: {x:?}");
    }

    proptest::proptest! {
        #[test]
        fn featurize_never_panics_and_stays_in_range(title in "\\PC{0,40}", body in "\\PC{0,200}") {
            let f = featurize(&title, &body, 8, None);
            proptest::prop_assert!(f.iter().all(|&(b, v)| b < 256 && v.is_finite() && v > 0.0));
        }
    }
}
