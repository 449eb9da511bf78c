//! Gazetteers: lists of names compiled into one compact set of phrase hashes.
//!
//! Each listed phrase is tokenised with the same tokenizer as the text,
//! lower-cased and normalised like the features' lower-case form, and
//! stored as the hash of its token hashes with a bitmask of the lists
//! ([`Category`]) that hold it. The proper prefixes of every phrase are
//! stored too, flagged, so that matching stops as soon as a token sequence
//! can no longer grow into a listed phrase: most tokens cost one lookup.
//!
//! Matching is case-blind on purpose: all-caps headlines and datelines must
//! still match; the features pair each match with the token's casing, and
//! the model learns how far to trust a lower-case "may" in the first-name list.
//!
//! [`compile`] reads the layout of the shared data's `gazetteers/` folder;
//! which lists are used and under which licences is recorded in
//! `models/ner/README.md`.

use std::path::Path;

use super::features::{lower_hash, mix, HashMapU64};
use crate::error::{Error, Result};

/// The lists, one bit each in a phrase's mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Category {
    /// Country names, official names and alternative spellings.
    Country = 0,
    /// City names (GeoNames, population at least 15,000) and capitals.
    City = 1,
    /// Other Latin-script names of large cities.
    CityAlias = 2,
    /// Subdivisions (ISO 3166-2), US states, provinces, continents.
    Region = 3,
    /// Demonyms and nationalities ("Canadian").
    Demonym = 4,
    /// Given names (US census, SSA, Kantrowitz).
    FirstName = 5,
    /// Surnames (US census).
    LastName = 6,
    /// International organisations.
    Organization = 7,
    /// Abbreviations of international organisations ("NATO").
    OrgAbbreviation = 8,
    /// Listed companies.
    Company = 9,
    /// Legal forms of companies ("Inc", "GmbH").
    LegalSuffix = 10,
    /// Reuters-21578 people.
    NewsPerson = 11,
    /// Reuters-21578 places.
    NewsPlace = 12,
    /// Reuters-21578 organisations and exchanges.
    NewsOrg = 13,
    /// Months and weekdays, written out and abbreviated ("Jan.", "Tue"): news
    /// style abbreviates them where CoNLL rarely does, and they are never names.
    Calendar = 14,
}

/// The longest phrase kept, in tokens.
const MAX_TOKENS: usize = 8;
/// The bit that marks a proper prefix of a longer phrase.
const PREFIX: u16 = 1 << 15;
const SEED: u64 = 0x6761_7a65_7474_6565;

/// A compiled gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    phrases: HashMapU64<u16>,
}

impl Gazetteer {
    /// Number of stored keys (phrases and prefixes).
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Adds a phrase given as tokens.
    pub fn insert(&mut self, tokens: &[&str], category: Category) {
        if tokens.is_empty() || tokens.len() > MAX_TOKENS {
            return;
        }
        let mut h = SEED;
        for (i, t) in tokens.iter().enumerate() {
            h = mix(h, lower_hash(t));
            let bits = if i + 1 == tokens.len() { 1 << category as u16 } else { PREFIX };
            *self.phrases.entry(h).or_default() |= bits;
        }
    }

    /// Adds a phrase given as text, tokenised like article text.
    pub fn insert_text(&mut self, text: &str, category: Category) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let tokens: Vec<&str> = crate::segment::tokenize(text, 0..text.len()).into_iter().map(|(r, _)| &text[r]).collect();
        self.insert(&tokens, category);
    }

    /// Marks every token of every listed phrase in a sentence, given the
    /// tokens' lower-case hashes: bit `4 * category + position` of `out[i]`,
    /// position 0..4 being Begin, Inside, Last, Unit.
    pub fn matches(&self, lowers: &[u64], out: &mut [u64]) {
        for start in 0..lowers.len() {
            let mut h = SEED;
            for (end, &lower) in lowers.iter().enumerate().skip(start).take(MAX_TOKENS) {
                h = mix(h, lower);
                let Some(&bits) = self.phrases.get(&h) else { break };
                let cats = bits & !PREFIX;
                if cats != 0 {
                    mark(out, start, end + 1, cats);
                }
                if bits & PREFIX == 0 {
                    break;
                }
            }
        }
    }

    /// Serialises into `out`: count, then (hash, mask) pairs sorted by hash.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(u64, u16)> = self.phrases.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// Reads what [`Gazetteer::write`] wrote.
    pub fn read(r: &mut super::model::Reader<'_>) -> std::result::Result<Gazetteer, String> {
        let n = r.count(10)?;
        let mut phrases = HashMapU64::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u16()?;
            phrases.insert(k, v);
        }
        Ok(Gazetteer { phrases })
    }
}

