//! `hexacoder models`: what is installed in the model cache, and what a spec resolves to.

use hexacoder_model::store;

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Show the architecture and size of this model (name, path or HF repo id) instead.
    #[arg(long)]
    pub inspect: Option<String>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    if let Some(spec) = args.inspect {
        let model = hexacoder_model::Model::load(&spec)?;
        let c = &model.config;
        outln!("source        {}", model.source.display());
        outln!("architecture  {}", c.arch);
        outln!(
            "layers {}  hidden {}  heads {}/{} kv  head_dim {}  ffn {}",
            c.num_layers,
            c.hidden_size,
            c.num_heads,
            c.num_kv_heads,
            c.head_dim,
            c.intermediate_size
        );
        outln!("block         {}", c.describe_block());
        outln!(
            "lora modules  {} (default {})",
            c.layout.modules().join(" "),
            c.layout.default_targets.join(" ")
        );
        outln!("vocabulary    {}  context {}", c.vocab_size, c.max_position);
        outln!(
            "weights       {:.1} MB ({})",
            model.weights.size_in_bytes() as f64 / 1e6,
            model.weights.embed.format()
        );
        outln!(
            "kernels       {}",
            hexacoder_model::quant::kernels::isa().name()
        );
        return Ok(0);
    }
    let installed = store::installed();
    outln!("model cache: {}", store::models_dir().display());
    if installed.is_empty() {
        outln!(
            "no models installed; `bash scripts/setup` installs the default ({})",
            store::DEFAULT_MODEL
        );
        return Ok(0);
    }
    for m in installed {
        let kind = match m.location {
            store::Located::Gguf(_) => "gguf",
            store::Located::HfFolder(_) => "hf",
        };
        let default = if m.name == store::DEFAULT_MODEL {
            "  (default)"
        } else {
            ""
        };
        outln!(
            "{:<20} {:<5} {:>8.1} MB  {}{default}",
            m.name,
            kind,
            m.bytes as f64 / 1e6,
            m.location.path().display()
        );
    }
    Ok(0)
}
