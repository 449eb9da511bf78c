//! Quotes: who said what, direct and reported, tied to the speaking entity.
//!
//! A [`QuoteFinder`] reads an analysed [`Document`] (body, paragraphs,
//! sentences, tokens, resolved entities) and returns its [`Quote`]s. The
//! built-in [`RuleQuoteFinder`] works in four steps, one file each:
//!
//! 1. **Marks** (`marks.rs`): the stretches in quotation marks, in every
//!    style, over paragraphs when news style continues them.
//! 2. **Attribution** (`attribute.rs`, with the speaker phrases of
//!    `phrase.rs`): the cue and speaker touching each direct quote, and
//!    reported speech found from its cue word (`cues.rs`: the verbs of
//!    saying, filtered by counts learned from PolNeAR's train split). The
//!    word tests that bound a content are in `clause.rs` and `verb.rs`;
//!    gerund cues with no comma before them ("voters saying ...", "by
//!    promising ...") in `participle.rs`; single shapes in `question.rs`
//!    ("when asked whether ..."), `passive.rs` ("was first reported by X")
//!    and `object.rs` ("criticized Obama"); what they return in
//!    `statement.rs`.
//! 3. **Assembly** (this file): a quote split by its cue (`“We will,” she
//!    said, “stay.”`) is one quote; reported speech that holds a quoted
//!    fragment is one *mixed* quote; a paragraph that only continues the
//!    previous speaker's quote keeps that speaker; a short quote with no cue
//!    is a scare quote or a title, not a quote.
//! 4. **Speakers** (`speaker.rs`): the speaker as written, resolved to the
//!    article's entity where the text allows it.
//!
//! Rules rather than a model: they are fast (the stage adds little to an
//! analysis), they read any text without a parser, and every choice can be
//! explained from the text around the quote.

mod attribute;
mod clause;
mod cues;
mod marks;
mod object;
mod participle;
mod passive;
mod phrase;
mod question;
mod speaker;
mod statement;
mod verb;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_speech;
#[cfg(test)]
mod tests_wire;

use std::ops::Range;
use std::path::Path;

use self::statement::{Attribution, Reported};
use self::verb::token_at;
use self::cues::Cues;
pub(crate) use self::cues::speech_forms;
use self::marks::Chain;
use crate::document::{Document, Quote, QuoteKind, Speaker};
use crate::error::Result;
use crate::span::SpanMapper;

/// Finds the quotes of a document.
pub trait QuoteFinder: Send + Sync {
    /// The quotes of `doc`'s body, in reading order.
    fn find(&self, doc: &Document) -> Vec<Quote>;
}

/// The built-in, rule-based quote finder (see the module documentation).
#[derive(Debug, Clone)]
pub struct RuleQuoteFinder {
    cues: Cues,
}

impl RuleQuoteFinder {
    /// The finder with the cue counts shipped with the crate.
    pub fn new() -> Result<RuleQuoteFinder> {
        Ok(RuleQuoteFinder { cues: Cues::builtin()? })
    }

    /// The finder with the cue counts of `quotes/cues.tsv` in a models folder (the built-in ones when the
    /// folder has none).
    pub fn from_models_dir(dir: &Path) -> Result<RuleQuoteFinder> {
        Ok(RuleQuoteFinder { cues: Cues::load(dir)? })
    }
}

/// A quote being assembled: its quoted ranges, the range its span covers, and its attribution.
#[derive(Debug)]
struct Draft {
    kind: QuoteKind,
    pieces: Vec<Range<usize>>,
    outer: Range<usize>,
    attribution: Option<Attribution>,
    confidence: f32,
}

