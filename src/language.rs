//! Language identification, with whatlang behind our own [`Language`] type.
//!
//! whatlang is fast, offline and covers 70 languages. Its confidence is low
//! on short texts; below [`MIN_CHARS`] chars we do not guess at all.
//!
//! On its own an article's text is not always enough: a wire dump is full of
//! earnings tables and one-line briefs that the detector calls French or
//! Afrikaans. [`decide`] therefore weighs the evidence a reader would, one
//! article at a time: the body when it is long prose ([`is_sure`]), then the
//! headline with the body, then the language the record or page declares,
//! and otherwise keeps the detector's guess but marks it unsure. The evidence
//! that needs the rest of the stream (the same site, the dump as a whole) is
//! weighed in input order by the batch run's language stage
//! (`batch::LanguageStage`), which sees the unsure mark.

use crate::document::{BodyLayout, Language, LanguageSource};

/// Texts shorter than this are not identified: too little evidence.
pub(crate) const MIN_CHARS: usize = 12;

/// Below this confidence no language is reported. Measured on the Reuters
/// and BBC training files: 96% of English articles score above it, while 76%
/// of the misdetections (earnings tables and all-caps briefs read as Afrikaans
/// or Catalan) score below it. An honest null beats a wrong code.
pub(crate) const MIN_CONFIDENCE: f64 = 0.5;

/// How much of a text is looked at.
pub(crate) const SAMPLE_BYTES: usize = 512;

/// Identifies the language of a text.
pub trait LanguageIdentifier: Send + Sync {
    /// The language of `text`, or `None` when it cannot tell.
    fn identify(&self, text: &str) -> Option<Language>;
}

/// The built-in identifier (whatlang, after a short cut for plain English prose). Looks at the first
/// [`SAMPLE_BYTES`] of text: plenty for a news article, and it keeps the cost flat (trigram counting was
/// the most expensive step of the whole default pipeline).
#[derive(Debug, Clone, Copy, Default)]
pub struct Whatlang;

impl LanguageIdentifier for Whatlang {
    fn identify(&self, text: &str) -> Option<Language> {
        let head = &text[..crate::span::floor_char_boundary(text, SAMPLE_BYTES)];
        if head.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
            return None;
        }
        if is_plain_english(head) {
            return Some(Language { code: "eng", confidence: 1.0 });
        }
        let info = whatlang::detect(head)?;
        (info.confidence() >= MIN_CONFIDENCE).then(|| Language { code: info.lang().code(), confidence: info.confidence() })
    }
}

/// Common English function words. Some are words of other languages too ("is" in Dutch, "on" in Finnish,
/// "for" in Danish), which is why [`is_plain_english`] asks for a fifth of the words, not one.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "and", "are", "been", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his", "is", "it", "its",
    "of", "on", "said", "she", "that", "the", "their", "they", "this", "to", "was", "were", "which", "will", "with",
    "would",
];

/// Whether a text is plainly English prose: at least 20 words, a fifth or more of them English function
/// words. whatlang scores every Latin-script language's trigram profile, a fixed cost that made it the
/// dearest step of the pipeline after the tagger; on text like this it says English with confidence 1.0
/// or close to it anyway. Checked on the Reuters and BBC training files and the 330 multilingual pages of the extraction
/// set: the two agree on every article, except 15 Reuters articles (English, with many figures) that
/// whatlang left below [`MIN_CONFIDENCE`]. No non-English page there has more than 0.12 of such words.
fn is_plain_english(text: &str) -> bool {
    let (mut words, mut function) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if w.len() <= 5 && ENGLISH_FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            function += 1;
        }
    }
    words >= 20 && function * 5 >= words
}

/// Below this many words a text is short, and the detector's call on it a guess: on the Reuters items under
/// 20 words whatlang picks a wrong language for one in three.
pub(crate) const SURE_WORDS: usize = 20;

/// A text where more than this share of the words hold digits is a block of figures ("Shr 13 cts vs 33
/// cts"): its letters are abbreviations, and the detector's call on them a guess.
pub(crate) const MAX_FIGURE_SHARE: f64 = 0.2;

