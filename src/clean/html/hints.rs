//! What an element's tag, `class`, `id` and `role` say about its content.
//!
//! Class and id values are split into words (on `-`, `_`, spaces, digits and
//! camelCase humps), so that `relatedPosts`, `article-footer` and
//! `social_share` name what they are while `navy` or `shared-content` do
//! not. A word names boilerplate (navigation, footers, sharing, related
//! stories, newsletters, cookie and privacy dialogs, ads, fact and author
//! boxes), readers' comments, a caption, the lead, or the article itself
//! (an article word with a text word: `entry-content`, `story-body`). The
//! words are English plus a few German ones common on German sites; they
//! name page regions, not sites.

/// The verdict of an element's hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing either way.
    None,
    /// Names boilerplate: navigation, footer, sharing, related links...
    Boilerplate,
    /// Names readers' comments: boilerplate however much text it holds.
    Comments,
    /// Names the article or its text.
    Content,
}

/// Tags that are chrome wherever they appear.
pub(crate) fn boilerplate_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "menu" | "dialog")
}

/// What one word of a class or id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A boilerplate region: navigation, footer, sharing, related links, calls to action, banners, ads.
    Boilerplate,
    /// Readers' comments.
    Comments,
    /// The article itself; `article` alone is enough to mark it.
    Article,
    /// A text region; with an [`Word::Article`] word it names the article's text
    /// (`entry-content`, `post-body`, `story-text`). Alone it is too common to mean anything.
    Text,
    /// A photo caption or credit.
    Caption,
    /// The article's lead or standfirst.
    Lead,
}

/// The meaning of a lower-case word, if it has one.
fn word_meaning(w: &str) -> Option<Word> {
    Some(match w {
        // navigation and page furniture
        "nav" | "navbar" | "navi" | "navigation" | "menu" | "menubar" | "breadcrumb" | "breadcrumbs" | "pagination"
        | "pager" | "footer" | "sidebar" | "toolbar" | "masthead" | "topbar"
        // sharing
        | "share" | "sharing" | "shares" | "social" | "socials" | "sociable" | "shariff" | "addthis" | "sharethis"
        // other stories
        | "related" | "recommended" | "recommendations" | "recommendation" | "teasers" | "outbrain" | "taboola"
        | "trending" | "readmore"
        // calls to action
        | "newsletter" | "subscribe" | "subscription" | "signup" | "login" | "register" | "donate" | "donation"
        // banners
        | "cookie" | "cookies" | "consent" | "gdpr" | "privacy" | "banner" | "popup" | "modal" | "overlay" | "dialog"
        // ads
        | "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "sponsor" | "sponsored" | "promo"
        | "promotion" | "commercial" | "anzeige" | "werbung"
        // lists of links about the page
        | "tags" | "keywords" | "categories" | "bio"
        // boxes set into the article: fact boxes, author boxes, info panels
        | "infobox" | "factbox" | "textbox" | "contentbox" | "kasten" | "author" | "authorbox" => Word::Boilerplate,
        "comment" | "comments" | "kommentare" | "disqus" | "respond" | "reply" | "replies" => Word::Comments,
        "article" | "articlebody" | "entry" | "post" | "story" | "artikel" | "beitrag" | "blog" | "news" => Word::Article,
        "content" | "body" | "text" | "inhalt" | "main" | "richtext" | "prose" | "copy" => Word::Text,
        "caption" | "captions" | "figcaption" | "credit" | "credits" | "copyright" | "legend" | "bildunterschrift"
        | "bildtext" => Word::Caption,
        "lead" | "intro" | "standfirst" | "summary" | "abstract" | "subtitle" | "subheadline" | "subhead" | "dek"
        | "deck" | "excerpt" => Word::Lead,
        _ => return None,
    })
}

/// Whole class tokens that hide an element from readers. Responsive
/// variants (`hidden-xs`) only hide it on some screens, so they do not count.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "is-hidden",
    "d-none",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "element-invisible",
    "offscreen",
    "u-hidden",
    "hide",
    "invisible",
];

/// Whether a class attribute hides the element from sighted readers.
pub(crate) fn hidden_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| HIDDEN_CLASSES.iter().any(|h| t.eq_ignore_ascii_case(h)))
}

/// Whether an inline style hides the element.
pub(crate) fn hidden_style(style: &str) -> bool {
    let mut compact = [0u8; 64];
    let mut hidden = false;
    // A declaration at a time: "display : none", "VISIBILITY:hidden".
    for decl in style.split(';') {
        let mut n = 0;
        for b in decl.bytes().filter(|b| !b.is_ascii_whitespace()) {
            if n == compact.len() {
                break;
            }
            compact[n] = b.to_ascii_lowercase();
            n += 1;
        }
        hidden |= matches!(&compact[..n], b"display:none" | b"visibility:hidden");
    }
    hidden
}

/// Whether a class names the article's byline or author ("byline",
/// "article-author", "autor").
pub(crate) fn names_byline(class: &str) -> bool {
    // Most classes name nothing of the kind: a substring test spares them the word split.
    if !class.as_bytes().windows(4).any(|w| w == b"utho" || w == b"utor" || w.eq_ignore_ascii_case(b"line")) {
        return false;
    }
    let mut found = false;
    for_each_word(class, |w| found |= matches!(w, "byline" | "author" | "authors" | "autor" | "autorin"));
    found
}

/// What an element's attributes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hints {
    /// Boilerplate, comments, the article, or nothing.
    pub hint: Hint,
    /// Whether it names a photo caption or credit.
    pub caption: bool,
    /// Whether it names the article's lead or standfirst.
    pub lead: bool,
}

