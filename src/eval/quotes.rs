//! Scoring quotes against PolNeAR's attributions, for newsnlp and for any
//! other tool whose quotes are written as a CSV (`article_id`, `kind`,
//! `text`, `speaker_text`), with one scorer, so the figures compare.
//!
//! The definitions (issue 16):
//!
//! - **Direct quotes**: the gold attributions whose content holds a quotation
//!   mark (`''`, the New York Times's, included), against the predicted `direct` and `mixed` quotes.
//! - **Reported speech**: the other gold attributions whose cue holds a verb of
//!   saying (`quotes::cues::SPEECH_VERBS`, or "according to"), against the
//!   predicted `indirect` quotes. A predicted one that matches none of them but
//!   matches a gold attribution of another kind ("believes", "backs") is not
//!   counted either way: the gold says it is an attribution, only not speech.
//! - **A match**: the words (lower-cased letters and digits) of the predicted
//!   and gold content reach F1 ≥ 0.5; each gold and each prediction matches at
//!   most once, best pairs first.
//! - **Speaker accuracy**, over the matched quotes whose gold has a source: the
//!   predicted speaker shares a word with the gold source (articles and
//!   prepositions aside), or the entity it resolves to does.

use std::collections::HashMap;
use std::path::Path;

use super::polnear::{GoldAttribution, PolnearArticle};
use crate::document::QuoteKind;
use crate::error::{Error, Result};
use crate::pipeline::Pipeline;
use super::ratio;

/// One predicted quote, as a tool reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct PredictedQuote {
    /// The article (PolNeAR file stem).
    pub article_id: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// The quoted or reported words.
    pub text: String,
    /// The speaker as written.
    pub speaker_text: Option<String>,
    /// The name of the entity the speaker resolves to, when the tool resolves speakers.
    pub speaker_name: Option<String>,
}

/// Precision, recall and F1 counts of one kind of quote.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Predictions that matched a gold quote.
    pub matched: usize,
    /// Predictions counted (matched or wrong).
    pub predicted: usize,
    /// Gold quotes.
    pub gold: usize,
}

impl Counts {
    /// Matched / predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Matched / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The scores of one tool on one split.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QuoteScores {
    /// Articles scored.
    pub articles: usize,
    /// Direct quotes.
    pub direct: Counts,
    /// Reported speech.
    pub reported: Counts,
    /// Matched quotes with a gold source whose speaker is right.
    pub speaker_right: usize,
    /// Matched quotes with a gold source.
    pub speaker_total: usize,
}

impl QuoteScores {
    /// Speaker accuracy over the matched quotes with a gold source.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.speaker_total)
    }
}

/// The quotes newsnlp finds in each article (`pipeline` should include the quote stage).
pub fn predict(pipeline: &Pipeline, articles: &[PolnearArticle]) -> Vec<PredictedQuote> {
    let mut out = Vec::new();
    for a in articles {
        let Ok(doc) = pipeline.analyze_text(&a.text) else { continue };
        for q in &doc.quotes {
            let speaker = q.speaker.as_ref();
            out.push(PredictedQuote {
                article_id: a.id.clone(),
                kind: q.kind.as_str().to_string(),
                text: q.text.clone(),
                speaker_text: speaker.map(|s| s.text.clone()),
                speaker_name: speaker.and_then(|s| s.entity).and_then(|e| doc.entities.get(e)).map(|e| e.name.clone()),
            });
        }
    }
    out
}

/// Reads another tool's quotes: a CSV with a header naming `article_id`, `kind`, `text` and `speaker_text`
/// (`speaker_name` too, optionally).
pub fn read_predictions(path: &Path) -> Result<Vec<PredictedQuote>> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::data_caused_by(path, 0, "not a readable CSV", e))?;
    let headers = reader.headers().map_err(|e| Error::data_caused_by(path, 1, "no header", e))?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(id), Some(kind), Some(text)) = (col("article_id"), col("kind"), col("text")) else {
        return Err(Error::data(path, 1, "the header must name article_id, kind and text (and speaker_text)"));
    };
    let (speaker, name) = (col("speaker_text"), col("speaker_name"));
    let mut out = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| Error::data_caused_by(path, n as u64 + 2, "unreadable row", e))?;
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).filter(|s| !s.is_empty()).map(str::to_string);
        out.push(PredictedQuote {
            article_id: get(Some(id)).unwrap_or_default(),
            kind: get(Some(kind)).unwrap_or_default(),
            text: get(Some(text)).unwrap_or_default(),
            speaker_text: get(speaker),
            speaker_name: get(name),
        });
    }
    Ok(out)
}

