//! The built-in entity tagger: people, places, organisations and other
//! names (the four CoNLL types), from a model this project trains.
//!
//! A linear model over hashed features ([`features`]) scores BILOU tags
//! ([`decode`]) for every token, and Viterbi picks the best legal sequence.
//! An article is tagged as a whole: the first stage's labels for every word
//! of the article feed a second stage, so that a name mentioned five times
//! gets one label, and "Carney" alone is the person "Mark Carney" was. The
//! title and caption are tagged with the body as their context, which is
//! how "Carney" in a headline is known to be the Mark Carney of the story.
//!
//! [`Tagger::tag_document`] is the fast entry point over token slices (for
//! evaluation and benchmarks); the [`EntityRecognizer`] implementation
//! tokenises a [`Document`]'s title and caption and reuses its body tokens,
//! and returns mentions with spans into each field's text.

mod article;
pub(crate) mod word_clusters;
pub(crate) mod cues;
pub(crate) mod decode;
pub(crate) mod features;
pub(crate) mod forms;
pub(crate) mod gazetteer;
pub(crate) mod lists;
pub(crate) mod model;
pub(crate) mod retype;
pub(crate) mod retype_train;
pub(crate) mod train;
pub(crate) mod vector_classes;
mod name_edges;
mod surnames;
mod works;

use std::ops::Range;
use std::path::Path;

use self::article::{
    companies_named_like_regions, drop_common_words_at_starts, drop_common_abbreviations, drop_interjections, extend_to_known_names, join_partners_into_firms, organisations_by_their_heads,
    split_at_known_names, without_titles_and_tags,
};
use self::works::{awards, titles_of_works};
pub(crate) use self::decode::TaggedSpan;
use self::decode::{spans_from_tags, Viterbi, N_TAGS, TYPES};
use self::features::{vote_keys, DocContext, Extractor, TokMemo, WordContext};
use self::model::Model;
use self::retype::{Retyper, RETYPER_FILE};
use crate::document::{Document, Field, Label, Mention, Origin};
use crate::entities::EntityRecognizer;
use crate::error::Result;
use crate::span::SpanMapper;

/// The model's file name inside a model folder.
pub(crate) const MODEL_FILE: &str = "tagger.bin";
/// The default model's path inside the models folder.
pub(crate) const DEFAULT_MODEL: &str = "ner/tagger.bin";

/// The statistical entity tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    /// The third stage, when the model folder has one for this model.
    retyper: Option<Retyper>,
}

/// Margins are divided by this before the logistic. Margins are sums of
/// averaged perceptron weights, whose size depends on the recipe; with the
/// committed recipe this value makes confidence track precision on CoNLL
/// dev (0.7-0.8: 71% right, 0.8-0.9: 90%, above 0.9: 98%; `eval ner`
/// prints that table). It changes no label, only the confidence.
const MARGIN_SCALE: f32 = 25.0;

impl Tagger {
    /// A tagger over a model, without a re-typer.
    pub(crate) fn new(model: Model) -> Tagger {
        Tagger { model, retyper: None }
    }

    /// Loads a model file, or the model file inside a folder, with the re-typer (`retyper.bin`) beside it
    /// if there is one. A re-typer trained with another model file is an error.
    pub fn load(path: &Path) -> Result<Tagger> {
        let file = if path.is_dir() { path.join(MODEL_FILE) } else { path.to_path_buf() };
        let bytes = std::fs::read(&file).map_err(|e| crate::error::Error::io("reading", &file, e))?;
        let model = Model::from_bytes(&bytes, &file)?;
        let retyper_file = file.with_file_name(RETYPER_FILE);
        let retyper = match retyper_file.is_file() {
            true => Some(Retyper::load(&retyper_file)?),
            false => None,
        };
        if let Some(r) = &retyper {
            if r.tagger != model_hash(&bytes) {
                return Err(crate::error::Error::model(
                    &retyper_file,
                    format!("was trained with another {MODEL_FILE} than {}; retrain both together", file.display()),
                ));
            }
        }
        Ok(Tagger { model, retyper })
    }

    /// Loads the default model (`ner/tagger.bin`) from the models folder (see [`crate::models`]).
    pub fn load_default(models_dir: Option<&Path>) -> Result<Tagger> {
        Tagger::load(&crate::models::model_path(models_dir, DEFAULT_MODEL)?)
    }

    /// The same tagger without its re-typer (the `fast` backend).
    pub fn without_retyper(mut self) -> Tagger {
        self.retyper = None;
        self
    }

    /// Whether the re-typer runs.
    pub fn has_retyper(&self) -> bool {
        self.retyper.is_some()
    }

