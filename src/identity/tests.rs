//! The hard cases of dump-level resolution, as tables of small dumps: each
//! article is a body, a dateline, a topic and its article-level entities (as
//! per-article resolution would give them); the test gathers the evidence as
//! the stream would, resolves the dump, and checks which names share a
//! global id and what label they end with.

use super::gather::Gatherer;
use super::resolve::{resolve, Resolution};
use crate::document::Label::{self, Location as LOC, Misc as MISC, Organization as ORG, Person as PER};
use crate::document::{Document, Entity, Field, KbKind, KbLink, Mention, Origin, TopicScore};
use crate::entities::resolve::entity_id;
use crate::span::SpanMapper;

/// An article-level entity: name, label, aliases, roles.
type E = (&'static str, Label, &'static [&'static str], &'static [&'static str]);

/// An article: dateline, topic, body, entities (each mentioned where its name first occurs in the body).
type A = (Option<&'static str>, &'static str, &'static str, &'static [E]);

fn doc(seq: usize, (dateline, topic, body, entities): &A) -> Document {
    let mut d = Document { seq: seq as u64, id: format!("a{seq}"), body: body.to_string(), ..Default::default() };
    d.meta.dateline = dateline.map(str::to_string);
    d.topics = vec![TopicScore { label: topic.to_string(), score: 0.9 }];
    for (i, (name, label, aliases, roles)) in entities.iter().enumerate() {
        d.entities.push(Entity {
            id: entity_id(*label, name),
            name: name.to_string(),
            label: *label,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mention_count: 1,
            first_char: 0,
            salience: 1.0 - i as f32 * 0.1,
            roles: roles.iter().map(|s| s.to_string()).collect(),
            global_id: None,
            link: None,
        });
        if let Some(at) = body.find(name) {
            d.mentions.push(Mention {
                field: Field::Body,
                span: SpanMapper::new(body).span(at..at + name.len()),
                sentence: Some(0),
                text: name.to_string(),
                label: *label,
                confidence: 0.9,
                origin: Origin::Model,
                entity: Some(i),
            });
        }
    }
    d
}

fn resolved(articles: &[A]) -> Resolution {
    let mut g = Gatherer::default();
    for (i, a) in articles.iter().enumerate() {
        g.add(&doc(i, a));
    }
    resolve(g.into_sorted())
}

/// The (global id, label) of the article-level entity `name` with `label`.
fn of(r: &Resolution, name: &str, label: Label) -> (String, Label) {
    r.by_entity.get(&entity_id(label, name)).cloned().unwrap_or_else(|| panic!("{name} ({label:?}) not resolved"))
}

struct Case {
    name: &'static str,
    dump: &'static [A],
    /// Pairs of article-level entities that must be one thing.
    same: &'static [((&'static str, Label), (&'static str, Label))],
    /// Pairs that must stay apart.
    apart: &'static [((&'static str, Label), (&'static str, Label))],
    /// Article-level entities and their dump-level label.
    labels: &'static [((&'static str, Label), Label)],
}

const TREASURY: A = (None, "economy", "Treasury Secretary James Baker met the Fed.", &[
    ("James Baker", PER, &["Baker"], &["Treasury Secretary"]),
    ("Federal Reserve", ORG, &["Fed"], &[]),
]);
const TREASURY_2: A = (None, "economy", "Treasury Secretary James Baker spoke of the dollar.", &[
    ("James Baker", PER, &[], &["Treasury Secretary"]),
    ("U.S. Treasury", ORG, &[], &[]),
]);
const BARE_BAKER_TREASURY: A = (None, "economy", "Baker, the Treasury Secretary, said the Fed would act.", &[
    ("Baker", PER, &[], &["Treasury Secretary"]),
    ("Federal Reserve", ORG, &["Fed"], &[]),
]);
const COACH: A = (None, "sport", "Coach Susan Baker of the Hawks won again.", &[
    ("Susan Baker", PER, &[], &["coach"]),
    ("Hawks", ORG, &[], &[]),
]);
const COACH_2: A = (None, "sport", "Susan Baker, the coach, praised the Hawks.", &[
    ("Susan Baker", PER, &[], &["coach"]),
    ("Hawks", ORG, &[], &[]),
]);
const BARE_BAKER_COACH: A = (None, "sport", "Baker, the coach, said the Hawks played well.", &[
    ("Baker", PER, &[], &["coach"]),
    ("Hawks", ORG, &[], &[]),
]);

