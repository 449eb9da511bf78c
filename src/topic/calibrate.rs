//! Length-aware calibration of topic scores: temperature scaling by text length.
//!
//! A softmax over hashed words is over-confident on long articles (hundreds of
//! features agree) and says little on a headline (a handful of features), so
//! one score means different things at different lengths. Each length bucket
//! (counted in non-zero features, which is free at scoring time) gets its own
//! temperature `T`: the logits are divided by `T` before the softmax. The top
//! topic never changes; the scores become probabilities that a held-out item's
//! top topic is right, whatever its length. Temperatures are fitted on the
//! held-out folds of a cross-validation ([`fit`]), never on the training text
//! itself, where a model is always sure of itself.

use super::linear::softmax;

/// Upper bounds (inclusive) of the length buckets, in non-zero features; the last bucket is open.
/// A headline has about ten features, a headline and first sentence about forty, an article hundreds.
pub const BUCKET_EDGES: [usize; 3] = [16, 48, 160];

/// The same buckets for a model with word clusters ([`super::clusters`]): each content word also gives its
/// cluster's feature (shared once words share a cluster), so the same texts have about 1.5 times the features.
pub const CLUSTER_BUCKET_EDGES: [usize; 3] = [24, 72, 240];

/// The temperatures tried when fitting, from sharpening (0.25) to flattening (4), in steps of 2^(1/8).
const GRID_STEPS: i32 = 16;

/// The length bucket of a vector with `features` non-zero features, for bucket upper bounds `edges`.
pub(crate) fn bucket_of(features: usize, edges: &[usize]) -> usize {
    edges.iter().position(|&e| features <= e).unwrap_or(edges.len())
}

/// One held-out prediction: its logits, the gold label's index and its number of non-zero features.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Raw scores, one per label.
    pub logits: Vec<f32>,
    /// Index of the gold label.
    pub gold: usize,
    /// Non-zero features of the scored text.
    pub features: usize,
}

/// What calibration did to one length bucket, for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketFit {
    /// Largest feature count of the bucket (`None`: open-ended).
    pub max_features: Option<usize>,
    /// Held-out predictions in the bucket.
    pub count: usize,
    /// Share of them whose top label is the gold one.
    pub accuracy: f64,
    /// The fitted temperature.
    pub temperature: f32,
    /// Mean top score before calibration.
    pub confidence_before: f64,
    /// Mean top score after.
    pub confidence_after: f64,
}

/// Fits one temperature per length bucket by minimising the held-out negative log-likelihood over a fixed
/// grid (deterministic, no learning rate to tune). A bucket without samples keeps `T = 1`. `edges` are the
/// buckets' upper bounds ([`BUCKET_EDGES`] or [`CLUSTER_BUCKET_EDGES`]); the last bucket is open.
pub fn fit(samples: &[Sample], edges: &[usize]) -> Vec<BucketFit> {
    (0..=edges.len())
        .map(|b| {
            let in_bucket: Vec<&Sample> = samples.iter().filter(|s| bucket_of(s.features, edges) == b).collect();
            let temperature = if in_bucket.is_empty() {
                1.0
            } else {
                (-GRID_STEPS..=GRID_STEPS)
                    .map(|i| 2f32.powf(i as f32 / 8.0))
                    .map(|t| (t, nll(&in_bucket, t)))
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map_or(1.0, |(t, _)| t)
            };
            let n = in_bucket.len().max(1) as f64;
            let right = in_bucket.iter().filter(|s| argmax(&s.logits) == s.gold).count();
            BucketFit {
                max_features: edges.get(b).copied(),
                count: in_bucket.len(),
                accuracy: right as f64 / n,
                temperature,
                confidence_before: in_bucket.iter().map(|s| top_probability(&s.logits, 1.0) as f64).sum::<f64>() / n,
                confidence_after: in_bucket.iter().map(|s| top_probability(&s.logits, temperature) as f64).sum::<f64>()
                    / n,
            }
        })
        .collect()
}

/// Mean negative log-likelihood of the gold labels at temperature `t`.
fn nll(samples: &[&Sample], t: f32) -> f64 {
    let mut z = Vec::new();
    let total: f64 = samples
        .iter()
        .map(|s| {
            z.clear();
            z.extend(s.logits.iter().map(|v| v / t));
            softmax(&mut z);
            -(z[s.gold].max(1e-12) as f64).ln()
        })
        .sum();
    total / samples.len().max(1) as f64
}

fn top_probability(logits: &[f32], t: f32) -> f32 {
    let mut z: Vec<f32> = logits.iter().map(|v| v / t).collect();
    softmax(&mut z);
    z.into_iter().fold(0.0, f32::max)
}

fn argmax(v: &[f32]) -> usize {
    v.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(logits: &[f32], gold: usize, features: usize) -> Sample {
        Sample { logits: logits.to_vec(), gold, features }
    }

    #[test]
    fn buckets_follow_the_edges() {
        let cases = [(0, 0), (16, 0), (17, 1), (48, 1), (160, 2), (161, 3), (10_000, 3)];
        for (features, want) in cases {
            assert_eq!(bucket_of(features, &BUCKET_EDGES), want, "{features} features");
        }
    }

    #[test]
    fn over_confident_buckets_are_flattened_and_timid_ones_sharpened() {
        // Long texts: very large margins but one in four wrong → T > 1.
        let mut samples: Vec<Sample> = (0..40).map(|i| sample(&[8.0, 0.0], usize::from(i % 4 == 0), 500)).collect();
        // Short texts: small margins, always right → T < 1.
        samples.extend((0..40).map(|_| sample(&[0.5, 0.0], 0, 5)));
        let fits = fit(&samples, &BUCKET_EDGES);
        assert_eq!(fits.len(), BUCKET_EDGES.len() + 1);
        let (short, long) = (&fits[0], &fits[3]);
        assert!(long.temperature > 1.0 && long.confidence_after < long.confidence_before, "{long:?}");
        assert!(short.temperature < 1.0 && short.confidence_after > short.confidence_before, "{short:?}");
        assert!((long.accuracy - 0.75).abs() < 1e-9 && short.accuracy == 1.0);
        assert_eq!(fits[1].temperature, 1.0, "an empty bucket keeps T = 1");
    }

    proptest::proptest! {
        #[test]
        fn fitting_never_panics_and_stays_on_the_grid(
            rows in proptest::collection::vec(
                (proptest::collection::vec(-50f32..50.0, 3), 0usize..3, 0usize..400),
                0..30,
            )
        ) {
            let samples: Vec<Sample> =
                rows.into_iter().map(|(logits, gold, features)| Sample { logits, gold, features }).collect();
            for b in fit(&samples, &BUCKET_EDGES) {
                proptest::prop_assert!((0.25..=4.0).contains(&b.temperature));
                proptest::prop_assert!(b.confidence_after.is_finite() && b.accuracy <= 1.0);
            }
        }
    }
}
