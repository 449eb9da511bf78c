//! The built-in model's training recipe, and its cross-validation.
//!
//! Inputs (all under the shared data folder, never shipped):
//! - `topics/bbc-train.jsonl`: BBC News, labels mapped by [`BBC_MAP`];
//! - `topics/reuters21578-modapte-train.jsonl`: Reuters-21578, every topic code
//!   is economic (`earn`, `acq`, commodities, currencies), so a labelled article
//!   is `economy`, and `labour` too when it carries `jobs`;
//! - `raw_news_text/abc_australia_2006` (rural and science stories),
//!   `raw_news_text/brown_press` (1961 US press: news, editorials, reviews) and
//!   the text of `ner/conll2003` train and validation (Reuters 1996: much sport,
//!   conflict, crime and politics), which have no topic labels.
//!
//! Steps:
//! 1. Gold examples: BBC and Reuters articles with their mapped labels (BBC
//!    articles at [`GOLD_WEIGHT`]; Reuters together at [`REUTERS_TOTAL_WEIGHT`]
//!    articles' worth: 8,000 wire stories, all labelled economy, otherwise teach
//!    that wire style itself (`official`, `meeting`, `countries`) is economy,
//!    and a diplomatic story from an agency comes out as economy), and the
//!    passages of those articles that the seed terms leave unlabelled, with
//!    their article's label at a quarter of the article's weight
//!    ([`PASSAGE_GOLD_WEIGHT`] for BBC; so that a short text in BBC style is
//!    still recognised). Labels whose
//!    gold weight is above the mean are scaled down to it.
//! 2. Units of unlabelled text: whole stories (ABC, Reuters articles without
//!    topics) and passages of about [`PASSAGE_WORDS`] words cut from every
//!    corpus. [`crate::topic::weak`] gives the clear ones a weak label; a passage of a
//!    labelled article keeps its article's label too (a BBC politics passage on
//!    a school budget is education and politics).
//! 3. Each seed term as a tiny document of its category, so that words too
//!    rare to appear in the corpora still have a weight.
//! 4. Train a first model on 1-3, score the units that stayed unlabelled, and
//!    keep the confident ones ([`SELF_MIN_PROBABILITY`]) as self-training
//!    examples; train the final model on everything.
//! 5. Add to its weights the complement naive Bayes weights of the same
//!    examples ([`crate::topic::bayes`]), at [`NB_WEIGHT`]: counted evidence
//!    that a headline's few words can lean on, at no cost when scoring.
//!
//! The weak examples (2-4) are balanced so that every category's weigh the
//! same in total: the corpora are lopsided (ABC has a thousand science
//! passages and ten human-interest ones), and without balancing a short text
//! about a birthday is pulled towards the big categories. The gold examples
//! are not balanced up, only down, so that the 42 Reuters `jobs` articles do
//! not weigh like the BBC's 400 sport stories.
//!
//! Cross-validation ([`cross_validate`]) holds each fold's BBC and Reuters
//! articles out of the whole recipe: not only their labels but their passages,
//! so that no text of a test article reaches training in any form. It also
//! scores the held-out BBC articles as teasers (the headline alone, the first
//! sentence alone, the two together), since short items are where a
//! bag-of-words model is weakest.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::ingest::IngestOptions;

use crate::eval::topic::{Evaluation, LabelMap};
use crate::topic::bayes;
use crate::topic::clusters::WordClusters;
use crate::topic::calibrate::{self, BucketFit, Sample};
use crate::topic::features::{self, SparseVec};
use crate::topic::linear::{LinearModel, Temperature};
use crate::topic::taxonomy;
use crate::topic::train::{fit, fold_of, read_labelled, Example, LabelledText, TrainOptions};
use crate::topic::weak::SeedLexicon;

/// BBC News labels → taxonomy ids.
pub(crate) const BBC_MAP: [(&str, &str); 5] = [
    ("business", "economy"),
    ("entertainment", "arts"),
    ("politics", "politics"),
    ("sport", "sport"),
    ("tech", "science"),
];