    /// With a re-typer.
    pub(crate) fn with_retyper(mut self, retyper: Retyper) -> Tagger {
        self.retyper = Some(retyper);
        self
    }

    /// The model.
    pub(crate) fn model(&self) -> &Model {
        &self.model
    }

    /// Tags the sentences of one article (each a slice of tokens); returns
    /// the entities of each sentence, in order.
    pub(crate) fn tag_document(&self, sentences: &[&[&str]]) -> Vec<Vec<TaggedSpan>> {
        let (mut found, lowers) = self.tag_stages(sentences);
        if let Some(r) = &self.retyper {
            r.retype(&self.model, sentences, &lowers, &mut found);
        }
        split_at_known_names(sentences, &mut found);
        join_partners_into_firms(sentences, &mut found);
        drop_common_words_at_starts(sentences, &mut found, &self.model.clusters);
        drop_common_abbreviations(sentences, &mut found);
        drop_interjections(sentences, &mut found);
        extend_to_known_names(sentences, &mut found);
        organisations_by_their_heads(sentences, &mut found);
        companies_named_like_regions(sentences, &mut found);
        titles_of_works(sentences, &mut found);
        awards(sentences, &mut found);
        surnames::surnames_of_people(sentences, &mut found);
        name_edges::titles_off_names(sentences, &mut found);
        name_edges::possessive_names(sentences, &mut found);
        name_edges::balanced_parentheses(sentences, &mut found);
        name_edges::months_off_names(sentences, &mut found);
        name_edges::the_of_newspapers(sentences, &mut found);
        found
    }

    /// The entities of the two tagging stages alone (no re-typer, no article rules): what the re-typer is
    /// trained on.
    /// Also returns the lower-case hash of every token of the article, flat, which the re-typer reads.
    pub(crate) fn tag_stages(&self, sentences: &[&[&str]]) -> (Vec<Vec<TaggedSpan>>, Vec<u64>) {
        thread_local! {
            // The buffers are kept between articles as well: growing them afresh for every article cost
            // more in page faults than the tagging arithmetic of some.
            static MEMO: std::cell::RefCell<(TokMemo, Workspace)> = Default::default();
        }
        MEMO.with_borrow_mut(|(memo, w)| {
            memo.serve(self.model.memo_owner());
            w.reset();
            let mut lowers = Vec::new();
            let found = self.tag_with(sentences, memo, w, &mut lowers);
            (found, lowers)
        })
    }

