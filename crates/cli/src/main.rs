//! `hexacoder`: make code language models write secure code.
//!
//! Exit codes (ripgrep/bandit convention): 0 = ran and found nothing,
//! 1 = findings, 2 = usage or I/O error. Errors are one line on stderr.

/// `println!` that ends the command with an error line (exit 2) when standard output cannot
/// be written (a full disk, `> /dev/full`), instead of panicking as `println!` does. Used
/// inside functions that return `Result<_, Failure>`.
macro_rules! outln {
    ($($t:tt)*) => {
        if let Err(e) = {
            use std::io::Write as _;
            writeln!(std::io::stdout().lock(), $($t)*)
        } {
            return Err(crate::Failure(format!("writing to standard output: {e}")));
        }
    };
}

/// `print!` with [`outln!`]'s error handling.
macro_rules! out {
    ($($t:tt)*) => {
        if let Err(e) = {
            use std::io::Write as _;
            write!(std::io::stdout().lock(), $($t)*)
        } {
            return Err(crate::Failure(format!("writing to standard output: {e}")));
        }
    };
}

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "hexacoder", version, about = "Make code language models write secure code", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan Python and C files for CWE vulnerabilities (the security oracle).
    Scan(commands::scan::Args),
    /// List the built-in rules.
    Rules(commands::rules::ListArgs),
    /// Print the documentation of a rule (by CWE or rule id).
    Rule(commands::rules::ShowArgs),
    /// Score an engine on labeled corpora (JSONL rows {id, language, cwe, label, code}).
    OracleEval(commands::oracle_eval::Args),
    /// Print the syntax tree of a file (for rule authors).
    Ast(commands::rules::AstArgs),
    /// Generate completions with the local model (one-step or two-step).
    Generate(commands::generate::Args),
    /// Serve the model over an OpenAI-compatible API (plus /v1/scan and /health).
    Serve(commands::serve::Args),
    /// List installed models (or inspect one).
    Models(commands::models::Args),
    /// Fine-tune a LoRA adapter with the masked loss (PEFT format out).
    Train(commands::train::Args),
    /// Evaluate: vulnerable samples per CWE on security benchmarks, HumanEval pass@k.
    Eval(commands::eval::Args),
    /// Synthesise verified (vulnerable, fixed) training pairs with the oracle.
    Synth(commands::synth::Args),
    /// The whole method end to end: synth → train → eval → report.
    Run(commands::run::Args),
}

/// An error that ends the command with exit status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if !matches!(cli.command, Command::Serve(_)) {
        restore_sigpipe();
    }
    let result = dispatch(cli.command).and_then(|code| {
        // Buffered output that cannot be written is an error too, not a silent success.
        use std::io::Write as _;
        std::io::stdout()
            .flush()
            .map_err(|e| Failure(format!("writing to standard output: {e}")))?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// `hexacoder scan … | head` should stop quietly when the reader goes away,
/// as other Unix tools do. Rust ignores SIGPIPE, which turns the closed pipe
/// into a panic inside `println!`; the default action ends the process
/// instead. `serve` keeps SIGPIPE ignored: a client that hangs up must not
/// stop the server.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; only
    // resets a signal disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn dispatch(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Scan(a) => commands::scan::run(a),
        Command::Rules(a) => commands::rules::list(a),
        Command::Rule(a) => commands::rules::show(a),
        Command::OracleEval(a) => commands::oracle_eval::run(a),
        Command::Ast(a) => commands::rules::ast(a),
        Command::Generate(a) => commands::generate::run(a),
        Command::Serve(a) => commands::serve::run(a),
        Command::Models(a) => commands::models::run(a),
        Command::Train(a) => commands::train::run(a),
        Command::Eval(a) => commands::eval::run(a),
        Command::Synth(a) => commands::synth::run(a),
        Command::Run(a) => commands::run::run(a),
    }
}
