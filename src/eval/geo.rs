//! Scoring place grounding against the GeoVirus format (Gritta, Pilehvar & Collier, ACL 2018): paragraphs
//! with their toponyms' character offsets and gold points.
//!
//! The whole pipeline runs on each paragraph, as `analyze` would: a gold toponym counts as *found* when a
//! body mention overlapping it belongs to an entity linked to a point. Of the found ones: the great-circle
//! error, accuracy within 161 km (100 miles), the mean error, and the AUC of the paper (the area under the
//! sorted curve of ln(1 + error), normalised by ln 20,039 km, half the earth's circumference; lower is
//! better). Two allowances follow the issue that asked for this score: a predicted country is also right
//! when the gold point lies within the radius of a circle of the country's area around the predicted point
//! (a large area's point is a convention), and any prediction is right when its GeoNames id is the gold one
//! (for data that gives ids; GeoVirus gives Wikipedia pages only).
//!
//! The choose-the-most-populous baseline is scored in the same run on the same found mentions: for each, the
//! gazetteer's most populous place of the mention's name, without context.

use std::path::Path;

use crate::document::{Article, Field, KbKind, Label, TextFormat};
use crate::error::{Error, Result};
use crate::link::GazetteerLinker;
use crate::pipeline::Pipeline;
use super::ratio;

/// Half the earth's circumference, in km: the largest possible error.
pub const MAX_ERROR_KM: f64 = 20_039.0;
/// The accuracy threshold of the literature: 100 miles.
pub const ACCURACY_KM: f64 = 161.0;

/// A gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    /// The text as annotated.
    pub name: String,
    /// Char offsets in the paragraph.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Gold latitude.
    pub lat: f64,
    /// Gold longitude.
    pub lon: f64,
    /// The gold GeoNames id (`geonames:N`), when the data gives one.
    pub geonames: Option<String>,
}

/// A paragraph and its toponyms.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// Its toponyms.
    pub toponyms: Vec<Toponym>,
}

/// Reads a GeoVirus XML file.
pub fn read_geovirus(path: &Path) -> Result<Vec<Paragraph>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
    parse_geovirus(&text).map_err(|m| Error::data(path, 0, m))
}

/// Parses GeoVirus XML: `<article>`s, each with a `<text>` and `<location>`s (`name`, `start`, `end`, `lat`,
/// `lon`, optionally `geonameid`). The format is flat and fixed, so a few tag searches read it.
pub fn parse_geovirus(xml: &str) -> std::result::Result<Vec<Paragraph>, String> {
    let xml = &strip_comments(xml);
    let mut out = Vec::new();
    for (n, article) in xml.split("<article>").skip(1).enumerate() {
        let text = unescape(tag(article, "text").ok_or_else(|| format!("article {}: no <text>", n + 1))?);
        let mut toponyms = Vec::new();
        for loc in article.split("<location>").skip(1) {
            // GeoVirus has one stray empty `<location>` opening before a full one.
            if loc.trim().is_empty() {
                continue;
            }
            let num = |t: &str| -> std::result::Result<f64, String> {
                tag(loc, t).and_then(|v| v.trim().parse().ok()).ok_or_else(|| format!("article {}: bad <{t}>", n + 1))
            };
            toponyms.push(Toponym {
                name: unescape(tag(loc, "name").unwrap_or("")),
                start: num("start")? as usize,
                end: num("end")? as usize,
                lat: num("lat")?,
                lon: num("lon")?,
                geonames: tag(loc, "geonameid").map(|id| format!("geonames:{}", id.trim())),
            });
        }
        out.push(Paragraph { text, toponyms });
    }
    Ok(out)
}

/// The XML without its `<!-- -->` comments (GeoVirus comments out a template article).
fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

