//! The `text` report: for a terminal, wrapped to its width.
//!
//! Mentions are coloured by label with ANSI escape codes when colour is on.
//! Without colour (a pipe, a file, `--color never`), they are bracketed with
//! a short label, `[PER Mark Carney]`, the notation of the CoNLL literature,
//! so the report still says what was found. Lines are wrapped word by word
//! here rather than by a wrapping crate because a word may be made of pieces
//! in different styles (`“` plain, `coalition` coloured): each piece is
//! styled and reset on its own, so a line break never leaves a colour open
//! and widths count only what is printed (by Unicode display width).

use unicode_width::UnicodeWidthStr;

use super::{TextRun, TextOptions};
use crate::document::{Document, Entity, Field, Label};

/// Narrower widths are raised to this: below it nothing reads well.
pub(crate) const MIN_WIDTH: usize = 40;

/// Below this width the entity table is printed as a list.
const TABLE_MIN_WIDTH: usize = 60;

/// SGR parameters of each style.
const BOLD: &str = "1";
const DIM: &str = "2";

fn label_sgr(label: Label) -> &'static str {
    match label {
        Label::Person => "1;35",
        Label::Location => "1;32",
        Label::Organization => "1;34",
        Label::Group => "1;36",
        Label::Misc => "1;33",
        Label::Date | Label::Time => "31",
        Label::Money | Label::Percent | Label::Quantity => "33",
    }
}

/// Renders the report.
pub(crate) fn render(doc: &Document, opts: &TextOptions) -> String {
    let width = opts.width.max(MIN_WIDTH);
    let r = Renderer { color: opts.color, width };
    let mut out = String::new();
    r.header(doc, &mut out);
    if doc.meta.caption.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        out.push('\n');
        let mut w = r.wrapper("", Some(DIM));
        w.glue("Photo: ", Some(DIM));
        r.feed_segments(&mut w, &super::field_runs(doc, Field::Caption), Some(DIM));
        out.push_str(&w.finish());
    }
    for range in super::paragraph_ranges(doc) {
        out.push('\n');
        let mut w = r.wrapper("", None);
        r.feed_segments(&mut w, &super::runs(doc, Field::Body, range), None);
        out.push_str(&w.finish());
    }
    if !doc.meta.credits.is_empty() {
        out.push('\n');
        for credit in &doc.meta.credits {
            let mut w = r.wrapper("", Some(DIM));
            w.text(credit, Some(DIM));
            out.push_str(&w.finish());
        }
    }
    r.entities(doc, &mut out);
    r.places(doc, &mut out);
    r.quotes(doc, &mut out);
    r.values(doc, &mut out);
    r.legend(doc, &mut out);
    out
}

struct Renderer {
    color: bool,
    width: usize,
}

