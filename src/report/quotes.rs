//! The quotes of a report, grouped by who said them: each speaker's quotes
//! under the entity the speaker resolves to, in every format.
//!
//! The grouping lives here so that the four formats agree: the entities
//! with quotes first, most salient first (as in the entity table); then
//! the speakers the text names but the article's entities do not hold ("a
//! senior official"), one group per speaker as written; then the quotes
//! with no speaker at all. Within a group, quotes keep reading order.

use std::fmt::Write as _;

use crate::document::{Document, Entity, Quote, QuoteKind};

/// The quotes of one speaker.
pub(crate) struct SpeakerGroup<'d> {
    /// The entity's name, the speaker as written, or "No speaker named".
    pub(crate) name: String,
    /// The entity the speaker resolves to.
    pub(crate) entity: Option<&'d Entity>,
    /// The quotes (index in `doc.quotes`, the quote), in reading order.
    pub(crate) quotes: Vec<(usize, &'d Quote)>,
}

/// What the report says of a quote with no speaker.
const NO_SPEAKER: &str = "No speaker named";

/// The article's quotes grouped by speaker (see the module documentation).
pub(crate) fn groups(doc: &Document) -> Vec<SpeakerGroup<'_>> {
    let mut out: Vec<SpeakerGroup<'_>> = Vec::new();
    for e in super::entities_by_salience(doc) {
        let index = doc.entities.iter().position(|x| std::ptr::eq(x, e));
        let quotes: Vec<(usize, &Quote)> = doc
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| index.is_some() && q.speaker.as_ref().and_then(|s| s.entity) == index)
            .collect();
        if !quotes.is_empty() {
            out.push(SpeakerGroup { name: e.name.clone(), entity: Some(e), quotes });
        }
    }
    let mut unresolved: Vec<SpeakerGroup<'_>> = Vec::new();
    let mut nobody: Vec<(usize, &Quote)> = Vec::new();
    for (i, q) in doc.quotes.iter().enumerate() {
        match &q.speaker {
            Some(s) if s.entity.is_some_and(|e| e < doc.entities.len()) => {}
            Some(s) => {
                let name = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
                match unresolved.iter_mut().find(|g| g.name.eq_ignore_ascii_case(&name)) {
                    Some(g) => g.quotes.push((i, q)),
                    None => unresolved.push(SpeakerGroup { name, entity: None, quotes: vec![(i, q)] }),
                }
            }
            None => nobody.push((i, q)),
        }
    }
    out.extend(unresolved);
    if !nobody.is_empty() {
        out.push(SpeakerGroup { name: NO_SPEAKER.to_string(), entity: None, quotes: nobody });
    }
    out
}

