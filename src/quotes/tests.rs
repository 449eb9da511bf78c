//! The quote finder on the hard cases, as tables of named cases, and a
//! property test over arbitrary text.

use super::{QuoteFinder, RuleQuoteFinder};
use crate::document::{Document, Field, Label, Mention, Origin, QuoteKind};
use crate::entities::resolve::NewsResolver;
use crate::entities::Resolver;
use crate::span::SpanMapper;

/// `body` segmented, with every occurrence of each name as a mention of that label, resolved.
pub(super) fn analysed(body: &str, names: &[(&str, Label)]) -> Document {
    let pipeline = crate::Pipeline::builder().build().expect("default pipeline");
    let mut doc = Document { id: "t".into(), body: body.into(), ..Default::default() };
    pipeline.annotate(&mut doc).expect("annotate");
    let mut mapper = SpanMapper::new(body);
    let mut mentions = Vec::new();
    for (name, label) in names {
        for (at, _) in body.match_indices(name) {
            let span = mapper.span(at..at + name.len());
            let sentence = doc.sentences.iter().position(|s| s.span.byte.contains(&at));
            mentions.push(Mention {
                field: Field::Body,
                span,
                sentence,
                text: (*name).into(),
                label: *label,
                confidence: 1.0,
                origin: Origin::Rule,
                entity: None,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.byte.start);
    doc.mentions = mentions;
    NewsResolver::new().resolve(&mut doc);
    doc
}

pub(super) fn finder() -> RuleQuoteFinder {
    RuleQuoteFinder::new().expect("built-in cues")
}

/// A quote as found: kind, text, cue, speaker as written, speaker's entity name.
pub(super) type Found = (QuoteKind, String, Option<String>, Option<String>, Option<String>);

/// The quotes the finder reads in `body`, with `names` as the entity stage's mentions.
pub(super) fn found(body: &str, names: &[(&str, Label)]) -> Vec<Found> {
    let doc = analysed(body, names);
    let entity = |e: Option<usize>| e.map(|e| doc.entities[e].name.clone());
    finder()
        .find(&doc)
        .into_iter()
        .map(|q| (q.kind, q.text, q.cue, q.speaker.as_ref().map(|s| s.text.clone()), entity(q.speaker.and_then(|s| s.entity))))
        .collect()
}

/// One expected quote: kind, text, cue, speaker as written, speaker's entity name.
type Want<'a> = (QuoteKind, &'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

pub(super) const PER: Label = Label::Person;
pub(super) const ORG: Label = Label::Organization;

#[test]
fn quotes_are_found_with_their_cue_and_speaker() {
    use QuoteKind::{Direct as D, Indirect as I, Mixed as M};
    let cases: &[(&str, &str, &[(&str, Label)], &[Want])] = &[
        (
            "cue after, speaker before it",
            "“We will stay in Paris,” Mark Carney said.",
            &[("Mark Carney", PER)],
            &[(D, "We will stay in Paris,", Some("said"), Some("Mark Carney"), Some("Mark Carney"))],
        ),
        (
            "cue after a speaker with an appositive",
            "“We will stay,” the press secretary, Josh Earnest, said on Tuesday.",
            &[("Josh Earnest", PER)],
            &[(D, "We will stay,", Some("said"), Some("Josh Earnest"), Some("Josh Earnest"))],
        ),
        (
            "cue after, speaker after it",
            "“We will stay in Paris,” said Mark Carney.",
            &[("Mark Carney", PER)],
            &[(D, "We will stay in Paris,", Some("said"), Some("Mark Carney"), Some("Mark Carney"))],
        ),
        (
            "split by the cue is one quote",
            "Mark Carney spoke. “We will,” he said, “stay.”",
            &[("Mark Carney", PER)],
            &[(D, "We will, stay.", Some("said"), Some("he"), Some("Mark Carney"))],
        ),
        (
            "a quote resumed after its cue's sentence is one quote",
            "“We are ready,” Jane Smith said on Monday. “The town will not fall.”",
            &[("Jane Smith", PER)],
            &[(D, "We are ready, The town will not fall.", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "cue before with a colon",
            "Jane Smith told reporters: “The talks are over.”",
            &[("Jane Smith", PER)],
            &[(D, "The talks are over.", Some("told reporters"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "straight marks",
            "\"Prices will rise,\" the bank said.",
            &[],
            &[(D, "Prices will rise,", Some("said"), Some("the bank"), None)],
        ),
        (
            "guillemets",
            "« We are staying here », the mayor said.",
            &[],
            &[(D, "We are staying here", Some("said"), Some("the mayor"), None)],
        ),
        (
            "a pronoun goes to the last compatible person",
            "Mr. John Smith met Mrs. Anna Berg. “It was useful,” he said.",
            &[("John Smith", PER), ("Anna Berg", PER)],
            &[(D, "It was useful,", Some("said"), Some("he"), Some("John Smith"))],
        ),
        (
            "a title goes to the person who holds it",
            "PARIS — Prime Minister Mark Carney is in Paris. “We are ready to help,” the prime minister said.",
            &[("Mark Carney", PER)],
            &[(D, "We are ready to help,", Some("said"), Some("the prime minister"), Some("Mark Carney"))],
        ),
        (
            "reported speech with that",
            "The ministry said that the border would reopen next week.",
            &[("The ministry", ORG)],
            &[(I, "the border would reopen next week", Some("said"), Some("The ministry"), Some("The ministry"))],
        ),
        (
            "reported speech, cue last",
            "The border will reopen next week, officials said on Tuesday.",
            &[],
            &[(I, "The border will reopen next week", Some("said"), Some("officials"), None)],
        ),
        (
            "according to",
            "According to the newspaper, the deal was signed in secret.",
            &[],
            &[(I, "the deal was signed in secret", Some("According to"), Some("the newspaper"), None)],
        ),
        (
            "told reporters",
            "Jane Smith told reporters the plan had failed badly.",
            &[("Jane Smith", PER)],
            &[(I, "the plan had failed badly", Some("told reporters"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "warned",
            "The central bank warned inflation could stay high for years.",
            &[],
            &[(I, "inflation could stay high for years", Some("warned"), Some("The central bank"), None)],
        ),
        (
            "a mixed quote",
            "The official said Canada wants to make an “appropriate and serious contribution” to the guarantees.",
            &[("Canada", Label::Location)],
            &[(M, "Canada wants to make an “appropriate and serious contribution” to the guarantees", Some("said"), Some("The official"), None)],
        ),
        (
            "a verb that attributes words without saying them, with a quoted fragment",
            "Mark Carney called the deal “a floor, not a ceiling” on Tuesday.",
            &[("Mark Carney", PER)],
            &[(M, "the deal “a floor, not a ceiling” on Tuesday", Some("called"), Some("Mark Carney"), Some("Mark Carney"))],
        ),
        ("without a quoted fragment it is no quote", "Mark Carney called the deal a floor on Tuesday.", &[("Mark Carney", PER)], &[]),
        (
            "such a verb touching a direct quote",
            "“We will stay,” Mark Carney continued.",
            &[("Mark Carney", PER)],
            &[(D, "We will stay,", Some("continued"), Some("Mark Carney"), Some("Mark Carney"))],
        ),
        (
            "the attribution in the middle of reported speech",
            "Prices will rise this year, the central bank said, before they fall again in 2027.",
            &[],
            &[(I, "Prices will rise this year before they fall again in 2027", Some("said"), Some("the central bank"), None)],
        ),
        (
            "an appositive speaker",
            "Jane Doe, a spokesperson for the ministry, said the talks had ended.",
            &[("Jane Doe", PER)],
            &[(I, "the talks had ended", Some("said"), Some("Jane Doe"), Some("Jane Doe"))],
        ),
        (
            "a gerund after a comma takes the sentence's subject",
            "Jane Smith left the meeting early, saying the talks had failed.",
            &[("Jane Smith", PER)],
            &[(I, "the talks had failed", Some("saying"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "an appositive with several commas",
            "Jane Smith, 56, who was raised in Paris, said the city had changed.",
            &[("Jane Smith", PER)],
            &[(I, "the city had changed", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "a transcript's name and colon",
            "Clinton: “Our goal is to defeat the group.”",
            &[("Clinton", PER)],
            &[(D, "Our goal is to defeat the group.", Some(":"), Some("Clinton"), Some("Clinton"))],
        ),
        (
            "a gerund cue before a quote",
            "Clinton claimed victory in a tweet, saying: “We just won Kentucky!”",
            &[("Clinton", PER)],
            // The participle that introduces the quote ends the claim before it (sixth round).
            &[
                (I, "victory in a tweet", Some("claimed"), Some("Clinton"), Some("Clinton")),
                (D, "We just won Kentucky!", Some("saying"), Some("Clinton"), Some("Clinton")),
            ],
        ),
        (
            "a mixed quote after an adverb and that, running past the sentence",
            "He said, however, that he will “need help. So we will see.”",
            &[],
            &[(M, "he will “need help. So we will see.”", Some("said"), Some("He"), None)],
        ),
        (
            "a quote after reported speech keeps its speaker",
            "Jane Smith said the plan had failed.\n\n“It was a disaster from the start.”",
            &[("Jane Smith", PER)],
            &[
                (I, "the plan had failed", Some("said"), Some("Jane Smith"), Some("Jane Smith")),
                (D, "It was a disaster from the start.", None, Some("Jane Smith"), Some("Jane Smith")),
            ],
        ),
        ("a term in quotation marks is not a quote", "The “coalition of the willing,” a group of countries, met.", &[], &[]),
        (
            "a place after a preposition is not the speaker",
            "A senior official briefing reporters on the plane to Paris said the talks would be long.",
            &[("Paris", Label::Location)],
            &[(I, "the talks would be long", Some("said"), Some("A senior official briefing reporters on the plane to Paris"), None)],
        ),
        ("an adverbial opening is not a subject", "Despite the rally, markets fell, suggesting the fears were real.", &[], &[]),
        ("a scare quote is not a quote", "The so-called “peace plan” was rejected.", &[], &[]),
        ("a title is not a quote", "The actress, who starred in “Orange Is the New Black.”", &[], &[]),
        (
            "a title in capitals is a slogan and stays",
            "The crowd chanted, “LOCK HER UP.”",
            &[],
            &[(D, "LOCK HER UP.", Some("chanted"), Some("The crowd"), None)],
        ),
        (
            "a mixed quote ends before the speaker's next act",
            "Kasich said he would offer “a prayer” for the nominee but did not suggest it would be Trump.",
            &[("Kasich", PER)],
            &[(M, "he would offer “a prayer” for the nominee", Some("said"), Some("Kasich"), Some("Kasich"))],
        ),
        (
            "a content ends before a source of its own",
            "The president told her that it was not that simple, according to an account she gave.",
            &[],
            &[(I, "it was not that simple", Some("told her"), Some("The president"), None)],
        ),
        (
            "a fragment that the reported clause runs on after is a mixed quote",
            "Jane Smith said “it gets me mad” every time she thinks about the closure.",
            &[("Jane Smith", PER)],
            &[(M, "“it gets me mad” every time she thinks about the closure", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "two fragments with another cue between them are not one quote",
            "Smith would tell him “no more nonsense” and he says he was the “first one” to act.",
            &[("Smith", PER)],
            &[
                (D, "no more nonsense", Some("tell him"), Some("Smith"), Some("Smith")),
                (M, "he was the “first one” to act", Some("says"), Some("he"), Some("Smith")),
            ],
        ),
        (
            "a sentence closed inside the marks ends the quote when the words after it are no attribution",
            "Jane Smith said “the plan is a disaster.” She called the budget “a gift to the rich.”",
            &[("Jane Smith", PER)],
            &[
                (D, "the plan is a disaster.", Some("said"), Some("Jane Smith"), Some("Jane Smith")),
                (M, "the budget “a gift to the rich.”", Some("called"), Some("She"), Some("Jane Smith")),
            ],
        ),
        (
            "a cue that brings its own content is the next statement, not the quote's",
            "Pataki says Kasich “has a track record.” He warns that Trump would “drive the party off the cliff.”",
            &[("Pataki", PER), ("Kasich", PER), ("Trump", PER)],
            &[
                (M, "Kasich “has a track record.”", Some("says"), Some("Pataki"), Some("Pataki")),
                (M, "Trump would “drive the party off the cliff.”", Some("warns"), Some("He"), Some("Pataki")),
            ],
        ),
        (
            "a cue that opens the next quote does not attribute the one before",
            "Cruz said states may pass laws because “men should not be going there.” Cruz says, “That is reasonable.”",
            &[("Cruz", PER)],
            &[
                (M, "states may pass laws because “men should not be going there.”", Some("said"), Some("Cruz"), Some("Cruz")),
                (D, "That is reasonable.", Some("says"), Some("Cruz"), Some("Cruz")),
            ],
        ),
        (
            "a dateline is not the subject",
            "WASHINGTON (AP) — Sen. Jane Smith defended the plan, saying the costs would fall next year.",
            &[("Jane Smith", PER)],
            &[(I, "the costs would fall next year", Some("saying"), Some("Sen. Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "the phrase before 'that' is the speaker",
            "The campaign released a slide show that predicted a victory in every swing state.",
            &[],
            &[(I, "a victory in every swing state", Some("predicted"), Some("a slide show"), None)],
        ),
        ("a passive is not a cue", "He was told to leave the building at once.", &[], &[]),
        (
            "a quote over paragraphs keeps its speaker",
            "Jane Smith said: “We will stay here.\n\n“We will fight for this town.”",
            &[("Jane Smith", PER)],
            &[(D, "We will stay here. We will fight for this town.", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "a paragraph that goes on with the quote joins it",
            "“We are ready,” Jane Smith said.\n\n“The town will not fall, and we will rebuild it.”",
            &[("Jane Smith", PER)],
            &[(D, "We are ready, The town will not fall, and we will rebuild it.", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "two attributions in one sentence are two quotes",
            "While only 7 percent said they are undecided, most voters said they could still change their minds.",
            &[],
            &[
                (I, "they are undecided", Some("said"), Some("only 7 percent"), None),
                (I, "they could still change their minds", Some("said"), Some("most voters"), None),
            ],
        ),
        (
            "a participial clause ends the content and reports the same speaker's next statement",
            "The company said it would miss the deadline, warning that it could default on its debt.",
            &[],
            &[
                (I, "it would miss the deadline", Some("said"), Some("The company"), None),
                (I, "it could default on its debt", Some("warning"), Some("The company"), None),
            ],
        ),
        (
            "a gerund after a dash, after 'and', and after a direct quote's attribution",
            "Marco Rubio flipped his choice – saying he was rooting for North Carolina now. He ducked, pointing to his record and saying that productive senators are overrated. “I prefer Kasich,” he said, noting he had previously backed Marco Rubio.",
            &[],
            &[
                (I, "he was rooting for North Carolina now", Some("saying"), Some("Marco Rubio"), None),
                (I, "productive senators are overrated", Some("saying"), Some("He"), None),
                (D, "I prefer Kasich,", Some("said"), Some("he"), None),
                (I, "he had previously backed Marco Rubio", Some("noting"), Some("he"), None),
            ],
        ),
        (
            "a fragment the sentence runs on from, and a cue with words of its own after a closed quote",
            "Obama \"felt a moral obligation to do something about\" climate change, Axelrod said. \"This is core stuff for him.\" Greenblatt warned that such a ban would be \"unacceptable to American values.\" He said American Jews \"know all too well what can happen.\"",
            &[],
            &[
                (M, "Obama \"felt a moral obligation to do something about\" climate change", Some("said"), Some("Axelrod"), None),
                (D, "This is core stuff for him.", None, Some("Axelrod"), None),
                (M, "such a ban would be \"unacceptable to American values.\"", Some("warned"), Some("Greenblatt"), None),
                (M, "American Jews \"know all too well what can happen.\"", Some("said"), Some("He"), None),
            ],
        ),
        (
            "speakers: a name in -ly, a number with letters, a pronoun after an abbreviation, a long opening adverbial",
            "“Elections matter,” Mark Kelly said. “Donald is an amazing leader,” said the 46-year-old. Polls close at 7 p.m. He says “it is interesting that people are undecided.” In a wide-ranging, in-prison interview last year, Lazar said he welcomed extradition and added, “I will plead guilty.”",
            &[],
            &[
                (D, "Elections matter,", Some("said"), Some("Mark Kelly"), None),
                (D, "Donald is an amazing leader,", Some("said"), Some("the 46-year-old"), None),
                (D, "it is interesting that people are undecided.", Some("says"), Some("He"), None),
                (I, "he welcomed extradition", Some("said"), Some("Lazar"), None),
                (D, "I will plead guilty.", Some("added"), Some("Lazar"), None),
            ],
        ),
        (
            "a content before 'X said, adding', 'say that, ...', and 'said NAME, APPOSITIVE'",
            "Ryan and Trump will meet next week, Spicer said, adding, “They need to sit down.” Washington did not complain about growth, a Chinese official said, adding that the complaints were unfair. Party officials say that, even if it was appropriate, a recount could not be done. As the race moves to New York, the race will be tight, said Dan Gerstein, director of Gotham Ghostwriters.",
            &[],
            &[
                (I, "Ryan and Trump will meet next week", Some("said"), Some("Spicer"), None),
                (D, "They need to sit down.", Some("adding"), Some("Spicer"), None),
                (I, "Washington did not complain about growth", Some("said"), Some("a Chinese official"), None),
                (I, "the complaints were unfair", Some("adding"), Some("a Chinese official"), None),
                (I, "even if it was appropriate, a recount could not be done", Some("say"), Some("Party officials"), None),
                (I, "As the race moves to New York, the race will be tight", Some("said"), Some("Dan Gerstein"), None),
            ],
        ),
        (
            "'asked' with its asker or occasion before the question, and any source after 'according to'",
            "When asked by a reporter whether this differed from the past, Trump said no. Asked on Monday whether he would stay, Mr. Clinton smiled. She lost the Oregon primary but was leading in Kentucky, according to complete but unofficial returns.",
            &[],
            &[
                (I, "whether this differed from the past", Some("asked"), Some("a reporter"), None),
                (I, "no", Some("said"), Some("Trump"), None),
                (I, "whether he would stay", Some("Asked"), None, None),
                (I, "She lost the Oregon primary but was leading in Kentucky", Some("according to"), Some("complete but unofficial returns"), None),
            ],
        ),
        (
            "a quote ending the content before 'he said', and a fragment after ', adding that' is no second piece",
            "Mrs. Clinton, with her service, “is seen as close to Obama,” he said. “He stands for the middle class,” Anderson said, adding that Sanders is “the most trustworthy.”",
            &[],
            &[
                (M, "Mrs. Clinton, with her service, “is seen as close to Obama,”", Some("said"), Some("he"), None),
                (D, "He stands for the middle class,", Some("said"), Some("Anderson"), None),
                (M, "Sanders is “the most trustworthy.”", Some("adding"), Some("Anderson"), None),
            ],
        ),
        (
            "the pieces of a quote around a speaker with a parenthesis; a cue with 'that' a few words on starts a statement",
            "“It is the beginning of the end,” said Sen. Richard Blumenthal (D-Conn.), who has pushed for new rules. “It is their grip breaking.” “We will work for it,” Trump said. “It is my wheelhouse.” He said, twice, that he would go back to work.",
            &[],
            &[
                (D, "It is the beginning of the end, It is their grip breaking.", Some("said"), Some("Sen. Richard Blumenthal"), None),
                (D, "We will work for it, It is my wheelhouse.", Some("said"), Some("Trump"), None),
                (I, "he would go back to work", Some("said"), Some("He"), None),
            ],
        ),
        (
            "the same speaker's next cue, after an appositive or a coordination",
            "Barkley, who said he typically votes Democratic, said one candidate he likes is John Kasich. Carson admitted that the course name was wrong, but said his campaign had found the article.",
            &[],
            &[
                (I, "he typically votes Democratic", Some("said"), Some("who"), None),
                (I, "one candidate he likes is John Kasich", Some("said"), Some("who"), None),
                (I, "the course name was wrong", Some("admitted"), Some("Carson"), None),
                (I, "his campaign had found the article", Some("said"), Some("Carson"), None),
            ],
        ),
        (
            "a one-word first piece of a content split by its attribution",
            "Mrs. Clinton, analysts said, has other reasons for staying out of the fight.",
            &[("Clinton", PER)],
            &[(I, "Mrs. Clinton has other reasons for staying out of the fight", Some("said"), Some("analysts"), None)],
        ),
        (
            "a promise is reported speech",
            "Jane Smith vowed to block the refugees from coming to the state.",
            &[("Jane Smith", PER)],
            &[(I, "to block the refugees from coming to the state", Some("vowed"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "a cue coordinated with an earlier verb takes its subject",
            "The Arizona Republican survived five years in prison and says such techniques are inhumane.",
            &[],
            &[(I, "such techniques are inhumane", Some("says"), Some("The Arizona Republican"), None)],
        ),
        (
            "a subject and a verb phrase that is no cue word introduce a quote",
            "Jane Smith shot back, “The mayor called me names all week.”",
            &[("Jane Smith", PER)],
            &[(D, "The mayor called me names all week.", Some("shot back"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "the cue at the end of the paragraph before",
            "Jane Smith went on:\n\n“You look at the questions and you see the problem.”",
            &[("Jane Smith", PER)],
            &[(D, "You look at the questions and you see the problem.", Some("went on"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "an adverbial that opens the sentence is not the speaker",
            "So far, Jane Smith has said little. A month later, the mayor wrote: “We are done.”",
            &[("Jane Smith", PER)],
            &[(D, "We are done.", Some("wrote"), Some("the mayor"), None)],
        ),
        (
            "a name's parenthesis before the cue after a quote, with the quote's second piece",
            "“If they did, they should be held accountable,” Sen. Chuck Schumer (D-N.Y.) said Tuesday. “It is that simple.”",
            &[("Chuck Schumer", PER)],
            &[(D, "If they did, they should be held accountable, It is that simple.", Some("said"), Some("Sen. Chuck Schumer (D-N.Y.)"), Some("Chuck Schumer"))],
        ),
        (
            "a name's parenthesis is part of the speaker",
            "Rep. Gregory Meeks (D-N.Y.) said the talks had gone well for the party.",
            &[("Gregory Meeks", PER)],
            &[(I, "the talks had gone well for the party", Some("said"), Some("Rep. Gregory Meeks (D-N.Y.)"), Some("Gregory Meeks"))],
        ),
        (
            "a quoted fragment inside the second piece of a split content",
            "In contrast, Berkman said, there seem to be more voters “who think that this is over.”",
            &[("Berkman", PER)],
            &[(M, "In contrast there seem to be more voters “who think that this is over.”", Some("said"), Some("Berkman"), Some("Berkman"))],
        ),
        (
            "a roundup's name and colon after a dash",
            "Polls were not wrong, just early - Mark Blumenthal: “The polls failed to predict the winner.”",
            &[("Mark Blumenthal", PER)],
            &[(D, "The polls failed to predict the winner.", Some(":"), Some("Mark Blumenthal"), Some("Mark Blumenthal"))],
        ),
        (
            "a question put to the speaker, then the answer",
            "Asked whether she would run again next year, Jane Smith said she had not decided.",
            &[("Jane Smith", PER)],
            &[
                (I, "whether she would run again next year", Some("Asked"), None, None),
                (I, "she had not decided", Some("said"), Some("Jane Smith"), Some("Jane Smith")),
            ],
        ),
        (
            "according to in the middle of its content",
            "Now, according to the recent poll, some of the southern states are swinging.",
            &[],
            &[(I, "Now some of the southern states are swinging", Some("according to"), Some("the recent poll"), None)],
        ),
        (
            "a gerund cue after an adverbial opening",
            "In May, the judge sided with the voters, saying the law violated the constitution.",
            &[],
            &[(I, "the law violated the constitution", Some("saying"), Some("the judge"), None)],
        ),
        (
            "a quote with no cue of its own takes the speaker of its paragraph",
            "“We are ready for this,” Jane Smith said on Monday. She paused. “The town will not fall without a fight.”",
            &[("Jane Smith", PER)],
            &[
                (D, "We are ready for this,", Some("said"), Some("Jane Smith"), Some("Jane Smith")),
                (D, "The town will not fall without a fight.", None, Some("Jane Smith"), Some("Jane Smith")),
            ],
        ),
        (
            "a cue coordinated with an earlier verb before a quote takes the subject",
            "Jane Smith looked into the camera and said, “I will endorse you.”",
            &[("Jane Smith", PER)],
            &[(D, "I will endorse you.", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "a day between the speaker and the cue",
            "Jane Smith earlier Tuesday said the remarks were racist and wrong.",
            &[("Jane Smith", PER)],
            &[(I, "the remarks were racist and wrong", Some("said"), Some("Jane Smith"), Some("Jane Smith"))],
        ),
        (
            "an unresolved speaker keeps a null entity",
            "“We are leaving now,” a witness said.",
            &[],
            &[(D, "We are leaving now,", Some("said"), Some("a witness"), None)],
        ),
    ];
    let owned = |s: Option<&str>| s.map(str::to_string);
    for (name, body, names, want) in cases {
        let got = found(body, names);
        let want: Vec<Found> = want.iter().map(|w| (w.0, w.1.to_string(), owned(w.2), owned(w.3), owned(w.4))).collect();
        assert_eq!(got, want, "case {name:?}: {body:?}");
    }
}

#[test]
fn bad_input_gives_sane_rows_or_none() {
    let long = format!("She said: “{}”", "word ".repeat(20_000));
    let one_long_quote = format!("“{}\n\n“{}", "We begin here. ".repeat(50), "And we go on. ".repeat(50));
    let cases: Vec<(&str, String)> = vec![
        ("unbalanced marks", "“He said ” she “ said ” “ “ ” ”,” he said.".into()),
        ("a 100,000-character quote", long),
        ("nested quotes", "“He told me ‘never say “never”’ once,” she said.".into()),
        ("inch marks", "He is 6' 2\" tall, the coach said, and 5'11\" in shoes.".into()),
        ("one long quote", one_long_quote),
        ("only marks", "“”‘’\"\"''«»„“".into()),
    ];
    for (name, body) in cases {
        let doc = analysed(&body, &[]);
        for q in finder().find(&doc) {
            assert!(q.span.is_valid_for(&doc.body), "{name}: span {:?}", q.span);
            assert!((0.0..=1.0).contains(&q.confidence), "{name}");
            if let Some(s) = &q.speaker {
                assert!(s.span.is_valid_for(&doc.body) && s.span.slice(&doc.body) == Some(s.text.as_str()), "{name}");
            }
        }
    }
}

#[test]
fn inch_marks_make_no_quote() {
    let doc = analysed("The centre is 6' 2\" tall and weighs 200 pounds, the team said.", &[]);
    assert!(finder().find(&doc).iter().all(|q| q.kind != QuoteKind::Direct));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    #[test]
    fn any_text_gives_valid_spans(
        body in "([A-Za-z]{1,8}|said|told|according to|“|”|\"|'|‘|’|«|»|„|,|\\.|:|\n\n|€|🎉|e\u{301}| ){0,60}"
    ) {
        let doc = analysed(&body, &[("Smith", PER)]);
        for q in finder().find(&doc) {
            proptest::prop_assert!(q.span.is_valid_for(&doc.body), "{:?}", q.span);
            if let Some(s) = &q.speaker {
                proptest::prop_assert!(s.span.is_valid_for(&doc.body));
                proptest::prop_assert_eq!(s.span.slice(&doc.body), Some(s.text.as_str()));
                proptest::prop_assert!(s.entity.is_none_or(|e| e < doc.entities.len()));
            }
            proptest::prop_assert!(q.sentence.is_none_or(|s| s < doc.sentences.len()));
        }
    }
}
