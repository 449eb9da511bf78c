//! The records that flow through the pipeline.
//!
//! An [`Article`] is what ingest read: one input record, raw. A [`Document`]
//! is what the stages build from it: the clean body and its metadata, then
//! spans over the body (paragraphs, sentences, tokens), entity mentions,
//! canonical entities and topics. A record that cannot become a document is
//! a [`Rejected`], which still becomes a row of the `articles` table, so that
//! no input record is ever lost.

use std::fmt;

use crate::span::Span;

mod kb;
pub use kb::{KbKind, KbLink};

/// How an article's text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// Plain text, as a scraper saves a page's visible text.
    #[default]
    Text,
    /// An HTML page.
    Html,
}

/// One input record, as read: raw text plus whatever metadata the dump had.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// 0-based position in the input stream; output keeps this order.
    pub seq: u64,
    /// The record's id from the input, if it had one.
    pub id: Option<String>,
    /// Where it came from: `file:line` (line formats), `file:row` (tables) or the file path.
    pub source: String,
    /// The raw text or HTML.
    pub text: String,
    /// Whether `text` is plain text or HTML.
    pub format: TextFormat,
    /// Title from the input record.
    pub title: Option<String>,
    /// URL from the input record.
    pub url: Option<String>,
    /// Publication time from the input record, as given.
    pub published: Option<String>,
    /// The label(s) of the record, when a training or evaluation reader asked for a label field.
    pub labels: Vec<String>,
    /// Set when the raw bytes were not valid UTF-8 and were decoded lossily (by request).
    pub lossy_utf8: bool,
    /// The language the record declares (its language field, `--language-field`), as given.
    pub language: Option<String>,
}

/// Why a record was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectReason {
    /// A line of a JSON Lines input is not a JSON object.
    InvalidJson(String),
    /// The record has no text in the text field.
    MissingText {
        /// The field that was looked for.
        field: String,
    },
    /// The text field is not a string.
    TextNotString {
        /// The field that was looked for.
        field: String,
    },
    /// The raw bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence, within the record.
        offset: usize,
    },
    /// Nothing was left after cleaning.
    EmptyBody,
    /// The record is larger than `--max-article-bytes`.
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A CSV or table row could not be read.
    BadRow(String),
    /// A file in a folder input could not be read.
    Unreadable(String),
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReason::InvalidJson(msg) => write!(f, "invalid JSON: {msg}"),
            RejectReason::MissingText { field } => write!(f, "no text: field `{field}` is missing, null or empty"),
            RejectReason::TextNotString { field } => write!(f, "no text: field `{field}` is not a string"),
            RejectReason::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset} of the record"),
            RejectReason::EmptyBody => write!(f, "empty body: nothing left after cleaning"),
            RejectReason::TooLarge { bytes, limit } => {
                write!(f, "too large: {bytes} bytes, over the limit of {limit} (--max-article-bytes)")
            }
            RejectReason::BadRow(msg) => write!(f, "unreadable row: {msg}"),
            RejectReason::Unreadable(msg) => write!(f, "unreadable file: {msg}"),
        }
    }
}

impl RejectReason {
    /// A short stable code for the reason, for grouping (`invalid_json`, `missing_text`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::InvalidJson(_) => "invalid_json",
            RejectReason::MissingText { .. } => "missing_text",
            RejectReason::TextNotString { .. } => "text_not_string",
            RejectReason::InvalidUtf8 { .. } => "invalid_utf8",
            RejectReason::EmptyBody => "empty_body",
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::BadRow(_) => "bad_row",
            RejectReason::Unreadable(_) => "unreadable",
        }
    }
}

/// An input record that could not become a [`Document`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// 0-based position in the input stream.
    pub seq: u64,
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// Where it came from, as in [`Article::source`].
    pub source: String,
    /// Why it was rejected.
    pub reason: RejectReason,
}

/// What ingest yields for each input record.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A readable article.
    Article(Article),
    /// A record that could not be read.
    Rejected(Rejected),
}

impl Record {
    /// The record's position in the input stream.
    pub fn seq(&self) -> u64 {
        match self {
            Record::Article(a) => a.seq,
            Record::Rejected(r) => r.seq,
        }
    }

    /// The id its `articles` row will carry.
    pub fn article_id(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Record::Article(a) => a.article_id(),
            Record::Rejected(r) => r.article_id(),
        }
    }
}

