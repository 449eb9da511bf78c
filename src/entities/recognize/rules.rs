//! User rules and built-in lists: phrases and token patterns that name an
//! entity, read from a JSON Lines file (`--rules FILE`).
//!
//! One line is one rule:
//!
//! ```text
//! {"phrase": "Weimar Triangle", "label": "GROUP"}
//! {"phrase": "Five Eyes", "label": "GROUP", "name": "Five Eyes", "aliases": ["FVEY"], "case_sensitive": true}
//! {"pattern": [{"lower": "the", "outside": true}, {"text": "Quad"}], "label": "GROUP", "name": "Quad"}
//! ```
//!
//! JSON Lines rather than TOML because the crate already reads JSON and a
//! rule is one record; blank lines and lines starting with `#` or `//` are
//! comments. The format is documented in full in `docs/entities.md`.
//!
//! All phrases (and aliases) of a set are compiled into one aho-corasick
//! automaton over case-folded text, so that matching costs one pass over
//! each field whatever the number of rules; a case-sensitive phrase is then
//! checked against the original text. Matches must sit on word boundaries,
//! and where several overlap the longest wins. Token patterns are matched
//! against the segmenter's tokens, sentence by sentence.
//!
//! The same type serves the built-in list of named groups (with origin
//! `gazetteer`) and the user's rules (origin `rule`), so that both are data
//! in one documented format.

use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use serde::Deserialize;

use crate::document::{Document, Label, Mention, Origin};
use crate::entities::known::KnownName;
use crate::entities::names::{self, build_mentions, field_sentences, Folded, Found, FIELDS};
use crate::entities::EntityRecognizer;
use crate::error::{Error, Result};

/// A rule as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    phrase: Option<String>,
    pattern: Option<Vec<RawToken>>,
    label: String,
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    case_sensitive: Option<bool>,
    /// Where the entry comes from: documentation for readers of the file, not used in matching.
    #[serde(default, rename = "source")]
    _source: Option<serde::de::IgnoredAny>,
}

/// One token of a pattern as written in the file; every given test must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    text: Option<String>,
    lower: Option<String>,
    #[serde(rename = "in")]
    one_of: Option<Vec<String>>,
    regex: Option<String>,
    is_title: Option<bool>,
    is_upper: Option<bool>,
    is_number: Option<bool>,
    op: Option<String>,
    #[serde(default)]
    outside: bool,
}

/// One rule: what it matches and what it names.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// The label its mentions get.
    pub(crate) label: Label,
    /// The canonical name of the entity (for a pattern without `name`, the matched text is used).
    pub(crate) name: Option<String>,
    /// The phrases that match: the phrase itself and its aliases (empty for a token pattern).
    pub(crate) phrases: Vec<String>,
    /// Whether the phrases match case-sensitively.
    pub(crate) case_sensitive: bool,
    pattern: Option<Vec<TokenTest>>,
}

/// How many times a pattern token may repeat.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Repeat {
    One,
    Optional,
    OneOrMore,
    ZeroOrMore,
}

#[derive(Debug, Clone)]
struct TokenTest {
    text: Option<String>,
    /// Folded (see [`names::fold`]).
    lower: Option<String>,
    /// Folded.
    one_of: Option<Vec<String>>,
    regex: Option<Regex>,
    is_title: Option<bool>,
    is_upper: Option<bool>,
    is_number: Option<bool>,
    repeat: Repeat,
    outside: bool,
}

impl TokenTest {
    fn accepts(&self, token: &str) -> bool {
        self.text.as_deref().is_none_or(|t| names::plain_punct(t) == names::plain_punct(token))
            && self.lower.as_deref().is_none_or(|t| names::folds_to(t, token))
            && self.one_of.as_ref().is_none_or(|set| set.iter().any(|t| names::folds_to(t, token)))
            && self.regex.as_ref().is_none_or(|r| r.is_match(token))
            && self.is_title.is_none_or(|want| is_title(token) == want)
            && self.is_upper.is_none_or(|want| names::is_all_caps(token) == want)
            && self.is_number.is_none_or(|want| (token.chars().next().is_some_and(|c| c.is_ascii_digit())) == want)
    }
}

fn is_title(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase) && !names::is_all_caps(token)
}

/// Which rule and which of its phrases an automaton pattern stands for.
#[derive(Debug, Clone)]
struct PhraseRef {
    rule: usize,
    phrase: String,
}

