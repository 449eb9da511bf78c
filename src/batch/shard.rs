//! Shards: which records of a dump one of N independent runs processes.
//!
//! Membership is a fixed hash of the article id, not a position in the input,
//! so that N machines reading the same dump in any order split it the same
//! way and together cover every record exactly once.

use crate::error::{Error, Result};

/// One shard of a dump: the records whose article id hashes to it.
///
/// The hash is XXH3-64 of the article id's UTF-8 bytes, a fixed algorithm, so
/// that shard membership is the same on every machine and in every version:
/// record `r` is in shard `K` of `N` when `xxh3_64(r.article_id) % N == K - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(s: &str) -> Result<Shard> {
        let bad = || Error::config("--shard", format!("`{s}`: expected K/N with 1 <= K <= N, such as 2/8"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u32, u32) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether the record with this article id belongs to the shard.
    pub fn contains(&self, article_id: &str) -> bool {
        xxhash_rust::xxh3::xxh3_64(article_id.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_parsed_and_validated() {
        assert_eq!(Shard::parse("2/8").unwrap(), Shard { index: 2, count: 8 });
        for bad in ["0/4", "5/4", "4", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn every_id_falls_in_exactly_one_shard() {
        for id in ["reuters-1", "bbc-sport-001", "", "é🎉"] {
            let n = (1..=5).filter(|k| Shard { index: *k, count: 5 }.contains(id)).count();
            assert_eq!(n, 1, "{id:?}");
        }
    }
}
