//! The third stage: a classifier of whole entities that re-types what the
//! two tagging stages found.
//!
//! The tagging stages decide a token's tag from a window of two words each
//! side, so a long name is typed by words that cannot see its far end, and
//! every word is one of 4,096 vector classes, never the vector itself. This
//! stage looks at each entity whole: its words, its first and last word, up
//! to three words each side, its shape, the gazetteer lists that hold the
//! whole phrase, the types the tagger gave the same name and the same words
//! elsewhere in the article, the tagger's own type and confidence, and the
//! pretrained word vectors themselves (GloVe 6B 50d, as 8-bit integers) of
//! its words and neighbours. A multinomial logistic regression over these
//! picks the type; the span's bounds never change. It is trained on the
//! tagger's own mistakes: each fold of the training file is tagged by a
//! tagger trained on the other folds (`retype_train.rs`). Last, the entity
//! that opens a dateline ("MILWAUKEE , Wisconsin 1996-08-29") is made a
//! place, whatever either model said: the dateline says where the story was
//! written.
//!
//! It runs once per entity, not per token, so it costs a few percent of
//! tagging. Its file, `retyper.bin`, sits beside the `tagger.bin` it was
//! trained with and names that file's hash; a re-typer is never applied to
//! another tagger's output.
//!
//! ```text
//! magic "NEWSNLP-RTY\0", version u32, tagger hash u64
//! vectors: u32 dims, f32 scale, u64 count, u64 word hashes[count], i8 values[count * dims]
//! bias f32[4], dense weights f32[SLOTS * dims * 4]
//! sparse weights: u64 count, f32 scale, (u64 key, i16[4]) pairs sorted by key
//! ```

use std::path::Path;

use super::decode::{type_index, TaggedSpan, TYPES};
use super::forms::{line_case, lower_hash, normalize};
use super::model::Model;
use crate::document::Label;
use crate::error::{Error, Result};
use crate::lexicon::month_number;
use crate::util::binary::Reader;
use crate::util::hash::{hash_str, mix, HashMapU64};

/// The re-typer's file name, beside `tagger.bin`.
pub(crate) const RETYPER_FILE: &str = "retyper.bin";
const MAGIC: &[u8; 12] = b"NEWSNLP-RTY\0";
const VERSION: u32 = 1;
/// Number of types.
pub(crate) const N: usize = TYPES.len();
/// Vectors per entity: the mean of its words, its first and last word, one and two words before and after.
pub(crate) const SLOTS: usize = 7;
/// Entities the tagger is this sure of are left as they are, unscored: the re-typer changed almost none of
/// them (skipping them left the micro F1 of CoNLL dev and of the hand-tagged Reuters and BBC sentences as it
/// was, and 11 of 1,055 changed mentions in the BBC, Reuters, PolNeAR and extraction dumps).
const SURE: f32 = 0.95;
/// The vectors' weight beside the unit-valued sparse features.
const DENSE_WEIGHT: f32 = 3.0;
/// A type other than the tagger's is taken only when the classifier is this sure of it. At 0.5 CoNLL dev
/// gains most (micro F1 0.9482 against 0.9455 at 0.9), but on modern news (the BBC, PolNeAR and extraction
/// dumps) the changes it makes below 0.9 were more often wrong than right: CoNLL's sports pages taught it
/// that "Chelsea" or "Northampton" in a line of names is a person or a place.
const MIN_PROBABILITY: f32 = 0.9;

/// Feature templates (the first argument of each key's [`mix`]).
mod t {
    pub(super) const TAGGED: u64 = 1;
    pub(super) const STRING: u64 = 2;
    pub(super) const FIRST: u64 = 3;
    pub(super) const LAST: u64 = 4;
    pub(super) const WORD: u64 = 5;
    pub(super) const LENGTH: u64 = 6;
    pub(super) const SHAPE: u64 = 7;
    pub(super) const SUFFIX3: u64 = 8;
    pub(super) const SUFFIX2: u64 = 9;
    pub(super) const BEFORE: u64 = 10; // + distance 0..3
    pub(super) const AFTER: u64 = 14; // + distance 0..3
    pub(super) const AROUND: u64 = 18;
    pub(super) const SENTENCE_START: u64 = 19;
    pub(super) const LINE_CASE: u64 = 20;
    pub(super) const SAME_NAME: u64 = 21;
    pub(super) const SAME_WORD: u64 = 22;
    pub(super) const CLASS_WORD: u64 = 23;
    pub(super) const CLASS_AT: u64 = 24; // + slot 0..6
    pub(super) const LIST: u64 = 31;
    pub(super) const LIST_TAGGED: u64 = 32;
    pub(super) const CONFIDENCE: u64 = 33;
    pub(super) const ALWAYS: u64 = 34;
    pub(super) const CLUSTER_WORD: u64 = 35;
    pub(super) const CLUSTER_LAST: u64 = 36;
    pub(super) const CLUSTER_BEFORE: u64 = 37;
    pub(super) const CLUSTER_AFTER: u64 = 38;
}

