//! What an element's tag, `class`, `id` and `role` say about its content.
//!
//! Class and id values are split into words (on `-`, `_`, spaces, digits and
//! camelCase humps), so that `relatedPosts`, `article-footer` and
//! `social_share` name what they are while `navy` or `shared-content` do
//! not. A word names boilerplate (navigation, footers, comments, sharing,
//! related stories, newsletters, cookie banners, ads...) or the article
//! itself (article, content, story, post...). The words are English plus
//! the few German ones that the dev pages showed to be common; they name
//! page regions, not sites.

/// The verdict of an element's hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
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
pub fn boilerplate_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "menu" | "dialog")
}

/// Words (whole, lower case) that name boilerplate regions.
const BOILERPLATE_WORDS: &[&str] = &[
    // navigation
    "nav", "navbar", "navi", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "pagination", "pager",
    // page furniture
    "footer", "sidebar", "toolbar", "masthead", "topbar",
    // sharing
    "share", "sharing", "shares", "social", "socials", "sociable", "shariff", "addthis", "sharethis",
    // other stories
    "related", "recommended", "recommendations", "recommendation", "teasers", "outbrain", "taboola", "trending",
    "readmore",
    // calls to action
    "newsletter", "subscribe", "subscription", "signup", "login", "register", "donate", "donation",
    // banners
    "cookie", "cookies", "consent", "gdpr", "banner", "popup", "modal", "overlay",
    // ads
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor", "sponsored", "promo", "promotion",
    "commercial", "anzeige", "werbung",
    // lists of links about the page
    "tags", "keywords", "categories", "bio",
];

/// Words that name readers' comments.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "kommentare", "disqus", "respond", "reply", "replies"];

/// Words that name the article itself; `article` alone is enough.
const ARTICLE_WORDS: &[&str] = &["article", "articlebody", "entry", "post", "story", "artikel", "beitrag", "blog", "news"];

/// Words that name a text region; with one of [`ARTICLE_WORDS`] they name the article's text
/// (`entry-content`, `post-body`, `story-text`). Alone they are too common to mean anything.
const TEXT_WORDS: &[&str] = &["content", "body", "text", "inhalt", "main", "richtext", "prose", "copy"];

/// Words that name photo captions and credits.
const CAPTION_WORDS: &[&str] = &[
    "caption", "captions", "figcaption", "credit", "credits", "copyright", "legend", "bildunterschrift", "bildtext",
];

/// Whether a class or id names a photo caption or credit.
pub fn caption_class(class: Option<&str>, id: Option<&str>) -> bool {
    let mut found = false;
    for value in [class, id].into_iter().flatten() {
        for_each_word(value, |w| found |= CAPTION_WORDS.contains(&w));
    }
    found
}

/// Whole class tokens that hide an element from readers. Responsive
/// variants (`hidden-xs`) only hide it on some screens, so they do not count.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden", "is-hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
    "screen-reader-only", "element-invisible", "offscreen", "u-hidden", "hide", "invisible",
];

/// Whether a class attribute hides the element from sighted readers.
pub fn hidden_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| HIDDEN_CLASSES.iter().any(|h| t.eq_ignore_ascii_case(h)))
}

/// Whether an inline style hides the element.
pub fn hidden_style(style: &str) -> bool {
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Classifies an element by its `class`, `id` and `role`. Content means the
/// article's text (`entry-content`, `article-body`, `role=main`), not any
/// region with "content" or "text" in its name.
pub fn classify(class: Option<&str>, id: Option<&str>, role: Option<&str>) -> Hint {
    if let Some(r) = role {
        match r {
            "navigation" | "menu" | "menubar" | "contentinfo" | "complementary" | "banner" | "search" | "dialog"
            | "alert" | "alertdialog" => return Hint::Boilerplate,
            "main" | "article" => return Hint::Content,
            _ => {}
        }
    }
    let mut content = false;
    for value in [class, id].into_iter().flatten() {
        let (mut boiler, mut article, mut text, mut bare_article) = (false, false, false, false);
        let mut comments = false;
        for_each_word(value, |w| {
            if COMMENT_WORDS.contains(&w) {
                comments = true;
            } else if BOILERPLATE_WORDS.contains(&w) {
                boiler = true;
            } else if ARTICLE_WORDS.contains(&w) {
                article = true;
                bare_article |= w == "article" || w == "articlebody";
            } else if TEXT_WORDS.contains(&w) {
                text = true;
            }
        });
        if comments {
            return Hint::Comments;
        }
        if boiler {
            return Hint::Boilerplate;
        }
        content |= bare_article || (article && text);
    }
    if content {
        Hint::Content
    } else {
        Hint::None
    }
}

/// Calls `f` with each lower-case word of a class or id value.
fn for_each_word(value: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        let boundary = !c.is_alphabetic() || (c.is_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            f(&word);
            word.clear();
        }
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        f(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_id_words_name_regions() {
        let cases: &[(Option<&str>, Option<&str>, Option<&str>, Hint)] = &[
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
            assert_eq!(classify(class, id, role), want, "class={class:?} id={id:?} role={role:?}");
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
            assert_eq!(caption_class(class, id), want, "caption_class({class:?}, {id:?})");
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
