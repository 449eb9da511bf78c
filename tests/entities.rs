//! Entities as things: named groups, user rules, values and canonical
//! entities, end to end through the pipeline and the CLI.
//!
//! The acceptance on the sample page runs the real statistical tagger
//! (models/ner) next to the default entity stage.

use std::path::Path;

use newsnlp::entities::recognize::{GroupRecognizer, RuleSet, ValueRecognizer};
use newsnlp::entities::resolve::NewsResolver;
use newsnlp::entities::{self, EntityRecognizer};
use newsnlp::{Document, Entity, Field, Label, Mention, Origin, Pipeline, PipelineBuilder, PipelineConfig, Span};

use crate::util::{fixture, read_jsonl, run};

const SAMPLE: &str = "cp-2026-01-06-carney-paris.txt";

fn sample_text() -> String {
    std::fs::read_to_string(fixture(SAMPLE)).expect("the sample page")
}

fn models_dir() -> std::path::PathBuf {
    newsnlp::models::models_dir(None)
}

/// The entity stage without a statistical tagger (groups, values, the rules when given, the resolver), as
/// [`PipelineBuilder::from_config`] assembles it.
fn entity_stage(rules: Option<&Path>) -> PipelineBuilder {
    let mut config = PipelineConfig::default();
    config.entities.tagger.enabled = false;
    config.entities.rules = rules.map(Path::to_path_buf);
    config.topics.enabled = false;
    PipelineBuilder::from_config(&config).expect("the default entity stage")
}

/// The sample page through the default entity stage plus `tagger`.
fn analyze_sample(tagger: Box<dyn EntityRecognizer>) -> Document {
    let builder = entity_stage(None);
    let pipeline = builder.recognizer(tagger).build().expect("pipeline");
    pipeline.analyze_text(&sample_text()).expect("the sample page is analysed")
}

fn entity<'d>(doc: &'d Document, name: &str) -> &'d Entity {
    doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| {
        panic!(
            "no entity {name:?}; entities: {:#?}",
            doc.entities.iter().map(|e| (&e.name, e.label)).collect::<Vec<_>>()
        )
    })
}

fn mentions_of<'d>(doc: &'d Document, e: &Entity) -> Vec<&'d Mention> {
    let i = doc.entities.iter().position(|x| x.id == e.id).expect("entity in doc");
    doc.mentions.iter().filter(|m| m.entity == Some(i)).collect()
}

#[test]
fn sample_page_acceptance() {
    let tagger = entities::Tagger::load_default(Some(&models_dir())).expect("the committed tagger loads");
    let doc = analyze_sample(Box::new(tagger));

    // 1. One PERSON "Mark Carney" with the alias "Carney", every mention of him, and his title.
    let carney = entity(&doc, "Mark Carney");
    assert_eq!(carney.label, Label::Person);
    assert!(carney.aliases.contains(&"Carney".to_string()), "aliases {:?}", carney.aliases);
    assert!(carney.roles.contains(&"Prime Minister".to_string()), "roles {:?}", carney.roles);
    let ms = mentions_of(&doc, carney);
    assert!(ms.len() >= 3 && carney.mention_count == ms.len(), "Carney's mentions: {ms:#?}");
    let every_carney = doc.mentions.iter().filter(|m| m.text.contains("Carney")).count();
    assert_eq!(ms.len(), every_carney, "every mention naming Carney is his");
    assert_eq!(doc.entities.iter().filter(|e| e.name.contains("Carney")).count(), 1, "one Carney entity");
    for e in &doc.entities {
        eprintln!(
            "{:<28} {:<12} n={} first={:<4} salience={:.3} aliases={:?} roles={:?}",
            e.name,
            e.label.as_str(),
            e.mention_count,
            e.first_char,
            e.salience,
            e.aliases,
            e.roles
        );
    }

    // 2. The group, found without a user rule.
    let coalition = entity(&doc, "coalition of the willing");
    assert_eq!(coalition.label, Label::Group);

    // 3. Rutte with a role naming NATO; NATO; The Canadian Press with the caption's credit.
    let rutte = entity(&doc, "Mark Rutte");
    assert_eq!(rutte.label, Label::Person);
    assert!(rutte.roles.iter().any(|r| r.contains("NATO")), "Rutte's roles {:?}", rutte.roles);
    assert_eq!(entity(&doc, "NATO").label, Label::Organization);
    let cp = entity(&doc, "The Canadian Press");
    assert_eq!(cp.label, Label::Organization);
    assert!(cp.aliases.contains(&"THE CANADIAN PRESS".to_string()), "aliases {:?}", cp.aliases);
    assert!(mentions_of(&doc, cp).iter().any(|m| m.field == Field::Caption && m.text == "THE CANADIAN PRESS"));

    // Other resolution on the page: the dateline's PARIS is Paris; the deputy ambassador's role.
    let paris = entity(&doc, "Paris");
    assert!(paris.aliases.contains(&"PARIS".to_string()), "Paris aliases {:?}", paris.aliases);
    assert_eq!(entity(&doc, "Nadia Burger").roles, ["deputy ambassador"]);
    assert_eq!(entity(&doc, "Nicolas Maduro").roles, ["Venezuelan ruler"]);

    // Every span is valid in its field, and every name mention has an entity.
    for m in &doc.mentions {
        assert!(m.span.is_valid_for(doc.field_text(m.field)), "{m:?}");
        assert_eq!(m.entity.is_some(), m.label.is_name(), "names have entities, values do not: {m:?}");
    }
}

