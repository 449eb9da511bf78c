//! Feature extraction: tokens in, hashed feature keys out.
//!
//! A feature is a template id and a value, hashed into one `u64` key; the
//! model maps keys to weight rows and ignores keys it never saw. Strings are
//! never built per feature: each token's forms (exact, lower case, shape,
//! affixes) are hashed once, and features combine those hashes with their
//! template and window offset. That keeps extraction at a few hundred
//! nanoseconds a token.
//!
//! Tokens are normalised first ([`super::forms`]), so that news typography
//! does not split what CoNLL spelled one way.
//!
//! The families (each can be switched off in [`FeatureSet`], which is how
//! the ablation in `models/ner/README.md` was measured):
//! - local: word, lower case and shape in a window of two, prefixes and
//!   suffixes, bigrams, and capitalisation in context: a capital at the
//!   start of a sentence or in an all-caps line says less than one
//!   mid-sentence;
//! - title lines as capitals: a title-case line is read as if it were in
//!   capitals, which CoNLL's headlines teach the model to read;
//! - gazetteer: membership of the token in a listed phrase, by list and
//!   BILU position ([`super::gazetteer`]);
//! - clusters: word classes learnt from unlabelled news
//!   ([`super::word_clusters`]) at three granularities, and how prose usually
//!   cases the word;
//! - vectors: classes of pretrained word vectors ([`super::vector_classes`])
//!   at three granularities, for the word and its neighbours;
//! - second stage ([`vote_keys`]): the labels that the first-stage model
//!   gave the same word elsewhere in the article, so that one name gets one
//!   label throughout, and the context cues its mentions met across the
//!   article ([`super::cues`]: "X said it", "in X").

use super::word_clusters::Clusters;
use super::decode::{split, Part, N_TAGS, TYPES};
use super::forms::{caps, line_case, normalize, normalize_char, Caps, LineCase};
use super::gazetteer::Gazetteer;
use super::vector_classes::VectorClasses;
use crate::util::hash::{hash_str, mix, HashMapU64};

/// Which feature families are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeatureSet {
    /// Gazetteer membership.
    pub gazetteer: bool,
    /// Word clusters and the casing prior, from unlabelled text.
    pub clusters: bool,
    /// Title-case lines are read as if they were in capitals.
    #[serde(default = "yes")]
    pub title_as_capitals: bool,
    /// A second stage that sees the first stage's labels across the article.
    pub two_stage: bool,
    /// Classes of pretrained word vectors (models trained before them have none).
    #[serde(default)]
    pub vectors: bool,
    /// Article-level context cues in the second stage ("X said it", "in X": [`super::cues`]; models
    /// trained before them have none).
    #[serde(default)]
    pub doc_cues: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet { gazetteer: true, clusters: true, title_as_capitals: true, two_stage: true, vectors: true, doc_cues: true }
    }
}

fn yes() -> bool {
    true
}

/// The word shape of `token` (X upper, x lower, d digit, other chars as
/// they are), with runs of one class cut at `cap_runs`, written into `out`.
fn shape(token: &str, cap_runs: usize, out: &mut String) {
    out.clear();
    let (mut last, mut run) = ('\0', 0);
    for c in token.chars() {
        let k = match normalize_char(c) {
            c if c.is_uppercase() => 'X',
            c if c.is_lowercase() => 'x',
            c if c.is_ascii_digit() => 'd',
            c if c.is_alphabetic() => 'x',
            c => c,
        };
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= cap_runs {
            out.push(k);
        }
    }
}

/// What the first stage said about an article's words, gathered before the second stage tags it.
#[derive(Debug, Default, Clone)]
pub(crate) struct DocContext {
    /// Per lower-case hash.
    words: HashMapU64<WordContext>,
}

/// What the first stage said about one word of an article (all zero for a word it said nothing about).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordContext {
    /// First-stage label votes (one count per type, then O).
    votes: [u16; 5],
    /// The (type, part) pairs in which the word was part of a longer first-stage entity, one bit each:
    /// "Carney" alone after "Mark Carney".
    parts: u16,
    /// The context cues ([`super::cues`]) its capitalised runs met, one bit each.
    cues: u16,
}