/// How much a text says: its words (runs of letters or digits) and those with a digit, in the part the
/// detector reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextShape {
    /// Words with at least two letters and no digit.
    pub(crate) words: usize,
    /// Words with a digit.
    pub(crate) figures: usize,
}

impl TextShape {
    /// The shape of the first [`SAMPLE_BYTES`] of `text`.
    pub(crate) fn of(text: &str) -> TextShape {
        let head = &text[..crate::span::floor_char_boundary(text, SAMPLE_BYTES)];
        let mut shape = TextShape::default();
        for w in head.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            if w.chars().any(|c| c.is_numeric()) {
                shape.figures += 1;
            } else if w.chars().nth(1).is_some() {
                shape.words += 1;
            }
        }
        shape
    }

    /// The share of words that hold digits.
    pub(crate) fn figure_share(self) -> f64 {
        self.figures as f64 / (self.words + self.figures).max(1) as f64
    }
}

/// Whether the detector's call `language` on `text` can stand on its own: confident, on enough words of
/// prose (see [`SURE_WORDS`], [`MAX_FIGURE_SHARE`]).
pub fn is_sure(text: &str, language: &Language) -> bool {
    let shape = TextShape::of(text);
    language.confidence >= MIN_CONFIDENCE && shape.words >= SURE_WORDS && shape.figure_share() <= MAX_FIGURE_SHARE
}

/// An article's language, what decided it, and whether the text alone left it unsure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageCall {
    /// The language; `None` is `und`.
    pub language: Option<Language>,
    /// What decided it (`None` with no language).
    pub source: Option<LanguageSource>,
    /// The call is the detector's guess on a short or figure-heavy text, with nothing else to support it:
    /// the source or the dump may overrule it.
    pub unsure: bool,
}

/// Decides one article's language from what the article itself holds (see the module doc): the body,
/// the headline with it, the language the record declares (`declared`, an ISO 639-1 or 639-3 code or an
/// English name), then the detector's unsure guess. The text of a table of figures (`layout`) is never
/// sure: its words are abbreviations.
pub fn decide(
    identifier: &dyn LanguageIdentifier,
    title: Option<&str>,
    body: &str,
    declared: Option<&str>,
    layout: BodyLayout,
) -> LanguageCall {
    let is_sure = |text: &str, l: &Language| layout != BodyLayout::Table && is_sure(text, l);
    let on_body = identifier.identify(body);
    if let Some(l) = on_body.filter(|l| is_sure(body, l)) {
        return LanguageCall { language: Some(l), source: Some(LanguageSource::Text), unsure: false };
    }
    // A headline the body already holds (a wire flash repeats it) adds nothing.
    let title = title.map(str::trim).filter(|t| !t.is_empty() && !body.contains(*t));
    let with_title = title.map(|t| format!("{t}\n\n{body}"));
    // The detector is the dearest step here: it runs on the headline and body only when they could be sure
    // together.
    let worth_it = |text: &str| {
        let shape = TextShape::of(text);
        layout != BodyLayout::Table && shape.words >= SURE_WORDS && shape.figure_share() <= MAX_FIGURE_SHARE
    };
    let on_both = with_title.as_deref().filter(|t| worth_it(t)).and_then(|text| Some((identifier.identify(text)?, text)));
    if let Some((l, _)) = on_both.filter(|(l, text)| is_sure(text, l)) {
        return LanguageCall { language: Some(l), source: Some(LanguageSource::TitleText), unsure: false };
    }
    if let Some(code) = declared.and_then(iso_639_3) {
        let language = Language { code, confidence: 1.0 };
        return LanguageCall { language: Some(language), source: Some(LanguageSource::Record), unsure: false };
    }
    let guess = match (on_body, on_both) {
        (Some(b), Some((t, _))) if t.confidence > b.confidence => Some((t, LanguageSource::TitleText)),
        (Some(b), _) => Some((b, LanguageSource::Text)),
        (None, Some((t, _))) => Some((t, LanguageSource::TitleText)),
        (None, None) => None,
    };
    LanguageCall { language: guess.map(|g| g.0), source: guess.map(|g| g.1), unsure: true }
}

