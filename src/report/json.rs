//! The `json` report: the whole analysis of one article as one JSON object,
//! for scripts (`jq '.entities[0].name'`).
//!
//! The shape is a contract, written down in `docs/report.schema.json` (JSON
//! Schema 2020-12, every property described, no other properties allowed)
//! and checked by a test, so that a field cannot be added, renamed or
//! dropped without the schema saying so. Names follow the exported tables
//! (`article_id`, `char_start`, `entity_id`, ...), so that a script written
//! against one reads the other. `report_version` changes only when a field
//! changes meaning or disappears.

use serde::Serialize;

use crate::document::{Document, Field, KbLink, Label, Metadata, Origin};

/// The version of the report's shape, bumped on incompatible changes.
pub(crate) const REPORT_VERSION: u32 = 1;

/// Renders the report: pretty-printed, ending in a newline.
pub(crate) fn render(doc: &Document) -> String {
    let mut text = serde_json::to_string_pretty(&Report::new(doc)).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; should it ever, say so in valid JSON.
        serde_json::json!({ "report_version": REPORT_VERSION, "error": e.to_string() }).to_string()
    });
    text.push('\n');
    text
}

/// The report of one article.
#[derive(Serialize)]
struct Report<'d> {
    report_version: u32,
    article_id: &'d str,
    source: &'d str,
    url: Option<&'d str>,
    utf8_lossy: bool,
    metadata: &'d Metadata,
    language: Option<LanguageOut>,
    topics: Vec<TopicOut<'d>>,
    body: &'d str,
    counts: Counts,
    paragraphs: Vec<ParagraphOut>,
    sentences: Vec<SentenceOut<'d>>,
    mentions: Vec<MentionOut<'d>>,
    entities: Vec<EntityOut<'d>>,
    quotes: Vec<QuoteOut<'d>>,
}

/// A quote, with the columns of the `quotes` table.
#[derive(Serialize)]
struct QuoteOut<'d> {
    quote_id: usize,
    kind: &'static str,
    text: &'d str,
    char_start: usize,
    char_end: usize,
    sentence_index: Option<usize>,
    cue: Option<&'d str>,
    speaker_text: Option<&'d str>,
    speaker_char_start: Option<usize>,
    speaker_char_end: Option<usize>,
    speaker_entity_id: Option<&'d str>,
    speaker_name: Option<&'d str>,
    confidence: f32,
}

#[derive(Serialize)]
struct LanguageOut {
    code: &'static str,
    name: Option<&'static str>,
    confidence: f64,
}

#[derive(Serialize)]
struct TopicOut<'d> {
    label: &'d str,
    score: f32,
}

#[derive(Serialize)]
struct Counts {
    paragraphs: usize,
    sentences: usize,
    tokens: usize,
    mentions: usize,
    entities: usize,
}

#[derive(Serialize)]
struct ParagraphOut {
    paragraph_index: usize,
    char_start: usize,
    char_end: usize,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct SentenceOut<'d> {
    sentence_index: usize,
    paragraph_index: usize,
    char_start: usize,
    char_end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'d str,
}

#[derive(Serialize)]
struct MentionOut<'d> {
    mention_id: usize,
    field: Field,
    sentence_index: Option<usize>,
    char_start: usize,
    char_end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'d str,
    label: Label,
    entity_id: Option<&'d str>,
    confidence: f32,
    origin: Origin,
}

#[derive(Serialize)]
struct EntityOut<'d> {
    entity_id: &'d str,
    name: &'d str,
    label: Label,
    aliases: &'d [String],
    roles: &'d [String],
    mention_count: usize,
    mention_ids: Vec<usize>,
    first_char: usize,
    salience: f32,
    link: Option<&'d KbLink>,
    quote_ids: Vec<usize>,
}