impl DocContext {
    /// Records the first stage's tags for one sentence as votes per word,
    /// given the words' lower-case hashes and [`Caps`] (as [`Extractor::words`] gives them).
    pub(crate) fn add_votes(&mut self, lowers: &[u64], caps: &[u8], tags: &[u8]) {
        for ((&h, &c), &tag) in lowers.iter().zip(caps).zip(tags) {
            if c == Caps::None as u8 || c == Caps::Lower as u8 {
                continue;
            }
            let word = self.words.entry(h).or_default();
            let slot = split(tag as usize).map_or(TYPES.len(), |(ty, _)| ty);
            word.votes[slot] = word.votes[slot].saturating_add(1);
            if let Some((ty, part)) = split(tag as usize).filter(|(_, p)| *p != Part::U) {
                word.parts |= 1 << (ty * 3 + part as usize);
            }
        }
    }

    /// Records the context cues of one sentence, given the words' lower-case hashes and [`Caps`].
    pub(crate) fn add_cues(&mut self, lowers: &[u64], caps: &[u8]) {
        super::cues::sentence(lowers, caps, |h, b| self.words.entry(h).or_default().cues |= 1 << b);
    }

    /// What the first stage said about each word of a sentence, given their lower-case hashes, into `out`
    /// (looked up once per token: [`vote_keys`] reads each token's and its neighbours').
    pub(crate) fn words_of(&self, lowers: &[u64], out: &mut Vec<WordContext>) {
        out.clear();
        out.extend(lowers.iter().map(|h| self.words.get(h).copied().unwrap_or_default()));
    }
}

impl WordContext {
    /// The majority first-stage label of the word, with its share quantised to
    /// quarters, or `None` when the article gave it no vote.
    fn vote(&self) -> Option<(usize, u64, bool)> {
        let v = &self.votes;
        let total: u32 = v.iter().map(|&x| u32::from(x)).sum();
        if total == 0 {
            return None;
        }
        let (best, &n) = v.iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
        let share = (u64::from(n) * 4 + u64::from(total) / 2) / u64::from(total);
        Some((best, share, total > u32::from(n)))
    }
}

/// Template ids: the first argument of every feature key.
mod t {
    pub(super) const BIAS: u64 = 1;
    pub(super) const WORD: u64 = 2;
    pub(super) const LOWER: u64 = 3; // + offset
    pub(super) const SHAPE: u64 = 4; // + offset
    pub(super) const LONG_SHAPE: u64 = 5;
    pub(super) const PREFIX: u64 = 6; // + length
    pub(super) const SUFFIX: u64 = 7; // + length
    pub(super) const BIGRAM: u64 = 8; // + offset
    pub(super) const CAPS_CTX: u64 = 9;
    pub(super) const CAPS_WIN: u64 = 10;
    pub(super) const GAZ: u64 = 11;
    pub(super) const GAZ_WIN: u64 = 12; // + offset
    pub(super) const CLUSTER: u64 = 13; // + offset, level
    pub(super) const VOTE: u64 = 15;
    pub(super) const VOTE_WIN: u64 = 16; // + offset
    pub(super) const LOWER_SHAPE_NEXT: u64 = 17;
    pub(super) const PREV_WORD_CAPS: u64 = 18;
    pub(super) const VOTE_PART: u64 = 19;
    pub(super) const CASING: u64 = 20;
    pub(super) const VECTOR: u64 = 21; // + offset, level
    pub(super) const CUE: u64 = 22; // + cue bit
}

#[inline]
fn key(template: u64, sub: u64, value: u64) -> u64 {
    mix(mix(template, sub), value)
}

/// The summed integer weights of both stages (one lane per tag but O, first stage then second) that a
/// token's own features give it: the features of the word alone, which do not depend on its neighbours or
/// its place in the sentence. Integer sums do not depend on their order, so a token's scores are the same
/// whether its own rows are summed afresh or taken from the memo.
pub(crate) type OwnScores = [i32; 2 * (N_TAGS - 1)];

