//! The `markdown` report: the terminal report's content as a Markdown
//! document that reads well both raw and rendered (GitHub, CommonMark).
//!
//! A mention is written `**Mark Carney**<sup>PER</sup>`: bold reads as a
//! highlight in the raw file too, and GitHub keeps `<sup>`, which sets the
//! label small after the name. Article text can hold characters that
//! Markdown would read as markup (`*`, `_`, `[`, `<`, `$`, a `#` or `1.` at
//! the start of a paragraph), so every piece of it is escaped with
//! backslashes, which CommonMark defines for all ASCII punctuation. The
//! tests render the output with a CommonMark parser to check that the text
//! comes back unchanged and each mention comes out bold.

use super::TextRun;
use crate::document::{Document, Field};

/// Renders the report.
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    let title = super::field_runs(doc, Field::Title);
    if !title.is_empty() {
        out.push_str("# ");
        out.push_str(&inline(&title));
        out.push_str("\n\n");
    }
    if let Some(b) = super::byline(doc) {
        out.push_str(&format!("*{}*\n\n", escape(&b)));
    }
    let facts = facts(doc);
    if !facts.is_empty() {
        for (name, value) in facts {
            out.push_str(&format!("- **{name}:** {}\n", escape(&value)));
        }
        out.push('\n');
    }
    let caption = super::field_runs(doc, Field::Caption);
    if !caption.is_empty() {
        out.push_str("> **Photo:** ");
        out.push_str(&inline(&caption));
        out.push_str("\n\n");
    }
    let paragraphs = super::paragraph_ranges(doc);
    if !paragraphs.is_empty() {
        out.push_str("## Article\n\n");
        for range in paragraphs {
            out.push_str(&inline(&super::runs(doc, Field::Body, range)));
            out.push_str("\n\n");
        }
    }
    for credit in &doc.meta.credits {
        out.push_str(&format!("*{}*\n\n", escape(credit)));
    }
    entities(doc, &mut out);
    super::places::markdown(doc, &mut out, escape_inner);
    super::quotes::markdown(doc, &mut out, escape);
    values(doc, &mut out);
    let labels = super::labels_present(doc);
    if !labels.is_empty() {
        let legend: Vec<String> =
            labels.iter().map(|&l| format!("<sup>{}</sup> {}", super::short_label(l), super::label_words(l))).collect();
        out.push_str(&format!("Labels: {}.\n", legend.join(", ")));
    }
    out
}

/// The metadata lines, as (name, value).
fn facts(doc: &Document) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    facts.extend(doc.meta.dateline.clone().map(|d| ("Dateline", d)));
    facts.extend(doc.meta.published.as_deref().map(|p| ("Published", super::display_time(p))));
    facts.extend(doc.meta.updated.as_deref().map(|u| ("Updated", super::display_time(u))));
    facts.extend(super::language_line(doc).map(|l| ("Language", l)));
    facts.extend(super::topic_line(doc).map(|t| ("Topic", t)));
    facts.extend(doc.meta.site.clone().map(|s| ("Site", s)));
    facts.extend(doc.url.clone().or_else(|| doc.meta.canonical_url.clone()).map(|u| ("URL", u)));
    if !doc.source.is_empty() {
        facts.push(("Source", doc.source.clone()));
    }
    facts
}

fn entities(doc: &Document, out: &mut String) {
    let entities = super::entities_by_salience(doc);
    if entities.is_empty() {
        return;
    }
    out.push_str("## Entities\n\nMost salient first.\n\n");
    out.push_str("| Entity | Label | Mentions | Salience | Aliases | Roles |\n");
    out.push_str("| --- | --- | ---: | ---: | --- | --- |\n");
    for e in entities {
        out.push_str(&format!(
            "| **{}** | {} | {} | {:.2} | {} | {} |\n",
            escape_inner(&e.name),
            e.label,
            e.mention_count,
            e.salience,
            escape_inner(&e.aliases.join(", ")),
            escape_inner(&e.roles.join("; ")),
        ));
    }
    out.push('\n');
}

