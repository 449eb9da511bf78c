//! Entity linking: grounding an article's resolved entities in knowledge bases, offline.
//!
//! An [`EntityLinker`] reads a [`Document`] whose entities are resolved and sets each entity's
//! [`KbLink`](crate::document::KbLink): a LOCATION becomes a GeoNames place with its point (`places.rs`
//! weighs the candidates against the article's other places, its "X, Y" containment and its dateline), an
//! ORGANIZATION or GROUP a Wikidata id or a listed company's ticker, a MISC demonym ("Canadian") its
//! country. A name the knowledge base lacks, or one it cannot decide between, stays unlinked: a wrong
//! point on a map is worse than none.
//!
//! Everything ships in `models/link/` (built by `scripts/build-places.py` from PyPI packages and the
//! shared gazetteers; `models/link/README.md` credits the sources), so linking needs no network. It sits
//! after `entities/` (it reads their output) and before the pipeline, which runs it after resolution.

mod gazetteer;
mod places;
#[cfg(test)]
mod tests;
mod text;

use std::path::Path;

use crate::document::{Document, KbKind, KbLink, Label};
use crate::error::Result;
use gazetteer::Gazetteer;

/// Grounds a document's resolved entities in a knowledge base (filling each [`crate::document::Entity::link`]).
pub trait EntityLinker: Send + Sync {
    /// Sets the links of `doc.entities`.
    fn link(&self, doc: &mut Document);
}

/// The built-in linker: the GeoNames gazetteer, the organisations with Wikidata ids and the S&P 500
/// tickers of `models/link/`.
pub struct GazetteerLinker {
    gazetteer: Gazetteer,
}

impl GazetteerLinker {
    /// The sub-folder of the models folder that holds the linker's files.
    pub const MODEL_DIR: &'static str = "link";

    /// Loads the knowledge bases from `dir` (a `models/link` folder).
    pub fn load(dir: &Path) -> Result<GazetteerLinker> {
        Ok(GazetteerLinker { gazetteer: Gazetteer::load(dir)? })
    }

    /// Loads the shipped knowledge bases from the models folder (see [`crate::models::models_dir`]).
    pub fn load_default(models_dir: Option<&Path>) -> Result<GazetteerLinker> {
        GazetteerLinker::load(&crate::models::model_path(models_dir, Self::MODEL_DIR)?)
    }

    /// The place a name most likely is with no context (the population prior alone), as the eval's
    /// baseline uses it: `(latitude, longitude, country radius in km)`.
    pub fn most_populous(&self, name: &str) -> Option<(f64, f64, f64)> {
        let g = &self.gazetteer;
        g.lookup(name)
            .map(|i| g.place(i))
            .filter(|p| !p.lat.is_nan() && p.kind != KbKind::Continent)
            .max_by_key(|p| (p.population, p.kind == KbKind::Country))
            .map(|p| (f64::from(p.lat), f64::from(p.lon), f64::from(p.radius_km)))
    }

    /// The radius of a circle of the area of the country `kb_id` names, in km (the eval counts a point
    /// inside it as right: a country's point is a convention).
    pub fn country_radius_km(&self, kb_id: &str) -> Option<f64> {
        self.gazetteer.country_radius_km(kb_id).map(f64::from)
    }

    fn link_names(&self, doc: &mut Document) {
        let g = &self.gazetteer;
        for e in &mut doc.entities {
            let names = || std::iter::once(&e.name).chain(&e.aliases);
            e.link = match e.label {
                Label::Organization | Label::Group => names().find_map(|n| g.org(n)).map(|(kb, kind)| KbLink {
                    kb_id: Some(kb.to_string()),
                    kind,
                    country_code: None,
                    admin1: None,
                    latitude: None,
                    longitude: None,
                    confidence: 0.9,
                }),
                Label::Misc => names().find_map(|n| demonym(g, n)).map(|cc| KbLink {
                    kb_id: None,
                    kind: KbKind::Demonym,
                    country_code: Some(cc.to_string()),
                    admin1: None,
                    latitude: None,
                    longitude: None,
                    confidence: 0.9,
                }),
                _ => continue,
            };
        }
    }
}

/// The country of a demonym or its plural ("Canadians").
fn demonym<'g>(g: &'g Gazetteer, name: &str) -> Option<&'g str> {
    g.demonym(name).or_else(|| name.strip_suffix('s').and_then(|n| g.demonym(n)))
}

impl EntityLinker for GazetteerLinker {
    fn link(&self, doc: &mut Document) {
        for e in &mut doc.entities {
            e.link = None;
        }
        self.link_names(doc);
        places::link(&self.gazetteer, doc);
    }
}