/// Which of a token's feature keys [`Extractor::token_features`] writes (a constant, so that each choice
/// compiles to its own loop without tests).
mod keys {
    /// All of them, in the order that training numbers them.
    pub(super) const ALL: u8 = 0;
    /// Those of the word alone ([`super::OwnScores`]).
    pub(super) const OWN: u8 = 1;
    /// Those that depend on the sentence: its neighbours, its place, the gazetteer.
    pub(super) const CONTEXT: u8 = 2;

    /// Whether a key that is (or is not) one of the word's own is written.
    #[inline(always)]
    pub(super) const fn wants(which: u8, own: bool) -> bool {
        match which {
            OWN => own,
            CONTEXT => !own,
            _ => true,
        }
    }
}

/// Per-token values that features combine.
#[derive(Debug, Clone, Default)]
struct Tok {
    exact: u64,
    lower: u64,
    shape: u64,
    long_shape: u64,
    affixes: [u64; 8],
    n_affixes: u8,
    caps: u8,
    clusters: [u32; 3],
    has_cluster: bool,
    /// [`Clusters::casing`], 7 when unknown.
    casing: u8,
    vector_classes: [u32; 3],
    has_vector: bool,
    gaz: u64,
    /// Where the memo keeps this word's [`OwnScores`], once they are summed.
    own: Option<u32>,
}

/// The word-level values of recently seen tokens ([`Tok`] without the gazetteer bits, which depend on the
/// sentence), for one model: news repeats its vocabulary, and a lookup costs far less than normalising,
/// shaping and hashing a token and finding its clusters again. Emptied when full, so it stays small.
#[derive(Default)]
pub(crate) struct TokMemo {
    /// The model (and cluster setting) the entries belong to.
    owner: u64,
    map: rustc_hash::FxHashMap<Box<str>, Tok>,
    /// The [`OwnScores`] of the entries whose [`Tok::own`] is set.
    owns: Vec<OwnScores>,
}

impl TokMemo {
    const MAX_TOKENS: usize = 100_000;
    /// Longer tokens (URLs, runs of symbols) are rare and are not kept, so the memo's size has a bound in bytes.
    const MAX_TOKEN_BYTES: usize = 64;

    /// Makes the memo hold entries for `owner` only (a model generation and its cluster setting).
    pub(crate) fn serve(&mut self, owner: u64) {
        if self.owner != owner {
            self.clear();
            self.owner = owner;
        }
    }

    fn clear(&mut self) {
        self.map.clear();
        self.owns.clear();
    }
}

/// Extracts features for the sentences of one article; buffers are reused between sentences.
pub(crate) struct Extractor<'m> {
    set: FeatureSet,
    gazetteer: &'m Gazetteer,
    clusters: &'m Clusters,
    vectors: &'m VectorClasses,
    memo: Option<&'m mut TokMemo>,
    /// Sums the rows of a token's own feature keys; when set, [`Extractor::sentence`] writes only the
    /// context keys, and the own scores are in [`Extractor::own_scores`].
    summer: Option<&'m dyn Fn(&[u64]) -> OwnScores>,
    owns: Vec<OwnScores>,
    /// Tokens of the last sentence whose own scores were not in the memo.
    unsummed: Vec<usize>,
    toks: Vec<Tok>,
    lowers: Vec<u64>,
    exact_buf: String,
    lower_buf: String,
    shape_buf: String,
    gaz_buf: Vec<u64>,
    own_keys: Vec<u64>,
}

/// Padding values for window positions outside the sentence.
const PAD: u64 = 0x5ad5_ad5a_d5ad_5ad5;

impl<'m> Extractor<'m> {
    /// An extractor for the given families and resources.
    pub(crate) fn new(set: FeatureSet, gazetteer: &'m Gazetteer, clusters: &'m Clusters, vectors: &'m VectorClasses) -> Self {
        Extractor {
            set,
            gazetteer,
            clusters,
            vectors,
            memo: None,
            summer: None,
            owns: Vec::new(),
            unsummed: Vec::new(),
            toks: Vec::new(),
            lowers: Vec::new(),
            exact_buf: String::new(),
            lower_buf: String::new(),
            shape_buf: String::new(),
            gaz_buf: Vec::new(),
            own_keys: Vec::new(),
        }
    }

