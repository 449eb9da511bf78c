//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/data`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// The `newsnlp` binary, run from the repository root.
pub fn newsnlp() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsnlp"));
    c.current_dir(root());
    c
}

/// Runs `newsnlp` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    newsnlp().args(args).output().expect("newsnlp runs")
}

/// The shared data folder, when `NEWSNLP_SHARED_DATA` points at it.
pub fn shared_data() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var_os("NEWSNLP_SHARED_DATA")?);
    p.is_dir().then_some(p)
}

/// Reads a JSON Lines file into values.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}
