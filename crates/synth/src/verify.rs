//! Verification of a repair by the oracle: the fixed program parses, the
//! task's CWE is gone, no finding appears that the vulnerable program did
//! not have, the function keeps its signature, and the code changed.

use hexacoder_oracle::{FileReport, Finding};

use crate::tasks::Task;

/// Why a repair was refused (also what the next attempt is told).
pub fn check(
    task: &Task,
    vulnerable: &FileReport,
    fixed_code: &str,
    fixed: &FileReport,
    vulnerable_code: &str,
) -> Result<(), String> {
    if fixed_code == vulnerable_code {
        return Err("the repair changed nothing".into());
    }
    if fixed.parse_errors > vulnerable.parse_errors {
        return Err(format!(
            "the repair does not parse ({} syntax errors)",
            fixed.parse_errors
        ));
    }
    if let Some(f) = fixed.findings.iter().find(|f| f.cwe == task.cwe) {
        return Err(format!(
            "{} is still there: {} (line {})",
            task.cwe, f.message, f.span.start_line
        ));
    }
    let before: Vec<&str> = vulnerable
        .findings
        .iter()
        .map(|f: &Finding| f.rule_id.as_str())
        .collect();
    if let Some(f) = fixed
        .findings
        .iter()
        .find(|f| !before.contains(&f.rule_id.as_str()))
    {
        return Err(format!(
            "the repair adds {} ({}) at line {}",
            f.cwe, f.rule_id, f.span.start_line
        ));
    }
    if let Some(sig) = task.signature() {
        if !fixed_code.lines().any(|l| l.trim_end() == sig) {
            return Err(format!("the repair changed the signature `{}`", sig.trim()));
        }
    }
    Ok(())
}
