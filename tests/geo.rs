//! Entity linking through the CLI: the knowledge-base columns of `analyze`, `--no-linking`, and (with
//! NEWSNLP_SHARED_DATA) the GeoVirus scores of the shipped gazetteer.

use crate::util::{run, shared_data};

/// Paris under a Texas dateline is linked to Paris, Texas, with its point; `--no-linking` leaves the
/// columns empty.
#[test]
fn analyze_links_places_and_no_linking_switches_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let text = "PARIS, Texas (AP) — A tornado damaged homes in Paris on Tuesday, officials in Lamar County said. \
                Canadian tourists were unhurt.";
    std::fs::write(&input, serde_json::json!({"id": "a1", "text": text}).to_string() + "\n").unwrap();
    for (flag, linked) in [(None, true), (Some("--no-linking"), false)] {
        let out_dir = dir.path().join(if linked { "on" } else { "off" });
        let mut args = vec!["analyze", input.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "--format", "jsonl"];
        args.extend(flag);
        let out = run(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows = crate::util::read_jsonl(&out_dir.join("entities.jsonl"));
        let paris = rows.iter().find(|r| r["name"] == "Paris").expect("Paris is an entity");
        if linked {
            assert_eq!(paris["kb_kind"], "city", "{paris}");
            assert_eq!(paris["country_code"], "US");
            assert_eq!(paris["admin1"], "TX");
            assert!((paris["latitude"].as_f64().unwrap() - 33.66).abs() < 0.1, "{paris}");
            let canadian = rows.iter().find(|r| r["name"] == "Canadian").expect("Canadian is an entity");
            assert_eq!(canadian["country_code"], "CA");
        } else {
            for column in ["kb_id", "kb_kind", "country_code", "admin1", "latitude", "longitude", "link_confidence"] {
                assert!(rows.iter().all(|r| r[column].is_null()), "{column} is set without linking");
            }
        }
    }
}

/// The shipped gazetteer keeps the GeoVirus scores measured when it was built (docs in models/link/README.md),
/// less a small margin.
#[test]
fn geovirus_scores_hold() {
    let Some(data) = shared_data() else {
        eprintln!("NEWSNLP_SHARED_DATA is not set: skipping the GeoVirus check");
        return;
    };
    let out = run(&["eval", "geo", data.join("geo/GeoVirus.xml").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let figure = |row: &str, column: usize| -> f64 {
        let line = text.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("no {row} row in:\n{text}"));
        line[row.len()..].split_whitespace().nth(column).unwrap().parse().unwrap()
    };
    let (recall, accuracy) = (figure("recall", 0), figure("accuracy@161km", 0));
    assert!(recall >= 0.89, "recall {recall}\n{text}");
    assert!(accuracy >= 0.92, "accuracy@161km {accuracy}\n{text}");
    assert!(accuracy > figure("accuracy@161km", 1), "the linker beats the most-populous baseline\n{text}");
}