const CASES: &[Case] = &[
    Case {
        name: "a news organisation the tagger called MISC takes the label its name says",
        dump: &[
            (None, "politics", "Fox News reported the poll.", &[("Fox News", MISC, &[], &[])]),
            (None, "politics", "Speaking to Fox News, he said no.", &[("Fox News", MISC, &[], &[])]),
        ],
        same: &[],
        apart: &[],
        labels: &[(("Fox News", MISC), ORG)],
    },
    Case {
        name: "a law the tagger called an organisation is MISC, as its last word says",
        dump: &[
            (None, "politics", "The Affordable Care Act survived.", &[("Affordable Care Act", ORG, &[], &[])]),
            (None, "politics", "Repeal the Affordable Care Act, he said.", &[("Affordable Care Act", ORG, &[], &[])]),
        ],
        same: &[],
        apart: &[],
        labels: &[(("Affordable Care Act", ORG), MISC)],
    },
    Case {
        name: "Baker joins James Baker, the one Baker of the dump",
        dump: &[TREASURY, TREASURY_2, BARE_BAKER_TREASURY],
        same: &[(("Baker", PER), ("James Baker", PER))],
        apart: &[],
        labels: &[(("Baker", PER), PER)],
    },
    Case {
        name: "two people with one surname: the bare surname goes to the one whose role and company it keeps",
        dump: &[TREASURY, TREASURY_2, COACH, COACH_2, BARE_BAKER_TREASURY],
        same: &[(("Baker", PER), ("James Baker", PER))],
        apart: &[(("James Baker", PER), ("Susan Baker", PER))],
        labels: &[],
    },
    Case {
        name: "two people with one surname, the bare surname used for both: it stays apart from each",
        dump: &[TREASURY, TREASURY_2, COACH, COACH_2, BARE_BAKER_TREASURY, BARE_BAKER_COACH],
        same: &[],
        apart: &[
            (("Baker", PER), ("James Baker", PER)),
            (("Baker", PER), ("Susan Baker", PER)),
            (("James Baker", PER), ("Susan Baker", PER)),
        ],
        labels: &[],
    },
    Case {
        name: "the Fed joins the Federal Reserve, which an article named both ways",
        dump: &[TREASURY, (None, "economy", "The Fed raised rates.", &[("Fed", ORG, &[], &[])])],
        same: &[(("Fed", ORG), ("Federal Reserve", ORG))],
        apart: &[],
        labels: &[],
    },
    Case {
        name: "Treasury joins U.S. Treasury, the one organisation that ends with it",
        dump: &[TREASURY_2, (None, "economy", "Treasury bonds fell, James Baker said.", &[
            ("Treasury", ORG, &[], &[]),
            ("James Baker", PER, &[], &[]),
        ])],
        same: &[(("Treasury", ORG), ("U.S. Treasury", ORG))],
        apart: &[],
        labels: &[],
    },
    Case {
        name: "an acronym joins its expansion across articles, when they keep some of the same company",
        dump: &[
            (None, "economy", "The International Monetary Fund met Brazil.", &[
                ("International Monetary Fund", ORG, &[], &[]),
                ("Brazil", LOC, &[], &[]),
            ]),
            (None, "economy", "The IMF said Brazil would slow.", &[("IMF", ORG, &[], &[]), ("Brazil", LOC, &[], &[])]),
            (None, "economy", "Arabian Auto Agency sold cars.", &[("Arabian Auto Agency", ORG, &[], &[])]),
            (None, "economy", "Moody's gave it AAA.", &[("AAA", ORG, &[], &[]), ("Moody's", ORG, &[], &[])]),
        ],
        same: &[(("IMF", ORG), ("International Monetary Fund", ORG))],
        apart: &[(("AAA", ORG), ("Arabian Auto Agency", ORG))],
        labels: &[],
    },
    Case {
        name: "initials with dots are a place's, not those of a firm with its legal form",
        dump: &[
            (None, "economy", "Ramada Inc of Phoenix sold hotels.", &[("Ramada Inc", LOC, &[], &[]), ("Phoenix", LOC, &[], &[])]),
            (None, "economy", "Ramada Inc rose in Phoenix.", &[("Ramada Inc", LOC, &[], &[]), ("Phoenix", LOC, &[], &[])]),
            (None, "economy", "A bank in Providence, R.I., said Phoenix was next.", &[
                ("R.I.", LOC, &[], &[]),
                ("Phoenix", LOC, &[], &[]),
            ]),
        ],
        same: &[],
        apart: &[(("R.I.", LOC), ("Ramada Inc", LOC))],
        labels: &[],
    },
    Case {
        name: "Jordan the country and Jordan the player stay apart; the player joins Michael Jordan",
        dump: &[
            (Some("AMMAN"), "politics", "King Abdullah of Jordan met envoys in Jordan.", &[
                ("Jordan", LOC, &[], &[]),
                ("Abdullah", PER, &[], &["King"]),
            ]),
            (None, "politics", "Jordan closed its border.", &[("Jordan", LOC, &[], &[])]),
            (None, "politics", "Refugees crossed into Jordan.", &[("Jordan", LOC, &[], &[])]),
            (None, "sport", "Michael Jordan scored 40 for the Bulls.", &[
                ("Michael Jordan", PER, &["Jordan"], &[]),
                ("Bulls", ORG, &[], &[]),
            ]),
            (None, "sport", "Jordan scored 30 as the Bulls won.", &[("Jordan", PER, &[], &[]), ("Bulls", ORG, &[], &[])]),
            (None, "sport", "Jordan and the Bulls lost.", &[("Jordan", PER, &[], &[]), ("Bulls", ORG, &[], &[])]),
        ],
        same: &[(("Jordan", PER), ("Michael Jordan", PER))],
        apart: &[(("Jordan", LOC), ("Jordan", PER))],
        labels: &[(("Jordan", LOC), LOC), (("Jordan", PER), PER)],
    },
    Case {
        name: "one thing, one label: datelines and 'in X' make a place of what the tagger called an organisation",
        dump: &[
            (Some("PORT ALDREN"), "economy", "The hub will be built in Port Aldren.", &[("Port Aldren", ORG, &[], &[])]),
            (Some("PORT ALDREN"), "economy", "Port Aldren's mayor welcomed it.", &[("Port Aldren", MISC, &[], &[])]),
            (None, "economy", "Port Aldren approved the plan.", &[("Port Aldren", ORG, &[], &[])]),
            (None, "economy", "Port Aldren voted.", &[("Port Aldren", ORG, &[], &[])]),
            (None, "health", "Flu rose in Port Aldren.", &[("Port Aldren", LOC, &[], &[])]),
        ],
        same: &[(("Port Aldren", ORG), ("Port Aldren", MISC)), (("Port Aldren", ORG), ("Port Aldren", LOC))],
        apart: &[],
        labels: &[(("Port Aldren", ORG), LOC)],
    },
    Case {
        name: "a company stays a company though the tagger once called it a place",
        dump: &[
            (None, "economy", "Solenne Foods shares rose.", &[("Solenne Foods", ORG, &[], &[])]),
            (None, "economy", "Sales at Solenne Foods fell.", &[("Solenne Foods", LOC, &[], &[])]),
            (None, "economy", "Solenne Foods hired.", &[("Solenne Foods", LOC, &[], &[])]),
        ],
        same: &[],
        apart: &[],
        labels: &[(("Solenne Foods", LOC), ORG)],
    },
    Case {
        name: "a place and a demonym do not join longer names that start with them, even as their aliases",
        dump: &[
            (None, "economy", "Lisbon Stock Exchange rose.", &[("Lisbon Stock Exchange", ORG, &["Lisbon"], &[])]),
            (None, "economy", "Latin America grew.", &[("Latin America", LOC, &["America"], &[])]),
            (None, "economy", "Growth in America slowed.", &[("America", LOC, &[], &[])]),
            (None, "politics", "Troops left America.", &[("America", LOC, &[], &[])]),
            (None, "politics", "America voted.", &[("America", LOC, &[], &[])]),
            (Some("LISBON"), "economy", "Rain in Lisbon.", &[("Lisbon", LOC, &[], &[])]),
            (Some("LISBON"), "politics", "Lisbon voted.", &[("Lisbon", LOC, &[], &[])]),
            (None, "politics", "Lisbon's mayor spoke.", &[("Lisbon", LOC, &[], &[])]),
            (None, "politics", "The European Union met.", &[("European Union", ORG, &[], &[])]),
            (None, "politics", "A European deal.", &[("European", MISC, &[], &[])]),
        ],
        same: &[],
        apart: &[
            (("Lisbon", LOC), ("Lisbon Stock Exchange", ORG)),
            (("European", MISC), ("European Union", ORG)),
            (("America", LOC), ("Latin America", LOC)),
        ],
        labels: &[(("European", MISC), MISC)],
    },
];

