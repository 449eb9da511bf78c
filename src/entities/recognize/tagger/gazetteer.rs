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
//! [`super::lists`] compiles one from the lists of the shared data; which
//! lists are used and under which licences is recorded in
//! `models/ner/README.md`.

use super::forms::lower_hash;
use crate::util::binary::Reader;
use crate::util::hash::{mix, HashMapU64};

/// The lists, one bit each in a phrase's mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Category {
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
pub(crate) struct Gazetteer {
    phrases: HashMapU64<u16>,
}

impl Gazetteer {
    /// Number of stored keys (phrases and prefixes).
    pub(crate) fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether nothing is listed.
    pub(crate) fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Adds a phrase given as tokens.
    pub(crate) fn insert(&mut self, tokens: &[&str], category: Category) {
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
    pub(crate) fn insert_text(&mut self, text: &str, category: Category) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let tokens: Vec<&str> = crate::segment::tokenize(text, 0..text.len()).into_iter().map(|(r, _)| &text[r]).collect();
        self.insert(&tokens, category);
    }

    /// The lists that hold exactly this phrase (given its tokens' lower-case hashes), as a bitmask of
    /// [`Category`] bits; 0 when none does.
    pub(crate) fn phrase_lists(&self, lowers: &[u64]) -> u16 {
        if lowers.is_empty() || lowers.len() > MAX_TOKENS {
            return 0;
        }
        let h = lowers.iter().fold(SEED, |h, &l| mix(h, l));
        self.phrases.get(&h).map_or(0, |&bits| bits & !PREFIX)
    }

    /// Marks every token of every listed phrase in a sentence, given the
    /// tokens' lower-case hashes: bit `4 * category + position` of `out[i]`,
    /// position 0..4 being Begin, Inside, Last, Unit.
    pub(crate) fn matches(&self, lowers: &[u64], out: &mut [u64]) {
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
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(u64, u16)> = self.phrases.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// Reads what [`Gazetteer::write`] wrote.
    pub(crate) fn read(r: &mut Reader<'_>) -> std::result::Result<Gazetteer, String> {
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
    fn writing_and_reading_round_trips() {
        let mut g = Gazetteer::default();
        g.insert_text("Mark Rutte", Category::NewsPerson);
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Gazetteer::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back.phrases, g.phrases);
    }
}
