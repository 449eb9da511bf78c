//! Places: which GeoNames place each LOCATION entity of an article is.
//!
//! A name is looked up among the gazetteer's names and aliases; each candidate gets a score, and the best
//! wins when it holds enough of the candidates' weight. The score is what a reader weighs:
//!
//! - **a prior**: the log of the population, more for a country or continent, more for a national capital
//!   (a reader of "Paris" with no other clue thinks of France, of "Washington" of the capital);
//! - **containment written out**: "Alexandria, La.", "Paris, Texas", "Pandi, Bulacan", and the dateline's
//!   "ALEXANDRIA, La. —": a candidate outside the named state or country is out of the question;
//! - **the article's other places**: a candidate in a country or first-level division that another place
//!   of the article was resolved to scores more ("Rapides Parish" or "Baton Rouge" make "Alexandria" the
//!   Louisiana one), and a division scores more when the article names other divisions of its country
//!   (a list of US states makes "Georgia" the state).
//!
//! Two passes: the first resolves every entity from its prior and containment alone; the second adds the
//! other entities' first-pass places as context. A town of fewer than a few thousand people is taken only
//! with support from the context, since a lone small name is more often a misread word than a hamlet.

use super::gazetteer::{key, Gazetteer, Place};
use super::text::{
    after_locative, always_after_the, coordinated_with_location, dateline, person_subject, place_cue,
    split_containment, with_of_phrase, written_after, Cue,
};
use crate::document::{Document, KbKind, KbLink, Label};

/// A candidate that holds less of the candidates' weight than this is not linked: the name stays a
/// string rather than becoming a confident wrong point.
const MIN_CONFIDENCE: f32 = 0.3;

/// Below this population a city needs support from the article (containment, its country or division).
const SMALL_TOWN: u32 = 5_000;

/// A name that always follows "the" is a town only if the town is at least this large ("the Hague").
const LARGE_CITY: u32 = 100_000;

/// Rounds of scoring with the other entities' current choices as context (the first has none).
const ROUNDS: usize = 3;

/// Words that name no one place on their own: compass points, and "Gulf".
const NO_PLACE_ALONE: &[&str] = &[
    "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest", "North-East", "North-West",
    "South-East", "South-West", "Gulf",
];

/// Words that may start a location's mention without being part of the name ("northern Iraq").
const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "rural",
    "downtown",
    "greater",
    "upstate",
    "mainland",
];

/// What one entity could be, and what the text says about it.
struct Ambiguous {
    entity: usize,
    candidates: Vec<u32>,
    /// Candidates found only through an alternate name ("Pittsburgh" for Pittsburg, California).
    by_alias: Vec<u32>,
    /// Regions written right after it ("Alexandria, La."): when that is containment, the place lies inside.
    containers: Vec<u32>,
    /// Candidates of names written right before it ("Atlanta, Georgia"): the right reading contains one.
    contents: Vec<u32>,
    /// Whether it is the article's dateline standing alone ("PARIS —"): a dateline names a city without
    /// its state or country only when the city needs none, so the prior alone decides.
    standalone_dateline: bool,
    /// Whether it always follows "the".
    after_the: bool,
    /// Whether its name is one word ("Gulf").
    one_word: bool,
    /// Whether it is a place only by being listed with places ("Pineville and Boyce"): then only a place in
    /// the division of another of the article's places will do.
    needs_division: bool,
    /// What the words around it say it is ("the village of Kampungu", "Nyanza province"): support for a
    /// place of that kind (enough for a small town).
    named_place: Option<Cue>,
    /// Whether a body mention of it stands in a list with another place ("Alaska, Hawaii and Washington").
    in_a_list: bool,
    /// Whether its written containment is the dateline's, the article's own place, which outweighs a
    /// containment written in the text ("ALEXANDRIA, La." over "grew up in Alexandria, Va.").
    dateline_containers: Vec<u32>,
}

