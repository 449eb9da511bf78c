//! The rust-bert adapters: a sentence-embedding model and a token
//! classification (NER) model, loaded from local folders only.
//!
//! rust-bert reads its JSON configuration files with `expect`, so a missing
//! or malformed file would panic: every file is checked here first, by
//! parsing it into the same types, and model construction also runs under
//! `catch_unwind`, so that a bad model folder is an [`Error`], never a crash.
//! libtorch models are `Send` but not `Sync`: each sits behind a mutex, and
//! batches (not single sentences) are what cross it, while libtorch itself
//! uses the cores for one batch.

use std::collections::HashMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rust_bert::bert::BertConfig;
use rust_bert::distilbert::DistilBertConfig;
use rust_bert::pipelines::common::{ModelResource, ModelType, TokenizerOption};
use rust_bert::pipelines::sentence_embeddings::layers::PoolingConfig;
use rust_bert::pipelines::sentence_embeddings::{
    SentenceEmbeddingsConfig, SentenceEmbeddingsModel, SentenceEmbeddingsModuleType, SentenceEmbeddingsModulesConfig,
    SentenceEmbeddingsSentenceBertConfig, SentenceEmbeddingsTokenizerConfig,
};
use rust_bert::pipelines::token_classification::{LabelAggregationOption, TokenClassificationConfig, TokenClassificationModel};
use rust_bert::resources::LocalResource;
use rust_bert::RustBertError;
use serde::de::DeserializeOwned;

use super::tagging::{chunks, parse_tag, Tag};
use super::windows::{windows, Window};
use crate::document::{Document, Field, Mention, Origin};
use crate::entities::EntityRecognizer;
use crate::error::{Error, Result};
use crate::span::Span;

/// Word pieces per window, special tokens included: the length
/// all-MiniLM-L6-v2 was fine-tuned on. Longer windows are allowed up to the
/// model's `max_seq_length`, but the embeddings of longer inputs are weaker.
pub(crate) const DEFAULT_WINDOW_TOKENS: usize = 128;

/// Windows encoded per forward pass. Windows are sorted by length first, so
/// that a batch pads little.
const BATCH: usize = 32;

/// A sentence-embedding model (sentence-transformers layout: `config.json`,
/// `vocab.txt`, `modules.json`, `sentence_bert_config.json`,
/// `1_Pooling/config.json`, and `model.safetensors` or `rust_model.ot`).
///
/// Texts longer than a window are embedded window by window (see
/// [`super::windows`]) and the window embeddings averaged, weighted by their
/// token counts, then scaled to unit length: no text is truncated.
pub struct Embedder {
    name: String,
    model: Mutex<SentenceEmbeddingsModel>,
    tokenizer: TokenizerOption,
    dim: usize,
    /// Content tokens per window (the window size less the special tokens).
    budget: usize,
    max_seq_length: usize,
}

impl Embedder {
    /// Loads the model in `dir`, with windows of [`DEFAULT_WINDOW_TOKENS`].
    pub fn load(dir: &Path) -> Result<Embedder> {
        let files = EmbedderFiles::check(dir)?;
        let tokenizer = guarded(dir, || {
            TokenizerOption::from_file(
                files.model_type,
                &files.vocab.to_string_lossy(),
                None,
                files.lower_case,
                files.strip_accents,
                None,
            )
        })?;
        let config = SentenceEmbeddingsConfig {
            modules_config_resource: local(dir.join("modules.json")),
            transformer_type: files.model_type,
            transformer_config_resource: local(dir.join("config.json")),
            transformer_weights_resource: local(files.weights.clone()),
            pooling_config_resource: local(files.pooling.clone()),
            dense_config_resource: None,
            dense_weights_resource: None,
            sentence_bert_config_resource: local(dir.join("sentence_bert_config.json")),
            tokenizer_config_resource: local(files.tokenizer_config.clone()),
            tokenizer_vocab_resource: local(files.vocab.clone()),
            tokenizer_merges_resource: None,
            device: tch::Device::Cpu,
            kind: None,
        };
        let model = guarded(dir, || SentenceEmbeddingsModel::new(config))?;
        let dim = guarded(dir, || model.get_embedding_dim())? as usize;
        let name = dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut embedder = Embedder {
            name,
            model: Mutex::new(model),
            tokenizer,
            dim,
            budget: 0,
            max_seq_length: files.max_seq_length,
        };
        embedder.set_window_tokens(DEFAULT_WINDOW_TOKENS.min(files.max_seq_length))?;
        Ok(embedder)
    }

