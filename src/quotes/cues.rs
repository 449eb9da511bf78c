//! Cue words: the verbs that attribute speech ("said", "told", "warned"),
//! in every form, and which of them the finder trusts.
//!
//! Two lists, kept apart on purpose. [`SPEECH_VERBS`] is the closed class of
//! English verbs of saying, written by hand: it is what "a speech verb" means,
//! for the finder and for the scorer of `newsnlp eval quotes` alike, so the
//! evaluation's definition never depends on what was learned. [`Cues`] is the
//! learned part: how often each form was the cue of an attribution in the
//! PolNeAR train split, and how often the word was one at all
//! (`models/quotes/cues.tsv`, written by `newsnlp train quotes`). The finder
//! uses the speech verbs that the data shows to be cues often enough; a verb
//! of saying that news rarely uses as a cue ("whispered") stays out. The
//! counts also give the *characterising* verbs ("called", "described",
//! "likened"): verb forms that are not verbs of saying but were cues often
//! enough; they attribute a quoted fragment only.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

use crate::error::{Error, Result};

/// The verbs of saying: lemma, then its forms (third person, past, participle, gerund) where they are not
/// regular (`lemma`+s, +ed, +ing, with a final e dropped).
pub(crate) const SPEECH_VERBS: &[(&str, &[&str])] = &[
    ("say", &["says", "said", "saying"]),
    ("tell", &["tells", "told", "telling"]),
    ("write", &["writes", "wrote", "written", "writing"]),
    ("speak", &["speaks", "spoke", "spoken", "speaking"]),
    ("add", &[]),
    ("warn", &[]),
    ("announce", &[]),
    ("argue", &[]),
    ("claim", &[]),
    ("insist", &[]),
    ("note", &[]),
    ("state", &[]),
    ("explain", &[]),
    ("declare", &[]),
    ("ask", &[]),
    ("reply", &["replies", "replied", "replying"]),
    ("respond", &[]),
    ("answer", &[]),
    ("comment", &[]),
    ("remark", &[]),
    ("tweet", &[]),
    ("suggest", &[]),
    ("acknowledge", &[]),
    ("admit", &["admits", "admitted", "admitting"]),
    ("confirm", &[]),
    ("deny", &["denies", "denied", "denying"]),
    ("predict", &[]),
    ("promise", &[]),
    ("vow", &[]),
    ("pledge", &[]),
    ("report", &[]),
    ("recall", &[]),
    ("reiterate", &[]),
    ("repeat", &[]),
    ("stress", &["stresses", "stressed", "stressing"]),
    ("emphasize", &[]),
    ("emphasise", &[]),
    ("assert", &[]),
    ("contend", &[]),
    ("maintain", &[]),
    ("mention", &[]),
    ("observe", &[]),
    ("complain", &[]),
    ("accuse", &[]),
    ("urge", &[]),
    ("joke", &[]),
    ("quip", &["quips", "quipped", "quipping"]),
    ("shout", &[]),
    ("exclaim", &[]),
    ("boast", &[]),
    ("concede", &[]),
    ("caution", &[]),
    ("allege", &[]),
    ("testify", &["testifies", "testified", "testifying"]),
    ("disclose", &[]),
    ("reveal", &[]),
    ("proclaim", &[]),
    ("inform", &[]),
    ("counter", &[]),
    ("retort", &[]),
    ("conclude", &[]),
    ("indicate", &[]),
    ("threaten", &[]),
    ("demand", &[]),
    ("propose", &[]),
    ("recommend", &[]),
    ("advise", &[]),
    ("assure", &[]),
    ("charge", &[]),
    ("criticize", &[]),
    ("criticise", &[]),
    ("blast", &[]),
    ("decry", &["decries", "decried", "decrying"]),
    ("lament", &[]),
];

