//! Values: dates, times, amounts of money, percentages and quantities,
//! found by rules (origin `pattern`, no entity).
//!
//! Analysts filter on these ("articles that give a figure in dollars"), and
//! their forms in news are regular enough for patterns: "Jan. 6, 2026",
//! "Monday", "4:00 am", "$29bn", "3.5 per cent", "five millimetres", "more
//! than 30 countries". Each label is a small set of regular expressions
//! built from shared pieces (numbers in digits or words, approximators such
//! as "more than", units, months). Where matches overlap the longest wins,
//! then the earlier rule in [`ValueRecognizer::new`]'s order.
//!
//! Counts follow the issue's examples rather than OntoNotes: "more than 30
//! countries" is a QUANTITY (OntoNotes would call it CARDINAL), and a
//! duration in days or years is a DATE, in hours or minutes a TIME.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex::{Regex, RegexBuilder};

use super::rules::longest_non_overlapping;
use crate::document::{Document, Label, Mention, Origin};
use crate::entities::names::{build_mentions, Found, FIELDS};
use crate::entities::EntityRecognizer;
use crate::error::{Error, Result};
use crate::lexicon;

/// Confidence of a value found by a pattern: fixed, not calibrated.
const CONFIDENCE: f32 = 0.85;

/// Holidays are dates, as OntoNotes tags them ("takings were down over Christmas"), not names: the tagger,
/// trained on CoNLL, which has none, calls them MISC or ORGANIZATION. Inside a longer name ("Christmas Island")
/// the name wins, as for any value.
const HOLIDAYS: &str = r"\b(?:Christmas(?:[ \t]+(?:Day|Eve))?|Boxing[ \t]+Day|New[ \t]+Year'?s(?:[ \t]+(?:Day|Eve))?|Easter(?:[ \t]+(?:Sunday|Monday))?|Good[ \t]+Friday|Thanksgiving(?:[ \t]+Day)?|Ramadan|Hanukkah|Diwali|Halloween|Valentine'?s[ \t]+Day)\b";