impl Article {
    /// The article id: the input's id, or `article-<seq>` when it had none.
    pub fn article_id(&self) -> std::borrow::Cow<'_, str> {
        match &self.id {
            Some(id) => std::borrow::Cow::Borrowed(id),
            None => std::borrow::Cow::Owned(format!("article-{}", self.seq)),
        }
    }
}

impl Rejected {
    /// The id of its `articles` row: the input's id, or `record-<seq>` when it could not be read.
    pub fn article_id(&self) -> std::borrow::Cow<'_, str> {
        match &self.id {
            Some(id) => std::borrow::Cow::Borrowed(id),
            None => std::borrow::Cow::Owned(format!("record-{}", self.seq)),
        }
    }
}

/// Metadata that cleaning found around the story.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Metadata {
    /// The headline.
    pub title: Option<String>,
    /// The byline as printed, for example "By Craig Lord, The Canadian Press".
    pub byline: Option<String>,
    /// Author names from the byline or page metadata.
    pub authors: Vec<String>,
    /// News agency named in the byline or credits ("The Canadian Press").
    pub agency: Option<String>,
    /// The dateline place, for example "PARIS".
    pub dateline: Option<String>,
    /// Publication time, ISO 8601; a time zone only when the source gave one.
    pub published: Option<String>,
    /// Last update time, ISO 8601, as for `published`.
    pub updated: Option<String>,
    /// Photo caption(s), joined by a blank line.
    pub caption: Option<String>,
    /// Closing credit lines ("This report by ... was first published ...").
    pub credits: Vec<String>,
    /// Site name (HTML `og:site_name` and similar).
    pub site: Option<String>,
    /// Canonical URL (HTML `<link rel=canonical>` or `og:url`).
    pub canonical_url: Option<String>,
    /// Language declared by the page (`<html lang>`) or the record's language field, as given.
    pub declared_language: Option<String>,
}

/// The language of an article's body.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Language {
    /// ISO 639-3 code, such as `eng`.
    pub code: &'static str,
    /// Detector confidence in 0..=1.
    pub confidence: f64,
}

/// The evidence that decided an article's language (the `language_source` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// The detector on the body alone.
    Text,
    /// The detector on the headline and the body together.
    #[serde(rename = "title+text")]
    TitleText,
    /// The language the record or page declares.
    Record,
    /// The language of the other articles of the same site (URL host or site name) seen so far in the run.
    Source,
    /// The language of the other articles of the run seen so far.
    Dump,
}

impl LanguageSource {
    /// The value of the `language_source` column.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageSource::Text => "text",
            LanguageSource::TitleText => "title+text",
            LanguageSource::Record => "record",
            LanguageSource::Source => "source",
            LanguageSource::Dump => "dump",
        }
    }
}

/// The shape of an article's body (the `layout` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyLayout {
    /// Sentences and paragraphs.
    #[default]
    Prose,
    /// Mostly lines of figures, such as an earnings table ("Shr profit 13 cts vs loss 33 cts").
    Table,
    /// Mostly short bulleted or numbered lines.
    List,
}

impl BodyLayout {
    /// The value of the `layout` column.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyLayout::Prose => "prose",
            BodyLayout::Table => "table",
            BodyLayout::List => "list",
        }
    }
}

/// A paragraph of the body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Paragraph {
    /// Where it is in the body.
    pub span: Span,
}

/// A sentence of the body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sentence {
    /// Where it is in the body.
    pub span: Span,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: usize,
    /// Its tokens: a range of [`Document::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// A kind of token, as the tokenizer saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, apostrophes or abbreviation dots).
    Word,
    /// A number, possibly with separators ("3.5", "1,200", "2026").
    Number,
    /// Punctuation or a symbol.
    Punct,
}

/// A token of the body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Token {
    /// Where it is in the body.
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// Which text field of the article a mention sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The headline, [`Metadata::title`].
    Title,
    /// The photo caption, [`Metadata::caption`].
    Caption,
    /// The clean body.
    Body,
}

impl Field {
    /// The name used in tables: `title`, `caption` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Caption => "caption",
            Field::Body => "body",
        }
    }
}

/// The type of an entity or value mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// A person.
    Person,
    /// A place: country, city, region, geographic feature.
    Location,
    /// An organisation with its own structure: company, agency, party, international body.
    Organization,
    /// A named group of countries, parties or people (the "coalition of the willing", G7).
    Group,
    /// Other names: nationalities, events, works, products.
    Misc,
    /// A date or period ("Jan. 6, 2026", "Tuesday").
    Date,
    /// A time of day ("4:00 am").
    Time,
    /// An amount of money ("$29bn").
    Money,
    /// A percentage.
    Percent,
    /// A quantity with or without unit ("five millimetres", "more than 30 countries").
    Quantity,
}

