//! Reports: one analysed article, laid out for a person (terminal, Markdown,
//! HTML) or for a script (JSON).
//!
//! A report shows what a [`Document`] holds: the headline, byline, dateline,
//! times, language and topic; the caption and body with every mention marked
//! by its label; the canonical entities by salience; the dates and amounts;
//! the credits. Each format is one file ([`terminal`], [`markdown`], [`json`],
//! [`html`]) with one `render` function. What they share lives here: cutting
//! a field's text into plain runs and mentions ([`runs`]), the order of
//! entities, the grouping of values, and the wording of times, language and
//! topics, so that the four formats never disagree about the article.
//!
//! Rendering reads only the document: it cannot fail, and a document built
//! by hand (no paragraphs, mentions with stale spans) still renders, with the
//! unusable mentions left unmarked rather than misplaced.

pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod places;
pub(crate) mod quotes;
pub(crate) mod terminal;

use std::ops::Range;

use crate::document::{Document, Entity, Field, Label, Mention};
use crate::error::{Error, Result};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// For a terminal: wrapped lines, mentions coloured or bracketed.
    #[default]
    Text,
    /// A Markdown document that reads well on GitHub.
    Markdown,
    /// One JSON object (see `docs/report.schema.json`).
    Json,
    /// One self-contained HTML page.
    Html,
}

impl ReportFormat {
    /// Parses a format name: `text`, `markdown` (or `md`), `json` or `html`.
    pub fn parse(s: &str) -> Result<ReportFormat> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "terminal" => ReportFormat::Text,
            "markdown" | "md" => ReportFormat::Markdown,
            "json" => ReportFormat::Json,
            "html" => ReportFormat::Html,
            _ => return Err(Error::config("report format", format!("`{s}`; use text, markdown, json or html"))),
        })
    }
}

/// How the `text` format is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Colour mentions and headings with ANSI escape codes; without colour,
    /// mentions are bracketed with their label (`[PER Mark Carney]`).
    pub color: bool,
    /// Wrap lines to this many columns (at least [`terminal::MIN_WIDTH`]).
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { color: false, width: 80 }
    }
}

/// Renders `doc` in `format`; `text` applies to [`ReportFormat::Text`] only.
pub fn render(doc: &Document, format: ReportFormat, text: &TextOptions) -> String {
    match format {
        ReportFormat::Text => terminal::render(doc, text),
        ReportFormat::Markdown => markdown::render(doc),
        ReportFormat::Json => json::render(doc),
        ReportFormat::Html => html::render(doc),
    }
}

/// A run of a field's text: plain, or one mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TextRun<'d> {
    /// Text outside any mention.
    Plain(&'d str),
    /// A mention, with its entity when it was resolved to one.
    Mention { text: &'d str, mention: &'d Mention, entity: Option<&'d Entity> },
}

/// Cuts `range` (bytes) of `field`'s text into plain runs and mentions, in
/// order. Mentions that do not fit the text, fall outside the range or
/// overlap an earlier one are left as plain text.
pub(crate) fn runs(doc: &Document, field: Field, range: Range<usize>) -> Vec<TextRun<'_>> {
    let text = doc.field_text(field);
    let Some(_) = text.get(range.clone()) else { return Vec::new() };
    let mut mentions: Vec<&Mention> = doc
        .mentions
        .iter()
        .filter(|m| m.field == field && !m.span.is_empty() && m.span.slice(text).is_some())
        .filter(|m| range.start <= m.span.byte.start && m.span.byte.end <= range.end)
        .collect();
    mentions.sort_by_key(|m| (m.span.byte.start, std::cmp::Reverse(m.span.byte.end)));
    let mut out = Vec::new();
    let mut at = range.start;
    for m in mentions {
        if m.span.byte.start < at {
            continue;
        }
        if m.span.byte.start > at {
            out.push(TextRun::Plain(&text[at..m.span.byte.start]));
        }
        let entity = m.entity.and_then(|i| doc.entities.get(i));
        out.push(TextRun::Mention { text: &text[m.span.byte.clone()], mention: m, entity });
        at = m.span.byte.end;
    }
    if at < range.end {
        out.push(TextRun::Plain(&text[at..range.end]));
    }
    out
}

