//! The linker's hard cases, as a table, on the shipped knowledge bases (`models/link`).

use std::sync::OnceLock;

use proptest::prelude::*;

use super::{EntityLinker, GazetteerLinker};
use crate::document::{Document, Field, KbKind, Label};
use crate::report::sample::{entity, mention};

fn linker() -> &'static GazetteerLinker {
    static L: OnceLock<GazetteerLinker> = OnceLock::new();
    L.get_or_init(|| GazetteerLinker::load_default(None).expect("models/link ships with the source tree"))
}

/// A document whose mentions are given as (text, label), each its own entity at the first occurrence of
/// the text; a text given again is the same entity's next occurrence.
fn doc(dateline: Option<&str>, body: &str, mentions: &[(&str, Label)]) -> Document {
    let mut d = Document { body: body.into(), ..Default::default() };
    d.meta.dateline = dateline.map(str::to_string);
    for &(text, label) in mentions {
        let seen: Vec<usize> = d.mentions.iter().filter(|m| m.text == text).map(|m| m.span.byte.end).collect();
        let from = seen.last().copied().unwrap_or(0);
        let mut m = mention(&body[from..], Field::Body, text, label, None);
        let shift = |r: &mut std::ops::Range<usize>, by: usize| {
            r.start += by;
            r.end += by;
        };
        shift(&mut m.span.byte, from);
        shift(&mut m.span.char, body[..from].chars().count());
        m.entity = Some(match d.entities.iter().position(|e| e.name == text) {
            Some(e) => e,
            None => {
                d.entities.push(entity(text, label, 0.5, &[], &[]));
                d.entities.len() - 1
            }
        });
        d.mentions.push(m);
    }
    d.mentions.sort_by_key(|m| m.span.byte.start);
    d
}

/// What the first mention's entity must be linked to: (kb kind, country code, admin1), or None.
type Want = Option<(KbKind, &'static str, Option<&'static str>)>;

struct Case {
    name: &'static str,
    dateline: Option<&'static str>,
    body: &'static str,
    mentions: &'static [(&'static str, Label)],
    want: Want,
}

use Label::{Location as LOC, Misc as MISC, Organization as ORG, Person as PER};