    /// Sets the window size in word pieces, special tokens included; at most
    /// the model's `max_seq_length`, beyond which rust-bert would truncate.
    pub fn set_window_tokens(&mut self, tokens: usize) -> Result<()> {
        if !(8..=self.max_seq_length).contains(&tokens) {
            return Err(Error::config(
                "window size",
                format!("{tokens} tokens: must be between 8 and the model's max_seq_length {}", self.max_seq_length),
            ));
        }
        self.budget = tokens - 2;
        Ok(())
    }

    /// The model's name: the name of its folder.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The embedding dimension.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The most word pieces one window holds, special tokens included.
    pub fn window_tokens(&self) -> usize {
        self.budget + 2
    }

    /// The windows `text` is embedded in.
    pub fn windows(&self, text: &str) -> Vec<Window> {
        windows(text, self.budget, &|t| self.token_ranges(t))
    }

    /// One unit-length embedding per text (the zero vector for a text with
    /// no tokens), each text embedded in windows if it is long.
    pub fn embed_texts<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>> {
        // (text index, window text, tokens) for every window of every text.
        let mut pieces: Vec<(usize, &str, usize)> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let text = text.as_ref();
            pieces.extend(self.windows(text).into_iter().map(|w| (i, &text[w.range], w.tokens)));
        }
        pieces.sort_by_key(|p| p.2);
        let mut sums = vec![vec![0f32; self.dim]; texts.len()];
        for batch in pieces.chunks(BATCH) {
            let inputs: Vec<&str> = batch.iter().map(|p| p.1).collect();
            let embeddings = {
                let model = self.model.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                guarded(Path::new(&self.name), || model.encode(&inputs))?
            };
            for ((text, _, tokens), e) in batch.iter().zip(embeddings) {
                for (s, v) in sums[*text].iter_mut().zip(e) {
                    *s += v * *tokens as f32;
                }
            }
        }
        sums.iter_mut().for_each(|s| super::normalise(s));
        Ok(sums)
    }

    /// One embedding per document, of its headline and body ([`super::article_text`]).
    pub fn embed_documents(&self, docs: &[&Document]) -> Result<Vec<Vec<f32>>> {
        let texts: Vec<String> = docs.iter().map(|d| super::article_text(d)).collect();
        self.embed_texts(&texts)
    }

    /// Byte ranges of the word pieces of `text`.
    fn token_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let toks = self.tokenizer.tokenize_with_offsets(text);
        let bytes = char_to_byte(text);
        toks.offsets
            .iter()
            .flatten()
            .filter(|o| o.begin < o.end)
            .map(|o| bytes[(o.begin as usize).min(bytes.len() - 1)]..bytes[(o.end as usize).min(bytes.len() - 1)])
            .collect()
    }
}

/// The files of a sentence-embedding model folder, checked.
struct EmbedderFiles {
    model_type: ModelType,
    vocab: PathBuf,
    weights: PathBuf,
    pooling: PathBuf,
    tokenizer_config: PathBuf,
    lower_case: bool,
    strip_accents: Option<bool>,
    max_seq_length: usize,
}

