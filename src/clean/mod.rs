//! Clean: raw page text or HTML becomes a clean body plus metadata.
//!
//! The body holds only the story: paragraphs separated by a blank line, line
//! wraps undone, whitespace normalised. Headline, photo captions, byline,
//! dateline, published and updated times, and closing credits are kept as
//! [`Metadata`]; teasers for other stories, "updated" / "26m ago" lines and
//! blocks repeated on the page are dropped. HTML goes through a real parser
//! first ([`html`]); plain text and HTML then share the same block analysis
//! ([`chrome`]).

pub(crate) mod blocks;
pub(crate) mod byline;
pub(crate) mod chrome;
pub(crate) mod dateline;
pub(crate) mod dates;
pub mod html;

use crate::document::{Article, Document, Metadata, RejectReason, Rejected, TextFormat};

/// Turns an input record into a clean [`Document`].
pub trait Cleaner: Send + Sync {
    /// Cleans one article. A record with nothing left to analyse is rejected.
    fn clean(&self, article: Article) -> Result<Document, Rejected>;
}

/// The built-in cleaner for news pages, plain text or HTML.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewsCleaner;

impl Cleaner for NewsCleaner {
    fn clean(&self, article: Article) -> Result<Document, Rejected> {
        self.clean_with(article, &html::Heuristics::default())
    }
}

impl NewsCleaner {
    /// Cleans one article with some HTML extraction heuristics switched off
    /// (to measure what each brings); plain text is cleaned as by [`Cleaner::clean`].
    pub fn clean_with(&self, article: Article, heuristics: &html::Heuristics) -> Result<Document, Rejected> {
        let (blocks, mut meta) = match article.format {
            TextFormat::Html => {
                let page = html::extract_with(&article.text, heuristics);
                let mut meta = page.meta;
                meta.caption = join_captions(&page.captions);
                (page.blocks, meta)
            }
            TextFormat::Text => (blocks::split_blocks(&blocks::normalize(&article.text)), Metadata::default()),
        };
        let known_title = article.title.as_deref().or(meta.title.as_deref());
        let layout = chrome::analyze(&blocks, known_title);
        merge_layout(&mut meta, &article, layout.title, layout.byline);
        meta.published = meta
            .published
            .take()
            .or(layout.published)
            .or_else(|| article.published.as_deref().and_then(dates::parse_datetime))
            .or_else(|| article.published.clone());
        meta.updated = meta.updated.take().or(layout.updated);
        meta.declared_language = article.language.clone().or(meta.declared_language.take());
        let mut captions: Vec<String> = meta.caption.take().into_iter().collect();
        captions.extend(layout.captions);
        meta.caption = join_captions(&captions);
        meta.credits = layout.credits;
        // The dateline opens the story, or its second paragraph when the first is a headline line that the
        // layout kept in the body ("Trump wins Nevada.\n\nLAS VEGAS (AP) — ...", as plain-text dumps store it).
        let headline_first = layout.story.first().is_some_and(|p| p.len() <= 200);
        // A paragraph in capitals throughout is a headline going on ("OCTOBER SEEMS UNLIKELY - ICO ..."), not a
        // dateline's.
        let prose = |p: &&String| p.chars().any(char::is_lowercase);
        let opening = layout.story.first().into_iter().chain(layout.story.get(1).filter(|_| headline_first)).filter(prose);
        if let Some(d) = opening.into_iter().find_map(|p| dateline::find_dateline(p)) {
            meta.dateline = Some(d.place);
            if meta.agency.is_none() {
                meta.agency = d.agency.as_deref().and_then(byline::agency_name).map(str::to_string).or(d.agency);
            }
        }
        if meta.agency.is_none() {
            meta.agency = meta.credits.iter().find_map(|c| byline::find_agency(c)).map(str::to_string);
        }
        let body = layout.story.join("\n\n");
        let id = article.article_id().into_owned();
        if body.trim().is_empty() {
            return Err(Rejected {
                seq: article.seq,
                id: article.id,
                source: article.source,
                reason: RejectReason::EmptyBody,
            });
        }
        Ok(Document {
            seq: article.seq,
            id,
            source: article.source,
            url: article.url.or_else(|| meta.canonical_url.clone()),
            meta,
            body,
            lossy_utf8: article.lossy_utf8,
            ..Default::default()
        })
    }
}

fn merge_layout(meta: &mut Metadata, article: &Article, title: Option<String>, byline: Option<byline::Byline>) {
    meta.title = article.title.clone().or(meta.title.take()).or(title).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    if let Some(b) = byline {
        meta.byline = Some(b.text);
        if meta.authors.is_empty() {
            meta.authors = b.authors;
        }
        meta.agency = b.agency;
    }
}

fn join_captions(captions: &[String]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for c in captions {
        if !seen.contains(&c.as_str()) {
            seen.push(c);
        }
    }
    (!seen.is_empty()).then(|| seen.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article { id: Some("t".into()), source: "test".into(), text: text.into(), ..Default::default() }
    }

    #[test]
    fn an_empty_body_is_rejected_with_its_reason() {
        let err = NewsCleaner.clean(article("updated\n\n26m ago")).unwrap_err();
        assert_eq!(err.reason, RejectReason::EmptyBody);
    }

    #[test]
    fn html_articles_are_cleaned_through_the_parser() {
        let mut a = article("<html><body><nav>Menu</nav><article><p>WASHINGTON (Reuters) - Rates held.</p></article></body></html>");
        a.format = TextFormat::Html;
        let doc = NewsCleaner.clean(a).unwrap();
        assert_eq!(doc.body, "WASHINGTON (Reuters) - Rates held.");
        assert_eq!(doc.meta.dateline.as_deref(), Some("WASHINGTON"));
        assert_eq!(doc.meta.agency.as_deref(), Some("Reuters"));
    }

    #[test]
    fn a_dateline_after_a_headline_line_is_the_articles() {
        // (text, dateline): a plain-text dump that keeps the headline as the body's first line.
        let cases = [
            ("Trump wins Nevada caucuses.\n\nLAS VEGAS (AP) — Donald Trump won.", Some("LAS VEGAS")),
            ("WASHINGTON (AP) — Rates held.\n\nNEW YORK — More.", Some("WASHINGTON")),
            // A first paragraph of more than 200 bytes is no headline.
            (&*format!("{}\n\nPARIS — Text.", "A long first paragraph. ".repeat(10)), None),
            // A headline in capitals over two paragraphs has no dateline.
            ("RESTORATION OF QUOTAS BEFORE\n\nOCTOBER SEEMS UNLIKELY - ICO DELEGATES", None),
            // Only the first two paragraphs may hold it.
            ("Headline.\n\nBody text here.\n\nPARIS — Text.", None),
        ];
        for (text, want) in cases {
            let doc = NewsCleaner.clean(article(text)).unwrap();
            assert_eq!(doc.meta.dateline.as_deref(), want, "{text:?}");
        }
    }
}