const CASES: &[Case] = &[
    Case {
        name: "Paris alone is the French capital",
        dateline: None,
        body: "Tourists crowded Paris on Sunday.",
        mentions: &[("Paris", LOC)],
        want: Some((KbKind::City, "FR", Some("11"))),
    },
    Case {
        name: "Paris, Texas, written out",
        dateline: None,
        body: "Officials in Paris, Texas, said the road was shut.",
        mentions: &[("Paris", LOC), ("Texas", LOC)],
        want: Some((KbKind::City, "US", Some("TX"))),
    },
    Case {
        name: "Paris with Texas and Dallas in the article",
        dateline: None,
        body: "A tornado hit Paris overnight. Texas troopers and crews from Dallas cleared the roads.",
        mentions: &[("Paris", LOC), ("Texas", LOC), ("Dallas", LOC)],
        want: Some((KbKind::City, "US", Some("TX"))),
    },
    Case {
        name: "Georgia the country, beside Tbilisi and Russia",
        dateline: None,
        body: "Russian troops entered Georgia and advanced on Tbilisi, Russia said.",
        mentions: &[("Georgia", LOC), ("Tbilisi", LOC), ("Russia", LOC)],
        want: Some((KbKind::Country, "GE", None)),
    },
    Case {
        name: "Georgia the state, beside Alabama and Atlanta",
        dateline: None,
        body: "Voters in Georgia and Alabama went to the polls; lines were long in Atlanta.",
        mentions: &[("Georgia", LOC), ("Alabama", LOC), ("Atlanta", LOC)],
        want: Some((KbKind::Admin1, "US", Some("GA"))),
    },
    Case {
        name: "Jordan the country",
        dateline: None,
        body: "Refugees crossed into Jordan from Syria.",
        mentions: &[("Jordan", LOC), ("Syria", LOC)],
        want: Some((KbKind::Country, "JO", None)),
    },
    Case {
        name: "Jordan the player is no place",
        dateline: None,
        body: "Jordan scored 30 points against Utah.",
        mentions: &[("Jordan", PER), ("Utah", ORG)],
        want: None,
    },
    Case {
        name: "Washington alone is the capital",
        dateline: None,
        body: "Talks in Washington ended without a deal.",
        mentions: &[("Washington", LOC)],
        want: Some((KbKind::City, "US", Some("DC"))),
    },
    Case {
        name: "Washington the state, beside Seattle and Spokane",
        dateline: None,
        body: "Wildfires in Washington spread between Seattle and Spokane.",
        mentions: &[("Washington", LOC), ("Seattle", LOC), ("Spokane", LOC)],
        want: Some((KbKind::Admin1, "US", Some("WA"))),
    },
    Case {
        name: "a place the tagger called a person, after \"in\"",
        dateline: None,
        body: "Fighting broke out in Malakal on Sunday.",
        mentions: &[("Malakal", PER)],
        want: Some((KbKind::City, "SS", Some("07"))),
    },
    Case {
        name: "a player named like a country, after \"to\", is no place",
        dateline: None,
        body: "He passed to Jordan, who scored.",
        mentions: &[("Jordan", PER)],
        want: None,
    },
    Case {
        name: "Washington the person is no place",
        dateline: None,
        body: "Washington crossed the Delaware.",
        mentions: &[("Washington", PER)],
        want: None,
    },
    Case {
        name: "Paris Hilton is no place",
        dateline: None,
        body: "Paris Hilton arrived late.",
        mentions: &[("Paris Hilton", PER)],
        want: None,
    },
    Case {
        name: "Alexandria under a Louisiana dateline",
        dateline: Some("ALEXANDRIA, La."),
        body: "The school board met in Alexandria on Monday.",
        mentions: &[("Alexandria", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "the dateline's Alexandria outweighs another written in the text",
        dateline: Some("ALEXANDRIA, La."),
        body: "Schools in Alexandria will close, said a man who grew up in Alexandria, Va., and Pineville.",
        mentions: &[("Alexandria", LOC), ("Alexandria", LOC), ("Pineville", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "a dateline the cleaner cut short is read whole from the body",
        dateline: Some("ALEXANDRIA"),
        body: "Alexandria, La. — Schools here will close, said a man who grew up in Alexandria, Va.",
        mentions: &[("Alexandria", LOC), ("Alexandria", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "a town the tagger called a person, listed with a place of its parish",
        dateline: None,
        body: "Schools in Pineville and Boyce will close, the Louisiana board said.",
        mentions: &[("Boyce", PER), ("Pineville", LOC), ("Louisiana", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "a person listed with a place is no place without one of its division",
        dateline: None,
        body: "Paris and Jordan met.",
        mentions: &[("Jordan", PER), ("Paris", LOC)],
        want: None,
    },
    Case {
        name: "Alexandria beside Rapides Parish",
        dateline: None,
        body: "The Rapides Parish sheriff said Alexandria police helped.",
        mentions: &[("Alexandria", LOC), ("Rapides Parish", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "the White House is in Washington, not Casablanca (one of whose English names it is)",
        dateline: None,
        body: "The White House said the talks would go on.",
        mentions: &[("White House", LOC)],
        want: Some((KbKind::Region, "US", Some("DC"))),
    },
    Case {
        name: "L.A. is Los Angeles, not Louisiana",
        dateline: None,
        body: "Rents in L.A. rose again.",
        mentions: &[("L.A.", LOC)],
        want: Some((KbKind::City, "US", Some("CA"))),
    },
    Case {
        name: "Alexandria, La. in the text",
        dateline: None,
        body: "He grew up in Alexandria, La., and moved away.",
        mentions: &[("Alexandria", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "a list is not containment",
        dateline: None,
        body: "Mexico, China, Japan and Brazil reported cases.",
        mentions: &[("China", LOC), ("Mexico", LOC), ("Japan", LOC), ("Brazil", LOC)],
        want: Some((KbKind::Country, "CN", None)),
    },
    Case {
        name: "Georgia after Atlanta is the state",
        dateline: None,
        body: "The CDC in Atlanta, Georgia, said so.",
        mentions: &[("Georgia", LOC), ("Atlanta", LOC)],
        want: Some((KbKind::Admin1, "US", Some("GA"))),
    },
    Case {
        name: "a town the gazetteer lacks in its written state stays unlinked",
        dateline: None,
        body: "The truck was stopped in Stroud, Ontario, on Monday.",
        mentions: &[("Stroud", LOC)],
        want: None,
    },
    Case {
        name: "the Pacific is the ocean, not a town",
        dateline: None,
        body: "Storms over the Pacific hit Oregon.",
        mentions: &[("Pacific", LOC), ("Oregon", LOC)],
        want: Some((KbKind::Region, "", None)),
    },
    Case {
        name: "the Gulf is no province",
        dateline: None,
        body: "Tankers in the Gulf were attacked, Kuwait said.",
        mentions: &[("Gulf", LOC), ("Kuwait", LOC)],
        want: None,
    },
    Case {
        name: "a compass word is no place",
        dateline: None,
        body: "Farmers in the North and West of Cameroon said so.",
        mentions: &[("West", LOC), ("Cameroon", LOC)],
        want: None,
    },
    Case {
        name: "Rapides Parish is a county",
        dateline: None,
        body: "Rapides Parish voters approved the tax.",
        mentions: &[("Rapides Parish", LOC)],
        want: Some((KbKind::Admin2, "US", Some("LA"))),
    },
    Case {
        name: "an unknown town stays unlinked",
        dateline: None,
        body: "Port Aldren's council met.",
        mentions: &[("Port Aldren", LOC)],
        want: None,
    },
    Case {
        name: "a demonym gives its country",
        dateline: None,
        body: "Canadian officials said so.",
        mentions: &[("Canadian", MISC)],
        want: Some((KbKind::Demonym, "CA", None)),
    },
    Case {
        name: "the U.S. is the country",
        dateline: None,
        body: "The U.S. said so.",
        mentions: &[("U.S.", LOC)],
        want: Some((KbKind::Country, "US", None)),
    },
    Case {
        name: "a county the tagger called an organisation",
        dateline: None,
        body: "A Fulton County jury in Atlanta, Georgia, heard the case.",
        mentions: &[("Fulton County", ORG), ("Atlanta", LOC), ("Georgia", LOC)],
        want: Some((KbKind::Admin2, "US", Some("GA"))),
    },
    Case {
        name: "a town the tagger called an organisation, written with its state",
        dateline: None,
        body: "Alexandria, La., police said the road was shut.",
        mentions: &[("Alexandria", ORG)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "a province the tagger called a person, listed with provinces of its country",
        dateline: None,
        body: "Cases occurred in Anhui, Guangdong and Hunan.",
        mentions: &[("Guangdong", PER), ("Anhui", LOC), ("Hunan", LOC)],
        want: Some((KbKind::Admin1, "CN", Some("30"))),
    },
    Case {
        name: "a village named so",
        dateline: None,
        body: "The virus was confirmed in the villages of Ceamurlia de Jos and others.",
        mentions: &[("Ceamurlia de Jos", ORG)],
        want: Some((KbKind::City, "RO", Some("37"))),
    },
    Case {
        name: "\"the island of Java\" is the island, not the hamlet named Java in Georgia",
        dateline: None,
        body: "A tsunami hit the Indonesian island of Java on Monday.",
        mentions: &[("Java", MISC)],
        want: Some((KbKind::Region, "ID", None)),
    },
    Case {
        name: "an apposition is not containment",
        dateline: None,
        body: "It was found in Hohhot, the capital of Inner Mongolia.",
        mentions: &[("Hohhot", LOC), ("Inner Mongolia", LOC)],
        want: Some((KbKind::City, "CN", Some("20"))),
    },
    Case {
        name: "a list item that is a town is not containment",
        dateline: None,
        body: "People fell ill in New York City, Long Island, New York, and Pennsylvania.",
        mentions: &[("New York City", LOC), ("Long Island", LOC), ("New York", LOC), ("Pennsylvania", LOC)],
        want: Some((KbKind::City, "US", Some("NY"))),
    },
    Case {
        name: "a name cut before its \"of\"",
        dateline: None,
        body: "Experts went to the Democratic Republic of the Congo (DRC) last week.",
        mentions: &[("Democratic Republic", LOC)],
        want: Some((KbKind::Country, "CD", None)),
    },
    Case {
        name: "X-based",
        dateline: None,
        body: "The Sydney-based group said so.",
        mentions: &[("Sydney-based", MISC)],
        want: Some((KbKind::City, "AU", Some("02"))),
    },
    Case {
        name: "a town named like a company, listed with a town of its parish",
        dateline: Some("ALEXANDRIA, La."),
        body: "Officials from Pineville and Ball attended.",
        mentions: &[("Ball", ORG), ("Pineville", LOC)],
        want: Some((KbKind::City, "US", Some("LA"))),
    },
    Case {
        name: "the Fed is no place",
        dateline: None,
        body: "The Fed raised rates in Washington, the Federal Reserve said.",
        mentions: &[("Fed", ORG), ("Washington", LOC), ("Federal Reserve", ORG)],
        want: None,
    },
    Case {
        name: "the Federal Reserve is no place",
        dateline: None,
        body: "The Federal Reserve raised rates in Washington.",
        mentions: &[("Federal Reserve", ORG), ("Washington", LOC)],
        want: None,
    },
    Case {
        name: "a region that is no division",
        dateline: None,
        body: "Refugees fled the fighting in Darfur.",
        mentions: &[("Darfur", LOC)],
        want: Some((KbKind::Region, "SD", None)),
    },
    Case {
        name: "a part of the world the tagger called an organisation",
        dateline: None,
        body: "The virus could spread from Northern Europe to the UK.",
        mentions: &[("Northern Europe", ORG)],
        want: Some((KbKind::Region, "", None)),
    },
    Case {
        name: "a country's former name",
        dateline: None,
        body: "Zaire has sustained the largest number of cases.",
        mentions: &[("Zaire", LOC)],
        want: Some((KbKind::Country, "CD", None)),
    },
    Case {
        name: "an island, not the small town of its name",
        dateline: None,
        body: "Pigs died on farms in northern Luzon, the Philippines said.",
        mentions: &[("Luzon", ORG), ("Philippines", LOC)],
        want: Some((KbKind::Region, "PH", None)),
    },
    Case {
        name: "Jordan the player is no place, even labelled a location",
        dateline: None,
        body: "Jordan scored 30 points against Utah.",
        mentions: &[("Jordan", LOC), ("Utah", LOC)],
        want: None,
    },
    Case {
        name: "Washington the person is no place, even labelled a location",
        dateline: None,
        body: "Washington was born in Virginia.",
        mentions: &[("Washington", LOC), ("Virginia", LOC)],
        want: None,
    },
    Case {
        name: "Jordan the country says things through its government",
        dateline: None,
        body: "Jordan said the border would stay shut.",
        mentions: &[("Jordan", LOC)],
        want: Some((KbKind::Country, "JO", None)),
    },
    Case {
        name: "Washington the state, written after a city",
        dateline: None,
        body: "The plant in Spokane, Washington, closed.",
        mentions: &[("Washington", LOC), ("Spokane", LOC)],
        want: Some((KbKind::Admin1, "US", Some("WA"))),
    },
    Case {
        name: "the West is no place",
        dateline: None,
        body: "Putin warned the West over Ukraine.",
        mentions: &[("West", LOC), ("Ukraine", LOC)],
        want: None,
    },
    Case {
        name: "the Gulf alone is no province of Papua New Guinea",
        dateline: None,
        body: "Gulf barge freight rates firmed as loadings at the Gulf rose.",
        mentions: &[("Gulf", LOC)],
        want: None,
    },
    Case {
        name: "the East Midlands of England",
        dateline: None,
        body: "Flooding closed roads across the East Midlands.",
        mentions: &[("East Midlands", LOC)],
        want: Some((KbKind::Region, "GB", Some("ENG"))),
    },
    Case {
        name: "the West Coast of the United States",
        dateline: None,
        body: "Fires spread along the West Coast, officials in California said.",
        mentions: &[("West Coast", LOC), ("California", LOC)],
        want: Some((KbKind::Region, "US", None)),
    },
    Case {
        name: "Washington the capital, in an article that names states",
        dateline: None,
        body: "Cruz returned to Washington after winning Iowa. Voters in Ohio, Missouri and Illinois go next.",
        mentions: &[("Washington", LOC), ("Iowa", LOC), ("Ohio", LOC), ("Missouri", LOC), ("Illinois", LOC)],
        want: Some((KbKind::City, "US", Some("DC"))),
    },
    Case {
        name: "Washington the state, in a list of states",
        dateline: None,
        body: "Caucuses in Alaska, Hawaii and Washington take place on Saturday.",
        mentions: &[("Washington", LOC), ("Alaska", LOC), ("Hawaii", LOC)],
        want: Some((KbKind::Admin1, "US", Some("WA"))),
    },
];

#[test]
fn hard_cases() {
    for c in CASES {
        let mut d = doc(c.dateline, c.body, c.mentions);
        linker().link(&mut d);
        let got =
            d.entities[0].link.as_ref().map(|l| (l.kind, l.country_code.as_deref().unwrap_or(""), l.admin1.as_deref()));
        assert_eq!(got, c.want, "{}: {:?}", c.name, d.entities[0].link);
    }
}

#[test]
fn an_organisations_short_name_is_no_place() {
    // "in Oldham Estate Plc" reads as a place, and "Oldham" is one, but it is the company's short name: the
    // alias of a name the tagger did not call a place grounds nothing. A place's own name still links.
    let body = "MEPC agreed to buy a stake in Oldham Estate Plc. The quality of Oldham's portfolio is unclear.";
    let mut d = doc(None, body, &[("Oldham Estate Plc", ORG), ("Oldham", ORG)]);
    d.entities[0].aliases.push("Oldham".into());
    d.mentions[1].entity = Some(0);
    d.entities.truncate(1);
    linker().link(&mut d);
    assert_eq!(d.entities[0].link, None);
    let mut d = doc(None, "Floods hit the town. Shops in Oldham closed.", &[("Oldham", LOC)]);
    linker().link(&mut d);
    assert_eq!(d.entities[0].link.as_ref().map(|l| l.country_code.as_deref()), Some(Some("GB")));
}

#[test]
fn places_have_points_ids_and_confidence() {
    let mut d = doc(None, "Tourists crowded Paris on Sunday.", &[("Paris", LOC)]);
    linker().link(&mut d);
    let l = d.entities[0].link.clone().expect("Paris is linked");
    assert_eq!(l.kb_id.as_deref(), Some("geonames:2988507"));
    assert!((l.latitude.unwrap() - 48.85).abs() < 0.1 && (l.longitude.unwrap() - 2.35).abs() < 0.1);
    assert!(l.confidence > 0.5 && l.confidence <= 1.0);
}

#[test]
fn organisations_get_wikidata_ids_and_companies_tickers() {
    let cases = [
        ("United Nations", ORG, Some("wikidata:Q1065")),
        ("Apple", ORG, Some("ticker:AAPL")),
        ("Acme Widgets", ORG, None),
    ];
    for (name, label, want) in cases {
        let mut d = doc(None, &format!("{name} said so."), &[(name, label)]);
        linker().link(&mut d);
        assert_eq!(d.entities[0].link.as_ref().and_then(|l| l.kb_id.as_deref()), want, "{name}");
    }
}

#[test]
fn country_radius_and_baseline() {
    let r = linker().country_radius_km("geonames:2017370").expect("Russia is a country");
    assert!((2000.0..2700.0).contains(&r), "{r}");
    let (lat, _, _) = linker().most_populous("Paris").expect("Paris is known");
    assert!((lat - 48.85).abs() < 0.1);
}

proptest! {
    #[test]
    fn any_location_name_links_without_panic_and_with_valid_values(name in "[A-Za-z ,.'-]{1,24}") {
        let body = format!("{name} x");
        let mut d = doc(None, &body, &[(name.as_str(), LOC)]);
        linker().link(&mut d);
        if let Some(l) = &d.entities[0].link {
            prop_assert!(l.confidence > 0.0 && l.confidence <= 1.0);
            if let (Some(lat), Some(lon)) = (l.latitude, l.longitude) {
                prop_assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
            }
        }
    }
}