/// The Reuters topics whose articles must come out as `economy` (acceptance check).
pub const REUTERS_ECONOMY_TOPICS: [&str; 5] = ["earn", "acq", "money-fx", "trade", "interest"];

/// Weight of a BBC article.
pub(crate) const GOLD_WEIGHT: f32 = 2.0;
/// Total weight of all Reuters articles together, in articles.
pub(crate) const REUTERS_TOTAL_WEIGHT: f32 = 100.0;
/// Weight of a passage of a labelled article that gets its article's label.
pub(crate) const PASSAGE_GOLD_WEIGHT: f32 = 0.5;
/// Weight of a weakly labelled unit.
pub(crate) const WEAK_WEIGHT: f32 = 0.5;
/// Weakly labelled units of a category from one corpus count at most this many units' worth together.
pub(crate) const WEAK_CAP: f32 = 100.0;
/// Self-trained units of a category from one corpus count at most this many units' worth together.
pub(crate) const SELF_CAP: f32 = 75.0;
/// Weight of a seed-term pseudo-document.
pub(crate) const SEED_DOC_WEIGHT: f32 = 0.3;
/// Weight of a self-trained unit.
pub(crate) const SELF_WEIGHT: f32 = 0.3;
/// Minimum probability for a unit to become a self-training example.
pub(crate) const SELF_MIN_PROBABILITY: f32 = 0.8;
/// How much the complement naive Bayes weights ([`crate::topic::bayes`]) count when added to the regression's.
/// Chosen on the cross-validation (BBC articles and teasers rise up to about 20) and the dev teasers (flat to
/// 10-12, falling above); see models/topic/README.md.
pub(crate) const NB_WEIGHT: f32 = 10.0;
/// Additive smoothing of the naive Bayes counts, per bucket.
pub(crate) const NB_SMOOTHING: f64 = 0.1;
/// Passages are cut at paragraph ends once they reach this many words.
pub(crate) const PASSAGE_WORDS: usize = 60;

/// The learner settings of the built-in model: the defaults, but biases kept
/// at zero, so that the share of each category in our corpora (a third of the
/// text is economy) does not become a prior for the user's news.
pub(crate) fn train_options() -> TrainOptions {
    TrainOptions { bias_rate: 0.0, ..TrainOptions::default() }
}

/// Where a unit of text comes from; BBC and Reuters units carry their article's id, for holding out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Corpus {
    /// BBC News.
    Bbc,
    /// Reuters-21578.
    Reuters,
    /// ABC Australia 2006.
    Abc,
    /// Brown corpus, press sections.
    Brown,
}

/// One unit of training text, featurised.
#[derive(Debug, Clone)]
struct Unit {
    corpus: Corpus,
    /// The article it belongs to (for holding out a fold).
    owner: String,
    x: SparseVec,
    /// Gold labels (labelled articles only).
    gold: Vec<usize>,
    /// Weight of a gold example.
    gold_weight: f32,
    /// Weak label from the seed terms.
    seed: Option<usize>,
    /// For a passage of a labelled article: the article's labels.
    inherited: Vec<usize>,
}

/// The corpora, read, cut into units and featurised once for all folds.
pub struct Prepared {
    units: Vec<Unit>,
    seed_docs: Vec<Example>,
    bbc: Vec<LabelledText>,
    reuters: Vec<LabelledText>,
    bits: u32,
    clusters: Option<Arc<WordClusters>>,
}

/// Counts per category of each kind of training signal, for `models/README.md`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SignalCounts {
    /// Category id → gold-labelled articles.
    pub gold: std::collections::BTreeMap<String, usize>,
    /// Category id → weakly labelled units, by corpus.
    pub weak: std::collections::BTreeMap<String, std::collections::BTreeMap<String, usize>>,
    /// Category id → seed terms.
    pub seeds: std::collections::BTreeMap<String, usize>,
    /// Category id → self-trained units.
    pub self_trained: std::collections::BTreeMap<String, usize>,
}

