//! BILOU tags and Viterbi decoding.
//!
//! Each of the four CoNLL types gets four tags (Begin, Inside, Last,
//! Unit), plus one Outside tag: 17 in all. BILOU rather than IOB because it
//! lets a linear model learn what ends a name as well as what starts it
//! (Ratinov and Roth 2009 found it better for the same features). Illegal
//! sequences (`O I-PER`, `B-PER B-LOC`) are excluded during search, not
//! repaired afterwards, so the decoder always returns well-formed entities.
//!
//! Next to the best path, [`Viterbi::decode`] can compute max-marginals
//! (the best score of any path through a given tag at a given token) with a
//! backward pass, and from them the margin by which each predicted tag beat
//! its best rival: that margin is what mention confidences are made from.

use std::ops::Range;

use crate::document::Label;

/// The entity types the tagger predicts, in tag order.
pub const TYPES: [Label; 4] = [Label::Person, Label::Location, Label::Organization, Label::Misc];

/// Number of tags: O plus B, I, L, U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();

/// The Outside tag.
pub const O: usize = 0;

/// Position of a tag inside its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// First token of a multi-token entity.
    B,
    /// Inner token.
    I,
    /// Last token of a multi-token entity.
    L,
    /// A one-token entity.
    U,
}

/// The tag for `part` of type index `ty`.
pub fn tag(ty: usize, part: Part) -> usize {
    1 + 4 * ty + part as usize
}

/// The type index and part of a tag other than O.
pub fn split(tag: usize) -> Option<(usize, Part)> {
    let t = tag.checked_sub(1)?;
    let part = [Part::B, Part::I, Part::L, Part::U][t % 4];
    Some((t / 4, part))
}

/// Whether `cur` may follow `prev` (`None`: the sentence start).
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let open = prev.and_then(split).filter(|(_, p)| matches!(p, Part::B | Part::I));
    match (open, split(cur)) {
        (None, None) => true,
        (None, Some((_, p))) => matches!(p, Part::B | Part::U),
        (Some(_), None) => false,
        (Some((t0, _)), Some((t1, p))) => t0 == t1 && matches!(p, Part::I | Part::L),
    }
}

/// Whether a sentence may end after `last`.
pub fn may_end(last: usize) -> bool {
    !matches!(split(last), Some((_, Part::B | Part::I)))
}

/// BILOU tags for `n` tokens holding `spans` (token range, type index).
pub fn tags_from_spans(n: usize, spans: &[(Range<usize>, usize)]) -> Vec<u8> {
    let mut tags = vec![O as u8; n];
    for (r, ty) in spans {
        if r.end > n || r.is_empty() {
            continue;
        }
        if r.len() == 1 {
            tags[r.start] = tag(*ty, Part::U) as u8;
            continue;
        }
        for i in r.clone() {
            let part = if i == r.start {
                Part::B
            } else if i + 1 == r.end {
                Part::L
            } else {
                Part::I
            };
            tags[i] = tag(*ty, part) as u8;
        }
    }
    tags
}

/// Entity spans (token range, type index) of a well-formed BILOU sequence.
pub fn spans_from_tags(tags: &[u8]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t as usize) {
            None => start = None,
            Some((ty, Part::U)) => out.push((i..i + 1, ty)),
            Some((_, Part::B)) => start = Some(i),
            Some((_, Part::I)) => {}
            Some((ty, Part::L)) => {
                if let Some(s) = start.take() {
                    out.push((s..i + 1, ty));
                }
            }
        }
    }
    out
}

/// A reusable Viterbi decoder over the legal BILOU transitions.
#[derive(Debug, Clone)]
pub struct Viterbi {
    /// For each tag, the tags that may precede it.
    preds: [Vec<u8>; N_TAGS],
    /// For each tag, the tags that may follow it.
    succs: [Vec<u8>; N_TAGS],
    forward: Vec<f32>,
    back: Vec<u8>,
    backward: Vec<f32>,
}

impl Default for Viterbi {
    fn default() -> Self {
        let preds = std::array::from_fn(|c| (0..N_TAGS).filter(|&p| allowed(Some(p), c)).map(|p| p as u8).collect());
        let succs = std::array::from_fn(|p| (0..N_TAGS).filter(|&c| allowed(Some(p), c)).map(|c| c as u8).collect());
        Viterbi { preds, succs, forward: Vec::new(), back: Vec::new(), backward: Vec::new() }
    }
}

