//! Complement naive Bayes weights over the hashed features, to add to a linear model's own.
//!
//! Naive Bayes reads a word's evidence straight from counts: a word seen a few
//! times, and only in one category, gets a strong weight at once, where
//! regression spreads the credit over the words that came with it and keeps
//! little for any one. On short texts (a headline has a dozen features) that is
//! what decides, and it is the case Wang and Manning (2012) found naive Bayes
//! strongest on. Its weights are linear in the same features, so adding them to
//! a [`super::LinearModel`]'s (`w + γ·w_nb`) is an ensemble that costs nothing
//! when scoring: same table, same memory, same speed.
//!
//! The variant is Rennie et al.'s (2003) complement naive Bayes with weight
//! normalisation: a category's weights come from the counts of every *other*
//! category, which are large for all of them, so that a category with a few
//! dozen weakly labelled passages gets weights as steady as one with a thousand
//! articles; and each category's weights are scaled to the same mean magnitude,
//! so that no category is favoured for having more text. Counts are the
//! examples' feature values (IDF-weighted, normalised) times their weights, so
//! the recipe's balancing of categories and corpora carries over.

use super::train::Example;

/// Complement naive Bayes weights for `labels` categories over `2^bits` buckets, bucket-major like
/// [`super::LinearModel`]'s table, with additive smoothing `alpha` per bucket. Each bucket's row is
/// centred (a constant per bucket changes no ranking), and buckets that no example reaches stay zero.
pub(crate) fn complement_weights(examples: &[Example], labels: usize, bits: u32, alpha: f64) -> Vec<f32> {
    let (k, n) = (labels, 1usize << bits);
    let mut counts = vec![0.0f64; n * k];
    let mut used = vec![false; n];
    for e in examples {
        for &(label, share) in &e.target {
            for &(b, v) in &e.x {
                counts[b as usize * k + label] += f64::from(e.weight * share * v);
                used[b as usize] = true;
            }
        }
    }
    let used_buckets: Vec<usize> = (0..n).filter(|&b| used[b]).collect();
    if used_buckets.is_empty() {
        return vec![0.0; n * k];
    }
    let bucket_total: Vec<f64> = (0..n).map(|b| counts[b * k..(b + 1) * k].iter().sum()).collect();
    let mut label_total = vec![0.0f64; k];
    for row in counts.chunks_exact(k) {
        label_total.iter_mut().zip(row).for_each(|(t, c)| *t += c);
    }
    let all: f64 = label_total.iter().sum();
    let smoothing = alpha * used_buckets.len() as f64;
    let mut w = vec![0.0f32; n * k];
    for c in 0..k {
        let denominator = all - label_total[c] + smoothing;
        let mut magnitude = 0.0f64;
        for &b in &used_buckets {
            let complement = (bucket_total[b] - counts[b * k + c]).max(0.0) + alpha;
            let v = -(complement / denominator).ln();
            magnitude += v.abs();
            w[b * k + c] = v as f32;
        }
        let scale = (used_buckets.len() as f64 / magnitude.max(f64::MIN_POSITIVE)) as f32;
        used_buckets.iter().for_each(|&b| w[b * k + c] *= scale);
    }
    for &b in &used_buckets {
        let row = &mut w[b * k..(b + 1) * k];
        let mean = row.iter().sum::<f32>() / k as f32;
        row.iter_mut().for_each(|v| *v -= mean);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weight of `label` for `bucket`.
    fn weight(w: &[f32], k: usize, bucket: usize, label: usize) -> f32 {
        w[bucket * k + label]
    }

    #[test]
    fn a_word_seen_in_one_category_weighs_for_it() {
        // Bucket 1 only in label 0, bucket 2 only in label 1, bucket 0 everywhere.
        let examples = vec![
            Example::new(vec![(0, 0.5), (1, 0.8)], &[0], 1.0),
            Example::new(vec![(0, 0.5), (2, 0.8)], &[1], 1.0),
            Example::new(vec![(0, 0.5), (2, 0.8)], &[1], 1.0),
            Example::new(vec![(0, 0.5), (3, 0.8)], &[2], 1.0),
        ];
        let k = 3;
        let w = complement_weights(&examples, k, 4, 0.1);
        let cases = [(1, 0), (2, 1), (3, 2)];
        for (bucket, label) in cases {
            let own = weight(&w, k, bucket, label);
            for other in (0..k).filter(|&l| l != label) {
                assert!(own > weight(&w, k, bucket, other), "bucket {bucket} should weigh most for label {label}: {w:?}");
            }
        }
        for b in [0usize, 1, 2, 3] {
            let sum: f32 = (0..k).map(|l| weight(&w, k, b, l)).sum();
            assert!(sum.abs() < 1e-5, "bucket {b}'s row is centred, sums to {sum}");
        }
        assert!((4..16).all(|b| (0..k).all(|l| weight(&w, k, b, l) == 0.0)), "unseen buckets stay zero");
    }

    #[test]
    fn a_category_with_little_text_still_owns_its_words() {
        // Label 0 has twenty examples, label 1 a single one: label 1's own word must weigh for it at least as
        // strongly as label 0's words weigh for label 0.
        let mut examples = vec![Example::new(vec![(2, 1.0)], &[1], 1.0)];
        for _ in 0..10 {
            examples.push(Example::new(vec![(0, 1.0)], &[0], 1.0));
            examples.push(Example::new(vec![(1, 1.0)], &[0], 1.0));
        }
        let w = complement_weights(&examples, 2, 4, 0.1);
        let margin = |bucket: usize, label: usize| weight(&w, 2, bucket, label) - weight(&w, 2, bucket, 1 - label);
        assert!(margin(2, 1) > 0.0, "the small label's word weighs for it: {w:?}");
        assert!(margin(2, 1) >= margin(0, 0), "and no less than the big label's words for the big label: {w:?}");
    }

    #[test]
    fn no_examples_give_zero_weights() {
        assert!(complement_weights(&[], 3, 4, 0.1).iter().all(|&v| v == 0.0));
    }
}
