//! [`PipelineConfig`]: every stage and backend of an analysis, as one typed
//! value that loads from and prints as TOML.
//!
//! The config is data only: [`crate::Pipeline::from_config`] turns it into
//! stages, and the CLI only fills it from flags (over a `--config` file), so
//! that `newsnlp config` can print exactly what a run would use. Backends
//! are enums, so a misspelt one fails when the file is read, not halfway
//! through a run; unknown keys fail too, since a silently ignored setting is
//! a wrong analysis.
//!
//! What it holds is what decides the *content* of the tables: the models,
//! the stages and their backends, and the ingest options that shape records.
//! How one run executes and where it writes (output folder and format,
//! threads, `--shard`, `--partition-by`) stays on the command line: one
//! config file is meant to be shared by the N shards of a dump, and those
//! settings differ between them while the analysis must not.
//!
//! Relative paths in a config (models, rules) are relative to the working
//! directory of the run, as they are in flags.
//!
//! ```
//! use newsnlp::config::{PipelineConfig, TopicBackend};
//!
//! let config = PipelineConfig::from_toml_str("[topics]\nbackend = \"linear\"\n\n[entities.tagger]\nenabled = false\n")?;
//! assert_eq!(config.topics.backend, TopicBackend::Linear);
//! assert!(!config.entities.tagger.enabled);
//! assert_eq!(PipelineConfig::from_toml_str(&config.to_toml_string()?)?, config);
//! # Ok::<(), newsnlp::Error>(())
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::{IngestOptions, InvalidUtf8, DEFAULT_MAX_ARTICLE_BYTES};

/// Defines a closed set of named choices (a backend, a method): the enum,
/// its serde names, its default, and parsing from the same names, so that
/// flags and config files spell the choices alike.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident, default $default:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every choice, as flags and config files name them.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name of this choice.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::config(stringify!($name), format!("{s:?}; expected one of: {}", Self::NAMES.join(", ")))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice! {
    /// The statistical entity recognizer.
    NerBackend, default Builtin {
        /// The built-in tagger (`models/ner`, or a model folder of `newsnlp train ner`) as its folder holds
        /// it: `accurate` when `retyper.bin` is beside `tagger.bin` (as in the shipped folder), else `fast`.
        Builtin = "builtin",
        /// The built-in tagger and its re-typer (`retyper.bin`), a third stage that re-types each entity
        /// whole: more accurate on CoNLL and on hand-tagged Reuters and BBC sentences, 3-9% slower than
        /// `fast` (`models/ner/README.md`); an error when the model folder has no re-typer.
        Accurate = "accurate",
        /// The built-in tagger's two tagging stages alone, without the re-typer.
        Fast = "fast",
        /// A token-classification transformer (needs the `transformer` feature and a model folder).
        Transformer = "transformer",
    }
}

choice! {
    /// The topic classifier.
    TopicBackend, default Linear {
        /// Hashed words and bigrams: the built-in IPTC model or one of `newsnlp train topic`.
        Linear = "linear",
        /// MiniLM embeddings: a trained head, or zero-shot over the IPTC categories (needs the `transformer` feature).
        Transformer = "transformer",
    }
}

choice! {
    /// How story clusters compare articles.
    ClusterMethod, default MinHash {
        /// Near-duplicate bodies, by MinHash.
        MinHash = "minhash",
        /// Near-duplicate bodies, or close MiniLM embeddings (needs the `transformer` feature).
        Embedding = "embedding",
    }
}

/// Every stage and backend of an analysis. Each field has a default, so a
/// file names only what it changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// Folder of model files; unset: `$NEWSNLP_MODELS`, `./models`, or the source tree's `models/`
    /// (see [`crate::models::models_dir`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub models_dir: Option<PathBuf>,
    /// How input records are read.
    pub ingest: IngestConfig,
    /// Entity recognition and resolution.
    pub entities: EntitiesConfig,
    /// Topic classification.
    pub topics: TopicsConfig,
    /// Story clusters across articles.
    pub clusters: ClustersConfig,
    /// Quotes and their speakers.
    pub quotes: QuotesConfig,
    /// Dump-level identity: `global_id`, one label per thing, `dump_entities` (batch runs).
    pub identity: IdentityConfig,
    /// Entity linking: places, organisations and demonyms grounded in the shipped knowledge bases.
    pub link: LinkConfig,
}

