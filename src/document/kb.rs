//! What a knowledge base says an entity is: the link the linking stage (`link/`) puts on an entity. It lives
//! with the other document types so that every stage and table can read it without importing the linker.

/// What kind of thing a knowledge-base link names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KbKind {
    /// A continent.
    Continent,
    /// A country.
    Country,
    /// A first-level division (a US state, a province).
    Admin1,
    /// A second-level division (a US county or parish).
    Admin2,
    /// A city, town or village.
    City,
    /// An organisation with a Wikidata id.
    Organization,
    /// A listed company (its ticker).
    Company,
    /// A nationality or demonym ("Canadian"): only its country is known.
    Demonym,
    /// A region that is no administrative unit: a sea, a lake, an island, a valley, a mountain range, a
    /// part of the world ("Middle East", "Darfur").
    Region,
}

impl KbKind {
    /// The name in tables and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            KbKind::Continent => "continent",
            KbKind::Country => "country",
            KbKind::Admin1 => "admin1",
            KbKind::Admin2 => "admin2",
            KbKind::City => "city",
            KbKind::Organization => "organization",
            KbKind::Company => "company",
            KbKind::Demonym => "demonym",
            KbKind::Region => "region",
        }
    }

    /// Whether the kind is a place with a point on the map.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            KbKind::Continent | KbKind::Country | KbKind::Admin1 | KbKind::Admin2 | KbKind::City | KbKind::Region
        )
    }
}

/// An entity grounded in a knowledge base: a GeoNames place, a Wikidata organisation, a ticker.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KbLink {
    /// The knowledge-base id (`geonames:2988507`, `geonames-admin1:AU.04` for a division known by its GeoNames
    /// code, `wikidata:Q458`, `ticker:AAPL`, `fips:22079` for a US
    /// county); `None` for a demonym, which names people, not the country.
    pub kb_id: Option<String>,
    /// What the id names.
    pub kind: KbKind,
    /// ISO 3166-1 alpha-2 code of the country the thing is in or of.
    pub country_code: Option<String>,
    /// The first-level division it is in, as its code (a US postal code such as `LA`; GeoNames' code elsewhere).
    pub admin1: Option<String>,
    /// Latitude in degrees (WGS84), for a place with a point.
    pub latitude: Option<f64>,
    /// Longitude in degrees (WGS84), for a place with a point.
    pub longitude: Option<f64>,
    /// How sure the linker is, in 0..=1 (the chosen candidate's share of the candidates' weight).
    pub confidence: f32,
}