impl Prepared {
    /// Reads and prepares the corpora under the shared data folder; `clusters` adds word-cluster features
    /// (the built-in model's are in `models/topic/`, see [`crate::topic::clusters`]).
    pub fn load(shared: &Path, clusters: Option<WordClusters>) -> Result<Prepared> {
        let clusters = clusters.map(Arc::new);
        let cl = clusters.as_deref();
        let bits = train_options().bits;
        let ingest = IngestOptions::default();
        let bbc = read_labelled(&shared.join("topics/bbc-train.jsonl"), "topic", &ingest)?.texts;
        let reuters = read_labelled(&shared.join("topics/reuters21578-modapte-train.jsonl"), "topics", &ingest)?.texts;
        let abc = read_abc(&shared.join("raw_news_text/abc_australia_2006"))?;
        let brown = read_brown(&shared.join("raw_news_text/brown_press"))?;
        if bbc.is_empty() || reuters.is_empty() {
            return Err(Error::data(shared, 0, "no BBC or Reuters articles found under topics/"));
        }
        let lexicon = SeedLexicon::builtin();
        let bbc_map = LabelMap::from_pairs(BBC_MAP);
        let mut units = Vec::new();
        let reuters_weight =
            REUTERS_TOTAL_WEIGHT / reuters.iter().filter(|t| !t.labels.is_empty()).count().max(1) as f32;
        for t in &bbc {
            let gold: Vec<usize> = bbc_map.apply_all(&t.labels).iter().filter_map(|l| taxonomy::index_of(l)).collect();
            add_passages(&mut units, Corpus::Bbc, &t.id, &t.body, &gold, PASSAGE_GOLD_WEIGHT, &lexicon, bits, cl);
            units.push(unit(Corpus::Bbc, &t.id, &t.title, &t.body, gold, GOLD_WEIGHT, None, bits, cl));
        }
        for t in &reuters {
            let gold = reuters_gold(&t.labels);
            let seed = if gold.is_empty() { lexicon.score(&format!("{}\n{}", t.title, t.body)).label() } else { None };
            let passage_weight = PASSAGE_GOLD_WEIGHT * reuters_weight / GOLD_WEIGHT;
            add_passages(&mut units, Corpus::Reuters, &t.id, &t.body, &gold, passage_weight, &lexicon, bits, cl);
            units.push(unit(Corpus::Reuters, &t.id, &t.title, &t.body, gold, reuters_weight, seed, bits, cl));
        }
        for (corpus, stories) in [(Corpus::Abc, &abc), (Corpus::Brown, &brown)] {
            for (id, title, body) in stories.iter() {
                if corpus == Corpus::Abc {
                    let seed = lexicon.score(&format!("{title}\n{body}")).label();
                    units.push(unit(corpus, id, title, body, Vec::new(), 0.0, seed, bits, cl));
                }
                add_passages(&mut units, corpus, id, body, &[], 0.0, &lexicon, bits, cl);
            }
        }
        let seed_docs = (0..taxonomy::CATEGORIES.len())
            .flat_map(|c| lexicon.terms_of(c).into_iter().map(move |t| (c, t)))
            .map(|(c, t)| Example::new(features::featurize("", &t, bits, cl), &[c], SEED_DOC_WEIGHT))
            .collect();
        Ok(Prepared { units, seed_docs, bbc, reuters, bits, clusters })
    }

