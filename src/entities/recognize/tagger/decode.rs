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

/// An entity found by [`super::Tagger::tag_document`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaggedSpan {
    /// Token range within its sentence.
    pub tokens: Range<usize>,
    /// Its type.
    pub label: Label,
    /// Confidence in 0..=1: a logistic of the margin by which the tagger
    /// preferred this entity's tags over the best alternative, at its least sure token.
    pub confidence: f32,
}

/// The entity types the tagger predicts, in tag order.
pub(crate) const TYPES: [Label; 4] = [Label::Person, Label::Location, Label::Organization, Label::Misc];

/// The index in [`TYPES`] of a label, if the tagger predicts it.
pub(crate) fn type_index(label: Label) -> Option<usize> {
    TYPES.iter().position(|&t| t == label)
}

/// Number of tags: O plus B, I, L, U for each type.
pub(crate) const N_TAGS: usize = 1 + 4 * TYPES.len();

/// The Outside tag.
pub(crate) const O: usize = 0;

/// Position of a tag inside its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
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
pub(crate) fn tag(ty: usize, part: Part) -> usize {
    1 + 4 * ty + part as usize
}

/// The type index and part of a tag other than O.
pub(crate) fn split(tag: usize) -> Option<(usize, Part)> {
    let t = tag.checked_sub(1)?;
    let part = [Part::B, Part::I, Part::L, Part::U][t % 4];
    Some((t / 4, part))
}

/// Whether `cur` may follow `prev` (`None`: the sentence start).
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let open = prev.and_then(split).filter(|(_, p)| matches!(p, Part::B | Part::I));
    match (open, split(cur)) {
        (None, None) => true,
        (None, Some((_, p))) => matches!(p, Part::B | Part::U),
        (Some(_), None) => false,
        (Some((t0, _)), Some((t1, p))) => t0 == t1 && matches!(p, Part::I | Part::L),
    }
}

/// Whether a sentence may end after `last`.
pub(crate) fn may_end(last: usize) -> bool {
    !matches!(split(last), Some((_, Part::B | Part::I)))
}