/// Scores predictions against the gold of `articles` (predictions for other articles are ignored).
pub fn score(articles: &[PolnearArticle], predicted: &[PredictedQuote]) -> QuoteScores {
    let speech = crate::quotes::speech_forms();
    let mut by_article: HashMap<&str, Vec<&PredictedQuote>> = HashMap::new();
    for p in predicted {
        by_article.entry(p.article_id.as_str()).or_default().push(p);
    }
    let mut s = QuoteScores { articles: articles.len(), ..Default::default() };
    for a in articles {
        let preds = by_article.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
        let (mut direct_gold, mut reported_gold, mut other_gold) = (Vec::new(), Vec::new(), Vec::new());
        for g in &a.attributions {
            if has_quote_mark(&g.content) {
                direct_gold.push(g);
            } else if is_speech_cue(&g.cue, &speech) {
                reported_gold.push(g);
            } else {
                other_gold.push(g);
            }
        }
        let is_direct = |p: &&PredictedQuote| matches!(p.kind.as_str(), "direct" | "mixed");
        let direct_pred: Vec<&PredictedQuote> = preds.iter().copied().filter(is_direct).collect();
        let reported_pred: Vec<&PredictedQuote> =
            preds.iter().copied().filter(|p| p.kind == QuoteKind::Indirect.as_str()).collect();
        let direct_pairs = matches(&direct_pred, &direct_gold);
        let reported_pairs = matches(&reported_pred, &reported_gold);
        // Reported predictions left over that match another kind of attribution are not counted.
        let left: Vec<&PredictedQuote> =
            (0..reported_pred.len()).filter(|i| !reported_pairs.iter().any(|(p, _)| p == i)).map(|i| reported_pred[i]).collect();
        let neutral = matches(&left, &other_gold).len();
        s.direct.matched += direct_pairs.len();
        s.direct.predicted += direct_pred.len();
        s.direct.gold += direct_gold.len();
        s.reported.matched += reported_pairs.len();
        s.reported.predicted += reported_pred.len() - neutral;
        s.reported.gold += reported_gold.len();
        let pairs = direct_pairs.iter().map(|&(p, g)| (direct_pred[p], direct_gold[g]));
        for (p, g) in pairs.chain(reported_pairs.iter().map(|&(p, g)| (reported_pred[p], reported_gold[g]))) {
            let Some(source) = &g.source else { continue };
            s.speaker_total += 1;
            let gold = content_words(source);
            let shares = |t: &Option<String>| t.as_deref().is_some_and(|t| content_words(t).iter().any(|w| gold.contains(w)));
            if shares(&p.speaker_text) || shares(&p.speaker_name) {
                s.speaker_right += 1;
            }
        }
    }
    s
}

/// Whether a text holds a quotation mark; two apostrophes in a row are one (the New York Times's style).
fn has_quote_mark(text: &str) -> bool {
    text.contains(['“', '”', '"', '«', '»', '„']) || text.contains("''")
}

fn is_speech_cue(cue: &str, speech: &HashMap<String, &'static str>) -> bool {
    let words = words(cue);
    words.iter().any(|w| speech.contains_key(w)) || words.windows(2).any(|p| p[0] == "according" && p[1] == "to")
}

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn content_words(text: &str) -> Vec<String> {
    let stop = ["the", "a", "an", "of", "for", "to", "in", "at", "and", "s", "on", "with", "by", "from"];
    words(text).into_iter().filter(|w| !stop.contains(&w.as_str())).collect()
}

/// Word-bag F1 of two texts.
fn word_f1(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut bag: HashMap<&str, i32> = HashMap::new();
    for w in b {
        *bag.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in a {
        if let Some(n) = bag.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    let (p, r) = (common as f64 / a.len() as f64, common as f64 / b.len() as f64);
    if common == 0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// One-to-one matches (prediction index, gold index) with word F1 ≥ 0.5, best pairs first.
fn matches(pred: &[&PredictedQuote], gold: &[&GoldAttribution]) -> Vec<(usize, usize)> {
    let pw: Vec<Vec<String>> = pred.iter().map(|p| words(&p.text)).collect();
    let gw: Vec<Vec<String>> = gold.iter().map(|g| words(&g.content)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in pw.iter().enumerate() {
        for (j, g) in gw.iter().enumerate() {
            let f = word_f1(p, g);
            if f >= 0.5 {
                pairs.push((f, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(source: Option<&str>, cue: &str, content: &str) -> GoldAttribution {
        GoldAttribution { source: source.map(str::to_string), cue: cue.into(), content: content.into() }
    }

    fn pred(kind: &str, text: &str, speaker: Option<&str>) -> PredictedQuote {
        PredictedQuote { article_id: "a".into(), kind: kind.into(), text: text.into(), speaker_text: speaker.map(str::to_string), speaker_name: None }
    }

    #[test]
    fn the_scorer_follows_the_issue_definitions() {
        let article = PolnearArticle {
            id: "a".into(),
            text: String::new(),
            attributions: vec![
                gold(Some("Spokeswoman Haley Morris"), "says", "the candidate has “always run a lean campaign.”"),
                gold(Some("O’Malley’s campaign"), "says", "it will shift staff to the early states"),
                gold(Some("He"), "’s been ratcheting up his critique of", "his opponents"),
                gold(None, "said", "the vote would be close"),
            ],
        };
        let predicted = vec![
            pred("mixed", "the candidate has “always run a lean campaign.”", Some("Morris")),
            pred("indirect", "it will shift staff to the states", Some("the campaign")),
            pred("indirect", "his opponents", Some("he")),
            pred("indirect", "something else entirely", None),
            pred("direct", "a scare quote", None),
        ];
        let s = score(&[article], &predicted);
        assert_eq!(s.direct, Counts { matched: 1, predicted: 2, gold: 1 }, "direct: the mixed quote matches, the scare quote is wrong");
        assert_eq!(s.reported, Counts { matched: 1, predicted: 2, gold: 2 }, "reported: 'his opponents' matches a non-speech attribution and is not counted");
        assert_eq!((s.speaker_right, s.speaker_total), (2, 2), "Morris and campaign share a word with the gold sources");
    }

    #[test]
    fn word_f1_is_symmetric_and_bounded() {
        let (a, b) = (words("We will stay, he said"), words("we will stay"));
        assert!((word_f1(&a, &b) - word_f1(&b, &a)).abs() < 1e-12);
        assert!((word_f1(&a, &a) - 1.0).abs() < 1e-12);
        assert_eq!(word_f1(&a, &[]), 0.0);
    }
}
