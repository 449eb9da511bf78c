//! Training: an averaged structured perceptron over BILOU tags, and a
//! second stage trained on jackknifed first-stage output.
//!
//! The perceptron decodes each training sentence with Viterbi and moves the
//! weights of the features on the gold path up and those on the predicted
//! path down; the model keeps the average of the weights over all steps
//! (computed lazily), which generalises far better than the last ones.
//! Weights are integers during training, so the result is exact and
//! identical for a given seed on any machine.
//!
//! The second stage sees, for each word, the labels the first stage gave
//! that word across the article. Trained on the first stage's output over
//! its own training data, it would learn to trust labels that are right
//! only because the first stage memorised them, so the training articles
//! are split into folds and each fold is labelled by a first stage trained
//! on the other folds (jackknifing), as at test time.

use std::ops::Range;

use super::vector_classes::VectorClasses;
use super::word_clusters::Clusters;
use super::decode::{tags_from_spans, type_index, Viterbi, N_TAGS};
use super::features::{vote_keys, DocContext, Extractor, FeatureSet};
use super::forms::{caps, lower_hash};
use super::gazetteer::Gazetteer;
use super::model::{Model, Settings, Weights};
use crate::document::Label;
use crate::entities::conll::ConllDocument;
use crate::util::hash::HashMapU64;
use crate::util::rng::SplitMix64;

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffles and the folds.
    pub seed: u64,
    /// Feature families.
    pub features: FeatureSet,
    /// Folds for the jackknifed second stage.
    pub folds: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, seed: 1, features: FeatureSet::default(), folds: 5, min_count: 1 }
    }
}

/// Training sentences as token views and gold BILOU tags, per document.
struct Corpus<'a> {
    docs: Vec<Vec<Vec<&'a str>>>,
    gold: Vec<Vec<Vec<u8>>>,
}

impl<'a> Corpus<'a> {
    fn new(docs: &'a [ConllDocument]) -> (Corpus<'a>, usize) {
        let mut skipped = 0;
        let mut c = Corpus { docs: Vec::new(), gold: Vec::new() };
        for d in docs {
            let mut toks = Vec::new();
            let mut gold = Vec::new();
            for s in &d.sentences {
                let spans: Vec<(Range<usize>, usize)> = s
                    .spans
                    .iter()
                    .filter_map(|sp| {
                        let ty = Label::parse(&sp.label).and_then(type_index);
                        if ty.is_none() {
                            skipped += 1;
                        }
                        Some((sp.tokens.clone(), ty?))
                    })
                    .collect();
                toks.push(s.tokens.iter().map(String::as_str).collect());
                gold.push(tags_from_spans(s.tokens.len(), &spans));
            }
            c.docs.push(toks);
            c.gold.push(gold);
        }
        (c, skipped)
    }
}

/// Features of a corpus as interned ids, flat.
#[derive(Default)]
struct Data {
    ids: Vec<u32>,
    /// Per token, the start of its ids; plus the end.
    tok_off: Vec<usize>,
    /// Per sentence, its token range.
    sents: Vec<Range<usize>>,
    /// Per document, its sentence range.
    docs: Vec<Range<usize>>,
    gold: Vec<u8>,
    /// Id → feature key.
    keys: Vec<u64>,
}

/// Extracts the features of every token of a corpus; `votes` gives each
/// document's second-stage context (the first stage's labels).
fn extract(corpus: &Corpus<'_>, ext: &mut Extractor<'_>, votes: Option<&[DocContext]>, min_count: u32) -> Data {
    let mut all_keys: Vec<u64> = Vec::new();
    let mut d = Data { tok_off: vec![0], ..Data::default() };
    let (mut keys, mut offsets, mut words) = (Vec::new(), Vec::new(), Vec::new());
    for (di, doc) in corpus.docs.iter().enumerate() {
        let first_sentence = d.sents.len();
        for (si, s) in doc.iter().enumerate() {
            let start = d.tok_off.len() - 1;
            ext.sentence(s, &mut keys, &mut offsets);
            let (lowers, caps) = ext.words();
            let caps: Vec<u8> = caps.collect();
            if let Some(v) = votes {
                v[di].words_of(lowers, &mut words);
            }
            for (i, w) in offsets.windows(2).enumerate() {
                all_keys.extend_from_slice(&keys[w[0]..w[1]]);
                if votes.is_some() {
                    vote_keys(&words, &caps, i, &mut all_keys);
                }
                d.tok_off.push(all_keys.len());
            }
            d.gold.extend_from_slice(&corpus.gold[di][si]);
            d.sents.push(start..start + s.len());
        }
        d.docs.push(first_sentence..d.sents.len());
    }
    // Intern: count, keep the frequent keys (in first-seen order, for determinism), map to ids.
    let mut counts: HashMapU64<u32> = HashMapU64::default();
    for &k in &all_keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut id_of: HashMapU64<u32> = HashMapU64::default();
    let mut out_off = vec![0usize];
    for t in 0..d.tok_off.len() - 1 {
        for &k in &all_keys[d.tok_off[t]..d.tok_off[t + 1]] {
            if counts[&k] < min_count {
                continue;
            }
            let next = d.keys.len() as u32;
            let id = *id_of.entry(k).or_insert_with(|| {
                d.keys.push(k);
                next
            });
            d.ids.push(id);
        }
        out_off.push(d.ids.len());
    }
    d.tok_off = out_off;
    d
}

