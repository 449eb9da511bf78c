//! Bylines ("By Craig Lord, The Canadian Press") and closing credit lines.

use std::sync::OnceLock;

use regex::Regex;

/// A parsed byline.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Byline {
    /// The byline without "By": "Craig Lord, The Canadian Press".
    pub text: String,
    /// Person names: ["Craig Lord"].
    pub authors: Vec<String>,
    /// A news agency or outlet named in it: "The Canadian Press".
    pub agency: Option<String>,
}

/// Wire services and outlets that appear in bylines and credits.
const AGENCIES: &[&str] = &[
    "The Canadian Press", "Canadian Press", "The Associated Press", "Associated Press", "Reuters", "Reuter",
    "Agence France-Presse", "Agence France Presse", "AFP", "AP", "Bloomberg News", "Bloomberg", "Dow Jones",
    "Press Association", "PA Media", "Australian Associated Press", "AAP", "dpa", "EFE", "ANSA", "Kyodo News",
    "Kyodo", "Xinhua", "Yonhap", "TASS", "Interfax", "UPI", "United Press International", "CNN", "BBC News",
    "CBC News", "CTV News", "Global News", "Postmedia News", "NBC News", "CBS News", "ABC News", "Al Jazeera",
    "The New York Times", "The Washington Post", "The Guardian", "Financial Times", "The Wall Street Journal",
    "CityNews", "The Globe and Mail", "Toronto Star", "National Post", "States News Service",
];

/// The agency named by `text` when it is exactly an agency name (any case).
pub(crate) fn agency_name(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches('.');
    AGENCIES.iter().copied().find(|a| a.eq_ignore_ascii_case(t))
}

/// An agency named anywhere in `text`, longest names first.
pub(crate) fn find_agency(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let mut best: Option<&'static str> = None;
    for a in AGENCIES {
        if a.len() <= 3 {
            continue; // "AP", "AFP": too easily part of other words; matched only whole, by agency_name.
        }
        if lower.contains(&a.to_lowercase()) && best.is_none_or(|b| a.len() > b.len()) {
            best = Some(a);
        }
    }
    best
}

fn byline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(?:By|BY|by)[:\s]\s*(.+)$").expect("static regex"))
}

/// Parses a block as a byline, or `None` if it is not one.
pub(crate) fn parse_byline(block: &str) -> Option<Byline> {
    let block = block.trim();
    if block.len() > 200 || !(block.starts_with("By") || block.starts_with("BY") || block.starts_with("by")) {
        return None;
    }
    let caps = byline_re().captures(block)?;
    let text = caps[1].trim().trim_end_matches(['.', ',']).trim().to_string();
    if text.split_whitespace().count() > 16 || text.ends_with(['!', '?']) {
        return None;
    }
    let mut authors = Vec::new();
    let mut agency = None;
    for part in split_names(&text) {
        if let Some(a) = agency_name(part) {
            agency = Some(a.to_string());
        } else if looks_like_name(part) {
            authors.push(part.to_string());
        } else if let Some(a) = find_agency(part) {
            agency = Some(a.to_string());
        } else {
            return None;
        }
    }
    if authors.is_empty() && agency.is_none() {
        return None;
    }
    Some(Byline { text, authors, agency })
}

fn split_names(text: &str) -> Vec<&str> {
    text.split([',', '|', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// 1 to 5 capitalised words, allowing particles ("de", "van") and initials.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let particles = ["de", "van", "von", "der", "da", "di", "la", "le", "du", "bin", "al", "el"];
    words.iter().all(|w| {
        particles.contains(w) || w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
    }) && words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1)
}

fn credit_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
                this\s+(?:report|story|article)\s+(?:by|from)\s+.+?\s+was\s+(?:first\s+)?published\b.*
              | [—–-]+\s*with\s+files\s+from\b.*
              | \(?(?:reporting|writing|additional\ reporting)\s+by\b.*
              | \(?editing\s+by\b.*
              | (?:©|\(c\)|copyright\b).*
              | reuters?\s*(?:\.{1,3}|…)?
              | \(?(?:compiled|edited)\s+by\b.*
            )$",
        )
        .expect("static regex")
    })
}

/// Whether `block` is a closing credit line: "This report by The Canadian Press was first published
/// Jan. 6, 2026.", "Craig Lord, The Canadian Press", "(Reporting by ...; Editing by ...)", "Reuter".
pub(crate) fn is_credit_line(block: &str) -> bool {
    let b = block.trim();
    if b.is_empty() || b.len() > 300 {
        return false;
    }
    if credit_re().is_match(b) {
        return true;
    }
    // "Name, Agency": a short line naming an agency after a person.
    if b.split_whitespace().count() <= 9 && !b.ends_with(['.', '!', '?']) {
        if let Some((name, rest)) = b.split_once(',') {
            return agency_name(rest).is_some() && looks_like_name(name.trim());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_name_authors_and_agencies() {
        let cases = [
            ("By Craig Lord, The Canadian Press", Some((vec!["Craig Lord"], Some("The Canadian Press")))),
            ("By Jane Doe and John Roe", Some((vec!["Jane Doe", "John Roe"], None))),
            ("BY REUTERS", Some((vec![], Some("Reuters")))),
            ("By the end of the week, prices had fallen sharply.", None),
            ("Byline without space", None),
        ];
        for (text, want) in cases {
            let got = parse_byline(text).map(|b| (b.authors, b.agency));
            let want = want.map(|(a, g)| (a.into_iter().map(String::from).collect::<Vec<_>>(), g.map(String::from)));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn credit_lines_are_recognised() {
        let yes = [
            "This report by The Canadian Press was first published Jan. 6, 2026.",
            "Craig Lord, The Canadian Press",
            "(Reporting by Jane Doe; Editing by John Roe)",
            "— With files from The Associated Press",
            "Reuter",
            "Reuter...",
            "© 2026 The Canadian Press",
        ];
        let no = [
            "Carney is set to meet directly with a number of world leaders.",
            "Mark Rutte, secretary-general of NATO",
            "In Paris, Carney set to talk about Canada’s role",
        ];
        for t in yes {
            assert!(is_credit_line(t), "should be a credit: {t}");
        }
        for t in no {
            assert!(!is_credit_line(t), "should not be a credit: {t}");
        }
    }
}