    /// The same extractor, keeping word-level values in `memo`, which must [`TokMemo::serve`] this model
    /// (the same clusters and cluster setting) only.
    pub(crate) fn with_memo(mut self, memo: &'m mut TokMemo) -> Self {
        self.memo = Some(memo);
        self
    }

    /// The same extractor, summing each word's own features once with `summer` (the scorer's rows of the
    /// keys given, both stages): [`Extractor::sentence`] then writes only the context keys, and
    /// [`Extractor::own_scores`] has the rest. With the memo, a word's sum is kept with its other values.
    pub(crate) fn with_own_scores(mut self, summer: &'m dyn Fn(&[u64]) -> OwnScores) -> Self {
        self.summer = Some(summer);
        self
    }

    /// The [`OwnScores`] of the last sentence's tokens, when the extractor sums them
    /// ([`Extractor::with_own_scores`]); empty otherwise.
    pub(crate) fn own_scores(&self) -> &[OwnScores] {
        &self.owns
    }

    /// The first-stage feature keys of every token of `tokens`, in `keys`;
    /// `offsets` gets one start index per token plus the end.
    ///
    /// A title-case line is read as if it were in capitals: CoNLL teaches
    /// the model how to read all-caps headlines from a thousand of them,
    /// and in both a capital says little; its title-case ones are none.
    pub(crate) fn sentence(&mut self, tokens: &[&str], keys: &mut Vec<u64>, offsets: &mut Vec<usize>) {
        let mut case = line_case(tokens);
        if case == LineCase::Title && self.set.title_as_capitals {
            let upper: Vec<String> = tokens.iter().map(|t| t.to_uppercase()).collect();
            let views: Vec<&str> = upper.iter().map(String::as_str).collect();
            self.prepare(&views);
            case = LineCase::Upper;
        } else {
            self.prepare(tokens);
        }
        let n = tokens.len();
        let case = case as u64;
        offsets.clear();
        keys.clear();
        for i in 0..n {
            offsets.push(keys.len());
            if self.summer.is_some() {
                self.token_features::<{ keys::CONTEXT }>(i, n, case, keys);
            } else {
                self.token_features::<{ keys::ALL }>(i, n, case, keys);
            }
        }
        offsets.push(keys.len());
    }

    /// The lower-case hashes and [`Caps`] of the last sentence's tokens.
    pub(crate) fn words(&self) -> (&[u64], impl Iterator<Item = u8> + '_) {
        (&self.lowers, self.toks.iter().map(|t| t.caps))
    }

    fn prepare(&mut self, tokens: &[&str]) {
        self.toks.clear();
        self.lowers.clear();
        self.owns.clear();
        self.unsummed.clear();
        for (i, t) in tokens.iter().enumerate() {
            let known = self.memo.as_ref().and_then(|m| m.map.get(*t).map(|tok| (tok.clone(), tok.own.map(|o| m.owns[o as usize]))));
            let (tok, own) = match known {
                Some(found) => found,
                None => {
                    let tok = self.word(t);
                    if let Some(memo) = self.memo.as_mut().filter(|_| t.len() <= TokMemo::MAX_TOKEN_BYTES) {
                        if memo.map.len() >= TokMemo::MAX_TOKENS {
                            memo.clear();
                        }
                        memo.map.insert((*t).into(), tok.clone());
                    }
                    (tok, None)
                }
            };
            if self.summer.is_some() {
                // Copied now: the memo may be emptied by a later token of the sentence.
                self.owns.push(own.unwrap_or_else(|| {
                    self.unsummed.push(i);
                    [0; 2 * (N_TAGS - 1)]
                }));
            }
            self.lowers.push(tok.lower);
            self.toks.push(tok);
        }
        self.sum_own_scores(tokens);
        if self.set.gazetteer {
            self.gaz_buf.clear();
            self.gaz_buf.resize(tokens.len(), 0);
            self.gazetteer.matches(&self.lowers, &mut self.gaz_buf);
            for (tok, &b) in self.toks.iter_mut().zip(&self.gaz_buf) {
                tok.gaz = b;
            }
        }
    }