fn tag<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    Some(&xml[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Great-circle distance in km (haversine, mean earth radius 6,371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// A prediction for one gold toponym: its point, the country radius that counts as right (0 for a place
/// that is not a country), and its kb id.
#[derive(Debug, Clone, PartialEq)]
struct Prediction {
    lat: f64,
    lon: f64,
    radius_km: f64,
    kb_id: Option<String>,
}

impl Prediction {
    /// The error against a gold toponym, in km: 0 when the id is the gold one or the gold point is inside
    /// the predicted country's circle.
    fn error_km(&self, gold: &Toponym) -> f64 {
        if gold.geonames.is_some() && gold.geonames == self.kb_id {
            return 0.0;
        }
        let d = distance_km(self.lat, self.lon, gold.lat, gold.lon);
        if d <= self.radius_km {
            0.0
        } else {
            d
        }
    }
}

/// The scores of one system.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoScores {
    /// Gold toponyms.
    pub gold: usize,
    /// Gold toponyms found as grounded mentions.
    pub found: usize,
    /// The errors of the found ones, in km.
    pub errors_km: Vec<f64>,
}

impl GeoScores {
    /// Found / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Share of the found ones within 161 km.
    pub fn accuracy_161(&self) -> f64 {
        ratio(self.errors_km.iter().filter(|&&e| e <= ACCURACY_KM).count(), self.errors_km.len())
    }

    /// Mean error of the found ones, in km.
    pub fn mean_error_km(&self) -> f64 {
        if self.errors_km.is_empty() {
            0.0
        } else {
            self.errors_km.iter().sum::<f64>() / self.errors_km.len() as f64
        }
    }

    /// Median error of the found ones, in km.
    pub fn median_error_km(&self) -> f64 {
        let mut e = self.errors_km.clone();
        e.sort_by(f64::total_cmp);
        e.get(e.len() / 2).copied().unwrap_or(0.0)
    }

    /// The AUC of Gritta et al.: the trapezoid area under the sorted ln(1 + error) curve over ln(20,039),
    /// in 0..=1, lower is better.
    pub fn auc(&self) -> f64 {
        let mut logs: Vec<f64> = self.errors_km.iter().map(|e| (e + 1.0).ln()).collect();
        logs.sort_by(f64::total_cmp);
        if logs.len() < 2 {
            return logs.first().map_or(0.0, |l| l / MAX_ERROR_KM.ln());
        }
        let area: f64 = logs.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        area / (MAX_ERROR_KM.ln() * (logs.len() - 1) as f64)
    }
}

/// The linker's and the baseline's scores over the same paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoEval {
    /// The pipeline with linking.
    pub linker: GeoScores,
    /// The most populous place of each found mention's name.
    pub baseline: GeoScores,
    /// Gold toponyms overlapped by some body mention (linked or not).
    pub mentioned: usize,
    /// The gold toponyms the linker did not find or placed more than 161 km off, in file order: what to
    /// read when the scores fall short.
    pub misses: Vec<Miss>,
}

/// A gold toponym the linker missed or placed wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The paragraph's index in the file.
    pub paragraph: usize,
    /// The toponym as annotated.
    pub name: String,
    /// Its char offset in the paragraph.
    pub start: usize,
    /// What went wrong.
    pub why: MissKind,
}

/// Why a gold toponym was missed.
#[derive(Debug, Clone, PartialEq)]
pub enum MissKind {
    /// No body mention overlaps it: the tagger did not find it.
    NotTagged,
    /// A mention overlaps it (text and label given) but its entity has no point.
    NotLinked {
        /// The mention's text.
        mention: String,
        /// The mention's label.
        label: Label,
    },
    /// Linked, but more than 161 km from the gold point.
    Wrong {
        /// The mention's text.
        mention: String,
        /// The linked kb id.
        kb_id: Option<String>,
        /// The error in km.
        km: f64,
    },
}