/// The regular forms of a verb: third person, past, gerund.
fn regular_forms(lemma: &str) -> [String; 3] {
    match lemma.strip_suffix('e') {
        Some(stem) => [format!("{lemma}s"), format!("{lemma}d"), format!("{stem}ing")],
        None if lemma.ends_with("ss") || lemma.ends_with("sh") => {
            [format!("{lemma}es"), format!("{lemma}ed"), format!("{lemma}ing")]
        }
        None => [format!("{lemma}s"), format!("{lemma}ed"), format!("{lemma}ing")],
    }
}

/// Every form of every verb of saying, lower-case, with its lemma.
pub(crate) fn speech_forms() -> HashMap<String, &'static str> {
    let mut forms = HashMap::new();
    for (lemma, irregular) in SPEECH_VERBS {
        forms.insert((*lemma).to_string(), *lemma);
        if irregular.is_empty() {
            for f in regular_forms(lemma) {
                forms.insert(f, *lemma);
            }
        } else {
            for f in *irregular {
                forms.insert((*f).to_string(), *lemma);
            }
        }
    }
    forms
}

/// How often one word form was a cue in the training data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CueCount {
    /// Times it was (part of) an attribution's cue.
    pub(crate) cue: u32,
    /// Times the word occurred at all.
    pub(crate) seen: u32,
}

/// A cue form must have been a cue this often...
const MIN_CUE: u32 = 2;
/// ...and on at least this share of its occurrences, to be trusted.
const MIN_SHARE: f32 = 0.15;

/// A verb form other than a verb of saying is a cue for a quoted fragment when it was a cue this often...
const MIN_CHARACTERISING: u32 = 5;
/// ...and on at least this share of its occurrences.
const CHARACTERISING_SHARE: f32 = 0.3;

/// The cue words the finder trusts: verbs of saying, filtered by the learned counts.
#[derive(Debug, Clone)]
pub(crate) struct Cues {
    // Looked up for every token of every article: a fast hash for short strings.
    forms: FxHashMap<String, &'static str>,
    characterising: FxHashSet<String>,
    /// The verbs of saying that are not trusted as cues everywhere (mostly nouns: "states", "notes").
    untrusted: FxHashSet<String>,
    /// One bit per (length, first letter, second letter) of the forms: nearly every word that is no cue is
    /// turned away by one bit test, before any hashing.
    shapes: Vec<u64>,
}

/// The bit of a word's shape in `Cues::shapes`, when its first two bytes are ASCII letters and it is 3 to 14
/// bytes long.
fn shape(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    if !(3..=14).contains(&b.len()) || !b[0].is_ascii_alphabetic() || !b[1].is_ascii_alphabetic() {
        return None;
    }
    let letter = |c: u8| usize::from(c.to_ascii_lowercase() - b'a');
    Some((b.len() * 26 + letter(b[0])) * 26 + letter(b[1]))
}

/// The learned counts shipped with the crate, used when the models folder has none.
const BUILTIN: &str = include_str!("../../models/quotes/cues.tsv");