/// Word vectors by lower-case hash, as 8-bit integers times one scale.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vectors {
    /// Dimensions (0: no vectors).
    pub dims: usize,
    scale: f32,
    hashes: Vec<u64>,
    values: Vec<i8>,
    rows: HashMapU64<u32>,
}

impl Vectors {
    /// Vectors from words and their `f32` values (row-major): each is scaled to unit length, then quantised.
    pub(crate) fn new(words: &[String], values: &[f32], dims: usize) -> Vectors {
        let mut hashes = Vec::with_capacity(words.len());
        let mut q = Vec::with_capacity(words.len() * dims);
        let mut seen = HashMapU64::default();
        for (i, w) in words.iter().enumerate() {
            let h = lower_hash(w);
            if seen.insert(h, ()).is_some() {
                continue;
            }
            let v = &values[i * dims..(i + 1) * dims];
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            hashes.push(h);
            q.extend(v.iter().map(|x| (x / norm * 127.0).round().clamp(-127.0, 127.0) as i8));
        }
        Vectors::from_parts(dims, 1.0 / 127.0, hashes, q)
    }

    fn from_parts(dims: usize, scale: f32, hashes: Vec<u64>, values: Vec<i8>) -> Vectors {
        let rows = hashes.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
        Vectors { dims, scale, hashes, values, rows }
    }

    /// Adds `weight` times the vector of a word (by lower-case hash) to `out`; an unknown word adds nothing.
    fn add(&self, lower: u64, weight: f32, out: &mut [f32]) {
        if let Some(&r) = self.rows.get(&lower) {
            let v = &self.values[r as usize * self.dims..(r as usize + 1) * self.dims];
            for (o, &x) in out.iter_mut().zip(v) {
                *o += f32::from(x) * self.scale * weight;
            }
        }
    }
}

/// An article as the re-typer sees it: tokens, their lower-case hashes, and the tagger's types by name and word.
pub(crate) struct Article<'a> {
    sentences: &'a [&'a [&'a str]],
    lowers: Vec<Vec<u64>>,
    line_cases: Vec<u8>,
    by_name: HashMapU64<[u16; N]>,
    by_word: HashMapU64<[u16; N]>,
}