/// Links the LOCATION entities of `doc` (and names the tagger labelled otherwise that follow "in") to
/// places.
pub(crate) fn link(g: &Gazetteer, doc: &mut Document) {
    let dateline = dateline(g, doc);
    let mut items: Vec<Ambiguous> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let other_label = matches!(e.label, Label::Organization | Label::Person | Label::Misc | Label::Group);
        // The tagger's label is not the last word: "in Malakal", "across Buffalo" name places whatever label
        // the name got; "Jordan scored 30" does not.
        // So do "the village of Cellardyke", "Fulton County" and "Attapeu, Laos" (written containment).
        let unlinked_other = other_label && e.link.is_none();
        // A company named by a short word ("Ball") listed with towns of one parish is the town.
        let short_company = other_label && e.link.as_ref().is_some_and(|l| l.kind == KbKind::Company);
        if !(e.label == Label::Location || unlinked_other || short_company) {
            continue;
        }
        let cue = place_cue(doc, i);
        let after = written_after(g, doc, i);
        // A name that is first of all a country, a continent or a part of the world ("Northern Europe",
        // "the Americas") is a place whatever the tagger called it, unless it called it a person ("Chad").
        let world_name = || {
            e.label != Label::Person
                && g.lookup_marked(&e.name).any(|(c, alias)| {
                    !alias && matches!(g.place(c).kind, KbKind::Country | KbKind::Continent | KbKind::Region)
                })
        };
        let locative = unlinked_other
            && (cue.is_some() || !after.regions.is_empty() || after_locative(doc, i) || world_name());
        let listed = (unlinked_other || short_company) && !locative && coordinated_with_location(doc, i);
        if !(e.label == Label::Location || locative || listed) {
            continue;
        }
        if cue.is_none() && after.regions.is_empty() && person_subject(doc, i) {
            continue;
        }
        let (mut candidates, mut by_alias) = (Vec::new(), Vec::new());
        // An alias of a name the tagger did not call a place is that name's short form ("Warner" of
        // Warner Communications Inc, "ICO" of the International Coffee Organization), not a place of its own.
        let aliases = if e.label == Label::Location { &e.aliases[..] } else { &[] };
        for name in std::iter::once(&e.name).chain(aliases) {
            for (c, alias) in lookup(g, name) {
                if !candidates.contains(&c) {
                    candidates.push(c);
                    if alias {
                        by_alias.push(c);
                    }
                } else if !alias {
                    by_alias.retain(|&a| a != c);
                }
            }
        }
        if candidates.is_empty() {
            if let Some(found) = with_of_phrase(doc, i).iter().map(|n| lookup(g, n)).find(|f| !f.is_empty()) {
                candidates.extend(found.iter().map(|&(c, _)| c));
                by_alias.extend(found.iter().filter(|&&(_, alias)| alias).map(|&(c, _)| c));
            }
        }
        let mut containers = after.regions;
        pairs.extend(after.entities.iter().map(|&j| (i, j)));
        let mut dateline_containers = Vec::new();
        let mut standalone_dateline = false;
        if let Some((place, tail)) = &dateline {
            if key(place) == key(&e.name) {
                containers.extend(tail);
                dateline_containers.extend(tail);
                standalone_dateline = tail.is_empty();
            }
        }
        if !candidates.is_empty() {
            items.push(Ambiguous {
                entity: i,
                candidates,
                by_alias,
                containers,
                contents: Vec::new(),
                standalone_dateline,
                after_the: always_after_the(doc, i),
                one_word: !e.name.trim().contains(' '),
                needs_division: listed,
                in_a_list: listed || coordinated_with_location(doc, i),
                named_place: cue,
                dateline_containers,
            });
        }
    }
    for (x, y) in pairs {
        let Some(xs) = items.iter().find(|a| a.entity == x).map(|a| a.candidates.clone()) else { continue };
        if let Some(a) = items.iter_mut().find(|a| a.entity == y) {
            a.contents.extend(xs);
        }
    }
    if items.is_empty() {
        return;
    }
    let mut context = Context::default();
    if let Some((_, tail)) = &dateline {
        for &t in tail {
            context.add(g, usize::MAX, g.place(t));
        }
    }
    let base = context.resolved.len();
    let mut choices: Vec<Option<(u32, f32)>> = Vec::new();
    for _ in 0..ROUNDS {
        choices = items.iter().map(|a| choose(g, a, &context)).collect();
        context.resolved.truncate(base);
        for (a, choice) in items.iter().zip(&choices) {
            if let Some((c, _)) = choice {
                context.add(g, a.entity, g.place(*c));
            }
        }
    }
    for (a, choice) in items.iter().zip(choices) {
        if let Some((c, confidence)) = choice {
            doc.entities[a.entity].link = Some(place_link(g, g.place(c), confidence));
        }
    }
}