/// ISO 639-1 codes of the languages whatlang knows, with their ISO 639-3 codes.
const ISO_639_1: &[(&str, &str)] = &[
    ("af", "afr"), ("ak", "aka"), ("am", "amh"), ("ar", "ara"), ("az", "aze"), ("be", "bel"), ("bg", "bul"),
    ("bn", "ben"), ("ca", "cat"), ("cs", "ces"), ("cy", "cym"), ("da", "dan"), ("de", "deu"), ("el", "ell"),
    ("en", "eng"), ("eo", "epo"), ("es", "spa"), ("et", "est"), ("fa", "pes"), ("fi", "fin"), ("fr", "fra"),
    ("gu", "guj"), ("he", "heb"), ("hi", "hin"), ("hr", "hrv"), ("hu", "hun"), ("hy", "hye"), ("id", "ind"),
    ("it", "ita"), ("ja", "jpn"), ("jv", "jav"), ("ka", "kat"), ("km", "khm"), ("kn", "kan"), ("ko", "kor"),
    ("la", "lat"), ("lt", "lit"), ("lv", "lav"), ("mk", "mkd"), ("ml", "mal"), ("mr", "mar"), ("my", "mya"),
    ("nb", "nob"), ("ne", "nep"), ("nl", "nld"), ("no", "nob"), ("or", "ori"), ("pa", "pan"), ("pl", "pol"),
    ("pt", "por"), ("ro", "ron"), ("ru", "rus"), ("si", "sin"), ("sk", "slk"), ("sl", "slv"), ("sn", "sna"),
    ("sr", "srp"), ("sv", "swe"), ("ta", "tam"), ("te", "tel"), ("th", "tha"), ("tk", "tuk"), ("tl", "tgl"),
    ("tr", "tur"), ("uk", "ukr"), ("ur", "urd"), ("uz", "uzb"), ("vi", "vie"), ("yi", "yid"), ("zh", "cmn"),
    ("zu", "zul"),
];

/// Other ISO 639-3 (and 639-2/B) codes for languages whatlang names differently.
const ALIASES: &[(&str, &str)] = &[
    ("zho", "cmn"), ("chi", "cmn"), ("nor", "nob"), ("fas", "pes"), ("per", "pes"), ("ger", "deu"), ("fre", "fra"),
    ("dut", "nld"), ("cze", "ces"), ("gre", "ell"), ("rum", "ron"), ("slo", "slk"), ("arm", "hye"), ("geo", "kat"),
    ("wel", "cym"), ("mac", "mkd"), ("bur", "mya"), ("msa", "ind"),
];

