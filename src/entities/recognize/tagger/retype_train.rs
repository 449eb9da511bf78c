//! Training the re-typer ([`super::retype`]) on the tagger's own output.
//!
//! The training file is split into folds by document; each fold is tagged by
//! a two-stage tagger trained on the other folds, with the recipe of the
//! shipped tagger, so that the re-typer learns from the mistakes the tagger
//! makes on text it has not seen, not from its near-perfect output on its
//! own training data. Every entity whose bounds match a gold entity is an
//! example, labelled with the gold type (an entity with wrong bounds is
//! wrong whatever its type, and is left out). A multinomial logistic
//! regression is fitted to them by AdaGrad with an L2 penalty, shuffled by
//! the seed: the same data and seed give the same weights.

use super::decode::{type_index, TaggedSpan, TYPES};
use super::gazetteer::Gazetteer;
use super::retype::{softmax, Article, Retyper, Vectors, N};
use super::train::{train as train_tagger, TrainConfig};
use super::vector_classes::VectorClasses;
use super::word_clusters::Clusters;
use super::Tagger;
use crate::document::Label;
use crate::entities::conll::ConllDocument;
use crate::util::hash::HashMapU64;
use crate::util::rng::SplitMix64;

/// How the re-typer is trained.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetypeConfig {
    /// Folds of the training file (by document; at most one per document), each tagged by a tagger trained
    /// on the others.
    pub folds: usize,
    /// Passes over the examples.
    pub epochs: usize,
    /// AdaGrad's learning rate.
    pub rate: f32,
    /// L2 penalty per update of a weight.
    pub l2: f32,
}

impl Default for RetypeConfig {
    fn default() -> Self {
        RetypeConfig { folds: 5, epochs: 10, rate: 0.05, l2: 1e-4 }
    }
}

/// One entity: its sparse and dense features and its gold type.
struct Example {
    keys: Vec<(u64, f32)>,
    dense: Vec<f32>,
    gold: usize,
}

/// Trains a re-typer for taggers trained on `docs` by `cfg` with these resources. The returned re-typer's
/// `tagger` hash is 0: the caller sets it to the hash of the tagger file it goes with.
pub(crate) fn train(
    docs: &[ConllDocument],
    resources: &(Gazetteer, Clusters, VectorClasses),
    vectors: Vectors,
    cfg: &TrainConfig,
    rcfg: &RetypeConfig,
    log: &mut dyn FnMut(String),
) -> Retyper {
    let t0 = std::time::Instant::now();
    let folds = rcfg.folds.clamp(2, docs.len().max(2));
    let mut examples = Vec::new();
    let (mut tagged, mut retyped_wrong) = (0usize, 0usize);
    for fold in 0..folds {
        let rest: Vec<ConllDocument> = docs.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, d)| d.clone()).collect();
        if rest.is_empty() {
            continue;
        }
        let tagger = Tagger::new(train_tagger(&rest, resources.clone(), cfg, &mut |_| {}));
        for doc in docs.iter().skip(fold).step_by(folds) {
            let tokens: Vec<Vec<&str>> = doc.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
            let sentences: Vec<&[&str]> = tokens.iter().map(Vec::as_slice).collect();
            let (found, lowers) = tagger.tag_stages(&sentences);
            let article = Article::new(&sentences, &lowers, &found);
            for (s, spans) in found.iter().enumerate() {
                for sp in spans {
                    tagged += 1;
                    let Some(gold) = gold_type(doc, s, sp) else { continue };
                    retyped_wrong += usize::from(TYPES[gold] != sp.label);
                    let (mut keys, mut dense) = (Vec::new(), Vec::new());
                    article.features(s, sp, tagger.model(), &vectors, &mut keys, &mut dense);
                    examples.push(Example { keys, dense, gold });
                }
            }
        }
        log(format!("re-typer: fold {} of {folds} tagged ({:.1}s)", fold + 1, t0.elapsed().as_secs_f64()));
    }
    log(format!(
        "re-typer: {} examples of {tagged} entities found (bounds right); {retyped_wrong} with the wrong type",
        examples.len()
    ));
    let retyper = fit(&examples, vectors, cfg.seed, rcfg);
    log(format!("re-typer trained: {} sparse features ({:.1}s)", retyper.sparse.len(), t0.elapsed().as_secs_f64()));
    retyper
}

/// The gold type of an entity whose bounds match a gold entity's.
fn gold_type(doc: &ConllDocument, s: usize, sp: &TaggedSpan) -> Option<usize> {
    let g = doc.sentences[s].spans.iter().find(|g| g.tokens == sp.tokens)?;
    Label::parse(&g.label).and_then(type_index)
}

/// Multinomial logistic regression by AdaGrad.
fn fit(examples: &[Example], vectors: Vectors, seed: u64, cfg: &RetypeConfig) -> Retyper {
    let mut ids: HashMapU64<u32> = HashMapU64::default();
    let mut keys = Vec::new();
    let indexed: Vec<Vec<(u32, f32)>> = examples
        .iter()
        .map(|e| {
            e.keys
                .iter()
                .map(|&(k, v)| {
                    let id = *ids.entry(k).or_insert_with(|| {
                        keys.push(k);
                        keys.len() as u32 - 1
                    });
                    (id, v)
                })
                .collect()
        })
        .collect();
    let dense_len = examples.first().map_or(0, |e| e.dense.len());
    let (mut w, mut gw) = (vec![[0f32; N]; keys.len()], vec![[0f32; N]; keys.len()]);
    let (mut dw, mut gdw) = (vec![0f32; dense_len * N], vec![0f32; dense_len * N]);
    let (mut bias, mut gbias) = ([0f32; N], [0f32; N]);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64::salted(seed ^ 0x7265_7479_7065);
    let step = |w: &mut f32, g2: &mut f32, grad: f32| {
        let grad = grad + cfg.l2 * *w;
        *g2 += grad * grad;
        *w -= cfg.rate * grad / (g2.sqrt() + 1e-8);
    };
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let (e, feats) = (&examples[i], &indexed[i]);
            let mut s = bias;
            for &(f, v) in feats {
                for (o, x) in s.iter_mut().zip(&w[f as usize]) {
                    *o += x * v;
                }
            }
            for (x, row) in e.dense.iter().zip(dw.chunks_exact(N)) {
                for (o, y) in s.iter_mut().zip(row) {
                    *o += x * y;
                }
            }
            let mut g = softmax(s);
            g[e.gold] -= 1.0;
            for c in 0..N {
                step(&mut bias[c], &mut gbias[c], g[c]);
            }
            for &(f, v) in feats {
                for c in 0..N {
                    step(&mut w[f as usize][c], &mut gw[f as usize][c], g[c] * v);
                }
            }
            for (j, &x) in e.dense.iter().enumerate().filter(|(_, x)| **x != 0.0) {
                for c in 0..N {
                    step(&mut dw[j * N + c], &mut gdw[j * N + c], g[c] * x);
                }
            }
        }
    }
    let sparse = keys.into_iter().zip(w).filter(|(_, w)| w.iter().any(|x| x.abs() > 1e-4)).collect();
    Retyper { tagger: 0, vectors, bias, dense: dw, sparse }
}
