//! Rows grouped by article without holding a table: the runs of rows of one
//! article, and the articles whose rows are not all in one run.
//!
//! Pair counts need, for each article (or sentence), the set of entities in
//! it, without repeats. `analyze` writes all the rows of an article
//! together, in one file, so the rows of a table come in runs, one run per
//! article: a run can be counted as soon as the next one starts, and only
//! one article's rows are held at a time. That is an observation about the
//! files, not a promise, and a dump that repeats an id breaks it (the rows
//! of both copies belong to one article). So runs are checked: an article
//! seen again after its run ended is "apart", the counts of that pass are
//! wrong for it, and the caller counts the pass again holding the rows of
//! the apart articles until the end of the table ([`Runs::finish`]). A
//! second pass finds nothing new, since the files are read in the same
//! order; tables written by other tools in another order cost a second pass
//! and memory for the rows of their apart articles, not a wrong count.

use rustc_hash::{FxHashMap, FxHashSet};

/// Which articles have had their run, and those seen again after it.
pub(crate) struct Together {
    current: Option<u32>,
    ended: Vec<bool>,
    apart: FxHashSet<u32>,
}

impl Together {
    /// For articles numbered below `articles`.
    pub(crate) fn new(articles: usize) -> Together {
        Together { current: None, ended: vec![false; articles], apart: FxHashSet::default() }
    }

    /// Notes a row of article `a`; true when it starts a run.
    pub(crate) fn see(&mut self, a: u32) -> bool {
        if self.current == Some(a) {
            return false;
        }
        if let Some(previous) = self.current.replace(a) {
            self.ended[previous as usize] = true;
        }
        if self.ended[a as usize] {
            self.apart.insert(a);
        }
        true
    }

    /// The articles seen again after their run.
    pub(crate) fn apart(self) -> FxHashSet<u32> {
        self.apart
    }
}

/// Rows of one table grouped by article: each run is handed to a `count`
/// function when it ends, and the rows of `held` articles at the end.
pub(crate) struct Runs<T> {
    together: Together,
    run: Vec<T>,
    held: FxHashMap<u32, Vec<T>>,
}

impl<T> Runs<T> {
    /// For articles numbered below `articles`, holding the rows of `held` ones until the end.
    pub(crate) fn new(articles: usize, held: &FxHashSet<u32>) -> Runs<T> {
        Runs {
            together: Together::new(articles),
            run: Vec::new(),
            held: held.iter().map(|&a| (a, Vec::new())).collect(),
        }
    }

    /// Adds a row of article `a`, counting the previous run if this one starts a new one.
    pub(crate) fn push(&mut self, a: u32, row: T, count: &mut impl FnMut(&mut Vec<T>)) {
        if let Some(rows) = self.held.get_mut(&a) {
            rows.push(row);
            return;
        }
        if self.together.see(a) && !self.run.is_empty() {
            count(&mut self.run);
            self.run.clear();
        }
        self.run.push(row);
    }

    /// Counts the last run and the held articles. Fails with the articles found apart, when there are any:
    /// their rows were counted in pieces, so the pass must be counted again, holding them.
    pub(crate) fn finish(mut self, count: &mut impl FnMut(&mut Vec<T>)) -> Result<(), FxHashSet<u32>> {
        if !self.run.is_empty() {
            count(&mut self.run);
        }
        let apart = self.together.apart();
        if !apart.is_empty() {
            return Err(apart);
        }
        for rows in self.held.values_mut() {
            if !rows.is_empty() {
                count(rows);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the rows `(article, value)` through [`Runs`], as a pass does: again, holding the articles
    /// found apart, until it succeeds. Returns the groups counted, sorted, and the passes it took.
    fn group(rows: &[(u32, u32)], held: &[u32]) -> (Vec<Vec<u32>>, usize) {
        let mut held: FxHashSet<u32> = held.iter().copied().collect();
        for passes in 1..=2 {
            let mut groups = Vec::new();
            let mut count = |run: &mut Vec<u32>| {
                let mut run = run.clone();
                run.sort();
                groups.push(run);
            };
            let mut runs = Runs::new(4, &held);
            for &(a, v) in rows {
                runs.push(a, v, &mut count);
            }
            match runs.finish(&mut count) {
                Ok(()) => {
                    groups.sort();
                    return (groups, passes);
                }
                Err(apart) => held.extend(apart),
            }
        }
        panic!("a second pass must not find articles apart");
    }

    #[test]
    fn each_article_is_counted_once_with_all_its_rows() {
        // (rows as (article, value), held at the start, groups, passes, why)
        type Case = (&'static [(u32, u32)], &'static [u32], &'static [&'static [u32]], usize, &'static str);
        let cases: &[Case] = &[
            (&[(0, 1), (0, 2), (1, 3), (2, 4), (2, 5)], &[], &[&[1, 2], &[3], &[4, 5]], 1, "runs in order"),
            (&[(2, 1), (0, 2), (0, 3)], &[], &[&[1], &[2, 3]], 1, "runs need not be in number order"),
            (&[(0, 1), (1, 2), (0, 3), (1, 4)], &[], &[&[1, 3], &[2, 4]], 2, "articles apart: a second pass"),
            (&[(0, 1), (1, 2), (0, 3)], &[0], &[&[1, 3], &[2]], 1, "held from the start: one pass"),
            (&[], &[], &[], 1, "no rows"),
        ];
        for &(rows, held, want, want_passes, why) in cases {
            let (got, passes) = group(rows, held);
            let want: Vec<Vec<u32>> = want.iter().map(|g| g.to_vec()).collect();
            assert_eq!(got, want, "{why}");
            assert_eq!(passes, want_passes, "passes: {why}");
        }
    }
}
