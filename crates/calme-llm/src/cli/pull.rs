//! `calme model pull`: the online path (not yet implemented).

use super::ModelLocation;

/// Download the official SmolLM2-360M-Instruct ONNX export into the model layout.
#[derive(Debug, Clone, clap::Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub location: ModelLocation,
}

pub fn cli_pull(_args: PullArgs) -> anyhow::Result<()> {
    anyhow::bail!("calme model pull is not implemented yet; run scripts/setup-model.sh for the offline model")
}