/// The whole text of a field as runs ("" when the field is absent).
pub(crate) fn field_runs(doc: &Document, field: Field) -> Vec<TextRun<'_>> {
    runs(doc, field, 0..doc.field_text(field).len())
}

/// The body's paragraphs as byte ranges: the segmenter's, or, for a document
/// that was never segmented, the blank-line-separated blocks of the body.
pub(crate) fn paragraph_ranges(doc: &Document) -> Vec<Range<usize>> {
    let from_segmenter: Vec<Range<usize>> =
        doc.paragraphs.iter().filter(|p| p.span.slice(&doc.body).is_some()).map(|p| p.span.byte.clone()).collect();
    if !from_segmenter.is_empty() {
        return from_segmenter;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for block in doc.body.split("\n\n") {
        let end = start + block.len();
        let lead = block.len() - block.trim_start().len();
        let trail = block.len() - block.trim_end().len();
        if lead + trail < block.len() {
            out.push(start + lead..end - trail);
        }
        start = end + 2;
    }
    out
}

/// The entities, most salient first (ties: first mentioned first, then by name).
pub(crate) fn entities_by_salience(doc: &Document) -> Vec<&Entity> {
    let mut out: Vec<&Entity> = doc.entities.iter().collect();
    out.sort_by(|a, b| {
        b.salience.total_cmp(&a.salience).then(a.first_char.cmp(&b.first_char)).then(a.name.cmp(&b.name))
    });
    out
}

/// Mentions of dates, times and amounts (labels that are not names), grouped
/// by label in [`Label::ALL`] order; each text once, in reading order
/// (headline, caption, body).
pub(crate) fn values(doc: &Document) -> Vec<(Label, Vec<&str>)> {
    let mut out: Vec<(Label, Vec<&str>)> = Vec::new();
    for label in Label::ALL.into_iter().filter(|l| !l.is_name()) {
        let mut texts: Vec<&str> = Vec::new();
        let mut mentions: Vec<&Mention> = doc.mentions.iter().filter(|m| m.label == label).collect();
        mentions.sort_by_key(|m| (m.field, m.span.byte.start));
        for m in mentions {
            let text = m.span.slice(doc.field_text(m.field)).unwrap_or(&m.text);
            if !text.is_empty() && !texts.contains(&text) {
                texts.push(text);
            }
        }
        if !texts.is_empty() {
            out.push((label, texts));
        }
    }
    out
}

/// The labels that occur among the document's mentions, in [`Label::ALL`] order (for legends).
pub(crate) fn labels_present(doc: &Document) -> Vec<Label> {
    Label::ALL.into_iter().filter(|l| doc.mentions.iter().any(|m| m.label == *l)).collect()
}

/// A short form of a label for tight spaces: PER, LOC, ORG, GRP, MISC, DATE, TIME, MONEY, PCT, QTY.
pub(crate) fn short_label(label: Label) -> &'static str {
    match label {
        Label::Person => "PER",
        Label::Location => "LOC",
        Label::Organization => "ORG",
        Label::Group => "GRP",
        Label::Misc => "MISC",
        Label::Date => "DATE",
        Label::Time => "TIME",
        Label::Money => "MONEY",
        Label::Percent => "PCT",
        Label::Quantity => "QTY",
    }
}

/// A label in words, for legends ("person", "organisation", "date").
pub(crate) fn label_words(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Location => "place",
        Label::Organization => "organisation",
        Label::Group => "group",
        Label::Misc => "other name",
        Label::Date => "date",
        Label::Time => "time",
        Label::Money => "money",
        Label::Percent => "percentage",
        Label::Quantity => "quantity",
    }
}

/// What hovering over a mention tells: its canonical entity, label and first
/// role ("Mark Carney · PERSON · Prime Minister"), or just the label of a value.
pub(crate) fn mention_note(mention: &Mention, entity: Option<&Entity>) -> String {
    match entity {
        Some(e) => {
            let mut note = format!("{} · {}", e.name, e.label);
            if let Some(role) = e.roles.first() {
                note.push_str(" · ");
                note.push_str(role);
            }
            note
        }
        None => mention.label.as_str().to_string(),
    }
}