/// Scores `pipeline` (which must link) and the baseline of `gazetteer` on `paragraphs`.
pub fn evaluate(pipeline: &Pipeline, gazetteer: &GazetteerLinker, paragraphs: &[Paragraph]) -> GeoEval {
    let mut eval = GeoEval::default();
    for (i, p) in paragraphs.iter().enumerate() {
        let article = Article {
            id: Some(format!("geo-{i}")),
            source: "geo".into(),
            text: p.text.clone(),
            format: TextFormat::Text,
            ..Default::default()
        };
        eval.linker.gold += p.toponyms.len();
        eval.baseline.gold += p.toponyms.len();
        let Ok(doc) = pipeline.analyze(article) else { continue };
        for t in &p.toponyms {
            let miss = |why| Miss { paragraph: i, name: t.name.clone(), start: t.start, why };
            let Some(range) = locate(&doc.body, &p.text, t) else {
                eval.misses.push(miss(MissKind::NotTagged));
                continue;
            };
            let mention = doc.mentions.iter().find(|m| {
                m.field == Field::Body
                    && m.span.byte.start < range.end
                    && range.start < m.span.byte.end
                    && m.entity.is_some()
            });
            let Some(m) = mention else {
                eval.misses.push(miss(MissKind::NotTagged));
                continue;
            };
            eval.mentioned += 1;
            let link = m.entity.and_then(|e| doc.entities.get(e)).and_then(|e| e.link.as_ref());
            let linked = link.and_then(|l| {
                let (lat, lon) = (l.latitude?, l.longitude?);
                let radius_km = match (l.kind, &l.kb_id) {
                    (KbKind::Country, Some(id)) => gazetteer.country_radius_km(id).unwrap_or(0.0),
                    _ => 0.0,
                };
                Some(Prediction { lat, lon, radius_km, kb_id: l.kb_id.clone() })
            });
            let Some(prediction) = linked else {
                eval.misses.push(miss(MissKind::NotLinked { mention: m.text.clone(), label: m.label }));
                continue;
            };
            let km = prediction.error_km(t);
            if km > ACCURACY_KM {
                eval.misses.push(miss(MissKind::Wrong {
                    mention: m.text.clone(),
                    kb_id: prediction.kb_id.clone(),
                    km,
                }));
            }
            eval.linker.found += 1;
            eval.linker.errors_km.push(km);
            if let Some((lat, lon, radius_km)) = gazetteer.most_populous(&m.text) {
                eval.baseline.found += 1;
                eval.baseline.errors_km.push(Prediction { lat, lon, radius_km, kb_id: None }.error_km(t));
            }
        }
    }
    eval
}

/// The byte range of a gold toponym in the clean body: at its offsets when the cleaner kept the text as it
/// was, else the occurrence of its name nearest to where it was.
fn locate(body: &str, original: &str, t: &Toponym) -> Option<std::ops::Range<usize>> {
    let byte = |s: &str, c: usize| s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
    let (start, end) = (byte(original, t.start), byte(original, t.end));
    if body == original {
        return (start < end).then_some(start..end);
    }
    let name = original.get(start..end).filter(|n| !n.is_empty()).unwrap_or(&t.name);
    body.match_indices(name).map(|(at, _)| at).min_by_key(|&at| at.abs_diff(start)).map(|at| at..at + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_format() {
        let xml = "<articles><!-- <article><text>x</text></article> --><article><source>s</source><text>Flu in Paris &amp; Lyon.</text><locations>\
                   <location><name>Paris</name><start>7</start><end>12</end><lat>48.85</lat><lon>2.35</lon>\
                   <page>p</page></location></locations></article></articles>";
        let p = parse_geovirus(xml).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "Flu in Paris & Lyon.");
        assert_eq!(p[0].toponyms[0].name, "Paris");
        assert_eq!((p[0].toponyms[0].start, p[0].toponyms[0].end), (7, 12));
        assert!(parse_geovirus("<article><text>x</text><location><start>a</start></location></article>").is_err());
    }

    #[test]
    fn distances_and_scores() {
        let d = distance_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((d - 343.5).abs() < 2.0, "{d}");
        let s = GeoScores { gold: 4, found: 3, errors_km: vec![0.0, 100.0, 1000.0] };
        assert!((s.recall() - 0.75).abs() < 1e-9);
        assert!((s.accuracy_161() - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.mean_error_km() - 366.666).abs() < 0.01);
        let auc = s.auc();
        assert!(auc > 0.0 && auc < 0.7, "{auc}");
        assert_eq!(GeoScores { gold: 1, found: 1, errors_km: vec![0.0, 0.0] }.auc(), 0.0);
    }

    #[test]
    fn a_country_is_right_within_its_circle_and_an_id_always() {
        let gold = Toponym { name: "Russia".into(), start: 0, end: 6, lat: 60.0, lon: 90.0, geonames: None };
        let russia = Prediction { lat: 60.0, lon: 100.0, radius_km: 2333.0, kb_id: None };
        assert_eq!(russia.error_km(&gold), 0.0);
        let city = Prediction { radius_km: 0.0, ..russia.clone() };
        assert!(city.error_km(&gold) > 500.0);
        let gold = Toponym { geonames: Some("geonames:1".into()), ..gold };
        let far = Prediction { lat: 0.0, lon: 0.0, radius_km: 0.0, kb_id: Some("geonames:1".into()) };
        assert_eq!(far.error_km(&gold), 0.0);
    }
}
