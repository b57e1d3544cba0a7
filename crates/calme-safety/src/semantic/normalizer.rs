//! sentencepiece's `nmt_nfkc` normaliser, driven by the model's own
//! precompiled charsmap (so it is exactly the normalisation the model was
//! trained with, not a re-derivation from Unicode tables), plus
//! sentencepiece's whitespace handling: leading/trailing/repeated
//! whitespace removed, a dummy prefix space added, and every space written
//! as `▁` (U+2581).
//!
//! The charsmap is a darts-clone double-array trie over UTF-8 byte strings
//! whose leaves point into a table of NUL-terminated replacements; at each
//! position the longest matching key wins (`Normalizer::NormalizePrefix`).

const SPACE_SYMBOL: &[u8] = "\u{2581}".as_bytes();

pub(super) struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
}

impl Normalizer {
    /// Parses the charsmap: a little-endian u32 trie size in bytes, the trie
    /// units, then the replacement strings.
    pub(super) fn from_charsmap(bytes: &[u8]) -> Result<Normalizer, String> {
        let head: [u8; 4] = bytes.get(..4).and_then(|b| b.try_into().ok()).ok_or("shorter than its header")?;
        let trie_size = u32::from_le_bytes(head) as usize;
        let trie = bytes.get(4..4 + trie_size).map(|t| t.chunks_exact(4));
        let Some(trie) = trie.filter(|t| trie_size > 0 && t.remainder().is_empty()) else {
            return Err(format!("trie size {trie_size} does not fit a {}-byte file", bytes.len()));
        };
        let units = trie.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        Ok(Normalizer { units, replacements: bytes[4 + trie_size..].to_vec() })
    }

    /// Normalises `text` the way sentencepiece does before segmentation.
    /// Returns an empty string when nothing but whitespace remains.
    pub(super) fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        while pos < raw.len() {
            let (piece, len) = self.prefix(raw, pos);
            if piece != b" " {
                break;
            }
            pos += len;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out = Vec::with_capacity(raw.len() + 16);
        out.extend_from_slice(SPACE_SYMBOL);
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut piece, len) = self.prefix(raw, pos);
            pos += len;
            if prev_space {
                while let [b' ', rest @ ..] = piece {
                    piece = rest;
                }
            }
            let Some(&last) = piece.last() else { continue };
            for &b in piece {
                if b == b' ' {
                    out.extend_from_slice(SPACE_SYMBOL);
                } else {
                    out.push(b);
                }
            }
            prev_space = last == b' ';
        }
        while out.ends_with(SPACE_SYMBOL) {
            out.truncate(out.len() - SPACE_SYMBOL.len());
        }
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The normalised form of the longest charsmap key at `raw[pos..]` and
    /// the number of input bytes it consumes; without a match, the UTF-8
    /// character at `pos` unchanged.
    fn prefix<'a>(&'a self, raw: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        let (len, value) = self.longest_match(&raw[pos..]);
        if len > 0 && value < self.replacements.len() {
            let tail = &self.replacements[value..];
            let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
            return (&tail[..end], len);
        }
        let len = utf8_len(&raw[pos..]);
        (&raw[pos..pos + len], len)
    }

    /// Walks the double-array trie over `bytes`; returns the length of the
    /// longest key that is a prefix of `bytes` and its value (0, 0 if none).
    fn longest_match(&self, bytes: &[u8]) -> (usize, usize) {
        let mut best = (0, 0);
        let Some(&root) = self.units.first() else { return best };
        let mut node = offset(root);
        for (i, &c) in bytes.iter().enumerate() {
            node ^= c as usize;
            let Some(&unit) = self.units.get(node) else { break };
            if unit & 0x8000_00FF != c as u32 {
                break;
            }
            node ^= offset(unit);
            if unit & 0x100 != 0 {
                let Some(&leaf) = self.units.get(node) else { break };
                best = (i + 1, (leaf & 0x7FFF_FFFF) as usize);
            }
        }
        best
    }
}

/// darts-clone: the child offset packed in a unit.
fn offset(unit: u32) -> usize {
    ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
}

/// Byte length of the UTF-8 character starting `bytes` (never 0 for a
/// non-empty slice; 1 for a stray byte, as sentencepiece does).
fn utf8_len(bytes: &[u8]) -> usize {
    let len = match bytes[0] {
        b if b < 0x80 => 1,
        b if b >> 5 == 0x6 => 2,
        b if b >> 4 == 0xE => 3,
        b if b >> 3 == 0x1E => 4,
        _ => 1,
    };
    if len > bytes.len() || bytes[1..len].iter().any(|&b| b & 0xC0 != 0x80) {
        return 1;
    }
    len
}
