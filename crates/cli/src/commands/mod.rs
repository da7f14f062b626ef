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

/// The `--precision` flag of the commands that run the model (its values listed by `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PrecisionArg {
    /// 8-bit activations and integer dot products (llama.cpp's scheme and speed).
    Fast,
    /// f32 activations against exactly dequantized weights (reference numbers).
    Exact,
}

impl From<PrecisionArg> for hexacoder_model::weights::Precision {
    fn from(p: PrecisionArg) -> Self {
        match p {
            PrecisionArg::Fast => hexacoder_model::weights::Precision::Fast,
            PrecisionArg::Exact => hexacoder_model::weights::Precision::Exact,
        }
    }
}

/// A program language flag (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Python,
    C,
}

impl From<LangArg> for hexacoder_formats::Language {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Python => hexacoder_formats::Language::Python,
            LangArg::C => hexacoder_formats::Language::C,
        }
    }
}

/// A flag whose value is one of a library type's names (a prompt style, an evaluation mode).
///
/// The types live in library crates, which don't depend on clap; this trait lets one value
/// parser ([`one_of`]) list their values in `--help` and name a bad one in one error line.
pub trait Choice: Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
    /// The error line for a value that is none of [`Choice::ALL`].
    fn refuse(flag: &str, value: &str) -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|c| c.name()).collect();
        format!("{flag}: `{value}` is not one of {}", names.join(", "))
    }
}

impl Choice for hexacoder_model::style::PromptStyle {
    const ALL: &'static [Self] = &[Self::Completion, Self::Instruct];
    fn name(self) -> &'static str {
        hexacoder_model::style::PromptStyle::name(self)
    }
    fn refuse(flag: &str, value: &str) -> String {
        format!("{flag} `{value}`: expected completion or instruct")
    }
}

impl Choice for hexacoder_eval::Mode {
    const ALL: &'static [Self] = &hexacoder_eval::Mode::ALL;
    fn name(self) -> &'static str {
        hexacoder_eval::Mode::name(self)
    }
}

impl Choice for hexacoder_oracle::Profile {
    const ALL: &'static [Self] = &[Self::Precise, Self::Audit];
    fn name(self) -> &'static str {
        hexacoder_oracle::Profile::name(self)
    }
}

/// The value parser of a [`Choice`] flag.
pub fn one_of<C: Choice>() -> OneOf<C> {
    OneOf(std::marker::PhantomData)
}

#[derive(Clone)]
pub struct OneOf<C>(std::marker::PhantomData<fn() -> C>);

impl<C: Choice> clap::builder::TypedValueParser for OneOf<C> {
    type Value = C;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<C, clap::Error> {
        let text = value.to_string_lossy();
        C::ALL
            .iter()
            .copied()
            .find(|c| c.name() == text)
            .ok_or_else(|| {
                let flag = arg
                    .and_then(|a| a.get_long())
                    .map(|l| format!("--{l}"))
                    .unwrap_or_else(|| "value".into());
                clap::Error::raw(
                    clap::error::ErrorKind::InvalidValue,
                    format!("{}\n", C::refuse(&flag, &text)),
                )
                .with_cmd(cmd)
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            C::ALL
                .iter()
                .map(|c| clap::builder::PossibleValue::new(c.name())),
        ))
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

/// A progress bar on stderr with ETA. When stderr is not a terminal (a log file, CI, a job
/// in the background) the bar becomes a plain line every [`PLAIN_EVERY`], so long runs still
/// show where they are and how long they have left.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    use std::io::IsTerminal as _;
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::term_like_with_hz(
            Box::new(PlainLines::starting_now()),
            1,
        ));
        // indicatif's own rate weighs recent updates, which misleads when work finishes in
        // bursts (a batch of 16 samples lands at once after a minute: "ETA 14h"), and it only
        // draws when the position moves. A log gets the average since the start instead, and
        // a line every PLAIN_EVERY even while a batch is running.
        bar.set_style(
            ProgressStyle::with_template("{prefix}: {pos}/{len} ({avg_rate}, ETA {avg_eta}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "avg_rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{}", plain_rate(s.pos(), s.elapsed()));
                    },
                )
                .with_key(
                    "avg_eta",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{}", plain_eta(s.pos(), s.len(), s.elapsed()));
                    },
                ),
        );
        bar.enable_steady_tick(PLAIN_EVERY);
    }
    bar
}

