pub mod eval;
pub mod generate;
pub mod models;
pub mod oracle_eval;
pub mod rules;
pub mod run;
pub mod scan;
pub mod serve;
pub mod synth;
pub mod train;

use indicatif::{ProgressBar, ProgressStyle};

/// The `--precision` flag of the commands that run the model.
pub fn precision(flag: &str) -> Result<hexacoder_model::weights::Precision, crate::Failure> {
    match flag {
        "fast" => Ok(hexacoder_model::weights::Precision::Fast),
        "exact" => Ok(hexacoder_model::weights::Precision::Exact),
        other => Err(crate::Failure(format!(
            "--precision `{other}`: expected fast or exact"
        ))),
    }
}

/// The `--device` flag of the commands that run the model, checked before the slow load.
pub fn device(flag: &str) -> Result<hexacoder_model::Device, crate::Failure> {
    let device: hexacoder_model::Device = flag
        .parse()
        .map_err(|_| crate::Failure(format!("--device `{flag}`: expected cpu, cuda or cuda:N")))?;
    if device != hexacoder_model::Device::Cpu && !hexacoder_model::device::CUDA_BUILT {
        return Err(crate::Failure(format!(
            "--device {device}: this hexacoder was built without CUDA support \
             (build it with `cargo build --release --features cuda`)"
        )));
    }
    Ok(device)
}

/// A progress bar on stderr with ETA; hidden when stderr is not a terminal.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    bar
}

/// The parser of every `-j/--threads/--jobs` flag: 0 (one per core) to 256. A thread per
/// unit of a huge value would drive the machine's load into the thousands for no gain.
pub fn thread_count() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(0..=256)
}

/// The parser of samples-per-prompt flags: 1 to 1000 (each sample holds its own KV cache,
/// so an absurd count is an allocation failure, not a run).
pub fn sample_count() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000)
}