/// A set of rules, ready to match; an [`EntityRecognizer`].
#[derive(Debug, Clone)]
pub struct RuleSet {
    name: String,
    origin: Origin,
    confidence: f32,
    rules: Vec<Rule>,
    automaton: Option<AhoCorasick>,
    phrases: Vec<PhraseRef>,
}

impl RuleSet {
    /// Reads a user rule file (JSON Lines); its mentions get origin `rule`.
    pub(crate) fn from_path(path: &Path) -> Result<RuleSet> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        RuleSet::parse(&text, &path.display().to_string(), Origin::Rule)
    }

    /// Parses rules from JSON Lines text. `source` names the text in error
    /// messages; `origin` is what its mentions record (`rule` for the user's,
    /// `gazetteer` for a built-in list).
    pub(crate) fn parse(text: &str, source: &str, origin: Origin) -> Result<RuleSet> {
        let mut rules = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
                continue;
            }
            let at = || format!("rule file {source}, line {}", i + 1);
            let raw: RawRule = serde_json::from_str(line).map_err(|e| Error::config_caused_by(at(), "not a rule", e))?;
            rules.push(compile(raw).map_err(|msg| Error::config(at(), msg))?);
        }
        RuleSet::from_rules(rules, origin, source)
    }

    /// A set from rules already built.
    fn from_rules(rules: Vec<Rule>, origin: Origin, name: &str) -> Result<RuleSet> {
        let mut phrases = Vec::new();
        let mut folded = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            for p in &rule.phrases {
                phrases.push(PhraseRef { rule: ri, phrase: p.clone() });
                folded.push(names::fold(p));
            }
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&folded)
                    .map_err(|e| Error::config_caused_by(format!("rules {name}"), "the phrase automaton cannot be built", e))?,
            )
        };
        let confidence = if origin == Origin::Rule { 1.0 } else { 0.95 };
        Ok(RuleSet { name: name.to_string(), origin, confidence, rules, automaton, phrases })
    }

    /// An empty set.
    pub fn empty(origin: Origin) -> RuleSet {
        RuleSet {
            name: "empty".into(),
            origin,
            confidence: 1.0,
            rules: Vec::new(),
            automaton: None,
            phrases: Vec::new(),
        }
    }

    /// The rules.
    pub(crate) fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The names the rules define, for the resolver: each phrase rule's
    /// canonical name with its phrases as aliases.
    pub(crate) fn known_names(&self) -> Vec<KnownName> {
        self.rules
            .iter()
            .filter_map(|r| {
                let name = r.name.clone().or_else(|| r.phrases.first().cloned())?;
                Some(KnownName { name, aliases: r.phrases.clone() })
            })
            .collect()
    }

    /// The label a name gets from these rules, if one of their phrases is that name.
    pub(crate) fn label_of(&self, name: &str) -> Option<Label> {
        let k = names::key(name);
        self.rules.iter().find(|r| r.phrases.iter().any(|p| names::key(p) == k)).map(|r| r.label)
    }

    /// Phrase matches in `text`: byte ranges and the rule index, longest first where they overlap.
    fn find_phrases(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let folded = Folded::new(text);
        let mut candidates: Vec<(Range<usize>, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let r = folded.original(m.start()..m.end());
            let phrase = &self.phrases[m.pattern().as_usize()];
            let rule = &self.rules[phrase.rule];
            if !names::on_word_boundaries(text, &r) {
                continue;
            }
            if rule.case_sensitive && names::plain_punct(&text[r.clone()]) != names::plain_punct(&phrase.phrase) {
                continue;
            }
            candidates.push((r, phrase.rule));
        }
        longest_non_overlapping(candidates)
    }

    /// Token-pattern matches in one sentence of tokens: byte ranges of the mention and the rule index.
    fn find_patterns(&self, text: &str, tokens: &[Range<usize>]) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            let Some(pattern) = &rule.pattern else { continue };
            let mut start = 0;
            while start < tokens.len() {
                match match_at(pattern, 0, text, tokens, start, None) {
                    Some((end, inner)) if end > start => {
                        if let Some((a, b)) = inner {
                            out.push((tokens[a].start..tokens[b].end, ri));
                        }
                        start = end;
                    }
                    _ => start += 1,
                }
            }
        }
        out
    }
}

