//! Page chrome: telling the story apart from what surrounds it on a page.
//!
//! A scraped page is a sequence of blocks. Before the story sit the
//! headline, photo captions, the byline and "Posted / Last Updated" lines;
//! after it, credit lines and then teasers for other stories: a headline, a
//! summary cut off with "...", and an "updated" / "26m ago" marker, often
//! repeated. The analysis is a single pass over block classes:
//!
//! 1. the header: leading blocks that are a title, caption, byline or time line;
//! 2. the story: from there up to the first teaser (the blocks before the first
//!    time-ago marker that read as a headline and a summary);
//! 3. inside the story, blocks repeated elsewhere on the page, captions and
//!    credit lines are taken out (credits kept as metadata).
//!
//! Everything after the first teaser is chrome.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::byline::{is_credit_line, parse_byline, Byline};
use super::dates::parse_datetime;

/// What the analysis found in a page's blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    /// The headline, when the text opens with one.
    pub title: Option<String>,
    /// Photo captions.
    pub captions: Vec<String>,
    /// The byline.
    pub byline: Option<Byline>,
    /// Publication time (ISO 8601).
    pub published: Option<String>,
    /// Update time (ISO 8601).
    pub updated: Option<String>,
    /// Closing credit lines.
    pub credits: Vec<String>,
    /// The story's paragraphs.
    pub story: Vec<String>,
    /// How many blocks were dropped as chrome.
    pub chrome_blocks: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Marker,
    Caption,
    Byline,
    Time,
    Credit,
    Text,
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:updated|new|breaking|live|just\s+now|(?:updated\s+)?\d{1,3}\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago)$",
        )
        .expect("static regex")
    })
}

fn time_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(posted|published|first\s+published|last\s+updated|updated|modified|last\s+modified)\b[:\s]+(.+)$")
            .expect("static regex")
    })
}

fn photo_credit_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)(?:
                \b\p{Lu}[\p{Lu}.&'’\x20]+/\s?\p{Lu}\p{Ll}+(?:[\x20\-]\p{Lu}[\p{L}.'’\-]*){0,3}\)?\.?$      # THE CANADIAN PRESS/Christinne Muschi, REUTERS/Name
              | \((?:AP|AFP|Reuters|Getty|EPA|Photo)[^)]{0,60}\)\.?$              # (AP Photo/Name)
              | (?i:\b(?:photo|photograph|image|picture)\s*(?:credit)?\s*[:/]\s*[^.]{2,60}$)
              | (?i:\bgetty\s+images\.?$)
            )",
        )
        .expect("static regex")
    })
}

/// Whether `block` reads as a photo caption: it ends with a photo credit.
pub(crate) fn is_caption(block: &str) -> bool {
    // A credit match is at most ~100 characters long and ends the block, so the
    // search starts 128 characters from the end (with the text before it as
    // context for `\b`): the regex is slow on non-ASCII text.
    let from = block.char_indices().rev().nth(127).map_or(0, |(i, _)| i);
    block.len() < 1200 && may_end_with_credit(block) && photo_credit_re().is_match_at(block, from)
}

/// A cheap necessary condition for `photo_credit_re`: each of its forms has
/// a `/`, a `(` or a `:` among the block's last 70 characters (none allows
/// more than 69 after it in whitespace-collapsed text), or ends with
/// "images". Most blocks fail this test and skip the regex.
fn may_end_with_credit(block: &str) -> bool {
    let start = block.char_indices().rev().nth(69).map_or(0, |(i, _)| i);
    let tail = block.trim_end_matches('.').as_bytes();
    block[start..].contains(['/', '(', ':'])
        || tail.len() >= 6 && tail[tail.len() - 6..].eq_ignore_ascii_case(b"images")
}

fn classify(block: &str) -> Class {
    // Cheap length checks first: chrome lines are short, and the regexes need not see long paragraphs.
    let len = block.len();
    if len <= 40 && marker_re().is_match(block) {
        Class::Marker
    } else if len <= 120 && time_line_re().is_match(block) && parse_datetime(block).is_some() {
        Class::Time
    } else if parse_byline(block).is_some() {
        Class::Byline
    } else if is_credit_line(block) {
        Class::Credit
    } else if is_caption(block) {
        Class::Caption
    } else {
        Class::Text
    }
}