impl EmbedderFiles {
    fn check(dir: &Path) -> Result<EmbedderFiles> {
        if !dir.is_dir() {
            return Err(Error::model(dir, "no such model folder; scripts/setup-transformer.sh installs all-MiniLM-L6-v2"));
        }
        let model_type = check_transformer_config(&dir.join("config.json"))?;
        let modules: SentenceEmbeddingsModulesConfig = read_json(&dir.join("modules.json"))?;
        let modules = modules.validate().map_err(|e| Error::model_caused_by(dir.join("modules.json"), "invalid module list", e))?;
        if modules.iter().any(|m| matches!(m.module_type, SentenceEmbeddingsModuleType::Dense)) {
            return Err(Error::model(dir.join("modules.json"), "models with a Dense layer are not supported"));
        }
        let pooling = dir.join(&modules.pooling_module().path).join("config.json");
        let _: PoolingConfig = read_json(&pooling)?;
        let sbert: SentenceEmbeddingsSentenceBertConfig = read_json(&dir.join("sentence_bert_config.json"))?;
        let tokenizer_config = dir.join("tokenizer_config.json");
        let tok: SentenceEmbeddingsTokenizerConfig = read_json(&tokenizer_config)?;
        Ok(EmbedderFiles {
            model_type,
            vocab: existing(dir.join("vocab.txt"))?,
            weights: weights_file(dir)?,
            pooling,
            tokenizer_config,
            lower_case: tok.do_lower_case.unwrap_or(sbert.do_lower_case),
            strip_accents: tok.strip_accents,
            max_seq_length: sbert.max_seq_length,
        })
    }
}

/// A token classification (NER) model from a local folder: `config.json`
/// (a BERT or DistilBERT config with `id2label`), `vocab.txt`, optionally
/// `tokenizer_config.json` (`do_lower_case`), and weights in `.ot` or
/// `.safetensors` (`rust_model.ot`, `model.ot` or `model.safetensors`).
///
/// Each body sentence, the headline and the caption are tagged separately,
/// so that mentions carry their sentence; rust-bert splits a sentence longer
/// than the model's input into overlapping spans itself. Word-level tags
/// (the first word piece's label) are decoded by [`super::tagging`].
pub struct TransformerNer {
    name: String,
    model: Mutex<TokenClassificationModel>,
}

impl TransformerNer {
    /// Loads the model in `dir`.
    pub fn load(dir: &Path) -> Result<TransformerNer> {
        if !dir.is_dir() {
            return Err(Error::model(dir, "no such model folder"));
        }
        let config_path = dir.join("config.json");
        let model_type = check_transformer_config(&config_path)?;
        let labels: ConfigLabels = read_json(&config_path)?;
        check_labels(&config_path, labels.id2label.as_ref())?;
        let tokenizer_config = dir.join("tokenizer_config.json");
        let tok: Option<SentenceEmbeddingsTokenizerConfig> =
            if tokenizer_config.exists() { Some(read_json(&tokenizer_config)?) } else { None };
        let config = TokenClassificationConfig {
            model_type,
            model_resource: ModelResource::Torch(local(weights_file(dir)?)),
            config_resource: local(config_path),
            vocab_resource: local(existing(dir.join("vocab.txt"))?),
            merges_resource: None,
            lower_case: tok.as_ref().and_then(|t| t.do_lower_case).unwrap_or(false),
            strip_accents: tok.as_ref().and_then(|t| t.strip_accents),
            add_prefix_space: None,
            device: tch::Device::Cpu,
            kind: None,
            label_aggregation_function: LabelAggregationOption::First,
            batch_size: 32,
        };
        let model = guarded(dir, || TokenClassificationModel::new(config))?;
        let name = dir.file_name().map_or_else(|| "transformer".into(), |n| n.to_string_lossy().into_owned());
        Ok(TransformerNer { name, model: Mutex::new(model) })
    }
}