impl QuoteFinder for RuleQuoteFinder {
    fn find(&self, doc: &Document) -> Vec<Quote> {
        if doc.tokens.is_empty() {
            return Vec::new();
        }
        let paragraphs: Vec<Range<usize>> = if doc.paragraphs.is_empty() {
            vec![0..doc.body.len()]
        } else {
            doc.paragraphs.iter().map(|p| p.span.byte.clone()).collect()
        };
        let chains = marks::find(&doc.body, &paragraphs);
        let mut drafts = self.direct(doc, &chains, &paragraphs);
        let reported = attribute::reported(doc, &self.cues);
        merge_reported(doc, &mut drafts, reported);
        continue_speakers(doc, &mut drafts, &paragraphs);
        drafts.retain(|d| d.attribution.is_some() || (word_count(doc, d) >= 4 && !names_a_thing(doc, d)));
        drafts.retain(|d| !is_title(doc, d));
        drafts.sort_by_key(|d| d.outer.start);
        borrow_speakers(doc, &mut drafts, &paragraphs);
        let mut offsets: Vec<usize> = Vec::with_capacity(drafts.len() * 4);
        for d in &drafts {
            offsets.extend([d.outer.start, d.outer.end]);
            if let Some(r) = speaker_bytes(doc, d) {
                offsets.extend([r.start, r.end]);
            }
        }
        let index = CharIndex::new(&doc.body, offsets);
        // The organisation that spoke last, and where its speaker phrase ends: "It said ..." goes on with it.
        let mut last_org: Option<(usize, usize)> = None;
        drafts
            .into_iter()
            .map(|d| {
                let q = build(doc, d, &index, last_org);
                if let Some(s) = &q.speaker {
                    if let Some(e) = s.entity.filter(|&e| doc.entities[e].label == crate::document::Label::Organization) {
                        last_org = Some((e, s.span.byte.end));
                    }
                }
                q
            })
            .collect()
    }
}

impl RuleQuoteFinder {
    /// A draft per direct quote, with the cue touching it; quotes split by their cue joined.
    fn direct(&self, doc: &Document, chains: &[Chain], paragraphs: &[Range<usize>]) -> Vec<Draft> {
        let para_of = |at: usize| paragraphs.partition_point(|p| p.end < at).min(paragraphs.len() - 1);
        let mut drafts: Vec<Draft> = Vec::new();
        for (k, chain) in chains.iter().enumerate() {
            let outer = chain.outer();
            let first_para = &paragraphs[para_of(outer.start)];
            let last_para = &paragraphs[para_of(outer.end.saturating_sub(1))];
            let prev_end = k.checked_sub(1).map_or(0, |j| chains[j].outer().end);
            let next_open = chains.get(k + 1).map_or(usize::MAX, |c| c.outer().start);
            let lo = token_at(doc, first_para.start.max(prev_end));
            let hi = token_at(doc, last_para.end.min(next_open));
            let open = token_at(doc, outer.start);
            let after = token_at(doc, outer.end);
            // A paragraph that opens with the quote may take its cue from the end of the one before ("Cruz
            // continued:").
            let lead = match para_of(outer.start).checked_sub(1) {
                Some(p) if token_at(doc, first_para.start) == open && doc.body[..outer.start].trim_end().ends_with(':') => {
                    token_at(doc, paragraphs[p].start.max(prev_end))
                }
                _ => lo,
            };
            let attribution = attribute::after_quote(doc, &self.cues, after, hi)
                .or_else(|| attribute::before_quote(doc, &self.cues, lead, open))
                .or_else(|| attribute::lead_in(doc, lead, open));
            let pieces: Vec<Range<usize>> = chain.pieces.iter().map(|p| p.text.clone()).collect();
            let closed = chain.pieces.iter().all(|p| p.closed) || chain.pieces.len() > 1;
            let draft = Draft {
                kind: QuoteKind::Direct,
                pieces,
                outer: chain.inner(),
                confidence: if closed { 0.9 } else { 0.6 },
                attribution,
            };
            // “We will,” she said, “stay.”: the second piece continues the first, with the same cue.
            if let Some(prev) = drafts.last_mut() {
                if continues_split(doc, &self.cues, prev, &draft, &paragraphs[para_of(prev.outer.end.saturating_sub(1))]) {
                    if prev.attribution.is_none() {
                        prev.attribution = draft.attribution;
                    }
                    prev.pieces.extend(draft.pieces);
                    prev.outer.end = draft.outer.end;
                    continue;
                }
            }
            drafts.push(draft);
        }
        drafts
    }
}

