//! The input field names, one set of flags for every command that reads
//! records (`analyze`, `train topic`, `eval topic`).

use newsnlp::ingest::IngestOptions;

/// Which fields (JSON Lines keys, CSV and Parquet columns) hold what.
#[derive(clap::Args, Debug, Clone)]
pub struct FieldArgs {
    /// Field holding the article text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Field holding the article id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Field holding the title.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// Field holding the URL.
    #[arg(long, default_value = "url")]
    pub url_field: String,
    /// Field holding the publication time.
    #[arg(long, default_value = "published")]
    pub published_field: String,
}

impl FieldArgs {
    /// Ingest options that read these fields (other settings at their defaults).
    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            title_field: self.title_field.clone(),
            url_field: self.url_field.clone(),
            published_field: self.published_field.clone(),
            ..IngestOptions::default()
        }
    }
}
