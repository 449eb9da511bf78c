//! Abbreviations that end with a period but rarely end a sentence.

use crate::lexicon::MONTH_ABBREVIATIONS;

/// Titles and other abbreviations that are followed by a name or number, so
/// their period never ends a sentence ("Mr. Carney", "St. John's", "No. 10").
pub(crate) fn is_title_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Prof" | "Sen" | "Sens" | "Rep" | "Reps" | "Gov" | "Gen" | "Lt"
            | "Col" | "Sgt" | "Capt" | "Cmdr" | "Cdr" | "Adm" | "Maj" | "Rev" | "Hon" | "Pres" | "Supt" | "Insp"
            | "Det" | "Const" | "Cpl" | "Pte" | "Pvt" | "Brig" | "Gens" | "Msgr" | "Fr" | "Sr" | "Sra" | "Mme"
            | "Mlle" | "St" | "Ste" | "Mt" | "Ft" | "Pt" | "No" | "Nos" | "Vol" | "Art" | "Fig" | "vs" | "v"
            | "Atty" | "Amb" | "Sec" | "Secs" | "Ald" | "Cllr" | "Coun" | "Supt." | "Messrs" | "Dept" | "Univ"
            | "approx" | "ca" | "cf" | "incl" | "Ave" | "Blvd" | "Rd" | "Hwy"
    )
}

/// Month abbreviations: "Jan. 6" does not end a sentence before a number.
pub(crate) fn is_month_abbrev(word: &str) -> bool {
    MONTH_ABBREVIATIONS.contains(&word)
}

/// Abbreviations that may end a sentence, but usually do not: a period after
/// them ends a sentence only when a typical sentence opener follows.
pub(crate) fn is_soft_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Inc" | "Corp" | "Co" | "Ltd" | "Bros" | "Jr" | "Sr" | "etc" | "al" | "Ont" | "Que" | "Calif" | "Fla"
            | "Mass" | "Mich" | "Ariz" | "Colo" | "Conn" | "Ill" | "Ind" | "Kan" | "Ky" | "La" | "Md" | "Minn"
            | "Miss" | "Mo" | "Mont" | "Neb" | "Nev" | "Okla" | "Ore" | "Pa" | "Tenn" | "Tex" | "Va" | "Vt"
            | "Wash" | "Wis" | "Wyo" | "Ala" | "Ark" | "Del" | "Ga" | "Ida" | "Alta" | "Sask" | "Man" | "B.C"
            | "Nfld" | "Corp.s" | "Govt" | "Intl" | "Assn" | "Dist" | "Mfg" | "Cos"
    )
}

/// Whether `word` is written like an abbreviation with internal periods
/// ("U.S", "U.K", "a.m", "p.m", "D.C"): letters separated by single periods.
pub(crate) fn is_dotted_acronym(word: &str) -> bool {
    let mut letters = 0;
    let mut prev_dot = true;
    for c in word.chars() {
        if c == '.' {
            if prev_dot {
                return false;
            }
            prev_dot = true;
        } else if c.is_alphabetic() {
            if !prev_dot {
                return false;
            }
            letters += 1;
            prev_dot = false;
        } else {
            return false;
        }
    }
    letters >= 2 && word.contains('.')
}

/// Words that typically open a sentence; after "U.S." or "Inc." they signal
/// that the period did end one.
pub(crate) fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The" | "A" | "An" | "He" | "She" | "It" | "They" | "We" | "I" | "You" | "This" | "That" | "These"
            | "Those" | "There" | "But" | "And" | "Or" | "So" | "Yet" | "In" | "On" | "At" | "For" | "If"
            | "When" | "While" | "As" | "After" | "Before" | "Since" | "Although" | "However" | "Meanwhile"
            | "Its" | "His" | "Her" | "Their" | "Our" | "My" | "Some" | "Many" | "Most" | "Other" | "Others"
            | "Officials" | "Analysts" | "Still" | "Also" | "Now" | "Then" | "Last" | "Earlier" | "Later"
            | "Under" | "With" | "Without" | "By" | "From" | "Despite" | "According" | "What" | "Why" | "How"
            | "Where" | "Who" | "Shares" | "Prices" | "Both" | "Each" | "Such" | "No" | "Not" | "Asked"
    )
}
