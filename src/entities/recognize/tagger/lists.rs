//! The lists a [`Gazetteer`] is compiled from: which files ([`GazetteerSources`]) and how each is read
//! ([`compile`]).
//!
//! Apart from [`super::gazetteer`] because only training reads the lists: a model file carries its
//! compiled gazetteer, and tagging never opens a list. Where the lists are is data, not code, so that a
//! caller can compile from another layout without touching this file.

use std::path::{Path, PathBuf};

use super::gazetteer::{Category, Gazetteer};
use crate::error::{Error, Result};
use crate::lexicon::{MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, WEEKDAY_ABBREVIATIONS};

/// The files [`compile`] reads, one field per file or per group of files read alike, so that where the
/// lists come from is data: [`GazetteerSources::in_folder`] gives the layout of the shared data's
/// `gazetteers/` folder, and a caller may point any field elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GazetteerSources {
    /// Countries (TSV with a header): official and short names, alternative spellings, demonyms, capitals.
    pub countries: PathBuf,
    /// Lists of one name per line, each with the list it feeds (NLTK's countries, nationalities, states,
    /// provinces, cities and given names).
    pub name_lists: Vec<(PathBuf, Category)>,
    /// Cities of 15,000 people or more (TSV with a header): name, population and other Latin names.
    pub cities: PathBuf,
    /// ISO 3166-2 subdivisions (TSV with a header), their name in the second column.
    pub subdivisions: PathBuf,
    /// US census given names, one per line, the name first.
    pub census_first_names: Vec<PathBuf>,
    /// US census surnames, one per line, the name first.
    pub census_last_names: PathBuf,
    /// US Social Security given names (TSV with a header): name, sex, count.
    pub ssa_first_names: PathBuf,
    /// International organisations (TSV with a header): names, then abbreviations in the third column.
    pub international_orgs: PathBuf,
    /// The CIA World Factbook's international organisations (TSV with a header): name, abbreviation.
    pub factbook_orgs: PathBuf,
    /// Legal forms of companies (TSV with a header), the term in the third column.
    pub legal_suffixes: PathBuf,
    /// Listed companies (CSV with a header), the name in the second column.
    pub companies: Vec<PathBuf>,
    /// Reuters-21578 category strings, one per line, each file with the list it feeds.
    pub reuters: Vec<(PathBuf, Category)>,
}

impl GazetteerSources {
    /// The files at their places in the shared data's `gazetteers/` folder `dir`.
    pub(crate) fn in_folder(dir: &Path) -> GazetteerSources {
        use Category::*;
        let at = |rel: &str| dir.join(rel);
        let each = |files: &[(&str, Category)]| files.iter().map(|&(f, c)| (at(f), c)).collect();
        GazetteerSources {
            countries: at("places/countries_aliases_demonyms.tsv"),
            name_lists: each(&[
                ("places/nltk_gazetteers/countries.txt", Country),
                ("places/nltk_gazetteers/isocountries.txt", Country),
                ("places/nltk_gazetteers/nationalities.txt", Demonym),
                ("places/nltk_gazetteers/usstates.txt", Region),
                ("places/nltk_gazetteers/caprovinces.txt", Region),
                ("places/nltk_gazetteers/mexstates.txt", Region),
                ("places/nltk_gazetteers/uscities.txt", City),
                ("person_names/nltk_names_kantrowitz/male.txt", FirstName),
                ("person_names/nltk_names_kantrowitz/female.txt", FirstName),
            ]),
            cities: at("places/cities15000_latin_aliases.tsv"),
            subdivisions: at("places/subdivisions_iso3166_2.tsv"),
            census_first_names: vec![
                at("person_names/us_census_1990/dist.male.first"),
                at("person_names/us_census_1990/dist.female.first"),
            ],
            census_last_names: at("person_names/us_census_1990/dist.all.last"),
            ssa_first_names: at("person_names/us_ssa_babynames/ssa_national_first_names_1880_2023.tsv"),
            international_orgs: at("organizations/supraverden_intl_orgs/supraverden_orgs_en.tsv"),
            factbook_orgs: at("organizations/cia_factbook_intl_orgs/cia_factbook_appendix_b_international_orgs.tsv"),
            legal_suffixes: at("organizations/legal_suffixes_cleanco/cleanco_legal_terms.tsv"),
            companies: vec![
                at("organizations/sp500/constituents.csv"),
                at("organizations/us_listed_companies/nasdaq-listed.csv"),
                at("organizations/us_listed_companies/nyse-listed.csv"),
                at("organizations/us_listed_companies/other-listed.csv"),
            ],
            reuters: each(&[
                ("reuters21578_category_strings/all-people-strings.lc.txt", NewsPerson),
                ("reuters21578_category_strings/all-places-strings.lc.txt", NewsPlace),
                ("reuters21578_category_strings/all-orgs-strings.lc.txt", NewsOrg),
                ("reuters21578_category_strings/all-exchanges-strings.lc.txt", NewsOrg),
            ]),
        }
    }
}

