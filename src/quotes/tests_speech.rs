//! Reported speech in the shapes that the fifth round of rules reads (poll
//! shares, gerunds with no comma, "As X reported, ...", the passive question,
//! a content split around "he says,", the New York Times's `''` marks), as a
//! table of named sentences; the helpers are those of `tests.rs`.

use super::tests::{analysed, finder};
use super::QuoteFinder;
use crate::document::{Label, QuoteKind};

/// One expected quote: kind, text, cue, speaker as written.
type Want<'a> = (QuoteKind, &'a str, Option<&'a str>, Option<&'a str>);

#[test]
fn reported_speech_shapes_are_read() {
    use QuoteKind::{Direct as D, Indirect as I, Mixed as M};
    let cases: &[(&str, &str, &[Want])] = &[
        (
            "an adverbial before the speaker is no content",
            "Moments earlier, in his opening speech, Tom Berg said he was ready for the job.",
            &[(I, "he was ready for the job", Some("said"), Some("Tom Berg"))],
        ),
        (
            "a poll's share speaks",
            "About 4 in 10 say they want a new mayor for the city.",
            &[(I, "they want a new mayor for the city", Some("say"), Some("About 4 in 10"))],
        ),
        (
            "a fraction speaks",
            "Nearly half said the council had failed them badly.",
            &[(I, "the council had failed them badly", Some("said"), Some("Nearly half"))],
        ),
        (
            "two apostrophes close a quote like one mark",
            "''We will stay,'' Jane Smith said, explaining how the town would rebuild its harbor.",
            &[
                (D, "We will stay,", Some("said"), Some("Jane Smith")),
                (I, "how the town would rebuild its harbor", Some("explaining"), Some("Jane Smith")),
            ],
        ),
        (
            "a gerund after its speaker, with no comma",
            "The poll found 62 percent of voters saying the roads are getting worse.",
            &[(I, "the roads are getting worse", Some("saying"), Some("62 percent of voters"))],
        ),
        (
            "a statement's author speaks through it",
            "The union issued a statement saying the strike would go on until Friday.",
            &[(I, "the strike would go on until Friday", Some("saying"), Some("The union"))],
        ),
        (
            "a gerund after a preposition takes the subject",
            "Jane Smith won the vote by promising to rebuild the old harbor.",
            &[(I, "to rebuild the old harbor", Some("promising"), Some("Jane Smith"))],
        ),
        (
            "a relative clause about the speaker after the appositive",
            "The plan will not work, said Tom Berg, a professor at Leeds, who notes that costs have doubled.",
            &[(I, "The plan will not work", Some("said"), Some("Tom Berg"))],
        ),
        (
            "a semicolon ends the attribution's clause",
            "Most towns will need new wells, local engineers say; in 2014, only two did.",
            &[(I, "Most towns will need new wells", Some("say"), Some("local engineers"))],
        ),
        (
            "a group after the cue speaks",
            "The mayor's rise surprised everyone in town, said several observers.",
            &[(I, "The mayor's rise surprised everyone in town", Some("said"), Some("several observers"))],
        ),
        (
            "the writer speaks",
            "I said the bridge was not safe for the children.",
            &[(I, "the bridge was not safe for the children", Some("said"), Some("I"))],
        ),
        (
            "a subject with a part set off by dashes",
            "Farmers — and some traders — say the new tariff will hurt them.",
            &[(I, "the new tariff will hurt them", Some("say"), Some("Farmers — and some traders —"))],
        ),
        (
            "the passive question has an unnamed asker",
            "Jane Smith was asked whether the harbor would reopen this year.",
            &[(I, "whether the harbor would reopen this year", Some("asked"), None)],
        ),
        (
            "a 'that' inside the content",
            "Tom Berg said he understands how hard that can be.",
            &[(I, "he understands how hard that can be", Some("said"), Some("Tom Berg"))],
        ),
        (
            "an adverb between the speaker and the cue",
            "Tom Berg now says the plan went too far for the town.",
            &[(I, "the plan went too far for the town", Some("says"), Some("Tom Berg"))],
        ),
        (
            "as the newspaper reported",
            "As the Daily Courier reported, the mayor resigned on Friday after the vote.",
            &[(I, "the mayor resigned on Friday after the vote", Some("reported"), Some("the Daily Courier"))],
        ),
        (
            "as reported by the newspaper",
            "As reported by the Daily Courier, the harbor will stay closed until June.",
            &[(I, "the harbor will stay closed until June", Some("reported"), Some("the Daily Courier"))],
        ),
        (
            "'here' between the speaker and the cue",
            "Her campaign workers here said they have been knocking on doors since the spring.",
            &[(I, "they have been knocking on doors since the spring", Some("said"), Some("Her campaign workers"))],
        ),
        (
            "a role without a determiner, as a headline writes it",
            "The town's fate hinges on the new bridge, analyst says.",
            &[(I, "The town's fate hinges on the new bridge", Some("says"), Some("analyst"))],
        ),
        (
            "an answer of one word and a clause of two",
            "Asked if he was ever bullied, the mayor said no. They said she could.",
            &[
                (I, "if he was ever bullied", Some("Asked"), None),
                (I, "no", Some("said"), Some("the mayor")),
                (I, "she could", Some("said"), Some("They")),
            ],
        ),
        (
            "the attribution between a subject and its predicate",
            "This election, she says, is different from the last one.",
            &[(I, "This election is different from the last one", Some("says"), Some("she"))],
        ),
        (
            "a phrase of time before the attribution is no content",
            "On Friday morning, the mayor told reporters.",
            &[],
        ),
        (
            "a short content still leads to the next statement",
            "Tom Berg claimed victory and argued he is the stronger candidate for the town.",
            &[(I, "he is the stronger candidate for the town", Some("argued"), Some("Tom Berg"))],
        ),
        (
            "a phrase that ends on a preposition does not speak",
            "The bank is raising money through an offering of notes due 2030 with a fixed coupon.",
            &[],
        ),
        (
            "a participle after a short content is no cue unless it is one of saying",
            "The Rotterdam company said on Wednesday, choosing the harbour town over two rival sites.",
            &[],
        ),
        (
            "a body that speaks as one",
            "A man was arrested near the station on Friday night, police said.",
            &[(I, "A man was arrested near the station on Friday night", Some("said"), Some("police"))],
        ),
        (
            "a quoted fragment, then the same speaker's statement",
            "Jane Smith called the vote “a great night for the town” and said the harbor would reopen soon.",
            &[
                (M, "the vote “a great night for the town”", Some("called"), Some("Jane Smith")),
                (I, "the harbor would reopen soon", Some("said"), Some("Jane Smith")),
            ],
        ),
    ];
    type Got = (QuoteKind, String, Option<String>, Option<String>);
    let owned = |s: Option<&str>| s.map(str::to_string);
    for (name, body, want) in cases {
        let names: &[(&str, Label)] = &[];
        let doc = analysed(body, names);
        let got: Vec<Got> = finder().find(&doc).into_iter().map(|q| (q.kind, q.text, q.cue, q.speaker.map(|s| s.text))).collect();
        let want: Vec<Got> = want.iter().map(|w| (w.0, w.1.to_string(), owned(w.2), owned(w.3))).collect();
        assert_eq!(got, want, "case {name:?}: {body:?}");
    }
}