/// The link of a chosen place.
fn place_link(g: &Gazetteer, p: &Place, confidence: f32) -> KbLink {
    let cc = std::str::from_utf8(&p.cc).ok().filter(|c| c.trim().len() == 2).map(str::to_string);
    let admin1 = Some(g.admin1(p)).filter(|a| !a.is_empty() && p.kind != KbKind::Country).map(str::to_string);
    let point = (!p.lat.is_nan() && !p.lon.is_nan()).then(|| (round(p.lat), round(p.lon)));
    KbLink {
        kb_id: Some(g.kb_id(p).to_string()),
        kind: p.kind,
        country_code: cc,
        admin1,
        latitude: point.map(|p| p.0),
        longitude: point.map(|p| p.1),
        confidence: (confidence * 1000.0).round() / 1000.0,
    }
}

/// A coordinate as stored (four decimals, about 10 m), without the float's binary noise.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The gazetteer's places for a mention's text, each with whether only an alternate name matched: the
/// text itself, "X, Y" as one mention ("Alexandria, La.": the places named X inside Y), "Seoul City",
/// "northern Iraq".
fn lookup(g: &Gazetteer, name: &str) -> Vec<(u32, bool)> {
    // A bare compass word ("North", "West") is a direction or a region of the text, not Cameroon's
    // North or West province.
    if DIRECTIONS.contains(&name.trim().to_lowercase().as_str()) {
        return Vec::new();
    }
    let name = name.strip_suffix("-based").unwrap_or(name);
    // "L.A." is Los Angeles; its key ("la") is Louisiana's postal code, which news writes "La." or "LA".
    let name = if name.trim() == "L.A." { "Los Angeles" } else { name };
    // "The West", "the South": a part of the world or of a country, which news names without saying where;
    // no division called West (Cameroon's) or North is meant. "The Gulf" is the Persian Gulf or the Gulf of
    // Mexico as the story goes, never Papua New Guinea's Gulf Province.
    let bare = name.trim().strip_prefix("The ").or_else(|| name.trim().strip_prefix("the ")).unwrap_or(name.trim());
    if NO_PLACE_ALONE.iter().any(|c| c.eq_ignore_ascii_case(bare)) {
        return Vec::new();
    }
    if let Some((head, tail)) = split_containment(g, name) {
        return g
            .lookup_marked(&head)
            .filter(|&(c, _)| {
                tail.iter().any(|&t| rank(g.place(c).kind) < rank(g.place(t).kind) && inside(g, g.place(c), g.place(t)))
            })
            .collect();
    }
    let found: Vec<(u32, bool)> = g.lookup_marked(name).collect();
    if !found.is_empty() {
        return found;
    }
    if let Some(city) = name.strip_suffix(" City").filter(|c| !c.is_empty()) {
        return g.lookup_marked(city).filter(|&(c, _)| g.place(c).kind == KbKind::City).collect();
    }
    match name.split_once(' ') {
        Some((first, rest)) if DIRECTIONS.contains(&first.to_lowercase().as_str()) => g.lookup_marked(rest).collect(),
        _ => found,
    }
}

/// Whether place `p` lies in region `r` (the same country, and the same first-level division when `r` is a
/// division).
fn inside(g: &Gazetteer, p: &Place, r: &Place) -> bool {
    if p.cc != r.cc {
        return false;
    }
    match r.kind {
        KbKind::Admin1 | KbKind::Admin2 => g.admin1(p) == g.admin1(r),
        _ => true,
    }
}

