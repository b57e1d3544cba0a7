//! `calme model pull`: the online path. Downloads an official ONNX export and its tokenizer from
//! the Hugging Face hub (progress bar, checksums), writes `calme-model.json`, then loads the
//! directory with the same code as the offline model. Only the download differs.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use hf_hub::api::sync::ApiBuilder;
use hf_hub::{Repo, RepoType};
use sha2::Digest;

use super::ModelLocation;
use crate::config::ChatFormat;
use crate::paths::default_data_dir;
use crate::{Engine, EngineOptions, KvLayout, ModelConfig, Tokenizer};

/// Download the official SmolLM2-360M-Instruct ONNX export into the model layout.
#[derive(Debug, Clone, clap::Args)]
pub struct PullArgs {
    /// Hugging Face model repository.
    #[arg(long, default_value = "HuggingFaceTB/SmolLM2-360M-Instruct")]
    pub repo: String,
    /// Revision (branch, tag or commit).
    #[arg(long, default_value = "main")]
    pub revision: String,
    /// ONNX file in the repository (an Optimum export with fp32 past key/values).
    #[arg(long, default_value = "onnx/model.onnx")]
    pub onnx_file: String,
    /// Target directory [default: $CALME_DATA_DIR/models/<repo name, lower case>]
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub location: ModelLocation,
}

pub fn cli_pull(args: PullArgs) -> anyhow::Result<()> {
    let name = args.repo.rsplit('/').next().unwrap_or(&args.repo).to_string();
    let out = args.out.clone().unwrap_or_else(|| default_data_dir().join("models").join(name.to_lowercase()));
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let api = ApiBuilder::from_env().with_progress(true).build().context("cannot set up the Hugging Face client")?;
    let repo = api.repo(Repo::with_revision(args.repo.clone(), RepoType::Model, args.revision.clone()));

    let fetch = |remote: &str, local: &str| -> anyhow::Result<PathBuf> {
        let cached = repo.get(remote).with_context(|| format!("downloading {remote} from {}", args.repo))?;
        verify_checksum(&cached).with_context(|| format!("checksum of {remote}"))?;
        let target = out.join(local);
        std::fs::copy(&cached, &target).with_context(|| format!("copying to {}", target.display()))?;
        println!("pull: {remote} ok");
        Ok(target)
    };
    fetch(&args.onnx_file, "model.onnx")?;
    // Large exports keep their weights next to the graph, under the name the graph refers to.
    let data_name = format!("{}_data", args.onnx_file.rsplit('/').next().unwrap_or("model.onnx"));
    let data_remote = match args.onnx_file.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{data_name}"),
        None => data_name.clone(),
    };
    if repo.get(&data_remote).is_ok() {
        fetch(&data_remote, &data_name)?;
    }
    fetch("tokenizer.json", "tokenizer.json")?;
    let config = fetch("config.json", "hf-config.json")?;
    let tok_config = fetch("tokenizer_config.json", "hf-tokenizer_config.json")?;

    let cfg = config_from_hf(&name, &config, &tok_config, &out.join("tokenizer.json"))?;
    cfg.save(&out)?;
    println!("pull: wrote {}", out.join(crate::CONFIG_FILE).display());
    // Same loading code as the offline model.
    let engine = Engine::load(EngineOptions {
        model_dir: out.clone(),
        ort_dylib: args.location.ort_dylib.clone(),
        ..EngineOptions::default()
    })?;
    println!("pull: loaded {} ({} tokens of context); use CALME_MODEL_DIR={}", engine.model_name(), engine.context_length(), out.display());
    Ok(())
}

