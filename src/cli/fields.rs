//! The input field names, one set of flags for every command that reads
//! records (`analyze`, `config`, `train topic`, `eval topic`).
//!
//! Every flag is optional and has no default of its own: the defaults are
//! those of [`IngestConfig`], so that a flag overrides a `--config` file
//! only when it is given.

use newsnlp::config::IngestConfig;
use newsnlp::ingest::IngestOptions;

/// Which fields (JSON Lines keys, CSV and Parquet columns) hold what.
#[derive(clap::Args, Debug, Clone)]
pub struct FieldArgs {
    /// Field holding the article text [default: text].
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// Field holding the article id [default: id].
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// Field holding the title [default: title].
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,
    /// Field holding the URL [default: url].
    #[arg(long, value_name = "FIELD")]
    pub url_field: Option<String>,
    /// Field holding the publication time [default: published].
    #[arg(long, value_name = "FIELD")]
    pub published_field: Option<String>,
    /// Field holding the language the record declares, used when the text is too short to tell [default: language].
    #[arg(long, value_name = "FIELD")]
    pub language_field: Option<String>,
}

impl FieldArgs {
    /// Lays the given flags over `config`.
    pub fn apply(&self, config: &mut IngestConfig) {
        let flags = [
            (&self.text_field, &mut config.text_field),
            (&self.id_field, &mut config.id_field),
            (&self.title_field, &mut config.title_field),
            (&self.url_field, &mut config.url_field),
            (&self.published_field, &mut config.published_field),
            (&self.language_field, &mut config.language_field),
        ];
        for (flag, setting) in flags {
            if let Some(value) = flag {
                setting.clone_from(value);
            }
        }
    }

    /// Ingest options that read these fields (other settings at their defaults).
    pub fn ingest_options(&self) -> IngestOptions {
        let mut config = IngestConfig::default();
        self.apply(&mut config);
        config.options()
    }
}