/// Perceptron state: integer weights and their running sums for averaging.
struct Perceptron {
    w: Vec<i32>,
    sum: Vec<i64>,
    trans: Vec<i32>,
    trans_sum: Vec<i64>,
    step: i64,
}

impl Perceptron {
    fn new(n_feats: usize) -> Perceptron {
        Perceptron {
            w: vec![0; n_feats * N_TAGS],
            sum: vec![0; n_feats * N_TAGS],
            trans: vec![0; N_TAGS * N_TAGS],
            trans_sum: vec![0; N_TAGS * N_TAGS],
            step: 1,
        }
    }

    fn emissions(&self, d: &Data, sent: &Range<usize>, out: &mut Vec<f32>) {
        out.clear();
        out.resize(sent.len() * N_TAGS, 0.0);
        for (j, t) in sent.clone().enumerate() {
            let mut acc = [0i32; N_TAGS];
            for &f in &d.ids[d.tok_off[t]..d.tok_off[t + 1]] {
                let row = &self.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                for (a, w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
            for (o, a) in out[j * N_TAGS..(j + 1) * N_TAGS].iter_mut().zip(acc) {
                *o = a as f32;
            }
        }
    }

    fn bump(&mut self, f: usize, tag: usize, by: i32) {
        self.w[f * N_TAGS + tag] += by;
        self.sum[f * N_TAGS + tag] += self.step * i64::from(by);
    }

    fn bump_trans(&mut self, prev: usize, cur: usize, by: i32) {
        self.trans[prev * N_TAGS + cur] += by;
        self.trans_sum[prev * N_TAGS + cur] += self.step * i64::from(by);
    }

    fn train(&mut self, d: &Data, sents: &[usize], epochs: usize, rng: &mut SplitMix64) {
        let mut order = sents.to_vec();
        let (mut em, mut trans_f, mut pred, mut vit) = (Vec::new(), vec![0f32; N_TAGS * N_TAGS], Vec::new(), Viterbi::default());
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sent = &d.sents[s];
                self.emissions(d, sent, &mut em);
                for (f, &t) in trans_f.iter_mut().zip(&self.trans) {
                    *f = t as f32;
                }
                vit.decode(&em, &trans_f, &mut pred, None);
                let gold = &d.gold[sent.clone()];
                if gold != pred.as_slice() {
                    for (j, t) in sent.clone().enumerate() {
                        let (g, p) = (gold[j] as usize, pred[j] as usize);
                        if g != p {
                            for k in d.tok_off[t]..d.tok_off[t + 1] {
                                let f = d.ids[k] as usize;
                                self.bump(f, g, 1);
                                self.bump(f, p, -1);
                            }
                        }
                        if j > 0 {
                            let (gp, pp) = (gold[j - 1] as usize, pred[j - 1] as usize);
                            if (gp, g) != (pp, p) {
                                self.bump_trans(gp, g, 1);
                                self.bump_trans(pp, p, -1);
                            }
                        }
                    }
                }
                self.step += 1;
            }
        }
    }

    /// The averaged weights: w − Σ(step·Δ)/steps.
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let avg = |w: &[i32], s: &[i64]| -> Vec<f32> {
            w.iter().zip(s).map(|(&w, &s)| (w as f64 - s as f64 / self.step as f64) as f32).collect()
        };
        (avg(&self.w, &self.sum), avg(&self.trans, &self.trans_sum))
    }
}

/// Decodes sentences with dense weights by feature id.
fn decode_ids(d: &Data, rows: &[f32], trans: &[f32], sent: &Range<usize>, vit: &mut Viterbi, em: &mut Vec<f32>, out: &mut Vec<u8>) {
    em.clear();
    em.resize(sent.len() * N_TAGS, 0.0);
    for (j, t) in sent.clone().enumerate() {
        let e = &mut em[j * N_TAGS..(j + 1) * N_TAGS];
        for &f in &d.ids[d.tok_off[t]..d.tok_off[t + 1]] {
            for (o, w) in e.iter_mut().zip(&rows[f as usize * N_TAGS..(f as usize + 1) * N_TAGS]) {
                *o += w;
            }
        }
    }
    vit.decode(em, trans, out, None);
}