/// The quote's words, with its cue and kind: `“We will stay.” (said; direct)`; see [`words`] for the marks.
pub(crate) fn line(q: &Quote) -> String {
    let mut s = words(q);
    let mut about = Vec::new();
    about.extend(q.cue.as_deref().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")));
    about.push(q.kind.as_str().to_string());
    let _ = write!(s, " ({})", about.join("; "));
    s
}

/// The words of a quote, in quotation marks when they are all the speaker's (a direct quote). Reported speech
/// is the writer's words, and a mixed quote already holds the marks of the fragment that was quoted: marks
/// around the whole would say that all of it was.
fn words(q: &Quote) -> String {
    let text = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if q.kind == QuoteKind::Direct {
        format!("“{text}”")
    } else {
        text
    }
}

/// The group's heading: the name, and the entity's label or "unresolved".
pub(crate) fn heading(g: &SpeakerGroup<'_>) -> String {
    let n = g.quotes.len();
    let count = if n == 1 { "1 quote".to_string() } else { format!("{n} quotes") };
    match g.entity {
        Some(e) => format!("{} ({}), {count}", g.name, e.label),
        None if g.name == NO_SPEAKER => format!("{}, {count}", g.name),
        None => format!("{} (not resolved to an entity), {count}", g.name),
    }
}

/// The Markdown section.
pub(crate) fn markdown(doc: &Document, out: &mut String, escape: impl Fn(&str) -> String) {
    let groups = groups(doc);
    if groups.is_empty() {
        return;
    }
    out.push_str("## Quotes\n\nBy speaker, under the entity the speaker resolves to.\n\n");
    for g in &groups {
        let _ = writeln!(out, "**{}**\n", escape(&heading(g)));
        for (_, q) in &g.quotes {
            let _ = writeln!(out, "- {}", escape(&line(q)));
        }
        out.push('\n');
    }
}

/// The HTML section.
pub(crate) fn html(doc: &Document, out: &mut String, esc: impl Fn(&str) -> String, anchor: impl Fn(&Entity) -> String) {
    let groups = groups(doc);
    if groups.is_empty() {
        return;
    }
    out.push_str("<section class=\"quotes\" id=\"quotes\">\n<h2>Quotes</h2>\n");
    out.push_str(
        "<style>.quotes .who{margin:1rem 0 .25rem;font:600 .95rem/1.4 var(--sans)}.quotes .who a{color:inherit}\
         .quotes .who small{color:var(--muted);font-weight:400}\
         .quotes ul{margin:0 0 .5rem;padding-left:1.1rem}.quotes li{margin:.2rem 0}\
         .quotes blockquote{display:inline;margin:0;font-style:italic}\
         .quotes .cue{color:var(--muted);font:.8rem var(--sans)}</style>\n",
    );
    out.push_str("<p class=\"note\">By speaker, under the entity the speaker resolves to.</p>\n");
    for g in &groups {
        let n = g.quotes.len();
        let count = if n == 1 { "1 quote".to_string() } else { format!("{n} quotes") };
        let (name, what) = match g.entity {
            Some(e) => (format!("<a href=\"#{}\">{}</a>", anchor(e), esc(&g.name)), format!("{}, {count}", e.label)),
            None if g.name == NO_SPEAKER => (esc(&g.name), count),
            None => (esc(&g.name), format!("not resolved to an entity, {count}")),
        };
        let _ = writeln!(out, "<h3 class=\"who\">{name} <small>{}</small></h3>\n<ul>", esc(&what));
        for (_, q) in &g.quotes {
            let cue = q.cue.as_deref().map(|c| format!("{}; ", esc(c))).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><blockquote>{}</blockquote> <span class=\"cue\">({cue}{})</span></li>",
                esc(&words(q)),
                q.kind.as_str()
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Speaker;
    use crate::span::Span;

    fn quote(text: &str, speaker: Option<(&str, Option<usize>)>) -> Quote {
        Quote {
            kind: QuoteKind::Direct,
            span: Span::default(),
            text: text.into(),
            sentence: None,
            cue: Some("said".into()),
            speaker: speaker.map(|(t, e)| Speaker { span: Span::default(), text: t.into(), entity: e }),
            confidence: 0.9,
        }
    }

    #[test]
    fn quotes_group_under_entities_then_speakers_then_nobody() {
        let mut doc = Document::default();
        doc.entities.push(super::super::sample::entity("Mark Carney", crate::document::Label::Person, 0.9, &[], &[]));
        doc.quotes = vec![
            quote("one", Some(("he", Some(0)))),
            quote("two", Some(("a senior official", None))),
            quote("three", None),
            quote("four", Some(("Carney", Some(0)))),
            quote("five", Some(("A senior  official", None))),
            quote("six", Some(("ghost", Some(7)))),
        ];
        let got: Vec<(String, Vec<usize>)> =
            groups(&doc).iter().map(|g| (g.name.clone(), g.quotes.iter().map(|(i, _)| *i).collect())).collect();
        let want = vec![
            ("Mark Carney".to_string(), vec![0, 3]),
            ("a senior official".to_string(), vec![1, 4]),
            ("ghost".to_string(), vec![5]),
            (NO_SPEAKER.to_string(), vec![2]),
        ];
        assert_eq!(got, want);
        assert_eq!(line(&doc.quotes[0]), "“one” (said; direct)");
    }
}