fn values(doc: &Document, out: &mut String) {
    let values = super::values(doc);
    if values.is_empty() {
        return;
    }
    out.push_str("## Dates and amounts\n\n");
    for (label, texts) in values {
        let texts: Vec<String> = texts.iter().map(|t| escape(t)).collect();
        out.push_str(&format!("- **{label}:** {}\n", texts.join(" · ")));
    }
    out.push('\n');
}

/// A field's runs as one line of inline Markdown.
fn inline(runs: &[TextRun<'_>]) -> String {
    let mut out = String::new();
    for (i, s) in runs.iter().enumerate() {
        match *s {
            TextRun::Plain(t) => {
                let t = if i == 0 { escape(t) } else { escape_inner(t) };
                out.push_str(&t);
            }
            TextRun::Mention { text, mention, .. } => {
                let marked = escape_inner(text.trim());
                if marked.is_empty() {
                    out.push_str(text);
                    continue;
                }
                let (lead, trail) = (&text[..text.len() - text.trim_start().len()], &text[text.trim_end().len()..]);
                out.push_str(lead);
                // `**` opens emphasis only if it is not glued between a letter and punctuation
                // ("US**$29bn**"); there the HTML tag, which GitHub also allows, does the job.
                let glued = out.chars().last().is_some_and(char::is_alphanumeric)
                    && marked.chars().next().is_some_and(|c| c.is_ascii_punctuation());
                let (open, close) = if glued { ("<strong>", "</strong>") } else { ("**", "**") };
                out.push_str(&format!("{open}{marked}{close}<sup>{}</sup>", super::short_label(mention.label)));
                out.push_str(trail);
            }
        }
    }
    out.trim().to_string()
}

/// Escapes text that starts a line: like [`escape_inner`], plus what only
/// counts at the start of a block (headings, lists, quotes, rules, code).
fn escape(text: &str) -> String {
    let text = text.trim_start();
    let body = escape_inner(text);
    let first = text.chars().next();
    match first {
        Some('#' | '-' | '+' | '=') => format!("\\{body}"),
        Some(c) if c.is_ascii_digit() => {
            // "2026. A year" would start an ordered list: escape the dot or parenthesis after the digits.
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            match text.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 9 => format!("{}\\{}", &text[..digits], &body[digits..]),
                _ => body,
            }
        }
        _ => body,
    }
}