/// An ISO 8601 time as people read it: `2026-01-06T04:00:00` becomes
/// `2026-01-06 04:00`, a `Z` becomes ` UTC`, an offset is kept after a space.
/// Anything else is shown as given.
pub(crate) fn display_time(iso: &str) -> String {
    let bytes = iso.as_bytes();
    let digits = |r: Range<usize>| bytes.get(r).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let is_date =
        digits(0..4) && bytes.get(4) == Some(&b'-') && digits(5..7) && bytes.get(7) == Some(&b'-') && digits(8..10);
    if !is_date || !iso.is_ascii() {
        return iso.to_string();
    }
    if iso.len() == 10 {
        return iso.to_string();
    }
    let is_time = matches!(bytes[10], b'T' | b' ') && digits(11..13) && bytes.get(13) == Some(&b':') && digits(14..16);
    if !is_time {
        return iso.to_string();
    }
    let mut rest = &iso[16..];
    if rest.len() >= 3 && rest.as_bytes()[0] == b':' && digits(17..19) {
        rest = &rest[3..];
        rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    }
    let zone = match rest {
        "" => String::new(),
        "Z" | "z" => " UTC".to_string(),
        z if z.starts_with(['+', '-']) => format!(" {z}"),
        _ => return iso.to_string(),
    };
    format!("{} {}{zone}", &iso[..10], &iso[11..16])
}

/// The body language in words: "English (eng, confidence 1.00)".
pub(crate) fn language_line(doc: &Document) -> Option<String> {
    let lang = doc.language?;
    let name = whatlang::Lang::from_code(lang.code).map_or(lang.code, |l| l.eng_name());
    Some(format!("{name} ({}, confidence {:.2})", lang.code, lang.confidence))
}

/// The English name of the body language, when known ("English").
pub(crate) fn language_name(doc: &Document) -> Option<&'static str> {
    let lang = doc.language?;
    Some(whatlang::Lang::from_code(lang.code).map_or(lang.code, |l| l.eng_name()))
}

/// The topics worth showing: the best one, then any other at or above
/// [`crate::document::LIST_THRESHOLD`], as "politics (0.83)".
pub(crate) fn topic_line(doc: &Document) -> Option<String> {
    let best = doc.topics.first()?;
    let mut parts = vec![format!("{} ({:.2})", best.label, best.score)];
    parts.extend(
        doc.topics[1..]
            .iter()
            .filter(|t| t.score >= crate::document::LIST_THRESHOLD)
            .map(|t| format!("{} ({:.2})", t.label, t.score)),
    );
    Some(parts.join(", "))
}

/// The byline as printed, with "By" in front when it lacks one.
pub(crate) fn byline(doc: &Document) -> Option<String> {
    let b = doc.meta.byline.as_deref().map(str::trim).filter(|b| !b.is_empty())?;
    let has_by = b.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by "));
    Some(if has_by { b.to_string() } else { format!("By {b}") })
}

/// "1 mention", "3 mentions".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Example documents for the format modules' tests: a short article with
/// people, a place, an organisation, a group, values and a topic, built by
/// hand so that the tests need no model.
#[cfg(test)]
pub(crate) mod sample {
    use crate::document::{Document, Entity, Field, Label, Language, Mention, Metadata, Origin, Paragraph, TopicScore};
    use crate::span::SpanMapper;

    /// A mention over the first occurrence of `needle` in `text`.
    pub(crate) fn mention(text: &str, field: Field, needle: &str, label: Label, entity: Option<usize>) -> Mention {
        let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let span = SpanMapper::new(text).span(start..start + needle.len());
        Mention {
            field,
            span,
            sentence: (field == Field::Body).then_some(0),
            text: needle.to_string(),
            label,
            confidence: 0.9,
            origin: Origin::Model,
            entity,
        }
    }

