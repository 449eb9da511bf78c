//! Hashing: 64-bit mixing, string hashes, and maps whose keys are already hashes.
//!
//! The mixers share SplitMix64's output function, a cheap bijection whose every output bit depends on every
//! input bit. Feature keys and gazetteer phrase hashes of the entity tagger are built with [`mix`] and
//! [`hash_str`], and a model file stores those keys: changing either would silently break every shipped
//! model, which is what the pinned values in the tests guard against.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The increment of SplitMix64: 2^64 divided by the golden ratio, odd, so that adding it visits every state.
pub(crate) const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (Stafford's "Mix13" variant of the MurmurHash3 finaliser): a bijection of
/// `u64` with full avalanche.
#[inline]
pub(crate) const fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Mixes two 64-bit values into one; the order matters (`mix(a, b) != mix(b, a)`), so that it can hash
/// sequences by folding.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    finalize(a.rotate_left(23) ^ b.wrapping_mul(GOLDEN_GAMMA))
}

/// Hash of a string (xxh3, 64 bits).
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// A hasher for keys that are already hashes: it passes a `u64` through instead of hashing it again.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by hashes.
pub(crate) type HashMapU64<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mix_is_pinned() {
        // Tagger model files store keys made with `mix`: if one of these changes, every shipped model breaks.
        let cases = [
            ("zeros", 0, 0, 0),
            ("one then two", 1, 2, 0xd5c9_06f8_9e12_00b6),
            ("two then one", 2, 1, 0x20fb_bd47_f65a_6b8e),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(mix(a, b), want, "mix of {name} changed: feature keys of the shipped models would no longer match");
        }
    }

    #[test]
    fn string_hashes_are_xxh3() {
        let cases = [("empty", ""), ("ascii", "paris"), ("non-ascii", "élysée €")];
        for (name, s) in cases {
            assert_eq!(hash_str(s), xxhash_rust::xxh3::xxh3_64(s.as_bytes()), "hash of the {name} string");
        }
    }

    #[test]
    fn hash_keyed_maps_use_the_key_itself() {
        let mut h = IdHasher::default();
        h.write_u64(0xdead_beef);
        assert_eq!(h.finish(), 0xdead_beef, "a key that is a hash is not hashed again");
        let mut m: HashMapU64<&str> = HashMapU64::default();
        m.insert(7, "seven");
        assert_eq!(m.get(&7), Some(&"seven"));
    }
}