impl Cues {
    /// The cues of a counts file (`form<TAB>cue<TAB>seen` lines, `#` comments).
    pub(crate) fn from_tsv(text: &str, origin: &str) -> Result<Cues> {
        let counts = parse_counts(text, origin)?;
        let all = speech_forms();
        let forms: FxHashMap<String, &'static str> = all
            .iter()
            .map(|(f, l)| (f.clone(), *l))
            .filter(|(form, _)| {
                counts.get(form).is_some_and(|c| c.cue >= MIN_CUE && c.cue as f32 >= MIN_SHARE * c.seen.max(1) as f32)
            })
            .collect();
        let characterising = counts
            .iter()
            .filter(|(form, c)| {
                let verb_like = (form.ends_with("ed") || form.ends_with("ing") || (form.ends_with('s') && !form.ends_with("ss")))
                    && !form.ends_with("ly");
                verb_like && !all.contains_key(*form) && c.cue >= MIN_CHARACTERISING && c.cue as f32 >= CHARACTERISING_SHARE * c.seen.max(1) as f32
            })
            .map(|(form, _)| form.clone())
            .collect();
        let mut shapes = vec![0u64; (15usize * 26 * 26).div_ceil(64)];
        for form in forms.keys() {
            if let Some(bit) = shape(form) {
                shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        let untrusted = all.keys().filter(|f| !forms.contains_key(*f)).cloned().collect();
        Ok(Cues { forms, characterising, untrusted, shapes })
    }

    /// The cues learned from `models/quotes/cues.tsv` under `models_dir`, or the built-in ones.
    pub(crate) fn load(models_dir: &Path) -> Result<Cues> {
        let path = models_dir.join("quotes").join("cues.tsv");
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
            Cues::from_tsv(&text, &path.display().to_string())
        } else {
            Cues::builtin()
        }
    }

    /// The cues learned from the counts shipped with the crate.
    pub(crate) fn builtin() -> Result<Cues> {
        Cues::from_tsv(BUILTIN, "built-in models/quotes/cues.tsv")
    }

    /// Whether `word` is a verb form other than a verb of saying that the training data shows attributing
    /// words often enough ("called", "described", "likened"): a cue for a quoted fragment after it.
    pub(crate) fn characterises(&self, word: &str) -> bool {
        word.len() <= 14 && word.starts_with(|c: char| c.is_ascii_lowercase()) && self.characterising.contains(word)
    }

    /// Whether `word` (lower case) is a verb of saying that is not trusted as a cue everywhere: one only where
    /// nothing else can be meant (`,” the report states.`).
    pub(crate) fn is_untrusted_speech(&self, word: &str) -> bool {
        word.len() <= 14 && word.starts_with(|c: char| c.is_ascii_lowercase()) && self.untrusted.contains(word)
    }

    /// The lemma of `word` when it is a trusted cue form.
    pub(crate) fn lemma(&self, word: &str) -> Option<&'static str> {
        let bit = shape(word)?;
        if self.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.forms.get(word).copied();
        }
        // Lower-cased on the stack: ASCII letters only change, so the bytes stay UTF-8.
        let mut buf = [0u8; 14];
        for (slot, b) in buf.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()]).ok().and_then(|w| self.forms.get(w).copied())
    }
}

/// Reads a counts file.
pub(crate) fn parse_counts(text: &str, origin: &str) -> Result<HashMap<String, CueCount>> {
    let mut counts = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(form), Some(cue), Some(seen)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(Error::model(origin, format!("line {}: expected form, cue count, seen count", n + 1)));
        };
        let number = |s: &str| {
            s.trim().parse::<u32>().map_err(|_| Error::model(origin, format!("line {}: {s:?} is not a count", n + 1)))
        };
        counts.insert(form.to_lowercase(), CueCount { cue: number(cue)?, seen: number(seen)? });
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_cover_regular_and_irregular_verbs() {
        let forms = speech_forms();
        for (form, lemma) in [
            ("said", "say"),
            ("told", "tell"),
            ("warned", "warn"),
            ("argues", "argue"),
            ("denied", "deny"),
            ("stressed", "stress"),
            ("admitted", "admit"),
        ] {
            assert_eq!(forms.get(form).copied(), Some(lemma), "{form}");
        }
    }

    #[test]
    fn learned_counts_decide_which_forms_are_trusted() {
        let cues = Cues::from_tsv("# form cue seen\nsaid\t100\t120\nwhispered\t1\t1\ncalled\t5\t400\n", "test").unwrap();
        let cases = [("said", Some("say")), ("Said", Some("say")), ("whispered", None), ("called", None), ("table", None)];
        for (word, want) in cases {
            assert_eq!(cues.lemma(word), want, "{word}");
        }
    }

    #[test]
    fn a_bad_counts_file_names_its_line() {
        let e = Cues::from_tsv("said\t1\n", "x.tsv").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn the_builtin_counts_trust_the_common_cues() {
        let cues = Cues::builtin().unwrap();
        for w in ["said", "says", "told", "added"] {
            assert!(cues.lemma(w).is_some(), "{w} should be a cue");
        }
    }
}
