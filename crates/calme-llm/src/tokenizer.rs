//! The model's byte-level BPE tokenizer (`tokenizer.json`, read by the `tokenizers` crate),
//! plus a per-token byte table so streamed text can be decoded without half characters.

use std::path::Path;

use crate::LlmError;

pub struct Tokenizer {
    inner: tokenizers::Tokenizer,
    /// Raw bytes of each token id; special tokens decode to nothing.
    token_bytes: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").field("vocab", &self.token_bytes.len()).finish()
    }
}

impl Tokenizer {
    pub fn load(path: &Path) -> Result<Tokenizer, LlmError> {
        let inner = tokenizers::Tokenizer::from_file(path).map_err(|e| LlmError::ModelMissing {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let token_bytes = byte_table(&inner);
        Ok(Tokenizer { inner, token_bytes })
    }

    /// Token ids of `text`; ChatML special tokens written inline are recognised.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        match self.inner.encode_fast(text, false) {
            Ok(enc) => enc.get_ids().to_vec(),
            Err(e) => {
                tracing::warn!(error = %e, "tokenizer failed to encode");
                Vec::new()
            }
        }
    }

    pub fn count(&self, text: &str) -> usize {
        self.encode(text).len()
    }

    /// The raw bytes a token stands for (empty for special tokens and unknown ids).
    pub fn token_bytes(&self, id: u32) -> &[u8] {
        self.token_bytes.get(id as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Decodes ids to text, dropping special tokens; invalid UTF-8 becomes U+FFFD.
    pub fn decode(&self, ids: &[u32]) -> String {
        let bytes: Vec<u8> = ids.iter().flat_map(|&id| self.token_bytes(id).iter().copied()).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.inner.token_to_id(token)
    }

    pub fn vocab_size(&self) -> usize {
        self.token_bytes.len()
    }
}

/// GPT-2's byte-to-unicode map, inverted: printable stand-in char -> byte.
fn unicode_to_byte() -> std::collections::HashMap<char, u8> {
    let mut bs: Vec<u32> = (b'!' as u32..=b'~' as u32).chain(0xA1..=0xAC).chain(0xAE..=0xFF).collect();
    let mut cs = bs.clone();
    let mut n = 0;
    for b in 0..256u32 {
        if !bs.contains(&b) {
            bs.push(b);
            cs.push(256 + n);
            n += 1;
        }
    }
    bs.into_iter()
        .zip(cs)
        .filter_map(|(b, c)| char::from_u32(c).map(|c| (c, b as u8)))
        .collect()
}

fn byte_table(tok: &tokenizers::Tokenizer) -> Vec<Vec<u8>> {
    let map = unicode_to_byte();
    let size = tok.get_vocab_size(true);
    let special: std::collections::HashSet<u32> = tok
        .get_added_tokens_decoder()
        .into_iter()
        .filter(|(_, t)| t.special)
        .map(|(id, _)| id)
        .collect();
    (0..size as u32)
        .map(|id| {
            if special.contains(&id) {
                return Vec::new();
            }
            match tok.id_to_token(id) {
                Some(s) => s
                    .chars()
                    .flat_map(|c| match map.get(&c) {
                        Some(&b) => vec![b],
                        None => c.to_string().into_bytes(),
                    })
                    .collect(),
                None => Vec::new(),
            }
        })
        .collect()
}
