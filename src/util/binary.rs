//! Reading little-endian binary files: a cursor over bytes whose every read checks the length, so that a
//! truncated or corrupt file is an error message, never a panic or a huge allocation.
//!
//! Errors are plain strings: the caller knows the file and wraps them into its own error with the path.

/// A cursor over bytes.
pub(crate) struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    /// A reader at the start of `bytes`.
    pub(crate) fn new(bytes: &'b [u8]) -> Self {
        Reader { bytes }
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        if self.bytes.len() < n {
            return Err(format!("truncated: wanted {n} more bytes, {} left", self.bytes.len()));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    /// Checks a file's magic bytes and reads its little-endian u32 format version, which must lie in
    /// `versions`; `what` names the kind of file in the errors ("entity tagger model").
    pub(crate) fn header(&mut self, magic: &[u8], versions: std::ops::RangeInclusive<u32>, what: &str) -> Result<u32, String> {
        if self.take(magic.len())? != magic {
            return Err(format!("not a newsnlp {what} (bad magic bytes)"));
        }
        let version = self.u32()?;
        if !versions.contains(&version) {
            return Err(format!("{what} format version {version}; this build reads versions {} to {}", versions.start(), versions.end()));
        }
        Ok(version)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    /// A little-endian u64.
    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        self.array().map(u64::from_le_bytes)
    }

    /// A little-endian u32.
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        self.array().map(u32::from_le_bytes)
    }

    /// A little-endian u16.
    pub(crate) fn u16(&mut self) -> Result<u16, String> {
        self.array().map(u16::from_le_bytes)
    }

    /// A little-endian f32.
    pub(crate) fn f32(&mut self) -> Result<f32, String> {
        self.array().map(f32::from_le_bytes)
    }

    /// A u64 count of items of `size` bytes each that must still fit in the
    /// bytes left, so that a corrupt count cannot ask for a huge allocation.
    pub(crate) fn count(&mut self, size: usize) -> Result<usize, String> {
        let n = self.u64()?;
        if n.saturating_mul(size as u64) > self.bytes.len() as u64 {
            return Err(format!("truncated or corrupt: {n} items of {size} bytes announced, {} bytes left", self.bytes.len()));
        }
        Ok(n as usize)
    }

    /// Whether everything was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_little_endian_values_in_order() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&0x0102_0304_0506_0708u64.to_le_bytes());
        bytes.extend_from_slice(&7u32.to_le_bytes());
        bytes.extend_from_slice(&9u16.to_le_bytes());
        bytes.extend_from_slice(&1.5f32.to_le_bytes());
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u64(), Ok(0x0102_0304_0506_0708));
        assert_eq!(r.u32(), Ok(7));
        assert_eq!(r.u16(), Ok(9));
        assert_eq!(r.f32(), Ok(1.5));
        assert!(r.is_empty(), "everything was read");
    }

    #[test]
    fn short_or_corrupt_input_is_an_error() {
        let cases: [(&str, Vec<u8>, fn(&mut Reader<'_>) -> bool); 3] = [
            ("a u64 from four bytes", vec![0; 4], |r| r.u64().is_err()),
            ("more bytes than there are", vec![0; 2], |r| r.take(3).is_err()),
            ("a count larger than the bytes left", u64::MAX.to_le_bytes().to_vec(), |r| r.count(8).is_err()),
        ];
        for (name, bytes, fails) in cases {
            assert!(fails(&mut Reader::new(&bytes)), "{name} must be an error");
        }
    }
}
