//! CoNLL files: the labelled token format of the classic NER corpora.
//!
//! One token per line in whitespace-separated columns, the token first and
//! the NER tag last; a blank line ends a sentence and a `-DOCSTART-` line
//! starts a document. Tags may be IOB1 (CoNLL-2003 as distributed), IOB2
//! (`B-` always opens), IOBES or BILOU: every scheme is read into entity
//! spans over token indices, which is all that training and the conlleval
//! convention of scoring need. Label names are kept as the file spells them
//! (`PER`, `LOC`, ...), so that predictions can be written back in them.

use std::ops::Range;
use std::path::Path;

use crate::error::{Error, Result};

/// An entity span over the tokens of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagSpan {
    /// Token range, end exclusive.
    pub tokens: Range<usize>,
    /// The entity type as the file names it (`PER`).
    pub label: String,
}

/// A sentence: its tokens and gold entity spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllSentence {
    /// The tokens, as written.
    pub tokens: Vec<String>,
    /// Gold entities, in order.
    pub spans: Vec<TagSpan>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllDocument {
    /// Its sentences.
    pub sentences: Vec<ConllSentence>,
}

/// Reads a CoNLL file into documents. A file without `-DOCSTART-` lines is one document.
pub fn read_file(path: &Path) -> Result<Vec<ConllDocument>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
    parse(&text).map_err(|(line, message)| Error::data(path, line, message))
}

/// Parses CoNLL text; an error is the 1-based line number and what is wrong there.
pub fn parse(text: &str) -> std::result::Result<Vec<ConllDocument>, (u64, String)> {
    let mut docs = vec![ConllDocument::default()];
    let mut sentence = SentenceBuilder::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u64 + 1;
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            finish(&mut sentence, &mut docs);
            continue;
        };
        if token == "-DOCSTART-" {
            finish(&mut sentence, &mut docs);
            if !docs.last().is_some_and(|d| d.sentences.is_empty()) {
                docs.push(ConllDocument::default());
            }
            continue;
        }
        let tag = cols.last().ok_or_else(|| (line_no, format!("`{token}` has no tag column")))?;
        sentence.push(token, tag).map_err(|m| (line_no, m))?;
    }
    finish(&mut sentence, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn finish(sentence: &mut SentenceBuilder, docs: &mut [ConllDocument]) {
    let built = std::mem::take(sentence).build();
    if !built.tokens.is_empty() {
        if let Some(doc) = docs.last_mut() {
            doc.sentences.push(built);
        }
    }
}

/// Turns a tag sequence of any of the usual schemes into spans as it goes.
#[derive(Default)]
struct SentenceBuilder {
    out: ConllSentence,
    /// The entity being read: its start and label.
    open: Option<(usize, String)>,
}

impl SentenceBuilder {
    fn push(&mut self, token: &str, tag: &str) -> std::result::Result<(), String> {
        let i = self.out.tokens.len();
        self.out.tokens.push(token.to_string());
        if tag == "O" {
            self.close(i);
            return Ok(());
        }
        let (prefix, label) = tag
            .split_once('-')
            .filter(|(p, l)| p.len() == 1 && !l.is_empty())
            .ok_or_else(|| format!("tag `{tag}` is neither `O` nor PREFIX-LABEL (B-PER, I-LOC, ...)"))?;
        let continues = matches!(&self.open, Some((_, open)) if open == label);
        match prefix {
            // IOB1 opens an entity with I- unless it continues one of the same type.
            "I" | "E" | "L" if continues => {}
            "I" | "E" | "L" | "B" | "S" | "U" => {
                self.close(i);
                self.open = Some((i, label.to_string()));
            }
            _ => return Err(format!("tag `{tag}` has an unknown prefix `{prefix}` (expected B, I, E, L, S or U)")),
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            self.close(i + 1);
        }
        Ok(())
    }

    fn close(&mut self, end: usize) {
        if let Some((start, label)) = self.open.take() {
            self.out.spans.push(TagSpan { tokens: start..end, label });
        }
    }

    fn build(mut self) -> ConllSentence {
        let n = self.out.tokens.len();
        self.close(n);
        self.out
    }
}

/// IOB2 tags (`B-PER`, `I-PER`, `O`) for `n` tokens holding `spans`.
pub(crate) fn iob2_tags(n: usize, spans: &[TagSpan]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for s in spans {
        for i in s.tokens.clone().filter(|&i| i < n) {
            let prefix = if i == s.tokens.start { "B" } else { "I" };
            tags[i] = format!("{prefix}-{}", s.label);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(doc: &ConllDocument, s: usize) -> Vec<(usize, usize, &str)> {
        doc.sentences[s].spans.iter().map(|t| (t.tokens.start, t.tokens.end, t.label.as_str())).collect()
    }

    #[test]
    fn every_tag_scheme_reads_into_the_same_spans() {
        let want = vec![(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC")];
        let cases = [
            ("IOB1", "Mark I-PER\nCarney I-PER\nRutte B-PER\nin O\nParis I-LOC\n"),
            ("IOB2", "Mark B-PER\nCarney I-PER\nRutte B-PER\nin O\nParis B-LOC\n"),
            ("IOBES", "Mark B-PER\nCarney E-PER\nRutte S-PER\nin O\nParis S-LOC\n"),
            ("BILOU", "Mark B-PER\nCarney L-PER\nRutte U-PER\nin O\nParis U-LOC\n"),
        ];
        for (scheme, text) in cases {
            let docs = parse(text).unwrap();
            assert_eq!(spans(&docs[0], 0), want, "{scheme} tags should read into these spans");
        }
    }

    #[test]
    fn docstart_and_blank_lines_split_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n\
                    -DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2, "two -DOCSTART- lines make two documents");
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tokens, vec!["EU", "rejects"]);
        assert_eq!(spans(&docs[0], 0), vec![(0, 1, "ORG")], "the NER tag is the last column");
        assert_eq!(spans(&docs[1], 0), vec![(0, 1, "LOC")]);
    }

    #[test]
    fn bad_tags_name_their_line() {
        for (text, line) in [("a O\nb X-PER\n", 2), ("a\n", 1), ("a O\n\nb PER\n", 3)] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.0, line, "error for {text:?} should point at line {line}: {}", err.1);
        }
    }

    #[test]
    fn iob2_round_trips() {
        let text = "New B-LOC\nYork I-LOC\nand O\nEU B-ORG\nUN B-ORG\n";
        let docs = parse(text).unwrap();
        let s = &docs[0].sentences[0];
        assert_eq!(iob2_tags(s.tokens.len(), &s.spans), vec!["B-LOC", "I-LOC", "O", "B-ORG", "B-ORG"]);
    }
}
