//! Tag decoding for transformer NER: word-level tags of a token
//! classification model become labelled chunks.
//!
//! Models in the wild tag with IOB2 (`B-PER I-PER`), IOB1 (`I-PER I-PER`,
//! `B-` only between two adjacent chunks), BIOES/BILOU (`S-`, `E-`, `L-`,
//! `U-`) or bare labels (`PER PER`). rust-bert's own chunker panics on bare
//! labels, so decoding is done here, for all four, and a model's label names
//! are mapped onto newsnlp's [`Label`]s once, when it is loaded.

use std::ops::Range;

use crate::document::Label;

/// Where a tag puts its token in a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Outside any chunk (`O`).
    Outside,
    /// Starts a chunk (`B-`).
    Begin,
    /// Continues a chunk, or starts one when the previous token is of another type (`I-`, bare labels).
    Inside,
    /// Ends a chunk (`E-`, `L-`).
    End,
    /// A one-token chunk (`S-`, `U-`).
    Single,
}

/// A model tag, parsed: its position and newsnlp label (`None` for `O`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// Position in the chunk.
    pub position: Position,
    /// The label, or `None` outside chunks.
    pub label: Option<Label>,
}

/// Parses a model's tag name. Entity types are mapped by [`label_for_type`].
pub fn parse_tag(tag: &str) -> Tag {
    let outside = Tag { position: Position::Outside, label: None };
    if tag.is_empty() || tag.eq_ignore_ascii_case("O") {
        return outside;
    }
    let (position, kind) = match tag.split_once(['-', '_']) {
        Some((p, k)) if p.len() == 1 => match p.to_ascii_uppercase().as_str() {
            "B" => (Position::Begin, k),
            "I" | "M" => (Position::Inside, k),
            "E" | "L" => (Position::End, k),
            "S" | "U" => (Position::Single, k),
            _ => (Position::Inside, tag),
        },
        _ => (Position::Inside, tag),
    };
    Tag { position, label: Some(label_for_type(kind)) }
}

/// The newsnlp label of a model's entity type: CoNLL (`PER`, `LOC`, `ORG`,
/// `MISC`), OntoNotes (`GPE`, `FAC`, `NORP`, `CARDINAL`, ...) and newsnlp's
/// own names; any other type becomes `MISC`, so that no prediction is lost.
pub fn label_for_type(kind: &str) -> Label {
    if let Some(l) = Label::parse(kind) {
        return l;
    }
    match kind.to_ascii_uppercase().as_str() {
        "FAC" | "FACILITY" | "LOCATION" => Label::Location,
        "CARDINAL" | "ORDINAL" => Label::Quantity,
        "NORP" => Label::Group,
        _ => Label::Misc,
    }
}

/// A decoded chunk: a run of tokens `tokens` with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The label.
    pub label: Label,
    /// Token indices (half-open).
    pub tokens: Range<usize>,
}

/// Groups tagged tokens into chunks. Lenient like `seqeval`: an `I-` or
/// `E-` after `O` or after a token of another type starts a new chunk.
pub fn chunks(tags: &[Tag]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open: Option<Chunk> = None;
    for (i, tag) in tags.iter().enumerate() {
        let Some(label) = tag.label else {
            out.extend(open.take());
            continue;
        };
        let continues = matches!(&open, Some(c) if c.label == label)
            && matches!(tag.position, Position::Inside | Position::End);
        if continues {
            if let Some(c) = open.as_mut() {
                c.tokens.end = i + 1;
            }
        } else {
            out.extend(open.take());
            open = Some(Chunk { label, tokens: i..i + 1 });
        }
        if matches!(tag.position, Position::End | Position::Single) {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(tags: &str) -> Vec<(Label, Range<usize>)> {
        let tags: Vec<Tag> = tags.split_whitespace().map(parse_tag).collect();
        chunks(&tags).into_iter().map(|c| (c.label, c.tokens)).collect()
    }

    #[test]
    fn every_tagging_scheme_decodes() {
        use Label::*;
        let cases: &[(&str, &str, &[(Label, Range<usize>)])] = &[
            ("IOB2", "B-PER I-PER O B-LOC", &[(Person, 0..2), (Location, 3..4)]),
            ("IOB2 adjacent chunks", "B-PER B-PER I-PER", &[(Person, 0..1), (Person, 1..3)]),
            ("IOB1", "I-ORG I-ORG O I-LOC", &[(Organization, 0..2), (Location, 3..4)]),
            ("IOB1 type change", "I-ORG I-LOC", &[(Organization, 0..1), (Location, 1..2)]),
            ("BIOES", "B-PER E-PER S-LOC O", &[(Person, 0..2), (Location, 2..3)]),
            ("BILOU", "U-ORG B-MISC L-MISC", &[(Organization, 0..1), (Misc, 1..3)]),
            ("bare labels", "PER PER O LOC", &[(Person, 0..2), (Location, 3..4)]),
            ("OntoNotes types", "B-GPE B-NORP B-CARDINAL B-WORK_OF_ART", &[(Location, 0..1), (Group, 1..2), (Quantity, 2..3), (Misc, 3..4)]),
            ("all outside", "O O O", &[]),
            ("empty", "", &[]),
        ];
        for (name, tags, want) in cases {
            assert_eq!(decode(tags), *want, "{name}: tags `{tags}` decoded wrongly");
        }
    }
}
