//! Named groups (label GROUP): coalitions, alliances, blocs, contact groups
//! and summit groupings of countries, parties or people.
//!
//! A tagger trained on CoNLL-2003 has no such label, and a group's name is
//! often lower case ("the coalition of the willing"), so groups are found by
//! two means of their own (a user's rules are the third, in [`super::rules`]):
//!
//! - **the built-in list** `models/groups/groups.jsonl`, in the user-rule
//!   format, matched through aho-corasick (origin `gazetteer`). It also lists
//!   international bodies with a secretariat (NATO, the UN, the EU) as
//!   ORGANIZATION, so that nothing here turns them into groups;
//! - **definitions in the text** (origin `pattern`): a name followed by an
//!   appositive that says it is a group. `The “X,” a group of more than 30
//!   countries`, `X, an alliance of`, `a coalition known as X`. A bare
//!   "group" must be a group *of* countries, leaders, parties and the like,
//!   because "Hamas, a militant group that" names an organisation.
//!
//! The list is compiled into the binary from the same file, so that the
//! library works without a models folder; a copy in the models folder
//! (`--models-dir`, `NEWSNLP_MODELS`) replaces it, so users can extend it.

use std::ops::Range;
use std::path::Path;

use regex::Regex;

use super::rules::RuleSet;
use crate::document::{Document, Label, Mention, Origin};
use crate::entities::known::KnownName;
use crate::entities::names::{self, build_mentions, Found, FIELDS};
use crate::entities::EntityRecognizer;
use crate::error::{Error, Result};

/// The built-in list, as shipped in `models/groups/groups.jsonl`.
const BUILTIN_LIST: &str = include_str!("../../../models/groups/groups.jsonl");

/// Where the list lives inside a models folder.
const LIST_PATH: &str = "groups/groups.jsonl";

/// Confidence of a listed name: fixed, not calibrated.
const LIST_CONFIDENCE: f32 = 0.95;
/// Confidence of a group defined by an appositive: fixed, not calibrated.
const PATTERN_CONFIDENCE: f32 = 0.8;

/// Heads that make a noun phrase a group whatever follows them.
const GROUP_NOUNS: &[&str] =
    &["coalition", "alliance", "bloc", "caucus", "pact", "axis", "quartet", "troika", "trio", "format"];
/// The words of "a coalition known as X" that introduce a name, as written (case-sensitive).
const NAMING_VERBS: &[&str] = &["known as", "called", "dubbed", "nicknamed", "styled"];
/// Heads that name a group only as "a group of <countries, leaders...>".
const GROUP_OF_NOUNS: &[&str] = &["group", "grouping", "club", "forum", "front"];
/// What a "group of" must be a group of.
const COLLECTIVES: &[&str] = &[
    "countries",
    "nations",
    "states",
    "governments",
    "leaders",
    "parties",
    "lawmakers",
    "legislators",
    "mps",
    "senators",
    "democracies",
    "economies",
    "allies",
    "members",
    "ministers",
    "powers",
    "donors",
    "creditors",
    "nato",
    "european",
    "western",
];
/// Words that may follow a group noun in a defining appositive.
const CONNECTORS: &[&str] = &[
    "of",
    "that",
    "which",
    "formed",
    "created",
    "founded",
    "launched",
    "comprising",
    "including",
    "led",
    "backed",
    "seeking",
    "pledged",
    "committed",
    "whose",
    "set",
    "made",
    "aimed",
    "working",
    "uniting",
    "bringing",
    "between",
    "among",
    "supporting",
    "meant",
    "established",
];
/// Words that end the modifiers between the article and the group noun.
const STOP_WORDS: &[&str] = &[
    "of", "for", "to", "with", "in", "by", "on", "at", "from", "and", "or", "but", "is", "was", "were", "are", "has",
    "have", "had", "said", "says", "who", "which", "that", "as",
];

/// Finds named groups: the built-in list plus names that the text defines as groups.
#[derive(Debug, Clone)]
pub struct GroupRecognizer {
    list: RuleSet,
    quoted: Regex,
    appositive: Regex,
    known_as: Regex,
    /// The group nouns, ignoring ASCII case: a quoted or appositive definition names one, so a text without
    /// any skips those automata.
    nouns: aho_corasick::AhoCorasick,
}

impl GroupRecognizer {
    /// The recognizer with the compiled-in list.
    pub fn builtin() -> Result<GroupRecognizer> {
        GroupRecognizer::with_list(RuleSet::parse(BUILTIN_LIST, "built-in groups list", Origin::Gazetteer)?)
    }