/// Compiles the lists of `sources`. A missing file is an error, so that a model never silently loses a list.
pub(crate) fn compile(sources: &GazetteerSources) -> Result<Gazetteer> {
    use Category::*;
    let mut g = Gazetteer::default();
    let read = |p: &Path| -> Result<String> {
        let bytes = std::fs::read(p).map_err(|e| Error::io("reading", p, e))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };

    // Countries, with their demonyms and capitals.
    let countries = read(&sources.countries)?;
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
    for (file, cat) in &sources.name_lists {
        for line in read(file)?.lines() {
            g.insert_text(line, *cat);
        }
    }

    // Cities: names, and for cities of 100,000 or more their other Latin names
    // that are written as names (capitalised), which drops most transliteration noise.
    for row in read(&sources.cities)?.lines().skip(1) {
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
    for row in read(&sources.subdivisions)?.lines().skip(1) {
        if let Some(name) = row.split('\t').nth(1) {
            g.insert_text(name, Region);
        }
    }
    for name in ["Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica", "Australia"] {
        g.insert_text(name, Region);
    }

    // Person names. Census names are upper case; case does not matter here.
    for file in &sources.census_first_names {
        for name in read(file)?.lines().filter_map(|l| l.split_whitespace().next()) {
            g.insert_text(name, FirstName);
        }
    }
    for name in read(&sources.census_last_names)?.lines().filter_map(|l| l.split_whitespace().next()) {
        g.insert_text(name, LastName);
    }
    // SSA given names: only those given at least 5,000 times, which keeps real names and drops one-off spellings.
    for row in read(&sources.ssa_first_names)?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() >= 3 && f[2].parse::<u64>().unwrap_or(0) >= 5_000 {
            g.insert_text(f[0], FirstName);
        }
    }

    // Organisations.
    for row in read(&sources.international_orgs)?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        for (i, field) in f.iter().enumerate().take(4) {
            for name in field.split('|').filter(|s| !s.is_empty()) {
                g.insert_text(name, if i == 2 { OrgAbbreviation } else { Organization });
            }
        }
    }
    for row in read(&sources.factbook_orgs)?.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        // Lower-case names are descriptions ("advanced economies"), not names.
        if let Some(name) = f.first().filter(|n| n.chars().next().is_some_and(char::is_uppercase)) {
            g.insert_text(name, Organization);
        }
        if let Some(abbr) = f.get(1).filter(|a| !a.is_empty()) {
            g.insert_text(abbr, OrgAbbreviation);
        }
    }
    let legal = read(&sources.legal_suffixes)?;
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
    for file in &sources.companies {
        let text = read(file)?;
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        for rec in rdr.records().flatten() {
            if let Some(name) = rec.get(1) {
                company(name);
            }
        }
    }

    add_calendar(&mut g);

    // Reuters-21578 category strings: lower case, hyphens for spaces.
    for (file, cat) in &sources.reuters {
        for line in read(file)?.lines() {
            g.insert_text(&line.replace('-', " "), *cat);
        }
    }
    Ok(g)
}

/// Months and weekdays, written out and abbreviated, with and without a period: general knowledge, not data.
/// Of the abbreviations all but "Sun", which is as often a name ("The Sun").
fn add_calendar(g: &mut Gazetteer) {
    for name in MONTHS.iter().chain(&WEEKDAYS) {
        g.insert(&[name], Category::Calendar);
    }
    for short in MONTH_ABBREVIATIONS.iter().chain(&WEEKDAY_ABBREVIATIONS).filter(|a| **a != "Sun") {
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
    use crate::entities::recognize::tagger::forms::lower_hash;

    #[test]
    fn months_and_weekdays_are_listed_with_and_without_a_period() {
        let mut g = Gazetteer::default();
        add_calendar(&mut g);
        assert_eq!(g.len(), 19 + 2 * 21, "19 names, and 21 abbreviations with and without a period");
        let unit = 1u64 << (4 * Category::Calendar as u32 + 3);
        let cases = [("Sept.", unit), ("May", unit), ("Thurs", unit), ("wednesday", unit), ("Sun", 0), ("May.", 0)];
        for (token, want) in cases {
            let lowers = [lower_hash(token)];
            let mut got = [0];
            g.matches(&lowers, &mut got);
            assert_eq!(got[0], want, "calendar match of {token:?}");
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
}