#[test]
fn the_group_is_found_by_the_pattern_and_by_the_list() {
    let page = sample_text();
    let analyze = |groups: GroupRecognizer, text: &str| {
        let p =
            Pipeline::builder().recognizer(Box::new(groups)).resolver(Box::new(NewsResolver::new())).build().unwrap();
        p.analyze_text(text).unwrap()
    };
    let group_mentions = |doc: &Document| -> Vec<(String, Origin)> {
        doc.mentions.iter().filter(|m| m.label == Label::Group).map(|m| (m.text.clone(), m.origin)).collect()
    };
    // The pattern alone (an empty list): 'The “coalition of the willing,” a group of more than 30 countries'.
    let patterns_only = GroupRecognizer::with_list(RuleSet::empty(Origin::Gazetteer)).unwrap();
    let doc = analyze(patterns_only, &page);
    assert_eq!(group_mentions(&doc), [("coalition of the willing".to_string(), Origin::Pattern)]);
    assert_eq!(entity(&doc, "coalition of the willing").label, Label::Group);

    // The list alone: a text that names the coalition without defining it.
    let list_only = "Leaders of the coalition of the willing met in Paris on Tuesday.";
    let doc = analyze(GroupRecognizer::builtin().unwrap(), list_only);
    assert_eq!(group_mentions(&doc), [("coalition of the willing".to_string(), Origin::Gazetteer)]);

    // Both: where they overlap the list wins, and the entity is the same.
    let doc = analyze(GroupRecognizer::builtin().unwrap(), &page);
    assert_eq!(group_mentions(&doc), [("coalition of the willing".to_string(), Origin::Gazetteer)]);
    assert_eq!(
        entity(&doc, "coalition of the willing").id,
        newsnlp::entities::resolve::entity_id(Label::Group, "coalition of the willing")
    );
}

#[test]
fn group_names_defined_in_a_text_become_group_entities() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("appositive", "The Lublin Triangle, an alliance of Poland, Lithuania and Ukraine, met on Monday. The Lublin Triangle agreed.", &["Lublin Triangle"]),
        ("listed and defined", "G7 leaders met. The Quad, an informal alliance of four democracies, also met.", &["G7", "Quad"]),
        ("NATO stays an organisation", "NATO, the alliance of 32 countries, met.", &[]),
    ];
    let pipeline = entity_stage(None).build().unwrap();
    for (name, text, want) in cases {
        let doc = pipeline.analyze_text(text).unwrap();
        let groups: Vec<&str> =
            doc.entities.iter().filter(|e| e.label == Label::Group).map(|e| e.name.as_str()).collect();
        assert_eq!(groups, *want, "case {name:?}: GROUP entities of {text:?}");
    }
    let doc = pipeline.analyze_text(cases[0].1).unwrap();
    assert_eq!(entity(&doc, "Lublin Triangle").mention_count, 2, "the second, undefined mention is found as an alias");
}

