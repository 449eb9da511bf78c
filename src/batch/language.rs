//! The language stage: the evidence for an article's language that only the
//! rest of the stream holds. A site publishes in one language nearly always,
//! and a dump mostly in one, so an earnings table or a one-line brief whose
//! text leaves the detector unsure (`Document::language_unsure`, set by
//! `language::decide`) takes the language of its site, or else of the dump,
//! as far as the run has seen them.
//!
//! The stage runs in input order on the writer thread, and what it learns
//! from an article is used only for the articles after it: the result
//! depends on the order of the input, never on `--jobs` or the chunking. The
//! first articles of a run have little behind them: until [`DUMP_MIN`] sure
//! articles have been seen (or [`SOURCE_MIN`] of the site), an unsure article
//! keeps the detector's guess, or stays `und`. With `--shard K/N` the records
//! of the other shards are cleaned and their language decided too (nothing
//! more), and the stage learns from them at their places in the input: the
//! shards together give exactly what one run gives.

use std::collections::HashMap;

use crate::document::{Document, Language, LanguageSource};
use crate::pipeline::Outcome;

/// Sure articles of a site needed before its language counts as the site's.
pub(crate) const SOURCE_MIN: u32 = 3;
/// Sure articles of the run needed before its language counts as the dump's.
pub(crate) const DUMP_MIN: u32 = 10;
/// The share of those articles that must be in one language: a dump that mixes languages has no prior.
pub(crate) const PRIOR_SHARE: f64 = 0.9;

/// Sure articles per language, in order of first appearance.
#[derive(Debug, Default, Clone)]
struct Counts {
    by_language: Vec<(&'static str, u32)>,
    total: u32,
}

impl Counts {
    fn add(&mut self, code: &'static str) {
        self.total += 1;
        match self.by_language.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => self.by_language.push((code, 1)),
        }
    }

    /// The language that at least `min` articles and [`PRIOR_SHARE`] of them are in, with its share.
    fn prior(&self, min: u32) -> Option<Language> {
        let &(code, n) = self.by_language.iter().max_by_key(|(_, n)| *n)?;
        let share = n as f64 / self.total as f64;
        (self.total >= min && share >= PRIOR_SHARE).then_some(Language { code, confidence: share })
    }
}

/// What an article whose text was sure about its language tells the rest of the stream.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sighting {
    site: Option<String>,
    language: &'static str,
}

impl Sighting {
    /// The sighting of `doc`: its site and language, when its text decided the language on its own.
    pub(crate) fn of(doc: &Document) -> Option<Sighting> {
        let from_text = matches!(doc.language_source, Some(LanguageSource::Text | LanguageSource::TitleText));
        let language = doc.language.filter(|_| from_text && !doc.language_unsure)?.code;
        Some(Sighting { site: site_key(doc), language })
    }
}

/// The step of a batch run that settles unsure languages from the site and the dump; `batch::run` runs it
/// on every run, before the stream stages.
#[derive(Debug, Default)]
pub struct LanguageStage {
    sites: HashMap<String, Counts>,
    dump: Counts,
}

impl LanguageStage {
    /// A stage that has seen nothing yet.
    pub fn new() -> LanguageStage {
        LanguageStage::default()
    }

    fn learn(&mut self, sighting: Sighting) {
        self.dump.add(sighting.language);
        if let Some(site) = sighting.site {
            self.sites.entry(site).or_default().add(sighting.language);
        }
    }

    /// Learns from `doc` when its text was sure, or settles its language when it was not.
    pub fn observe(&mut self, doc: &mut Document) {
        if !doc.language_unsure {
            if let Some(s) = Sighting::of(doc) {
                self.learn(s);
            }
            return;
        }
        let from_site = site_key(doc).and_then(|s| self.sites.get(&s)).and_then(|c| c.prior(SOURCE_MIN));
        let prior = from_site
            .map(|l| (l, LanguageSource::Source))
            .or_else(|| Some((self.dump.prior(DUMP_MIN)?, LanguageSource::Dump)));
        let Some((prior, source)) = prior else { return };
        doc.language_unsure = false;
        if doc.language.is_some_and(|l| l.code == prior.code) {
            return;
        }
        (doc.language, doc.language_source) = (Some(prior), Some(source));
    }

    /// Observes `outcomes` in order, learning from `sightings` (the languages of other shards' records,
    /// each with the number of outcomes before it) at their places.
    pub(crate) fn apply_with(&mut self, outcomes: &mut [Outcome], sightings: &[(usize, Sighting)]) {
        let mut next = sightings.iter().peekable();
        for (i, o) in outcomes.iter_mut().enumerate() {
            while let Some((_, s)) = next.next_if(|(at, _)| *at <= i) {
                self.learn(s.clone());
            }
            if let Outcome::Ok(doc) = o {
                self.observe(doc);
            }
        }
        next.for_each(|(_, s)| self.learn(s.clone()));
    }
}