    fn tag_with(
        &self,
        sentences: &[&[&str]],
        memo: &mut TokMemo,
        w: &mut Workspace,
        lowers_out: &mut Vec<u64>,
    ) -> Vec<Vec<TaggedSpan>> {
        let m = &self.model;
        let set = m.settings.features;
        let two_stage = set.two_stage && m.stage2.is_some();
        // Each word's own features are summed once (and kept in the memo); per token only its context is looked up.
        let summer = |keys: &[u64]| m.scorer.own_scores(keys);
        let mut ext = Extractor::new(set, &m.gazetteer, &m.clusters, &m.vectors).with_memo(memo).with_own_scores(&summer);
        let mut ctx = DocContext::default();
        let mut out = Vec::with_capacity(sentences.len());
        // Pass 1: features are extracted and looked up once per token; the row
        // ids are kept, since the second stage reads the same rows.
        for s in sentences {
            ext.sentence(s, &mut w.keys, &mut w.offsets);
            let first_token = w.tok_off.len() - 1;
            w.em.clear();
            w.em.resize(s.len() * N_TAGS, 0.0);
            if two_stage {
                // The second stage's scores from the same rows, now: votes are added to them in pass 2.
                w.em2.resize(w.em2.len() + s.len() * N_TAGS, 0.0);
            }
            m.scorer.resolve_tokens(&w.keys, &w.offsets, &mut w.ids, &mut w.tok_off);
            if let Some(&end) = w.tok_off.get(first_token + 1) {
                m.scorer.prefetch_rows(&w.ids[w.tok_off[first_token]..end]);
            }
            for i in 0..s.len() {
                let t = first_token + i;
                // The next token's rows are on their way while this one's are summed.
                if let Some(&end) = w.tok_off.get(t + 2) {
                    m.scorer.prefetch_rows(&w.ids[w.tok_off[t + 1]..end]);
                }
                let (ids, em) = (&w.ids[w.tok_off[t]..w.tok_off[t + 1]], &mut w.em[i * N_TAGS..(i + 1) * N_TAGS]);
                let own = ext.own_scores().get(i);
                if two_stage {
                    m.scorer.add_both(own, ids, em, &mut w.em2[t * N_TAGS..(t + 1) * N_TAGS]);
                } else {
                    m.scorer.add(0, own, ids, em);
                }
            }
            let (lowers, caps) = ext.words();
            w.lowers.extend_from_slice(lowers);
            w.caps.extend(caps);
            if two_stage {
                w.vit.decode(&w.em, &m.stage1.transitions, &mut w.tags, None);
                ctx.add_votes(&w.lowers[first_token..], &w.caps[first_token..], &w.tags);
                if set.doc_cues {
                    ctx.add_cues(&w.lowers[first_token..], &w.caps[first_token..]);
                }
            } else {
                w.vit.decode(&w.em, &m.stage1.transitions, &mut w.tags, Some(&mut w.margins));
                out.push(without_titles_and_tags(s, spans(&w.tags, &w.margins)));
            }
        }
        let Some(stage2) = m.stage2.as_ref().filter(|_| two_stage) else {
            std::mem::swap(lowers_out, &mut w.lowers);
            return out;
        };
        // Pass 2: the same rows' second-stage scores (summed in pass 1), plus the votes of pass 1.
        let mut first_token = 0;
        for s in sentences {
            let (lowers, caps) = (&w.lowers[first_token..first_token + s.len()], &w.caps[first_token..first_token + s.len()]);
            w.em.clear();
            w.em.extend_from_slice(&w.em2[first_token * N_TAGS..(first_token + s.len()) * N_TAGS]);
            // The sentence's vote keys first, then their rows, fetched ahead as in pass 1.
            ctx.words_of(lowers, &mut w.words);
            w.keys.clear();
            w.offsets.clear();
            for i in 0..s.len() {
                w.offsets.push(w.keys.len());
                vote_keys(&w.words, caps, i, &mut w.keys);
            }
            w.offsets.push(w.keys.len());
            w.vote_ids.clear();
            w.vote_off.clear();
            w.vote_off.push(0);
            m.scorer.resolve_tokens(&w.keys, &w.offsets, &mut w.vote_ids, &mut w.vote_off);
            for i in 0..s.len() {
                let em = &mut w.em[i * N_TAGS..(i + 1) * N_TAGS];
                m.scorer.add(1, None, &w.vote_ids[w.vote_off[i]..w.vote_off[i + 1]], em);
            }
            w.vit.decode(&w.em, &stage2.transitions, &mut w.tags, Some(&mut w.margins));
            out.push(without_titles_and_tags(s, spans(&w.tags, &w.margins)));
            first_token += s.len();
        }
        std::mem::swap(lowers_out, &mut w.lowers);
        out
    }
}

/// The hash of a model file's bytes, which its re-typer records.
pub(crate) fn model_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Buffers of one [`Tagger::tag_document`] call, kept for the next; [`Workspace::reset`] readies them.
#[derive(Default)]
struct Workspace {
    keys: Vec<u64>,
    offsets: Vec<usize>,
    /// Row ids of every token of the article, flat, and where each token's start.
    ids: Vec<u32>,
    tok_off: Vec<usize>,
    vote_ids: Vec<u32>,
    /// Where each token's vote rows start in `vote_ids` (and the end).
    vote_off: Vec<usize>,
    /// What the first stage said about each word of the sentence.
    words: Vec<WordContext>,
    /// Second-stage scores of every token of the article, from its own features (pass 1).
    em2: Vec<f32>,
    lowers: Vec<u64>,
    caps: Vec<u8>,
    em: Vec<f32>,
    tags: Vec<u8>,
    margins: Vec<f32>,
    vit: Viterbi,
}

impl Workspace {
    /// Empties every buffer for the next article, keeping their memory.
    fn reset(&mut self) {
        self.keys.clear();
        self.offsets.clear();
        self.ids.clear();
        self.tok_off.clear();
        self.tok_off.push(0);
        self.vote_ids.clear();
        self.vote_off.clear();
        self.words.clear();
        self.em2.clear();
        self.lowers.clear();
        self.caps.clear();
        self.em.clear();
        self.tags.clear();
        self.margins.clear();
    }
}

fn spans(tags: &[u8], margins: &[f32]) -> Vec<TaggedSpan> {
    spans_from_tags(tags)
        .into_iter()
        .map(|(r, ty)| {
            let least = margins[r.clone()].iter().copied().fold(f32::INFINITY, f32::min);
            TaggedSpan { tokens: r, label: TYPES[ty], confidence: 1.0 / (1.0 + (-least / MARGIN_SCALE).exp()) }
        })
        .collect()
}