impl Label {
    /// All labels, names first.
    pub const ALL: [Label; 10] = [
        Label::Person,
        Label::Location,
        Label::Organization,
        Label::Group,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
    ];

    /// The name used in tables (`PERSON`, `LOCATION`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Location => "LOCATION",
            Label::Organization => "ORGANIZATION",
            Label::Group => "GROUP",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
        }
    }

    /// Parses a label name; accepts the table names and the CoNLL short forms (PER, LOC, ORG, MISC).
    pub fn parse(s: &str) -> Option<Label> {
        Some(match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Label::Person,
            "LOCATION" | "LOC" | "GPE" => Label::Location,
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Label::Organization,
            "GROUP" => Label::Group,
            "MISC" => Label::Misc,
            "DATE" => Label::Date,
            "TIME" => Label::Time,
            "MONEY" => Label::Money,
            "PERCENT" => Label::Percent,
            "QUANTITY" => Label::Quantity,
            _ => return None,
        })
    }

    /// Whether this is a named entity (not a date, time or amount).
    pub fn is_name(self) -> bool {
        matches!(self, Label::Person | Label::Location | Label::Organization | Label::Group | Label::Misc)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which component found a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The statistical tagger (or the transformer backend).
    Model,
    /// A user rule.
    Rule,
    /// A built-in list (gazetteer), such as the named groups.
    Gazetteer,
    /// A text pattern, such as a group defined by an appositive, or a date.
    Pattern,
    /// Found again as an alias of an entity already mentioned in the article.
    Alias,
}

impl Origin {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Model => "model",
            Origin::Rule => "rule",
            Origin::Gazetteer => "gazetteer",
            Origin::Pattern => "pattern",
            Origin::Alias => "alias",
        }
    }
}

/// A mention of an entity or value in one of the article's text fields.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// The field whose text the span indexes.
    pub field: Field,
    /// Where it is in that field.
    pub span: Span,
    /// Index of the body sentence that holds it (body mentions only).
    pub sentence: Option<usize>,
    /// The mention's text.
    pub text: String,
    /// Its type.
    pub label: Label,
    /// Confidence in 0..=1.
    pub confidence: f32,
    /// What found it.
    pub origin: Origin,
    /// Index of its entity in [`Document::entities`], once resolved.
    pub entity: Option<usize>,
}

/// A canonical entity of one article: the mentions that name the same thing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entity {
    /// Stable id: the same for the same canonical name and label in every article.
    pub id: String,
    /// Canonical name ("Mark Carney").
    pub name: String,
    /// Type.
    pub label: Label,
    /// Other names used in the article ("Carney").
    pub aliases: Vec<String>,
    /// Number of mentions.
    pub mention_count: usize,
    /// Char offset of the first body mention (or 0 when it only appears in the title or caption).
    pub first_char: usize,
    /// Salience in 0..=1 (see `entities::resolve` for the formula).
    pub salience: f32,
    /// Titles and appositives ("Prime Minister", "secretary-general of NATO").
    pub roles: Vec<String>,
    /// Dump-level id (see `identity`): the same for the same thing across articles, runs and shards; `None`
    /// until the identity stage of a batch run sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_id: Option<String>,
    /// What the entity is in the world, when the linking stage grounded it (see `link/`).
    pub link: Option<KbLink>,
}

/// Topics scoring at least this much are listed in the `topics` column. It lives beside [`TopicScore`]
/// because it says which scores a document lists, whichever classifier gave them.
pub const LIST_THRESHOLD: f32 = 0.2;

/// A topic and its score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TopicScore {
    /// The topic id (`politics`, or a user model's label).
    pub label: String,
    /// Score in 0..=1.
    pub score: f32,
}

