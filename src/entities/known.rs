//! Names known before reading an article: what the recognizers' lists and
//! rules define and the resolver uses to join an entity's forms.
//!
//! This module sits between the two sides so that neither imports the other:
//! the groups list and the user's rules (in `recognize/`) say which names they
//! define, and the resolver (in `resolve/`) looks mentions up among them. It
//! holds only the shared shape and imports nothing of the crate.

/// A name known before reading the article: its canonical form and the other
/// ways of writing it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KnownName {
    /// The canonical name.
    pub(crate) name: String,
    /// Other ways of writing it.
    pub(crate) aliases: Vec<String>,
}
