//! Human output with code frames, in the style of rustc and ruff:
//!
//! ```text
//! error[CWE-078]: The command run by `os.system` depends on a user-provided value.
//!   --> app.py:12:15
//!    |
//! 12 |     os.system("ls " + dirname)
//!    |               ^^^^^^^^^^^^^^^ py/command-injection
//!    = fix: …
//! ```

use crate::analysis::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::SourceFile;
use std::fmt::Write;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// Renders one finding with its code frame. `file` supplies the source
/// lines; without it the finding's stored snippet is used.
pub fn render_finding(f: &Finding, file: Option<&SourceFile>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", level(f.severity), f.cwe, f.message);
    let line_no = f.span.start_line;
    let gutter = line_no
        .to_string()
        .len()
        .max(f.span.end_line.to_string().len());
    let pad = " ".repeat(gutter);
    let _ = writeln!(
        out,
        "{pad}--> {}:{}:{}",
        f.path, f.span.start_line, f.span.start_column
    );
    let _ = writeln!(out, "{pad} |");
    let line = match file {
        Some(src) => src.line_text(line_no).to_string(),
        None => f.snippet.lines().next().unwrap_or("").to_string(),
    };
    let line = line.replace('\t', "    ");
    let _ = writeln!(out, "{line_no:>gutter$} | {line}");
    let width = line.chars().count();
    let start = f.span.start_column.saturating_sub(1).min(width);
    let end = if f.span.end_line == f.span.start_line {
        f.span
            .end_column
            .saturating_sub(1)
            .clamp(start + 1, width.max(start + 1))
    } else {
        width.max(start + 1)
    };
    let _ = writeln!(
        out,
        "{pad} | {}{} {}",
        " ".repeat(start),
        "^".repeat(end - start),
        f.rule_id
    );
    if f.span.end_line > f.span.start_line {
        let _ = writeln!(out, "{pad} | (continues to line {})", f.span.end_line);
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "{pad} = fix: {}", fix.description);
    }
    out
}

/// Renders a whole report: each finding, then a summary line.
pub fn render(reports: &[FileReport], files: &[SourceFile]) -> String {
    let mut out = String::new();
    let mut total = 0;
    for (i, r) in reports.iter().enumerate() {
        for w in &r.warnings {
            let _ = writeln!(out, "warning: {}: {w}", r.path);
        }
        for f in &r.findings {
            out.push_str(&render_finding(
                f,
                files.get(i).filter(|s| s.path == r.path),
            ));
            out.push('\n');
            total += 1;
        }
    }
    let with = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let errors: usize = reports.iter().map(|r| r.parse_errors).sum();
    let _ = writeln!(
        out,
        "{total} finding{} in {with} of {} file{} ({errors} parse error{} recovered)",
        if total == 1 { "" } else { "s" },
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
    );
    out
}