/// The places the article's other entities were resolved to: (entity, place). A place named outright
/// (a country, a state, a county) is stronger evidence for what lies in it than a city that merely lies
/// in the same country or division.
#[derive(Default)]
struct Context {
    resolved: Vec<(usize, KbKind, [u8; 2], String)>,
}

impl Context {
    fn add(&mut self, g: &Gazetteer, entity: usize, p: &Place) {
        if p.kind != KbKind::Continent {
            self.resolved.push((entity, p.kind, p.cc, g.admin1(p).to_string()));
        }
    }

    /// Whether another entity was resolved to a place in the first-level division of `p`, or (for a
    /// division or a country) to a place of the same kind beside it: a list of a country's provinces
    /// ("Anhui, Guangdong, Guangxi") or of countries.
    fn shares_division(&self, g: &Gazetteer, entity: usize, p: &Place) -> bool {
        let a1 = g.admin1(p);
        self.resolved.iter().any(|(e, kind, cc, d)| {
            *e != entity
                && match p.kind {
                    KbKind::Country => *kind == KbKind::Country,
                    KbKind::Admin1 => *cc == p.cc && *kind == KbKind::Admin1,
                    _ => !a1.is_empty() && *cc == p.cc && d == a1 && *kind != KbKind::Country,
                }
        })
    }

    /// The context's score of candidate `p` for entity `entity` (its own first-pass choice does not count);
    /// `siblings` says whether other divisions of the country count for a division.
    fn support(&self, g: &Gazetteer, entity: usize, p: &Place, siblings_count: bool) -> f32 {
        let a1 = g.admin1(p);
        let (mut country, mut division, mut cities_inside, mut siblings) = (0.0f32, 0.0f32, 0usize, 0usize);
        for (e, kind, cc, d) in &self.resolved {
            if *e == entity || *cc != p.cc {
                continue;
            }
            country = country.max(if *kind == KbKind::Country { 1.5 } else { 1.0 });
            let same_division = p.kind != KbKind::Country && !a1.is_empty() && d == a1;
            match kind {
                KbKind::Admin1 | KbKind::Admin2 if same_division => division = division.max(2.5),
                KbKind::City if same_division => cities_inside += 1,
                KbKind::Admin1 if p.kind == KbKind::Admin1 && siblings_count => siblings += 1,
                _ => {}
            }
        }
        // Cities of a division say more about the division itself ("Seattle and Spokane": Washington
        // state) than about another town of it.
        let from_cities = match p.kind {
            KbKind::Admin1 => cities_inside.min(2) as f32,
            _ => cities_inside.min(1) as f32,
        };
        country + division.max(from_cities) + 1.5 * siblings.min(2) as f32
    }
}

/// The prior of a place: log population, plus what its kind and status add. A division gets less than a
/// city of its population: a name shared by a division and its great city ("New York", "Washington",
/// "Paris") is meant for the city more often, and the division is named so when it is meant
/// ("Washington state", "Paris department").
fn prior(p: &Place) -> f32 {
    let population = match (p.kind, p.population) {
        // A division with no population in the gazetteer (a US county) counts as a small one.
        (KbKind::Admin1, 0) => 300_000.0,
        (KbKind::Admin2, 0) => 30_000.0,
        // The hand-kept seas, islands and parts of the world are known far and wide, like a great city.
        (KbKind::Region, 0) => 10_000_000.0,
        (_, n) => n as f32,
    };
    let kind = match p.kind {
        KbKind::Continent => 3.0,
        KbKind::Country => 2.0,
        KbKind::Admin1 => -1.0,
        KbKind::Admin2 => -0.5,
        _ => 0.0,
    };
    (population + 100.0).log10() + kind + if p.capital { 1.0 } else { 0.0 }
}

/// How large a kind of place is, for containment.
fn rank(kind: KbKind) -> u8 {
    match kind {
        KbKind::Continent => 4,
        KbKind::Country => 3,
        KbKind::Admin1 => 2,
        KbKind::Admin2 => 1,
        _ => 0,
    }
}

