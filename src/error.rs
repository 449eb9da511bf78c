//! The library's error type.
//!
//! Shaped like BurntSushi's `csv` crate: a small [`Error`] that boxes an
//! [`ErrorKind`], so that `Result<T>` stays one pointer wide on the happy path,
//! while each kind keeps its source error and the context a user needs (the
//! file, the record, the model). Errors here are *fatal* for an operation:
//! a bad input record is not an error but a [`crate::Rejected`] row.

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The source error a kind keeps when it can come from several libraries (polars, csv, parquet).
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// An error from newsnlp. Use [`Error::kind`] to inspect what went wrong.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    #[error("{action} {path}")]
    Io {
        /// What was being done ("reading", "writing", "renaming" ...).
        action: &'static str,
        /// The file concerned; `-` for standard streams.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An input could not be read as a whole (a Parquet file that is not Parquet, say).
    #[error("cannot read {path} as {format}")]
    Input {
        /// The input file.
        path: PathBuf,
        /// The format it was read as.
        format: &'static str,
        /// The reader's error (or a message, when newsnlp itself found the problem).
        #[source]
        source: BoxError,
    },
    /// A model file is missing, corrupt or of an unsupported version.
    #[error("model {path}: {message}")]
    Model {
        /// The model file or folder.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
        /// The error behind it, when another library found the problem (a JSON parser, say).
        #[source]
        source: Option<BoxError>,
    },
    /// A setting is invalid (a bad `--shard`, an unknown label, a malformed rule file).
    #[error("invalid {what}: {message}")]
    Config {
        /// The setting.
        what: String,
        /// Why it is invalid.
        message: String,
        /// The error behind it, when another library found the problem (the TOML parser, the regex compiler).
        #[source]
        source: Option<BoxError>,
    },
    /// Training or evaluation data is unusable.
    #[error("{path}:{line}: {message}")]
    Data {
        /// The data file.
        path: PathBuf,
        /// 1-based line number (0 when not known).
        line: u64,
        /// What is wrong.
        message: String,
        /// The error behind it, when another library found the problem.
        #[source]
        source: Option<BoxError>,
    },
    /// Writing a table failed inside the table library.
    #[error("writing table {table}")]
    Table {
        /// The table name (`articles`, `sentences`, ...).
        table: String,
        /// The writer's error.
        #[source]
        source: BoxError,
    },
    /// JSON (de)serialisation failed outside of per-record input handling.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A cargo feature this operation needs was not compiled in.
    #[error("built without the `{feature}` feature; rebuild with `--features {feature}`{hint}")]
    FeatureDisabled {
        /// The feature name.
        feature: &'static str,
        /// Extra advice, starting with a separator, or empty.
        hint: &'static str,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps into the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// An I/O error on `path` while doing `action`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        ErrorKind::Io { action, path: path.into(), source }.into()
    }

    /// An invalid setting.
    pub fn config(what: impl Into<String>, message: impl Into<String>) -> Error {
        ErrorKind::Config { what: what.into(), message: message.into(), source: None }.into()
    }

    /// An invalid setting, with the error that showed it (kept as the source, so the cause chain shows it).
    pub fn config_caused_by(what: impl Into<String>, message: impl Into<String>, source: impl Into<BoxError>) -> Error {
        ErrorKind::Config { what: what.into(), message: message.into(), source: Some(source.into()) }.into()
    }

    /// A problem with a model file.
    pub fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Error {
        ErrorKind::Model { path: path.into(), message: message.into(), source: None }.into()
    }

    /// A problem with a model file, with the error that showed it (kept as the source).
    pub fn model_caused_by(path: impl Into<PathBuf>, message: impl Into<String>, source: impl Into<BoxError>) -> Error {
        ErrorKind::Model { path: path.into(), message: message.into(), source: Some(source.into()) }.into()
    }

    /// A problem in training or evaluation data at `line`.
    pub fn data(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Error {
        ErrorKind::Data { path: path.into(), line, message: message.into(), source: None }.into()
    }

    /// A problem in training or evaluation data at `line`, with the error that showed it (kept as the source).
    pub fn data_caused_by(
        path: impl Into<PathBuf>,
        line: u64,
        message: impl Into<String>,
        source: impl Into<BoxError>,
    ) -> Error {
        ErrorKind::Data { path: path.into(), line, message: message.into(), source: Some(source.into()) }.into()
    }

    /// A table writer failure, keeping the writer's error as the source.
    pub fn table(table: impl Into<String>, source: impl Into<BoxError>) -> Error {
        ErrorKind::Table { table: table.into(), source: source.into() }.into()
    }

    /// An input that cannot be read as `format`, keeping the reader's error as the source (a `String` or
    /// `&str` works too, for a problem newsnlp found itself).
    pub fn input(path: impl Into<PathBuf>, format: &'static str, source: impl Into<BoxError>) -> Error {
        ErrorKind::Input { path: path.into(), format, source: source.into() }.into()
    }

    /// The error and its causes on one line, as the CLI prints them; tests match messages against it.
    #[cfg(test)]
    pub(crate) fn with_causes(&self) -> String {
        let chain = std::iter::successors(Some(self as &dyn std::error::Error), |e| e.source());
        chain.map(|e| e.to_string()).collect::<Vec<_>>().join(": ")
    }

    /// Whether this is an I/O error caused by a closed pipe (`newsnlp ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        ErrorKind::Json(e).into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn io_error_keeps_its_source_and_path() {
        let e = Error::io("reading", "x.jsonl", std::io::Error::other("boom"));
        assert_eq!(e.to_string(), "reading x.jsonl");
        assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "boom");
    }

    #[test]
    fn table_and_input_errors_keep_their_sources() {
        let e = Error::table("mentions", std::io::Error::other("disk full"));
        assert_eq!(e.to_string(), "writing table mentions");
        assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "disk full");
        let e = Error::input("x.parquet", "Parquet", "not a Parquet file");
        assert_eq!(e.to_string(), "cannot read x.parquet as Parquet");
        assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "not a Parquet file");
    }

    #[test]
    fn settings_models_and_data_keep_the_error_that_showed_the_problem() {
        let parse = || "x".parse::<u32>().unwrap_err();
        let cases = [
            ("config", Error::config_caused_by("--jobs", "cannot start the worker threads", parse()), "invalid --jobs: cannot start the worker threads"),
            ("model", Error::model_caused_by("m.json", "not valid JSON", parse()), "model m.json: not valid JSON"),
            ("data", Error::data_caused_by("d.jsonl", 3, "not valid JSON", parse()), "d.jsonl:3: not valid JSON"),
        ];
        for (name, e, display) in cases {
            assert_eq!(e.to_string(), display, "{name}: the message stays short");
            let source = std::error::Error::source(&e).map(|s| s.to_string());
            assert_eq!(source.as_deref(), Some("invalid digit found in string"), "{name}: the cause is kept as the source");
        }
        assert!(std::error::Error::source(&Error::config("x", "y")).is_none(), "a plain message has no source");
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::io("writing", "-", std::io::ErrorKind::BrokenPipe.into());
        assert!(e.is_broken_pipe());
        assert!(!Error::config("x", "y").is_broken_pipe());
    }
}