/// A cleaned article and everything the stages found in it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Document {
    /// 0-based position in the input stream.
    pub seq: u64,
    /// The article id: the input's id, or one derived from the source.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// URL from the input record or the page.
    pub url: Option<String>,
    /// Metadata found by cleaning.
    pub meta: Metadata,
    /// The clean body: paragraphs separated by a blank line, line wraps undone.
    pub body: String,
    /// Detected language of the body.
    pub language: Option<Language>,
    /// Paragraphs of the body.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences of the body.
    pub sentences: Vec<Sentence>,
    /// Tokens of the body.
    pub tokens: Vec<Token>,
    /// Entity and value mentions in the title, caption and body.
    pub mentions: Vec<Mention>,
    /// Canonical entities.
    pub entities: Vec<Entity>,
    /// Topic scores, best first.
    pub topics: Vec<TopicScore>,
    /// Set when the input was decoded lossily from invalid UTF-8.
    pub lossy_utf8: bool,
    /// Story cluster: the input position of the cluster's first article. Set by the clustering stage of a
    /// batch run (`analyze --clusters`, `batch::ClusterStage`); `None` without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<i64>,
    /// What decided [`Document::language`]; `None` when nothing supports a language (`und`).
    pub language_source: Option<LanguageSource>,
    /// Set when the text alone was too short or too full of figures for the detector to be sure: the
    /// language stage of a batch run (`batch::LanguageStage`) may then decide from the source or the dump.
    #[serde(skip)]
    pub language_unsure: bool,
    /// Whether the body is prose, a table of figures or a list.
    pub layout: BodyLayout,
    /// Quotes in the body, direct and reported, with their speakers (the quote stage; empty without it).
    pub quotes: Vec<Quote>,
}

impl Document {
    /// Where the dateline stands in the body: the byte offset of its place at the start of the body, or of the
    /// body's second paragraph (after a headline line that a plain-text dump keeps in the text); `None` without a
    /// dateline or when the body does not open either way with it (an HTML page's dateline may be elsewhere).
    pub(crate) fn dateline_offset(&self) -> Option<usize> {
        let d = self.meta.dateline.as_deref()?.trim();
        let starts = |text: &str| text.get(..d.len()).is_some_and(|o| o.eq_ignore_ascii_case(d));
        if starts(&self.body) {
            return Some(0);
        }
        let (first, rest) = self.body.split_once("\n\n")?;
        starts(rest).then_some(first.len() + 2)
    }

    /// The text of a field: the body, or the title or caption ("" when absent).
    pub fn field_text(&self, field: Field) -> &str {
        match field {
            Field::Body => &self.body,
            Field::Title => self.meta.title.as_deref().unwrap_or(""),
            Field::Caption => self.meta.caption.as_deref().unwrap_or(""),
        }
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, index: usize) -> &str {
        self.sentences.get(index).and_then(|s| s.span.slice(&self.body)).unwrap_or("")
    }

    /// The text of a token.
    pub fn token_text(&self, index: usize) -> &str {
        self.tokens.get(index).and_then(|t| t.span.slice(&self.body)).unwrap_or("")
    }

    /// The best topic, if any classifier ran.
    pub fn top_topic(&self) -> Option<&TopicScore> {
        self.topics.first()
    }

    /// Topics scoring at least [`LIST_THRESHOLD`], best first, as (label, score).
    pub fn topics_above_threshold(&self) -> Vec<(String, f32)> {
        self.topics
            .iter()
            .filter(|t| t.score >= LIST_THRESHOLD)
            .map(|t| (t.label.clone(), t.score))
            .collect()
    }
}

/// What kind of quote a [`Quote`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech that holds a quoted fragment ("said it was \u{201c}a disaster\u{201d}").
    Mixed,
    /// Reported speech without quotation marks ("X said that ...", "according to X, ...").
    Indirect,
}

impl QuoteKind {
    /// The name used in tables: `direct`, `mixed` or `indirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who said a quote, as written in the body, and the entity it resolves to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Speaker {
    /// Where it is in the body.
    pub span: Span,
    /// As written: a name, a pronoun, "the official", "a spokesperson for the ministry".
    pub text: String,
    /// Index of the entity it resolves to in [`Document::entities`], if any.
    pub entity: Option<usize>,
}

/// A quote of the body: what was said, by whom, with what cue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quote {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// Where the quoted words are in the body, quotation marks excluded; a quote split by its cue runs from
    /// the first piece's start to the last piece's end.
    pub span: Span,
    /// The quoted words (the pieces of a split quote joined by a space).
    pub text: String,
    /// Index of the body sentence where the quote starts.
    pub sentence: Option<usize>,
    /// The verb or phrase that attributes it ("said", "told reporters", "according to"), as written.
    pub cue: Option<String>,
    /// The speaker, when the text names one.
    pub speaker: Option<Speaker>,
    /// Confidence in 0..=1.
    pub confidence: f32,
}