/// BILOU tags for `n` tokens holding `spans` (token range, type index).
pub(crate) fn tags_from_spans(n: usize, spans: &[(Range<usize>, usize)]) -> Vec<u8> {
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
pub(crate) fn spans_from_tags(tags: &[u8]) -> Vec<(Range<usize>, usize)> {
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
///
/// The transitions have a shape that the inner loops use: the tags that may start something (O, B-*, U-*:
/// the "wide" tags) all follow the same nine tags (O, L-*, U-*: the "closing" tags), while I-* and L-* follow
/// only B and I of their own type. So the wide tags are scored together over the closing tags, in
/// fixed-size arrays that the compiler vectorises, and the others one by one over their two
/// predecessors; the backward pass mirrors this. The forward pass keeps scores only: the trace back finds
/// the predecessor of each tag on the best path again. Every sum is the one a plain scan over the legal
/// tags in order would compute, and ties go to the earliest tag as in such a scan.
#[derive(Debug, Clone)]
pub(crate) struct Viterbi {
    /// The wide tags: those whose predecessors are the closing tags.
    wide: Vec<usize>,
    /// The closing tags, in order: the predecessors of the wide tags, whose successors are the wide tags.
    closing: Vec<usize>,
    /// The other tags, each with its two predecessors (forward) or its two successors (backward).
    narrow_preds: Vec<(usize, [usize; 2])>,
    narrow_succs: Vec<(usize, [usize; 2])>,
    /// This call's transitions from each closing tag to the wide tags (lanes in `wide` order; padding at
    /// minus infinity), and into each wide tag from the closing tags (lanes in `closing` order).
    from_closing: Vec<[f32; LANES]>,
    into_wide: Vec<[f32; LANES]>,
    forward: Vec<f32>,
    backward: Vec<f32>,
    /// For each tag, the tags that may precede it (for the trace back).
    preds: [Vec<u8>; N_TAGS],
}

/// Lanes scored together in the inner loops: the wide or the closing tags, padded to three SSE registers.
const LANES: usize = 12;

impl Default for Viterbi {
    fn default() -> Self {
        let preds: [Vec<u8>; N_TAGS] =
            std::array::from_fn(|c| (0..N_TAGS).filter(|&p| allowed(Some(p), c)).map(|p| p as u8).collect());
        let succs: [Vec<u8>; N_TAGS] =
            std::array::from_fn(|p| (0..N_TAGS).filter(|&c| allowed(Some(p), c)).map(|c| c as u8).collect());
        let closing_set = &preds[O];
        let wide: Vec<usize> = (0..N_TAGS).filter(|&c| preds[c] == *closing_set).collect();
        let wide_set: Vec<u8> = wide.iter().map(|&c| c as u8).collect();
        let closing: Vec<usize> = (0..N_TAGS).filter(|&p| closing_set.contains(&(p as u8)) && succs[p] == wide_set).collect();
        let two = |tags: &[u8]| -> Option<[usize; 2]> { (tags.len() == 2).then(|| [tags[0] as usize, tags[1] as usize]) };
        let narrow_preds: Vec<(usize, [usize; 2])> =
            (0..N_TAGS).filter(|c| !wide.contains(c)).filter_map(|c| Some((c, two(&preds[c])?))).collect();
        let narrow_succs: Vec<(usize, [usize; 2])> =
            (0..N_TAGS).filter(|p| !closing.contains(p)).filter_map(|p| Some((p, two(&succs[p])?))).collect();
        assert!(
            wide.len() <= LANES
                && closing.len() <= LANES
                && closing.len() == closing_set.len()
                && wide.len() + narrow_preds.len() == N_TAGS
                && closing.len() + narrow_succs.len() == N_TAGS,
            "BILOU transitions have the shape the decoder expects"
        );
        let pad = [f32::NEG_INFINITY; LANES];
        Viterbi {
            from_closing: vec![pad; closing.len()],
            into_wide: vec![pad; wide.len()],
            wide,
            closing,
            narrow_preds,
            narrow_succs,
            forward: Vec::new(),
            backward: Vec::new(),
            preds,
        }
    }
}

impl Viterbi {
    /// The best legal tag sequence for `emissions` (`n * N_TAGS` scores,
    /// token-major) under `transitions` (`N_TAGS * N_TAGS`, `[prev * N_TAGS + cur]`),
    /// written into `tags`. With `margins`, also writes for each token how far
    /// the best path's score is above the best path that gives that token another tag.
    pub(crate) fn decode(&mut self, emissions: &[f32], transitions: &[f32], tags: &mut Vec<u8>, margins: Option<&mut Vec<f32>>) {
        let n = emissions.len() / N_TAGS;
        tags.clear();
        if n == 0 {
            return;
        }
        self.forward.clear();
        self.forward.resize(n * N_TAGS, f32::NEG_INFINITY);
        for (c, (f, &e)) in self.forward.iter_mut().zip(emissions).take(N_TAGS).enumerate() {
            if allowed(None, c) {
                *f = e;
            }
        }
        for (i, &p) in self.closing.iter().enumerate() {
            for (j, &c) in self.wide.iter().enumerate() {
                self.from_closing[i][j] = transitions[p * N_TAGS + c];
                self.into_wide[j][i] = transitions[p * N_TAGS + c];
            }
        }
        for i in 1..n {
            let (done, rest) = self.forward.split_at_mut(i * N_TAGS);
            let prev: &[f32; N_TAGS] = done[(i - 1) * N_TAGS..].try_into().expect("a row of N_TAGS scores");
            let em: &[f32; N_TAGS] = emissions[i * N_TAGS..(i + 1) * N_TAGS].try_into().expect("a row of N_TAGS scores");
            let cur = &mut rest[..N_TAGS];
            // The wide tags together, over the closing tags. Only scores are kept: the trace back finds the
            // predecessors of the few tags on the best path again.
            let mut best = [f32::NEG_INFINITY; LANES];
            for (&p, row) in self.closing.iter().zip(&self.from_closing) {
                let from = prev[p];
                for j in 0..LANES {
                    let s = from + row[j];
                    best[j] = if s > best[j] { s } else { best[j] };
                }
            }
            for (&c, &b) in self.wide.iter().zip(&best) {
                cur[c] = b + em[c];
            }
            // The others over their two predecessors.
            for &(c, [p0, p1]) in &self.narrow_preds {
                let (s0, s1) = (prev[p0] + transitions[p0 * N_TAGS + c], prev[p1] + transitions[p1 * N_TAGS + c]);
                cur[c] = if s1 > s0 { s1 } else { s0 } + em[c];
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
        tags[n - 1] = t as u8;
        for i in (1..n).rev() {
            // The earliest of the best predecessors, as the forward scores were computed.
            let prev = &self.forward[(i - 1) * N_TAGS..i * N_TAGS];
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for &p in &self.preds[t] {
                let s = prev[p as usize] + transitions[p as usize * N_TAGS + t];
                if s > best {
                    (best, arg) = (s, p as usize);
                }
            }
            t = arg;
            tags[i - 1] = t as u8;
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
            let (row, after) = self.backward.split_at_mut((i + 1) * N_TAGS);
            let row = &mut row[i * N_TAGS..];
            let next: &[f32; N_TAGS] = after[..N_TAGS].try_into().expect("a row of N_TAGS scores");
            let em: &[f32; N_TAGS] = emissions[(i + 1) * N_TAGS..(i + 2) * N_TAGS].try_into().expect("a row of N_TAGS scores");
            // The closing tags together, over the wide tags that may follow them.
            let mut best = [f32::NEG_INFINITY; LANES];
            for (&c, col) in self.wide.iter().zip(&self.into_wide) {
                let (e, later) = (em[c], next[c]);
                for j in 0..LANES {
                    let s = col[j] + e + later;
                    best[j] = if s > best[j] { s } else { best[j] };
                }
            }
            for (&p, &b) in self.closing.iter().zip(&best) {
                row[p] = b;
            }
            // The others over their two successors.
            for &(p, succs) in &self.narrow_succs {
                let mut b = f32::NEG_INFINITY;
                for c in succs {
                    let s = transitions[p * N_TAGS + c] + em[c] + next[c];
                    b = if s > b { s } else { b };
                }
                row[p] = b;
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

    proptest::proptest! {
        /// Against every legal path of up to three tokens: the decoder's path has the best score, and each
        /// margin is the best score less the best score of a path with another tag at that token.
        #[test]
        fn viterbi_agrees_with_exhaustive_search(
            n in 1usize..4,
            e in proptest::collection::vec(-4.0f32..4.0, 3 * N_TAGS),
            t in proptest::collection::vec(-2.0f32..2.0, N_TAGS * N_TAGS),
        ) {
            let e = &e[..n * N_TAGS];
            let mut paths: Vec<(f32, Vec<usize>)> = Vec::new();
            for code in 0..N_TAGS.pow(n as u32) {
                let path: Vec<usize> = (0..n).map(|i| code / N_TAGS.pow(i as u32) % N_TAGS).collect();
                let legal = allowed(None, path[0]) && path.windows(2).all(|w| allowed(Some(w[0]), w[1])) && may_end(path[n - 1]);
                if legal {
                    let score = (0..n).map(|i| e[i * N_TAGS + path[i]] + if i > 0 { t[path[i - 1] * N_TAGS + path[i]] } else { 0.0 }).sum();
                    paths.push((score, path));
                }
            }
            let best = paths.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
            let (mut v, mut tags, mut margins) = (Viterbi::default(), Vec::new(), Vec::new());
            v.decode(e, &t, &mut tags, Some(&mut margins));
            let got = paths.iter().find(|p| p.1.iter().zip(&tags).all(|(a, &b)| *a == b as usize)).expect("a legal path");
            proptest::prop_assert!((got.0 - best).abs() < 1e-3, "path score {} against best {}", got.0, best);
            for i in 0..n {
                let rival = paths.iter().filter(|p| p.1[i] != tags[i] as usize).map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
                proptest::prop_assert!((margins[i] - (best - rival)).abs() < 1e-3, "token {i}: margin {} against {}", margins[i], best - rival);
            }
        }
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