    /// The list from a models folder when it holds one (`groups/groups.jsonl`), else the compiled-in list.
    pub(crate) fn from_models_dir(models_dir: &Path) -> Result<GroupRecognizer> {
        let path = models_dir.join(LIST_PATH);
        if path.is_file() {
            GroupRecognizer::load(&path)
        } else {
            GroupRecognizer::builtin()
        }
    }

    /// The recognizer with the list read from `path` (the rule format).
    fn load(path: &Path) -> Result<GroupRecognizer> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        GroupRecognizer::with_list(RuleSet::parse(&text, &path.display().to_string(), Origin::Gazetteer)?)
    }

    /// The recognizer with a given list; an empty list leaves only the patterns.
    pub fn with_list(list: RuleSet) -> Result<GroupRecognizer> {
        // ASCII word boundaries keep the fast regex engine on non-ASCII text; the nouns are ASCII.
        let compile = |p: &str| {
            Regex::new(&p.replace(r"\b", r"(?-u:\b)")).map_err(|e| Error::config_caused_by("group patterns", "a pattern does not compile", e))
        };
        // A capitalised name: words that start with a capital or digit ("Weimar Triangle", "E3", "OPEC+").
        // Lengths are checked after matching: counted repetitions would multiply the automaton's states.
        let caps = r"[\p{Lu}\d][\p{L}\d+&.-]*(?:[ \t]+[\p{Lu}\d][\p{L}\d+&.-]*)*";
        let nouns = GROUP_NOUNS.iter().chain(GROUP_OF_NOUNS).copied().collect::<Vec<_>>().join("|");
        let verbs = NAMING_VERBS.join("|");
        let nouns_ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(GROUP_NOUNS.iter().chain(GROUP_OF_NOUNS))
            .map_err(|e| Error::config_caused_by("group nouns", "the noun automaton cannot be built", e))?;
        Ok(GroupRecognizer {
            nouns: nouns_ac,
            list,
            quoted: compile(r#"[“"](?P<name>[^“”"\n]+?),?[”"],?[ \t]+(?P<desc>[^.;:\n“”"]*)"#)?,
            appositive: compile(&format!(r"(?P<name>{caps}),[ \t]+(?P<desc>[^.;:\n“”]*)"))?,
            known_as: compile(&format!(
                r#"\b(?P<noun>(?i:{nouns}))\b(?P<mid>[^.;:\n“”"]*?),?[ \t]+(?:{verbs})[ \t]+(?:(?i:the)[ \t]+)?(?:[“"](?P<qname>[^“”"\n]+?)[,.]?[”"]|(?P<name>{caps}))"#
            ))?,
        })
    }

    /// The names the list defines, for the resolver.
    pub(crate) fn known_names(&self) -> Vec<KnownName> {
        self.list.known_names()
    }

    /// Byte ranges of the names that `text` defines as groups.
    fn find_defined(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        // A description is accepted only when a word of it folds to a group noun: a text without one (written
        // in ASCII, or with the Kelvin sign, the one non-ASCII char that lower-cases to an ASCII letter) has
        // none to find.
        let nouns = self.nouns.is_match(text) || text.contains('\u{212A}');
        // The description runs to the end of the clause, so the next search starts after the name.
        for (re, quoted) in [(&self.quoted, true), (&self.appositive, false)].into_iter().filter(|_| nouns) {
            let mut at = 0;
            while let Some(c) = re.captures_at(text, at) {
                let (Some(name), Some(desc)) = (c.name("name"), c.name("desc")) else { break };
                if describes_group(desc.as_str(), !quoted) {
                    out.extend(self.accept(text, name.range(), quoted));
                }
                at = name.end().max(at + 1);
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        // Every match of `known_as` holds one of its verbs; most texts have none, and skip the automaton.
        if NAMING_VERBS.iter().any(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some()) {
            for c in self.known_as.captures_iter(text) {
                let Some(noun) = c.name("noun") else { continue };
                let mid = c.name("mid").map_or("", |m| m.as_str());
                if !introduces_name(noun.as_str(), mid) {
                    continue;
                }
                if let Some(q) = c.name("qname") {
                    out.extend(self.accept(text, q.range(), true));
                } else if let Some(n) = c.name("name") {
                    out.extend(self.accept(text, n.range(), false));
                }
            }
        }
        out.sort_by_key(|r| (r.start, r.end));
        out.dedup();
        out
    }

    /// Trims a candidate name and checks it: not a listed organisation, not
    /// too long, and (unquoted) not a lone capitalised word opening a sentence.
    fn accept(&self, text: &str, r: Range<usize>, quoted: bool) -> Option<Range<usize>> {
        let r = trim_name(text, r);
        let name = text.get(r.clone())?;
        let words = name.split_whitespace().count();
        if words == 0 || words > 8 || !name.chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        if self.list.label_of(name).is_some_and(|l| l != Label::Group) || is_company(name) {
            return None;
        }
        if !quoted
            && words == 1
            && opens_sentence(text, r.start)
            && !name.chars().any(|c| c.is_ascii_digit())
            && !names::is_all_caps(name)
        {
            return None;
        }
        Some(r)
    }
}

/// Whether a name ends like a company's ("Ltd", "Inc", "L.P."): a business, not a group.
fn is_company(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    let last = names::fold(last).replace('.', "");
    matches!(
        last.as_str(),
        "ltd"
            | "inc"
            | "co"
            | "corp"
            | "corporation"
            | "lp"
            | "llc"
            | "llp"
            | "plc"
            | "ag"
            | "sa"
            | "nv"
            | "bv"
            | "gmbh"
            | "spa"
            | "associates"
            | "partners"
            | "holdings"
            | "investments"
            | "fund"
            | "company"
            | "bank"
            | "p"
    )
}

/// Drops a leading "the"/"The" and trailing commas or spaces.
fn trim_name(text: &str, mut r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let trimmed_start = s.len() - s.trim_start().len();
    r.start += trimmed_start;
    for the in ["the ", "The ", "THE "] {
        if text[r.clone()].starts_with(the) {
            r.start += the.len();
        }
    }
    let s = &text[r.clone()];
    r.end = r.start + s.trim_end_matches([',', ' ', '\t']).len();
    r
}

/// Whether `start` opens a sentence (after a leading "The", the name is not
/// sentence-initial: "The Quad, an alliance of" names the Quad).
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '“', '"', '‘', '\'', '(']);
    if before.ends_with("The") || before.ends_with("the") {
        return false;
    }
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '—'])
}