fn mark(out: &mut [u64], start: usize, end: usize, cats: u16) {
    let mut c = cats;
    while c != 0 {
        let cat = u64::from(c.trailing_zeros());
        c &= c - 1;
        for (i, slot) in out.iter_mut().enumerate().take(end).skip(start) {
            let pos = if end - start == 1 {
                3
            } else if i == start {
                0
            } else if i + 1 == end {
                2
            } else {
                1
            };
            *slot |= 1 << (4 * cat + pos);
        }
    }
}

/// Compiles the lists under `dir` (the shared data's `gazetteers/` layout).
/// Missing files are an error, so that a model never silently loses a list.
pub fn compile(dir: &Path) -> Result<Gazetteer> {
    use Category::*;
    let mut g = Gazetteer::default();
    let read = |rel: &str| -> Result<String> {
        let p = dir.join(rel);
        let bytes = std::fs::read(&p).map_err(|e| Error::io("reading", &p, e))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };

    // Countries, with their demonyms and capitals.
    let countries = read("places/countries_aliases_demonyms.tsv")?;
    for row in countries.lines().skip(1).map(|l| l.split('\t').collect::<Vec<_>>()) {
        for (i, field) in row.iter().enumerate() {
            for name in field.split('|').filter(|s| !s.is_empty()) {
                match i {
                    2..=6 => g.insert_text(name, Country),
                    // Alternative spellings include two-letter codes ("AF"): keep real names.
                    7 if name.chars().count() > 3 => g.insert_text(name, Country),
                    8 | 9 => g.insert_text(name, Demonym),
                    10 => g.insert_text(name, City),
                    _ => {}
                }
            }
        }
    }
    for (file, cat) in [
        ("places/nltk_gazetteers/countries.txt", Country),
        ("places/nltk_gazetteers/isocountries.txt", Country),
        ("places/nltk_gazetteers/nationalities.txt", Demonym),
        ("places/nltk_gazetteers/usstates.txt", Region),
        ("places/nltk_gazetteers/caprovinces.txt", Region),
        ("places/nltk_gazetteers/mexstates.txt", Region),
        ("places/nltk_gazetteers/uscities.txt", City),
        ("person_names/nltk_names_kantrowitz/male.txt", FirstName),
        ("person_names/nltk_names_kantrowitz/female.txt", FirstName),
    ] {
        for line in read(file)?.lines() {
            g.insert_text(line, cat);
        }
    }

    // Cities: names, and for cities of 100,000 or more their other Latin names
    // that are written as names (capitalised), which drops most transliteration noise.
    for row in read("places/cities15000_latin_aliases.tsv")?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        g.insert_text(f[1], City);
        let population: u64 = f[4].parse().unwrap_or(0);
        if population >= 100_000 {
            for alias in f[5].split('|').filter(|a| a.chars().next().is_some_and(char::is_uppercase)) {
                g.insert_text(alias, CityAlias);
            }
        }
    }
    for row in read("places/subdivisions_iso3166_2.tsv")?.lines().skip(1) {
        if let Some(name) = row.split('\t').nth(1) {
            g.insert_text(name, Region);
        }
    }
    for name in ["Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica", "Australia"] {
        g.insert_text(name, Region);
    }

    // Person names. Census names are upper case; case does not matter here.
    for file in ["person_names/us_census_1990/dist.male.first", "person_names/us_census_1990/dist.female.first"] {
        for name in read(file)?.lines().filter_map(|l| l.split_whitespace().next()) {
            g.insert_text(name, FirstName);
        }
    }
    for name in read("person_names/us_census_1990/dist.all.last")?.lines().filter_map(|l| l.split_whitespace().next()) {
        g.insert_text(name, LastName);
    }
    // SSA given names: only those given at least 5,000 times, which keeps real names and drops one-off spellings.
    for row in read("person_names/us_ssa_babynames/ssa_national_first_names_1880_2023.tsv")?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() >= 3 && f[2].parse::<u64>().unwrap_or(0) >= 5_000 {
            g.insert_text(f[0], FirstName);
        }
    }

    // Organisations.
    for row in read("organizations/supraverden_intl_orgs/supraverden_orgs_en.tsv")?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        for (i, field) in f.iter().enumerate().take(4) {
            for name in field.split('|').filter(|s| !s.is_empty()) {
                g.insert_text(name, if i == 2 { OrgAbbreviation } else { Organization });
            }
        }
    }
    for row in read("organizations/cia_factbook_intl_orgs/cia_factbook_appendix_b_international_orgs.tsv")?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        // Lower-case names are descriptions ("advanced economies"), not names.
        if let Some(name) = f.first().filter(|n| n.chars().next().is_some_and(char::is_uppercase)) {
            g.insert_text(name, Organization);
        }
        if let Some(abbr) = f.get(1).filter(|a| !a.is_empty()) {
            g.insert_text(abbr, OrgAbbreviation);
        }
    }
    let legal = read("organizations/legal_suffixes_cleanco/cleanco_legal_terms.tsv")?;
    let mut suffixes: Vec<String> = Vec::new();
    for term in legal.lines().skip(1).filter_map(|l| l.split('\t').nth(2)) {
        g.insert_text(term, LegalSuffix);
        suffixes.push(term.to_lowercase());
    }
    let mut company = |name: &str| {
        let name = clean_company(name);
        g.insert_text(&name, Company);
        // Also without its legal form: "Alcoa Inc." is mostly written "Alcoa".
        let lower = name.to_lowercase();
        if let Some(s) = suffixes.iter().find(|s| lower.ends_with(&format!(" {s}")) || lower.ends_with(&format!(" {s}."))) {
            let cut = lower.rfind(&format!(" {s}")).unwrap_or(name.len());
            g.insert_text(name[..cut].trim_end_matches([',', ' ']), Company);
        }
    };
    for (file, col) in [
        ("organizations/sp500/constituents.csv", 1),
        ("organizations/us_listed_companies/nasdaq-listed.csv", 1),
        ("organizations/us_listed_companies/nyse-listed.csv", 1),
        ("organizations/us_listed_companies/other-listed.csv", 1),
    ] {
        let text = read(file)?;
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        for rec in rdr.records().flatten() {
            if let Some(name) = rec.get(col) {
                company(name);
            }
        }
    }

    add_calendar(&mut g);

    // Reuters-21578 category strings: lower case, hyphens for spaces.
    for (file, cat) in [
        ("reuters21578_category_strings/all-people-strings.lc.txt", NewsPerson),
        ("reuters21578_category_strings/all-places-strings.lc.txt", NewsPlace),
        ("reuters21578_category_strings/all-orgs-strings.lc.txt", NewsOrg),
        ("reuters21578_category_strings/all-exchanges-strings.lc.txt", NewsOrg),
    ] {
        for line in read(file)?.lines() {
            g.insert_text(&line.replace('-', " "), cat);
        }
    }
    Ok(g)
}

