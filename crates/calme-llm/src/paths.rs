//! Where the setup script puts the model and ONNX Runtime, so the core and the script agree.

use std::path::{Path, PathBuf};

/// Directory name of the model the offline setup builds.
pub const MODEL_NAME: &str = "smollm2-135m-instruct";

/// `$CALME_DATA_DIR`, else `~/.local/share/calme`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CALME_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    home.join(".local/share/calme")
}

/// `$DATA/models/smollm2-135m-instruct`.
pub fn default_model_dir(data: &Path) -> PathBuf {
    data.join("models").join(MODEL_NAME)
}

/// `$DATA/runtime/libonnxruntime.so`.
pub fn default_ort_path(data: &Path) -> PathBuf {
    data.join("runtime").join("libonnxruntime.so")
}

/// The model dir from `$CALME_MODEL_DIR`, else the default under the data dir.
pub fn env_model_dir() -> PathBuf {
    match std::env::var_os("CALME_MODEL_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => default_model_dir(&default_data_dir()),
    }
}

/// The ORT library from `$ORT_DYLIB_PATH`, else the default under the data dir.
pub fn env_ort_path() -> PathBuf {
    match std::env::var_os("ORT_DYLIB_PATH").filter(|d| !d.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => default_ort_path(&default_data_dir()),
    }
}

/// `$DATA/models/gemma-3-270m-reader`: the multilingual reading's model.
pub fn default_reader_dir(data: &Path) -> PathBuf {
    data.join("models").join(crate::READER_NAME)
}

/// The multilingual reader from `$CALME_READER_DIR`, else the default under the data dir.
pub fn env_reader_dir() -> PathBuf {
    match std::env::var_os("CALME_READER_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => default_reader_dir(&default_data_dir()),
    }
}