/// Keeps the longest of overlapping ranges (then the earliest), sorted by start.
pub(crate) fn longest_non_overlapping<T>(mut c: Vec<(Range<usize>, T)>) -> Vec<(Range<usize>, T)> {
    c.sort_by(|a, b| (b.0.end - b.0.start).cmp(&(a.0.end - a.0.start)).then(a.0.start.cmp(&b.0.start)));
    let mut kept: Vec<(Range<usize>, T)> = Vec::new();
    for (r, t) in c {
        if !kept.iter().any(|(k, _)| k.start < r.end && r.start < k.end) {
            kept.push((r, t));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

/// Matches `pattern[pi..]` at token `ti`, greedily with backtracking.
/// Returns the token index after the match and the first and last tokens
/// that are inside the mention (not `outside`), if any.
fn match_at(
    pattern: &[TokenTest],
    pi: usize,
    text: &str,
    tokens: &[Range<usize>],
    ti: usize,
    inner: Option<(usize, usize)>,
) -> Option<(usize, Option<(usize, usize)>)> {
    let Some(test) = pattern.get(pi) else { return Some((ti, inner)) };
    let accepts = |i: usize| tokens.get(i).is_some_and(|r| test.accepts(&text[r.clone()]));
    let extend = |inner: Option<(usize, usize)>, i: usize| {
        if test.outside {
            inner
        } else {
            Some((inner.map_or(i, |(a, _)| a), i))
        }
    };
    let (min, max) = match test.repeat {
        Repeat::One => (1, 1),
        Repeat::Optional => (0, 1),
        Repeat::OneOrMore => (1, usize::MAX),
        Repeat::ZeroOrMore => (0, usize::MAX),
    };
    let mut n = 0;
    while n < max && accepts(ti + n) {
        n += 1;
    }
    if n < min {
        return None;
    }
    // Greedy: try the most repetitions first.
    for count in (min..=n).rev() {
        let mut cur = inner;
        for i in ti..ti + count {
            cur = extend(cur, i);
        }
        if let Some(m) = match_at(pattern, pi + 1, text, tokens, ti + count, cur) {
            return Some(m);
        }
    }
    None
}

fn compile(raw: RawRule) -> std::result::Result<Rule, String> {
    let label = Label::parse(&raw.label).ok_or_else(|| {
        format!("unknown label {:?}; use one of {}", raw.label, Label::ALL.map(|l| l.as_str()).join(", "))
    })?;
    let case_sensitive = raw.case_sensitive.unwrap_or(false);
    match (raw.phrase, raw.pattern) {
        (Some(phrase), None) => {
            let mut phrases = vec![phrase.trim().to_string()];
            phrases.extend(raw.aliases.iter().map(|a| a.trim().to_string()));
            if phrases.iter().any(|p| p.is_empty()) {
                return Err("a phrase or alias is empty".into());
            }
            let mut seen = std::collections::HashSet::new();
            phrases.retain(|p| seen.insert(p.clone()));
            Ok(Rule {
                label,
                name: raw.name.or_else(|| Some(phrases[0].clone())),
                phrases,
                case_sensitive,
                pattern: None,
            })
        }
        (None, Some(tokens)) => {
            if !raw.aliases.is_empty() {
                return Err("`aliases` apply to phrases; give a token pattern its `name` instead".into());
            }
            if raw.case_sensitive.is_some() {
                return Err("`case_sensitive` applies to phrases; in a pattern use `text` (exact) or `lower`".into());
            }
            let pattern = compile_pattern(tokens)?;
            Ok(Rule { label, name: raw.name, phrases: Vec::new(), case_sensitive, pattern: Some(pattern) })
        }
        (Some(_), Some(_)) => Err("give either `phrase` or `pattern`, not both".into()),
        (None, None) => Err("a rule needs a `phrase` or a `pattern`".into()),
    }
}

fn compile_pattern(tokens: Vec<RawToken>) -> std::result::Result<Vec<TokenTest>, String> {
    if tokens.is_empty() {
        return Err("`pattern` is empty".into());
    }
    let n = tokens.len();
    let mut out = Vec::with_capacity(n);
    for (i, t) in tokens.into_iter().enumerate() {
        let repeat = match t.op.as_deref() {
            None => Repeat::One,
            Some("?") => Repeat::Optional,
            Some("+") => Repeat::OneOrMore,
            Some("*") => Repeat::ZeroOrMore,
            Some(other) => return Err(format!("token {}: unknown op {other:?}; use ?, + or *", i + 1)),
        };
        if t.outside && repeat != Repeat::One {
            return Err(format!("token {}: an `outside` token cannot repeat", i + 1));
        }
        if t.outside && i != 0 && i != n - 1 {
            return Err(format!("token {}: only the first or last token can be `outside` the mention", i + 1));
        }
        let regex = match t.regex {
            Some(r) => Some(Regex::new(&format!("^(?:{r})$")).map_err(|e| format!("token {}: bad regex: {e}", i + 1))?),
            None => None,
        };
        out.push(TokenTest {
            text: t.text,
            // Folded once here, so that matching a token folds only the token, and lazily.
            lower: t.lower.map(|l| names::fold(&l)),
            one_of: t.one_of.map(|set| set.iter().map(|w| names::fold(w)).collect()),
            regex,
            is_title: t.is_title,
            is_upper: t.is_upper,
            is_number: t.is_number,
            repeat,
            outside: t.outside,
        });
    }
    if out.iter().all(|t| t.outside) {
        return Err("every token is `outside`: the mention would be empty".into());
    }
    Ok(out)
}

impl RuleSet {
    /// The matches of every rule in one document, as ranges per field.
    pub(crate) fn find_in(&self, doc: &Document) -> Vec<(crate::document::Field, Range<usize>, usize)> {
        let has_patterns = self.rules.iter().any(|r| r.pattern.is_some());
        let mut out = Vec::new();
        for field in FIELDS {
            let text = doc.field_text(field);
            if text.is_empty() {
                continue;
            }
            let mut found = self.find_phrases(text);
            if has_patterns {
                for sentence in field_sentences(doc, field) {
                    found.extend(self.find_patterns(text, &sentence));
                }
                found = longest_non_overlapping(found);
            }
            out.extend(found.into_iter().map(|(r, ri)| (field, r, ri)));
        }
        out
    }
}

impl EntityRecognizer for RuleSet {
    fn name(&self) -> &str {
        &self.name
    }

    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
        let mut out = Vec::new();
        let all = self.find_in(doc);
        for field in FIELDS {
            let found = all
                .iter()
                .filter(|(f, _, _)| *f == field)
                .map(|(_, r, ri)| Found {
                    range: r.clone(),
                    label: self.rules[*ri].label,
                    confidence: self.confidence,
                    origin: self.origin,
                })
                .collect();
            out.extend(build_mentions(doc, field, found));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::NewsSegmenter;
    use crate::segment::Segmenter;

    fn doc(body: &str) -> Document {
        let mut d = Document { body: body.into(), ..Default::default() };
        NewsSegmenter.segment(&mut d);
        d
    }

    fn texts(rules: &str, body: &str) -> Vec<(String, Label)> {
        let set = RuleSet::parse(rules, "test", Origin::Rule).expect("rules parse");
        set.recognize(&doc(body)).unwrap().into_iter().map(|m| (m.text, m.label)).collect()
    }

    #[test]
    fn phrase_rules_match_on_word_boundaries() {
        type Want<'a> = &'a [(&'a str, Label)];
        let g = Label::Group;
        let cases: &[(&str, &str, &str, Want)] = &[
            (
                "plain phrase",
                r#"{"phrase": "Weimar Triangle", "label": "GROUP"}"#,
                "The Weimar Triangle met.",
                &[("Weimar Triangle", g)],
            ),
            (
                "case-insensitive by default",
                r#"{"phrase": "Weimar Triangle", "label": "GROUP"}"#,
                "THE WEIMAR TRIANGLE MET",
                &[("WEIMAR TRIANGLE", g)],
            ),
            (
                "case-sensitive when asked",
                r#"{"phrase": "Quad", "label": "GROUP", "case_sensitive": true}"#,
                "a quad bike; the Quad met",
                &[("Quad", g)],
            ),
            ("not inside a word", r#"{"phrase": "G7", "label": "GROUP"}"#, "G7s and G77 but G7.", &[("G7", g)]),
            (
                "aliases match too",
                r#"{"phrase": "Visegrád Group", "label": "GROUP", "aliases": ["V4", "Visegrad Group"]}"#,
                "The V4 and the Visegrad Group",
                &[("V4", g), ("Visegrad Group", g)],
            ),
            (
                "longest of overlapping rules",
                "{\"phrase\": \"Group of Seven\", \"label\": \"GROUP\"}\n{\"phrase\": \"Seven\", \"label\": \"MISC\"}",
                "the Group of Seven",
                &[("Group of Seven", g)],
            ),
            (
                "curly apostrophe matches straight",
                r#"{"phrase": "People's Party", "label": "ORGANIZATION"}"#,
                "the People’s Party",
                &[("People’s Party", Label::Organization)],
            ),
            ("punctuation edge", r#"{"phrase": "OPEC+", "label": "GROUP"}"#, "OPEC+ cut output", &[("OPEC+", g)]),
            (
                "comments and blank lines",
                "# groups\n\n// more\n{\"phrase\": \"BRICS\", \"label\": \"GROUP\"}",
                "BRICS grows",
                &[("BRICS", g)],
            ),
        ];
        for (name, rules, body, want) in cases {
            let got = texts(rules, body);
            let want: Vec<(String, Label)> = want.iter().map(|(t, l)| (t.to_string(), *l)).collect();
            assert_eq!(got, want, "case {name:?}: rules {rules} on {body:?}");
        }
    }

    #[test]
    fn token_patterns_match_tokens() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "outside token is context only",
                r#"{"pattern": [{"lower": "the", "outside": true}, {"text": "Quad"}], "label": "GROUP"}"#,
                "Quad bikes. The Quad met.",
                &["Quad"],
            ),
            (
                "repeat and title case",
                r#"{"pattern": [{"is_title": true, "op": "+"}, {"lower": "caucus"}], "label": "GROUP"}"#,
                "the House Freedom Caucus said",
                &["House Freedom Caucus"],
            ),
            (
                "optional token",
                r#"{"pattern": [{"in": ["g7", "g20"]}, {"lower": "summit", "op": "?"}], "label": "MISC"}"#,
                "at the G20 summit and the G7",
                &["G20 summit", "G7"],
            ),
            (
                "regex and number",
                r#"{"pattern": [{"regex": "[A-Z]\\d"}, {"is_number": true, "op": "?"}], "label": "GROUP"}"#,
                "E3 and P5 talks",
                &["E3", "P5"],
            ),
        ];
        for (name, rules, body, want) in cases {
            let got: Vec<String> = texts(rules, body).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, *want, "case {name:?}: rules {rules} on {body:?}");
        }
    }

    #[test]
    fn bad_rule_files_say_which_line_and_why() {
        let cases = [
            ("unknown label", "{\"phrase\": \"x\", \"label\": \"THING\"}", "line 1", "unknown label"),
            ("neither phrase nor pattern", "\n{\"label\": \"GROUP\"}", "line 2", "needs a `phrase`"),
            ("both", r#"{"phrase": "x", "pattern": [{"text": "x"}], "label": "GROUP"}"#, "line 1", "not both"),
            ("typo in a field", r#"{"phrase": "x", "lable": "GROUP"}"#, "line 1", "unknown field"),
            ("not JSON", "phrase = x", "line 1", "expected"),
            (
                "outside in the middle",
                r#"{"pattern": [{"text": "a"}, {"text": "b", "outside": true}, {"text": "c"}], "label": "MISC"}"#,
                "line 1",
                "first or last",
            ),
            ("bad regex", r#"{"pattern": [{"regex": "("}], "label": "MISC"}"#, "line 1", "bad regex"),
        ];
        for (name, rules, line, why) in cases {
            let err = RuleSet::parse(rules, "r.jsonl", Origin::Rule).expect_err(name).with_causes();
            assert!(
                err.contains(line) && err.contains(why),
                "case {name:?}: error {err:?} should name {line:?} and say {why:?}"
            );
        }
    }

    #[test]
    fn mentions_record_their_origin_and_valid_spans() {
        let set = RuleSet::parse(r#"{"phrase": "Weimar Triangle", "label": "GROUP"}"#, "t", Origin::Rule).unwrap();
        let d = doc("Ça va — the Weimar Triangle met. The Weimar Triangle agreed.");
        let ms = set.recognize(&d).unwrap();
        assert_eq!(ms.len(), 2);
        for m in &ms {
            assert_eq!(m.origin, Origin::Rule);
            assert!(m.span.is_valid_for(&d.body), "{m:?}");
        }
        assert_eq!(ms.iter().map(|m| m.sentence).collect::<Vec<_>>(), [Some(0), Some(1)]);
        let known = set.known_names();
        assert_eq!(known[0].name, "Weimar Triangle");
    }
}