impl<'d> Report<'d> {
    fn new(doc: &'d Document) -> Report<'d> {
        let entity_id = |i: Option<usize>| i.and_then(|i| doc.entities.get(i)).map(|e| e.id.as_str());
        let mentions: Vec<MentionOut<'d>> = doc
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| MentionOut {
                mention_id: i,
                field: m.field,
                sentence_index: m.sentence,
                char_start: m.span.char.start,
                char_end: m.span.char.end,
                byte_start: m.span.byte.start,
                byte_end: m.span.byte.end,
                text: m.span.slice(doc.field_text(m.field)).unwrap_or(&m.text),
                label: m.label,
                entity_id: entity_id(m.entity),
                confidence: m.confidence,
                origin: m.origin,
            })
            .collect();
        let entities = super::entities_by_salience(doc)
            .into_iter()
            .map(|e| EntityOut {
                entity_id: &e.id,
                name: &e.name,
                label: e.label,
                aliases: &e.aliases,
                roles: &e.roles,
                mention_count: e.mention_count,
                mention_ids: mentions
                    .iter()
                    .filter(|m| m.entity_id == Some(e.id.as_str()))
                    .map(|m| m.mention_id)
                    .collect(),
                first_char: e.first_char,
                salience: e.salience,
                link: e.link.as_ref(),
                quote_ids: doc
                    .quotes
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.speaker.as_ref().and_then(|s| s.entity).and_then(|i| doc.entities.get(i)).is_some_and(|x| x.id == e.id))
                    .map(|(i, _)| i)
                    .collect(),
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let speaker = q.speaker.as_ref();
                let entity = speaker.and_then(|s| s.entity).and_then(|e| doc.entities.get(e));
                QuoteOut {
                    quote_id: i,
                    kind: q.kind.as_str(),
                    text: &q.text,
                    char_start: q.span.char.start,
                    char_end: q.span.char.end,
                    sentence_index: q.sentence,
                    cue: q.cue.as_deref(),
                    speaker_text: speaker.map(|s| s.text.as_str()),
                    speaker_char_start: speaker.map(|s| s.span.char.start),
                    speaker_char_end: speaker.map(|s| s.span.char.end),
                    speaker_entity_id: entity.map(|e| e.id.as_str()),
                    speaker_name: entity.map(|e| e.name.as_str()),
                    confidence: q.confidence,
                }
            })
            .collect();
        Report {
            report_version: REPORT_VERSION,
            article_id: &doc.id,
            source: &doc.source,
            url: doc.url.as_deref(),
            utf8_lossy: doc.lossy_utf8,
            metadata: &doc.meta,
            language: doc.language.map(|l| LanguageOut {
                code: l.code,
                name: whatlang::Lang::from_code(l.code).map(|l| l.eng_name()),
                confidence: l.confidence,
            }),
            topics: doc.topics.iter().map(|t| TopicOut { label: &t.label, score: t.score }).collect(),
            body: &doc.body,
            counts: Counts {
                paragraphs: doc.paragraphs.len(),
                sentences: doc.sentences.len(),
                tokens: doc.tokens.len(),
                mentions: doc.mentions.len(),
                entities: doc.entities.len(),
            },
            paragraphs: doc
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| ParagraphOut {
                    paragraph_index: i,
                    char_start: p.span.char.start,
                    char_end: p.span.char.end,
                    byte_start: p.span.byte.start,
                    byte_end: p.span.byte.end,
                })
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .enumerate()
                .map(|(i, s)| SentenceOut {
                    sentence_index: i,
                    paragraph_index: s.paragraph,
                    char_start: s.span.char.start,
                    char_end: s.span.char.end,
                    byte_start: s.span.byte.start,
                    byte_end: s.span.byte.end,
                    text: doc.sentence_text(i),
                })
                .collect(),
            mentions,
            entities,
            quotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn the_report_is_one_object_with_the_documented_keys() {
        let doc = sample::document();
        let text = render(&doc);
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.is_object()), "one JSON object");
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("  \"").and_then(|l| l.split_once('"')).map(|(k, _)| k))
            .collect();
        assert_eq!(
            keys,
            [
                "report_version",
                "article_id",
                "source",
                "url",
                "utf8_lossy",
                "metadata",
                "language",
                "topics",
                "body",
                "counts",
                "paragraphs",
                "sentences",
                "mentions",
                "entities",
                "quotes"
            ],
            "top-level keys, in order; change docs/report.schema.json with them"
        );
    }

    #[test]
    fn mentions_point_at_entities_and_back() {
        let doc = sample::document();
        let v: serde_json::Value = serde_json::from_str(&render(&doc)).unwrap();
        let first = &v["entities"][0];
        assert_eq!(first["name"], "Mark Carney", "entities come most salient first");
        let ids: Vec<u64> = first["mention_ids"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap()).collect();
        assert_eq!(ids.len(), 4, "every mention of Mark Carney is listed");
        for id in ids {
            let m = &v["mentions"][id as usize];
            assert_eq!(m["entity_id"], first["entity_id"], "mention {id} must point back at its entity");
            let field = m["field"].as_str().unwrap();
            let text = match field {
                "title" => v["metadata"]["title"].as_str().unwrap(),
                "caption" => v["metadata"]["caption"].as_str().unwrap(),
                _ => v["body"].as_str().unwrap(),
            };
            let (s, e) = (m["char_start"].as_u64().unwrap() as usize, m["char_end"].as_u64().unwrap() as usize);
            let sliced: String = text.chars().skip(s).take(e - s).collect();
            assert_eq!(sliced, m["text"], "char offsets of mention {id} must slice its text out of `{field}`");
        }
        let tuesday = v["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Tuesday").unwrap();
        assert_eq!(tuesday["entity_id"], serde_json::Value::Null, "values have no entity");
        assert_eq!(v["language"]["name"], "English");
    }
}
