//! Dates and times as news pages print them, turned into ISO 8601.
//!
//! "Posted January 6, 2026 4:00 am." becomes `2026-01-06T04:00:00`. A time
//! zone is written only when the text gives one that is unambiguous (`Z`,
//! `UTC`, `GMT` or a numeric offset): "ET" could be EST or EDT, so a time in
//! "ET" is left without a zone rather than given an invented one.

use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon::month_number;

fn iso_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?",
        )
        .expect("static regex")
    })
}

fn time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(Z\b|UTC|GMT|[+-]\d{2}:?\d{2}))?")
            .expect("static regex")
    })
}

/// Parses a date or date-time from free text; `None` when no full date is found.
pub(crate) fn parse_datetime(text: &str) -> Option<String> {
    if let Some(c) = iso_re().captures(text) {
        let (y, mo, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        let date = format_date(y, mo, d)?;
        return Some(match (c.get(4), c.get(5)) {
            (Some(h), Some(mi)) => {
                let sec = c.get(6).map_or(0, |s| s.as_str().parse().unwrap_or(0));
                let time = format_time(h.as_str().parse().ok()?, mi.as_str().parse().ok()?, sec)?;
                format!("{date}T{time}{}", zone(c.get(7).map(|m| m.as_str())))
            }
            _ => date,
        });
    }
    let (y, mo, d, date_end) = find_date(text)?;
    let date = format_date(y, mo, d)?;
    let rest = &text[date_end..];
    if let Some(c) = time_re().captures(rest) {
        // Only a time near the date belongs to it ("January 6, 2026 4:00 am", "at 4:00").
        if c.get(0).map_or(usize::MAX, |m| m.start()) <= 8 {
            let mut h: u32 = c[1].parse().ok()?;
            let mi: u32 = c[2].parse().ok()?;
            let sec: u32 = c.get(3).map_or(0, |s| s.as_str().parse().unwrap_or(0));
            if let Some(ampm) = c.get(4) {
                let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
                if h == 0 || h > 12 {
                    return Some(date);
                }
                h = match (pm, h) {
                    (false, 12) => 0,
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, h) => h,
                };
            }
            if let Some(time) = format_time(h, mi, sec) {
                return Some(format!("{date}T{time}{}", zone(c.get(5).map(|m| m.as_str()))));
            }
        }
    }
    Some(date)
}

fn zone(z: Option<&str>) -> String {
    match z.map(str::to_ascii_uppercase).as_deref() {
        None => String::new(),
        Some("Z" | "UTC" | "GMT") => "Z".to_string(),
        Some(off) => {
            let digits: String = off.chars().filter(|c| c.is_ascii_digit()).collect();
            format!("{}{}:{}", &off[..1], &digits[..2], &digits[2..4])
        }
    }
}

fn format_date(y: u32, mo: u32, d: u32) -> Option<String> {
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=9999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

fn format_time(h: u32, mi: u32, s: u32) -> Option<String> {
    (h < 24 && mi < 60 && s < 61).then(|| format!("{h:02}:{mi:02}:{s:02}"))
}

/// Finds "Month D, YYYY", "D Month YYYY" or "DD-MON-YYYY"; returns (year, month, day, end byte).
fn find_date(text: &str) -> Option<(u32, u32, u32, usize)> {
    // Words with their byte ranges; separators are spaces, commas, periods after month names, and hyphens.
    let mut words: Vec<(&str, usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((&text[s..i], s, i));
        }
    }
    if let Some(s) = start {
        words.push((&text[s..], s, text.len()));
    }
    let num = |w: &str| -> Option<u32> { w.chars().all(|c| c.is_ascii_digit()).then(|| w.parse().ok()).flatten() };
    for i in 0..words.len() {
        let Some(mo) = month_number(words[i].0) else { continue };
        // Month D, YYYY
        if let (Some(d), Some(y)) = (words.get(i + 1), words.get(i + 2)) {
            if let (Some(dn), Some(yn)) = (num(d.0), num(y.0)) {
                if d.0.len() <= 2 && y.0.len() == 4 {
                    return Some((yn, mo, dn, y.2));
                }
            }
        }
        // D Month YYYY (also DD-MON-YYYY)
        if i > 0 {
            if let (Some(dn), Some(y)) = (num(words[i - 1].0), words.get(i + 1)) {
                if let Some(yn) = num(y.0) {
                    if words[i - 1].0.len() <= 2 && y.0.len() == 4 {
                        return Some((yn, mo, dn, y.2));
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_dates_become_iso_8601() {
        let cases = [
            ("Posted January 6, 2026 4:00 am.", Some("2026-01-06T04:00:00")),
            ("Last Updated January 6, 2026 5:32 am.", Some("2026-01-06T05:32:00")),
            ("Jan. 6, 2026 at 4:00 p.m. ET", Some("2026-01-06T16:00:00")),
            ("6 January 2026 12:15 GMT", Some("2026-01-06T12:15:00Z")),
            ("2026-01-06T04:00:00+01:00", Some("2026-01-06T04:00:00+01:00")),
            ("2026-01-06T04:00:00.000Z", Some("2026-01-06T04:00:00Z")),
            ("2026-01-06", Some("2026-01-06")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26T15:01:01")),
            ("Tue, 06 Jan 2026 04:00:00 GMT", Some("2026-01-06T04:00:00Z")),
            ("12:00 am, May 3, 2025", Some("2025-05-03")),
            ("February 30, 2026", None),
            ("no date here", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_datetime(text).as_deref(), want, "{text}");
        }
    }
}