/// Classifies an element by its `class`, `id` and `role`. Content means the
/// article's text (`entry-content`, `article-body`, `role=main`), not any
/// region with "content" or "text" in its name.
pub(crate) fn classify(class: Option<&str>, id: Option<&str>, role: Option<&str>) -> Hints {
    let mut caption = false;
    let mut lead = false;
    let mut content = false;
    let mut verdict = None;
    for value in [class, id].into_iter().flatten() {
        let (mut boiler, mut comments, mut article, mut text, mut bare_article) = (false, false, false, false, false);
        for_each_word(value, |w| match word_meaning(w) {
            Some(Word::Comments) => comments = true,
            Some(Word::Boilerplate) => boiler = true,
            Some(Word::Article) => {
                article = true;
                bare_article |= w == "article" || w == "articlebody";
            }
            Some(Word::Text) => text = true,
            Some(Word::Caption) => caption = true,
            Some(Word::Lead) => lead = true,
            None => {}
        });
        if verdict.is_none() {
            if comments {
                verdict = Some(Hint::Comments);
            } else if boiler {
                verdict = Some(Hint::Boilerplate);
            }
        }
        content |= bare_article || (article && text);
    }
    let role_hint = match role {
        Some(
            "navigation" | "menu" | "menubar" | "contentinfo" | "complementary" | "banner" | "search" | "dialog"
            | "alert" | "alertdialog",
        ) => Some(Hint::Boilerplate),
        Some("main" | "article") => Some(Hint::Content),
        _ => None,
    };
    let hint = role_hint.or(verdict).unwrap_or(if content { Hint::Content } else { Hint::None });
    Hints { hint, caption, lead }
}

/// Calls `f` with each lower-case ASCII word of a class or id value. Words
/// with other characters, or too long to be in the vocabulary, are skipped.
fn for_each_word(value: &str, mut f: impl FnMut(&str)) {
    let mut buf = [0u8; 24];
    let mut len = 0usize;
    let mut usable = true;
    let mut prev_lower = false;
    let mut emit = |buf: &[u8], len: usize, usable: bool| {
        if len > 0 && usable && len <= buf.len() {
            if let Ok(w) = std::str::from_utf8(&buf[..len]) {
                f(w);
            }
        }
    };
    for &b in value.as_bytes() {
        let alpha = b.is_ascii_alphabetic() || b >= 0x80;
        let boundary = !alpha || (b.is_ascii_uppercase() && prev_lower);
        if boundary {
            emit(&buf, len, usable);
            len = 0;
            usable = true;
        }
        if alpha {
            if b >= 0x80 || len == buf.len() {
                usable = false;
            } else {
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        prev_lower = b.is_ascii_lowercase();
    }
    emit(&buf, len, usable);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_id_words_name_regions() {
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, Hint);
        let cases: &[Case] = &[
            (Some("relatedPosts"), None, None, Hint::Boilerplate),
            (Some("article-footer"), None, None, Hint::Boilerplate),
            (Some("social_share buttons"), None, None, Hint::Boilerplate),
            (None, Some("comments"), None, Hint::Comments),
            (Some("comment-content"), None, None, Hint::Comments),
            (Some("cookie-banner"), None, None, Hint::Boilerplate),
            (Some("navy shared-content"), None, None, Hint::None),
            (Some("ce_text"), None, None, Hint::None),
            (Some("post"), Some("main"), None, Hint::None),
            (Some("article-body"), None, None, Hint::Content),
            (Some("entry-content"), Some("post-123"), None, Hint::Content),
            (Some("canvas"), None, None, Hint::None),
            (None, None, Some("navigation"), Hint::Boilerplate),
            (Some("sidebar"), None, Some("main"), Hint::Content),
            (Some("x"), None, Some("main"), Hint::Content),
            (None, None, None, Hint::None),
            (Some("€ 🙂"), None, None, Hint::None),
        ];
        for &(class, id, role, want) in cases {
            assert_eq!(classify(class, id, role).hint, want, "class={class:?} id={id:?} role={role:?}");
        }
    }

    #[test]
    fn captions_are_recognised_by_class_and_id() {
        let cases = [
            (Some("wp-caption-text"), None, true),
            (Some("image-copyright"), None, true),
            (None, Some("photoCredit"), true),
            (Some("article-text"), None, false),
            (None, None, false),
        ];
        for (class, id, want) in cases {
            assert_eq!(classify(class, id, None).caption, want, "caption words in class={class:?} id={id:?}");
        }
        for (class, want) in [("article-lead", true), ("c-standfirst", true), ("leader-board", false)] {
            assert_eq!(classify(Some(class), None, None).lead, want, "lead words in class={class:?}");
        }
    }

    #[test]
    fn byline_classes_are_recognised() {
        for (class, want) in [("article__byline", true), ("author-name", true), ("authorship", false), ("meta", false)]
        {
            assert_eq!(names_byline(class), want, "names_byline({class:?})");
        }
    }

    #[test]
    fn hidden_elements_are_recognised_by_class_and_style() {
        let classes = [("sr-only", true), ("a Hidden b", true), ("hidden-xs col-md-8", false), ("", false)];
        for (class, want) in classes {
            assert_eq!(hidden_class(class), want, "hidden_class({class:?})");
        }
        let styles = [("display: none", true), ("VISIBILITY:hidden;", true), ("display:block", false)];
        for (style, want) in styles {
            assert_eq!(hidden_style(style), want, "hidden_style({style:?})");
        }
    }
}
