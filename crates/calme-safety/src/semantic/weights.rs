//! Reader for `weights.json` + `weights.bin`, the layout written by
//! `tools/encoder/use_export.py`: a JSON manifest of named tensors
//! (`dtype` `u8` or `f32`, row-major `shape`, byte `offset`) over one raw
//! little-endian file whose total `size` the manifest also records, so a
//! truncated download is caught before any tensor is read.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::error::{read, LoadError};

const FORMAT: &str = "calme-use-m3-weights/1";

#[derive(Deserialize)]
struct Manifest {
    format: String,
    file: String,
    size: usize,
    eps: f64,
    tensors: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    dtype: String,
    shape: Vec<usize>,
    offset: usize,
}

/// The raw weights file plus its manifest, handing out tensors by name
/// after checking dtype, shape and bounds.
pub(super) struct Weights {
    path: PathBuf,
    bytes: Vec<u8>,
    entries: FxHashMap<String, Entry>,
    pub(super) eps: f32,
}

impl Weights {
    /// Reads `dir/weights.json` and the data file it names.
    pub(super) fn open(dir: &Path) -> Result<Weights, LoadError> {
        let manifest_path = dir.join("weights.json");
        let manifest: Manifest = serde_json::from_slice(&read(&manifest_path)?)
            .map_err(|e| LoadError::corrupt(&manifest_path, e.to_string()))?;
        if manifest.format != FORMAT {
            return Err(LoadError::corrupt(&manifest_path, format!("format {:?}, expected {FORMAT:?}", manifest.format)));
        }
        let path = dir.join(&manifest.file);
        let bytes = read(&path)?;
        if bytes.len() != manifest.size {
            return Err(LoadError::corrupt(&path, format!("{} bytes, the manifest says {}", bytes.len(), manifest.size)));
        }
        let entries = manifest.tensors.into_iter().map(|e| (e.name.clone(), e)).collect();
        Ok(Weights { path, bytes, entries, eps: manifest.eps as f32 })
    }

    /// The byte range of tensor `name`, checked against the expected dtype and shape.
    fn range(&self, name: &str, dtype: &str, shape: &[usize]) -> Result<std::ops::Range<usize>, LoadError> {
        let entry = self.entries.get(name).ok_or_else(|| self.corrupt(format!("tensor {name} is missing")))?;
        if entry.dtype != dtype || entry.shape != shape {
            return Err(self.corrupt(format!(
                "tensor {name} is {} {:?}, expected {dtype} {shape:?}",
                entry.dtype, entry.shape
            )));
        }
        let width = if dtype == "f32" { 4 } else { 1 };
        let len = shape.iter().product::<usize>() * width;
        let end = entry.offset.checked_add(len).filter(|&end| end <= self.bytes.len());
        end.map(|end| entry.offset..end)
            .ok_or_else(|| self.corrupt(format!("tensor {name} runs past the end of the file")))
    }

    /// An f32 tensor of exactly `shape`, copied out of the file.
    pub(super) fn f32(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, LoadError> {
        let range = self.range(name, "f32", shape)?;
        Ok(self.bytes[range].chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }

    /// A u8 tensor of exactly `shape`. Consumes the weights so the (large)
    /// file buffer is reused in place instead of copied; call it last.
    pub(super) fn into_u8(self, name: &str, shape: &[usize]) -> Result<Vec<u8>, LoadError> {
        let range = self.range(name, "u8", shape)?;
        let mut bytes = self.bytes;
        bytes.truncate(range.end);
        bytes.drain(..range.start);
        Ok(bytes)
    }

    pub(super) fn corrupt(&self, reason: String) -> LoadError {
        LoadError::corrupt(&self.path, reason)
    }
}
