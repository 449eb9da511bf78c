//! The default taxonomy: the 17 top-level IPTC Media Topics.
//!
//! Tables carry the short ids (`politics`, `economy`): they are stable, ASCII,
//! and short enough to group by. The full IPTC names and the `medtop` codes
//! live here only, so that reports can print the long name and users can join
//! our ids to other IPTC-coded data. The order is the IPTC order (by code),
//! which is also the label order of the built-in model.

/// A top-level category of the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The stable short id used in tables (`politics`).
    pub id: &'static str,
    /// The IPTC name ("politics and government" is "politics" at the top level).
    pub name: &'static str,
    /// The IPTC Media Topics code (`medtop:11000000`).
    pub code: &'static str,
}

/// The 17 IPTC Media Topics top-level categories, in code order.
pub const CATEGORIES: [Category; 17] = [
    Category { id: "arts", name: "arts, culture, entertainment and media", code: "medtop:01000000" },
    Category { id: "crime", name: "crime, law and justice", code: "medtop:02000000" },
    Category { id: "disaster", name: "disaster, accident and emergency incident", code: "medtop:03000000" },
    Category { id: "economy", name: "economy, business and finance", code: "medtop:04000000" },
    Category { id: "education", name: "education", code: "medtop:05000000" },
    Category { id: "environment", name: "environment", code: "medtop:06000000" },
    Category { id: "health", name: "health", code: "medtop:07000000" },
    Category { id: "human_interest", name: "human interest", code: "medtop:08000000" },
    Category { id: "labour", name: "labour", code: "medtop:09000000" },
    Category { id: "lifestyle", name: "lifestyle and leisure", code: "medtop:10000000" },
    Category { id: "politics", name: "politics", code: "medtop:11000000" },
    Category { id: "religion", name: "religion", code: "medtop:12000000" },
    Category { id: "science", name: "science and technology", code: "medtop:13000000" },
    Category { id: "society", name: "society", code: "medtop:14000000" },
    Category { id: "sport", name: "sport", code: "medtop:15000000" },
    Category { id: "conflict", name: "conflict, war and peace", code: "medtop:16000000" },
    Category { id: "weather", name: "weather", code: "medtop:17000000" },
];

/// The category with this short id.
pub fn by_id(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

/// The index of a category id in [`CATEGORIES`].
pub fn index_of(id: &str) -> Option<usize> {
    CATEGORIES.iter().position(|c| c.id == id)
}

/// The short ids, in taxonomy order.
pub fn ids() -> Vec<String> {
    CATEGORIES.iter().map(|c| c.id.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_short_ascii_and_codes_follow_iptc_order() {
        for (i, c) in CATEGORIES.iter().enumerate() {
            assert!(
                c.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: ids must be lower-case ASCII so that they group cleanly in tables",
                c.id
            );
            assert_eq!(index_of(c.id), Some(i), "{}: duplicate id", c.id);
            let want = format!("medtop:{:02}000000", i + 1);
            assert_eq!(c.code, want, "{}: codes must run 01..17 in IPTC order", c.id);
        }
    }

    #[test]
    fn lookups_by_id() {
        let cases = [("politics", Some("politics")), ("economy", Some("economy, business and finance")), ("x", None)];
        for (id, name) in cases {
            assert_eq!(by_id(id).map(|c| c.name), name, "by_id({id})");
        }
    }
}