const PITCHER: A = (None, "sport", "Baker pitched seven innings for the Yankees.", &[
    ("Baker", PER, &[], &["pitcher"]),
    ("Yankees", ORG, &[], &[]),
]);
const BULLS: A = (None, "sport", "Michael Jordan scored 40 for the Bulls.", &[
    ("Michael Jordan", PER, &["Jordan"], &[]),
    ("Bulls", ORG, &[], &[]),
]);
const AMMAN: A = (Some("AMMAN"), "politics", "King Abdullah of Jordan met envoys in Jordan.", &[
    ("Jordan", LOC, &[], &[]),
    ("Abdullah", PER, &[], &["King"]),
]);
const BORDER: A = (None, "politics", "Jordan closed its border.", &[("Jordan", LOC, &[], &[])]);
const REFUGEES: A = (None, "politics", "Refugees crossed into Jordan.", &[("Jordan", LOC, &[], &[])]);

/// Same name, different people (issue 18): what the dump's evidence must keep apart, and what it may join.
const SAME_NAME: &[Case] = &[
    Case {
        name: "two people with one surname, each always named in full, stay two",
        dump: &[TREASURY, TREASURY_2, COACH, COACH_2],
        same: &[],
        apart: &[(("James Baker", PER), ("Susan Baker", PER))],
        labels: &[(("James Baker", PER), PER), (("Susan Baker", PER), PER)],
    },
    Case {
        name: "the bare surname with the coach's role and team joins the coach, not the secretary",
        dump: &[TREASURY, TREASURY_2, COACH, COACH_2, BARE_BAKER_COACH],
        same: &[(("Baker", PER), ("Susan Baker", PER))],
        apart: &[(("Baker", PER), ("James Baker", PER)), (("James Baker", PER), ("Susan Baker", PER))],
        labels: &[],
    },
    Case {
        name: "a well-attested bare surname that shares nothing with the one full name is someone else",
        dump: &[TREASURY, TREASURY_2, TREASURY, PITCHER, PITCHER, PITCHER],
        same: &[],
        apart: &[(("Baker", PER), ("James Baker", PER))],
        labels: &[(("Baker", PER), PER)],
    },
    Case {
        name: "Jordan the player in one article is not a tagging slip of Jordan the country: he joins Michael Jordan",
        dump: &[AMMAN, BORDER, REFUGEES, BULLS, (None, "sport", "Jordan scored 30 as the Bulls won.", &[
            ("Jordan", PER, &[], &[]),
            ("Bulls", ORG, &[], &[]),
        ])],
        same: &[(("Jordan", PER), ("Michael Jordan", PER))],
        apart: &[(("Jordan", LOC), ("Jordan", PER)), (("Jordan", LOC), ("Michael Jordan", PER))],
        labels: &[(("Jordan", LOC), LOC), (("Jordan", PER), PER)],
    },
    Case {
        name: "the country once tagged a person, with nothing of the player about it, stays the country",
        dump: &[AMMAN, BORDER, REFUGEES, BULLS, (None, "politics", "Jordan said the talks would resume.", &[
            ("Jordan", PER, &[], &[]),
        ])],
        same: &[(("Jordan", PER), ("Jordan", LOC))],
        apart: &[(("Jordan", LOC), ("Michael Jordan", PER))],
        labels: &[(("Jordan", PER), LOC)],
    },
    Case {
        name: "Washington the president is not Washington the capital",
        dump: &[
            (Some("WASHINGTON"), "politics", "Congress met in Washington.", &[("Washington", LOC, &[], &[])]),
            (Some("WASHINGTON"), "politics", "Washington's mayor spoke.", &[("Washington", LOC, &[], &[])]),
            (None, "history", "President George Washington crossed the Delaware.", &[
                ("George Washington", PER, &[], &["President"]),
                ("Delaware", LOC, &[], &[]),
            ]),
            (None, "history", "Washington crossed the Delaware, the President wrote.", &[
                ("Washington", PER, &[], &["President"]),
                ("Delaware", LOC, &[], &[]),
            ]),
        ],
        same: &[(("Washington", PER), ("George Washington", PER))],
        apart: &[(("Washington", LOC), ("George Washington", PER)), (("Washington", LOC), ("Washington", PER))],
        labels: &[(("Washington", LOC), LOC)],
    },
];

