//! The `html` report: one self-contained page, for a laptop or a phone.
//!
//! Everything is in the file: inline CSS, system fonts, no script, no image.
//! A Content-Security-Policy in the page forbids every fetch but inline
//! styles, so even a URL that slipped into the text could not make the
//! browser fetch anything. All text from the article is HTML-escaped (text
//! and attributes alike).
//!
//! Mentions are highlighted by label (with a legend). Hovering over or
//! focusing a mention shows its canonical entity in a CSS tooltip (on touch
//! screens, as a bar at the bottom of the screen); a mention of an entity is
//! also a link to its row of the entity table. On a wide screen an "at a
//! glance" column beside the story lists the most salient entities; on a
//! narrow one it comes after the headline, and the entity table becomes a
//! list of cards. Colours follow the system's light or dark scheme.

use std::fmt::Write;

use super::TextRun;
use crate::document::{Document, Entity, Field, Label};

/// Entities listed "at a glance".
const GLANCE_ENTITIES: usize = 8;

/// Renders the report.
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(16 * 1024 + doc.body.len() * 3);
    let title = doc.meta.title.as_deref().filter(|t| !t.trim().is_empty());
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         img-src data:; base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"generator\" content=\"newsnlp report\">\n<link rel=\"icon\" href=\"data:,\">\n");
    let _ = writeln!(out, "<title>{} · newsnlp report</title>", esc(title.unwrap_or(&doc.id)));
    out.push_str("<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main class=\"page\">\n");
    header(doc, &mut out);
    glance(doc, &mut out);
    story(doc, &mut out);
    entity_table(doc, &mut out);
    super::places::html(doc, &mut out, esc);
    super::quotes::html(doc, &mut out, esc, anchor);
    values(doc, &mut out);
    metadata(doc, &mut out);
    out.push_str("<footer class=\"foot\"><p>Entity report by newsnlp");
    if !doc.source.is_empty() {
        let _ = write!(out, " from <code>{}</code>", esc(&doc.source));
    }
    out.push_str(". Offsets of every sentence and mention: <code>newsnlp report --format json</code>.</p></footer>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(doc: &Document, out: &mut String) {
    out.push_str("<header class=\"head\">\n<p class=\"kicker\">Entity report</p>\n");
    let title = super::field_runs(doc, Field::Title);
    if !title.is_empty() {
        let _ = writeln!(out, "<h1>{}</h1>", marked(&title));
    }
    if let Some(b) = super::byline(doc) {
        let _ = writeln!(out, "<p class=\"byline\">{}</p>", esc(&b));
    }
    let mut when = Vec::new();
    if let Some(d) = &doc.meta.dateline {
        when.push(format!("<span class=\"dateline\">{}</span>", esc(d)));
    }
    for (word, time) in [("Published", &doc.meta.published), ("Updated", &doc.meta.updated)] {
        if let Some(t) = time {
            when.push(format!("{word} <time datetime=\"{}\">{}</time>", esc(t), esc(&super::display_time(t))));
        }
    }
    if !when.is_empty() {
        let _ = writeln!(out, "<p class=\"when\">{}</p>", when.join(" <span class=\"sep\">·</span> "));
    }
    let mut chips = Vec::new();
    if let Some(name) = super::language_name(doc) {
        let confidence = doc.language.map_or(0.0, |l| l.confidence);
        chips.push(format!(
            "<span class=\"chip\" title=\"Language detector confidence {confidence:.2}\">{}</span>",
            esc(name)
        ));
    }
    if let Some(best) = doc.top_topic() {
        chips.push(format!(
            "<span class=\"chip topic\" title=\"Topic score {:.2}\">{} <small>{:.2}</small></span>",
            best.score,
            esc(&best.label),
            best.score
        ));
        for t in doc.topics[1..].iter().filter(|t| t.score >= crate::document::LIST_THRESHOLD) {
            chips.push(format!("<span class=\"chip\">{} <small>{:.2}</small></span>", esc(&t.label), t.score));
        }
    }
    if !chips.is_empty() {
        let _ = writeln!(out, "<p class=\"chips\">{}</p>", chips.join(" "));
    }
    out.push_str("</header>\n");
}

