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
