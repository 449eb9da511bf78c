//! Arbitrary bytes as a CSV file: a clear error or one record per row, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsnlp::ingest::{CsvSource, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"id,title,text\n".to_vec();
    bytes.extend_from_slice(data);
    let path = std::path::Path::new("fuzz.csv");
    if let Ok(source) = CsvSource::from_reader(std::io::Cursor::new(bytes), path, IngestOptions::default(), 0) {
        for record in source {
            let _ = record.expect("reading from memory cannot fail");
        }
    }
});
