//! Arbitrary bytes as a JSON Lines dump: every line becomes exactly one record, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsnlp::ingest::{IngestOptions, InvalidUtf8, JsonLinesSource};

fuzz_target!(|data: &[u8]| {
    for lossy in [false, true] {
        let options = IngestOptions {
            invalid_utf8: if lossy { InvalidUtf8::Lossy } else { InvalidUtf8::Reject },
            max_article_bytes: 4096,
            ..Default::default()
        };
        let source = JsonLinesSource::from_reader(std::io::Cursor::new(data.to_vec()), "fuzz.jsonl", options, 0);
        let mut expected_seq = 0;
        for record in source {
            let record = record.expect("reading from memory cannot fail");
            assert_eq!(record.seq(), expected_seq, "records are numbered consecutively");
            expected_seq += 1;
        }
        let lines = data.split(|b| *b == b'\n').filter(|l| !l.iter().all(|b| b.is_ascii_whitespace())).count();
        assert!(expected_seq as usize <= lines);
    }
});
