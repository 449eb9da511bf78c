//! Scoring language identification against gold languages: accuracy, the
//! share left `und`, the share called another language, and a confusion
//! table for each length bucket (under 20, 20 to 60, over 60 tokens), since
//! short items are where detectors fail.
//!
//! [`evaluate`] runs records through the pipeline as `analyze` does (the
//! cleaner, then [`crate::language::decide`]) and, at [`Evidence::Stream`],
//! through the batch run's [`LanguageStage`] in input order, so that the
//! figures are those of the `language` column of a run. Gold codes may be
//! ISO 639-1 or 639-3 or English names; they are compared as ISO 639-3.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::batch::LanguageStage;
use crate::document::Record;
use crate::error::{Error, Result};
use crate::language::{iso_639_3, LanguageIdentifier};
use crate::pipeline::{Outcome, Pipeline};
use super::ratio;

/// Token-count buckets of the report.
pub const BUCKETS: [&str; 3] = ["<20", "20-60", ">60"];

/// The bucket (index into [`BUCKETS`]) of an article with `tokens` tokens.
pub fn bucket(tokens: usize) -> usize {
    match tokens {
        0..20 => 0,
        20..=60 => 1,
        _ => 2,
    }
}

/// How much evidence the language call may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Evidence {
    /// The detector on the body alone (what `analyze` did before the language evidence was weighed).
    Text,
    /// What the article holds: body, headline with body, the declared language.
    Article,
    /// The article and the stream before it: its site and the dump (what `analyze` does).
    #[default]
    Stream,
}

/// Counts of one length bucket.
#[derive(Debug, Clone, Default, PartialEq)]
struct BucketCounts {
    total: usize,
    correct: usize,
    und: usize,
    /// (gold, predicted or `und`) → count.
    confusion: BTreeMap<(String, String), usize>,
}

/// Accumulates language calls against gold languages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LanguageEvaluation {
    buckets: [BucketCounts; 3],
    /// How each call was decided (`language_source` or `und`) → count.
    sources: BTreeMap<String, usize>,
}

impl LanguageEvaluation {
    /// Records one call: `gold` (any code or name), `predicted` (ISO 639-3, `None` for `und`), decided by
    /// `source`, on an article of `tokens` tokens.
    pub fn add(&mut self, gold: &str, predicted: Option<&str>, source: Option<&str>, tokens: usize) {
        let gold = iso_639_3(gold).map_or_else(|| gold.trim().to_ascii_lowercase(), str::to_string);
        let b = &mut self.buckets[bucket(tokens)];
        b.total += 1;
        b.correct += usize::from(predicted == Some(gold.as_str()));
        b.und += usize::from(predicted.is_none());
        *b.confusion.entry((gold, predicted.unwrap_or("und").to_string())).or_default() += 1;
        *self.sources.entry(source.unwrap_or("und").to_string()).or_default() += 1;
    }

    fn sum(&self, f: impl Fn(&BucketCounts) -> usize) -> usize {
        self.buckets.iter().map(f).sum()
    }

    /// Calls scored.
    pub fn total(&self) -> usize {
        self.sum(|b| b.total)
    }

    /// Calls that gave the gold language.
    pub fn correct(&self) -> usize {
        self.sum(|b| b.correct)
    }

    /// Calls left `und`.
    pub fn und(&self) -> usize {
        self.sum(|b| b.und)
    }

    /// Calls that gave another language than the gold one.
    pub fn wrong(&self) -> usize {
        self.total() - self.correct() - self.und()
    }