/// Whether `next` is the rest of `prev`, as news writes one quote in pieces: in the same paragraph, with
/// nothing between them but `prev`'s attribution (“We will,” she said, “stay.” — or “... said. “...”) or
/// nothing at all (“I think so.” “We all do.”), and no attribution of its own that differs.
fn continues_split(doc: &Document, cues: &Cues, prev: &Draft, next: &Draft, para: &Range<usize>) -> bool {
    if next.outer.start > para.end || prev.kind != QuoteKind::Direct {
        return false;
    }
    let between_start = token_at(doc, prev.outer.end);
    let between_end = token_at(doc, next.outer.start);
    let attribution_end = match &prev.attribution {
        Some(a) if a.cue.start >= between_start => a.speaker.as_ref().map_or(a.cue.end, |s| s.end.max(a.cue.end)),
        Some(_) | None => between_start,
    };
    if attribution_end > between_end || (next.attribution.is_some() && next.attribution != prev.attribution) {
        return false;
    }
    // The rest of the attribution's sentence ("said on Tuesday.", "said Ben Rhodes, Obama's deputy national
    // security adviser.") may stand between the pieces too.
    let rest: Vec<&str> = (attribution_end..between_end).map(|i| doc.token_text(i)).collect();
    let marks_only = |w: &&str| matches!(*w, "," | ":" | "." | "“" | "\"" | "”" | "‘" | "'" | "«" | "„" | "—" | "–" | "’");
    // A period inside a parenthesis ("Sen. Richard Blumenthal (D-Conn.), who ...") ends no sentence.
    let words = (0..rest.len()).find(|&k| matches!(rest[k], "." | "!" | "?" | ":") && rest.get(k + 1) != Some(&")")).unwrap_or(rest.len());
    let one_clause = rest[words.min(rest.len())..].iter().all(marks_only);
    // Words between two pieces that follow one cue and hold another ("tell him “no more nonsense” and he says he
    // was the “first one”") make two quotes.
    // So do words after the attribution that start a clause of their own ("..., Anderson said, adding that Sanders
    // is “...”").
    let cue_between = prev.attribution.as_ref().is_some_and(|a| a.cue.start >= between_start);
    let clause = |k: usize| rest[k].ends_with("ing") && cues.lemma(rest[k]).is_some() && rest.get(k + 1).is_some_and(|w| w.eq_ignore_ascii_case("that"));
    let other_cue = (!cue_between && rest.iter().any(|w| cues.lemma(w).is_some())) || (0..rest.len()).any(clause);
    // A sentence closed inside the marks and followed by words that are not its attribution is over: the next
    // piece is another statement ("She said that ''...'' She called the atom bomb ''...''").
    let closed = prev.pieces.last().is_some_and(|p| doc.body[p.clone()].trim_end().ends_with(['.', '!', '?']));
    if closed && !cue_between && !rest.iter().all(marks_only) {
        return false;
    }
    rest.iter().all(marks_only) || (prev.attribution.is_some() && words <= 25 && one_clause && !other_cue)
}