    /// An entity with the given salience.
    pub(crate) fn entity(name: &str, label: Label, salience: f32, aliases: &[&str], roles: &[&str]) -> Entity {
        Entity {
            id: format!("id-{}", name.to_lowercase().replace(' ', "-")),
            name: name.to_string(),
            label,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mention_count: 1 + aliases.len(),
            first_char: 0,
            salience,
            roles: roles.iter().map(|s| s.to_string()).collect(),
            global_id: None,
            link: None,
        }
    }

    /// The article: a headline, a byline, a caption and two paragraphs, fully annotated.
    pub(crate) fn document() -> Document {
        let title = "Carney <meets> allies in Paris";
        let caption = "Mark Carney arrives at Charles de Gaulle Airport.";
        let body = "PARIS — Prime Minister Mark Carney met NATO chief Mark Rutte on Tuesday.\n\n\
                    The “coalition of the willing” pledged $29bn & more; Carney said 5% is *not* enough.";
        let p2 = body.find("The").unwrap();
        let mut mapper = SpanMapper::new(body);
        let paragraphs =
            vec![Paragraph { span: mapper.span(0..p2 - 2) }, Paragraph { span: mapper.span(p2..body.len()) }];
        let mut mentions = vec![
            mention(title, Field::Title, "Carney", Label::Person, Some(0)),
            mention(title, Field::Title, "Paris", Label::Location, Some(3)),
            mention(caption, Field::Caption, "Mark Carney", Label::Person, Some(0)),
            mention(caption, Field::Caption, "Charles de Gaulle Airport", Label::Location, Some(4)),
            mention(body, Field::Body, "PARIS", Label::Location, Some(3)),
            mention(body, Field::Body, "Mark Carney", Label::Person, Some(0)),
            mention(body, Field::Body, "NATO", Label::Organization, Some(1)),
            mention(body, Field::Body, "Mark Rutte", Label::Person, Some(2)),
            mention(body, Field::Body, "Tuesday", Label::Date, None),
            mention(body, Field::Body, "coalition of the willing", Label::Group, Some(5)),
            mention(body, Field::Body, "$29bn", Label::Money, None),
            mention(body, Field::Body, "5%", Label::Percent, None),
        ];
        let second_carney = body.rfind("Carney").unwrap();
        let mut m = mention(&body[second_carney..], Field::Body, "Carney", Label::Person, Some(0));
        m.span = SpanMapper::new(body).span(second_carney..second_carney + "Carney".len());
        mentions.push(m);
        let mut doc = Document {
            id: "sample".into(),
            source: "sample.txt".into(),
            meta: Metadata {
                title: Some(title.into()),
                byline: Some("Craig Lord, The Canadian Press".into()),
                authors: vec!["Craig Lord".into()],
                agency: Some("The Canadian Press".into()),
                dateline: Some("PARIS".into()),
                published: Some("2026-01-06T04:00:00".into()),
                updated: Some("2026-01-06T05:32:00Z".into()),
                caption: Some(caption.into()),
                credits: vec!["This report by The Canadian Press was first published Jan. 6, 2026.".into()],
                ..Default::default()
            },
            body: body.into(),
            language: Some(Language { code: "eng", confidence: 0.98 }),
            paragraphs,
            mentions,
            entities: vec![
                entity("Mark Carney", Label::Person, 0.9, &["Carney"], &["Prime Minister"]),
                entity("NATO", Label::Organization, 0.4, &[], &[]),
                entity("Mark Rutte", Label::Person, 0.5, &[], &["NATO chief"]),
                entity("Paris", Label::Location, 0.6, &["PARIS"], &[]),
                entity("Charles de Gaulle Airport", Label::Location, 0.2, &[], &[]),
                entity("coalition of the willing", Label::Group, 0.45, &[], &[]),
            ],
            topics: vec![
                TopicScore { label: "politics".into(), score: 0.81 },
                TopicScore { label: "conflict".into(), score: 0.35 },
                TopicScore { label: "economy".into(), score: 0.05 },
            ],
            ..Default::default()
        };
        for (i, e) in doc.entities.iter_mut().enumerate() {
            e.mention_count = doc.mentions.iter().filter(|m| m.entity == Some(i)).count();
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_the_text_exactly_once() {
        let doc = sample::document();
        for field in [Field::Title, Field::Caption, Field::Body] {
            let joined: String = field_runs(&doc, field)
                .iter()
                .map(|s| match s {
                    TextRun::Plain(t) | TextRun::Mention { text: t, .. } => *t,
                })
                .collect();
            assert_eq!(joined, doc.field_text(field), "runs of {field:?} must join back into the field text");
        }
    }

    #[test]
    fn unusable_mentions_are_left_unmarked() {
        let mut doc = sample::document();
        let n_before =
            field_runs(&doc, Field::Body).iter().filter(|s| matches!(s, TextRun::Mention { .. })).count();
        let mut stale = doc.mentions[5].clone();
        stale.span.byte = 10_000..10_010;
        let mut overlapping = doc.mentions[5].clone();
        overlapping.span.byte.start += 1;
        overlapping.span.byte.end += 4;
        doc.mentions.extend([stale, overlapping]);
        let n_after = field_runs(&doc, Field::Body).iter().filter(|s| matches!(s, TextRun::Mention { .. })).count();
        assert_eq!(n_after, n_before, "a mention outside the text or overlapping another must not be marked");
    }

    #[test]
    fn paragraphs_come_from_the_segmenter_or_blank_lines() {
        let mut doc = sample::document();
        let from_segmenter = paragraph_ranges(&doc);
        doc.paragraphs.clear();
        assert_eq!(paragraph_ranges(&doc), from_segmenter, "blank-line blocks should match the segmenter's paragraphs");
        doc.body = "\n\n  one \n\n\n\ntwo".into();
        let texts: Vec<&str> = paragraph_ranges(&doc).into_iter().map(|r| &doc.body[r]).collect();
        assert_eq!(texts, ["one", "two"], "empty blocks are skipped and blocks trimmed");
    }

    #[test]
    fn times_read_as_people_write_them() {
        let cases = [
            ("2026-01-06T04:00:00", "2026-01-06 04:00"),
            ("2026-01-06T04:00", "2026-01-06 04:00"),
            ("2026-01-06T05:32:00Z", "2026-01-06 05:32 UTC"),
            ("2026-01-06T05:32:10.123+01:00", "2026-01-06 05:32 +01:00"),
            ("2026-01-06", "2026-01-06"),
            ("Jan. 6, 2026", "Jan. 6, 2026"),
            ("2026-01-06T05:32:00 junk", "2026-01-06T05:32:00 junk"),
            ("2026-01-06Té", "2026-01-06Té"),
            ("", ""),
        ];
        for (iso, want) in cases {
            assert_eq!(display_time(iso), want, "display_time({iso:?})");
        }
    }

    #[test]
    fn entities_are_ordered_by_salience() {
        let doc = sample::document();
        let names: Vec<&str> = entities_by_salience(&doc).iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Mark Carney", "Paris", "Mark Rutte", "coalition of the willing", "NATO", "Charles de Gaulle Airport"]
        );
    }

    #[test]
    fn values_are_grouped_by_label() {
        let doc = sample::document();
        let got = values(&doc);
        assert_eq!(
            got,
            vec![(Label::Date, vec!["Tuesday"]), (Label::Money, vec!["$29bn"]), (Label::Percent, vec!["5%"])]
        );
    }

    #[test]
    fn lines_about_the_article() {
        let doc = sample::document();
        assert_eq!(language_line(&doc).as_deref(), Some("English (eng, confidence 0.98)"));
        assert_eq!(
            topic_line(&doc).as_deref(),
            Some("politics (0.81), conflict (0.35)"),
            "topics under the threshold are not listed"
        );
        assert_eq!(byline(&doc).as_deref(), Some("By Craig Lord, The Canadian Press"));
        let note = mention_note(&doc.mentions[0], doc.mentions[0].entity.map(|i| &doc.entities[i]));
        assert_eq!(note, "Mark Carney · PERSON · Prime Minister", "hover text names the canonical entity");
    }

    #[test]
    fn bylines_starting_with_a_multibyte_letter() {
        // Regression: slicing the byline's first three bytes panicked inside "é" (found by the property below).
        let mut doc = Document::default();
        for (given, want) in [("Émile Zola", "By Émile Zola"), ("by Jo", "by Jo"), ("Bé", "By Bé"), ("é", "By é")]
        {
            doc.meta.byline = Some(given.into());
            assert_eq!(byline(&doc).as_deref(), Some(want), "byline {given:?}");
        }
    }

    #[test]
    fn format_names_parse() {
        for (s, want) in
            [("text", ReportFormat::Text), ("MD", ReportFormat::Markdown), ("json", ReportFormat::Json), ("html", ReportFormat::Html)]
        {
            assert_eq!(ReportFormat::parse(s).unwrap(), want, "{s}");
        }
        assert!(ReportFormat::parse("pdf").is_err());
    }

    /// A document over arbitrary text, with mentions at arbitrary places (some overlapping, some
    /// pointing at entities that do not exist) and a few entities.
    fn any_document() -> impl proptest::strategy::Strategy<Value = Document> {
        use proptest::prelude::*;
        let text = prop::collection::vec(
            prop::sample::select(vec![
                "Mark Carney",
                "PARIS",
                "—",
                "“quoted”",
                "é",
                "e\u{301}",
                "🎉",
                "€",
                "<b>&amp;",
                "*",
                "_",
                "$5",
                "# x",
                "1.",
                "\n\n",
                "\n",
                " ",
                "\t",
                "\u{a0}",
                "a\"b'c",
            ]),
            0..40,
        )
        .prop_map(|v| v.concat());
        let mention = (0usize..200, 0usize..40, 0usize..10, proptest::option::of(0usize..5), 0usize..3);
        (text.clone(), text, prop::collection::vec(mention, 0..12)).prop_map(|(title, body, raw)| {
            let (paragraphs, sentences, tokens) = crate::segment::segment_text(&body);
            let field_of = |f: usize| [Field::Title, Field::Caption, Field::Body][f];
            let mentions = raw
                .into_iter()
                .map(|(start, len, label, entity, field)| {
                    let field = field_of(field);
                    let text = match field {
                        Field::Title | Field::Caption => title.as_str(),
                        Field::Body => body.as_str(),
                    };
                    let start = crate::span::floor_char_boundary(text, start);
                    let end = crate::span::floor_char_boundary(text, start + len);
                    let span = crate::span::SpanMapper::new(text).span(start..end);
                    Mention {
                        field,
                        span,
                        sentence: None,
                        text: text[start..end].to_string(),
                        label: Label::ALL[label],
                        confidence: 0.5,
                        origin: crate::document::Origin::Model,
                        entity,
                    }
                })
                .collect();
            let entities = (0..3)
                .map(|i| {
                    sample::entity(
                        &format!("E{i} <{}>", title.len()),
                        Label::ALL[i],
                        0.1 * i as f32,
                        &["a|b"],
                        &["*r*"],
                    )
                })
                .collect();
            let meta = crate::document::Metadata {
                title: Some(title.clone()),
                caption: Some(title.clone()),
                byline: Some(title.clone()),
                ..Default::default()
            };
            Document { body, meta, paragraphs, sentences, tokens, mentions, entities, ..Default::default() }
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        #[test]
        fn every_format_renders_any_document(doc in any_document(), width in 0usize..120, color: bool) {
            let text = render(&doc, ReportFormat::Text, &TextOptions { color, width });
            proptest::prop_assert!(text.is_empty() || text.ends_with('\n'));
            let json: serde_json::Value = serde_json::from_str(&render(&doc, ReportFormat::Json, &TextOptions::default()))
                .expect("the JSON report is JSON");
            proptest::prop_assert_eq!(json["mentions"].as_array().map(Vec::len), Some(doc.mentions.len()));
            let html = render(&doc, ReportFormat::Html, &TextOptions::default());
            proptest::prop_assert!(!html.contains("<b>&amp;"), "article text reached the page unescaped");
            render(&doc, ReportFormat::Markdown, &TextOptions::default());
        }
    }
}
