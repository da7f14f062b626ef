//! `hexacoder oracle-eval`: score an engine on labeled corpora.

use crate::Failure;
use hexacoder_oracle::{corpus, engine, RuleFilter};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// JSONL corpora: rows {id, language, cwe, label: vulnerable|clean, code}.
    #[arg(required = true)]
    corpora: Vec<PathBuf>,
    /// Engine to score: hexacoder, codeql, bandit, semgrep, cppcheck.
    #[arg(long, default_value = "hexacoder")]
    engine: String,
    /// Parallel jobs for the built-in engine (0 = one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_parser = crate::commands::thread_count())]
    jobs: usize,
    /// Also print a table per CWE.
    #[arg(long)]
    per_cwe: bool,
    /// Print the scores as JSON instead of Markdown.
    #[arg(long)]
    json: bool,
    /// precise (findings that mean a flaw) or audit (also insecure practices without a
    /// proven flow; the built-in engine only).
    #[arg(long, default_value = "precise", value_parser = crate::commands::one_of::<hexacoder_oracle::Profile>())]
    profile: hexacoder_oracle::Profile,
    /// List row ids that were missed (`fn`) or falsely flagged (`fp`).
    #[arg(long, value_parser = ["fn", "fp"])]
    list: Option<String>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let loaded = corpus::load(&args.corpora).map_err(Failure)?;
    if loaded.rows.is_empty() {
        // Empty tables would read as a score.
        return Err(Failure(format!(
            "{}: no rows to score",
            args.corpora
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let engine = engine::by_name(&args.engine, args.jobs)?;
    let files = corpus::sources(&loaded.rows);
    let bar = super::progress(files.len() as u64, "scoring");
    let start = Instant::now();
    let mut reports = Vec::with_capacity(files.len());
    for chunk in files.chunks(256) {
        let filter = RuleFilter {
            profile: args.profile,
            ..RuleFilter::default()
        };
        reports.extend(engine.scan(chunk, &filter)?);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    let scores = corpus::score(&loaded.rows, &reports);
    let fps = files.len() as f64 / secs.max(1e-9);
    if args.json {
        let by_language: Vec<_> = scores
            .by_language
            .iter()
            .map(|((c, l), v)| serde_json::json!({"corpus": c, "language": l, "counts": v,
                "recall": v.recall(), "fpr": v.fpr(), "fpr_any": v.fpr_any(), "pair_ok": v.pair_ok_rate(),
                "precision": v.precision(), "f1": v.f1()}))
            .collect();
        let supported: Vec<_> = scores
            .supported
            .iter()
            .map(|((c, l), v)| serde_json::json!({"corpus": c, "language": l, "counts": v, "recall": v.recall(), "pair_ok": v.pair_ok_rate()}))
            .collect();
        let doc = serde_json::json!({
            "engine": engine.name(), "files": files.len(), "seconds": secs, "files_per_second": fps,
            "skipped_languages": loaded.skipped_languages, "by_language": by_language, "supported": supported,
        });
        outln!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        out!(
            "{}",
            corpus::render(&scores, engine.name(), fps, args.per_cwe)
        );
        for (lang, n) in &loaded.skipped_languages {
            outln!("skipped {n} rows in unsupported language `{lang}`");
        }
    }
    if let Some(which) = args.list {
        let rows: std::collections::HashMap<&str, &corpus::Row> =
            loaded.rows.iter().map(|r| (r.id.as_str(), r)).collect();
        for o in &scores.outcomes {
            let row = rows[o.id.as_str()];
            let show = match which.as_str() {
                "fn" => row.label == corpus::Label::Vulnerable && !o.flagged_match,
                _ => row.label == corpus::Label::Clean && o.flagged_match,
            };
            if show {
                outln!(
                    "{which}\t{}\t{}\t{}",
                    o.id,
                    row.cwe.map_or("-".into(), |c| c.to_string()),
                    o.cwes
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                );
            }
        }
    }
    Ok(0)
}