impl EntityRecognizer for TransformerNer {
    fn name(&self) -> &str {
        &self.name
    }

    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
        // (field, sentence index, byte and char start of the text in its field, text)
        let mut texts: Vec<(Field, Option<usize>, usize, usize, &str)> = Vec::new();
        for field in [Field::Title, Field::Caption] {
            let text = doc.field_text(field);
            if !text.trim().is_empty() {
                texts.push((field, None, 0, 0, text));
            }
        }
        for (i, s) in doc.sentences.iter().enumerate() {
            texts.push((Field::Body, Some(i), s.span.byte.start, s.span.char.start, doc.sentence_text(i)));
        }
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let inputs: Vec<&str> = texts.iter().map(|t| t.4).collect();
        let tagged = {
            let model = self.model.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            guarded(Path::new(&self.name), || Ok(model.predict(&inputs, true, false)))?
        };
        let mut mentions = Vec::new();
        for ((field, sentence, byte0, char0, text), tokens) in texts.iter().zip(tagged) {
            let words: Vec<_> = tokens.iter().filter(|t| t.offset.is_some_and(|o| o.begin < o.end)).collect();
            let tags: Vec<Tag> = words.iter().map(|t| parse_tag(&t.label)).collect();
            let bytes = char_to_byte(text);
            for chunk in chunks(&tags) {
                let first = words[chunk.tokens.start].offset.map_or(0, |o| o.begin as usize);
                let last = words[chunk.tokens.end - 1].offset.map_or(0, |o| o.end as usize);
                let chars = first.min(bytes.len() - 1)..last.min(bytes.len() - 1);
                let local = bytes[chars.start]..bytes[chars.end];
                let score = words[chunk.tokens.clone()].iter().map(|t| t.score).sum::<f64>() / chunk.tokens.len() as f64;
                mentions.push(Mention {
                    field: *field,
                    span: Span { byte: byte0 + local.start..byte0 + local.end, char: char0 + chars.start..char0 + chars.end },
                    sentence: *sentence,
                    text: text[local].to_string(),
                    label: chunk.label,
                    confidence: score as f32,
                    origin: Origin::Model,
                    entity: None,
                });
            }
        }
        Ok(mentions)
    }
}

/// The part of a model's `config.json` that names its labels.
#[derive(serde::Deserialize)]
struct ConfigLabels {
    id2label: Option<HashMap<i64, String>>,
}

/// rust-bert expects labels `0..n` and looks each predicted index up with `expect`.
fn check_labels(path: &Path, id2label: Option<&HashMap<i64, String>>) -> Result<()> {
    let Some(labels) = id2label.filter(|l| !l.is_empty()) else {
        return Err(Error::model(path, "no `id2label`: not a token classification model"));
    };
    if (0..labels.len() as i64).any(|i| !labels.contains_key(&i)) {
        return Err(Error::model(path, "`id2label` must number its labels 0, 1, 2, ... without gaps"));
    }
    Ok(())
}

/// Checks `config.json` and returns the model type (BERT or DistilBERT).
fn check_transformer_config(path: &Path) -> Result<ModelType> {
    let value: serde_json::Value = read_json(path)?;
    match value.get("model_type").and_then(|v| v.as_str()).unwrap_or("bert") {
        "bert" => read_json::<BertConfig>(path).map(|_| ModelType::Bert),
        "distilbert" => read_json::<DistilBertConfig>(path).map(|_| ModelType::DistilBert),
        other => Err(Error::model(path, format!("model type `{other}` is not supported (bert and distilbert are)"))),
    }
}

/// The weights file of a model folder: `.ot` (libtorch) or `.safetensors`.
fn weights_file(dir: &Path) -> Result<PathBuf> {
    for name in ["rust_model.ot", "model.ot", "model.safetensors"] {
        let p = dir.join(name);
        if p.is_file() {
            return Ok(p);
        }
    }
    Err(Error::model(dir, "no weights: expected rust_model.ot, model.ot or model.safetensors"))
}

fn existing(path: PathBuf) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::model(path, "missing"))
    }
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::model_caused_by(path, "invalid JSON", e))
}

fn local(path: PathBuf) -> Box<LocalResource> {
    Box::new(LocalResource { local_path: path })
}

/// Runs a rust-bert call, turning its errors and panics into model errors.
fn guarded<T>(path: &Path, f: impl FnOnce() -> std::result::Result<T, RustBertError>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Error::model_caused_by(path, "rust-bert failed", e)),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("rust-bert panicked");
            Err(Error::model(path, msg.to_string()))
        }
    }
}

/// Byte offset of each char of `text`, plus `text.len()` at the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
}