/// Reported speech joins the drafts: it gives its cue to a direct quote it only restates, it becomes a
/// mixed quote when it holds quoted fragments, and it stands alone otherwise.
fn merge_reported(doc: &Document, drafts: &mut Vec<Draft>, reported: Vec<Reported>) {
    for r in reported {
        // One cue attributes one quote: when a direct quote already holds this one, the reported speech is
        // that quote, unless it holds the quote as a fragment ("The plan was “a disaster,” Smith said.").
        let same_cue = |d: &Draft| d.attribution.as_ref().is_some_and(|a| a.cue == r.attribution.cue);
        if drafts.iter().any(|d| same_cue(d) && !is_fragment_of(doc, d, &r)) {
            continue;
        }
        // A quote with a cue of its own inside this content is not a fragment of it.
        let own_cue_inside = |d: &Draft| {
            d.attribution.as_ref().and_then(|a| token_span(doc, &a.cue)).is_some_and(|c| {
                !same_cue(d) && r.content.start <= c.start && c.end <= r.content.end
            })
        };
        if drafts.iter().any(|d| overlaps(&d.outer, &r.content) && own_cue_inside(d)) {
            continue;
        }
        let overlapping: Vec<usize> = (0..drafts.len())
            .filter(|&i| drafts[i].kind == QuoteKind::Direct && overlaps(&drafts[i].outer, &r.content))
            .collect();
        if overlapping.is_empty() {
            if r.needs_quote {
                continue;
            }
            let pieces = match &r.gap {
                Some(gap) => vec![r.content.start..gap.start, gap.end..r.content.end],
                None => vec![r.content.clone()],
            };
            drafts.push(Draft {
                kind: QuoteKind::Indirect,
                pieces,
                outer: r.content,
                attribution: Some(r.attribution),
                confidence: 0.7,
            });
            continue;
        }
        let core = core(&doc.body, &r.content);
        if let Some(&i) = overlapping.iter().find(|&&i| widen(&drafts[i].outer, 2).start <= core.start && core.end <= widen(&drafts[i].outer, 2).end) {
            // ... unless its cue is among the quoted words ("“Growth is low because of weak domestic demand ...”"):
            // the speaker of a quote is never inside it.
            let cue_inside = token_span(doc, &r.attribution.cue).is_some_and(|c| drafts[i].outer.start <= c.start && c.end <= drafts[i].outer.end);
            if drafts[i].attribution.is_none() && !cue_inside {
                drafts[i].attribution = Some(r.attribution);
            }
            continue;
        }
        // A quoted fragment may run on past the sentence the segmenter cut ("he'll “need help. So we'll see.”").
        let mut r = r;
        for &i in &overlapping {
            if r.content.start <= drafts[i].outer.start && drafts[i].outer.start < r.content.end {
                r.content.end = r.content.end.max(drafts[i].outer.end);
            }
        }
        let inside = overlapping.iter().all(|&i| r.content.start <= drafts[i].outer.start && drafts[i].outer.end <= r.content.end + 3);
        if !inside {
            continue;
        }
        let mut i = drafts.len();
        while i > 0 {
            i -= 1;
            if overlapping.contains(&i) {
                drafts.remove(i);
            }
        }
        let content = r.content.start..r.content.end.max(overlapping_end(&r.content, doc));
        let pieces = match &r.gap {
            Some(gap) if content.start <= gap.start && gap.end <= content.end => vec![content.start..gap.start, gap.end..content.end],
            _ => vec![content.clone()],
        };
        drafts.push(Draft {
            kind: QuoteKind::Mixed,
            pieces,
            outer: content,
            attribution: Some(r.attribution),
            confidence: 0.75,
        });
    }
}

/// Whether the direct quote `d` is a fragment of the reported speech `r`: inside its content, with at least two
/// words of the content before it, or three after it when the cue opens the clause. (Words after it before a
/// cue that follows are the speaker's title: “...,” the press secretary, Josh Earnest, said.)
fn is_fragment_of(doc: &Document, d: &Draft, r: &Reported) -> bool {
    let content = &r.content;
    if d.outer.start < content.start || d.outer.end > content.end + 3 {
        return false;
    }
    let words = |r: Range<usize>| doc.body.get(r).map_or(0, |t| t.split_whitespace().count());
    // Words of the reported clause before the quote ("The plan was “a disaster,” Smith said"), or, after a cue
    // that opens the clause, after it ("Obama said “it gets me mad” every time he thinks about ...").
    let cue_first = token_span(doc, &r.attribution.cue).is_some_and(|c| c.end <= content.start);
    words(content.start..d.outer.start) >= 2 || (cue_first && words(d.outer.end..content.end) >= 3)
}

/// The content's end, past a closing quotation mark that follows it directly.
fn overlapping_end(content: &Range<usize>, doc: &Document) -> usize {
    let rest = &doc.body[content.end..];
    let mark = rest.chars().next().filter(|c| matches!(c, '”' | '"' | '’' | '»'));
    content.end + mark.map_or(0, char::len_utf8)
}