impl<'a> Article<'a> {
    /// Indexes an article and the entities the tagger found in it, given the lower-case hash of every token
    /// (flat, in order: what the tagging stages computed).
    pub(crate) fn new(sentences: &'a [&'a [&'a str]], lowers: &[u64], found: &[Vec<TaggedSpan>]) -> Article<'a> {
        let mut at = 0;
        let lowers: Vec<Vec<u64>> = sentences
            .iter()
            .map(|s| {
                at += s.len();
                lowers.get(at - s.len()..at).map_or_else(|| s.iter().map(|t| lower_hash(t)).collect(), <[u64]>::to_vec)
            })
            .collect();
        // Only sentences with entities need their casing.
        let line_cases = sentences.iter().zip(found).map(|(s, f)| if f.is_empty() { 0 } else { line_case(s) as u8 }).collect();
        let (mut by_name, mut by_word) = (HashMapU64::<[u16; N]>::default(), HashMapU64::<[u16; N]>::default());
        for (spans, lw) in found.iter().zip(&lowers) {
            for sp in spans {
                let Some(ty) = type_index(sp.label) else { continue };
                by_name.entry(name_hash(&lw[sp.tokens.clone()])).or_default()[ty] += 1;
                for &w in &lw[sp.tokens.clone()] {
                    by_word.entry(w).or_default()[ty] += 1;
                }
            }
        }
        Article { sentences, lowers, line_cases, by_name, by_word }
    }

    /// The features of entity `span` of sentence `s`: sparse (key, value) pairs into `keys`, and the
    /// `SLOTS * vectors.dims` dense values into `dense`.
    pub(crate) fn features(&self, s: usize, span: &TaggedSpan, model: &Model, vectors: &Vectors, keys: &mut Vec<(u64, f32)>, dense: &mut Vec<f32>) {
        keys.clear();
        let (toks, lw, r) = (self.sentences[s], &self.lowers[s], span.tokens.clone());
        let tagged = type_index(span.label).unwrap_or(0) as u64;
        let mut add = |k: u64, v: f32| keys.push((k, v));
        let inv = 1.0 / r.len() as f32;
        add(mix(t::TAGGED, tagged), 1.0);
        let name = name_hash(&lw[r.clone()]);
        add(mix(t::STRING, name), 1.0);
        add(mix(t::FIRST, lw[r.start]), 1.0);
        add(mix(t::LAST, lw[r.end - 1]), 1.0);
        add(mix(t::LENGTH, r.len().min(5) as u64), 1.0);
        let mut shape = 0;
        for &w in &lw[r.clone()] {
            add(mix(t::WORD, w), 1.0);
        }
        for tok in &toks[r.clone()] {
            shape = mix(shape, hash_str(&word_shape(tok)));
        }
        add(mix(t::SHAPE, shape), 1.0);
        let last = lower_form(toks[r.end - 1]);
        let chars: Vec<char> = last.chars().collect();
        for (tpl, n) in [(t::SUFFIX3, 3), (t::SUFFIX2, 2)] {
            let suffix: String = chars[chars.len().saturating_sub(n)..].iter().collect();
            add(mix(tpl, hash_str(&suffix)), 1.0);
        }
        let before = |d: usize| if r.start >= d { lw[r.start - d] } else { BOUNDARY };
        let after = |d: usize| lw.get(r.end + d - 1).copied().unwrap_or(BOUNDARY);
        for d in 1..=3 {
            add(mix(t::BEFORE + d as u64, before(d)), 1.0);
            add(mix(t::AFTER + d as u64, after(d)), 1.0);
        }
        add(mix(t::AROUND, mix(before(1), after(1))), 1.0);
        add(mix(t::SENTENCE_START, u64::from(r.start == 0)), 1.0);
        let case = u64::from(self.line_cases[s]);
        add(mix(t::LINE_CASE, case * 8 + tagged), 1.0);
        if let Some(counts) = self.by_name.get(&name) {
            for (ty, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
                add(mix(t::SAME_NAME, ty as u64), f32::from(c.min(5)) / 5.0);
            }
        }
        for &w in &lw[r.clone()] {
            if let Some(counts) = self.by_word.get(&w) {
                for (ty, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
                    add(mix(t::SAME_WORD, ty as u64), f32::from(c.min(5)) / 5.0 * inv);
                }
            }
        }
        // Vector classes (three levels) of the entity's words and of its neighbours.
        let slot_words = [None, Some(lw[r.start]), Some(lw[r.end - 1]), Some(before(1)), Some(after(1)), Some(before(2)), Some(after(2))];
        for &w in &lw[r.clone()] {
            if let Some(levels) = model.vectors.lookup(w) {
                for (l, c) in levels.into_iter().enumerate() {
                    add(mix(mix(t::CLASS_WORD, l as u64), u64::from(c)), inv);
                }
            }
        }
        for (slot, w) in slot_words.iter().enumerate().skip(1) {
            let Some(levels) = w.and_then(|w| model.vectors.lookup(w)) else { continue };
            for (l, c) in levels.into_iter().enumerate() {
                add(mix(mix(t::CLASS_AT + slot as u64, l as u64), u64::from(c)), 1.0);
            }
        }
        // Word clusters (three levels) of the entity's words, its last word, and the words either side.
        for (i, tok) in toks[r.clone()].iter().enumerate() {
            for (l, c) in cluster_levels(model, tok).into_iter().flatten().enumerate() {
                add(mix(mix(t::CLUSTER_WORD, l as u64), u64::from(c)), inv);
                if i + 1 == r.len() {
                    add(mix(mix(t::CLUSTER_LAST, l as u64), u64::from(c)), 1.0);
                }
            }
        }
        for (tpl, at) in [(t::CLUSTER_BEFORE, r.start.checked_sub(1)), (t::CLUSTER_AFTER, Some(r.end))] {
            let Some(tok) = at.and_then(|i| toks.get(i)) else { continue };
            for (l, c) in cluster_levels(model, tok).into_iter().flatten().enumerate() {
                add(mix(mix(tpl, l as u64), u64::from(c)), 1.0);
            }
        }
        let lists = model.gazetteer.phrase_lists(&lw[r.clone()]);
        for bit in (0..16).filter(|b| lists & (1 << b) != 0) {
            add(mix(t::LIST, bit), 1.0);
            add(mix(t::LIST_TAGGED, bit * 8 + tagged), 1.0);
        }
        add(mix(t::CONFIDENCE, tagged * 8 + confidence_bucket(span.confidence)), 1.0);
        add(mix(t::ALWAYS, 0), 1.0);
        // Dense: the word vectors themselves.
        dense.clear();
        dense.resize(SLOTS * vectors.dims, 0.0);
        if vectors.dims > 0 {
            for &w in &lw[r.clone()] {
                vectors.add(w, DENSE_WEIGHT * inv, &mut dense[..vectors.dims]);
            }
            for (slot, w) in slot_words.iter().enumerate().skip(1) {
                if let Some(w) = w.filter(|&w| w != BOUNDARY) {
                    vectors.add(w, DENSE_WEIGHT, &mut dense[slot * vectors.dims..(slot + 1) * vectors.dims]);
                }
            }
        }
    }
}

/// The hash standing for "no word here" (before a sentence's first word, after its last).
const BOUNDARY: u64 = 0x5f5f_626f_756e_6479;

/// The hash of a name's lower-case words, in order.
fn name_hash(lowers: &[u64]) -> u64 {
    lowers.iter().fold(0x6e61_6d65, |h, &w| mix(h, w))
}

fn confidence_bucket(c: f32) -> u64 {
    match c {
        c if c < 0.6 => 0,
        c if c < 0.8 => 1,
        c if c < 0.95 => 2,
        _ => 3,
    }
}

/// The word-cluster path of a token, by its exact and lower-case forms.
fn cluster_levels(model: &Model, token: &str) -> Option<[u32; 3]> {
    let (mut e, mut l) = (String::new(), String::new());
    normalize(token, &mut e, &mut l);
    model.clusters.lookup(hash_str(&e), hash_str(&l))
}

fn lower_form(token: &str) -> String {
    let (mut e, mut l) = (String::new(), String::new());
    normalize(token, &mut e, &mut l);
    l
}

/// Whether the words after an entity that opens its sentence make it a dateline's place: a comma and up to
/// four more commas and capitalised words (", Wisconsin", ", N.J. ,"), or nothing, then a date
/// ("1996-08-29", or "Aug 25" then a bracket, a comma or a dash) or an agency in brackets and a dash
/// ("( Reuters ) -"). A headline that runs into the dateline ("ACME ISSUES BONDS LONDON , March 24 -") is not one.
pub(crate) fn is_dateline(rest: &[&str]) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let month = |w: &str| month_number(w.trim_end_matches('.')).is_some();
    let dash = |w: &str| matches!(w, "-" | "--" | "_" | "\u{2013}" | "\u{2014}");
    let skip = match rest.first() {
        Some(&",") => rest.iter().take(5).take_while(|w| **w == "," || (capitalised(w) && !month(w))).count(),
        _ => 0,
    };
    match &rest[skip..] {
        [d, ..] if is_iso_date(d) => true,
        [m, d, next, ..] if month(m) && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
            *next == "(" || *next == "," || dash(next)
        }
        ["(", agency, ")", d, ..] => capitalised(agency) && dash(d),
        _ => false,
    }
}