/// `calme-model.json` from a Hugging Face `config.json` and `tokenizer_config.json`.
pub fn config_from_hf(name: &str, config: &Path, tokenizer_config: &Path, tokenizer: &Path) -> anyhow::Result<ModelConfig> {
    let read = |p: &Path| -> anyhow::Result<serde_json::Value> {
        Ok(serde_json::from_str(&std::fs::read_to_string(p).with_context(|| p.display().to_string())?)?)
    };
    let c = read(config)?;
    let t = read(tokenizer_config)?;
    let num = |k: &str| c[k].as_u64().map(|v| v as usize).with_context(|| format!("config.json has no {k}"));
    let heads = num("num_attention_heads")?;
    let hidden = num("hidden_size")?;
    let template = t["chat_template"].as_str().context("tokenizer_config.json has no chat_template")?.to_string();
    let tok = Tokenizer::load(tokenizer)?;
    let id_of = |v: &serde_json::Value| v.as_u64().or_else(|| v.as_array()?.first()?.as_u64()).map(|v| v as u32);
    let eos = id_of(&c["eos_token_id"]).or_else(|| tok.token_id("<|im_end|>")).context("no eos token")?;
    let mut stops: Vec<u32> = ["<|im_end|>", "<|endoftext|>"].iter().filter_map(|s| tok.token_id(s)).collect();
    if !stops.contains(&eos) {
        stops.push(eos);
    }
    Ok(ModelConfig {
        name: name.to_string(),
        num_layers: num("num_hidden_layers")?,
        num_heads: heads,
        num_kv_heads: num("num_key_value_heads").unwrap_or(heads),
        head_dim: num("head_dim").unwrap_or(hidden / heads),
        hidden_size: hidden,
        vocab_size: num("vocab_size")?,
        context_length: num("max_position_embeddings")?,
        bos_token_id: id_of(&c["bos_token_id"]).unwrap_or(eos),
        eos_token_id: eos,
        stop_token_ids: stops,
        chat: ChatFormat::from_template(&template)?,
        chat_template: template,
        model_file: "model.onnx".into(),
        tokenizer_file: "tokenizer.json".into(),
        kv_layout: KvLayout::Growing,
        has_position_ids: true,
    })
}

/// The hub names cached blobs by their checksum: sha256 for LFS files, git's blob sha1 otherwise.
/// Feeds the rest of `file` into `h` and returns the hex digest.
fn digest_rest<D: sha2::Digest>(mut h: D, file: &mut std::fs::File) -> std::io::Result<String> {
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&h.finalize()));
        }
        h.update(&buf[..n]);
    }
}

fn verify_checksum(cached: &Path) -> anyhow::Result<()> {
    let blob = std::fs::canonicalize(cached)?;
    let expected = blob.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    let mut file = std::fs::File::open(&blob)?;
    let actual = match expected.len() {
        64 => digest_rest(sha2::Sha256::new(), &mut file)?,
        40 => {
            // Git's blob id: sha1 over a "blob <len>\0" header and the content.
            let len = file.metadata()?.len();
            let mut h = sha1::Sha1::new();
            h.update(format!("blob {len}\0").as_bytes());
            digest_rest(h, &mut file)?
        }
        _ => bail!("cannot tell the checksum of {} (blob name {expected:?})", cached.display()),
    };
    if actual != expected {
        bail!("{} is corrupt: expected {expected}, got {actual}", cached.display());
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_accepts_the_blob_name_and_rejects_corruption() {
        let dir = std::env::temp_dir().join(format!("calme-pull-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sha = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // sha256("hello")
        std::fs::write(dir.join(sha), "hello").unwrap();
        assert!(verify_checksum(&dir.join(sha)).is_ok());
        std::fs::write(dir.join(sha), "hellO").unwrap();
        assert!(verify_checksum(&dir.join(sha)).is_err());
        let git = "b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0"; // git hash-object of "hello"
        std::fs::write(dir.join(git), "hello").unwrap();
        assert!(verify_checksum(&dir.join(git)).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn config_from_hf_reads_llama_fields() {
        let Some(model_dir) = Some(crate::paths::env_model_dir()).filter(|d| d.join("tokenizer.json").is_file()) else { return };
        let dir = std::env::temp_dir().join(format!("calme-pull-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.json"), r#"{"num_hidden_layers":32,"num_attention_heads":15,"num_key_value_heads":5,
            "hidden_size":960,"vocab_size":49152,"max_position_embeddings":8192,"bos_token_id":1,"eos_token_id":2}"#).unwrap();
        std::fs::write(dir.join("tokenizer_config.json"), r#"{"chat_template":"{{'<|im_start|>system\nYou are SmolLM<|im_end|>\n'}}"}"#).unwrap();
        let cfg = config_from_hf("x", &dir.join("config.json"), &dir.join("tokenizer_config.json"), &model_dir.join("tokenizer.json")).unwrap();
        assert_eq!((cfg.num_layers, cfg.num_kv_heads, cfg.head_dim), (32, 5, 64));
        assert_eq!(cfg.chat.default_system.as_deref(), Some("You are SmolLM"));
        assert!(cfg.stop_token_ids.contains(&2));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