    /// Trains the built-in model on everything except the articles `held_out` says to skip.
    pub fn build(&self, held_out: &(dyn Fn(Corpus, &str) -> bool + Sync)) -> Result<(LinearModel, SignalCounts)> {
        let labels = taxonomy::ids();
        let options = TrainOptions { bits: self.bits, ..train_options() };
        let kept: Vec<&Unit> = self.units.iter().filter(|u| !held_out(u.corpus, &u.owner)).collect();
        let idf = features::idf_table(kept.iter().map(|u| &u.x), self.bits);
        let owned: Vec<Unit> = kept
            .iter()
            .map(|u| {
                let mut u = (*u).clone();
                features::apply_idf(&mut u.x, &idf);
                u
            })
            .collect();
        let keep: Vec<&Unit> = owned.iter().collect();
        let mut counts = SignalCounts::default();
        for (i, c) in taxonomy::CATEGORIES.iter().enumerate() {
            counts.seeds.insert(c.id.into(), self.seed_docs.iter().filter(|e| e.target[0].0 == i).count());
        }
        let mut gold = Vec::new();
        let mut weak_units = Vec::new();
        let mut open = Vec::new();
        for (i, u) in keep.iter().enumerate() {
            if !u.gold.is_empty() {
                gold.push(Example::new(u.x.clone(), &u.gold, u.gold_weight));
                for &g in &u.gold {
                    *counts.gold.entry(taxonomy::CATEGORIES[g].id.into()).or_default() += 1;
                }
            } else if let Some(s) = u.seed {
                weak_units.push((i, s));
                let by_corpus = counts.weak.entry(taxonomy::CATEGORIES[s].id.into()).or_default();
                *by_corpus.entry(format!("{:?}", u.corpus).to_lowercase()).or_default() += 1;
            } else if !u.inherited.is_empty() {
                gold.push(Example::new(u.x.clone(), &u.inherited, u.gold_weight));
            } else {
                open.push(i);
            }
        }
        balance(&mut gold, 1.0);
        let mut weak = self.seed_docs.clone();
        weak.iter_mut().for_each(|e| features::apply_idf(&mut e.x, &idf));
        push_capped(&mut weak, &keep, &weak_units, WEAK_WEIGHT, WEAK_CAP);
        let first = fit(labels.clone(), &balanced_with(&weak, &gold), &options)?;
        let confident: Vec<(usize, usize)> = open
            .par_iter()
            .filter_map(|&i| {
                let p = first.probabilities(&keep[i].x);
                let (best, &score) = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
                (score >= SELF_MIN_PROBABILITY).then_some((i, best))
            })
            .collect();
        for &(_, label) in &confident {
            *counts.self_trained.entry(taxonomy::CATEGORIES[label].id.into()).or_default() += 1;
        }
        push_capped(&mut weak, &keep, &confident, SELF_WEIGHT, SELF_CAP);
        let examples = balanced_with(&weak, &gold);
        let mut model = fit(labels, &examples, &options)?;
        let k = taxonomy::CATEGORIES.len();
        model.add_weights(&bayes::complement_weights(&examples, k, self.bits, NB_SMOOTHING), NB_WEIGHT);
        model.set_idf(idf);
        model.set_word_clusters(self.clusters.clone());
        let recipe = match self.clusters {
            Some(_) => "newsnlp train topic --builtin SHARED_DATA_DIR --word-clusters models/topic/word-clusters.tsv.gz --cv 5 --out DIR",
            None => "newsnlp train topic --builtin SHARED_DATA_DIR --cv 5 --out DIR",
        };
        model.set_notes(serde_json::json!({
            "recipe": recipe,
            "taxonomy": "IPTC Media Topics, top level",
            "naive_bayes": { "variant": "complement, weight-normalised", "weight": NB_WEIGHT, "smoothing": NB_SMOOTHING },
            "signal": counts,
        }));
        Ok((model, counts))
    }

    /// The built-in model trained on all the data.
    pub fn build_all(&self) -> Result<(LinearModel, SignalCounts)> {
        self.build(&|_, _| false)
    }
}

/// Adds (unit, label) examples of `weight` each, scaled down per label and
/// corpus so that no corpus's examples of a label together weigh more than
/// `cap` units: the corpora are lopsided (ten thousand Reuters passages are
/// economy), and one corpus's style should not become a category's.
fn push_capped(examples: &mut Vec<Example>, units: &[&Unit], picked: &[(usize, usize)], weight: f32, cap: f32) {
    let key = |i: usize, l: usize| (l, units[i].corpus);
    let mut per_key: std::collections::HashMap<(usize, Corpus), usize> = Default::default();
    picked.iter().for_each(|&(i, l)| *per_key.entry(key(i, l)).or_default() += 1);
    for &(i, l) in picked {
        let scale = (cap / per_key[&key(i, l)] as f32).min(1.0);
        let mut target = vec![l];
        target.extend(&units[i].inherited);
        examples.push(Example::new(units[i].x.clone(), &target, weight * scale));
    }
}

