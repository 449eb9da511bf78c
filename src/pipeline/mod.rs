//! The pipeline: the stages, in order, over one record or a stream of them.
//!
//! ```text
//! Record ─ clean ─▶ Document ─ language ─ segment ─ entities ─ link ─ quotes ─ topics ─▶ Outcome
//! ```
//!
//! Each stage is a trait object, so that backends can be swapped. A
//! [`PipelineConfig`](crate::PipelineConfig) names the stages and backends,
//! and [`Pipeline::from_config`] (in `build.rs`, the one place that
//! assembles them) loads them. Underneath, a [`PipelineBuilder`] starts from
//! the built-in defaults (news cleaner, whatlang, news segmenter; no entity
//! or topic models) and replaces what the caller asks for, for library users
//! who plug in their own stages.

mod build;

use crate::clean::{Cleaner, NewsCleaner};
use crate::document::{Article, Document, Record, Rejected};
use crate::entities::{EntityRecognizer, Resolver};
use crate::error::Result;
use crate::language::{LanguageIdentifier, Whatlang};
use crate::quotes::QuoteFinder;
use crate::link::EntityLinker;
use crate::segment::{NewsSegmenter, Segmenter};
use crate::topic::TopicClassifier;

pub use build::{builtin_tagger, story_clusterer, TRANSFORMER_TOPIC_FILE};

/// What the pipeline made of one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An analysed article.
    Ok(Box<Document>),
    /// A record that could not be analysed, with its reason.
    Rejected(Rejected),
}

impl Outcome {
    /// Whether the record was rejected.
    pub fn is_rejected(&self) -> bool {
        matches!(self, Outcome::Rejected(_))
    }
}

/// The configured stages.
pub struct Pipeline {
    cleaner: Box<dyn Cleaner>,
    language: Box<dyn LanguageIdentifier>,
    segmenter: Box<dyn Segmenter>,
    recognizers: Vec<Box<dyn EntityRecognizer>>,
    resolver: Option<Box<dyn Resolver>>,
    topics: Option<Box<dyn TopicClassifier>>,
    quotes: Option<Box<dyn QuoteFinder>>,
    linker: Option<Box<dyn EntityLinker>>,
}

/// Builds a [`Pipeline`]; every stage has a default.
#[derive(Default)]
pub struct PipelineBuilder {
    cleaner: Option<Box<dyn Cleaner>>,
    language: Option<Box<dyn LanguageIdentifier>>,
    segmenter: Option<Box<dyn Segmenter>>,
    recognizers: Vec<Box<dyn EntityRecognizer>>,
    resolver: Option<Box<dyn Resolver>>,
    topics: Option<Box<dyn TopicClassifier>>,
    quotes: Option<Box<dyn QuoteFinder>>,
    linker: Option<Box<dyn EntityLinker>>,
}

impl PipelineBuilder {
    /// Replaces the cleaner.
    pub fn cleaner(mut self, c: impl Cleaner + 'static) -> Self {
        self.cleaner = Some(Box::new(c));
        self
    }

    /// Replaces the language identifier.
    pub fn language(mut self, l: impl LanguageIdentifier + 'static) -> Self {
        self.language = Some(Box::new(l));
        self
    }

    /// Replaces the segmenter.
    pub fn segmenter(mut self, s: impl Segmenter + 'static) -> Self {
        self.segmenter = Some(Box::new(s));
        self
    }

    /// Adds an entity recognizer; recognizers run in the order added.
    pub fn recognizer(mut self, r: Box<dyn EntityRecognizer>) -> Self {
        self.recognizers.push(r);
        self
    }

    /// Sets the resolver that groups mentions into canonical entities.
    pub fn resolver(mut self, r: Box<dyn Resolver>) -> Self {
        self.resolver = Some(r);
        self
    }

    /// Sets the topic classifier.
    pub fn topics(mut self, t: Box<dyn TopicClassifier>) -> Self {
        self.topics = Some(t);
        self
    }

    /// Sets the quote finder, which runs after entity resolution.
    pub fn quotes(mut self, q: Box<dyn QuoteFinder>) -> Self {
        self.quotes = Some(q);
        self
    }