fn widen(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_sub(by)..r.end + by
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The range without quotation marks, punctuation and spaces at its edges.
fn core(body: &str, r: &Range<usize>) -> Range<usize> {
    let text = &body[r.clone()];
    let trim = |c: char| !c.is_alphanumeric();
    let start = r.start + (text.len() - text.trim_start_matches(trim).len());
    let end = r.start + text.trim_end_matches(trim).len();
    start..end.max(start)
}

/// A direct quote that opens its paragraph with no cue of its own continues the attributed quote just
/// before it (in the paragraph before, or its own): news style for a speaker who goes on. It joins a direct
/// quote, which then runs over several paragraphs; after reported speech it keeps that speaker.
fn continue_speakers(doc: &Document, drafts: &mut Vec<Draft>, paragraphs: &[Range<usize>]) {
    drafts.sort_by_key(|d| d.outer.start);
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    // The question put to a speaker ("..., Le Pen told CNN when asked which candidate she would back") is not the
    // statement the next paragraph's quote goes on with: the answer before it is.
    let question = |d: &Draft| {
        d.kind == QuoteKind::Indirect && d.attribution.as_ref().is_some_and(|a| a.cue.len() == 1 && doc.token_text(a.cue.start).eq_ignore_ascii_case("asked"))
    };
    for mut d in drafts.drain(..) {
        let last = out.iter().rposition(|p| !question(p));
        if let Some(prev) = last.map(|k| &mut out[k]).filter(|prev| continues_paragraph(doc, prev, &d, paragraphs)) {
            if prev.kind == QuoteKind::Direct {
                prev.pieces.extend(d.pieces);
                prev.outer.end = prev.outer.end.max(d.outer.end);
                continue;
            }
            // After reported speech, the quote is the same speaker's, said in their own words.
            let speaker = prev.attribution.as_ref().and_then(|a| a.speaker.clone());
            d.attribution = Some(Attribution { cue: 0..0, speaker });
            d.confidence = 0.6;
        }
        out.push(d);
    }
    *drafts = out;
}

/// A direct quote with no cue of its own, in a paragraph where another quote names its speaker, is that
/// speaker's (the one before it, else the one after), else the speaker of the paragraph just before, else of
/// the one just after: news style quotes one person per paragraph, and names them next to their words.
fn borrow_speakers(doc: &Document, drafts: &mut [Draft], paragraphs: &[Range<usize>]) {
    let para_of = |at: usize| paragraphs.partition_point(|p| p.end < at);
    // Not the writer's "we" or "I" ("We asked him about the strike." before an interview's answers).
    let writer = |s: &Range<usize>| s.len() == 1 && matches!(doc.token_text(s.start), "We" | "we" | "I");
    let speaker_of = |d: &Draft| d.attribution.as_ref().and_then(|a| a.speaker.clone()).filter(|s| !writer(s));
    for i in 0..drafts.len() {
        if drafts[i].attribution.is_some() || drafts[i].kind != QuoteKind::Direct {
            continue;
        }
        let p = para_of(drafts[i].outer.start);
        let same = |d: &Draft| para_of(d.outer.start) == p || para_of(d.outer.end.saturating_sub(1)) == p;
        let before = drafts[..i].iter().rev().take_while(|d| same(d)).find_map(speaker_of);
        let after = || drafts[i + 1..].iter().take_while(|d| same(d)).find_map(speaker_of);
        // ... or the speaker of the paragraph just before, when nothing in this one names one.
        let near = |d: &Draft| p > 0 && para_of(d.outer.end.saturating_sub(1)) + 1 >= p;
        let previous = || drafts[..i].iter().rev().take_while(|d| near(d)).find_map(speaker_of);
        // ... or, last, the speaker named in the paragraph just after.
        let next_para = |d: &Draft| para_of(d.outer.start) <= p + 1;
        let following = || drafts[i + 1..].iter().take_while(|d| next_para(d)).find_map(speaker_of);
        let speaker = before.or_else(after).or_else(previous).or_else(following);
        if speaker.is_some() {
            drafts[i].attribution = Some(Attribution { cue: 0..0, speaker });
        }
    }
}

fn continues_paragraph(doc: &Document, prev: &Draft, d: &Draft, paragraphs: &[Range<usize>]) -> bool {
    if d.attribution.is_some() || d.kind != QuoteKind::Direct {
        return false;
    }
    if prev.attribution.as_ref().is_none_or(|a| a.speaker.is_none()) {
        return false;
    }
    let start = d.outer.start;
    let p = paragraphs.partition_point(|p| p.end < start).min(paragraphs.len() - 1);
    let opens_paragraph = doc.body[paragraphs[p].start..start].chars().all(|c| c.is_whitespace() || is_mark(c));
    let previous_near = p == 0 || prev.outer.end >= paragraphs[p - 1].start;
    opens_paragraph && previous_near
}

fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‹' | '›' | '‚')
}

/// Whether an unattributed quote follows a determiner or a naming verb ("the “coalition of the willing”",
/// "so-called “peace plan”", "dubbed “Operation X”"): a term or a title, not something said.
fn names_a_thing(doc: &Document, d: &Draft) -> bool {
    let before = doc.body[..d.pieces[0].start].trim_end_matches(|c: char| c.is_whitespace() || is_mark(c));
    let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase();
    matches!(last.as_str(), "the" | "a" | "an" | "this" | "that" | "so-called" | "called" | "dubbed" | "named" | "titled" | "entitled" | "its" | "his" | "her" | "their")
}