/// Months and weekdays: a built-in list (general knowledge, not data).
fn add_calendar(g: &mut Gazetteer) {
    const NAMES: [&str; 19] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ];
    const SHORT: [&str; 21] = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues",
        "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
    ];
    for name in NAMES {
        g.insert(&[name], Category::Calendar);
    }
    for short in SHORT {
        g.insert(&[short], Category::Calendar);
        g.insert(&[&format!("{short}.")], Category::Calendar);
    }
}

/// A security's listed name without its share-class tail:
/// "Alcoa Inc. Common Stock" → "Alcoa Inc.", "Artius II Acquisition Inc. - Class A Ordinary Shares" → "Artius II Acquisition Inc.".
fn clean_company(name: &str) -> String {
    let mut s = name.split(" - ").next().unwrap_or(name).trim().to_string();
    for tail in [
        "Common Stock", "Ordinary Shares", "Common Shares", "American Depositary Shares", "Class A", "Class B",
        "Class C", "Units", "Warrants", "Warrant", "Rights", "Depositary Shares", "Shares",
    ] {
        if let Some(pos) = s.find(&format!(" {tail}")) {
            s.truncate(pos);
        }
    }
    s.trim_end_matches([',', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(g: &Gazetteer, tokens: &[&str]) -> Vec<u64> {
        let lowers: Vec<u64> = tokens.iter().map(|t| lower_hash(t)).collect();
        let mut out = vec![0; tokens.len()];
        g.matches(&lowers, &mut out);
        out
    }

    #[test]
    fn phrases_match_with_bilu_positions_whatever_the_case() {
        let mut g = Gazetteer::default();
        g.insert_text("New York", Category::City);
        g.insert_text("New York City", Category::City);
        g.insert_text("York", Category::City);
        g.insert_text("NATO", Category::OrgAbbreviation);
        let city = |pos: u32| 1u64 << (4 * Category::City as u32 + pos);
        let cases: [(&[&str], Vec<u64>); 3] = [
            (&["in", "NEW", "YORK", "CITY"], vec![0, city(0), city(1) | city(2) | city(3), city(2)]),
            (&["new", "jersey"], vec![0, 0]),
            (&["nato"], vec![1 << (4 * Category::OrgAbbreviation as u32 + 3)]),
        ];
        for (tokens, want) in cases {
            assert_eq!(tagged(&g, tokens), want, "matches in {tokens:?}");
        }
    }

    #[test]
    fn company_names_lose_their_share_class() {
        let cases = [
            ("Alcoa Inc. Common Stock", "Alcoa Inc."),
            ("Artius II Acquisition Inc. - Class A Ordinary Shares", "Artius II Acquisition Inc."),
            ("Agilent Technologies, Inc. Common Stock", "Agilent Technologies, Inc."),
            ("3M", "3M"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_company(raw), want, "cleaning {raw:?}");
        }
    }

    #[test]
    fn writing_and_reading_round_trips() {
        let mut g = Gazetteer::default();
        g.insert_text("Mark Rutte", Category::NewsPerson);
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Gazetteer::read(&mut super::super::model::Reader::new(&bytes)).unwrap();
        assert_eq!(back.phrases, g.phrases);
    }
}
