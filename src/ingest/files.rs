//! One article per file: a `.txt` or `.html` file, or a folder of them
//! (recursively, in sorted path order so that runs are reproducible).
//!
//! A folder is listed once, up front ([`Listing`]): the files that are not
//! articles (a `.bin`, a `.pdf`) are kept aside there, so that a run can
//! report them before the reader is handed to the batch runner.

use std::path::{Path, PathBuf};

use super::{decode_utf8, display_path, ArticleSource, IngestOptions};
use super::encoding::decode_html_bytes;
use crate::document::{Article, Record, RejectReason, Rejected, TextFormat};
use crate::error::{Error, Result};

/// The files of one input: a single file, or the article files under a folder.
#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// The folder article ids are relative to.
    root: PathBuf,
    /// The files to read, in order.
    files: Vec<PathBuf>,
    /// Files of the folder that are not read, in order.
    skipped: Vec<PathBuf>,
}

impl Listing {
    /// Lists `path`: itself when it is a file, else every file under it.
    pub(crate) fn of(path: &Path) -> Result<Listing> {
        if !path.is_dir() {
            let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
            return Ok(Listing { root, files: vec![path.to_path_buf()], skipped: Vec::new() });
        }
        let mut listing = Listing { root: path.to_path_buf(), files: Vec::new(), skipped: Vec::new() };
        collect(path, &mut listing)?;
        listing.files.sort();
        listing.skipped.sort();
        Ok(listing)
    }

    /// Files of the folder that are not read.
    pub(crate) fn skipped(&self) -> &[PathBuf] {
        &self.skipped
    }
}

/// Reads `.txt` and `.html` files as articles.
pub struct FileSource {
    files: std::vec::IntoIter<PathBuf>,
    root: PathBuf,
    skipped: Vec<PathBuf>,
    options: IngestOptions,
    next_seq: u64,
    bytes: u64,
}

impl FileSource {
    /// A single file, or every `.txt`/`.html`/`.htm` file under a folder.
    pub fn open(path: &Path, options: IngestOptions, first_seq: u64) -> Result<FileSource> {
        Ok(FileSource::from_listing(Listing::of(path)?, options, first_seq))
    }

    /// Reads the files of a listing made earlier.
    pub(crate) fn from_listing(listing: Listing, options: IngestOptions, first_seq: u64) -> FileSource {
        let Listing { root, files, skipped } = listing;
        FileSource { files: files.into_iter(), root, skipped, options, next_seq: first_seq, bytes: 0 }
    }

    fn read(&mut self, path: PathBuf) -> Record {
        let seq = self.next_seq;
        self.next_seq += 1;
        let id = file_id(&self.root, &path);
        let source = display_path(&path);
        let reject = |reason| Record::Rejected(Rejected { seq, id: Some(id.clone()), source: source.clone(), reason });
        let size = std::fs::metadata(&path).map(|m| m.len() as usize).unwrap_or(0);
        if size > self.options.max_article_bytes {
            return reject(RejectReason::TooLarge { bytes: size, limit: self.options.max_article_bytes });
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => return reject(RejectReason::Unreadable(e.to_string())),
        };
        self.bytes += bytes.len() as u64;
        let html = is_html_name(&path);
        let (text, lossy) = if html {
            (decode_html_bytes(&bytes), false)
        } else {
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").map(<[u8]>::to_vec).unwrap_or(bytes);
            match decode_utf8(bytes, self.options.invalid_utf8) {
                Ok(t) => t,
                Err(reason) => return reject(reason),
            }
        };
        if text.trim().is_empty() {
            return reject(RejectReason::MissingText { field: "file contents".into() });
        }
        Record::Article(Article {
            seq,
            id: Some(id),
            source,
            format: if html || super::looks_like_html(&text) { TextFormat::Html } else { TextFormat::Text },
            text,
            lossy_utf8: lossy,
            ..Default::default()
        })
    }
}

fn is_html_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

fn is_article_file(path: &Path) -> bool {
    is_html_name(path)
        || path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "text"))
}

fn collect(dir: &Path, out: &mut Listing) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("listing", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("listing", dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io("listing", &path, e))?;
        if kind.is_dir() {
            collect(&path, out)?;
        } else if is_article_file(&path) {
            out.files.push(path);
        } else {
            out.skipped.push(path);
        }
    }
    Ok(())
}

/// The article id of a file: its path below the input folder, without extension.
fn file_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.with_extension("");
    let id = rel.to_string_lossy().replace('\\', "/");
    if id.is_empty() {
        "article".to_string()
    } else {
        id
    }
}

impl Iterator for FileSource {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        let path = self.files.next()?;
        Some(Ok(self.read(path)))
    }
}

impl ArticleSource for FileSource {
    fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn skipped_files(&self) -> &[PathBuf] {
        &self.skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_read_recursively_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "Second story.").unwrap();
        std::fs::write(dir.path().join("sub/a.html"), "<html><body><p>First.</p></body></html>").unwrap();
        std::fs::write(dir.path().join("skip.json"), "{}").unwrap();
        std::fs::write(dir.path().join("empty.txt"), "  ").unwrap();
        let source = FileSource::open(dir.path(), IngestOptions::default(), 0).unwrap();
        assert_eq!(source.skipped_files(), [dir.path().join("skip.json")], "files that are not articles are listed");
        let recs: Vec<_> = source.map(|r| r.unwrap()).collect();
        let ids: Vec<_> = recs
            .iter()
            .map(|r| match r {
                Record::Article(a) => (a.id.clone().unwrap(), a.format == TextFormat::Html),
                Record::Rejected(r) => (format!("rejected:{}", r.id.clone().unwrap()), false),
            })
            .collect();
        assert_eq!(
            ids,
            vec![("b".to_string(), false), ("rejected:empty".to_string(), false), ("sub/a".to_string(), true)]
        );
    }
}