/// Items per minute since the start (a log's rate: bursts average out).
fn plain_rate(pos: u64, elapsed: std::time::Duration) -> String {
    let secs = elapsed.as_secs_f64();
    if pos == 0 || secs <= 0.0 {
        return "–/min".into();
    }
    format!("{:.1}/min", pos as f64 * 60.0 / secs)
}

/// Time left at the average rate since the start, as `1h05m`, `12m30s` or `40s`.
fn plain_eta(pos: u64, len: Option<u64>, elapsed: std::time::Duration) -> String {
    let (Some(len), true) = (len, pos > 0) else {
        return "–".into();
    };
    let left = elapsed.as_secs_f64() * len.saturating_sub(pos) as f64 / pos as f64;
    let s = left.round() as u64;
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, m, sec) => format!("{m}m{sec:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// How often a progress line is printed when stderr is not a terminal.
pub const PLAIN_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// A "terminal" for indicatif that prints the bar's line at most every [`PLAIN_EVERY`] and
/// ignores cursor movement, so logs get periodic lines instead of escape codes or silence.
#[derive(Debug)]
struct PlainLines {
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl PlainLines {
    /// The first line comes one period after the start: work that ends sooner (a scan of a
    /// few files) prints none, and a long one gets a line every period from its start.
    fn starting_now() -> PlainLines {
        PlainLines {
            last: std::sync::Mutex::new(Some(std::time::Instant::now())),
        }
    }
}

impl indicatif::TermLike for PlainLines {
    fn width(&self) -> u16 {
        120
    }
    fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.write_str(s)
    }
    /// indicatif writes a bar's (last) line with `write_str`, other lines with `write_line`.
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        // A little under the period, so the steady tick's redraw every period is never
        // skipped for arriving a millisecond early.
        let due = last.is_none_or(|t| t.elapsed() >= PLAIN_EVERY.mul_f32(0.9));
        if due && !s.trim().is_empty() {
            *last = Some(std::time::Instant::now());
            eprintln!("{}", s.trim_end());
        }
        Ok(())
    }
    fn clear_line(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn flush(&self) -> std::io::Result<()> {
        Ok(())
    }
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

/// The parser of every `--temperature` flag: a finite number ≥ 0 (0 is greedy). Checked by
/// clap, so a bad value is refused before a model loads or a run folder is made.
pub fn temperature(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(t) if t.is_finite() && t >= 0.0 => Ok(t),
        Ok(_) => Err("must be a finite number ≥ 0 (0 is greedy)".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The parser of every `--adapter-weight` flag: a finite number ≥ 0 (0 is the base model,
/// 1 the adapter as trained).
pub fn adapter_weight(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(w) if w.is_finite() && w >= 0.0 => Ok(w),
        Ok(_) => Err("must be a finite number ≥ 0 (1 is the adapter as trained)".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The parser of every `--top-p` flag: a number in (0, 1].
pub fn top_p(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(p),
        Ok(_) => Err("must be in (0, 1]".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn plain_progress_averages_since_the_start() {
        // 16 samples landed at once after 90 s: 10.7 per minute, 576 - 16 left → 52.5 min.
        assert_eq!(super::plain_rate(16, Duration::from_secs(90)), "10.7/min");
        assert_eq!(
            super::plain_eta(16, Some(576), Duration::from_secs(90)),
            "52m30s"
        );
        assert_eq!(
            super::plain_eta(1, Some(100), Duration::from_secs(3600)),
            "99h00m"
        );
        assert_eq!(
            super::plain_eta(5, Some(10), Duration::from_secs(20)),
            "20s"
        );
        assert_eq!(super::plain_eta(0, Some(10), Duration::from_secs(20)), "–");
        assert_eq!(super::plain_rate(0, Duration::from_secs(20)), "–/min");
    }
}