fn check(case: &Case) {
    let r = resolved(case.dump);
    for (a, b) in case.same {
        assert_eq!(of(&r, a.0, a.1).0, of(&r, b.0, b.1).0, "{}: {a:?} and {b:?} should be one thing", case.name);
    }
    for (a, b) in case.apart {
        assert_ne!(of(&r, a.0, a.1).0, of(&r, b.0, b.1).0, "{}: {a:?} and {b:?} should stay apart", case.name);
    }
    for (e, want) in case.labels {
        assert_eq!(of(&r, e.0, e.1).1, *want, "{}: label of {e:?}", case.name);
    }
    for d in &r.entities {
        let n = r.by_entity.values().filter(|(g, _)| *g == d.global_id).count();
        assert!(n > 0, "{}: dump entity {} has no article-level entity", case.name, d.name);
    }
}

#[test]
fn same_name_different_people() {
    for case in SAME_NAME {
        check(case);
    }
}

#[test]
fn hard_cases_of_dump_level_resolution() {
    for case in CASES {
        check(case);
    }
}

#[test]
fn the_resolution_does_not_depend_on_input_order_or_on_shards() {
    let dump = CASES[6].dump;
    let whole = resolved(dump);
    let reversed: Vec<A> = dump.iter().rev().cloned().collect();
    let mut evidence = Vec::new();
    // Two shards: odd and even articles, each gathering alone; their evidence is added up by the resolution.
    for parity in [0, 1] {
        let mut g = Gatherer::default();
        for (i, a) in dump.iter().enumerate().filter(|(i, _)| i % 2 == parity) {
            g.add(&doc(i, a));
        }
        evidence.extend(g.into_sorted());
    }
    let sharded = resolve(evidence);
    for other in [resolved(&reversed), sharded] {
        assert_eq!(other.by_entity, whole.by_entity);
        assert_eq!(other.entities, whole.entities);
    }
}

