//! Numbers for strings that repeat on many rows (article ids, entity ids,
//! topics, periods), so that the aggregates are keyed by small integers and
//! each distinct string is stored once, however many rows name it.

use std::sync::Arc;

use rustc_hash::FxHashMap;

/// Distinct strings, numbered 0, 1, 2, … in the order first seen.
#[derive(Default)]
pub(crate) struct Interner {
    // One allocation per string, shared by the map and the list.
    numbers: FxHashMap<Arc<str>, u32>,
    strings: Vec<Arc<str>>,
}

impl Interner {
    /// The number of `s`, if it was seen.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.numbers.get(s).copied()
    }

    /// The number of `s`, given a new one if it is new; and whether it is.
    pub(crate) fn insert(&mut self, s: &str) -> (u32, bool) {
        if let Some(&n) = self.numbers.get(s) {
            return (n, false);
        }
        // Numbers are u32 to halve the pair keys; 2^32 distinct ids would not fit in memory anyway.
        let n = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct strings");
        let s: Arc<str> = s.into();
        self.numbers.insert(s.clone(), n);
        self.strings.push(s);
        (n, true)
    }

    /// The string numbered `n`.
    pub(crate) fn name(&self, n: u32) -> &Arc<str> {
        &self.strings[n as usize]
    }

    /// How many strings were seen.
    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}