    /// Share of calls that gave the gold language.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct(), self.total())
    }

    /// Share of calls left `und`.
    pub fn und_share(&self) -> f64 {
        ratio(self.und(), self.total())
    }

    /// Share of calls that gave another language.
    pub fn wrong_share(&self) -> f64 {
        ratio(self.wrong(), self.total())
    }

    /// How often `gold` was called `predicted` (`und` for no language) in bucket `b` of [`BUCKETS`].
    pub fn confusion(&self, b: usize, gold: &str, predicted: &str) -> usize {
        self.buckets[b].confusion.get(&(gold.to_string(), predicted.to_string())).copied().unwrap_or(0)
    }

    /// A plain-text report: totals, the evidence that decided the calls, and per length bucket the
    /// accuracy and a confusion table (rows gold, columns called; other languages beyond the eight most
    /// frequent calls are summed in `other`).
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "records {}  accuracy {:.4}  und {:.4} ({})  other language {:.4} ({})",
            self.total(),
            self.accuracy(),
            self.und_share(),
            self.und(),
            self.wrong_share(),
            self.wrong()
        );
        let sources: Vec<String> = self.sources.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(s, "decided by: {}", sources.join(", "));
        for (i, b) in self.buckets.iter().enumerate() {
            let _ = writeln!(
                s,
                "\n{} tokens: {} records  accuracy {:.4}  und {:.4}  other language {:.4}",
                BUCKETS[i],
                b.total,
                ratio(b.correct, b.total),
                ratio(b.und, b.total),
                ratio(b.total - b.correct - b.und, b.total)
            );
            if b.total > 0 {
                confusion_table(&mut s, &b.confusion);
            }
        }
        s
    }
}

/// Gold rows, called columns: the eight most frequent calls, `und`, and `other`.
fn confusion_table(s: &mut String, confusion: &BTreeMap<(String, String), usize>) {
    let mut by_call: BTreeMap<&str, usize> = BTreeMap::new();
    for ((_, p), n) in confusion {
        *by_call.entry(p.as_str()).or_default() += n;
    }
    let mut cols: Vec<(&str, usize)> = by_call.into_iter().filter(|(p, _)| *p != "und").collect();
    cols.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let shown: Vec<&str> = cols.iter().take(8).map(|c| c.0).collect();
    let other = cols.len() > shown.len();
    let mut rows: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for ((g, p), n) in confusion {
        let col = if p == "und" || shown.contains(&p.as_str()) { p.as_str() } else { "other" };
        *rows.entry(g.as_str()).or_default().entry(col).or_default() += n;
    }
    let mut header: Vec<&str> = shown.clone();
    header.push("und");
    if other {
        header.push("other");
    }
    let _ = write!(s, "  {:<6}", "gold");
    header.iter().for_each(|h| {
        let _ = write!(s, " {h:>6}");
    });
    s.push('\n');
    for (g, cells) in rows {
        let _ = write!(s, "  {g:<6}");
        header.iter().for_each(|h| {
            let _ = write!(s, " {:>6}", cells.get(h).copied().unwrap_or(0));
        });
        s.push('\n');
    }
}

/// One scored call, for a predictions file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Call {
    /// The article id.
    pub id: String,
    /// The gold language, as given.
    pub gold: String,
    /// The language called, ISO 639-3 (`None`: `und`).
    pub language: Option<&'static str>,
    /// What decided it.
    pub source: Option<&'static str>,
    /// Tokens in the body.
    pub tokens: usize,
}

/// What [`evaluate`] found.
#[derive(Debug, Clone, Default)]
pub struct LanguageRun {
    /// The scores.
    pub evaluation: LanguageEvaluation,
    /// Every scored call, in input order.
    pub calls: Vec<Call>,
    /// Records rejected by ingest or the cleaner (not scored).
    pub rejected: usize,
    /// Readable records without a gold language (not scored).
    pub without_gold: usize,
}