/// "1996-08-29".
fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// "Mark" → "Xx", "U.S." → "X.X.", "G7" → "Xd": letters and digits by class, runs of a class kept to two.
fn word_shape(token: &str) -> String {
    let mut out = String::new();
    let (mut prev, mut run) = (' ', 0);
    for c in token.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if k == prev { run + 1 } else { 1 };
        prev = k;
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

/// The weights: a bias, dense weights over the vectors, and sparse weights by feature key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Retyper {
    /// The hash of the `tagger.bin` it was trained with.
    pub tagger: u64,
    /// Word vectors.
    pub vectors: Vectors,
    /// Per type.
    pub bias: [f32; N],
    /// `SLOTS * dims` rows of `N`.
    pub dense: Vec<f32>,
    /// Sparse weights.
    pub sparse: HashMapU64<[f32; N]>,
}

impl Retyper {
    /// The types' scores (logits) of one entity's features.
    pub(crate) fn scores(&self, keys: &[(u64, f32)], dense: &[f32]) -> [f32; N] {
        let mut out = self.bias;
        for (k, v) in keys {
            if let Some(w) = self.sparse.get(k) {
                for (o, w) in out.iter_mut().zip(w) {
                    *o += w * v;
                }
            }
        }
        for (x, w) in dense.iter().zip(self.dense.chunks_exact(N)) {
            if *x != 0.0 {
                for (o, w) in out.iter_mut().zip(w) {
                    *o += w * x;
                }
            }
        }
        out
    }