/// The site an article comes from: the host of its URL (without `www.`), or the site name a page gives.
fn site_key(doc: &Document) -> Option<String> {
    let url = doc.url.as_deref().or(doc.meta.canonical_url.as_deref());
    let host = url.and_then(|u| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
        (!host.is_empty()).then(|| host.trim_start_matches("www.").to_ascii_lowercase())
    });
    host.or_else(|| doc.meta.site.as_deref().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: Option<&str>, code: Option<&'static str>, source: Option<LanguageSource>, unsure: bool) -> Document {
        Document {
            url: url.map(str::to_string),
            language: code.map(|code| Language { code, confidence: 0.6 }),
            language_source: source,
            language_unsure: unsure,
            ..Default::default()
        }
    }

    fn sure(url: Option<&str>, code: &'static str) -> Document {
        doc(url, Some(code), Some(LanguageSource::Text), false)
    }

    #[test]
    fn unsure_articles_take_the_language_of_their_site_then_of_the_dump() {
        let mut stage = LanguageStage::new();
        for i in 0..DUMP_MIN {
            stage.observe(&mut sure(Some(&format!("https://www.lemonde.fr/{i}")), "fra"));
        }
        for i in 0..SOURCE_MIN {
            stage.observe(&mut sure(Some(&format!("https://bbc.co.uk/news/{i}")), "eng"));
        }
        // 13 sure articles, 10 French: no dump language (under 90%), but each site has its own.
        let cases = [
            (Some("http://www.bbc.co.uk/x"), Some("afr"), Some("eng"), Some(LanguageSource::Source)),
            (Some("https://lemonde.fr/y"), Some("fra"), Some("fra"), Some(LanguageSource::Text)),
            (Some("https://elsewhere.org/z"), Some("cat"), Some("cat"), Some(LanguageSource::Text)),
            (None, None, None, None),
        ];
        for (url, guess, want, source) in cases {
            let mut d = doc(url, guess, guess.map(|_| LanguageSource::Text), true);
            stage.observe(&mut d);
            assert_eq!((d.language.map(|l| l.code), d.language_source), (want, source), "{url:?}");
        }
        let mut english = LanguageStage::new();
        for _ in 0..DUMP_MIN {
            english.observe(&mut sure(None, "eng"));
        }
        let mut table = doc(None, Some("fra"), Some(LanguageSource::Text), true);
        english.observe(&mut table);
        assert_eq!((table.language.map(|l| l.code), table.language_source), (Some("eng"), Some(LanguageSource::Dump)));
    }

    #[test]
    fn the_first_articles_keep_their_guess_and_nothing_depends_on_the_chunking() {
        let docs: Vec<Document> = (0..40)
            .map(|i| if i % 4 == 3 { doc(None, Some("fra"), Some(LanguageSource::Text), true) } else { sure(None, "eng") })
            .collect();
        let run = |chunk: usize| -> Vec<Option<&'static str>> {
            let mut stage = LanguageStage::new();
            let mut outcomes: Vec<Outcome> = docs.iter().cloned().map(|d| Outcome::Ok(Box::new(d))).collect();
            for c in outcomes.chunks_mut(chunk) {
                stage.apply_with(c, &[]);
            }
            outcomes.iter().map(|o| if let Outcome::Ok(d) = o { d.language.map(|l| l.code) } else { None }).collect()
        };
        let one = run(1);
        assert_eq!(one[3], Some("fra"), "too early for a dump language: the guess stays");
        assert_eq!(one[39], Some("eng"), "later, the dump's language wins over an unsure guess");
        assert_eq!(one, run(7), "chunks of 7 give what chunks of 1 give");
        assert_eq!(one, run(40));
    }

    #[test]
    fn sightings_from_other_shards_count_at_their_place() {
        let unsure = || Outcome::Ok(Box::new(doc(None, Some("fra"), Some(LanguageSource::Text), true)));
        let english = Sighting { site: None, language: "eng" };
        let sightings: Vec<(usize, Sighting)> = (0..DUMP_MIN).map(|_| (1, english.clone())).collect();
        let mut outcomes = vec![unsure(), unsure()];
        LanguageStage::new().apply_with(&mut outcomes, &sightings);
        let codes: Vec<_> = outcomes.iter().map(|o| if let Outcome::Ok(d) = o { d.language.map(|l| l.code) } else { None }).collect();
        assert_eq!(codes, [Some("fra"), Some("eng")], "the sightings come after the first outcome and before the second");
    }

    #[test]
    fn sites_are_keyed_by_host() {
        let cases = [
            ("https://www.Example.com:8080/a/b?c", Some("example.com")),
            ("example.com/path", Some("example.com")),
            ("https://user@host.org#x", Some("host.org")),
        ];
        for (url, want) in cases {
            assert_eq!(site_key(&doc(Some(url), None, None, false)).as_deref(), want, "{url}");
        }
        assert_eq!(site_key(&Document::default()), None);
    }
}