#[test]
fn global_ids_come_from_the_kb_id_when_there_is_one() {
    assert_eq!(super::global_id(Some("geonames:2988507"), LOC, "Paris"), super::global_id(Some("geonames:2988507"), ORG, "PARIS"));
    assert_ne!(super::global_id(None, LOC, "Paris"), super::global_id(Some("geonames:2988507"), LOC, "Paris"));
    assert_eq!(super::global_id(None, LOC, "Paris"), super::global_id(None, LOC, "PARIS"));
    assert_ne!(super::global_id(None, LOC, "Jordan"), super::global_id(None, PER, "Jordan"));
    assert_ne!(super::global_id(None, PER, "Mark Carney"), entity_id(PER, "Mark Carney"), "never mistaken for an entity_id");
}

fn linked(kb_id: Option<&str>, kind: KbKind, country: &str, point: Option<(f64, f64)>, confidence: f32) -> KbLink {
    KbLink {
        kb_id: kb_id.map(str::to_string),
        kind,
        country_code: Some(country.to_string()),
        admin1: None,
        latitude: point.map(|p| p.0),
        longitude: point.map(|p| p.1),
        confidence,
    }
}

#[test]
fn dump_entities_carry_the_knowledge_base_columns_of_their_links() {
    const PARIS: A = (Some("PARIS"), "politics", "Ministers met in Paris.", &[("Paris", LOC, &[], &[])]);
    const CANADIAN: A = (None, "economy", "A Canadian bank lent to the firm.", &[("Canadian", MISC, &[], &[])]);
    let paris = |c| Some(linked(Some("geonames:2988507"), KbKind::City, "FR", Some((48.85341, 2.3488)), c));
    let canadian = || Some(linked(None, KbKind::Demonym, "CA", None, 0.9));
    let docs: Vec<Document> = [(PARIS, paris(0.9)), (PARIS, paris(0.6)), (CANADIAN, canadian()), (PARIS, None)]
        .iter()
        .enumerate()
        .map(|(i, (a, link))| {
            let mut d = doc(i, a);
            d.entities[0].link = link.clone();
            d
        })
        .collect();
    let mut whole = Gatherer::default();
    for d in &docs {
        whole.add(d);
    }
    let whole = resolve(whole.into_sorted());
    let find = |r: &Resolution, name: &str| r.entities.iter().find(|e| e.name == name).cloned().unwrap();
    let p = find(&whole, "Paris");
    assert_eq!(p.kb_id.as_deref(), Some("geonames:2988507"));
    assert_eq!(p.article_count, 3, "the unlinked article is the same thing");
    let link = p.link.clone().expect("linked");
    assert_eq!((link.kind.as_str(), link.country_code.as_deref(), link.articles), ("city", Some("FR"), 2));
    assert_eq!((link.latitude, link.longitude), (Some(48.85341), Some(2.3488)));
    assert!((link.confidence() - 0.75).abs() < 1e-6, "the mean over the linked articles: {}", link.confidence());
    let row = p.row();
    assert_eq!(row.len(), crate::export::schema::DUMP_ENTITIES.columns.len());
    let c = find(&whole, "Canadian");
    assert_eq!(c.kb_id, None, "a demonym names people, not the country");
    let link = c.link.expect("a demonym's country");
    assert_eq!((link.kind.as_str(), link.country_code.as_deref(), link.latitude), ("demonym", Some("CA"), None));
    // Two shards gathering apart add up to the same columns, to the last digit.
    let mut evidence = Vec::new();
    for parity in [0, 1] {
        let mut g = Gatherer::default();
        for d in docs.iter().enumerate().filter(|(i, _)| i % 2 == parity).map(|(_, d)| d) {
            g.add(d);
        }
        evidence.extend(g.into_sorted());
    }
    assert_eq!(resolve(evidence).entities, whole.entities);
}

