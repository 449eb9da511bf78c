//! Where model files live.
//!
//! A model folder is found in this order: an explicit folder (the CLI's
//! `--models-dir`), the `NEWSNLP_MODELS` environment variable, `./models` in
//! the working directory, and the `models/` folder of the source tree the
//! binary was built from. Each model's files, sources and checksums are
//! listed in `models/README.md`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The environment variable that names the models folder.
pub(crate) const ENV_VAR: &str = "NEWSNLP_MODELS";

/// Resolves the models folder.
pub fn models_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("models");
    if local.join("README.md").exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}

/// The path of `relative` inside the models folder, which must exist.
pub fn model_path(explicit: Option<&Path>, relative: &str) -> Result<PathBuf> {
    let dir = models_dir(explicit);
    let path = dir.join(relative);
    if path.exists() {
        Ok(path)
    } else {
        Err(Error::model(
            path,
            format!("not found; point --models-dir or {ENV_VAR} at the folder that holds `{relative}`"),
        ))
    }
}

/// The SHA-256 of a file, as lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    Ok(sha256_hex(&bytes))
}

/// The SHA-256 of bytes, as lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a model file through a temporary file beside it, synced, then renamed over the target, so that a
/// reader never sees half a model and an interrupted run leaves the old file whole.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("partial-write");
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io("creating", &tmp, e))?;
    f.write_all(bytes).map_err(|e| Error::io("writing", &tmp, e))?;
    f.sync_all().map_err(|e| Error::io("writing", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io("renaming", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_folder_wins() {
        assert_eq!(models_dir(Some(Path::new("/x"))), PathBuf::from("/x"));
    }

    #[test]
    fn sha256_is_hex() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
