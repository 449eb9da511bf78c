//! The quote finder's cue counts, learned from PolNeAR's train split: for
//! each word form, how often it was (part of) an attribution's cue and how
//! often it occurred at all. The finder trusts the verbs of saying that were
//! cues often enough (`quotes::cues`); the file keeps every form that was a
//! cue at least twice, so that a reader sees what the data held.

use std::collections::HashMap;

use crate::eval::polnear::PolnearArticle;

/// Forms that were a cue fewer times than this are left out of the file.
const MIN_CUE: u32 = 2;

/// (form, cue count, seen count), most frequent cue first.
pub fn cue_counts(articles: &[PolnearArticle]) -> Vec<(String, u32, u32)> {
    let mut cue: HashMap<String, u32> = HashMap::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for a in articles {
        for w in words(&a.text) {
            *seen.entry(w).or_default() += 1;
        }
        for g in &a.attributions {
            for w in words(&g.cue) {
                *cue.entry(w).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, u32, u32)> = cue
        .into_iter()
        .filter(|(_, n)| *n >= MIN_CUE)
        .map(|(w, n)| {
            let s = seen.get(&w).copied().unwrap_or(n).max(n);
            (w, n, s)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The counts as the TSV file the finder reads, with a header that says where they come from.
pub fn cue_counts_tsv(counts: &[(String, u32, u32)], articles: usize) -> String {
    let mut out = format!(
        "# Cue counts for the quote finder, learned by `newsnlp train quotes` from the PolNeAR train split\n\
         # ({articles} articles; see models/quotes/README.md for provenance and licence).\n\
         # form\tcue\tseen: times the lower-cased word was part of an attribution's cue, and times it occurred.\n"
    );
    for (w, c, s) in counts {
        out.push_str(&format!("{w}\t{c}\t{s}\n"));
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().any(char::is_alphabetic)).map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::polnear::GoldAttribution;

    #[test]
    fn counts_cue_words_against_all_their_occurrences() {
        let g = |cue: &str| GoldAttribution { source: None, cue: cue.into(), content: "x".into() };
        let a = PolnearArticle {
            id: "a".into(),
            text: "He said. She said. They said it was said. He told me.".into(),
            attributions: vec![g("said"), g("said"), g("told")],
        };
        assert_eq!(cue_counts(&[a]), vec![("said".to_string(), 2, 4)], "told was a cue once only");
    }
}