/// Whether a block reads as a headline: short, and not ending like a sentence.
pub(crate) fn is_headline_like(block: &str) -> bool {
    let words = block.split_whitespace().count();
    (2..=30).contains(&words) && block.len() <= 250 && !block.ends_with(['.', ':', ';', ',']) || block.ends_with('?') && words <= 30
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Analyses the blocks of a page. `known_title` is the title the input
/// record carried, if any: a first block that repeats it is not story text.
pub(crate) fn analyze(blocks: &[String], known_title: Option<&str>) -> Layout {
    let mut layout = Layout::default();
    let classes: Vec<Class> = blocks.iter().map(|b| classify(b)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for b in blocks {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    let repeated = |b: &str| counts.get(b).copied().unwrap_or(0) > 1 && b.split_whitespace().count() >= 3;

    // 1. Header.
    let mut i = 0;
    let mut dropped_title: Option<&String> = None;
    while i < blocks.len() {
        let b = &blocks[i];
        match classes[i] {
            Class::Time => {
                let when = parse_datetime(b);
                let is_update = b.trim_start().to_ascii_lowercase().contains("updated")
                    || b.trim_start().to_ascii_lowercase().contains("modified");
                if is_update {
                    layout.updated = layout.updated.take().or(when);
                } else {
                    layout.published = layout.published.take().or(when);
                }
            }
            Class::Byline if layout.byline.is_none() => layout.byline = parse_byline(b),
            Class::Caption => layout.captions.push(b.clone()),
            Class::Marker => {}
            Class::Text if i == 0 && known_title.is_some_and(|t| same_text(t, b)) => dropped_title = Some(b),
            Class::Text if i == 0 && known_title.is_none() && is_headline_like(b) && blocks.len() > 1 => {
                layout.title = Some(b.clone());
            }
            _ => break,
        }
        i += 1;
    }
    let header_end = i;

    // 2. The story ends at the first teaser: a headline and summary before a time-ago marker.
    let mut end = blocks.len();
    if let Some(m) = (header_end..blocks.len()).find(|&k| classes[k] == Class::Marker) {
        let mut start = m;
        let mut taken = 0;
        while start > header_end && taken < 2 && classes[start - 1] == Class::Text {
            let candidate = &blocks[start - 1];
            // The summary (any length), then at most one headline-like block above it.
            if taken == 1 && !is_headline_like(candidate) {
                break;
            }
            start -= 1;
            taken += 1;
        }
        end = start;
    }

    // 3. Story blocks, with chrome and credits taken out.
    for k in header_end..end {
        let b = &blocks[k];
        match classes[k] {
            Class::Text if repeated(b) => layout.chrome_blocks += 1,
            Class::Text => layout.story.push(b.clone()),
            Class::Credit => layout.credits.push(b.clone()),
            Class::Caption => layout.captions.push(b.clone()),
            Class::Time => {
                if layout.published.is_none() {
                    layout.published = parse_datetime(b);
                }
            }
            Class::Byline if layout.byline.is_none() && layout.story.is_empty() => layout.byline = parse_byline(b),
            // A byline-shaped line after the story has started is kept as text (it may be a sentence).
            Class::Byline => layout.story.push(b.clone()),
            Class::Marker => layout.chrome_blocks += 1,
        }
    }
    layout.chrome_blocks += blocks.len() - end;
    // A record whose only text is its headline keeps it as the body rather than losing it.
    if layout.story.is_empty() {
        if let Some(t) = dropped_title.or(layout.title.as_ref()) {
            layout.story.push(t.clone());
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn teasers_after_the_story_are_dropped() {
        let b = blocks(&[
            "A headline about a thing",
            "By Jane Doe, The Canadian Press",
            "Posted January 6, 2026 4:00 am.",
            "OTTAWA — The first paragraph of the story.",
            "The second paragraph of the story.",
            "Jane Doe, The Canadian Press",
            "Other story headline here",
            "A summary of the other story that is cut...",
            "updated",
            "26m ago",
            "Third teaser headline",
            "Its summary.",
            "1h ago",
        ]);
        let l = analyze(&b, None);
        assert_eq!(l.title.as_deref(), Some("A headline about a thing"));
        assert_eq!(l.published.as_deref(), Some("2026-01-06T04:00:00"));
        assert_eq!(l.byline.as_ref().map(|b| b.authors.clone()), Some(vec!["Jane Doe".to_string()]));
        assert_eq!(l.story, vec!["OTTAWA — The first paragraph of the story.", "The second paragraph of the story."]);
        assert_eq!(l.credits, vec!["Jane Doe, The Canadian Press"]);
    }

    #[test]
    fn a_known_title_repeated_as_first_line_is_not_story() {
        let b = blocks(&["Japanese banking battle at an end", "Japan's Sumitomo has withdrawn its offer."]);
        let l = analyze(&b, Some("Japanese banking battle at an end"));
        assert_eq!(l.story, vec!["Japan's Sumitomo has withdrawn its offer."]);
        assert_eq!(l.title, None);
    }

    #[test]
    fn plain_story_text_is_kept_whole() {
        let b = blocks(&["Showers continued throughout the week.", "The dry period means delays.", "Reuter"]);
        let l = analyze(&b, Some("BAHIA COCOA REVIEW"));
        assert_eq!(l.story.len(), 2);
        assert_eq!(l.credits, vec!["Reuter"]);
    }

    #[test]
    fn captions_are_recognised_by_their_credit() {
        assert!(is_caption("Carney arrives in Paris on Monday, Jan. 5, 2026. THE CANADIAN PRESS/Christinne Muschi"));
        assert!(is_caption("President speaks in Washington. (AP Photo/Evan Vucci)"));
        assert!(is_caption("Workers on a site in Lagos. REUTERS/Temilade Adelaja"));
        assert!(!is_caption("The deal was worth $29bn/£15bn to the bank."));
        assert!(!is_caption("SHELL CANADA CUTS CRUDE PRICES BY 1.27 DLRS/BBL EFFECTIVE MARCH ONE Blah blah blah."));
        let long = format!("{} Workers on a site in Lagos. REUTERS/Temilade Adelaja", "A long caption. ".repeat(60));
        assert!(is_caption(&long), "a credit at the end of a long caption is found");
        assert!(is_caption("A crowd outside the court. Getty Images"), "a Getty credit has no punctuation to look for");
    }
}
