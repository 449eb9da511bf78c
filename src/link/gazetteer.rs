//! The shipped knowledge bases, loaded once: the places of `models/link/places.tsv.gz` (GeoNames cities of
//! 500 people or more, countries, continents, US states and counties; built by `scripts/build-places.py`),
//! the seas, islands and world regions of `models/link/regions.tsv` (kept by hand, same columns) and the
//! organisations of `models/link/orgs.tsv`.
//!
//! A quarter of a million places must load in a fraction of a second and stay small in memory, since every
//! `analyze` run holds them: ids and codes live in one string arena, each place is a fixed-size record,
//! and the name index is a sorted vector of (name-key hash, place) pairs searched by bisection, not a map of
//! strings.

use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::ops::Range;
use std::path::Path;

use crate::document::KbKind;
use crate::error::{Error, Result};
use crate::util::hash::hash_str;

/// The bit of an index entry that marks an alternate name (place indices stay far below it).
const ALIAS: u32 = 1 << 31;

/// A place of the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    kb: Range<u32>,
    /// What it is.
    pub(crate) kind: KbKind,
    /// Country code (two ASCII letters), or spaces for a continent.
    pub(crate) cc: [u8; 2],
    /// The first-level division it is in (or its own code for a division), as stored.
    admin1: Range<u32>,
    /// The point, NaN when the gazetteer has none.
    pub(crate) lat: f32,
    /// The point's longitude, NaN when the gazetteer has none.
    pub(crate) lon: f32,
    /// Population (0 when unknown).
    pub(crate) population: u32,
    /// For a country: the radius of a circle of its area, in km (0 otherwise).
    pub(crate) radius_km: f32,
    /// Whether it is a national capital.
    pub(crate) capital: bool,
}

/// The places, their name index, the demonyms and the organisations.
pub(crate) struct Gazetteer {
    arena: String,
    places: Vec<Place>,
    /// (hash of a name key, place index), sorted.
    index: Vec<(u64, u32)>,
    /// Demonym key → country code.
    demonyms: HashMap<String, [u8; 2]>,
    /// Organisation name key → (kb id, kind).
    orgs: HashMap<String, (String, KbKind)>,
    /// Country kb id → the radius of a circle of its area, in km.
    country_radius: HashMap<String, f32>,
    /// US postal code → the state's place.
    us_states: HashMap<[u8; 2], u32>,
}