/// How sure a photo credit makes us of its agency and photographer.
const CREDIT_CONFIDENCE: f32 = 0.9;

/// Photo credits, a convention of news pages that CoNLL never shows:
/// "THE CANADIAN PRESS/Christinne Muschi", "AP Photo/Evan Vucci". The
/// all-caps run before the slash (and an optional "Photo") is the agency,
/// the two or three capitalised words after it the photographer.
fn photo_credits(tokens: &[&str]) -> Vec<(Range<usize>, Label)> {
    use self::forms::{caps, Caps};
    let mut out = Vec::new();
    for k in (1..tokens.len()).filter(|&k| tokens[k] == "/") {
        let end = if matches!(tokens[k - 1], "Photo" | "Photos" | "photo") { k - 1 } else { k };
        let mut start = end;
        while start > 0 && end - start < 5 && matches!(caps(tokens[start - 1]), Caps::All | Caps::Single) {
            start -= 1;
        }
        let mut last = k + 1;
        while last < tokens.len() && last - k <= 3 && caps(tokens[last]) == Caps::Initial {
            last += 1;
        }
        if start < end && last - (k + 1) >= 2 {
            out.push((start..end, Label::Organization));
            out.push((k + 1..last, Label::Person));
        }
    }
    out
}

impl EntityRecognizer for Tagger {
    fn name(&self) -> &str {
        "tagger"
    }

    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
        // One article, one context: title and caption sentences are tagged
        // together with the body's, then each mention is mapped to its field.
        let title = doc.meta.title.as_deref().unwrap_or("");
        let caption = doc.meta.caption.as_deref().unwrap_or("");
        // (field, its text, token byte ranges, body sentence index) per sentence.
        type Unit<'d> = (Field, &'d str, Vec<Range<usize>>, Option<usize>);
        let mut units: Vec<Unit> = Vec::new();
        for (field, text) in [(Field::Title, title), (Field::Caption, caption)] {
            units.extend(crate::segment::sentence_tokens(text).into_iter().map(|t| (field, text, t, None)));
        }
        for (i, s) in doc.sentences.iter().enumerate() {
            let ranges = doc.tokens[s.tokens.clone()].iter().map(|t| t.span.byte.clone()).collect();
            units.push((Field::Body, doc.body.as_str(), ranges, Some(i)));
        }
        let token_strs: Vec<Vec<&str>> =
            units.iter().map(|(_, text, ranges, _)| ranges.iter().map(|r| &text[r.clone()]).collect()).collect();
        let views: Vec<&[&str]> = token_strs.iter().map(Vec::as_slice).collect();
        let found = self.tag_document(&views);

        let mut mentions = Vec::new();
        let mut mappers = [SpanMapper::new(title), SpanMapper::new(caption), SpanMapper::new(&doc.body)];
        for (((field, text, ranges, sentence), tokens), mut spans) in units.iter().zip(&token_strs).zip(found) {
            let credits = photo_credits(tokens);
            spans.retain(|s| !credits.iter().any(|c| c.0.start < s.tokens.end && s.tokens.start < c.0.end));
            let spans = spans.into_iter().map(|s| (s.tokens, s.label, s.confidence, Origin::Model));
            let credits = credits.into_iter().map(|(r, label)| (r, label, CREDIT_CONFIDENCE, Origin::Pattern));
            let mut all: Vec<_> = spans.chain(credits).collect();
            all.sort_by_key(|s| s.0.start);
            let mapper = &mut mappers[*field as usize];
            for (r, label, confidence, origin) in all {
                let bytes = ranges[r.start].start..ranges[r.end - 1].end;
                mentions.push(Mention {
                    field: *field,
                    span: mapper.span(bytes.clone()),
                    sentence: *sentence,
                    text: text[bytes].to_string(),
                    label,
                    confidence,
                    origin,
                    entity: None,
                });
            }
        }
        Ok(mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_credits_name_an_agency_and_a_photographer() {
        type Case<'a> = (&'a [&'a str], Vec<(Range<usize>, Label)>);
        let cases: [Case; 4] = [
            (
                &["THE", "CANADIAN", "PRESS", "/", "Christinne", "Muschi"],
                vec![(0..3, Label::Organization), (4..6, Label::Person)],
            ),
            (&["(", "AP", "Photo", "/", "Evan", "Vucci", ")"], vec![(1..2, Label::Organization), (4..6, Label::Person)]),
            (&["and", "/", "or", "Paris"], vec![]),
            (&["1", "/", "2"], vec![]),
        ];
        for (tokens, want) in cases {
            assert_eq!(photo_credits(tokens), want, "credits in {tokens:?}");
        }
    }
}