/// Whether a direct quote is written as a title ("“Meet the Press,”", "“Orange Is the New Black”", "“A Time
/// for Truth,”"): a show, a book or a headline named, even next to a verb of saying ("he said on “This Week”").
/// One piece of at most nine words, at least two of them capitalised and the others short function words,
/// with no sentence punctuation before its end. Upper case throughout is a slogan or a chant, not a title:
/// it stays.
fn is_title(doc: &Document, d: &Draft) -> bool {
    const SMALL: &[&str] =
        &["a", "an", "the", "of", "and", "or", "with", "in", "on", "for", "to", "at", "is", "by", "from", "as", "vs", "&"];
    if d.kind != QuoteKind::Direct || d.pieces.len() != 1 {
        return false;
    }
    // American style closes the sentence inside the marks: “... the New Black.”
    let text = doc.body[d.pieces[0].clone()].trim_end_matches(['.', ',']);
    if text.contains(['.', '!', '?', ';']) || !text.chars().any(char::is_lowercase) {
        return false;
    }
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '&')).filter(|w| !w.is_empty()).collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    (2..=9).contains(&words.len())
        && capitalised >= 2
        && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || SMALL.contains(&w.to_lowercase().as_str()))
}

fn word_count(doc: &Document, d: &Draft) -> usize {
    d.pieces.iter().map(|r| doc.body[r.clone()].split_whitespace().count()).sum()
}

/// Text of tokens `r` of the body.
fn token_span(doc: &Document, r: &Range<usize>) -> Option<Range<usize>> {
    let first = doc.tokens.get(r.start)?;
    let last = doc.tokens.get(r.end.checked_sub(1)?)?;
    Some(first.span.byte.start..last.span.byte.end)
}

/// Char offsets of the byte offsets a document's quotes need, found in one pass over the body: quotes and
/// their speakers do not come in one increasing order (a speaker may precede its quote, and several quotes
/// share one), and a [`SpanMapper`] asked to go back starts again from the beginning.
struct CharIndex {
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str, mut bytes: Vec<usize>) -> CharIndex {
        bytes.sort_unstable();
        bytes.dedup();
        let mut mapper = SpanMapper::new(text);
        let chars = bytes.iter().map(|&b| mapper.char_at(b)).collect();
        CharIndex { bytes, chars }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.bytes.binary_search(&byte).map_or(0, |i| self.chars[i])
    }

    fn span(&self, byte: Range<usize>) -> crate::span::Span {
        crate::span::Span { char: self.char_at(byte.start)..self.char_at(byte.end), byte }
    }
}

fn speaker_bytes(doc: &Document, d: &Draft) -> Option<Range<usize>> {
    d.attribution.as_ref()?.speaker.as_ref().and_then(|s| token_span(doc, s))
}

fn build(doc: &Document, d: Draft, index: &CharIndex, last_org: Option<(usize, usize)>) -> Quote {
    let text = d.pieces.iter().map(|r| doc.body[r.clone()].trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
    let span = index.span(d.outer.clone());
    let sentence = doc.sentences.partition_point(|s| s.span.byte.start <= d.outer.start).checked_sub(1);
    let (cue, speaker) = match &d.attribution {
        Some(a) => {
            let cue = (!a.cue.is_empty()).then(|| token_span(doc, &a.cue)).flatten().map(|r| doc.body[r].to_string());
            let speaker = a.speaker.as_ref().and_then(|s| token_span(doc, s)).map(|r| {
                let text = doc.body[r.clone()].to_string();
                let spoke = last_org.filter(|&(_, end)| end <= r.end).map(|(e, _)| e);
                let entity = speaker::resolve(doc, r.clone(), &text, spoke);
                Speaker { span: index.span(r), text, entity }
            });
            (cue, speaker)
        }
        None => (None, None),
    };
    let confidence = match (&speaker, d.attribution.is_some()) {
        (Some(s), _) if s.entity.is_some() => d.confidence,
        (Some(_), _) => d.confidence * 0.9,
        (None, true) => d.confidence * 0.7,
        (None, false) => 0.4,
    };
    Quote { kind: d.kind, span, text, sentence, cue, speaker, confidence }
}
