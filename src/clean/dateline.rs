//! Datelines: the place (and sometimes agency) that opens a wire story,
//! "PARIS —", "WASHINGTON (Reuters) -", "OTTAWA, Ont. —".

use std::sync::OnceLock;

use regex::Regex;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    /// The place, as printed: "PARIS", "NEW YORK".
    pub place: String,
    /// The agency in parentheses, if any: "Reuters".
    pub agency: Option<String>,
    /// Bytes of the paragraph that the dateline takes, up to and including its dash.
    pub len: usize,
}

fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(\p{Lu}[\p{Lu}'’.\- ]+?\p{Lu}\.?)(?:,\s*[\p{L}.'’ ]+?(?:\s+\d{1,2})?)?\s*(?:\(([^)]+)\))?\s*(—|–|--|-)\s+\S",
        )
        .expect("static regex")
    })
}

/// The dateline at the start of `paragraph`, if it has one. The place must be
/// in capitals, as datelines are printed; a sentence that merely starts with
/// an acronym and a dash is not a dateline unless the acronym is 3+ letters.
pub(crate) fn find_dateline(paragraph: &str) -> Option<Dateline> {
    // A dateline sits in the first few dozen characters; the regex need not see the rest.
    let head = &paragraph[..crate::span::floor_char_boundary(paragraph, 120)];
    let caps = dateline_re().captures(head)?;
    let place = caps[1].trim().trim_end_matches(['.', ',']).to_string();
    if place.chars().filter(|c| c.is_uppercase()).count() < 3 || place.chars().count() > 40 {
        return None;
    }
    if caps.get(2).is_some_and(|a| a.as_str().chars().count() > 40) {
        return None;
    }
    let len = caps.get(3).map_or(0, |dash| dash.end());
    Some(Dateline { place, agency: caps.get(2).map(|m| m.as_str().trim().to_string()), len })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_found() {
        let cases = [
            ("PARIS — Prime Minister Mark Carney is in Paris today.", Some(("PARIS", None))),
            ("WASHINGTON (Reuters) - The Fed held rates.", Some(("WASHINGTON", Some("Reuters")))),
            ("NEW YORK, Jan 5 (Reuters) - Stocks rose.", Some(("NEW YORK", Some("Reuters")))),
            ("OTTAWA, Ont. — The House sat late.", Some(("OTTAWA", None))),
            ("ST. JOHN'S, N.L. — Fog delayed flights.", Some(("ST. JOHN'S", None))),
            ("Prime Minister Mark Carney is in Paris.", None),
            ("US - China talks resumed.", None),
        ];
        for (text, want) in cases {
            let got = find_dateline(text);
            let got = got.as_ref().map(|d| (d.place.as_str(), d.agency.as_deref()));
            assert_eq!(got, want, "{text}");
        }
    }
}
