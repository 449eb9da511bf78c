//! What the attribution rules return: a cue and its speaker
//! ([`Attribution`]), reported speech with its content ([`Reported`]), and
//! where the clause after a content starts when it attributes more
//! ([`Next`]). Kept apart from the rules so that the files of the shapes
//! (`attribute.rs`, `question.rs`, `passive.rs`) share them without
//! importing each other.

use std::ops::Range;

/// A cue and, when the text names one, the speaker, as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub(crate) cue: Range<usize>,
    pub(crate) speaker: Option<Range<usize>>,
}

/// Reported speech: its content in body bytes and its attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reported {
    pub(crate) content: Range<usize>,
    pub(crate) attribution: Attribution,
    /// Whether the cue characterises rather than reports ("called it “a disgrace”"): an attribution only
    /// when its content holds a quoted fragment.
    pub(crate) needs_quote: bool,
    /// Bytes inside `content` that are not part of it: the attribution of "CONTENT, X said, CONTENT".
    pub(crate) gap: Option<Range<usize>>,
}

/// Where the clause after a content starts, when it may attribute more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// Another speaker's clause starts at this token ("A, while others said B").
    Other(usize),
    /// The same speaker's next cue is this token ("A, and said B", "A, noting B", "Podesta, who said A, said B").
    Same(usize),
}