#[test]
fn a_user_rule_names_an_entity_with_origin_rule() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.jsonl");
    std::fs::write(&rules, "{\"phrase\": \"Weimar Triangle\", \"label\": \"GROUP\"}\n").unwrap();
    let pipeline = entity_stage(Some(&rules)).build().unwrap();
    let doc =
        pipeline.analyze_text("Ministers of the Weimar Triangle met in Berlin. The WEIMAR TRIANGLE agreed.").unwrap();
    let e = entity(&doc, "Weimar Triangle");
    assert_eq!(e.label, Label::Group);
    let ms = mentions_of(&doc, e);
    assert_eq!(ms.len(), 2);
    assert!(ms.iter().all(|m| m.origin == Origin::Rule), "{ms:#?}");

    // A rule beats the model where they overlap, and its canonical name and aliases are used.
    std::fs::write(
        &rules,
        r#"{"phrase": "Bundesbank", "label": "ORGANIZATION", "name": "Deutsche Bundesbank", "aliases": ["Buba"]}"#,
    )
    .unwrap();
    struct Model;
    impl EntityRecognizer for Model {
        fn name(&self) -> &str {
            "model"
        }
        fn recognize(&self, doc: &Document) -> newsnlp::Result<Vec<Mention>> {
            let at = doc.body.find("Bundesbank").unwrap();
            Ok(vec![Mention {
                field: Field::Body,
                span: Span { byte: at..at + 10, char: at..at + 10 },
                sentence: Some(0),
                text: "Bundesbank".into(),
                label: Label::Person,
                confidence: 0.6,
                origin: Origin::Model,
                entity: None,
            }])
        }
    }
    let pipeline = entity_stage(Some(&rules))
        .recognizer(Box::new(Model))
        .build()
        .unwrap();
    let doc = pipeline.analyze_text("The Bundesbank said the Buba would act.").unwrap();
    let e = entity(&doc, "Deutsche Bundesbank");
    assert_eq!((e.label, e.mention_count), (Label::Organization, 2), "{:#?}", doc.mentions);
    assert!(mentions_of(&doc, e).iter().all(|m| m.origin == Origin::Rule));
}