impl Gazetteer {
    /// Loads `places.tsv.gz`, `regions.tsv` (when the folder has it) and `orgs.tsv` from `dir`.
    pub(crate) fn load(dir: &Path) -> Result<Gazetteer> {
        let places_path = dir.join("places.tsv.gz");
        let file = std::fs::File::open(&places_path).map_err(|e| Error::io("opening", &places_path, e))?;
        let regions_path = dir.join("regions.tsv");
        let regions = match std::fs::read_to_string(&regions_path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io("reading", &regions_path, e)),
        };
        let places = std::io::BufReader::with_capacity(1 << 16, flate2::read::GzDecoder::new(file))
            .chain(std::io::Cursor::new(format!("\n{regions}")));
        let orgs_path = dir.join("orgs.tsv");
        let orgs = std::fs::read_to_string(&orgs_path).map_err(|e| Error::io("reading", &orgs_path, e))?;
        Gazetteer::parse(places, &orgs).map_err(|m| Error::model(&places_path, m))
    }

    /// Builds a gazetteer from the two files (see `scripts/build-places.py` for the columns), reading the
    /// places a line at a time: the decompressed file is three times the size of what is kept.
    pub(crate) fn parse(places: impl BufRead, orgs: &str) -> std::result::Result<Gazetteer, String> {
        let mut g = Gazetteer {
            arena: String::with_capacity(1 << 22),
            places: Vec::with_capacity(1 << 18),
            index: Vec::with_capacity(1 << 19),
            demonyms: HashMap::new(),
            orgs: HashMap::new(),
            us_states: HashMap::new(),
            country_radius: HashMap::new(),
        };
        for (n, line) in places.lines().enumerate() {
            let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
            let line = line.as_str();
            if line.is_empty() {
                continue;
            }
            let mut f = [""; 11];
            let mut fields = line.split('\t');
            for slot in &mut f {
                *slot = fields.next().ok_or_else(|| format!("line {}: fewer than 11 fields", n + 1))?;
            }
            let kind = kind_of(f[1]).ok_or_else(|| format!("line {}: unknown kind {:?}", n + 1, f[1]))?;
            let cc = code2(f[2]);
            if f[1] == "demonym" {
                g.demonyms.insert(key(f[8]), cc);
                continue;
            }
            let number = |s: &str| if s.is_empty() { f32::NAN } else { s.parse::<f32>().unwrap_or(f32::NAN) };
            let id = g.places.len() as u32;
            let place = Place {
                kb: g.push(f[0]),
                kind,
                cc,
                admin1: g.push(f[3]),
                lat: number(f[4]),
                lon: number(f[5]),
                population: f[6].parse().unwrap_or(0),
                radius_km: f[7].parse().unwrap_or(0.0),
                capital: f[10].contains('C'),
            };
            if kind == KbKind::Admin1 && &cc == b"US" && f[3].len() == 2 {
                let b = f[3].as_bytes();
                g.us_states.insert([b[0], b[1]], id);
            }
            if kind == KbKind::Country {
                g.country_radius.insert(f[0].to_string(), place.radius_km);
            }
            g.places.push(place);
            g.index.push((hash_str(&key(f[8])), id));
            for alias in f[9].split('|').filter(|a| !a.is_empty()) {
                g.index.push((hash_str(&key(alias)), id | ALIAS));
            }
        }
        g.index.sort_unstable();
        g.index.dedup();
        g.index.shrink_to_fit();
        g.arena.shrink_to_fit();
        for line in orgs.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let (Some(kb), Some(kind), Some(name)) = (f.first(), f.get(1).and_then(|k| kind_of(k)), f.get(2)) else {
                return Err(format!("orgs.tsv: bad line {line:?}"));
            };
            let aliases = f.get(3).map(|a| a.split('|').filter(|a| !a.is_empty()).collect()).unwrap_or(Vec::new());
            for n in std::iter::once(*name).chain(aliases) {
                g.orgs.entry(key(n)).or_insert_with(|| (kb.to_string(), kind));
            }
        }
        Ok(g)
    }

    fn push(&mut self, s: &str) -> Range<u32> {
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        start..self.arena.len() as u32
    }

    fn text(&self, r: &Range<u32>) -> &str {
        &self.arena[r.start as usize..r.end as usize]
    }

    /// The places a name may be (indices into [`Gazetteer::place`]).
    pub(crate) fn lookup(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup_marked(name).map(|(i, _)| i)
    }

    /// The places a name may be, each with whether it matched an alternate name of the place (a place
    /// whose name and an alias both match comes twice).
    pub(crate) fn lookup_marked(&self, name: &str) -> impl Iterator<Item = (u32, bool)> + '_ {
        let h = hash_str(&key(name));
        let start = self.index.partition_point(|(k, _)| *k < h);
        self.index[start..].iter().take_while(move |(k, _)| *k == h).map(|&(_, i)| (i & !ALIAS, i & ALIAS != 0))
    }

    /// A place by index.
    pub(crate) fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }

    /// The kb id of a place.
    pub(crate) fn kb_id(&self, p: &Place) -> &str {
        self.text(&p.kb)
    }

    /// The division code of a place ("" when unknown).
    pub(crate) fn admin1(&self, p: &Place) -> &str {
        self.text(&p.admin1)
    }

    /// The country of a demonym ("Canadian" → `CA`).
    pub(crate) fn demonym(&self, name: &str) -> Option<&str> {
        self.demonyms.get(&key(name)).and_then(|cc| std::str::from_utf8(cc).ok())
    }

    /// The kb id and kind of an organisation's name.
    pub(crate) fn org(&self, name: &str) -> Option<(&str, KbKind)> {
        self.orgs.get(&key(name)).map(|(kb, kind)| (kb.as_str(), *kind))
    }

    /// The radius of a circle of the area of the country `kb_id` names, in km.
    pub(crate) fn country_radius_km(&self, kb_id: &str) -> Option<f32> {
        self.country_radius.get(kb_id).copied()
    }

    /// The US state with this postal code ("LA" → Louisiana).
    pub(crate) fn us_state(&self, code: &str) -> Option<u32> {
        let b = code.as_bytes();
        (b.len() == 2).then(|| self.us_states.get(&[b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]).copied())?
    }
}

fn code2(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    if b.len() == 2 {
        [b[0], b[1]]
    } else {
        *b"  "
    }
}

fn kind_of(s: &str) -> Option<KbKind> {
    Some(match s {
        "continent" => KbKind::Continent,
        "country" => KbKind::Country,
        "admin1" => KbKind::Admin1,
        "admin2" => KbKind::Admin2,
        "city" => KbKind::City,
        "organization" => KbKind::Organization,
        "company" => KbKind::Company,
        "demonym" => KbKind::Demonym,
        "region" => KbKind::Region,
        _ => return None,
    })
}

/// The lookup key of a name: lower case, Latin accents dropped, dots and a possessive removed, spaces
/// collapsed, a leading "the" dropped. "São Paulo" and "Sao Paulo" share a key, so do "U.S." and "US".
pub(crate) fn key(name: &str) -> String {
    let name = name.trim();
    let name = ["'s", "\u{2019}s"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name);
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() || c == '-' {
            space = !out.is_empty();
            continue;
        }
        if c == '.' {
            continue;
        }
        if space {
            if out == "the" {
                out.clear();
            } else {
                out.push(' ');
            }
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase().map(plain));
        }
    }
    out
}

/// A Latin letter without its accent.
fn plain(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{2019}' => '\'',
        c => c,
    }
}