/// Trains a model on CoNLL documents. `log` receives progress lines.
pub(crate) fn train(
    docs: &[ConllDocument],
    (gazetteer, clusters, vectors): (Gazetteer, Clusters, VectorClasses),
    cfg: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Model {
    let set = cfg.features;
    let (corpus, skipped) = Corpus::new(docs);
    if skipped > 0 {
        log(format!("{skipped} gold entities have a type other than PER, LOC, ORG or MISC and count as O"));
    }
    let (gazetteer, clusters, vectors) = (
        if set.gazetteer { gazetteer } else { Gazetteer::default() },
        if set.clusters { clusters } else { Clusters::default() },
        if set.vectors { vectors } else { VectorClasses::default() },
    );
    let mut ext = Extractor::new(set, &gazetteer, &clusters, &vectors);
    let t0 = std::time::Instant::now();
    let data = extract(&corpus, &mut ext, None, cfg.min_count);
    log(format!(
        "stage 1: {} documents, {} sentences, {} tokens, {} features ({:.1}s)",
        data.docs.len(),
        data.sents.len(),
        data.gold.len(),
        data.keys.len(),
        t0.elapsed().as_secs_f64()
    ));
    let all: Vec<usize> = (0..data.sents.len()).collect();
    let mut rng = SplitMix64::salted(cfg.seed);
    let mut p = Perceptron::new(data.keys.len());
    p.train(&data, &all, cfg.epochs, &mut rng);
    let (rows, trans) = p.averaged();
    drop(p);
    let stage1 = Weights::new(data.keys.clone(), rows, trans);
    log(format!("stage 1 trained: {} weight rows ({:.1}s)", stage1.len(), t0.elapsed().as_secs_f64()));

    let stage2 = (set.two_stage && cfg.folds >= 2).then(|| {
        // Jackknife: label each fold with a first stage trained on the others.
        let mut doc_order: Vec<usize> = (0..data.docs.len()).collect();
        rng.shuffle(&mut doc_order);
        let mut fold_of = vec![0; data.docs.len()];
        for (i, &d) in doc_order.iter().enumerate() {
            fold_of[d] = i % cfg.folds;
        }
        let mut ctxs: Vec<DocContext> = vec![DocContext::default(); corpus.docs.len()];
        let (mut vit, mut em, mut tags) = (Viterbi::default(), Vec::new(), Vec::new());
        for fold in 0..cfg.folds {
            let train_sents: Vec<usize> = (0..data.docs.len())
                .filter(|&d| fold_of[d] != fold)
                .flat_map(|d| data.docs[d].clone())
                .collect();
            let mut p = Perceptron::new(data.keys.len());
            p.train(&data, &train_sents, cfg.epochs, &mut rng);
            let (rows, trans) = p.averaged();
            drop(p);
            for d in (0..data.docs.len()).filter(|&d| fold_of[d] == fold) {
                for (si, s) in data.docs[d].clone().enumerate() {
                    decode_ids(&data, &rows, &trans, &data.sents[s], &mut vit, &mut em, &mut tags);
                    let words = &corpus.docs[d][si];
                    let lowers: Vec<u64> = words.iter().map(|t| lower_hash(t)).collect();
                    let caps: Vec<u8> = words.iter().map(|t| caps(t) as u8).collect();
                    ctxs[d].add_votes(&lowers, &caps, &tags);
                    if set.doc_cues {
                        ctxs[d].add_cues(&lowers, &caps);
                    }
                }
            }
            log(format!("stage 2: fold {} of {} labelled ({:.1}s)", fold + 1, cfg.folds, t0.elapsed().as_secs_f64()));
        }
        let data2 = extract(&corpus, &mut ext, Some(&ctxs), cfg.min_count);
        let mut p = Perceptron::new(data2.keys.len());
        p.train(&data2, &all, cfg.epochs, &mut rng);
        let (rows, trans) = p.averaged();
        let w = Weights::new(data2.keys.clone(), rows, trans);
        log(format!("stage 2 trained: {} weight rows ({:.1}s)", w.len(), t0.elapsed().as_secs_f64()));
        w
    });

    let mut trained = serde_json::Map::new();
    trained.insert("epochs".into(), cfg.epochs.into());
    trained.insert("seed".into(), cfg.seed.into());
    trained.insert("folds".into(), cfg.folds.into());
    trained.insert("min_count".into(), cfg.min_count.into());
    trained.insert("documents".into(), data.docs.len().into());
    trained.insert("tokens".into(), data.gold.len().into());
    Model::new(Settings { features: set, trained }, (gazetteer, clusters, vectors), stage1, stage2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::conll::parse;

    const TOY: &str = "-DOCSTART- O\n\nMark B-PER\nCarney I-PER\nvisited O\nParis B-LOC\n.\tO\n\n\
                       Rutte B-PER\nleft O\nBerlin B-LOC\n. O\n\n\
                       -DOCSTART- O\n\nNATO B-ORG\nmet O\nin O\nParis B-LOC\n. O\n";

    #[test]
    fn training_is_deterministic_for_a_seed() {
        let docs = parse(TOY).unwrap();
        let cfg = TrainConfig { epochs: 3, folds: 2, ..TrainConfig::default() };
        let a = train(&docs, Default::default(), &cfg, &mut |_| {}).to_bytes().unwrap();
        let b = train(&docs, Default::default(), &cfg, &mut |_| {}).to_bytes().unwrap();
        assert!(a == b, "two runs with the same seed must write the same model");
    }
}