    /// Sums the own features of the tokens that the memo had no sums for, and keeps the sums there.
    fn sum_own_scores(&mut self, tokens: &[&str]) {
        let Some(summer) = self.summer else { return };
        let mut keys = std::mem::take(&mut self.own_keys);
        for &i in &self.unsummed {
            keys.clear();
            // Own features read the word alone: the sentence's length and case do not matter.
            self.token_features::<{ keys::OWN }>(i, tokens.len(), 0, &mut keys);
            let own = summer(&keys);
            self.owns[i] = own;
            if let Some(memo) = self.memo.as_mut() {
                if let Some(tok) = memo.map.get_mut(tokens[i]).filter(|tok| tok.own.is_none()) {
                    tok.own = Some(memo.owns.len() as u32);
                    memo.owns.push(own);
                }
            }
        }
        self.own_keys = keys;
    }

    /// The word-level values of one token (all but the gazetteer bits).
    fn word(&mut self, t: &str) -> Tok {
        normalize(t, &mut self.exact_buf, &mut self.lower_buf);
        let (exact, lower) = (hash_str(&self.exact_buf), hash_str(&self.lower_buf));
        shape(t, 1, &mut self.shape_buf);
        let short = hash_str(&self.shape_buf);
        shape(t, 4, &mut self.shape_buf);
        let mut tok =
            Tok { exact, lower, shape: short, long_shape: hash_str(&self.shape_buf), caps: caps(t) as u8, ..Tok::default() };
        // Prefixes and suffixes of 1 to 4 chars of the lower-case form.
        let l = self.lower_buf.as_str();
        let ends = l.char_indices().skip(1).map(|(b, _)| b).chain([l.len()]).take(4);
        for (j, end) in ends.enumerate() {
            tok.affixes[j] = hash_str(&l[..end]);
            tok.n_affixes = j as u8 + 1;
        }
        for (j, (start, _)) in l.char_indices().rev().take(4).enumerate() {
            tok.affixes[4 + j] = hash_str(&l[start..]);
        }
        if self.set.clusters {
            if let Some(c) = self.clusters.lookup(exact, lower) {
                tok.clusters = c;
                tok.has_cluster = true;
            }
            tok.casing = self.clusters.casing(lower).unwrap_or(7);
        }
        if self.set.vectors {
            if let Some(c) = self.vectors.lookup(lower) {
                tok.vector_classes = c;
                tok.has_vector = true;
            }
        }
        tok
    }