fn glance(doc: &Document, out: &mut String) {
    let entities = super::entities_by_salience(doc);
    let labels = super::labels_present(doc);
    if entities.is_empty() && labels.is_empty() {
        return;
    }
    out.push_str("<aside class=\"glance\" aria-label=\"At a glance\">\n");
    if !entities.is_empty() {
        out.push_str("<h2>Who and what</h2>\n<ol class=\"top\">\n");
        for e in entities.iter().take(GLANCE_ENTITIES) {
            let _ = writeln!(
                out,
                "<li><a class=\"m {}\" href=\"#{}\">{}</a> <span class=\"n\" title=\"{}\">{}<span class=\"w\"> {}</span></span>{}</li>",
                class(e.label),
                anchor(e),
                esc(&e.name),
                super::plural(e.mention_count, "mention"),
                e.mention_count,
                if e.mention_count == 1 { "mention" } else { "mentions" },
                e.roles.first().map_or(String::new(), |r| format!("<span class=\"role\">{}</span>", esc(r))),
            );
        }
        out.push_str("</ol>\n");
        if entities.len() > GLANCE_ENTITIES {
            let _ = writeln!(out, "<p class=\"more\"><a href=\"#entities\">All {} entities</a></p>", entities.len());
        }
    }
    if !labels.is_empty() {
        out.push_str("<h2>Legend</h2>\n<p class=\"legend\">");
        for label in labels {
            let _ = write!(
                out,
                "<span class=\"m {}\">{}<span class=\"t\">{}</span></span> ",
                class(label),
                super::label_words(label),
                super::short_label(label)
            );
        }
        out.push_str("</p>\n");
    }
    out.push_str("</aside>\n");
}

fn story(doc: &Document, out: &mut String) {
    out.push_str("<article class=\"story\" dir=\"auto\">\n");
    let caption = super::field_runs(doc, Field::Caption);
    if !caption.is_empty() {
        let _ = writeln!(
            out,
            "<figure class=\"photo\"><figcaption><b>Photo</b> {}</figcaption></figure>",
            marked(&caption)
        );
    }
    for range in super::paragraph_ranges(doc) {
        let _ = writeln!(out, "<p>{}</p>", marked(&super::runs(doc, Field::Body, range)));
    }
    if !doc.meta.credits.is_empty() {
        out.push_str("<footer class=\"credits\">\n");
        for c in &doc.meta.credits {
            let _ = writeln!(out, "<p>{}</p>", esc(c));
        }
        out.push_str("</footer>\n");
    }
    out.push_str("</article>\n");
}

