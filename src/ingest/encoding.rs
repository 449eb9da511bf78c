//! The raw bytes of a page → text.
//!
//! In order: a byte-order mark; a charset declared in a `<meta charset>` or
//! `http-equiv` tag, or an XML declaration, near the top; UTF-8 when the
//! bytes are (almost all) valid UTF-8; otherwise a guess by chardetng.
//! Declarations are checked against the bytes because pages often lie:
//! a page that declares Latin-1 but is valid UTF-8 is UTF-8, and one that
//! declares UTF-8 but is full of invalid sequences is whatever chardetng
//! recognises.

use encoding_rs::{Encoding, ISO_2022_JP, UTF_16BE, UTF_16LE, UTF_8};

/// How far into the page a charset declaration is looked for.
const DECLARATION_WINDOW: usize = 8 * 1024;

/// Decodes the raw bytes of an HTML page (see the module documentation).
pub fn decode_html_bytes(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let declared = declared_charset(&bytes[..bytes.len().min(DECLARATION_WINDOW)]);
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 is UTF-8 whatever the page declares (a Latin-1 page with
        // non-ASCII text is never valid UTF-8; ASCII reads the same in both),
        // except in the one ASCII-based encoding that shifts with escapes.
        return match declared {
            Some(enc) if enc == ISO_2022_JP => enc.decode_without_bom_handling(bytes).0.into_owned(),
            _ => text.to_owned(),
        };
    }
    let utf8 = Utf8Check::of(bytes);
    match declared {
        Some(enc) if enc == UTF_8 && utf8.mostly_valid() => lossy_utf8(bytes),
        Some(enc) if enc != UTF_8 => enc.decode_without_bom_handling(bytes).0.into_owned(),
        _ if utf8.mostly_valid() => lossy_utf8(bytes),
        _ => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Allow).decode_without_bom_handling(bytes).0.into_owned()
        }
    }
}

fn lossy_utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Counts of valid multi-byte sequences and invalid bytes.
struct Utf8Check {
    multibyte: usize,
    invalid: usize,
}

impl Utf8Check {
    fn of(mut bytes: &[u8]) -> Utf8Check {
        let mut check = Utf8Check { multibyte: 0, invalid: 0 };
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    check.multibyte += count_multibyte(s);
                    return check;
                }
                Err(e) => {
                    let (valid, rest) = bytes.split_at(e.valid_up_to());
                    check.multibyte += count_multibyte(std::str::from_utf8(valid).unwrap_or(""));
                    check.invalid += 1;
                    bytes = &rest[e.error_len().unwrap_or(rest.len()).min(rest.len())..];
                }
            }
        }
    }

    /// A few stray bytes in text that is otherwise UTF-8.
    fn mostly_valid(&self) -> bool {
        self.invalid * 4 < self.multibyte
    }
}

fn count_multibyte(s: &str) -> usize {
    s.bytes().filter(|&b| b >= 0xc0).count()
}

/// The charset of the first `<meta>` or XML declaration that names one.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &head[pos..]) {
        let start = pos + off;
        let rest = &head[start + 1..];
        let is_meta = rest.len() > 5 && rest[..4].eq_ignore_ascii_case(b"meta") && rest[4].is_ascii_whitespace();
        let is_xml = rest.starts_with(b"?xml");
        pos = start + 1;
        if !(is_meta || is_xml) {
            continue;
        }
        let end = memchr::memchr(b'>', rest).map_or(head.len(), |k| start + 1 + k);
        let tag = &head[start..end];
        let key: &[u8] = if is_xml { b"encoding" } else { b"charset" };
        if let Some(enc) = label_after(tag, key) {
            // A page in UTF-16 cannot say so in ASCII: such declarations mean UTF-8 (HTML spec).
            return Some(if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc });
        }
        pos = end;
    }
    None
}

/// The encoding named after `key` (`charset=...`, `encoding="..."`) in a tag.
fn label_after(tag: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let at = tag.windows(key.len()).position(|w| w.eq_ignore_ascii_case(key))?;
    let mut i = at + key.len();
    while i < tag.len() && matches!(tag[i], b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'"' | b'\'') {
        i += 1;
    }
    let start = i;
    while i < tag.len() && (tag[i].is_ascii_alphanumeric() || matches!(tag[i], b'-' | b'_' | b':' | b'.')) {
        i += 1;
    }
    Encoding::for_label(&tag[start..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_honoured_and_checked_against_the_bytes() {
        let cases: [(&[u8], &str, &str); 9] = [
            (b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>", "caf\u{e9}", "meta charset"),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93hi\x94</p>",
                "\u{201c}hi\u{201d}",
                "http-equiv",
            ),
            (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "caf\u{e9}", "UTF-8 byte-order mark"),
            ("<meta charset=iso-8859-1><p>caf\u{e9}</p>".as_bytes(), "caf\u{e9}", "valid UTF-8 declared as Latin-1"),
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><p>\xb3\xf3d\xbc</p>",
                "\u{142}\u{f3}d\u{17a}",
                "XML declaration",
            ),
            (
                b"<meta charset=utf-8><p>Gr\xc3\xbc\xc3\x9fe, K\xc3\xbcche, M\xc3\xbche, \xc3\xbcber</p>\xfc",
                "Gr\u{fc}\u{df}e",
                "a stray byte in UTF-8 text",
            ),
            (
                b"<meta charset=utf-8><p>K\xfcche und M\xfche \xfcber \xe4u\xdferst</p>",
                "K\u{fc}che",
                "declared UTF-8, really Latin-1",
            ),
            (b"<p>Gr\xfc\xdfe aus K\xf6ln, sch\xf6ne Gr\xfc\xdfe</p>", "Gr\u{fc}\u{df}e", "undeclared Latin-1"),
            (b"<p>charset=koi8-r is just text here</p>", "charset=koi8-r", "charset outside a meta tag"),
        ];
        for (bytes, want, what) in cases {
            let got = decode_html_bytes(bytes);
            assert!(got.contains(want), "{what}: {got:?} should contain {want:?}");
        }
    }

    #[test]
    fn odd_bytes_never_panic() {
        for bytes in [&b""[..], b"<", b"<meta", b"<meta charset=", b"<?xml", b"\xff\xfe", b"\xfe\xff\x00<", b"\xc3"] {
            let _ = decode_html_bytes(bytes);
        }
    }
}
