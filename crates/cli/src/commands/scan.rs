//! `hexacoder scan`: the oracle on files, directories or stdin.

use crate::Failure;
use hexacoder_oracle::output::{json, sarif, text};
use hexacoder_oracle::{engine, walk, Cwe, FileReport, Language, RuleFilter, SourceFile};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to scan (`-` reads stdin; needs --lang).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Language of the input, overriding the file extension.
    #[arg(long, value_parser = ["python", "c", "cpp"])]
    lang: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "json", "sarif"])]
    format: String,
    /// Only report these CWEs (comma-separated: CWE-078,CWE-089 or 78,89).
    #[arg(long, value_delimiter = ',')]
    cwe: Vec<String>,
    /// Parallel jobs (0 = one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_parser = crate::commands::thread_count())]
    jobs: usize,
    /// Engine: hexacoder (built-in), codeql, bandit, semgrep, cppcheck.
    #[arg(long, default_value = "hexacoder")]
    engine: String,
    /// precise (a finding means a flaw: untrusted data reaches the sink) or audit (also the
    /// insecure practices other scanners report without a proven flow, each marked `audit`).
    #[arg(long, default_value = "precise", value_parser = crate::commands::one_of::<hexacoder_oracle::Profile>())]
    profile: hexacoder_oracle::Profile,
    /// Write the report to a file instead of stdout.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Exit by the findings even when an analysis was cut short (by default a cut-short
    /// analysis, which may miss findings, ends with exit 2 after the report).
    #[arg(long)]
    allow_incomplete: bool,
}

pub fn parse_cwes(list: &[String]) -> Result<Vec<Cwe>, Failure> {
    list.iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| {
            Cwe::parse(c).ok_or_else(|| {
                Failure(format!(
                    "--cwe: `{c}` is not a CWE id (expected e.g. CWE-078)"
                ))
            })
        })
        .collect()
}

pub fn run(args: Args) -> Result<u8, Failure> {
    // `--lang cpp` is C read with the C++ grammar.
    let cpp = args
        .lang
        .as_deref()
        .is_some_and(hexacoder_formats::is_cpp_name);
    let lang = if cpp {
        Some(Language::C)
    } else {
        args.lang.as_deref().and_then(Language::from_name)
    };
    let filter = RuleFilter {
        cwes: parse_cwes(&args.cwe)?,
        profile: args.profile,
    };
    let engine = engine::by_name(&args.engine, args.jobs)?;
    if engine.name() == "hexacoder" {
        if let Some(c) = filter.unknown_cwes().first() {
            return Err(Failure(format!(
                "--cwe {c}: no rule reports it, so the filter would hide every finding \
                 (`hexacoder rules` lists the CWEs covered)"
            )));
        }
    }
    let threads = if args.jobs == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        args.jobs
    };

    let mut files: Vec<SourceFile> = Vec::new();
    let mut disk: Vec<PathBuf> = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let lang =
                lang.ok_or_else(|| Failure("reading stdin (`-`) needs --lang python|c".into()))?;
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Failure(format!("stdin: {e}")))?;
            let mut file = SourceFile::from_bytes("<stdin>", lang, bytes);
            file.cpp |= cpp;
            files.push(file);
        } else {
            disk.push(p.clone());
        }
    }
    let found = walk::collect(&disk, lang, threads).map_err(Failure)?;
    if let Some(out) = &args.output {
        // The report must never replace a source file it was made from.
        let same =
            |p: &std::path::Path| match (std::fs::canonicalize(p), std::fs::canonicalize(out)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
        if let Some(p) = found.iter().find(|p| same(p)) {
            return Err(Failure(format!(
                "-o {}: that is a file being scanned ({}); write the report elsewhere",
                out.display(),
                p.display()
            )));
        }
    }
    for path in &found {
        let mut file = walk::read(path, lang).map_err(Failure)?;
        file.cpp |= cpp;
        files.push(file);
    }

    let bar = super::progress(files.len() as u64, "scanning");
    if files.len() < 500 || !std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    for chunk in files.chunks(512) {
        reports.extend(engine.scan(chunk, &filter)?);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();

    let rendered = match args.format.as_str() {
        "json" => json::render(&reports, engine.name()),
        "sarif" => sarif::render(&reports, engine.name()),
        _ => text::render(&reports, &files),
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered.as_bytes() as &[u8])
            .map_err(|e| Failure(format!("{}: {e}", path.display())))?,
        None => {
            let mut out = std::io::stdout().lock();
            let newline: &[u8] = if rendered.ends_with('\n') { b"" } else { b"\n" };
            out.write_all(rendered.as_bytes())
                .and_then(|_| out.write_all(newline))
                .and_then(|_| out.flush())
                .map_err(|e| Failure(format!("writing the report to standard output: {e}")))?;
        }
    }
    let incomplete: Vec<&str> = reports
        .iter()
        .filter(|r| r.incomplete)
        .map(|r| r.path.as_str())
        .collect();
    if !incomplete.is_empty() && !args.allow_incomplete {
        // The report is written (with the diagnostic in every format); the exit says that a
        // clean result cannot be trusted.
        return Err(Failure(format!(
            "the analysis of {} was cut short, so findings may be missing (see the report's \
             warnings; --allow-incomplete to exit by the findings anyway)",
            incomplete.join(", ")
        )));
    }
    let any = reports.iter().any(|r| !r.findings.is_empty());
    Ok(u8::from(any))
}