/// The weak examples balanced up and down, followed by the gold ones.
fn balanced_with(weak: &[Example], gold: &[Example]) -> Vec<Example> {
    let mut all = weak.to_vec();
    balance(&mut all, f32::INFINITY);
    all.extend_from_slice(gold);
    all
}

/// Evens out the total weight of the labels: each example of label `c` is
/// scaled by `mean / total_c`, at most by `max_up` (1 only scales down).
fn balance(examples: &mut [Example], max_up: f32) {
    let mut totals = vec![0.0f32; taxonomy::CATEGORIES.len()];
    for e in examples.iter() {
        e.target.iter().for_each(|&(l, share)| totals[l] += share * e.weight);
    }
    let used: Vec<f32> = totals.iter().copied().filter(|&t| t > 0.0).collect();
    let mean = used.iter().sum::<f32>() / used.len().max(1) as f32;
    for e in examples.iter_mut() {
        let f: f32 = e.target.iter().map(|&(l, share)| share * (mean / totals[l]).min(max_up)).sum();
        e.weight *= f;
    }
}

/// Figures of a cross-validation of the recipe.
#[derive(Debug, Clone, Default)]
pub struct CvReport {
    /// BBC articles of the held-out folds, gold mapped to the taxonomy.
    pub bbc: Evaluation,
    /// Reuters articles of the held-out folds with any of [`REUTERS_ECONOMY_TOPICS`]: how many got `economy` on top.
    pub reuters_economy: usize,
    /// How many such Reuters articles there were.
    pub reuters_total: usize,
    /// All held-out Reuters articles with topics, scored against their mapped gold labels.
    pub reuters: Evaluation,
    /// The same BBC articles as teasers: the headline alone.
    pub bbc_titles: Evaluation,
    /// The same BBC articles as teasers: the first sentence of the body alone.
    pub bbc_leads: Evaluation,
    /// The same BBC articles as teasers: the headline and the first sentence.
    pub bbc_teasers: Evaluation,
    /// Temperatures per length bucket fitted on all the held-out predictions above (articles and teasers),
    /// with each bucket's accuracy and mean top score before and after.
    pub calibration: Vec<BucketFit>,
}

impl CvReport {
    /// The fitted temperatures, for [`LinearModel::set_calibration`].
    pub fn temperatures(&self) -> Vec<Temperature> {
        let temperature = |b: &BucketFit| Temperature { max_features: b.max_features, temperature: b.temperature };
        self.calibration.iter().map(temperature).collect()
    }

    /// The share of the checked Reuters articles whose top topic is `economy`.
    pub fn reuters_economy_share(&self) -> f64 {
        if self.reuters_total == 0 {
            0.0
        } else {
            self.reuters_economy as f64 / self.reuters_total as f64
        }
    }
}

