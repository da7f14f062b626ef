//! Verification of a repair by the oracle: the fixed program parses, the
//! task's CWE is gone, no finding appears that the vulnerable program did
//! not have, the function keeps its signature (when the sample had it), and the code
//! changed.

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
    // The signature is kept when the sample had it: an instruct reply may have written
    // its own program around the task, and a repair is not asked to restore the task's.
    if let Some(sig) = task.signature() {
        let has = |code: &str| code.lines().any(|l| l.trim_end() == sig);
        if has(vulnerable_code) && !has(fixed_code) {
            return Err(format!("the repair changed the signature `{}`", sig.trim()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hexacoder_oracle::{scan_source, Language};

    fn task() -> Task {
        Task {
            task_id: "python/CWE-502/load.py".into(),
            cwe: "CWE-502".into(),
            language: "python".into(),
            prompt: "import pickle\n\ndef load(blob):\n".into(),
        }
    }

    fn check_pair(vulnerable: &str, fixed: &str) -> Result<(), String> {
        let before = scan_source(vulnerable, Language::Python);
        let after = scan_source(fixed, Language::Python);
        check(&task(), &before, fixed, &after, vulnerable)
    }

    #[test]
    fn a_repair_keeps_the_signature_the_sample_had() {
        let vulnerable = "import pickle\nimport sys\n\ndef load(blob):\n    return pickle.loads(blob)\n\nload(sys.argv[1])\n";
        let renamed = "import json\nimport sys\n\ndef load_blob(blob):\n    return json.loads(blob)\n\nload_blob(sys.argv[1])\n";
        assert_eq!(
            check_pair(vulnerable, renamed).unwrap_err(),
            "the repair changed the signature `def load(blob):`"
        );
        let kept = "import json\nimport sys\n\ndef load(blob):\n    return json.loads(blob)\n\nload(sys.argv[1])\n";
        assert_eq!(check_pair(vulnerable, kept), Ok(()));
    }

    #[test]
    fn a_sample_that_wrote_its_own_program_is_not_held_to_the_tasks_signature() {
        let vulnerable =
            "import pickle\nimport sys\n\ndef main():\n    return pickle.loads(sys.argv[1])\n";
        let fixed = "import json\nimport sys\n\ndef main():\n    return json.loads(sys.argv[1])\n";
        assert_eq!(check_pair(vulnerable, fixed), Ok(()));
    }
}
