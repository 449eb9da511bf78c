//! Boilerplate lines: the labels and calls to action that sit inside an
//! article's markup but are not part of the story ("Share", "Read more",
//! "Related articles", "Subscribe to our newsletter", "4 min read",
//! "© 2020 ... All rights reserved").
//!
//! Two patterns, over the languages most common in news pages (English,
//! German, French, Spanish, Italian, Portuguese, Polish): *labels* match a
//! whole short block (so "Share prices rose" is safe while "Share" alone is
//! not), and *prompts* match the start of a block of at most a couple of
//! sentences ("Sign up for our newsletter to ..."). They name interface
//! furniture, not any site.

use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon::{GERMAN_CALENDAR, MONTHS, MONTH_ABBREVIATIONS, ROMANCE_MONTHS, WEEKDAYS, WEEKDAY_ABBREVIATIONS};

/// Blocks longer than this are never boilerplate lines: a prompt is short.
const MAX_PROMPT_CHARS: usize = 200;

fn label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?xi)^\W*(?:
                # sharing and tools
                share(?:\s+(?:this|on|via)(?:\s+\w+){0,2})? | teilen(?:\s+(?:auf|per|via)\s+\w+)? | partager | compartir | condividi
              | udostępnij | compartilhar | print | drucken | drukuj | imprimer | imprimir | stampa | e-?mail | mail | pdf
              | facebook | twitter | x | whatsapp | pinterest | linkedin | reddit | xing | telegram | flipboard | messenger
              | gefällt\s+mir | like | tweet | merken | bookmark | speichern | kopieren | copy\s+link | link\s+kopieren
              | (?:artikel|beitrag|rezept|seite)\s+(?:teilen|drucken|merken|bewerten|speichern|empfehlen)
              | bild\s+anzeigen | video\s+abspielen | play\s+video | zur\s+startseite | back\s+to\s+top | nach\s+oben
              # section labels
              | related(?:\s+(?:articles?|stories|posts|coverage|content|news|topics|links))? | see\s+also | read\s+(?:more|also|next)
              | more\s+(?:on\s+this\s+(?:story|topic)|stories|news|from\s+\S+(?:\s+\S+){0,3}|about\s+\S+(?:\s+\S+){0,3})
              | you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy) | recommended(?:\s+(?:for\s+you|stories|articles|reading))?
              | explore\s+further | most\s+(?:read|popular|viewed) | trending(?:\s+now)? | top\s+stories | latest\s+news
              | (?:mehr|weitere)\s+(?:zum\s+thema|artikel|beiträge|nachrichten|news|infos?|dazu|themen|videos?)(?:\s+\S+){0,4}
              | mehr\s+(?:aus|von|zu|über|lesen)(?:\s+\S+){0,4} | lesen\s+sie\s+(?:auch|mehr|hier)(?:\s+\S+){0,3}
              | auch\s+interessant | das\s+könnte\s+(?:sie|dich)\s+(?:auch\s+)?interessieren | zum\s+weiterlesen | weiterlesen
              | (?:ähnliche|verwandte|empfohlene|passende)\s+(?:beiträge|artikel|themen(?:bereiche)?|rezepte|inhalte)
              | empfehlungen(?:\s+\S+){0,3} | meistgelesen | beliebte\s+(?:artikel|beiträge) | themen | schlagworte | schlagwörter
              | (?:à|a)\s+lire\s+(?:aussi|également|ensuite) | lire\s+(?:aussi|la\s+suite|plus) | vous\s+aimerez\s+(?:aussi|également)
              | sur\s+le\s+même\s+sujet | voir\s+aussi | le\s+puede\s+interesar | te\s+puede\s+interesar | lea\s+también | lee\s+también
              | (?:notas|noticias|artículos|contenido)\s+relacionad[oa]s | zobacz\s+(?:też|także|również) | czytaj\s+(?:też|także|więcej)
              | veja\s+(?:também|mais) | leia\s+(?:também|mais) | saiba\s+mais | leggi\s+anche | potrebbe\s+interessarti
              # lists about the page
              | tags? | tagged(?:\s+with)? | topics | filed\s+under | categories | category | kategorien? | stichworte?
              # comments
              | comments? | kommentare? | (?:no|keine|\d+)\s+(?:comments?|kommentare?)(?:\s+\S+){0,3}
              | (?:leave|post|add|write)\s+a\s+(?:comment|reply) | (?:kommentar|antwort)\s+schreiben | sorted\s+by(?:\s+\S+){0,2}
              # ads, reading time
              | advertisement | anzeige | werbung | reklama | publicidad | publicité | pubblicità | sponsored | ad
              | \d+\s*(?:min(?:ute)?s?|minuten?)\.?\s+(?:read|lesezeit|lesen|de\s+lecture|de\s+lectura)
              | (?:lesezeit|reading\s+time)\s*:?\s*\d+\s*(?:min(?:ute)?s?|minuten?)\.?
            )\W*$",
        )
        .expect("static regex")
    })
}