/// The ISO 639-3 code, as whatlang writes it, of a language given as an ISO 639-1 or 639-3 code, a tag
/// with a region (`en-GB`, `pt_BR`) or an English name (`German`); `None` for a language whatlang does not
/// know, or for `und`.
pub fn iso_639_3(given: &str) -> Option<&'static str> {
    let primary = given.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let found = match primary.len() {
        2 => ISO_639_1.iter().find(|(a, _)| *a == primary).map(|(_, b)| *b),
        3 => ALIASES.iter().find(|(a, _)| *a == primary).map(|(_, b)| *b),
        _ => None,
    };
    found
        .or_else(|| whatlang::Lang::from_code(primary.as_str()).map(|l| l.code()))
        .or_else(|| whatlang::Lang::all().iter().find(|l| l.eng_name().eq_ignore_ascii_case(given.trim())).map(|l| l.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_as_iso_639_3() {
        let cases = [
            ("Prime Minister Mark Carney is in Paris today meeting with Ukraine's other allies.", "eng"),
            ("Le premier ministre est à Paris aujourd'hui pour rencontrer les alliés de l'Ukraine.", "fra"),
            ("Der Premierminister ist heute in Paris, um sich mit den Verbündeten der Ukraine zu treffen.", "deu"),
        ];
        for (text, want) in cases {
            assert_eq!(Whatlang.identify(text).map(|l| l.code), Some(want), "{text}");
        }
    }

    #[test]
    fn only_plain_english_takes_the_short_cut() {
        let english = "The central bank said on Tuesday that it would raise its key rate by half a point, and \
                       that further rises were likely if prices kept climbing through the winter.";
        assert!(is_plain_english(english));
        let others = [
            // Other languages, with some of the listed words in them ("on" in French, "is" in Dutch).
            "On dit que le gouvernement va annoncer demain une série de mesures pour soutenir les ménages et les \
             entreprises touchés par la hausse des prix de l'énergie cet hiver.",
            "Het is nog niet duidelijk of de regering de maatregelen voor de winter op tijd kan invoeren, zegt de \
             minister van Financiën in een brief aan de Tweede Kamer.",
            // Too short, and an earnings table.
            "The bank said it would.",
            "Shr loss 6.48 DLS VS PROFIT 23 CTS\n\nNet loss 110.6 mln vs profit 4.1 mln\n\nRevs 74.0 mln vs 152.0 mln",
        ];
        for t in others {
            assert!(!is_plain_english(t), "{t}");
        }
        assert_eq!(Whatlang.identify(english).map(|l| l.code), Some("eng"));
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        assert_eq!(Whatlang.identify("OK"), None);
        assert_eq!(Whatlang.identify(""), None);
    }

    #[test]
    fn tables_of_figures_get_no_language_rather_than_a_wrong_one() {
        let table = "Qtly div 87 cts vs 87 cts\n\nPay Feb 17\n\nRecord Jan 20";
        assert_eq!(Whatlang.identify(table), None);
    }

    #[test]
    fn language_codes_and_names_normalise_to_whatlang_codes() {
        let cases = [
            ("en", Some("eng")), ("de", Some("deu")), ("en-GB", Some("eng")), ("pt_BR", Some("por")), ("fra", Some("fra")),
            ("zh", Some("cmn")), ("no", Some("nob")), ("German", Some("deu")), ("EN", Some("eng")), ("und", None),
            ("pap", None), ("", None),
        ];
        for (given, want) in cases {
            assert_eq!(iso_639_3(given), want, "{given:?}");
        }
        for l in whatlang::Lang::all() {
            assert_eq!(iso_639_3(l.code()), Some(l.code()), "every whatlang code is its own");
        }
    }

    #[test]
    fn figures_and_short_texts_leave_the_call_unsure() {
        let long = "The central bank said on Tuesday that it would raise its key rate by half a point, and that \
                    further rises were likely if prices kept climbing through the winter months ahead of the vote.";
        let cases = [
            (None, long, None, Some("eng"), Some(LanguageSource::Text), false),
            // An earnings table: the detector's guess is kept, marked unsure, unless the record says otherwise.
            (None, "Shr profit 13 cts vs loss 33 cts\n\nNet profit 1,149,000 vs loss 3,328,000\n\nRevs 20.5 mln vs 18.2 mln", Some("en"), Some("eng"), Some(LanguageSource::Record), false),
            (None, "OK", None, None, None, true),
            (Some("Le gouvernement annonce des mesures pour soutenir les ménages touchés par la hausse des prix"),
             "Les entreprises et les familles recevront une aide dès le mois prochain, a dit le ministre.", None,
             Some("fra"), Some(LanguageSource::TitleText), false),
        ];
        for (title, body, declared, code, source, unsure) in cases {
            let call = decide(&Whatlang, title, body, declared, BodyLayout::Prose);
            assert_eq!(call.language.map(|l| l.code), code, "{body:?}");
            assert_eq!((call.source, call.unsure), (source, unsure), "{body:?}");
        }
        let table = decide(&Whatlang, None, "Shr profit 13 cts vs loss 33 cts\n\nNet profit 1,149,000 vs loss 3,328,000", None, BodyLayout::Table);
        assert!(table.unsure, "a table of figures is never sure: {table:?}");
    }

    proptest::proptest! {
        #[test]
        fn deciding_never_panics(title in "\\PC{0,40}", body in "\\PC{0,300}", declared in "\\PC{0,6}") {
            let call = decide(&Whatlang, Some(&title), &body, Some(&declared), BodyLayout::Prose);
            proptest::prop_assert_eq!(call.language.is_some(), call.source.is_some());
        }
    }
}
