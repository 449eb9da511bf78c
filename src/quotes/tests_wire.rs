//! Wire-story shapes read from BBC and Reuters articles: an organisation
//! described ("the company said") or named by a pronoun, a title with "and"
//! in it, a phrase of time before the speaker, and words that look like cues
//! and are not (a noun after a determiner, a quantity added), as tables of
//! named sentences with the speaker's entity; the helpers are those of
//! `tests.rs`.

use super::tests::{found, ORG, PER};
use crate::document::{Label, QuoteKind};

/// One expected quote: kind, text, speaker as written, speaker's entity name.
type Want<'a> = (QuoteKind, &'a str, Option<&'a str>, Option<&'a str>);

#[test]
fn wire_speakers_resolve_to_the_story_entities() {
    use QuoteKind::{Direct as D, Indirect as I};
    let cases: &[(&str, &str, &[(&str, Label)], &[Want])] = &[
        (
            "the company is the story's subject, not the last organisation named",
            "Hughes Tool Co said its board approved the merger. The deal was cleared by the Justice Department. \
             The company said shareholders would vote in May.",
            &[("Hughes Tool Co", ORG), ("Justice Department", ORG)],
            &[
                (I, "its board approved the merger", Some("Hughes Tool Co"), Some("Hughes Tool Co")),
                (I, "shareholders would vote in May", Some("The company"), Some("Hughes Tool Co")),
            ],
        ),
        (
            "a description whose head word is in a name is that body",
            "Prices rose in March, the Bank of Korea said. The bank said exports grew strongly in the first quarter.",
            &[("Bank of Korea", ORG)],
            &[
                (I, "Prices rose in March", Some("the Bank of Korea"), Some("Bank of Korea")),
                (I, "exports grew strongly in the first quarter", Some("The bank"), Some("Bank of Korea")),
            ],
        ),
        (
            "a group is not resolved by the story's subject",
            "Fairchild Industries Inc shares rose. The group said it may buy more shares.",
            &[("Fairchild Industries Inc", ORG)],
            &[(I, "it may buy more shares", Some("The group"), None)],
        ),
        (
            "it continues the subject of the sentence that named the organisation",
            "Apache Corp said it filed an offering with the Securities and Exchange Commission. \
             It said the offering will be underwritten by three banks.",
            &[("Apache Corp", ORG), ("Securities and Exchange Commission", ORG)],
            &[
                (I, "it filed an offering with the Securities and Exchange Commission", Some("Apache Corp"), Some("Apache Corp")),
                (I, "the offering will be underwritten by three banks", Some("It"), Some("Apache Corp")),
            ],
        ),
        (
            "it far from any organisation goes on with the organisation that spoke last",
            "Henley Group Inc said it declared a special dividend. Previously, the ratio was one share for every 20 \
             held. The ratio changed because fewer shares are outstanding. It said the distribution will be made in May.",
            &[("Henley Group Inc", ORG)],
            &[
                (I, "it declared a special dividend", Some("Henley Group Inc"), Some("Henley Group Inc")),
                (I, "the distribution will be made in May", Some("It"), Some("Henley Group Inc")),
            ],
        ),
        (
            "a country speaks as its government, with its article",
            "The United States said the talks would resume in Geneva next week.",
            &[("United States", Label::Location)],
            &[(I, "the talks would resume in Geneva next week", Some("The United States"), Some("United States"))],
        ),
        (
            "a title with and in it",
            "“The economy is in a recovery stage,” said Economic and Fiscal Policy Minister Heizo Takenaka.",
            &[("Heizo Takenaka", PER)],
            &[(
                D,
                "The economy is in a recovery stage,",
                Some("Economic and Fiscal Policy Minister Heizo Takenaka"),
                Some("Heizo Takenaka"),
            )],
        ),
        (
            "a day before the name is no part of the speaker",
            "In a statement issued on Wednesday Lord Woolf said the new rules would apply from April.",
            &[("Lord Woolf", PER)],
            &[(I, "the new rules would apply from April", Some("Lord Woolf"), Some("Woolf"))],
        ),
        (
            "a nationality is no speaker",
            "“I have acted correctly,” said the 27-year-old Austrian.",
            &[("Austrian", Label::Misc)],
            &[(D, "I have acted correctly,", Some("the 27-year-old Austrian"), None)],
        ),
        (
            "a nationality before a description",
            "Multiplex Group shares fell. The Australian firm said it would only break even on the stadium.",
            &[("Multiplex Group", ORG), ("Australian", Label::Misc)],
            &[(I, "it would only break even on the stadium", Some("The Australian firm"), Some("Multiplex Group"))],
        ),
        (
            "one of them speaks",
            "Dealers were cautious. “The paper was trading about 75 basis points over Treasuries,” one said.",
            &[],
            &[(D, "The paper was trading about 75 basis points over Treasuries,", Some("one"), None)],
        ),
        (
            "a word of time before the speaker",
            "Late last night Citibank said the loan will be signed on March 20.",
            &[("Citibank", ORG)],
            &[(I, "the loan will be signed on March 20", Some("Citibank"), Some("Citibank"))],
        ),
    ];
    check(cases);
}

#[test]
fn words_that_look_like_cues_are_not() {
    let cases: &[(&str, &str, &[(&str, Label)], &[Want])] = &[
        (
            "a quantity added",
            "Fly-half Stephen Jones added four conversions in the second half.",
            &[("Stephen Jones", PER)],
            &[],
        ),
        ("a noun after a determiner", "Most of his claims about the budget were false.", &[], &[]),
        (
            "an adjective after a determiner",
            "The following proposed securities offerings were filed recently with the regulator.",
            &[],
            &[],
        ),
        (
            "an adjective after a possessive",
            "Mr Bush's proposed spending of $3bn on the project is well below his initial promise.",
            &[],
            &[],
        ),
        (
            "securities after a quantity and before a maturity",
            "The company will repurchase its 10-5/8 pct notes at par. It sold deposit notes due 1992 last year.",
            &[],
            &[],
        ),
        (
            "a cue among the quoted words",
            "“Growth is low because of weak domestic demand coupled with excessive plant capacity.”",
            &[],
            &[(QuoteKind::Direct, "Growth is low because of weak domestic demand coupled with excessive plant capacity.", None, None)],
        ),
        (
            "a verb of saying that is mostly a noun, right after the quote and its speaker",
            "“Growth in the non-oil sector is low,” the report states.",
            &[],
            &[(QuoteKind::Direct, "Growth in the non-oil sector is low,", Some("the report"), None)],
        ),
        (
            "an idiom with nobody speaking",
            "Having said that, there are some economists who want lower taxes for everyone.",
            &[],
            &[],
        ),
    ];
    check(cases);
}

/// Runs a table of named sentences through the finder and compares kind, text, speaker and entity.
fn check(cases: &[(&str, &str, &[(&str, Label)], &[Want])]) {
    type Got = (QuoteKind, String, Option<String>, Option<String>);
    let owned = |s: Option<&str>| s.map(str::to_string);
    for (name, body, names, want) in cases {
        let got: Vec<Got> = found(body, names).into_iter().map(|(kind, text, _, speaker, entity)| (kind, text, speaker, entity)).collect();
        let want: Vec<Got> = want.iter().map(|w| (w.0, w.1.to_string(), owned(w.2), owned(w.3))).collect();
        assert_eq!(got, want, "case {name:?}: {body:?}");
    }
}