/// The best candidate of `a` and its share of the weight, if it holds enough.
fn choose(g: &Gazetteer, a: &Ambiguous, context: &Context) -> Option<(u32, f32)> {
    // "X, Y" is containment when Y is a larger kind of place than X most likely is; otherwise it is a list
    // ("Mexico, China, Japan", "Georgia, Alabama"). Written containment that no candidate fits means the
    // place is one the gazetteer lacks ("Stroud, Ontario" with no Stroud in Ontario): better nothing.
    let likeliest = a.candidates.iter().map(|&c| g.place(c)).max_by(|x, y| prior(x).total_cmp(&prior(y)));
    let likeliest_rank = likeliest.map_or(0, |p| rank(p.kind));
    let containers: Vec<u32> =
        a.containers.iter().copied().filter(|&r| rank(g.place(r).kind) > likeliest_rank).collect();
    let contained =
        |p: &Place| containers.iter().any(|&r| rank(p.kind) < rank(g.place(r).kind) && inside(g, p, g.place(r)));
    if !containers.is_empty() && !a.candidates.iter().any(|&c| contained(g.place(c))) {
        return None;
    }
    // The countries whose capital city is a candidate: a division or town of the same name there is its rival.
    let capitals: Vec<[u8; 2]> =
        a.candidates.iter().map(|&o| g.place(o)).filter(|o| o.capital && o.kind == KbKind::City).map(|o| o.cc).collect();
    let mut scored: Vec<(u32, f32)> = Vec::with_capacity(a.candidates.len());
    for &c in &a.candidates {
        let p = g.place(c);
        let inside_container = contained(p);
        if !containers.is_empty() && !inside_container {
            continue;
        }
        let holds_content = rank(p.kind) > 0
            && a.contents.iter().any(|&x| {
                let x = g.place(x);
                rank(x.kind) < rank(p.kind) && inside(g, x, p)
            });
        if a.needs_division && !context.shares_division(g, a.entity, p) {
            continue;
        }
        // A division named like its country's capital ("Washington") is the capital for a reader even where
        // the article names other divisions (US political news names states throughout); a list of divisions
        // that holds it ("Alaska, Hawaii and Washington") or "state" written beside it make it the division.
        // So is a town named after it ("Washington" in an article that names Missouri is not Washington, Mo.,
        // unless written so): such a town takes no support from the article's other places.
        let capital_rival = !p.capital && capitals.contains(&p.cc);
        let siblings_count = !capital_rival || a.in_a_list;
        let from_context = if a.standalone_dateline || (capital_rival && p.kind == KbKind::City) {
            0.0
        } else {
            context.support(g, a.entity, p, siblings_count)
        };
        let in_dateline =
            a.dateline_containers.iter().any(|&r| rank(p.kind) < rank(g.place(r).kind) && inside(g, p, g.place(r)));
        let written = if in_dateline {
            10.0
        } else if inside_container || holds_content {
            8.0
        } else {
            0.0
        };
        let named = match (a.named_place, p.kind) {
            (Some(Cue::Settlement), KbKind::City) | (Some(Cue::Division), KbKind::Admin1 | KbKind::Admin2) => 2.0,
            _ => 0.0,
        };
        let support = from_context + written + named;
        if p.kind == KbKind::City && !a.standalone_dateline {
            if p.population < SMALL_TOWN && support < 2.0 {
                continue;
            }
            if a.after_the && p.population < LARGE_CITY {
                continue;
            }
        }
        // "the Gulf" is a sea far more often than Papua New Guinea's Gulf province: a one-word division
        // named after "the" needs its country in the article ("the Rapides Parish sheriff" is fine).
        if matches!(p.kind, KbKind::Admin1 | KbKind::Admin2)
            && a.after_the
            && a.one_word
            && from_context < 1.0
            && !inside_container
        {
            continue;
        }
        let alias = if a.by_alias.contains(&c) { -1.0 } else { 0.0 };
        scored.push((c, prior(p) + support + alias));
    }
    let best = scored.iter().copied().max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))?;
    let total: f32 = scored.iter().map(|&(_, s)| (s - best.1).exp()).sum();
    let share = 1.0 / total;
    (share >= MIN_CONFIDENCE).then_some((best.0, share))
}