fn prompt_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?xi)^\W*(?:
                (?:sign\s+up|subscribe|register|join)(?-u:\b).{0,80}(?-u:\b)(?:newsletter|updates|email|full\s+story|access|today|now|free)
              | subscribe\s+(?:now|today|to)(?-u:\b) | never\s+miss(?-u:\b) | don'?t\s+miss(?-u:\b) | get\s+(?:our|the)\s+(?:latest|newsletter|app)
              | (?:follow|like)\s+(?:us|(?:\S+\s+){1,3}on\s+(?:twitter|facebook|instagram|x))(?-u:\b) | download\s+(?:our|the)\s+\S*\s*app
              | for\s+the\s+latest\s+(?:news|stories|updates)(?-u:\b) | (?:receive|get)\s+our\s+\S+\s+newsletter
              | we\s+want\s+to\s+hear | this\s+(?:post|article)\s+(?:contains|may\s+contain)\s+(?:affiliate|references)
              | (?:jetzt|hier)\s+(?:kostenlos\s+)?(?:abonnieren|anmelden|registrieren|newsletter) | newsletter\s*(?:abonnieren|bestellen|anmeldung)
              | (?:melden|registrieren)\s+sie\s+sich | (?:abonnieren|folgen)\s+sie\s+uns | folge\s+uns(?-u:\b) | verpasse?n?\s+(?:sie\s+)?keine
              | mit\s+(?:dem|unserem)\s+newsletter | (?:unterstützen|unterstütze)\s+(?:sie\s+)?(?:uns|unsere) | jede\s+kleine\s+spende
              | dieser\s+(?:artikel|beitrag)\s+(?:enthält|ist\s+erschienen|erschien) | (?:\*\s*)?werbung\s*[.:|]
              | zapraszamy\s+(?:też\s+)?do\s+subskrypcji | (?:pour|afin\s+de)\s+(?:lire|accéder)\s+(?:la\s+suite|en\s+illimité)
              | abonnez-vous | inscrivez-vous | suscríbete | suscribete | regístrate | únete
              | ©|\(c\)\s*\d{4}|copyright(?-u:\b)|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés
            )",
        )
        .expect("static regex")
    })
}

/// Whether a block is a boilerplate line (see the module documentation).
pub(crate) fn is_boilerplate_line(block: &str) -> bool {
    block.len() <= MAX_PROMPT_CHARS * 4
        && block.chars().count() <= MAX_PROMPT_CHARS
        && (label_re().is_match(block) || prompt_re().is_match(block) || is_date_line(block))
}

/// Clock and filler words of date lines ("05:28 Uhr", "Jun 18th at 2pm", "le 7 octobre").
const DATE_LINE_WORDS: &[&str] = &[
    "uhr",
    "am",
    "pm",
    "um",
    "at",
    "h",
    "utc",
    "gmt",
    "cet",
    "cest",
    "mez",
    "mesz",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "the",
    "of",
    "on",
    "le",
    "el",
    "de",
    "del",
    "den",
    "der",
];

/// Whether a lower-case word names a month or a weekday in a language of the patterns: English names with
/// their abbreviations, German ones, and French, Spanish and Italian month names.
fn is_calendar_word(lower: &str) -> bool {
    // Of the weekday abbreviations only the three-letter ones: date lines were never read with "Tues" or "Thurs".
    let short_days = WEEKDAY_ABBREVIATIONS.iter().filter(|a| a.len() == 3);
    let english = MONTHS.iter().chain(&MONTH_ABBREVIATIONS).chain(&WEEKDAYS).chain(short_days);
    // The lists write non-ASCII letters in lower case, so ignoring ASCII case compares with the lower-case word.
    english.chain(&GERMAN_CALENDAR).chain(&ROMANCE_MONTHS).any(|w| w.eq_ignore_ascii_case(lower))
}

/// Whether a block is nothing but a date or a time ("05:28 Uhr", "Jun 18th
/// 2018", "7. Oktober 2020, 14:30"): page furniture, never story text.
pub(crate) fn is_date_line(block: &str) -> bool {
    if block.chars().count() > 60 || !block.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    block.split(|c: char| c.is_whitespace() || ",.|/:;–—-()".contains(c)).filter(|t| !t.is_empty()).all(|t| {
        let lower = t.to_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &lower[digits.len()..];
        (!digits.is_empty()
            && digits.len() <= 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "h" | "am" | "pm" | "er"))
            || is_calendar_word(&lower)
            || DATE_LINE_WORDS.contains(&lower.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_are_recognised() {
        let dates = ["05:28 Uhr", "2:54pm", "7. oktober 2020", "Jun 18th 2018", "Mo, 12.10.2015 | 19:16", "2020-01-13"];
        let text = ["In 2018 sales rose 5%.", "Am 7. Oktober 2020 kam es zum Streit", "Oktober", "1. FC Köln"];
        for d in dates {
            assert!(is_date_line(d), "{d:?} is a date line");
        }
        for t in text {
            assert!(!is_date_line(t), "{t:?} is not a date line");
        }
    }

    #[test]
    fn labels_and_prompts_are_boilerplate_but_story_text_is_not() {
        let boilerplate = [
            "Share",
            "Share on Facebook",
            "Teilen",
            "Mehr zum Thema",
            "Related Articles",
            "Auch interessant:",
            "Vous aimerez aussi",
            "NOTAS RELACIONADAS",
            "4 min read",
            "Tags:",
            "Subscribe now to our print edition for the full story.",
            "Sign up for our newsletter to get the latest updates.",
            "© 2020 Example Media. All rights reserved.",
            "Jetzt Newsletter abonnieren und nichts verpassen",
        ];
        let story = [
            "Share prices rose by 3% on Monday.",
            "Comments from the minister were welcome.",
            "Mehr als 300 Menschen kamen zur Versammlung.",
            "Tags later became the norm in the industry, he said.",
            "The company said it would follow up with regulators.",
            "",
        ];
        for b in boilerplate {
            assert!(is_boilerplate_line(b), "{b:?} should be a boilerplate line");
        }
        for b in story {
            assert!(!is_boilerplate_line(b), "{b:?} is story text, not a boilerplate line");
        }
    }
}