#[test]
fn a_place_the_linker_grounded_nowhere_joins_the_organisation_whose_alias_it_is() {
    const FIRM: A = (Some("LISBON"), "economy", "Corvina Logistics won a contract in Lisbon.", &[
        ("Corvina Logistics", ORG, &["Corvina"], &[]),
        ("Lisbon", LOC, &[], &[]),
    ]);
    const BARE: A = (None, "economy", "Shares in Corvina rose in Lisbon.", &[("Corvina", LOC, &[], &[]), ("Lisbon", LOC, &[], &[])]);
    const EXCHANGE: A = (None, "economy", "The Lisbon Stock Exchange rose.", &[("Lisbon Stock Exchange", ORG, &["Lisbon"], &[])]);
    let lisbon = || Some(linked(Some("geonames:2267057"), KbKind::City, "PT", Some((38.72, -9.13)), 0.9));
    let mut g = Gatherer::default();
    for (i, a) in [FIRM, FIRM, FIRM, FIRM, BARE, BARE, BARE, EXCHANGE, EXCHANGE].iter().enumerate() {
        let mut d = doc(i, a);
        for e in d.entities.iter_mut().filter(|e| e.name == "Lisbon") {
            e.link = lisbon();
        }
        g.add(&d);
    }
    let r = resolve(g.into_sorted());
    assert_eq!(of(&r, "Corvina", LOC).0, of(&r, "Corvina Logistics", ORG).0);
    assert_eq!(of(&r, "Corvina", LOC).1, ORG);
    assert_ne!(of(&r, "Lisbon", LOC).0, of(&r, "Lisbon Stock Exchange", ORG).0, "a grounded place keeps its label");
}

#[test]
fn a_link_that_does_not_fit_the_label_names_nothing_and_joined_groups_take_the_widest_name() {
    const PM: A = (None, "politics", "Tony Blair spoke.", &[("Tony Blair", PER, &[], &["Prime Minister"])]);
    const FED: A = (None, "economy", "The Federal Reserve met.", &[("Federal Reserve", ORG, &[], &[])]);
    const IMF: A = (None, "economy", "The International Monetary Fund lent.", &[("International Monetary Fund", ORG, &[], &[])]);
    const US: A = (None, "politics", "The United States voted.", &[("United States", LOC, &[], &[])]);
    const AMERICA: A = (None, "politics", "America voted.", &[("America", LOC, &[], &[])]);
    let town = || Some(linked(Some("geonames:5064236"), KbKind::City, "US", Some((41.5, -96.1)), 0.6));
    let state = || Some(linked(Some("geonames-admin1:BR.07"), KbKind::Admin1, "BR", Some((-15.8, -47.9)), 0.6));
    let imf = || Some(linked(Some("wikidata:Q7804"), KbKind::Organization, "US", None, 0.9));
    let usa = || Some(linked(Some("geonames:6252001"), KbKind::Country, "US", Some((39.8, -98.5)), 0.9));
    let mut g = Gatherer::default();
    let dump = [(PM, town()), (PM, None), (FED, state()), (FED, None), (IMF, imf()), (US, usa()), (US, usa()), (AMERICA, usa())];
    for (i, (a, link)) in dump.into_iter().enumerate() {
        let mut d = doc(i, &a);
        d.entities[0].link = link;
        g.add(&d);
    }
    let r = resolve(g.into_sorted());
    let row = |name: &str| r.entities.iter().find(|e| e.name == name).cloned().unwrap_or_else(|| panic!("no {name}"));
    assert_eq!(row("Tony Blair").kb_id, None, "a person takes no link");
    assert_eq!(row("Federal Reserve").kb_id, None, "an organisation takes no GeoNames place");
    assert_eq!(row("International Monetary Fund").kb_id.as_deref(), Some("wikidata:Q7804"));
    assert_eq!((row("United States").article_count, row("United States").kb_id.as_deref()), (3, Some("geonames:6252001")));
    assert!(r.entities.iter().all(|e| e.name != "America"), "America, whose key sorts first, is an alias");
}