    /// The feature keys of token `i` of the last prepared sentence (of `n` tokens, in a line of `case`), or
    /// those of them that `WHICH` ([`keys`]) asks for, appended to `out`.
    #[inline]
    fn token_features<const WHICH: u8>(&self, i: usize, n: usize, case: u64, out: &mut Vec<u64>) {
        let at = |d: isize| -> Option<&Tok> {
            let j = i as isize + d;
            (j >= 0 && (j as usize) < n).then(|| &self.toks[j as usize])
        };
        let w = &self.toks[i];
        let lower_at = |d: isize| at(d).map_or(PAD.wrapping_add(d as u64), |t| t.lower);
        let caps_at = |d: isize| at(d).map_or(9, |t| u64::from(t.caps));
        let first = u64::from(i == 0);
        // Every key goes through here, saying whether it is one of the word's own.
        let mut push = |own: bool, k: u64| {
            if keys::wants(WHICH, own) {
                out.push(k);
            }
        };

        push(true, key(t::BIAS, 0, 0));
        push(true, key(t::WORD, 0, w.exact));
        for d in -2..=2isize {
            push(d == 0, key(t::LOWER, d as u64, lower_at(d)));
        }
        for d in -1..=1isize {
            push(d == 0, key(t::SHAPE, d as u64, at(d).map_or(PAD, |t| t.shape)));
        }
        push(true, key(t::LONG_SHAPE, 0, w.long_shape));
        for j in 0..usize::from(w.n_affixes) {
            push(true, key(t::PREFIX, j as u64, w.affixes[j]));
            push(true, key(t::SUFFIX, j as u64, w.affixes[4 + j]));
        }
        push(false, key(t::BIGRAM, 0, mix(lower_at(-1), w.lower)));
        push(false, key(t::BIGRAM, 1, mix(w.lower, lower_at(1))));
        push(false, key(t::LOWER_SHAPE_NEXT, 0, mix(w.lower, at(1).map_or(PAD, |t| t.shape))));
        push(false, key(t::PREV_WORD_CAPS, 0, mix(lower_at(-1), u64::from(w.caps))));
        // Capitalisation in context: what a capital means depends on where it is.
        push(false, key(t::CAPS_CTX, 0, u64::from(w.caps) | first << 4 | case << 5));
        push(false, key(t::CAPS_WIN, 0, caps_at(-1) | caps_at(0) << 4 | caps_at(1) << 8 | case << 12));

        if self.set.gazetteer {
            let cap = u64::from(matches!(w.caps, 2 | 3 | 5));
            let mut bits = w.gaz;
            while bits != 0 {
                let b = u64::from(bits.trailing_zeros());
                bits &= bits - 1;
                push(false, key(t::GAZ, b, cap));
            }
            for d in [-1isize, 1] {
                let mut cats = at(d).map_or(0, |t| categories(t.gaz));
                while cats != 0 {
                    let c = u64::from(cats.trailing_zeros());
                    cats &= cats - 1;
                    push(false, key(t::GAZ_WIN, d as u64, c));
                }
            }
        }
        if self.set.clusters {
            for d in -1..=1isize {
                if let Some(t) = at(d).filter(|t| t.has_cluster) {
                    let levels: &[usize] = if d == 0 { &[0, 1, 2] } else { &[1, 2] };
                    for &l in levels {
                        push(d == 0, key(t::CLUSTER, (d as u64) << 8 | l as u64, u64::from(t.clusters[l])));
                    }
                } else {
                    push(d == 0, key(t::CLUSTER, (d as u64) << 8 | 7, at(d).is_some() as u64));
                }
            }
            // How prose cases the word, against how it is cased here and where.
            let casing = u64::from(w.casing);
            push(false, key(t::CASING, 0, casing | u64::from(w.caps) << 4 | first << 8 | case << 9));
            push(false, key(t::CASING, 1, casing | at(-1).map_or(15, |t| u64::from(t.casing)) << 4 | case << 8));
        }
        if self.set.vectors {
            for d in -1..=1isize {
                if let Some(t) = at(d).filter(|t| t.has_vector) {
                    let levels: &[usize] = if d == 0 { &[0, 1, 2] } else { &[1] };
                    for &l in levels {
                        push(d == 0, key(t::VECTOR, (d as u64) << 8 | l as u64, u64::from(t.vector_classes[l])));
                    }
                } else {
                    push(d == 0, key(t::VECTOR, (d as u64) << 8 | 7, at(d).is_some() as u64));
                }
            }
        }

    }
}

/// The second-stage features of token `i` of a sentence, given what the first stage said about its words
/// ([`DocContext::words_of`]) and their [`Caps`], appended to `out`: the first stage's
/// labels for the same word (and its neighbours) across the article.
pub(crate) fn vote_keys(words: &[WordContext], caps: &[u8], i: usize, out: &mut Vec<u64>) {
    let (w, c) = (&words[i], u64::from(caps[i]));
    if let Some((label, share, mixed)) = w.vote() {
        out.push(key(t::VOTE, 0, label as u64 | share << 4 | u64::from(mixed) << 8));
        out.push(key(t::VOTE, 1, label as u64 | c << 4));
    }
    let mut cues = w.cues;
    if cues != 0 {
        // The cue says which type; whether the neighbours are capitalised says which part of a name this is.
        let named = |j: Option<usize>| j.and_then(|j| caps.get(j)).map_or(0, |&c| u64::from(super::cues::capital(c)));
        let around = c | named(i.checked_sub(1)) << 4 | named(Some(i + 1)) << 5;
        while cues != 0 {
            let b = u64::from(cues.trailing_zeros());
            cues &= cues - 1;
            out.push(key(t::CUE, b, around));
        }
    }
    let mut parts = w.parts;
    while parts != 0 {
        let b = u64::from(parts.trailing_zeros());
        parts &= parts - 1;
        out.push(key(t::VOTE_PART, b, c));
    }
    for d in [-1isize, 1] {
        let j = i as isize + d;
        if j < 0 || j as usize >= words.len() {
            continue;
        }
        if let Some((label, _, _)) = words[j as usize].vote() {
            out.push(key(t::VOTE_WIN, d as u64, label as u64));
        }
    }
}