/// Escapes inline markup: ASCII punctuation that CommonMark or GitHub could
/// read as emphasis, code, links, HTML, entities, math or strikethrough.
/// Newlines become spaces, so the text stays one paragraph.
fn escape_inner(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '$' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => out.push_str("\\&"),
            '!' if chars.peek() == Some(&'[') => out.push_str("\\!"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    /// Renders Markdown to HTML with a CommonMark parser (GitHub's tables and strikethrough on).
    fn to_html(markdown: &str) -> String {
        let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, options));
        html
    }

    /// The text content of rendered HTML: tags dropped, the five entities decoded.
    fn html_text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn escaped_text_renders_as_itself() {
        let cases = [
            "plain words",
            "*not emphasis* and _not either_",
            "**bold?** `code?` [link](x) <b>tag</b> &amp; &copy; &#169;",
            "# not a heading",
            "- not a list",
            "+ nor this",
            "> not a quote",
            "2026. Not a list either",
            "1) nor this",
            "--- not a rule",
            "=== nor a setext underline",
            "$29bn and $30bn are not math",
            "~~not struck~~",
            "a | pipe",
            "back\\slash \\* star",
            "![not an image](x)",
            "AT&T rose 5%",
            "€ 🎉 naïve",
            "    not code",
        ];
        for text in cases {
            let html = to_html(&escape(text));
            let want = text.trim_start();
            assert_eq!(html_text(&html).trim(), want, "{text:?} escaped as {:?} rendered as {html:?}", escape(text));
            assert!(html.starts_with("<p>"), "{text:?} must stay a paragraph, got {html:?}");
        }
    }

    #[test]
    fn mentions_render_bold_with_their_label() {
        let doc = sample::document();
        let md = render(&doc);
        assert!(md.contains("Prime Minister **Mark Carney**<sup>PER</sup> met **NATO**<sup>ORG</sup>"), "{md}");
        assert!(md.contains("“**coalition of the willing**<sup>GRP</sup>”"), "{md}");
        let html = to_html(&md);
        for want in [
            "<strong>Mark Carney</strong><sup>PER</sup>",
            "“<strong>coalition of the willing</strong><sup>GRP</sup>”",
            "<strong>$29bn</strong><sup>MONEY</sup> &amp; more",
            "<strong>5%</strong><sup>PCT</sup> is *not* enough",
            "<strong>Carney</strong><sup>PER</sup> &lt;meets&gt; allies",
        ] {
            assert!(html.contains(want), "expected {want:?} in the rendered HTML:\n{html}");
        }
    }

    #[test]
    fn a_mention_glued_to_a_word_is_still_bold() {
        // `US**\$29bn**` would not open emphasis (a letter before, punctuation after the `**`).
        let mut doc = sample::document();
        doc.body = "It raised US$29bn.".into();
        doc.paragraphs.clear();
        doc.mentions = vec![sample::mention(&doc.body, Field::Body, "$29bn", crate::Label::Money, None)];
        let md = render(&doc);
        assert!(md.contains("US<strong>\\$29bn</strong><sup>MONEY</sup>."), "{md}");
        assert!(to_html(&md).contains("US<strong>$29bn</strong><sup>MONEY</sup>."), "{}", to_html(&md));
    }

    #[test]
    fn the_entity_table_is_a_table() {
        let doc = sample::document();
        let html = to_html(&render(&doc));
        assert!(html.contains("<th>Entity</th>"), "{html}");
        assert!(html.contains("<td><strong>Mark Carney</strong></td>"), "{html}");
        assert!(html.contains("<td>Prime Minister</td>"), "{html}");
    }

    #[test]
    fn body_text_never_becomes_markup() {
        let mut doc = sample::document();
        doc.body = "# Not a heading\n\n1. Not a list <script>".into();
        doc.paragraphs.clear();
        doc.mentions.retain(|m| m.field != Field::Body);
        let html = to_html(&render(&doc));
        assert!(!html.contains("<h1>Not"), "{html}");
        assert!(!html.contains("<ol>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn empty_documents_render() {
        assert_eq!(render(&crate::document::Document::default()), "");
    }

    /// Text made of what Markdown reads as markup, words, multi-byte letters and any other printable text.
    fn markdownish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "*",
            "**",
            "_",
            "__",
            "`",
            "```",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "&",
            "&amp;",
            "&#",
            ";",
            "!",
            "#",
            "##",
            "-",
            "+",
            "=",
            "1.",
            "2)",
            "$",
            "~~",
            "|",
            "\\",
            ":",
            "http://x.y",
            "<b>",
            "</b>",
            "word",
            "Carney",
            "é",
            "e\u{301}",
            "🎉",
            "€",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\u{a0}",
        ]);
        let printable = any::<String>().prop_map(|s| s.chars().filter(|c| !c.is_control()).collect::<String>());
        (prop::collection::vec(pieces, 0..30), printable).prop_map(|(v, noise)| v.concat() + &noise)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        #[test]
        fn any_escaped_text_renders_as_itself(text in markdownish()) {
            let html = to_html(&escape(&text));
            let want: String = text.replace(['\n', '\t', '\r'], " ");
            let got = html_text(&html);
            proptest::prop_assert_eq!(got.trim(), want.trim(), "escaped as {:?}, rendered as {:?}", escape(&text), html);
            if !want.trim().is_empty() {
                proptest::prop_assert!(html.starts_with("<p>"), "not a paragraph: {:?}", html);
            }
        }
    }
}