#[test]
fn a_name_with_middle_initials_is_the_name_without_them_unless_two_sets_of_initials_share_it() {
    const RYAN: A = (None, "politics", "Speaker Paul Ryan spoke.", &[("Paul Ryan", PER, &[], &["Speaker"])]);
    const RYAN_D: A = (None, "politics", "Speaker Paul D. Ryan spoke.", &[("Paul D. Ryan", PER, &[], &["Speaker"])]);
    const BUSH_W: A = (None, "politics", "George W. Bush spoke.", &[("George W. Bush", PER, &[], &[])]);
    const BUSH_P: A = (None, "politics", "George P. Bush spoke.", &[("George P. Bush", PER, &[], &[])]);
    const BUSH: A = (None, "politics", "George Bush spoke.", &[("George Bush", PER, &[], &[])]);
    let r = resolved(&[RYAN, RYAN_D, RYAN, BUSH_W, BUSH_P, BUSH]);
    assert_eq!(of(&r, "Paul D. Ryan", PER), of(&r, "Paul Ryan", PER));
    assert_eq!(r.entities.iter().find(|e| e.name == "Paul Ryan").map(|e| e.article_count), Some(3));
    let bush = |n| of(&r, n, PER).0;
    assert!(bush("George W. Bush") != bush("George P. Bush") && bush("George W. Bush") != bush("George Bush"));
}

#[test]
fn a_person_read_as_a_thing_before_administration_is_the_person_and_one_stray_link_joins_no_thing() {
    const PRESIDENT: A = (None, "politics", "President Obama spoke.", &[("Obama", PER, &[], &["President"])]);
    const FULL: A = (None, "politics", "Barack Obama spoke.", &[("Barack Obama", PER, &[], &["President"])]);
    // The tagger, which never saw the name, reads it as a place before "administration".
    const ADMIN: A = (None, "politics", "The Obama administration said no.", &[("Obama", LOC, &[], &[])]);
    const TOWN: A = (None, "travel", "Obama City lies on the coast of Fukui.", &[("Obama City", LOC, &[], &[])]);
    let town = || Some(linked(Some("geonames:1854849"), KbKind::City, "JP", Some((35.5, 135.7)), 0.6));
    let mut g = Gatherer::default();
    let dump = [
        (PRESIDENT, None),
        (PRESIDENT, town()),
        (PRESIDENT, None),
        (FULL, None),
        (FULL, None),
        (ADMIN, None),
        (ADMIN, None),
        (TOWN, town()),
    ];
    for (i, (a, link)) in dump.into_iter().enumerate() {
        let mut d = doc(i, &a);
        d.entities[0].link = link;
        g.add(&d);
    }
    let r = resolve(g.into_sorted());
    // The "Obama" read as a place says "administration" in both its articles: it is the person, and the person is
    // Barack Obama, whom the one article that linked the town does not join to the town.
    assert_eq!(of(&r, "Obama", LOC), (of(&r, "Barack Obama", PER).0, PER));
    assert_eq!(of(&r, "Obama", PER), of(&r, "Barack Obama", PER));
    assert_eq!(of(&r, "Obama City", LOC).1, LOC);
    assert_ne!(of(&r, "Obama City", LOC).0, of(&r, "Barack Obama", PER).0);
    let obama = r.entities.iter().find(|e| e.name == "Barack Obama").expect("Barack Obama");
    assert_eq!((obama.label, obama.article_count, obama.kb_id.as_deref()), (PER, 7, None));
}

