//! The one error [`super::Encoder::load`] returns: which file, and what is wrong with it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Loading the exported model failed; the message names the file so the
/// operator knows to re-run `scripts/setup-model.sh`.
#[derive(Debug)]
pub enum LoadError {
    /// The file is missing or unreadable.
    Io { path: PathBuf, source: std::io::Error },
    /// The file is there but its content is not what the exporter writes
    /// (truncated, wrong format, inconsistent shapes).
    Corrupt { path: PathBuf, reason: String },
}

impl LoadError {
    pub(super) fn corrupt(path: &Path, reason: impl Into<String>) -> Self {
        LoadError::Corrupt { path: path.to_path_buf(), reason: reason.into() }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, source } => {
                write!(f, "semantic encoder: cannot read {}: {source} (run scripts/setup-model.sh)", path.display())
            }
            LoadError::Corrupt { path, reason } => {
                write!(f, "semantic encoder: {} is corrupt: {reason} (re-run scripts/setup-model.sh)", path.display())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            LoadError::Corrupt { .. } => None,
        }
    }
}

/// Reads a whole file, mapping failure to [`LoadError::Io`] naming it.
pub(super) fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })
}