/// The ingest options that shape records: which fields hold what, and which records are refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// Field holding the article text.
    pub text_field: String,
    /// Field holding the article id.
    pub id_field: String,
    /// Field holding the title.
    pub title_field: String,
    /// Field holding the URL.
    pub url_field: String,
    /// Field holding the publication time.
    pub published_field: String,
    /// Records larger than this many bytes are rejected (never truncated).
    pub max_article_bytes: usize,
    /// Records that are not valid UTF-8: rejected, or decoded lossily and flagged.
    pub invalid_utf8: InvalidUtf8,
    /// Field holding the language the record declares (ISO 639-1 or 639-3 code, or English name); the
    /// language stage uses it when the text is too short for the detector to be sure.
    pub language_field: String,
}

impl Default for IngestConfig {
    fn default() -> Self {
        let o = IngestOptions::default();
        IngestConfig {
            text_field: o.text_field,
            id_field: o.id_field,
            title_field: o.title_field,
            url_field: o.url_field,
            published_field: o.published_field,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            invalid_utf8: o.invalid_utf8,
            language_field: o.language_field.unwrap_or_default(),
        }
    }
}

impl IngestConfig {
    /// The reader options these settings ask for (the others at their defaults).
    pub fn options(&self) -> IngestOptions {
        IngestOptions {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            title_field: self.title_field.clone(),
            url_field: self.url_field.clone(),
            published_field: self.published_field.clone(),
            max_article_bytes: self.max_article_bytes,
            invalid_utf8: self.invalid_utf8,
            language_field: Some(self.language_field.clone()).filter(|f| !f.is_empty()),
            ..IngestOptions::default()
        }
    }
}

/// The entity stage: the statistical recognizer, the user's rules, and
/// (always) the named groups, the value patterns and the resolver.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EntitiesConfig {
    /// A JSON Lines file of phrases or token patterns with a label (see docs/entities.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<PathBuf>,
    /// The statistical recognizer.
    pub tagger: TaggerConfig,
}

/// The statistical entity recognizer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaggerConfig {
    /// Whether it runs (groups, rules, dates and amounts run either way).
    pub enabled: bool,
    /// Which recognizer.
    pub backend: NerBackend,
    /// Its model folder: required by `transformer`; for `builtin`, replaces `ner/` of the models folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<PathBuf>,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig { enabled: true, backend: NerBackend::default(), model: None }
    }
}

/// The topic classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TopicsConfig {
    /// Whether topics are classified (the topic columns stay empty otherwise).
    pub enabled: bool,
    /// Which classifier.
    pub backend: TopicBackend,
    /// A model folder of `newsnlp train topic`; unset: the built-in IPTC model (`linear`) or
    /// zero-shot over the IPTC categories (`transformer`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<PathBuf>,
}

impl Default for TopicsConfig {
    fn default() -> Self {
        TopicsConfig { enabled: true, backend: TopicBackend::default(), model: None }
    }
}

/// Story clusters: articles that tell the same story share a `cluster_id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClustersConfig {
    /// Whether clusters are made (a `clusters` table, and `cluster_id` on articles).
    pub enabled: bool,
    /// How articles are compared.
    pub method: ClusterMethod,
}

/// The quote stage: direct and reported quotes, with speakers resolved to entities (the `quotes` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotesConfig {
    /// Whether quotes are found (`--no-quotes` turns it off; the `quotes` table is then empty).
    pub enabled: bool,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig { enabled: true }
    }
}

/// Dump-level identity (see [`crate::identity`]): entities of different articles that are one thing share a
/// `global_id` and one label, and the run writes `dump_entities`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityConfig {
    /// Whether batch runs resolve entities across the dump (on by default; `--no-identity` turns it off).
    pub enabled: bool,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig { enabled: true }
    }
}

/// Entity linking (`link/`): LOCATION entities to GeoNames places with their points, organisations to
/// Wikidata ids or tickers, demonyms to their country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkConfig {
    /// Whether entities are linked (the knowledge-base columns stay empty otherwise).
    pub enabled: bool,
    /// A folder with `places.tsv.gz` and `orgs.tsv` (as `scripts/build-places.py` writes); unset: `link/`
    /// of the models folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<PathBuf>,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig { enabled: true, model: None }
    }
}

impl PipelineConfig {
    /// Parses and validates a config from TOML text.
    pub fn from_toml_str(text: &str) -> Result<PipelineConfig> {
        let config: PipelineConfig =
            toml::from_str(text).map_err(|e| Error::config_caused_by("pipeline config", "not a valid config", e))?;
        config.validate()?;
        Ok(config)
    }