fn entity_table(doc: &Document, out: &mut String) {
    let entities = super::entities_by_salience(doc);
    if entities.is_empty() {
        return;
    }
    out.push_str("<section class=\"entities\" id=\"entities\">\n<h2>Entities</h2>\n");
    out.push_str(
        "<p class=\"note\">Most salient first. Salience, from 0 to 1, counts the mentions, how early the first \
         one comes and whether the headline names the entity.</p>\n",
    );
    out.push_str("<table class=\"ents\">\n<thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Label</th>");
    out.push_str("<th scope=\"col\" class=\"num\">Mentions</th><th scope=\"col\">Salience</th><th scope=\"col\">Aliases</th><th scope=\"col\">Roles</th></tr></thead>\n<tbody>\n");
    for e in entities {
        let pct = (e.salience.clamp(0.0, 1.0) * 100.0).round();
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><th scope=\"row\"><span class=\"m {}\">{}</span></th><td data-h=\"Label\">{}</td>\
             <td class=\"num\" data-h=\"Mentions\">{}</td><td data-h=\"Salience\"><span class=\"sal\">\
             <span class=\"bar\"><span style=\"width:{pct}%\"></span></span>{:.2}</span></td>\
             <td data-h=\"Aliases\">{}</td><td data-h=\"Roles\">{}</td></tr>",
            anchor(e),
            class(e.label),
            esc(&e.name),
            e.label,
            e.mention_count,
            e.salience,
            esc(&e.aliases.join(", ")),
            esc(&e.roles.join("; ")),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn values(doc: &Document, out: &mut String) {
    let values = super::values(doc);
    if values.is_empty() {
        return;
    }
    out.push_str("<section class=\"values\">\n<h2>Dates and amounts</h2>\n<dl class=\"facts\">\n");
    for (label, texts) in values {
        let items: Vec<String> =
            texts.iter().map(|t| format!("<span class=\"m {}\">{}</span>", class(label), esc(t))).collect();
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", super::label_words(label), items.join(" "));
    }
    out.push_str("</dl>\n</section>\n");
}

fn metadata(doc: &Document, out: &mut String) {
    let m = &doc.meta;
    let mut rows: Vec<(&str, String)> = Vec::new();
    let mut push = |name: &'static str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            rows.push((name, esc(v)));
        }
    };
    push("Article id", Some(&doc.id));
    push("Headline", m.title.as_deref());
    push("Byline", m.byline.as_deref());
    push("Authors", Some(&m.authors.join(", ")));
    push("Agency", m.agency.as_deref());
    push("Dateline", m.dateline.as_deref());
    push("Published", m.published.as_deref());
    push("Updated", m.updated.as_deref());
    push("Site", m.site.as_deref());
    push("URL", doc.url.as_deref());
    push("Canonical URL", m.canonical_url.as_deref());
    push("Declared language", m.declared_language.as_deref());
    push("Language", super::language_line(doc).as_deref());
    push("Topic", super::topic_line(doc).as_deref());
    push("Source", Some(&doc.source));
    let counts = format!(
        "{}, {}, {}, {}, {}",
        super::plural(doc.paragraphs.len(), "paragraph"),
        super::plural(doc.sentences.len(), "sentence"),
        super::plural(doc.tokens.len(), "token"),
        super::plural(doc.mentions.len(), "mention"),
        super::plural(doc.entities.len(), "entity").replace("entitys", "entities"),
    );
    push("Counts", Some(&counts));
    if doc.lossy_utf8 {
        push("Note", Some("invalid UTF-8 in the input was replaced"));
    }
    out.push_str("<section class=\"meta\">\n<h2>Metadata</h2>\n<dl class=\"facts\">\n");
    for (name, value) in rows {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>\n</section>\n");
}

/// Segments as HTML, mentions highlighted: entity mentions link to their
/// table row, values can be focused to show their label.
fn marked(runs: &[TextRun<'_>]) -> String {
    let mut out = String::new();
    for s in runs {
        match *s {
            TextRun::Plain(t) => out.push_str(&esc(t)),
            TextRun::Mention { text, mention, entity } => {
                let note = esc(&super::mention_note(mention, entity));
                let label = super::short_label(mention.label);
                let cls = class(mention.label);
                match entity {
                    Some(e) => {
                        let _ = write!(
                            out,
                            "<a class=\"m {cls}\" href=\"#{}\" data-tip=\"{note}\">{}<span class=\"t\">{label}</span></a>",
                            anchor(e),
                            esc(text)
                        );
                    }
                    None => {
                        let _ = write!(
                            out,
                            "<span class=\"m {cls}\" tabindex=\"0\" data-tip=\"{note}\">{}<span class=\"t\">{label}</span></span>",
                            esc(text)
                        );
                    }
                }
            }
        }
    }
    out
}

/// The CSS class of a label.
fn class(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Location => "location",
        Label::Organization => "org",
        Label::Group => "group",
        Label::Misc => "misc",
        Label::Date => "date",
        Label::Time => "time",
        Label::Money => "money",
        Label::Percent => "percent",
        Label::Quantity => "quantity",
    }
}

/// The id of an entity's table row: `e-` and its stable id, kept to characters
/// that need no escaping in a URL fragment.
fn anchor(e: &Entity) -> String {
    let id: String =
        e.id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("e-{id}")
}

/// Escapes text for HTML content and quoted attribute values alike.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = r#":root {
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  --paper: #fdfcfa; --ink: #1d1f23; --muted: #5d6470; --rule: #e3e1dc; --panel: #f4f2ee;
  --tip-bg: #1d1f23; --tip-ink: #fdfcfa; --accent: #9c2f24;
}
.person   { --bg: #fbe3ee; --fg: #ad2c67; }
.location { --bg: #dff2e4; --fg: #2a7a40; }
.org      { --bg: #e0eafb; --fg: #2c5cb5; }
.group    { --bg: #d9f2f1; --fg: #107a78; }
.misc     { --bg: #fbeed6; --fg: #9a5d08; }
.date, .time { --bg: #ece5fa; --fg: #6844b0; }
.money, .percent, .quantity { --bg: #eaedf1; --fg: #56616f; }
@media (prefers-color-scheme: dark) {
  :root { --paper: #16181c; --ink: #e6e4df; --muted: #a0a6b0; --rule: #2e3239; --panel: #1f2228;
          --tip-bg: #e6e4df; --tip-ink: #16181c; --accent: #f08a7e; }
  .person   { --bg: #472036; --fg: #f595c0; }
  .location { --bg: #1d3d27; --fg: #86d89c; }
  .org      { --bg: #1d2e4e; --fg: #93b7f7; }
  .group    { --bg: #163c3c; --fg: #74d7d4; }
  .misc     { --bg: #45321a; --fg: #f0b865; }
  .date, .time { --bg: #2f2547; --fg: #bba3f2; }
  .money, .percent, .quantity { --bg: #2a3038; --fg: #aab6c5; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.0625rem/1.6 var(--serif); }
.page { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, .kicker, .byline, .when, .chips, .glance, .note, table, .facts, .foot, figcaption { font-family: var(--sans); }
.kicker { margin: 0 0 .5rem; color: var(--accent); font-size: .75rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 0 0 .75rem; font-size: clamp(1.6rem, 1.1rem + 2.2vw, 2.35rem); line-height: 1.18; letter-spacing: -.01em; }
h2 { margin: 2.25rem 0 .75rem; font-size: 1.05rem; letter-spacing: .01em; }
.byline { margin: 0; font-weight: 600; }
.when { margin: .15rem 0 0; color: var(--muted); font-size: .9rem; }
.dateline { font-weight: 700; color: var(--ink); letter-spacing: .03em; }
.sep { padding: 0 .15em; }
.chips { margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.chip { display: inline-block; padding: .1rem .6rem; border: 1px solid var(--rule); border-radius: 1rem; font-size: .8rem; background: var(--panel); }
.chip small { color: var(--muted); font-size: .75rem; }
.chip.topic { border-color: var(--accent); }
.head { padding-bottom: 1.25rem; border-bottom: 1px solid var(--rule); }
.story { margin-top: 1.5rem; }
.story p { margin: 0 0 1.1em; overflow-wrap: anywhere; hyphens: auto; }
.photo { margin: 0 0 1.5rem; padding: .75rem 1rem; background: var(--panel); border-left: 3px solid var(--rule); border-radius: 0 .4rem .4rem 0; }
figcaption { font-size: .875rem; line-height: 1.55; color: var(--muted); }
figcaption b { color: var(--ink); margin-right: .25em; }
.credits { margin-top: 1.5rem; padding-top: .75rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .9rem; font-style: italic; }
.credits p { margin: 0 0 .35em; }
.m { position: relative; padding: .05em .2em; border-radius: .25em; background: var(--bg); color: inherit;
     box-shadow: inset 0 -2px 0 var(--fg); text-decoration: none; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
a.m:hover, .m:focus-visible { outline: 2px solid var(--fg); outline-offset: 1px; }
.m .t { margin-left: .3em; color: var(--fg); font: 700 .58em/1 var(--sans); letter-spacing: .05em; vertical-align: .2em; }
h1 .m { padding: 0 .12em; box-shadow: inset 0 -3px 0 var(--fg); }
h1 .m .t { font-size: .36em; vertical-align: .9em; }
.m[data-tip]:hover::after, .m[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; bottom: calc(100% + .35rem); z-index: 10;
  width: max-content; max-width: min(22rem, 80vw); padding: .35rem .6rem; border-radius: .35rem;
  background: var(--tip-bg); color: var(--tip-ink); font: 500 .8rem/1.35 var(--sans); letter-spacing: 0;
  box-shadow: 0 .25rem 1rem rgb(0 0 0 / .25); pointer-events: none; white-space: normal; }
@media (hover: none) {
  .m[data-tip]:focus::after { position: fixed; left: 1rem; right: 1rem; bottom: 1rem; width: auto; max-width: none; font-size: .95rem; padding: .6rem .9rem; }
}
.glance { margin: 1.25rem 0 0; padding: 1rem 1.1rem; background: var(--panel); border-radius: .6rem; font-size: .9rem; }
.glance h2 { margin: 0 0 .5rem; font-size: .75rem; color: var(--muted); letter-spacing: .08em; text-transform: uppercase; }
.glance h2 + * { margin-top: 0; }
.glance .legend + h2, .glance ol + h2, .glance .more + h2 { margin-top: 1rem; }
.top { margin: 0; padding: 0; list-style: none; display: grid; gap: .45rem; }
.top li { line-height: 1.35; }
.top .n { color: var(--muted); font-size: .8rem; white-space: nowrap; }
.top .role { display: block; color: var(--muted); font-size: .8rem; }
.more { margin: .6rem 0 0; }
.more a { color: var(--accent); }
.legend { margin: 0; display: flex; flex-wrap: wrap; gap: .35rem .5rem; line-height: 1.9; }
.note { margin: -.25rem 0 .75rem; color: var(--muted); font-size: .85rem; }
.ents { width: 100%; border-collapse: collapse; font-size: .875rem; line-height: 1.4; }
.ents th, .ents td { padding: .5rem .6rem .5rem 0; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
.ents thead th { color: var(--muted); font-size: .75rem; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; }
.ents tbody th { font-weight: 600; }
.ents .num { text-align: right; font-variant-numeric: tabular-nums; }
.ents tr:target { background: var(--panel); }
.ents tr:target th .m { outline: 2px solid var(--fg); }
.sal { display: inline-flex; align-items: center; gap: .4rem; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 3.5rem; height: .4rem; border-radius: .2rem; background: var(--rule); overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--accent); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; font-size: .875rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; line-height: 1.9; }
.values .facts dd { display: flex; flex-wrap: wrap; gap: .3rem .45rem; }
.foot { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
code { font-size: .9em; overflow-wrap: anywhere; }
@media (min-width: 72rem) {
  .page { max-width: 74rem; display: grid; grid-template-columns: minmax(0, 1fr) 19rem; column-gap: 3.5rem; padding-top: 2.5rem; }
  .page > * { grid-column: 1; }
  .glance { grid-column: 2; grid-row: 1 / span 7; align-self: start; position: sticky; top: 1.5rem; margin-top: 0; }
}
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  .glance { padding: .75rem .9rem; }
  .top { display: flex; flex-wrap: wrap; gap: .35rem .6rem; }
  .top .role, .top .n .w { display: none; }
  .top .n::before { content: "×"; }
  .legend { line-height: 1.6; font-size: .8rem; }
  .page { padding: 1rem .9rem 2rem; }
  .ents thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .ents, .ents tbody, .ents tr, .ents th, .ents td { display: block; width: 100%; }
  .ents tr { padding: .6rem 0; border-bottom: 1px solid var(--rule); }
  .ents th, .ents td { padding: .1rem 0; border: 0; text-align: left; }
  .ents .num { text-align: left; }
  .ents td:empty { display: none; }
  .ents td[data-h]::before { content: attr(data-h) ": "; color: var(--muted); }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: .5rem; }
}
@media print {
  .glance { display: none; }
  .m[data-tip]::after { display: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn article_text_is_escaped() {
        let cases = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
            ("€ 🎉", "€ 🎉"),
        ];
        for (text, want) in cases {
            assert_eq!(esc(text), want, "esc({text:?})");
        }
        let mut doc = sample::document();
        doc.meta.byline = Some("<img src=x onerror=alert(1)>".into());
        doc.entities[0].roles = vec!["\" onmouseover=\"alert(1)".into()];
        let html = render(&doc);
        assert!(html.contains("Carney &lt;meets&gt; allies"), "headline text must be escaped");
        assert!(!html.contains("<img"), "no markup from the article may reach the page");
        assert!(!html.contains("\" onmouseover"), "attribute values must be escaped");
    }

    #[test]
    fn mentions_link_to_their_entity_and_show_it_on_hover() {
        let doc = sample::document();
        let html = render(&doc);
        assert!(
            html.contains("<a class=\"m person\" href=\"#e-id-mark-carney\" data-tip=\"Mark Carney · PERSON · Prime Minister\">Carney<span class=\"t\">PER</span></a>"),
            "{html}"
        );
        assert!(html.contains("<tr id=\"e-id-mark-carney\">"), "the link target must exist");
        assert!(html.contains("tabindex=\"0\" data-tip=\"DATE\">Tuesday"), "values can be focused to show their label");
    }

    #[test]
    fn the_page_fetches_nothing() {
        let html = render(&sample::document());
        for needle in ["src=", "url(", "@import", "<script", "<img", "<iframe", "<object", "<embed"] {
            assert!(!html.contains(needle), "{needle:?} in the page could make the browser fetch something");
        }
        for (i, _) in html.match_indices("href=\"") {
            let target = &html[i + 6..];
            assert!(
                target.starts_with('#') || target.starts_with("data:"),
                "a link that leaves the page: {}",
                &target[..40.min(target.len())]
            );
        }
        assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    #[test]
    fn every_label_has_colours_in_both_schemes() {
        for label in Label::ALL {
            let selector = format!(".{}", class(label));
            let rules =
                CSS.match_indices(&selector).filter(|(i, _)| CSS[i + selector.len()..].starts_with([' ', ','])).count();
            assert_eq!(rules, 2, "{selector} needs a light and a dark colour pair");
        }
    }

    #[test]
    fn empty_documents_render() {
        let html = render(&crate::document::Document::default());
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    }
}