/// The gazetteer categories (one bit each) in a per-token (category, position) bitset.
fn categories(bits: u64) -> u64 {
    let mut out = 0;
    let mut b = bits;
    while b != 0 {
        out |= 1 << (b.trailing_zeros() / 4);
        b &= b - 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        let mut out = String::new();
        for (token, runs, want) in [("Carney", 1, "Xx"), ("Carney", 4, "Xxxxx"), ("U.S.", 1, "X.X."), ("1996-08-30", 1, "d-d-d")] {
            shape(token, runs, &mut out);
            assert_eq!(out, want, "shape of {token:?} with runs cut at {runs}");
        }
    }

    #[test]
    fn every_token_gets_features_and_unknown_resources_are_harmless() {
        let (g, c, v) = (Gazetteer::default(), Clusters::default(), VectorClasses::default());
        let mut x = Extractor::new(FeatureSet::default(), &g, &c, &v);
        let tokens = ["Mark", "Carney", "’s", "visit", "—", "🎉", ""];
        let (mut keys, mut offsets) = (Vec::new(), Vec::new());
        x.sentence(&tokens, &mut keys, &mut offsets);
        assert_eq!(offsets.len(), tokens.len() + 1);
        assert!(offsets.windows(2).all(|w| w[1] > w[0]), "every token has at least one feature");
    }

    #[test]
    fn own_and_context_keys_split_every_key_once_and_the_memo_keeps_the_sums() {
        let (g, c, v) = (Gazetteer::default(), Clusters::default(), VectorClasses::default());
        let tokens = ["Mark", "Carney", "said", "Mark", "would", "go", "."];
        let (mut all, mut offsets) = (Vec::new(), Vec::new());
        Extractor::new(FeatureSet::default(), &g, &c, &v).sentence(&tokens, &mut all, &mut offsets);
        let all_of = |i: usize| all[offsets[i]..offsets[i + 1]].to_vec();
        // The "scores" of a word's own keys: their count and a checksum, so that each word's are its own.
        let summed = std::cell::RefCell::new(Vec::new());
        let summer = |keys: &[u64]| {
            summed.borrow_mut().push(keys.to_vec());
            let mut s = [0i32; 2 * (N_TAGS - 1)];
            s[0] = keys.len() as i32;
            s[1] = keys.iter().fold(0u64, |a, &k| a ^ k) as i32;
            s
        };
        let mut memo = TokMemo::default();
        for round in 0..2 {
            if round == 1 {
                // Every token of the first round was summed (a word twice in one sentence, twice).
                assert_eq!(summed.borrow().len(), tokens.len(), "the first round sums every token");
            }
            let mut x = Extractor::new(FeatureSet::default(), &g, &c, &v).with_memo(&mut memo).with_own_scores(&summer);
            let (mut context, mut offs) = (Vec::new(), Vec::new());
            x.sentence(&tokens, &mut context, &mut offs);
            assert_eq!(x.own_scores().len(), tokens.len());
            for i in 0..tokens.len() {
                let own = x.own_scores()[i];
                let ctx = &context[offs[i]..offs[i + 1]];
                let mut want = all_of(i);
                // The context keys and the own ones are the token's keys, each once.
                let mut got: Vec<u64> = ctx.to_vec();
                let own_keys: Vec<u64> = want.iter().copied().filter(|k| !ctx.contains(k)).collect();
                assert_eq!(own[0] as usize, own_keys.len(), "token {i}, round {round}");
                assert_eq!(own[1], own_keys.iter().fold(0u64, |a, &k| a ^ k) as i32, "token {i}, round {round}");
                got.extend(&own_keys);
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "token {i}, round {round}");
            }
        }
        // The second round found every sum in the memo.
        assert_eq!(summed.borrow().len(), tokens.len(), "the second round sums nothing");
    }
}