    /// Sets the entity linker, which runs after resolution.
    pub fn linker(mut self, l: Box<dyn EntityLinker>) -> Self {
        self.linker = Some(l);
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Result<Pipeline> {
        Ok(Pipeline {
            cleaner: self.cleaner.unwrap_or_else(|| Box::new(NewsCleaner)),
            language: self.language.unwrap_or_else(|| Box::new(Whatlang)),
            segmenter: self.segmenter.unwrap_or_else(|| Box::new(NewsSegmenter)),
            recognizers: self.recognizers,
            resolver: self.resolver,
            topics: self.topics,
            quotes: self.quotes,
            linker: self.linker,
        })
    }
}

impl Pipeline {
    /// A builder with the default stages.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Runs every stage on one record. Never fails: a record that cannot be
    /// analysed becomes [`Outcome::Rejected`] with its reason.
    pub fn process(&self, record: Record) -> Outcome {
        match record {
            Record::Rejected(r) => Outcome::Rejected(r),
            Record::Article(a) => match self.analyze(a) {
                Ok(doc) => Outcome::Ok(Box::new(doc)),
                Err(r) => Outcome::Rejected(r),
            },
        }
    }

    /// Runs every stage on one article.
    pub fn analyze(&self, article: Article) -> std::result::Result<Document, Rejected> {
        let (seq, id, source) = (article.seq, article.id.clone(), article.source.clone());
        let mut doc = self.cleaner.clean(article)?;
        self.annotate(&mut doc).map_err(|e| Rejected {
            seq,
            id,
            source,
            reason: crate::document::RejectReason::Unreadable(format!("analysis failed: {e}")),
        })?;
        Ok(doc)
    }

    /// Runs the stages after cleaning on an already clean document.
    pub fn annotate(&self, doc: &mut Document) -> Result<()> {
        self.identify(doc);
        self.segmenter.segment(doc);
        if !self.recognizers.is_empty() {
            let mut found = Vec::new();
            for r in &self.recognizers {
                found.push(r.recognize(doc)?);
            }
            doc.mentions = crate::entities::merge_mentions(found);
            if let Some(resolver) = &self.resolver {
                resolver.resolve(doc);
            }
            if let Some(linker) = &self.linker {
                linker.link(doc);
            }
        }
        if let Some(q) = &self.quotes {
            doc.quotes = q.find(doc);
        }
        if let Some(t) = &self.topics {
            doc.topics = t.classify(doc)?;
        }
        Ok(())
    }

    /// Sets the layout and the language of a clean document (see [`crate::language::decide`]).
    fn identify(&self, doc: &mut Document) {
        doc.layout = crate::segment::layout::layout_of(&doc.body);
        let call = crate::language::decide(
            &*self.language,
            doc.meta.title.as_deref(),
            &doc.body,
            doc.meta.declared_language.as_deref(),
            doc.layout,
        );
        (doc.language, doc.language_source, doc.language_unsure) = (call.language, call.source, call.unsure);
    }

    /// Cleans an article and decides its layout and language, nothing more: what a sharded batch run
    /// learns from the records of the other shards. `None` when the article cannot be cleaned.
    pub fn identify_language(&self, article: Article) -> Option<Document> {
        let mut doc = self.cleaner.clean(article).ok()?;
        self.identify(&mut doc);
        Some(doc)
    }

    /// Analyses a piece of plain text (a raw page, as a scraper saves it).
    pub fn analyze_text(&self, text: &str) -> std::result::Result<Document, Rejected> {
        let format = if crate::ingest::looks_like_html(text) {
            crate::document::TextFormat::Html
        } else {
            crate::document::TextFormat::Text
        };
        self.analyze(Article { id: Some("text".into()), source: "text".into(), text: text.into(), format, ..Default::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pipeline_segments_and_identifies_language() {
        let p = Pipeline::builder().build().unwrap();
        let doc = p.analyze_text("The central bank raised rates on Tuesday. Markets fell.").unwrap();
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.language.map(|l| l.code), Some("eng"));
    }

    #[test]
    fn rejected_records_pass_through() {
        let p = Pipeline::builder().build().unwrap();
        let r = Rejected { seq: 1, id: None, source: "s".into(), reason: crate::document::RejectReason::EmptyBody };
        assert!(p.process(Record::Rejected(r)).is_rejected());
    }
}