// Regression: the default resolver always added the compiled-in groups list, so a groups list in a models folder
// never fully replaced it in resolution: a name removed from the folder's list still resolved as that known group
// (its forms joined under the list's canonical name).
#[test]
fn a_groups_list_in_the_models_folder_replaces_the_builtin_one_in_resolution() {
    /// Tags every "G7" and "Group of Seven" as an organisation, as a tagger would.
    struct Model;
    impl EntityRecognizer for Model {
        fn name(&self) -> &str {
            "model"
        }
        fn recognize(&self, doc: &Document) -> newsnlp::Result<Vec<Mention>> {
            let found = ["G7", "Group of Seven"].into_iter().flat_map(|name| doc.body.match_indices(name));
            Ok(found
                .map(|(at, text)| Mention {
                    field: Field::Body,
                    span: Span { byte: at..at + text.len(), char: at..at + text.len() },
                    sentence: None,
                    text: text.into(),
                    label: Label::Organization,
                    confidence: 0.6,
                    origin: Origin::Model,
                    entity: None,
                })
                .collect())
        }
    }
    let text = "G7 leaders met in Paris. The Group of Seven agreed.";
    let analyze = |models: &Path| {
        let mut config = PipelineConfig::default();
        config.models_dir = Some(models.to_path_buf());
        config.entities.tagger.enabled = false;
        config.topics.enabled = false;
        config.link.enabled = false;
        let builder = PipelineBuilder::from_config(&config).unwrap();
        builder.recognizer(Box::new(Model)).build().unwrap().analyze_text(text).unwrap()
    };
    let entity_of = |doc: &Document, text: &str| {
        let m = doc.mentions.iter().find(|m| m.text == text).unwrap_or_else(|| panic!("no mention {text:?}"));
        doc.entities[m.entity.expect("a name has an entity")].clone()
    };

    // The shipped list knows G7 by its other names: one entity.
    let doc = analyze(&models_dir());
    assert_eq!(entity_of(&doc, "Group of Seven").id, entity_of(&doc, "G7").id, "{:#?}", doc.entities);

    // A models folder whose list lacks G7: the two names are no longer one known group.
    let dir = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string(models_dir().join("groups/groups.jsonl")).unwrap();
    let without_g7: String =
        shipped.lines().filter(|l| !l.contains(r#""name": "G7""#)).map(|l| format!("{l}\n")).collect();
    assert!(without_g7.len() < shipped.len(), "the shipped list names G7");
    std::fs::create_dir_all(dir.path().join("groups")).unwrap();
    std::fs::write(dir.path().join("groups/groups.jsonl"), without_g7).unwrap();
    let doc = analyze(dir.path());
    let (g7, seven) = (entity_of(&doc, "G7"), entity_of(&doc, "Group of Seven"));
    assert_ne!(g7.id, seven.id, "G7 still resolved through the compiled-in list: {:#?}", doc.entities);
    assert_eq!((g7.name.as_str(), g7.label), ("G7", Label::Organization));
    assert_eq!(seven.name, "Group of Seven");
}

#[test]
fn values_on_the_sample_page() {
    let pipeline = Pipeline::builder()
        .recognizer(Box::new(ValueRecognizer::new().unwrap()))
        .resolver(Box::new(NewsResolver::new()))
        .build()
        .unwrap();
    let doc = pipeline.analyze_text(&sample_text()).unwrap();
    let values: Vec<(Field, &str, Label)> = doc.mentions.iter().map(|m| (m.field, m.text.as_str(), m.label)).collect();
    for want in [
        (Field::Caption, "Monday, Jan. 5, 2026", Label::Date),
        (Field::Body, "today", Label::Date),
        (Field::Body, "more than 30 countries", Label::Quantity),
        (Field::Body, "recent days", Label::Date),
        (Field::Body, "Tuesday", Label::Date),
    ] {
        assert!(values.contains(&want), "{want:?} missing from {values:?}");
    }
    for m in &doc.mentions {
        assert_eq!((m.origin, m.entity), (Origin::Pattern, None), "values are patterns without entity: {m:?}");
    }
    assert!(doc.entities.is_empty());
}

#[test]
fn a_value_inside_a_name_gives_way_to_the_name() {
    struct Model;
    impl EntityRecognizer for Model {
        fn name(&self) -> &str {
            "model"
        }
        fn recognize(&self, doc: &Document) -> newsnlp::Result<Vec<Mention>> {
            let at = doc.body.find("Sunday Times").unwrap();
            Ok(vec![Mention {
                field: Field::Body,
                span: Span { byte: at..at + 12, char: at..at + 12 },
                sentence: Some(0),
                text: "Sunday Times".into(),
                label: Label::Organization,
                confidence: 0.9,
                origin: Origin::Model,
                entity: None,
            }])
        }
    }
    let pipeline = Pipeline::builder()
        .recognizer(Box::new(ValueRecognizer::new().unwrap()))
        .recognizer(Box::new(Model))
        .build()
        .unwrap();
    let doc = pipeline.analyze_text("The Sunday Times reported it on Monday.").unwrap();
    let got: Vec<(&str, Label)> = doc.mentions.iter().map(|m| (m.text.as_str(), m.label)).collect();
    assert_eq!(got, [("Sunday Times", Label::Organization), ("Monday", Label::Date)]);
}

#[test]
fn analyze_with_rules_writes_entities_and_mentions_tables() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.jsonl");
    std::fs::write(&rules, "# my rules\n{\"phrase\": \"Weimar Triangle\", \"label\": \"GROUP\"}\n").unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "Weimar Triangle meets\n\nThe foreign ministers of the Weimar Triangle met in Paris on Jan. 6, 2026, with the “coalition of the willing,” a group of more than 30 countries.").unwrap();
    let out = dir.path().join("out");
    let o = run(&["analyze", p(&page), "-o", p(&out), "--format", "jsonl", "-q", "--rules", p(&rules)]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let entities = read_jsonl(&out.join("entities.jsonl"));
    let weimar = entities.iter().find(|e| e["name"] == "Weimar Triangle").expect("Weimar Triangle row");
    assert_eq!(weimar["label"], "GROUP");
    assert_eq!(weimar["mention_count"], 2, "the headline and the body");
    assert!(entities.iter().any(|e| e["name"] == "coalition of the willing" && e["label"] == "GROUP"));
    let mentions = read_jsonl(&out.join("mentions.jsonl"));
    let rule_mentions: Vec<_> = mentions.iter().filter(|m| m["origin"] == "rule").collect();
    assert_eq!(rule_mentions.len(), 2);
    assert!(rule_mentions.iter().all(|m| m["entity_id"] == weimar["entity_id"]));
    assert!(mentions.iter().any(|m| m["label"] == "DATE" && m["text"] == "Jan. 6, 2026" && m["entity_id"].is_null()));

    // A broken rule file is a failure (exit 2) that names the line.
    std::fs::write(&rules, "{\"phrase\": \"x\", \"label\": \"THING\"}\n").unwrap();
    let o = run(&["analyze", p(&page), "-o", p(&out), "--format", "jsonl", "-q", "--rules", p(&rules)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 1") && err.contains("unknown label"), "stderr: {err}");
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The entity stage never panics, and every mention's span is valid in its field.
        #[test]
        fn entity_stage_never_panics_and_spans_are_valid(
            body in "(?:[A-Za-z€🎉é\u{0301}İ“”’\"$%.,:0-9 \n-]|Mark Carney|Carney|the coalition of the willing|G7|NATO|, a group of|Jan\\. |U\\.S\\.){0,40}"
        ) {
            let pipeline = entity_stage(None).build().unwrap();
            if let Ok(doc) = pipeline.analyze_text(&body) {
                for m in &doc.mentions {
                    prop_assert!(m.span.is_valid_for(doc.field_text(m.field)), "{:?}", m);
                    prop_assert_eq!(doc.field_text(m.field).get(m.span.byte.clone()), Some(m.text.as_str()));
                    if let Some(e) = m.entity {
                        prop_assert!(e < doc.entities.len());
                    }
                }
                for e in &doc.entities {
                    prop_assert!((0.0..=1.0).contains(&e.salience));
                }
            }
        }
    }
}
