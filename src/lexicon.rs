//! Language data that stages far apart read: the names of months and weekdays, as news writes them.
//!
//! These lists used to be written out in each file that needed them (the date parser, the page cleaner, the
//! sentence splitter, the gazetteer, the value patterns), each a little different. They live here once, in
//! the case the language writes them, and each user keeps its own rule of which forms it accepts and derives
//! its list from these: the sentence splitter takes the abbreviations as they are, the date patterns of
//! `entities::recognize::values` accept only some of them without a period, the page cleaner compares lower case.
//!
//! This module imports nothing of the crate: anything may read it without making a cycle.

/// English month names, in calendar order.
pub(crate) const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// The abbreviations of English month names that news writes, in calendar order: the first three letters,
/// and AP style's "Sept" beside "Sep". "May" is short enough to have none.
pub(crate) const MONTH_ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"];

/// English weekday names, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The abbreviations of English weekday names: the first three letters, and the longer "Tues", "Thur" and
/// "Thurs".
pub(crate) const WEEKDAY_ABBREVIATIONS: [&str; 10] =
    ["Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"];

/// Month names in German, with Austria's "Jänner" and the abbreviations that differ from English ("Okt",
/// "Dez"), weekday names, and the two-letter weekdays of German date lines ("Mo, 12.10.2015").
pub(crate) const GERMAN_CALENDAR: [&str; 29] = [
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember", "Okt", "Dez", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
    "Sonntag", "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So",
];

/// Month names in French, Spanish and Italian, which those languages write in lower case (language by
/// language, so that "marzo" and "agosto" appear twice).
pub(crate) const ROMANCE_MONTHS: [&str; 36] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
];

/// The number (1 to 12) of an English month name or abbreviation, ignoring ASCII case: "January", "jan",
/// "SEPT" and "Sep" all name a month; "Sept." with its period does not (the caller trims it).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    // Every abbreviation is the start of its month's name and of no other month's.
    let abbreviation = MONTH_ABBREVIATIONS.iter().find(|a| a.eq_ignore_ascii_case(word));
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(word) || abbreviation.is_some_and(|a| m.starts_with(a)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_numbers_of_names_and_abbreviations() {
        let cases = [
            ("a full name", "January", Some(1)),
            ("lower case", "march", Some(3)),
            ("upper case", "FEB", Some(2)),
            ("May, which has no abbreviation", "may", Some(5)),
            ("the AP abbreviation", "Sept", Some(9)),
            ("the three-letter abbreviation", "Sep", Some(9)),
            ("an abbreviation with its period", "Jan.", None),
            ("a prefix that is not an abbreviation", "Janu", None),
            ("another language", "März", None),
            ("empty", "", None),
        ];
        for (name, word, want) in cases {
            assert_eq!(month_number(word), want, "{name}: {word:?}");
        }
    }

    #[test]
    fn each_abbreviation_starts_exactly_one_month() {
        for a in MONTH_ABBREVIATIONS {
            let months: Vec<&str> = MONTHS.iter().copied().filter(|m| m.starts_with(a)).collect();
            assert_eq!(months.len(), 1, "{a:?} must abbreviate one month, not {months:?}");
        }
    }
}