/// K-fold cross-validation of the whole recipe: fold `f` retrains everything
/// without fold `f`'s BBC and Reuters articles, then scores them. The held-out
/// predictions (BBC articles and their teasers, Reuters articles) also fit the
/// temperatures of [`calibrate`].
pub fn cross_validate(prepared: &Prepared, k: usize) -> Result<CvReport> {
    if k < 2 {
        return Err(Error::config("--cv", format!("{k} folds; use at least 2")));
    }
    let bbc_map = LabelMap::from_pairs(BBC_MAP);
    let folds: Vec<Result<(CvReport, Vec<Sample>)>> = (0..k)
        .into_par_iter()
        .map(|fold| {
            let (model, _) =
                prepared.build(&|c, id| matches!(c, Corpus::Bbc | Corpus::Reuters) && fold_of(id, k) == fold)?;
            let mut r = CvReport::default();
            let mut samples = Vec::new();
            let mut sample = |title: &str, body: &str, gold: Option<usize>| {
                let x = model.features(title, body);
                if let Some(gold) = gold.filter(|_| !x.is_empty()) {
                    samples.push(Sample { logits: model.logits(&x), gold, features: x.len() });
                }
            };
            for t in prepared.bbc.iter().filter(|t| fold_of(&t.id, k) == fold) {
                let gold = bbc_map.apply_all(&t.labels);
                let first = gold.first().and_then(|g| taxonomy::index_of(g));
                let lead = lead(&t.body);
                r.bbc.add(&gold, &model.score_text(&t.title, &t.body)[0].label);
                r.bbc_titles.add(&gold, &model.score_text(&t.title, "")[0].label);
                r.bbc_leads.add(&gold, &model.score_text("", &lead)[0].label);
                r.bbc_teasers.add(&gold, &model.score_text(&t.title, &lead)[0].label);
                let title = t.title.as_str();
                for (title, body) in [(title, t.body.as_str()), (title, ""), ("", &lead), (title, &lead)] {
                    sample(title, body, first);
                }
            }
            for t in prepared.reuters.iter().filter(|t| fold_of(&t.id, k) == fold && !t.labels.is_empty()) {
                let top = &model.score_text(&t.title, &t.body)[0].label;
                let gold: Vec<String> =
                    reuters_gold(&t.labels).iter().map(|&i| taxonomy::CATEGORIES[i].id.to_string()).collect();
                r.reuters.add(&gold, top);
                if t.labels.iter().any(|l| REUTERS_ECONOMY_TOPICS.contains(&l.as_str())) {
                    r.reuters_total += 1;
                    r.reuters_economy += usize::from(top == "economy");
                }
                sample(&t.title, &t.body, taxonomy::index_of("economy"));
            }
            Ok((r, samples))
        })
        .collect();
    let mut total = CvReport::default();
    let mut samples = Vec::new();
    for f in folds {
        let (f, s) = f?;
        samples.extend(s);
        total.reuters_economy += f.reuters_economy;
        total.reuters_total += f.reuters_total;
        total.bbc.merge(&f.bbc);
        total.reuters.merge(&f.reuters);
        total.bbc_titles.merge(&f.bbc_titles);
        total.bbc_leads.merge(&f.bbc_leads);
        total.bbc_teasers.merge(&f.bbc_teasers);
    }
    let edges = if prepared.clusters.is_some() { calibrate::CLUSTER_BUCKET_EDGES } else { calibrate::BUCKET_EDGES };
    total.calibration = calibrate::fit(&samples, &edges);
    Ok(total)
}

/// The first sentence of a body: the teaser a sidebar or a feed shows.
pub(crate) fn lead(body: &str) -> String {
    let first = body.split("\n\n").map(str::trim).find(|p| !p.is_empty()).unwrap_or("");
    let sentence = crate::segment::sentence_ranges(first, 0..first.len()).into_iter().next().unwrap_or(0..first.len());
    first[sentence].trim().to_string()
}

/// Taxonomy labels of a Reuters article: `economy` for any topic, plus `labour` for `jobs`.
fn reuters_gold(topics: &[String]) -> Vec<usize> {
    let mut gold = Vec::new();
    if !topics.is_empty() {
        gold.extend(taxonomy::index_of("economy"));
    }
    if topics.iter().any(|t| t == "jobs") {
        gold.extend(taxonomy::index_of("labour"));
    }
    gold
}

#[allow(clippy::too_many_arguments)]
fn unit(
    corpus: Corpus,
    owner: &str,
    title: &str,
    body: &str,
    gold: Vec<usize>,
    gold_weight: f32,
    seed: Option<usize>,
    bits: u32,
    clusters: Option<&WordClusters>,
) -> Unit {
    Unit {
        corpus,
        owner: owner.to_string(),
        x: features::featurize(title, body, bits, clusters),
        gold,
        gold_weight,
        seed,
        inherited: Vec::new(),
    }
}