impl Renderer {
    fn wrapper(&self, indent: &'static str, base: Option<&'static str>) -> Wrapper<'_> {
        self.hanging("", indent, base)
    }

    /// A wrapper whose first line has its own indent.
    fn hanging(&self, first_indent: &'static str, indent: &'static str, base: Option<&'static str>) -> Wrapper<'_> {
        Wrapper {
            width: self.width,
            indent,
            first_indent,
            color: self.color,
            base,
            lines: Vec::new(),
            line: String::new(),
            line_width: 0,
            word: Vec::new(),
            style: None,
            line_indent: 0,
        }
    }

    fn paint(&self, text: &str, sgr: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn heading(&self, title: &str, out: &mut String) {
        let rule = "─".repeat(self.width.saturating_sub(title.width() + 4).min(60));
        out.push('\n');
        out.push_str(&self.paint(&format!("── {title} {rule}"), BOLD));
        out.push('\n');
    }

    fn header(&self, doc: &Document, out: &mut String) {
        if doc.meta.title.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            let mut w = self.wrapper("", Some(BOLD));
            self.feed_segments(&mut w, &super::field_runs(doc, Field::Title), Some(BOLD));
            out.push_str(&w.finish());
        }
        let mut lines: Vec<String> = Vec::new();
        lines.extend(super::byline(doc));
        let mut when: Vec<String> = Vec::new();
        when.extend(doc.meta.dateline.clone());
        when.extend(doc.meta.published.as_deref().map(|p| format!("Published {}", super::display_time(p))));
        when.extend(doc.meta.updated.as_deref().map(|u| format!("Updated {}", super::display_time(u))));
        if !when.is_empty() {
            lines.push(when.join(" · "));
        }
        let mut about: Vec<String> = Vec::new();
        about.extend(super::language_line(doc).map(|l| format!("Language: {l}")));
        about.extend(super::topic_line(doc).map(|t| format!("Topic: {t}")));
        if !about.is_empty() {
            lines.push(about.join(" · "));
        }
        let mut from: Vec<String> = Vec::new();
        from.extend(doc.meta.site.clone());
        from.extend(doc.url.clone().or_else(|| doc.meta.canonical_url.clone()));
        if !doc.source.is_empty() {
            from.push(format!("Source: {}", doc.source));
        }
        if !from.is_empty() {
            lines.push(from.join(" · "));
        }
        for line in lines {
            let mut w = self.wrapper("", Some(DIM));
            w.text(&line, Some(DIM));
            out.push_str(&w.finish());
        }
    }

    fn feed_segments<'s>(&self, w: &mut Wrapper<'s>, runs: &[TextRun<'s>], base: Option<&'static str>) {
        for s in runs {
            match *s {
                TextRun::Plain(t) => w.text(t, base),
                TextRun::Mention { text, mention, .. } => {
                    let sgr = label_sgr(mention.label);
                    if self.color {
                        w.text(text, Some(sgr));
                    } else {
                        w.glue(&format!("[{} ", super::short_label(mention.label)), None);
                        w.text(text, None);
                        w.glue("]", None);
                    }
                }
            }
        }
    }

    fn entities(&self, doc: &Document, out: &mut String) {
        let entities = super::entities_by_salience(doc);
        if entities.is_empty() {
            return;
        }
        self.heading(&format!("Entities ({}, most salient first)", entities.len()), out);
        if self.width < TABLE_MIN_WIDTH || !self.entity_table(&entities, out) {
            self.entity_list(&entities, out);
        }
    }

    fn entity_list(&self, entities: &[&Entity], out: &mut String) {
        for e in entities {
            let mut w = self.hanging("", "  ", None);
            w.text(&e.name, Some(label_sgr(e.label)));
            out.push_str(&w.finish());
            let mut facts = vec![
                e.label.as_str().to_string(),
                super::plural(e.mention_count, "mention"),
                format!("salience {:.2}", e.salience),
            ];
            if !e.aliases.is_empty() {
                facts.push(format!("also {}", e.aliases.join(", ")));
            }
            if !e.roles.is_empty() {
                facts.push(e.roles.join("; "));
            }
            let facts = facts.join(" · ");
            let mut w = self.hanging("  ", "    ", Some(DIM));
            w.text(&facts, None);
            out.push_str(&w.finish());
        }
    }

    /// The entity table, if its columns fit the width (false when they do not).
    fn entity_table(&self, entities: &[&Entity], out: &mut String) -> bool {
        let headers = ["NAME", "LABEL", "MENTIONS", "SALIENCE", "ALIASES", "ROLES"];
        let rows: Vec<[String; 6]> = entities
            .iter()
            .map(|e| {
                [
                    e.name.clone(),
                    e.label.as_str().to_string(),
                    e.mention_count.to_string(),
                    format!("{:.2}", e.salience),
                    e.aliases.join(", "),
                    e.roles.join("; "),
                ]
            })
            .collect();
        let natural: Vec<usize> =
            (0..6).map(|c| rows.iter().map(|r| r[c].width()).chain([headers[c].width()]).max().unwrap_or(0)).collect();
        let Some(widths) = column_widths(&natural, &[true, false, false, false, true, true], self.width, GAP) else {
            return false;
        };
        let header_cells: Vec<Vec<String>> = headers.iter().map(|h| vec![h.to_string()]).collect();
        out.push_str(&self.table_row(&header_cells, &widths, &[None; 6], BOLD));
        for (row, e) in rows.iter().zip(entities) {
            let cells: Vec<Vec<String>> = row.iter().zip(&widths).map(|(cell, &w)| wrap_plain(cell, w)).collect();
            let styles = [Some(label_sgr(e.label)), None, None, None, None, None];
            out.push_str(&self.table_row(&cells, &widths, &styles, ""));
        }
        true
    }

    /// One table row, each cell already wrapped to its column; numbers are right-aligned.
    fn table_row(&self, cells: &[Vec<String>], widths: &[usize], styles: &[Option<&str>], row_sgr: &str) -> String {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut out = String::new();
        for i in 0..height {
            let mut line = String::new();
            for (c, (cell, &w)) in cells.iter().zip(widths).enumerate() {
                let text = cell.get(i).map_or("", String::as_str);
                let pad = " ".repeat(w.saturating_sub(text.width()));
                let numeric = c == 2 || c == 3;
                let sgr = styles[c].unwrap_or(row_sgr);
                let painted = if sgr.is_empty() || text.is_empty() { text.to_string() } else { self.paint(text, sgr) };
                if numeric {
                    line.push_str(&pad);
                    line.push_str(&painted);
                } else {
                    line.push_str(&painted);
                    line.push_str(&pad);
                }
                line.push_str(&" ".repeat(GAP));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn places(&self, doc: &Document, out: &mut String) {
        let lines = super::places::lines(doc, self.width);
        if !lines.is_empty() {
            self.heading("Places", out);
            lines.iter().for_each(|l| out.push_str(&format!("{l}\n")));
        }
    }

    fn quotes(&self, doc: &Document, out: &mut String) {
        let groups = super::quotes::groups(doc);
        if groups.is_empty() {
            return;
        }
        self.heading("Quotes", out);
        let headings: Vec<String> = groups.iter().map(super::quotes::heading).collect();
        let lines: Vec<Vec<String>> = groups.iter().map(|g| g.quotes.iter().map(|(_, q)| super::quotes::line(q)).collect()).collect();
        for (heading, lines) in headings.iter().zip(&lines) {
            let mut w = self.wrapper("  ", Some(BOLD));
            w.text(heading, Some(BOLD));
            out.push_str(&w.finish());
            for line in lines {
                let mut w = self.hanging("  · ", "    ", None);
                w.text(line, None);
                out.push_str(&w.finish());
            }
        }
    }

    fn values(&self, doc: &Document, out: &mut String) {
        let values = super::values(doc);
        if values.is_empty() {
            return;
        }
        self.heading("Dates and amounts", out);
        let label_width = values.iter().map(|(l, _)| l.as_str().len()).max().unwrap_or(0) + GAP;
        for (label, texts) in values {
            let indent: &'static str = &"                "[..label_width.min(16)];
            let texts = texts.join(" · ");
            let mut w = self.hanging("", indent, None);
            w.glue(&format!("{:<label_width$}", label.as_str()), Some(label_sgr(label)));
            w.text(&texts, None);
            out.push_str(&w.finish());
        }
    }

    fn legend(&self, doc: &Document, out: &mut String) {
        let labels = super::labels_present(doc);
        if labels.is_empty() {
            return;
        }
        out.push('\n');
        let mut w = self.wrapper("", Some(DIM));
        w.glue("Legend: ", Some(DIM));
        for (i, label) in labels.into_iter().enumerate() {
            if i > 0 {
                w.end_word();
            }
            if self.color {
                w.glue(label.as_str(), Some(label_sgr(label)));
            } else {
                w.glue(&format!("[{} ", super::short_label(label)), None);
                w.glue(super::label_words(label), None);
                w.glue("]", None);
            }
        }
        out.push_str(&w.finish());
    }
}

/// Spaces between table columns.
const GAP: usize = 2;

/// Column widths for a table of `natural` widths in `total` columns: the
/// natural widths when they fit. Otherwise the fixed columns keep theirs;
/// the first flexible column (the entity's name) keeps its natural width
/// while the others can still have theirs or half the space, and the other
/// flexible columns share what is left, the narrow ones first satisfied in
/// full. `None` when a flexible column would get under [`FLEX_MIN`].
fn column_widths(natural: &[usize], flexible: &[bool], total: usize, gap: usize) -> Option<Vec<usize>> {
    let gaps = gap * natural.len().saturating_sub(1);
    if natural.iter().sum::<usize>() + gaps <= total {
        return Some(natural.to_vec());
    }
    let fixed: usize = natural.iter().zip(flexible).filter(|(_, f)| !**f).map(|(w, _)| w).sum();
    let flex: Vec<usize> = (0..natural.len()).filter(|&c| flexible[c]).collect();
    let mut left = total.checked_sub(fixed + gaps).filter(|&l| l >= FLEX_MIN * flex.len())?;
    let mut widths: Vec<usize> = natural.iter().zip(flexible).map(|(&w, &f)| if f { 0 } else { w }).collect();
    let (&first, rest) = flex.split_first()?;
    let others: usize = rest.iter().map(|&c| natural[c]).sum();
    let for_first = (left / 2).max(left.saturating_sub(others)).min(left - FLEX_MIN * rest.len());
    widths[first] = natural[first].min(for_first);
    left -= widths[first];
    let mut pending = rest.to_vec();
    pending.sort_by_key(|&c| natural[c]);
    for (i, &c) in pending.iter().enumerate() {
        widths[c] = natural[c].min(left / (pending.len() - i));
        left -= widths[c];
    }
    Some(widths)
}

/// The narrowest a flexible table column gets.
const FLEX_MIN: usize = 8;

/// Wraps plain text to `width` columns, cutting words longer than that.
fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace().flat_map(|w| cut(w, width)) {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts a word into pieces of at most `width` columns (at least one char each).
fn cut(word: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, c) in word.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && i > start {
            pieces.push(&word[start..i]);
            (start, used) = (i, 0);
        }
        used += w;
    }
    pieces.push(&word[start..]);
    pieces
}

/// Lays words out on lines of at most `width` columns. A word is a run of
/// non-space pieces, each with its own style; breaks happen only between words.
struct Wrapper<'a> {
    width: usize,
    indent: &'static str,
    color: bool,
    /// The style of the line's spaces and unstyled pieces' surroundings.
    base: Option<&'static str>,
    lines: Vec<String>,
    line: String,
    line_width: usize,
    word: Vec<(std::borrow::Cow<'a, str>, Option<&'a str>)>,
    /// The style open on the current line.
    style: Option<&'a str>,
    /// The width of the current line's indent.
    line_indent: usize,
    /// The indent of the first line (`indent` is that of the others).
    first_indent: &'static str,
}

impl<'a> Wrapper<'a> {
    /// Adds text, breaking words at whitespace.
    fn text(&mut self, text: &'a str, sgr: Option<&'a str>) {
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    self.word.push((text[s..i].into(), sgr));
                }
                self.end_word();
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            self.word.push((text[s..].into(), sgr));
        }
    }

    /// Adds text to the current word as it is, spaces included (never broken).
    fn glue(&mut self, text: &str, sgr: Option<&'a str>) {
        self.word.push((text.to_string().into(), sgr));
    }

    /// Ends the current word, placing it on the current line or the next. A
    /// word wider than a whole line (a URL, a paragraph of Chinese) is cut
    /// between chars wherever the line is full.
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let width: usize = self.word.iter().map(|(t, _)| t.width()).sum();
        if self.line_width > 0 && self.line_width + 1 + width > self.width {
            self.break_line();
        }
        if self.line_width == 0 {
            self.start_line();
        } else {
            self.line.push(' ');
            self.line_width += 1;
        }
        for (text, sgr) in std::mem::take(&mut self.word) {
            let style = sgr.or(self.base).filter(|_| self.color);
            self.set_style(style);
            if self.line_width + text.width() <= self.width {
                self.line.push_str(&text);
                self.line_width += text.width();
                continue;
            }
            for c in text.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if self.line_width + w > self.width && self.line_width > self.line_indent {
                    self.break_line();
                    self.start_line();
                    self.set_style(style);
                }
                self.line.push(c);
                self.line_width += w;
            }
        }
    }

    /// Starts a line with its indent.
    fn start_line(&mut self) {
        let indent = if self.lines.is_empty() { self.first_indent } else { self.indent };
        self.line.push_str(indent);
        self.line_indent = indent.width();
        self.line_width = self.line_indent;
    }

    /// Switches the style of what follows, emitting escape codes only on a change.
    fn set_style(&mut self, sgr: Option<&'a str>) {
        if sgr == self.style {
            return;
        }
        if self.style.is_some() {
            self.line.push_str("\x1b[0m");
        }
        if let Some(sgr) = sgr {
            self.line.push_str(&format!("\x1b[{sgr}m"));
        }
        self.style = sgr;
    }

    /// Ends the line, closing any open style so that none runs into the next.
    fn break_line(&mut self) {
        self.set_style(None);
        self.lines.push(std::mem::take(&mut self.line));
        self.line_width = 0;
    }

    /// The wrapped lines, each ending in a newline.
    fn finish(mut self) -> String {
        self.end_word();
        if self.line_width > 0 {
            self.break_line();
        }
        let mut out = String::new();
        for line in self.lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn no_line_is_wider_than_asked() {
        let doc = sample::document();
        for width in [40, 50, 60, 72, 80, 120] {
            for color in [false, true] {
                let text = render(&doc, &TextOptions { color, width });
                for line in text.lines() {
                    let plain = strip_ansi(line);
                    assert!(
                        plain.width() <= width,
                        "width {width}, color {color}: line too wide ({}): {plain:?}",
                        plain.width()
                    );
                }
            }
        }
    }

    #[test]
    fn without_colour_mentions_are_bracketed_and_nothing_is_escaped() {
        let doc = sample::document();
        let text = render(&doc, &TextOptions { color: false, width: 200 });
        assert!(!text.contains('\x1b'), "no escape codes without colour");
        for want in [
            "[PER Mark Carney]",
            "[ORG NATO]",
            "“[GRP coalition of the willing]”",
            "[MONEY $29bn]",
            "[DATE Tuesday]",
            "[PER Carney] <meets> allies in [LOC Paris]",
        ] {
            assert!(text.contains(want), "expected {want:?} in:\n{text}");
        }
    }

    #[test]
    fn with_colour_every_style_is_closed_on_its_line() {
        let doc = sample::document();
        let text = render(&doc, &TextOptions { color: true, width: 40 });
        for line in text.lines() {
            assert_eq!(
                line.matches("\x1b[0m").count(),
                line.matches('\x1b').count() / 2,
                "unbalanced styles in {line:?}"
            );
        }
        let wide = render(&doc, &TextOptions { color: true, width: 200 });
        assert!(wide.contains("\x1b[1;35mMark Carney\x1b[0m"), "a person is magenta and bold:\n{wide}");
        let plain = strip_ansi(&wide);
        assert!(plain.contains("Prime Minister Mark Carney met NATO chief"), "colour replaces the brackets:\n{plain}");
    }

    #[test]
    fn the_report_says_what_the_document_holds() {
        let doc = sample::document();
        let text = render(&doc, &TextOptions { color: false, width: 100 });
        for want in [
            "By Craig Lord, The Canadian Press",
            "PARIS · Published 2026-01-06 04:00 · Updated 2026-01-06 05:32 UTC",
            "Language: English (eng, confidence 0.98) · Topic: politics (0.81), conflict (0.35)",
            "Photo: [PER Mark Carney] arrives",
            "This report by The Canadian Press",
            "Prime Minister",
            "DATE     Tuesday",
            "[PER person]",
        ] {
            assert!(text.contains(want), "expected {want:?} in:\n{text}");
        }
        let carney = text.find("\nMark Carney ").expect("Carney row");
        let nato = text.find("\nNATO ").expect("NATO row");
        assert!(carney < nato, "entities must be sorted by salience");
    }

    #[test]
    fn narrow_terminals_get_an_entity_list() {
        let doc = sample::document();
        let text = render(&doc, &TextOptions { color: false, width: 40 });
        let want = "\nMark Carney\n  PERSON · 4 mentions · salience 0.90 ·\n    also Carney · Prime Minister\nParis\n";
        assert!(text.contains(want), "expected {want:?} in:\n{text}");
    }

    /// Natural widths, which columns are flexible, the total width, the widths wanted.
    type WidthCase = (&'static [usize], &'static [bool], usize, Option<&'static [usize]>);

    #[test]
    fn column_widths_share_the_space() {
        let cases: [WidthCase; 7] = [
            (&[10, 6, 3], &[true, false, false], 40, Some(&[10, 6, 3])),
            (&[30, 6, 30], &[true, false, true], 40, Some(&[15, 6, 15])),
            (&[12, 6, 30], &[true, false, true], 40, Some(&[12, 6, 18])),
            (&[5, 6, 60], &[true, false, true], 40, Some(&[5, 6, 25])),
            (&[30, 30, 30], &[true, false, true], 40, None),
            (&[30, 20, 30], &[true, false, true], 40, Some(&[8, 20, 8])),
            (&[25, 12, 8, 8, 18, 25], &[true, false, false, false, true, true], 100, Some(&[25, 12, 8, 8, 18, 19])),
        ];
        for (natural, flexible, total, want) in cases {
            assert_eq!(column_widths(natural, flexible, total, 2).as_deref(), want, "natural {natural:?} in {total}");
        }
    }

    #[test]
    fn long_words_are_cut_to_fit() {
        assert_eq!(wrap_plain("secretary-general of NATO", 8), ["secretar", "y-genera", "l of", "NATO"]);
        assert_eq!(wrap_plain("", 8), [""]);
        assert_eq!(cut("日本語", 3), ["日", "本", "語"], "wide chars count two columns");
    }

    #[test]
    fn empty_documents_render() {
        let doc = crate::document::Document::default();
        assert_eq!(render(&doc, &TextOptions::default()), "");
    }

    #[test]
    fn words_wider_than_a_line_are_cut() {
        let mut doc = sample::document();
        doc.body = format!("See {} and 中华人民共和国国务院总理{}", "x".repeat(90), "今天".repeat(30));
        doc.paragraphs.clear();
        doc.mentions.retain(|m| m.field != Field::Body);
        for color in [false, true] {
            let text = render(&doc, &TextOptions { color, width: 40 });
            let widest = text.lines().map(|l| strip_ansi(l).width()).max().unwrap();
            assert!(widest <= 40, "a line of {widest} columns:\n{text}");
            assert!(strip_ansi(&text).contains(&format!("See\n{}\n", "x".repeat(40))), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        #[test]
        fn no_line_is_ever_wider_than_the_width(
            words in proptest::collection::vec("[a-zé🎉中\\-]{0,70}", 0..60),
            width in 0usize..110,
            color: bool,
        ) {
            let mut doc = sample::document();
            doc.body = words.join(" ");
            doc.paragraphs.clear();
            doc.mentions.retain(|m| m.field != Field::Body);
            let text = render(&doc, &TextOptions { color, width });
            for line in text.lines() {
                let plain = strip_ansi(line);
                proptest::prop_assert!(plain.width() <= width.max(MIN_WIDTH), "{:?} is wider than {}", plain, width);
            }
        }
    }
}