/// Runs `records` through `pipeline` (which should have no entity or topic stages: only the language
/// matters) in input order, and scores each language call against `gold(article id, source, labels)`.
pub fn evaluate(
    records: impl Iterator<Item = Result<Record>>,
    pipeline: &Pipeline,
    identifier: &dyn LanguageIdentifier,
    evidence: Evidence,
    gold: &dyn Fn(&str, &str, &[String]) -> Option<String>,
) -> Result<LanguageRun> {
    let mut stage = LanguageStage::new();
    let mut run = LanguageRun::default();
    for record in records {
        let Record::Article(article) = record? else {
            run.rejected += 1;
            continue;
        };
        let Some(want) = gold(&article.article_id(), &article.source, &article.labels) else {
            run.without_gold += 1;
            continue;
        };
        let Outcome::Ok(mut doc) = pipeline.process(Record::Article(article)) else {
            run.rejected += 1;
            continue;
        };
        match evidence {
            Evidence::Text => {
                doc.language = identifier.identify(&doc.body);
                doc.language_source = doc.language.map(|_| crate::document::LanguageSource::Text);
            }
            Evidence::Article => {}
            Evidence::Stream => stage.observe(&mut doc),
        }
        let call = Call {
            id: doc.id.clone(),
            gold: want,
            language: doc.language.map(|l| l.code),
            source: doc.language_source.map(|s| s.as_str()),
            tokens: doc.tokens.len(),
        };
        run.evaluation.add(&call.gold, call.language, call.source, call.tokens);
        run.calls.push(call);
    }
    Ok(run)
}

/// Reads an expected-output file (JSON Lines, one object per page with its file name in `file`) into
/// file name → the value of `gold_field`, as the extraction dev set gives each page's language in `lang`.
pub fn read_expected(path: &Path, gold_field: &str) -> Result<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| Error::data_caused_by(path, i as u64 + 1, "not a JSON object", e))?;
        let file = v.get("file").and_then(|f| f.as_str());
        let gold = v.get(gold_field).and_then(|g| g.as_str());
        if let (Some(file), Some(gold)) = (file, gold) {
            out.insert(file.to_string(), gold.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_split_at_20_and_60_tokens() {
        let cases = [(0, 0), (19, 0), (20, 1), (60, 1), (61, 2)];
        for (tokens, want) in cases {
            assert_eq!(bucket(tokens), want, "{tokens} tokens");
        }
    }

    #[test]
    fn accuracy_und_and_confusion_by_bucket() {
        let mut e = LanguageEvaluation::default();
        e.add("en", Some("eng"), Some("text"), 100);
        e.add("eng", Some("fra"), Some("text"), 10);
        e.add("English", None, None, 10);
        e.add("de", Some("deu"), Some("dump"), 30);
        assert_eq!((e.total(), e.correct(), e.und(), e.wrong()), (4, 2, 1, 1));
        assert_eq!(e.accuracy(), 0.5);
        assert_eq!(e.confusion(0, "eng", "fra"), 1, "gold codes are normalised to ISO 639-3");
        assert_eq!(e.confusion(0, "eng", "und"), 1);
        assert_eq!(e.confusion(2, "eng", "eng"), 1);
        let report = e.report();
        assert!(report.contains("accuracy 0.5000") && report.contains("dump 1") && report.contains("<20 tokens"), "{report}");
    }

    #[test]
    fn the_stream_settles_short_items_that_the_text_alone_does_not() {
        let long = "The central bank said on Tuesday that it would raise its key rate by half a point, and that \
                    further rises were likely if prices kept climbing through the winter months ahead of the vote.";
        let table = "Shr profit 13 cts vs loss 33 cts\n\nNet profit 1,149,000 vs loss 3,328,000\n\nRevs 20.5 mln vs 18.2 mln";
        let mut lines = Vec::new();
        for i in 0..30 {
            let text = if i % 3 == 2 { table } else { long };
            lines.push(serde_json::json!({ "id": format!("a{i}"), "text": text }).to_string());
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let pipeline = Pipeline::builder().build().unwrap();
        let score = |evidence| {
            let records = crate::ingest::JsonLinesSource::open(&path, Default::default(), 0).unwrap();
            evaluate(records, &pipeline, &crate::language::Whatlang, evidence, &|_, _, _| Some("en".into())).unwrap()
        };
        let (text, stream) = (score(Evidence::Text), score(Evidence::Stream));
        assert_eq!(stream.calls.len(), 30);
        assert!(stream.evaluation.correct() > text.evaluation.correct(), "{}\n{}", text.evaluation.report(), stream.evaluation.report());
        assert!(stream.calls[29].source == Some("dump"), "{:?}", stream.calls[29]);
    }
}