/// Cuts a body into passages and adds those the seed terms label clearly.
/// Unlabelled passages are kept too: self-training may label them.
#[allow(clippy::too_many_arguments)]
fn add_passages(
    units: &mut Vec<Unit>,
    corpus: Corpus,
    owner: &str,
    body: &str,
    inherited: &[usize],
    inherited_weight: f32,
    lexicon: &SeedLexicon,
    bits: u32,
    clusters: Option<&WordClusters>,
) {
    for p in passages(body) {
        let seed = lexicon.score(&p).label();
        let mut u = unit(corpus, owner, "", &p, Vec::new(), inherited_weight, seed, bits, clusters);
        u.inherited = inherited.to_vec();
        units.push(u);
    }
}

/// Paragraph groups of at least [`PASSAGE_WORDS`] words (the last may be shorter; a lone short one is dropped).
pub(crate) fn passages(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut words = 0;
    for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(para);
        words += para.split_whitespace().count();
        if words >= PASSAGE_WORDS {
            out.push(std::mem::take(&mut current));
            words = 0;
        }
    }
    if words >= PASSAGE_WORDS / 3 {
        out.push(current);
    }
    out
}

/// A corpus file: UTF-8, or else Windows-1252 (parts of the ABC files are Latin-1).
fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned(),
    })
}

/// ABC stories: blank-line-separated blocks whose first line is the headline.
fn read_abc(dir: &Path) -> Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for name in ["rural.txt", "science.txt"] {
        let path = dir.join(name);
        let text = read_text(&path)?.replace("\r\n", "\n");
        for (i, block) in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).enumerate() {
            let (title, body) = block.split_once('\n').unwrap_or(("", block));
            // One line per paragraph in the file; blank lines make them paragraphs for passages.
            out.push((format!("abc-{name}-{i}"), title.to_string(), body.lines().collect::<Vec<_>>().join("\n\n")));
        }
    }
    Ok(out)
}

/// Brown press files (`ca*`, `cb*`, `cc*`): tagged `word/tag` tokens, paragraphs separated by blank lines.
fn read_brown(dir: &Path) -> Result<Vec<(String, String, String)>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("listing", dir, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.len() == 4 && n.starts_with('c'))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let text = read_text(&path)?;
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| {
                p.split_whitespace()
                    .filter_map(|tok| tok.rsplit_once('/').map(|(w, _)| w))
                    .filter(|w| !matches!(*w, "``" | "''"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        out.push((format!("brown-{name}"), String::new(), paragraphs.join("\n\n")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_group_paragraphs_to_a_minimum_length() {
        let para = |n: usize| vec!["word"; n].join(" ");
        let cases = [
            (vec![para(70)], 1, "one long paragraph is one passage"),
            (vec![para(30), para(30), para(30)], 2, "short paragraphs are grouped, the tail kept when long enough"),
            (vec![para(5)], 0, "a lone short paragraph is dropped"),
            (vec![], 0, "an empty body has no passages"),
        ];
        for (paras, want, why) in cases {
            assert_eq!(passages(&paras.join("\n\n")).len(), want, "{why}");
        }
    }

    #[test]
    fn the_lead_is_the_first_sentence_of_the_first_paragraph() {
        let cases = [
            ("Rates rose on Tuesday. Markets fell.\n\nMore later.", "Rates rose on Tuesday."),
            ("\n\nOne line only", "One line only"),
            ("", ""),
        ];
        for (body, want) in cases {
            assert_eq!(lead(body), want, "{body:?}");
        }
    }

    #[test]
    fn reuters_topics_map_to_economy_and_jobs_to_labour_too() {
        let economy = taxonomy::index_of("economy").unwrap();
        let labour = taxonomy::index_of("labour").unwrap();
        let cases: [(&[&str], Vec<usize>); 3] =
            [(&["earn"], vec![economy]), (&["jobs", "gnp"], vec![economy, labour]), (&[], vec![])];
        for (topics, want) in cases {
            let topics: Vec<String> = topics.iter().map(|s| s.to_string()).collect();
            assert_eq!(reuters_gold(&topics), want, "{topics:?}");
        }
    }

    #[test]
    fn bbc_labels_map_onto_the_taxonomy() {
        for (from, to) in BBC_MAP {
            assert!(taxonomy::by_id(to).is_some(), "BBC `{from}` maps to `{to}`, which is not a taxonomy id");
        }
    }
}
