//! Reported speech in the shapes that the fifth round of rules reads (poll
//! shares, gerunds with no comma, "As X reported, ...", the passive question,
//! a content split around "he says,", the New York Times's `''` marks) and
//! the sixth (cues in the progressive, the infinitive and the negative, the
//! passive with its agent, verbs whose object is the content, the question
//! after the answer, subordinate clauses), as tables of named sentences; the
//! helpers are those of `tests.rs`.

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

/// Runs a table of named sentences through the finder and compares kind, text, cue and speaker as written.
fn check(cases: &[(&str, &str, &[Want])]) {
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

#[test]
fn sixth_round_cues_are_read() {
    use QuoteKind::Indirect as I;
    check(&[
        (
            "a verb whose object is the content",
            "Tom Berg criticized the mayor.",
            &[(I, "the mayor", Some("criticized"), Some("Tom Berg"))],
        ),
        (
            "the object ends before an appositive",
            "Jane Smith often mentions her granddaughter in speeches, a reference point for her plans.",
            &[(I, "her granddaughter in speeches", Some("mentions"), Some("Jane Smith"))],
        ),
        (
            "a clause after the verb is no object",
            "The mayor announced she will run again next year.",
            &[(I, "she will run again next year", Some("announced"), Some("The mayor"))],
        ),
        (
            "the progressive",
            "Tom Berg is telling voters in the town that the harbor will reopen.",
            &[(I, "the harbor will reopen", Some("telling voters"), Some("Tom Berg"))],
        ),
        (
            "the progressive, negated, after a contraction",
            "He’s not saying what other plans he would support.",
            &[(I, "what other plans he would support", Some("saying"), Some("He’s"))],
        ),
        (
            "an infinitive that completes the subject's verb",
            "Jane Smith went on to say the party had lost its way.",
            &[(I, "the party had lost its way", Some("say"), Some("Jane Smith"))],
        ),
        (
            "a poll's answer in the infinitive",
            "Voters were more likely to say they preferred the mayor.",
            &[(I, "they preferred the mayor", Some("say"), Some("Voters"))],
        ),
        (
            "a negated cue",
            "Tom Berg did not mention his rival by name.",
            &[(I, "his rival by name", Some("mention"), Some("Tom Berg"))],
        ),
        (
            "a negated cue and a question",
            "The mayor would not say whether she would run again.",
            &[(I, "whether she would run again", Some("say"), Some("The mayor"))],
        ),
        (
            "the passive with its agent",
            "The meeting was first reported by the Daily Courier.",
            &[(I, "The meeting", Some("reported"), Some("the Daily Courier"))],
        ),
        (
            "a 'that' and a preposition start the content",
            "Organizers say that by imposing strict rules, the city is only increasing the tension.",
            &[(I, "by imposing strict rules, the city is only increasing the tension", Some("say"), Some("Organizers"))],
        ),
        (
            "a span of time before the content",
            "Tom Berg has said for weeks he is the only candidate who can win.",
            &[(I, "he is the only candidate who can win", Some("said"), Some("Tom Berg"))],
        ),
        (
            "a time between the speaker and the cue",
            "Jane Smith on Thursday evening said the harbor was not in crisis.",
            &[(I, "the harbor was not in crisis", Some("said"), Some("Jane Smith"))],
        ),
        (
            "a source close to someone",
            "The town will rebuild its harbor, a source close to him said.",
            &[(I, "The town will rebuild its harbor", Some("said"), Some("a source close to him"))],
        ),
        (
            "a poll's comparison",
            "Seventy percent of voters say they like the mayor, compared with 40 percent who say the same of her rival.",
            &[
                (I, "they like the mayor", Some("say"), Some("Seventy percent of voters")),
                (I, "the same of her rival", Some("say"), Some("who")),
            ],
        ),
        ("a label before a colon", "Editor’s note: The mayor is a candidate in the election this year.", &[]),
        (
            "according to after a conjunction",
            "But according to interviews with his friends, he wants to run again.",
            &[(I, "he wants to run again", Some("according to"), Some("interviews with his friends"))],
        ),
        (
            "according to with no comma before it",
            "Smith leads the race by ten points according to a count by the newspaper.",
            &[(I, "Smith leads the race by ten points", Some("according to"), Some("a count by the newspaper"))],
        ),
    ]);
}

#[test]
fn sixth_round_contents_are_bounded() {
    use QuoteKind::{Direct as D, Indirect as I};
    check(&[
        (
            "another speaker's clause after a semicolon",
            "Six in 10 said they were tired of the campaign; 46 percent said they were unenthusiastic about the vote.",
            &[
                (I, "they were tired of the campaign", Some("said"), Some("Six in 10")),
                (I, "they were unenthusiastic about the vote", Some("said"), Some("46 percent")),
            ],
        ),
        (
            "the same speaker's next act after a conjunction",
            "Tom Berg praised the plan, noting that it was cheap, and suggesting that more towns would follow.",
            &[
                (I, "it was cheap", Some("noting"), Some("Tom Berg")),
                (I, "more towns would follow", Some("suggesting"), Some("Tom Berg")),
            ],
        ),
        (
            "an infinitive content ends before the verb that follows an appositive",
            "The coalition, a group of 30 countries pledged to support Ukraine, is gathering in Paris.",
            &[(I, "to support Ukraine", Some("pledged"), Some("a group of 30 countries"))],
        ),
        (
            "three words across the pieces of a split content",
            "This campaign, he says, is different.",
            &[(I, "This campaign is different", Some("says"), Some("he"))],
        ),
        (
            "only openers before the attribution",
            "And yet, the mayor's aides say, the harbor remains a priority for her.",
            &[(I, "the harbor remains a priority for her", Some("say"), Some("the mayor's aides"))],
        ),
        (
            "a longer title after the cue",
            "The plant is under pressure from imports, said the company's chief executive, John Smith.",
            &[(I, "The plant is under pressure from imports", Some("said"), Some("the company's chief executive"))],
        ),
        (
            "a relative clause about the speaker after the cue",
            "The group is short of money, said former governor Ed Rendell, who chairs the committee.",
            &[(I, "The group is short of money", Some("said"), Some("former governor Ed Rendell"))],
        ),
        (
            "two phrases joined by 'and' speak together",
            "The strike is popular among the youngest staff, teachers and union officials told the newspaper.",
            &[(I, "The strike is popular among the youngest staff", Some("told the newspaper"), Some("teachers and union officials"))],
        ),
        (
            "a clause of time after the attribution",
            "This is not about me, the mayor told her advisers as she labored over the speech.",
            &[(I, "This is not about me", Some("told her advisers"), Some("the mayor"))],
        ),
        (
            "'having' inside a content",
            "Her aides say it is fitting that, having overcome so many obstacles, she now faces this rival.",
            &[(I, "it is fitting that, having overcome so many obstacles, she now faces this rival", Some("say"), Some("Her aides"))],
        ),
        (
            "the 'that' of the next act is not the cue's",
            "“It will take time,” Tom Berg said at the time, adding that investors did not see the value.",
            &[
                (D, "It will take time,", Some("said"), Some("Tom Berg")),
                (I, "investors did not see the value", Some("adding"), Some("Tom Berg")),
            ],
        ),
        (
            "a sentence that opens on 'Earlier'",
            "Earlier in the week, the mayor called for an inquiry, saying the police had failed the town.",
            &[(I, "the police had failed the town", Some("saying"), Some("the mayor"))],
        ),
        (
            "an attribution in a subordinate clause",
            "While only 7 percent said they are undecided, 27 percent said they could change their minds.",
            &[
                (I, "they are undecided", Some("said"), Some("only 7 percent")),
                (I, "they could change their minds", Some("said"), Some("27 percent")),
            ],
        ),
        (
            "the narrator's next sentence after ', and he'",
            "Tom Berg said the real problem is the budget, and he railed against the council for its delays.",
            &[(I, "the real problem is the budget", Some("said"), Some("Tom Berg"))],
        ),
        (
            "a participle that introduces a quote",
            "Jane Smith urged women to vote for her, saying, “We need each other.”",
            &[
                (I, "women to vote for her", Some("urged"), Some("Jane Smith")),
                (D, "We need each other.", Some("saying"), Some("Jane Smith")),
            ],
        ),
        (
            "the question after the answer, asked by the one told",
            "“We will stay,” Jane Smith told reporters when asked whether the harbor would reopen.",
            &[
                (D, "We will stay,", Some("told reporters"), Some("Jane Smith")),
                (I, "whether the harbor would reopen", Some("asked"), Some("reporters")),
            ],
        ),
    ]);
}