    /// Reads, parses and validates a TOML config file.
    pub fn from_toml_file(path: &Path) -> Result<PipelineConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        let config: PipelineConfig = toml::from_str(&text)
            .map_err(|e| Error::config_caused_by(format!("config file {}", path.display()), "not a valid config", e))?;
        config.validate()?;
        Ok(config)
    }

    /// The config as TOML, in the form [`PipelineConfig::from_toml_str`] reads.
    /// Fails only on a path that is not valid UTF-8.
    pub fn to_toml_string(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::config_caused_by("pipeline config", "cannot be written as TOML", e))
    }

    /// Checks the settings that depend on each other.
    pub fn validate(&self) -> Result<()> {
        let tagger = &self.entities.tagger;
        if tagger.enabled && tagger.backend == NerBackend::Transformer && tagger.model.is_none() {
            return Err(Error::config(
                "entities.tagger",
                "the transformer backend needs `model`, the folder of a token-classification model \
                 (config.json, vocab, weights; --ner-model on the command line)",
            ));
        }
        if self.ingest.max_article_bytes == 0 {
            return Err(Error::config("ingest.max_article_bytes", "must be at least 1"));
        }
        let fields = [
            ("text_field", &self.ingest.text_field),
            ("id_field", &self.ingest.id_field),
            ("title_field", &self.ingest.title_field),
            ("url_field", &self.ingest.url_field),
            ("published_field", &self.ingest.published_field),
        ];
        if let Some((name, _)) = fields.iter().find(|(_, v)| v.is_empty()) {
            return Err(Error::config(format!("ingest.{name}"), "a field name cannot be empty"));
        }
        Ok(())
    }

    /// The models folder this config resolves to.
    pub fn models_dir(&self) -> PathBuf {
        crate::models::models_dir(self.models_dir.as_deref())
    }

    /// The same config with the models folder resolved, as a run would use it,
    /// and made absolute, so that the config means the same from any folder.
    pub fn resolved(mut self) -> PipelineConfig {
        let dir = self.models_dir();
        self.models_dir = Some(std::path::absolute(&dir).unwrap_or(dir));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everything_set() -> PipelineConfig {
        PipelineConfig {
            models_dir: Some("my-models".into()),
            ingest: IngestConfig {
                text_field: "body".into(),
                id_field: "uid".into(),
                title_field: "headline".into(),
                url_field: "link".into(),
                published_field: "date".into(),
                max_article_bytes: 1000,
                invalid_utf8: InvalidUtf8::Lossy,
                language_field: "lang".into(),
            },
            entities: EntitiesConfig {
                rules: Some("rules.jsonl".into()),
                tagger: TaggerConfig { enabled: true, backend: NerBackend::Transformer, model: Some("bert-ner".into()) },
            },
            topics: TopicsConfig { enabled: false, backend: TopicBackend::Transformer, model: Some("heads".into()) },
            clusters: ClustersConfig { enabled: true, method: ClusterMethod::Embedding },
            quotes: QuotesConfig { enabled: false },
            identity: IdentityConfig { enabled: false },
            link: LinkConfig { enabled: false, model: Some("my-kb".into()) },
        }
    }

    #[test]
    fn configs_round_trip_through_toml() {
        for (name, config) in [("defaults", PipelineConfig::default()), ("everything set", everything_set())] {
            let text = config.to_toml_string().unwrap();
            let back = PipelineConfig::from_toml_str(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
            assert_eq!(back, config, "{name}: printing then parsing must give the same config:\n{text}");
        }
    }

    #[test]
    fn an_empty_file_is_the_default_config() {
        assert_eq!(PipelineConfig::from_toml_str("").unwrap(), PipelineConfig::default());
    }

    #[test]
    fn bad_files_fail_with_a_message_that_names_the_problem() {
        let cases = [
            ("unknown key", "[topics]\nenabeld = false\n", "enabeld"),
            ("unknown section", "[topic]\nenabled = false\n", "topic"),
            ("unknown backend", "[topics]\nbackend = \"bayes\"\n", "bayes"),
            ("wrong type", "[clusters]\nenabled = \"yes\"\n", "enabled"),
            ("transformer without model", "[entities.tagger]\nbackend = \"transformer\"\n", "needs `model`"),
            ("empty field name", "[ingest]\ntext_field = \"\"\n", "ingest.text_field"),
        ];
        for (name, text, want) in cases {
            let e = PipelineConfig::from_toml_str(text).expect_err(name).with_causes();
            assert!(e.contains(want), "{name}: the error should mention {want:?}; it is: {e}");
        }
    }

    #[test]
    fn choices_parse_from_their_names() {
        for name in ClusterMethod::NAMES {
            assert_eq!(name.parse::<ClusterMethod>().unwrap().as_str(), *name);
        }
        assert!("bert".parse::<NerBackend>().unwrap_err().to_string().contains("builtin, accurate, fast, transformer"));
    }
}