    /// Re-types the entities of one article (`found`, by sentence, as the tagging stages gave them).
    pub(crate) fn retype(&self, model: &Model, sentences: &[&[&str]], lowers: &[u64], found: &mut [Vec<TaggedSpan>]) {
        let article = Article::new(sentences, lowers, found);
        let (mut keys, mut dense) = (Vec::new(), Vec::new());
        for (s, spans) in found.iter_mut().enumerate() {
            for sp in spans.iter_mut() {
                let Some(tagged) = type_index(sp.label) else { continue };
                if sp.confidence >= SURE {
                    continue;
                }
                article.features(s, sp, model, &self.vectors, &mut keys, &mut dense);
                let p = softmax(self.scores(&keys, &dense));
                let best = (0..N).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(tagged);
                if best != tagged && p[best] >= MIN_PROBABILITY {
                    sp.label = TYPES[best];
                    sp.confidence = sp.confidence.min(p[best]);
                }
            }
        }
        // A dateline names the place the story was written: its opening entity is a place.
        for (spans, toks) in found.iter_mut().zip(sentences) {
            if let Some(sp) = spans.first_mut().filter(|sp| sp.tokens.start == 0 && is_dateline(&toks[sp.tokens.end..])) {
                sp.label = Label::Location;
            }
        }
    }