#[test]
fn rows_linked_to_another_thing_than_their_name_s_majority_keep_it() {
    const DC: &str = "geonames:4140963";
    const STATE: &str = "geonames:5815135";
    const CAPITAL: A = (Some("WASHINGTON"), "politics", "Congress met in Washington.", &[("Washington", LOC, &[], &[])]);
    const APPLES: A = (None, "economy", "Apple growers in Washington sold more.", &[("Washington", LOC, &[], &[])]);
    let dc = || Some(linked(Some(DC), KbKind::City, "US", Some((38.89, -77.03)), 0.9));
    let state = || Some(linked(Some(STATE), KbKind::Admin1, "US", Some((47.5, -120.5)), 0.7));
    let mut g = Gatherer::default();
    for (i, (a, link)) in [(CAPITAL, dc()), (CAPITAL, dc()), (CAPITAL, dc()), (APPLES, state()), (APPLES, state()), (CAPITAL, None)]
        .into_iter()
        .enumerate()
    {
        let mut d = doc(i, &a);
        d.entities[0].link = link;
        g.add(&d);
    }
    let r = resolve(g.into_sorted());
    let id = entity_id(LOC, "Washington");
    let (city, state_gid) = (super::global_id(Some(DC), LOC, ""), super::global_id(Some(STATE), LOC, ""));
    assert_eq!(r.by_entity[&id], (city.clone(), LOC), "the majority and the unlinked rows are the city");
    assert_eq!(r.split[&id], vec![(state_gid.clone(), LOC)], "the rows linked to the state stay the state");
    let row = |gid: &str| r.entities.iter().find(|e| e.global_id == gid).cloned().unwrap();
    assert_eq!((row(&city).article_count, row(&state_gid).article_count), (4, 2));
    assert_eq!(row(&state_gid).link.unwrap().kind, "admin1");

    // Applied to rows as the stream wrote them (each with the id of its own link, or of its name): twice, the
    // second time changing nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.jsonl");
    let unlinked = super::global_id(None, LOC, "Washington");
    let rows: String = [&city, &state_gid, &unlinked]
        .iter()
        .map(|g| format!("{{\"entity_id\":\"{id}\",\"global_id\":\"{g}\",\"label\":\"LOCATION\"}}\n"))
        .collect();
    std::fs::write(&path, rows).unwrap();
    let fix = super::rewrite::Fix { by_entity: &r.by_entity, split: &r.split, columns: super::rewrite::ENTITY_COLUMNS };
    let format = crate::export::write::TableFormat::Jsonl;
    assert_eq!(super::rewrite::rewrite(&path, format, &fix).unwrap(), 1, "only the unlinked row changes");
    let gids: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["global_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(gids, [city.clone(), state_gid, city]);
    assert_eq!(super::rewrite::rewrite(&path, format, &fix).unwrap(), 0);
}

#[test]
fn quotes_rows_get_their_speaker_s_global_id_in_every_format() {
    use super::rewrite::{rewrite, Fix, SPEAKER_COLUMNS};
    use crate::export::write::TableFormat;
    let by_entity: std::collections::HashMap<String, (String, Label)> = [("a:0".to_string(), ("g1".to_string(), PER))].into();
    let split = std::collections::HashMap::new();
    let fix = Fix { by_entity: &by_entity, split: &split, columns: SPEAKER_COLUMNS };
    let dir = tempfile::tempdir().unwrap();

    let jsonl = dir.path().join("quotes.jsonl");
    // A row whose values stay is copied as it is, however it is written; an escaped key is still its column.
    let kept = "{ \"speaker_entity_id\" : 7, \"text\": \"a \\\"b\\\" \\u00e9\" }";
    let rows = format!(
        "{{\"speaker\\u005fentity_id\":\"a:0\",\"speaker_global_id\":null,\"text\":\"x\"}}\n\
         {{\"speaker_entity_id\":null,\"speaker_global_id\":null,\"text\":\"y\"}}\n{kept}\n"
    );
    std::fs::write(&jsonl, rows).unwrap();
    assert_eq!(rewrite(&jsonl, TableFormat::Jsonl, &fix).unwrap(), 1, "only the resolved speaker's row changes");
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap().lines().nth(2), Some(kept));
    let got: Vec<serde_json::Value> =
        std::fs::read_to_string(&jsonl).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(got[0]["speaker_global_id"], "g1");
    assert!(got[0].get("label").is_none(), "a quotes row has no label to set");
    assert!(got[1]["speaker_global_id"].is_null());
    assert_eq!(rewrite(&jsonl, TableFormat::Jsonl, &fix).unwrap(), 0, "a second rewrite changes nothing");

    let csv = dir.path().join("quotes.csv");
    std::fs::write(&csv, "speaker_entity_id,speaker_global_id,text\na:0,,x\n,,y\n").unwrap();
    assert_eq!(rewrite(&csv, TableFormat::Csv, &fix).unwrap(), 1);
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "speaker_entity_id,speaker_global_id,text\na:0,g1,x\n,,y\n");

    // The frame rewrite: Parquet row groups and the Python API's tables in memory.
    #[cfg(feature = "tables")]
    {
        let mut df = polars::df!("speaker_entity_id" => [Some("a:0"), None], "speaker_global_id" => [None::<&str>, None]).unwrap();
        assert_eq!(super::rewrite::fix_frame(&mut df, &fix).unwrap(), 1);
        let gids: Vec<Option<&str>> = df.column("speaker_global_id").unwrap().str().unwrap().iter().collect();
        assert_eq!(gids, [Some("g1"), None]);
    }
}