const YEAR: &str = r"(?:1[89]\d\d|20\d\d)";
const DIGITS: &str = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
const WORD_NUMBER: &str = r"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozens of|a hundred|hundreds of|thousands of|a few|several)";
const SCALE: &str = r"(?:[ \t](?:hundred|thousand|million|billion|trillion|mln|bln))";
const APPROX: &str = r"(?i:(?:more than|less than|fewer than|over|under|about|around|roughly|approximately|nearly|almost|up to|at least|at most|some|as many as|as much as|as few as|just over|just under|close to|an estimated|only)[ \t]+)";
const UNITS: &str = r"(?:basis points?|millimet(?:re|er)s?|centimet(?:re|er)s?|kilomet(?:re|er)s?|met(?:re|er)s?|mm|cm|km|miles?|feet|foot|ft|inches|inch|yards?|kilograms?|kilos?|kg|grams?|tonnes?|tons?|litres?|liters?|gallons?|barrels?|bpd|hectares?|acres?|square (?:kilomet(?:re|er)s|km|miles|met(?:re|er)s|feet)|degrees?(?: (?:Celsius|Fahrenheit|C|F))?|°[CF]?|km/h|mph|knots|megawatts?|gigawatts?|kilowatts?|MW|GW|kWh|calories|megatonnes|centimetres of snow)";
const COUNT_NOUN: &str = r"(?:people|children|men|women|police|personnel|staff|troops|aircraft|[a-z]{3,}s)";
const CURRENCY_WORD: &str = r"(?:dollars?|dlrs?|euros?|pounds? sterling|pounds|yen|yuan|renminbi|rupees?|francs?|roubles?|rubles?|pesos?|cents?|hryvnias?|won|rand|lira|dinars?|riyals?|shekels?)";
const CURRENCY_CODE: &str = r"(?:USD|EUR|GBP|CAD|JPY|CNY|CHF|AUD|INR|RUB|UAH)";
/// Literals that some match of each rule must contain, as groups that must all be present (each group: any of
/// its literals, compared ignoring ASCII case). One Aho-Corasick pass over a text tells which rules can match
/// in which lines (no pattern matches a line break); a rule's automaton runs only on its lines. Every match of a rule contains a literal of each of its groups
/// (`gates_never_hide_a_match` checks this on the test texts), so the gates change the speed, not the output.
const GATES: &[&[&[&str]]] = &[
    &[&["$", "€", "£", "¥", "₹"], DIGIT],
    &[&["usd", "eur", "gbp", "cad", "jpy", "cny", "chf", "aud", "inr", "rub", "uah"], DIGIT],
    &[
        &[
            "dollar", "dlr", "euro", "pound", "yen", "yuan", "renminbi", "rupee", "franc", "rouble", "ruble", "peso",
            "cent", "hryvnia", "won", "rand", "lira", "dinar", "riyal", "shekel",
        ],
        NUMBER,
    ],
    &[&["%", "cent", "pct", "percentage"], NUMBER],
    &[MONTHS, DIGIT],
    &[MONTHS, DIGIT],
    &[&["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "-"], DIGIT],
    &[&["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "18", "19", "20"]],
    &[&[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "0s",
        "christmas", "boxing", "new year", "easter", "thanksgiving", "ramadan", "hanukkah", "diwali", "halloween",
        "valentine",
    ]],
    &[&[
        "day", "week", "wks", "month", "mths", "year", "yrs", "decade", "centur", "summer", "winter", "spring", "fall",
        "autumn", "quarter",
    ]],
    &[SPANS, NUMBER],
    &[&[":", "am", "pm", "a.m.", "p.m."], DIGIT],
    &[&["noon", "midday", "midnight", "tonight", "morning", "afternoon", "evening", "night"]],
    &[&["hour", "minute", "second"], NUMBER],
    &[
        &[
            "basis", "met", "mm", "cm", "km", "mile", "feet", "foot", "ft", "inch", "yard", "kilo", "kg", "gram", "ton",
            "litre", "liter", "gallon", "barrel", "bpd", "hectare", "acre", "square", "degree", "°", "mph", "knot",
            "watt", "mw", "gw", "kwh", "calorie",
        ],
        NUMBER,
    ],
    &[NUMBER],
];
const DIGIT: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
/// What every [`DIGITS`] or [`WORD_NUMBER`] contains.
const NUMBER: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "dozen", "hundred", "thousand", "few", "several",
];
const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const SPANS: &[&str] = &["day", "week", "wks", "month", "mths", "year", "yrs", "decade", "centur"];

/// Words that end in s but are not counted nouns ("one is", "two has").
const NOT_COUNT_NOUNS: &[&str] = &[
    "is", "was", "has", "does", "this", "thus", "its", "his", "hers", "ours", "yours", "theirs", "us", "as", "yes",
    "less", "unless", "plus", "across", "always", "perhaps", "whereas", "besides", "says", "goes", "makes", "takes",
    "gives", "seems", "remains", "becomes", "comes", "looks", "needs", "wants", "gets", "shows", "tells", "asks",
    "means", "keeps", "runs", "sits", "stands", "lies", "dies", "stays", "whose", "chaos", "news",
];

/// Finds dates, times, money, percentages and quantities.
#[derive(Debug, Clone)]
pub struct ValueRecognizer {
    rules: Vec<(Label, Regex)>,
    /// The literals of [`GATES`] but single digits.
    triggers: AhoCorasick,
    /// For each literal of `triggers`, the gate groups (bits numbered across all rules) that it satisfies.
    literal_groups: Vec<u64>,
    /// The gate groups that a digit satisfies.
    digit_groups: u64,
    /// For each rule, the bits of its gate groups: the rule can match in a line holding all of them.
    rule_groups: Vec<u64>,
}

/// Month names as the date patterns accept them: written out, abbreviated with a period, and abbreviated
/// without one but for "Mar", "Apr", "Jun", "Jul" and "Sep"; and written out but "May", for the pattern
/// that reads a month alone (a bare "May" is more often a name).
fn month_patterns() -> (String, String) {
    let abbreviations = lexicon::MONTH_ABBREVIATIONS;
    let dotted = abbreviations.map(|a| format!(r"{a}\."));
    let bare = abbreviations.into_iter().filter(|a| !matches!(*a, "Mar" | "Apr" | "Jun" | "Jul" | "Sep"));
    let any: Vec<&str> = lexicon::MONTHS.into_iter().chain(dotted.iter().map(String::as_str)).chain(bare).collect();
    let full: Vec<&str> = lexicon::MONTHS.into_iter().filter(|m| *m != "May").collect();
    (format!("(?:{})", any.join("|")), format!("(?:{})", full.join("|")))
}

impl ValueRecognizer {
    /// The built-in patterns. Order matters only between matches of the same span.
    pub fn new() -> Result<ValueRecognizer> {
        let (month, month_full) = month_patterns();
        let weekday = format!("(?:{})", lexicon::WEEKDAYS.join("|"));
        let num = format!(r"(?:{DIGITS}|{WORD_NUMBER}){SCALE}?");
        let range = format!(r"(?:(?i:between)[ \t]+{num}[ \t]+and[ \t]+{num}|{num}(?:[ \t]*(?:-|–|to)[ \t]*{num})?)");
        let day = r"\d{1,2}(?:st|nd|rd|th)?";
        let span = r"(?:days?|weeks?|wks|months?|mths|years?|yrs|decades?|centuries|century)";
        let clock_suffix = r"(?:[ \t]?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b))";
        let zone = r"(?:[ \t](?:GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|PT|PST|PDT|CET|CEST|BST))";
        let sources: Vec<(Label, String)> = vec![
            (
                Label::Money,
                format!(
                    r"(?:{APPROX})?(?:[A-Z]{{1,3}})?(?:\$|€|£|¥|₹)[ \t]?{DIGITS}(?:[ \t]?(?:-|–|to)[ \t]?(?:\$|€|£|¥|₹)?{DIGITS})?(?:{SCALE}|(?:bn|mn|m|k|tn|b)\b)?"
                ),
            ),
            (
                Label::Money,
                format!(
                    r"(?:{APPROX})?\b{CURRENCY_CODE}[ \t]?{DIGITS}{SCALE}?\b|(?:{APPROX})?\b{DIGITS}{SCALE}?[ \t]{CURRENCY_CODE}\b"
                ),
            ),
            (
                Label::Money,
                format!(
                    r"(?:{APPROX})?\b{range}[ \t]+(?:(?:U\.S\.|US|Canadian|Australian|Hong Kong|Singapore|New Zealand)[ \t]+)?{CURRENCY_WORD}\b"
                ),
            ),
            (
                Label::Percent,
                format!(r"(?:{APPROX})?\b{range}[ \t]?(?:%|(?:per[ \t]?cent|percent|pct|percentage points?)\b)"),
            ),
            (Label::Date, format!(r"\b(?:{weekday},?[ \t]+)?{month}[ \t]+{day}\b(?:,?[ \t]+{YEAR}\b)?")),
            (Label::Date, format!(r"\b(?:{weekday},?[ \t]+)?{day}[ \t]+(?:of[ \t]+)?{month}\b(?:,?[ \t]+{YEAR}\b)?")),
            (Label::Date, format!(r"\b{month}[ \t]+{YEAR}\b|\b{YEAR}-\d\d-\d\d\b")),
            (
                Label::Date,
                format!(
                    r"(?i:\b(?:in|since|until|by|from|through|during|before|after|last|next|this|early|late|mid-|of)[ \t]+)(?P<m>{month_full}|May\b[ \t]+{YEAR}|{YEAR}s?)\b"
                ),
            ),
            (
                Label::Date,
                format!(r"\b{weekday}\b|\b(?i:today|yesterday|tomorrow)\b|\b(?:(?i:the)[ \t]+)?(?:1[89]|20)\d0s\b|{HOLIDAYS}"),
            ),
            (
                Label::Date,
                format!(
                    r"(?i:\b(?:last|next|this|past|coming|previous|recent|following)[ \t]+(?:(?:few|several|{num})[ \t]+)?(?:{span}|weekend|summer|winter|spring|fall|autumn|quarter)\b)"
                ),
            ),
            (Label::Date, format!(r"(?:{APPROX})?\b{range}[ \t]+{span}(?:[ \t]+ago)?\b")),
            (Label::Time, format!(r"\b\d{{1,2}}:\d\d{clock_suffix}?{zone}?|\b\d{{1,2}}{clock_suffix}{zone}?")),
            (
                Label::Time,
                format!(
                    r"\b(?i:noon|midday|midnight|tonight)\b|\b(?:(?i:this|yesterday|tomorrow)|{weekday})[ \t]+(?:morning|afternoon|evening|night)\b"
                ),
            ),
            (Label::Time, format!(r"(?:{APPROX})?\b{range}[ \t]+(?:hours?|minutes?|seconds?)\b")),
            (Label::Quantity, format!(r"(?:{APPROX})?\b{range}[ \t]?-?[ \t]?{UNITS}\b")),
            (
                Label::Quantity,
                format!(
                    r"(?:{APPROX})?\b{range}[ \t]+(?:[A-Z][a-z]+(?:an|ese|ish|ic|i)[ \t]+)?(?P<noun>{COUNT_NOUN})\b"
                ),
            ),
        ];
        let rules: Vec<(Label, Regex)> = sources
            .into_iter()
            // ASCII classes and case folding too (Unicode `\d` and `(?i)` make the automata several times
            // larger and slower); the few non-ASCII literals (currency signs, °) still match as UTF-8.
            .map(|(label, src)| RegexBuilder::new(&src).unicode(false).build().map(|r| (label, r)))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::config_caused_by("value patterns", "a pattern does not compile", e))?;
        if GATES.len() != rules.len() {
            return Err(Error::config("value patterns", format!("{} rules but {} gates", rules.len(), GATES.len())));
        }
        // Single digits are not searched for: nearly every text has one, and reporting each of them would make
        // the overlapping search slow. A byte scan says whether a line has any.
        let is_digit = |lit: &str| lit.len() == 1 && lit.as_bytes()[0].is_ascii_digit();
        let mut literals: Vec<&str> = Vec::new();
        for &lit in GATES.iter().flat_map(|groups| groups.iter()).flat_map(|group| group.iter()) {
            if !is_digit(lit) && !literals.contains(&lit) {
                literals.push(lit);
            }
        }
        let mut literal_groups = vec![0u64; literals.len()];
        let (mut digit_groups, mut rule_groups, mut bit) = (0u64, Vec::new(), 0usize);
        for groups in GATES {
            let mut mask = 0u64;
            for group in groups.iter() {
                if bit == 64 {
                    return Err(Error::config("value patterns", "more than 64 gate groups".to_string()));
                }
                for &lit in group.iter() {
                    match literals.iter().position(|l| *l == lit) {
                        Some(i) => literal_groups[i] |= 1 << bit,
                        None => digit_groups |= 1 << bit,
                    }
                }
                mask |= 1 << bit;
                bit += 1;
            }
            rule_groups.push(mask);
        }
        let triggers = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .map_err(|e| Error::config_caused_by("value triggers", "the trigger automaton cannot be built", e))?;
        Ok(ValueRecognizer { rules, triggers, literal_groups, digit_groups, rule_groups })
    }

    /// Values in `text`: byte ranges and labels, without overlaps.
    fn find(&self, text: &str) -> Vec<(Range<usize>, Label)> {
        self.find_gated(text, true)
    }

    fn find_gated(&self, text: &str, gated: bool) -> Vec<(Range<usize>, Label)> {
        let mut candidates: Vec<(Range<usize>, (usize, Label))> = Vec::new();
        if !gated {
            for order in 0..self.rules.len() {
                self.find_rule(order, text, 0, &mut candidates);
            }
        } else {
            // No pattern matches a line break, so a rule is run only on the lines that hold a literal of each of
            // its gate groups; a run of such lines is searched as one slice.
            let mut lines: Vec<(Range<usize>, u64)> = Vec::new();
            let mut start = 0;
            for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
                let line = &text.as_bytes()[start..end];
                let digits = if line.iter().any(u8::is_ascii_digit) { self.digit_groups } else { 0 };
                lines.push((start..end, digits));
                start = end + 1;
            }
            let mut line = 0;
            for m in self.triggers.find_overlapping_iter(text) {
                while lines[line].0.end < m.start() {
                    line += 1;
                }
                lines[line].1 |= self.literal_groups[m.pattern().as_usize()];
            }
            for (order, &need) in self.rule_groups.iter().enumerate() {
                let mut run: Option<Range<usize>> = None;
                for (range, have) in &lines {
                    if have & need == need {
                        run = Some(run.map_or(range.clone(), |r| r.start..range.end));
                    } else if let Some(r) = run.take() {
                        self.find_rule(order, &text[r.clone()], r.start, &mut candidates);
                    }
                }
                if let Some(r) = run {
                    self.find_rule(order, &text[r.clone()], r.start, &mut candidates);
                }
            }
        }
        // Longest first; for equal spans the earlier rule (the order above) wins.
        candidates.sort_by_key(|(_, (order, _))| *order);
        longest_non_overlapping(candidates).into_iter().map(|(r, (_, l))| (r, l)).collect()
    }

    /// Adds rule `order`'s matches in `line` (which starts at byte `offset` of the text) to `candidates`.
    fn find_rule(&self, order: usize, line: &str, offset: usize, candidates: &mut Vec<(Range<usize>, (usize, Label))>) {
        let (label, re) = &self.rules[order];
        let at = |r: Range<usize>| r.start + offset..r.end + offset;
        if re.captures_len() == 1 {
            // No groups: the DFA alone finds the matches, much faster than resolving captures.
            candidates.extend(re.find_iter(line).filter(|m| !m.is_empty()).map(|m| (at(m.range()), (order, *label))));
            return;
        }
        for c in re.captures_iter(line) {
            let Some(whole) = c.get(0) else { continue };
            let m = c.name("m").unwrap_or(whole);
            if let Some(noun) = c.name("noun") {
                // "one is" is not a count, and "1986 results" is a year, not 1,986 results.
                let year = whole.as_str().split_whitespace().next().is_some_and(|w| {
                    w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
                });
                if NOT_COUNT_NOUNS.contains(&noun.as_str()) || year {
                    continue;
                }
            }
            if !m.is_empty() {
                candidates.push((at(m.range()), (order, *label)));
            }
        }
    }
}

impl EntityRecognizer for ValueRecognizer {
    fn name(&self) -> &str {
        "values"
    }

    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
        let mut out = Vec::new();
        for field in FIELDS {
            let text = doc.field_text(field);
            let found = self
                .find(text)
                .into_iter()
                .map(|(range, label)| Found { range, label, confidence: CONFIDENCE, origin: Origin::Pattern })
                .collect();
            out.extend(build_mentions(doc, field, found));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_news_text() {
        use Label::*;
        let cases: &[(&str, &[(&str, Label)])] = &[
            ("It was first published Jan. 6, 2026.", &[("Jan. 6, 2026", Date)]),
            ("Takings fell over Christmas and Boxing Day.", &[("Christmas", Date), ("Boxing Day", Date)]),
            ("in Paris on Monday, Jan. 5, 2026. THE", &[("Monday, Jan. 5, 2026", Date)]),
            ("Posted January 6, 2026 4:00 am.", &[("January 6, 2026", Date), ("4:00 am", Time)]),
            ("at 5:32 a.m. ET", &[("5:32 a.m. ET", Time)]),
            ("a group of more than 30 countries pledged", &[("more than 30 countries", Quantity)]),
            ("with up to five millimetres expected", &[("up to five millimetres", Quantity)]),
            ("One to 5 millimetres of ice", &[("One to 5 millimetres", Quantity)]),
            ("a deal worth $29bn (£15bn)", &[("$29bn", Money), ("£15bn", Money)]),
            ("US$1.2 billion and 20 euros", &[("US$1.2 billion", Money), ("20 euros", Money)]),
            (
                "inflation of 3.5 percent, or 4% or 2.5 per cent",
                &[("3.5 percent", Percent), ("4%", Percent), ("2.5 per cent", Percent)],
            ),
            ("talks Tuesday in recent days", &[("Tuesday", Date), ("recent days", Date)]),
            ("displaced for more than five weeks", &[("more than five weeks", Date)]),
            ("since 2022 and in March", &[("2022", Date), ("March", Date)]),
            ("Over 400 residents of 11 Thorncliffe", &[("Over 400 residents", Quantity)]),
            ("between 5 and 10 percent", &[("between 5 and 10 percent", Percent)]),
            (
                "wire style: 11.3 mln dlrs, up 2.5 pct in nine mths",
                &[("11.3 mln dlrs", Money), ("2.5 pct", Percent), ("nine mths", Date)],
            ),
            ("a year is not a count: 1986 results, 10 basis points", &[("10 basis points", Quantity)]),
            ("three hours later, at noon", &[("three hours", Time), ("noon", Time)]),
            ("The 1990s were 6 January 2026", &[("The 1990s", Date), ("6 January 2026", Date)]),
        ];
        let v = ValueRecognizer::new().unwrap();
        for (text, want) in cases {
            let got: Vec<(&str, Label)> = v.find(text).into_iter().map(|(r, l)| (&text[r], l)).collect();
            assert_eq!(got, *want, "values in {text:?}");
            assert_eq!(v.find_gated(text, true), v.find_gated(text, false), "a gate hid a value in {text:?}");
        }
    }

    #[test]
    fn gates_never_hide_a_match() {
        // Each rule alone, on texts made to match it; a missing literal in GATES shows up here.
        let texts = [
            "EUR 5 and USD 3bn, 7 CHF, C$4 and €2.5 million, 3 rand, 9 hryvnias, 40 won, twelve riyals",
            "US$1.2 billion, 11.3 mln dlrs, between five and ten pounds sterling, Hong Kong 8 dollars, 2 cents",
            "3 %, 4.5 per cent, 5 percent, 6 pct, 2 percentage points, twenty-one per cent",
            "Sept. 3, 2025; 4th of July; Dec 25; May 2024; 2024-03-01; in 1987; since the 1990s; by May 2026",
            "Friday, today, tomorrow, yesterday; last week, next few months, this quarter, past 3 years, coming weekend",
            "three decades ago, 2 centuries, 4 wks, 9 mths, 8 yrs, fourteen days, a dozen years",
            "10:30 p.m. GMT, 9am, 11 PM EST, noon, midnight, tonight, Tuesday evening, this morning",
            "three hours, 45 minutes, 10 seconds, 5 km/h, 3 mph, 12 knots, 40 MW, 2 GW, 100 kWh, 500 calories",
            "10 basis points, 5 millimetres, 3 cm, 2 km, 4 miles, 6 feet, 1 foot, 5 ft, 2 inches, 3 yards, 4 kilos",
            "5 kg, 20 grams, 3 tonnes, 4 tons, 2 litres, 3 liters, 5 gallons, 100,000 bpd, 2 barrels, 3 hectares",
            "4 acres, 5 square kilometres, 30 degrees Celsius, 20°C, 2 megatonnes, 3 centimetres of snow, 5 metres",
            "more than 30 countries, hundreds of people, thousands of troops, several staff, a few children, 12 men",
        ];
        let v = ValueRecognizer::new().unwrap();
        for text in texts {
            let all = v.find_gated(text, false);
            assert!(all.len() >= 5, "the test text should hold values: {text:?} gave {all:?}");
            assert_eq!(v.find_gated(text, true), all, "a gate hid a value in {text:?}");
        }
        // Gates hold line by line: over several lines, and with a rule's literals split across two lines.
        let lines = [texts.join("\n"), "costs 5\ndollars in\nMarch and 4:\n30 on\n2024".to_string()];
        for text in &lines {
            assert_eq!(v.find_gated(text, true), v.find_gated(text, false), "a gate hid a value in {text:?}");
        }
    }

    #[test]
    fn words_that_only_look_like_values_are_left_alone() {
        let cases = [
            "Theresa May said one is enough.",
            "They march on.",
            "the 2nd-straight day",
            "a five-alarm fire",
            "Mark Carney is in Paris today meeting allies",
            "Ukraine’s other allies",
        ];
        let v = ValueRecognizer::new().unwrap();
        for text in cases {
            let got: Vec<(&str, Label)> =
                v.find(text).into_iter().map(|(r, l)| (&text[r], l)).filter(|(_, l)| *l != Label::Date).collect();
            assert!(got.is_empty(), "{text:?} gave {got:?}");
        }
        assert!(v.find("Theresa May said").is_empty(), "a bare May is a name, not a month");
    }
}