    /// Serialises the re-typer.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.tagger.to_le_bytes());
        let v = &self.vectors;
        out.extend_from_slice(&(v.dims as u32).to_le_bytes());
        out.extend_from_slice(&v.scale.to_le_bytes());
        out.extend_from_slice(&(v.hashes.len() as u64).to_le_bytes());
        for h in &v.hashes {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend(v.values.iter().map(|&x| x as u8));
        for x in self.bias.iter().chain(&self.dense) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let mut sparse: Vec<(&u64, &[f32; N])> = self.sparse.iter().collect();
        sparse.sort_by_key(|(k, _)| **k);
        let max = sparse.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        out.extend_from_slice(&(sparse.len() as u64).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for (k, w) in sparse {
            out.extend_from_slice(&k.to_le_bytes());
            for x in w {
                out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    /// Parses a re-typer; `path` is for error messages.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Retyper> {
        let bad = |m: String| Error::model(path, m);
        let mut r = Reader::new(bytes);
        r.header(MAGIC, VERSION..=VERSION, "entity re-typer").map_err(&bad)?;
        let tagger = r.u64().map_err(&bad)?;
        let dims = r.u32().map_err(&bad)? as usize;
        if dims > 4096 {
            return Err(bad(format!("{dims} vector dimensions")));
        }
        let scale = r.f32().map_err(&bad)?;
        let n = r.count(8 + dims).map_err(&bad)?;
        let hashes = (0..n).map(|_| r.u64()).collect::<std::result::Result<Vec<_>, _>>().map_err(&bad)?;
        let values = r.take(n * dims).map_err(&bad)?.iter().map(|&b| b as i8).collect();
        let mut floats = |k: usize| (0..k).map(|_| r.f32()).collect::<std::result::Result<Vec<_>, _>>().map_err(&bad);
        let bias: [f32; N] = floats(N)?.try_into().map_err(|_| bad("bias".into()))?;
        let dense = floats(SLOTS * dims * N)?;
        let m = r.count(8 + 2 * N).map_err(&bad)?;
        let wscale = r.f32().map_err(&bad)?;
        let mut sparse = HashMapU64::default();
        sparse.reserve(m);
        for _ in 0..m {
            let k = r.u64().map_err(&bad)?;
            let mut w = [0f32; N];
            for x in &mut w {
                *x = f32::from(r.u16().map_err(&bad)? as i16) * wscale;
            }
            sparse.insert(k, w);
        }
        if !r.is_empty() {
            return Err(bad("trailing bytes after the weights".into()));
        }
        Ok(Retyper { tagger, vectors: Vectors::from_parts(dims, scale, hashes, values), bias, dense, sparse })
    }

    /// Writes the re-typer to `path` (through a temporary file, so a reader never sees half of it).
    pub(crate) fn save(&self, path: &Path) -> Result<()> {
        crate::models::write_atomic(path, &self.to_bytes())
    }

    /// Reads a re-typer file.
    pub(crate) fn load(path: &Path) -> Result<Retyper> {
        let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
        Retyper::from_bytes(&bytes, path)
    }
}

/// Probabilities from scores.
pub(crate) fn softmax(s: [f32; N]) -> [f32; N] {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = s.map(|x| (x - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|x| x / sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Label;

    fn span(tokens: std::ops::Range<usize>, label: Label) -> TaggedSpan {
        TaggedSpan { tokens, label, confidence: 0.8 }
    }

    /// A re-typer whose only opinion is a bias towards organisations of `strength`.
    fn leaning_to_organisations(strength: f32) -> Retyper {
        let words = vec!["acme".to_string(), "said".to_string()];
        Retyper {
            vectors: Vectors::new(&words, &[1.0, 0.0, 0.0, 1.0], 2),
            bias: [0.0, 0.0, strength, 0.0],
            dense: vec![0.0; SLOTS * 2 * N],
            ..Retyper::default()
        }
    }

    #[test]
    fn shapes_keep_two_of_a_run() {
        assert_eq!(word_shape("Mark"), "Xxx");
        assert_eq!(word_shape("U.S."), "X.X.");
        assert_eq!(word_shape("G7"), "Xd");
        assert_eq!(word_shape("1,200"), "d,dd");
    }

    #[test]
    fn a_type_changes_only_when_the_classifier_is_sure() {
        let tokens = ["Acme", "said", "so"];
        let sentences: Vec<&[&str]> = vec![&tokens];
        let model = Model::default();
        let mut found = vec![vec![span(0..1, Label::Person)]];
        leaning_to_organisations(1.0).retype(&model, &sentences, &[], &mut found);
        assert_eq!(found[0][0].label, Label::Person, "p(ORG) = 0.48 is below MIN_PROBABILITY");
        leaning_to_organisations(5.0).retype(&model, &sentences, &[], &mut found);
        assert_eq!(found[0][0].label, Label::Organization);
        assert!(found[0][0].confidence <= 0.8, "a changed type is never surer than the tagger was");
        assert_eq!(found[0][0].tokens, 0..1, "bounds never change");
    }

    #[test]
    fn datelines_are_told_from_result_lines_and_tables() {
        let yes: [&[&str]; 5] = [
            &[",", "Wisconsin", "1996-08-29"],
            &["1996-08-31"],
            &["(", "Reuters", ")", "-", "The"],
            &[",", "Dec", "6", "(", "Reuters", ")"],
            &[",", "Sept.", "12", "\u{2014}"],
        ];
        for rest in yes {
            assert!(is_dateline(rest), "{rest:?}");
        }
        let no: [&[&str]; 8] = [
            &["ISSUES", "YEN", "BONDS", "LONDON", ",", "March", "24", "-"],
            &["April", "20"],
            &["22", "19", "1", "2", "902"],
            &["(", "Australia", ")", "beat", "Tim"],
            &["Aug", "25", "41.0", "34.0"],
            &["said", "on", "1996-08-29"],
            &["1996-08"],
            &[],
        ];
        for rest in no {
            assert!(!is_dateline(rest), "{rest:?}");
        }
    }

    #[test]
    fn a_datelines_place_is_a_location_whatever_the_classifier_says() {
        let (dateline, story) = (["MILWAUKEE", ",", "Wisconsin", "1996-08-29"], ["MILWAUKEE", "won", "1996-08-29"]);
        let sentences: Vec<&[&str]> = vec![&dateline, &story];
        let mut found = vec![vec![span(0..1, Label::Organization)], vec![span(0..1, Label::Organization)]];
        leaning_to_organisations(5.0).retype(&Model::default(), &sentences, &[], &mut found);
        assert_eq!(found[0][0].label, Label::Location);
        assert_eq!(found[1][0].label, Label::Organization, "a sentence that goes on is not a dateline");
    }

    #[test]
    fn features_see_the_whole_entity_and_its_neighbours() {
        let tokens = ["Shares", "of", "Acme", "Corp", "rose"];
        let sentences: Vec<&[&str]> = vec![&tokens];
        let found = vec![vec![span(2..4, Label::Organization)]];
        let article = Article::new(&sentences, &[], &found);
        let r = leaning_to_organisations(1.0);
        let (mut keys, mut dense) = (Vec::new(), Vec::new());
        article.features(0, &found[0][0], &Model::default(), &r.vectors, &mut keys, &mut dense);
        let has = |k: u64| keys.iter().any(|&(key, _)| key == k);
        assert!(has(mix(t::LAST, lower_hash("Corp"))) && has(mix(t::FIRST, lower_hash("Acme"))));
        assert!(has(mix(t::BEFORE + 1, lower_hash("of"))) && has(mix(t::AFTER + 1, lower_hash("rose"))));
        assert!(has(mix(t::BEFORE + 3, BOUNDARY)), "past the sentence start is the boundary");
        assert!(has(mix(t::SAME_NAME, 2)), "the article's other mentions of the name vote (here: itself)");
        assert_eq!(dense.len(), SLOTS * 2);
        assert!((dense[0] - DENSE_WEIGHT / 2.0).abs() < 0.01, "the mean vector holds Acme's half: {dense:?}");
    }

    #[test]
    fn a_retyper_round_trips_and_rejects_damaged_files() {
        let mut r = leaning_to_organisations(2.0);
        r.tagger = 42;
        r.sparse.insert(7, [0.5, -0.25, 0.0, 1.0]);
        let bytes = r.to_bytes();
        let back = Retyper::from_bytes(&bytes, Path::new("r.bin")).unwrap();
        assert_eq!(back.tagger, 42);
        assert_eq!(back.bias, r.bias);
        let w = back.sparse[&7];
        assert!((w[0] - 0.5).abs() < 1e-3 && (w[1] + 0.25).abs() < 1e-3 && (w[3] - 1.0).abs() < 1e-3, "{w:?}");
        assert_eq!(back.vectors.dims, 2);
        for bad in [&bytes[..bytes.len() / 2], &[bytes.clone(), vec![0]].concat()[..], b"NOT-A-RETYPER"] {
            assert!(Retyper::from_bytes(bad, Path::new("r.bin")).is_err());
        }
    }

    #[test]
    fn a_retyper_of_another_tagger_is_refused() {
        use super::super::decode::N_TAGS;
        use super::super::model::{Settings, Weights};
        let dir = tempfile::tempdir().unwrap();
        let mut row = vec![0.0; N_TAGS];
        row[1] = 1.0;
        let model = Model::new(Settings::default(), Default::default(), Weights::new(vec![7], row, vec![0.0; N_TAGS * N_TAGS]), None);
        crate::models::write_atomic(&dir.path().join(super::super::MODEL_FILE), &model.to_bytes().unwrap()).unwrap();
        let mut r = leaning_to_organisations(2.0);
        r.tagger = 1;
        r.save(&dir.path().join(RETYPER_FILE)).unwrap();
        let err = super::super::Tagger::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("another"), "{err}");
        r.tagger = super::super::model_hash(&model.to_bytes().unwrap());
        r.save(&dir.path().join(RETYPER_FILE)).unwrap();
        assert!(super::super::Tagger::load(dir.path()).unwrap().has_retyper());
    }
}