impl Viterbi {
    /// The best legal tag sequence for `emissions` (`n * N_TAGS` scores,
    /// token-major) under `transitions` (`N_TAGS * N_TAGS`, `[prev * N_TAGS + cur]`),
    /// written into `tags`. With `margins`, also writes for each token how far
    /// the best path's score is above the best path that gives that token another tag.
    pub fn decode(&mut self, emissions: &[f32], transitions: &[f32], tags: &mut Vec<u8>, margins: Option<&mut Vec<f32>>) {
        let n = emissions.len() / N_TAGS;
        tags.clear();
        if n == 0 {
            return;
        }
        self.forward.clear();
        self.forward.resize(n * N_TAGS, f32::NEG_INFINITY);
        self.back.clear();
        self.back.resize(n * N_TAGS, 0);
        for (c, (f, &e)) in self.forward.iter_mut().zip(emissions).take(N_TAGS).enumerate() {
            if allowed(None, c) {
                *f = e;
            }
        }
        for i in 1..n {
            let (done, rest) = self.forward.split_at_mut(i * N_TAGS);
            let prev = &done[(i - 1) * N_TAGS..];
            let cur = &mut rest[..N_TAGS];
            for c in 0..N_TAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for &p in &self.preds[c] {
                    let p = p as usize;
                    let s = prev[p] + transitions[p * N_TAGS + c];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                cur[c] = best + emissions[i * N_TAGS + c];
                self.back[i * N_TAGS + c] = arg as u8;
            }
        }
        let last = &self.forward[(n - 1) * N_TAGS..];
        let mut best_tag = O;
        for c in 0..N_TAGS {
            if may_end(c) && last[c] > last[best_tag] {
                best_tag = c;
            }
        }
        let best_score = last[best_tag];
        tags.resize(n, 0);
        let mut t = best_tag;
        for i in (0..n).rev() {
            tags[i] = t as u8;
            t = self.back[i * N_TAGS + t] as usize;
        }
        if let Some(margins) = margins {
            self.margins(emissions, transitions, tags, best_score, margins);
        }
    }

    /// Max-marginal margins: a backward pass gives the best completion from
    /// each (token, tag), and forward + backward the best path through it.
    fn margins(&mut self, emissions: &[f32], transitions: &[f32], tags: &[u8], best: f32, out: &mut Vec<f32>) {
        let n = tags.len();
        self.backward.clear();
        self.backward.resize(n * N_TAGS, f32::NEG_INFINITY);
        for c in 0..N_TAGS {
            if may_end(c) {
                self.backward[(n - 1) * N_TAGS + c] = 0.0;
            }
        }
        for i in (0..n.saturating_sub(1)).rev() {
            for p in 0..N_TAGS {
                let mut b = f32::NEG_INFINITY;
                for &c in &self.succs[p] {
                    let c = c as usize;
                    let s = transitions[p * N_TAGS + c] + emissions[(i + 1) * N_TAGS + c] + self.backward[(i + 1) * N_TAGS + c];
                    b = b.max(s);
                }
                self.backward[i * N_TAGS + p] = b;
            }
        }
        out.clear();
        for (i, &t) in tags.iter().enumerate() {
            let mut rival = f32::NEG_INFINITY;
            for c in (0..N_TAGS).filter(|&c| c != t as usize) {
                rival = rival.max(self.forward[i * N_TAGS + c] + self.backward[i * N_TAGS + c]);
            }
            out.push(best - rival);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_set_round_trips() {
        for ty in 0..TYPES.len() {
            for part in [Part::B, Part::I, Part::L, Part::U] {
                assert_eq!(split(tag(ty, part)), Some((ty, part)));
            }
        }
        assert_eq!(split(O), None);
        assert_eq!(N_TAGS, 17);
    }

    #[test]
    fn only_well_formed_transitions_are_allowed() {
        let per = |p| tag(0, p);
        let loc = |p| tag(1, p);
        let cases = [
            ("start O", None, O, true),
            ("start U", None, per(Part::U), true),
            ("start I", None, per(Part::I), false),
            ("B then I", Some(per(Part::B)), per(Part::I), true),
            ("B then L", Some(per(Part::B)), per(Part::L), true),
            ("B then O", Some(per(Part::B)), O, false),
            ("B then other type", Some(per(Part::B)), loc(Part::L), false),
            ("L then B", Some(per(Part::L)), loc(Part::B), true),
            ("U then I", Some(per(Part::U)), per(Part::I), false),
            ("O then L", Some(O), per(Part::L), false),
        ];
        for (name, prev, cur, want) in cases {
            assert_eq!(allowed(prev, cur), want, "{name}");
        }
    }

    #[test]
    fn spans_and_tags_round_trip() {
        let spans = vec![(0..2, 0), (3..4, 1), (5..8, 2)];
        let tags = tags_from_spans(9, &spans);
        assert_eq!(spans_from_tags(&tags), spans);
    }

    #[test]
    fn viterbi_obeys_the_constraints_and_finds_the_best_path() {
        // Token 1 alone prefers I-PER, which cannot follow O; the decoder must
        // make a legal choice: B-PER L-PER if that scores better than O O.
        let mut e = vec![0.0f32; 2 * N_TAGS];
        e[O] = 1.0;
        e[tag(0, Part::B)] = 0.8;
        e[N_TAGS + tag(0, Part::I)] = 5.0;
        e[N_TAGS + tag(0, Part::L)] = 3.0;
        let trans = vec![0.0f32; N_TAGS * N_TAGS];
        let (mut v, mut tags, mut margins) = (Viterbi::default(), Vec::new(), Vec::new());
        v.decode(&e, &trans, &mut tags, Some(&mut margins));
        assert_eq!(tags, vec![tag(0, Part::B) as u8, tag(0, Part::L) as u8]);
        // The best rival path for token 0 is O O (1.0 + 0.0), for token 1 also O O: margin 3.8 - 1.0.
        assert!((margins[0] - 2.8).abs() < 1e-5 && (margins[1] - 2.8).abs() < 1e-5, "{margins:?}");
    }
}