/// Whether an appositive describes a group: "a group of more than 30
/// countries", "an informal alliance of", "the 30-nation coalition that".
fn describes_group(desc: &str, needs_article: bool) -> bool {
    let words: Vec<String> = desc
        .split_whitespace()
        .flat_map(|w| {
            let comma = w.ends_with(',');
            let w = names::fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
            std::iter::once(w).chain(comma.then(|| ",".to_string()))
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    if words.first().is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the")) {
        i = 1;
    } else if needs_article {
        return false;
    }
    for j in i..(i + 4).min(words.len()) {
        let w = words[j].as_str();
        if GROUP_NOUNS.contains(&w) || (w == "group" && j > i && words[j - 1] == "contact") {
            return words.get(j + 1).is_none_or(|n| n == "," || CONNECTORS.contains(&n.as_str()));
        }
        if GROUP_OF_NOUNS.contains(&w) {
            return words.get(j + 1).is_some_and(|n| n == "of")
                && words[j + 2..].iter().take(5).take_while(|w| *w != ",").any(|w| COLLECTIVES.contains(&w.as_str()));
        }
        if STOP_WORDS.contains(&w) || w == "," {
            return false;
        }
    }
    false
}

/// Whether "<noun><mid> known as X" introduces a group's name: the noun is a
/// group noun, and "group" is a group of countries or the like.
fn introduces_name(noun: &str, mid: &str) -> bool {
    let noun = names::fold(noun);
    let mid_words: Vec<String> = mid.split_whitespace().map(names::fold).collect();
    if !(mid_words.is_empty() || mid_words[0] == "of") {
        return false;
    }
    if GROUP_NOUNS.contains(&noun.as_str()) {
        return true;
    }
    GROUP_OF_NOUNS.contains(&noun.as_str()) && mid_words.iter().any(|w| COLLECTIVES.contains(&w.trim_matches(',')))
}

impl EntityRecognizer for GroupRecognizer {
    fn name(&self) -> &str {
        "groups"
    }

    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
        let listed = self.list.find_in(doc);
        let mut out = Vec::new();
        for field in FIELDS {
            let text = doc.field_text(field);
            if text.is_empty() {
                continue;
            }
            let rules = self.list.rules();
            let mut found: Vec<Found> = listed
                .iter()
                .filter(|(f, _, _)| *f == field)
                .map(|(_, r, ri)| Found {
                    range: r.clone(),
                    label: rules[*ri].label,
                    confidence: LIST_CONFIDENCE,
                    origin: Origin::Gazetteer,
                })
                .collect();
            // Where the list and a definition overlap, both are returned: `merge_mentions` prefers the list.
            found.extend(self.find_defined(text).into_iter().map(|r| Found {
                range: r,
                label: Label::Group,
                confidence: PATTERN_CONFIDENCE,
                origin: Origin::Pattern,
            }));
            out.extend(build_mentions(doc, field, found));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defined(text: &str) -> Vec<String> {
        // The list is only consulted here (to keep NATO an organisation); matching it is tested elsewhere.
        let g = GroupRecognizer::builtin().unwrap();
        g.find_defined(text).into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn names_defined_as_groups_are_found() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "quoted with a group of countries",
                "The “coalition of the willing,” a group of more than 30 countries pledged to support Ukraine, met.",
                &["coalition of the willing"],
            ),
            (
                "straight quotes",
                r#"the "Friends of Ukraine," an informal coalition of donors"#,
                &["Friends of Ukraine"],
            ),
            ("quoted, comma outside", "the “Ramstein format”, a coalition that meets monthly", &["Ramstein format"]),
            (
                "capitalised name, alliance of",
                "Leaders of the Lublin Triangle, an alliance of Poland, Lithuania and Ukraine, met.",
                &["Lublin Triangle"],
            ),
            ("sentence-initial with The", "The Quad, an informal alliance of four democracies, met.", &["Quad"]),
            (
                "two in one sentence",
                "the Lublin Triangle, an alliance of three states, and the Craiova Group, a bloc of four",
                &["Lublin Triangle", "Craiova Group"],
            ),
            ("acronym", "AUKUS, a security pact between three countries, grew.", &["AUKUS"]),
            (
                "adjectives before the noun",
                "the Craiova Group, a loose regional grouping of Balkan states",
                &["Craiova Group"],
            ),
            ("known as", "a group of countries known as the “Quint” met", &["Quint"]),
            ("known as, capitalised", "a coalition dubbed the Weimar Plus", &["Weimar Plus"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(defined(text), *want, "case {name:?} in {text:?}");
        }
    }

    #[test]
    fn names_not_defined_as_groups_are_left_alone() {
        let cases: &[(&str, &str)] = &[
            ("an organisation that is a 'group'", "Hamas, a militant group that rules Gaza, said."),
            ("an advocacy group", "Greenpeace, an environmental group, protested."),
            (
                "a listed organisation stays one",
                "NATO, the 32-member alliance of North American and European countries, met.",
            ),
            ("sentence-initial discourse word", "Meanwhile, a coalition of rebels advanced."),
            ("member of a coalition", "Canada, a member of the coalition, agreed."),
            (
                "quoted phrase without a group appositive",
                "an “appropriate and serious contribution” to those guarantees",
            ),
            ("group noun not defining", "Poland, a bloc member, objected."),
            ("person with a role", "Mark Rutte, secretary-general of NATO, spoke."),
            ("named is not a naming verb", "the alliance named Smith as its envoy"),
            ("a business partnership", "Halcyon Investments, a New York investment partnership that trades, said."),
            ("a company called a group", "the partnership, called Champlin Refining Co, will buy"),
            (
                "a fund formed by companies",
                "General Acquisition Co, a coalition of Wagner and Brown and AFG Industries Inc, said.",
            ),
        ];
        for (name, text) in cases {
            assert!(defined(text).is_empty(), "case {name:?}: {text:?} gave {:?}", defined(text));
        }
    }

    #[test]
    fn the_builtin_list_parses_and_keeps_bodies_with_a_secretariat_as_organizations() {
        let g = GroupRecognizer::builtin().expect("the built-in list parses");
        for (name, label) in [
            ("coalition of the willing", Label::Group),
            ("G7", Label::Group),
            ("Group of Seven", Label::Group),
            ("Five Eyes", Label::Group),
            ("Weimar Triangle", Label::Group),
            ("Visegrád Group", Label::Group),
            ("OPEC+", Label::Group),
            ("NATO", Label::Organization),
            ("United Nations", Label::Organization),
            ("EU", Label::Organization),
            ("Islamic State", Label::Organization),
            ("ISIL", Label::Organization),
            ("al-Qaeda", Label::Organization),
            ("Twitter", Label::Organization),
            ("YouTube", Label::Organization),
        ] {
            assert_eq!(g.list.label_of(name), Some(label), "label of {name:?} in models/groups/groups.jsonl");
        }
    }
}
