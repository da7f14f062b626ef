//! Verification of a repair by the oracle: the fixed program parses (and, for C, compiles
//! where a C compiler is installed), the task's CWE is gone, no finding appears that the
//! vulnerable program did not have, the function keeps its signature (when the sample had
//! it), and the code changed. A pair trains the model on its fixed program, so a fixed
//! program that is not valid code teaches broken code: 29 of the 85 pairs of an earlier
//! run (`results/synth-retried`) were such, when a repair only had to parse no worse than
//! its sample.

use hexacoder_formats::Language;
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
    if fixed.parse_errors > 0 {
        return Err(format!(
            "the repair does not parse ({} syntax errors)",
            fixed.parse_errors
        ));
    }
    if task.language == Language::C {
        if let Some(error) = crate::compile::syntax_error(fixed_code) {
            return Err(format!("the repair does not compile: {error}"));
        }
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
    // A repair edits the program; a reply that rewrites most of it (a small model filling
    // its budget with repeated lines) is not a repair of this sample.
    // Changed lines (removed plus added) beyond the program's own length, with room for a
    // short program's fix (an import and a rewritten line or two).
    let diff = similar::TextDiff::from_lines(vulnerable_code, fixed_code);
    let changed = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .count();
    let length = vulnerable_code.lines().count();
    if changed > length.max(8) {
        return Err(format!(
            "the repair rewrote most of the program ({changed} lines changed in {length})"
        ));
    }
    // A repair that deletes code removes the flaw with it (a small model answering the
    // repair prompt does this): every function of the sample must still be defined.
    let still = defined_functions(task.language, fixed_code);
    if let Some(gone) = defined_functions(task.language, vulnerable_code)
        .into_iter()
        .find(|f| !still.contains(f))
    {
        return Err(format!("the repair removed the function `{gone}`"));
    }
    Ok(())
}

/// Names of the functions a program defines: Python `def`s at any depth; C definitions,
/// i.e. lines at the left margin that name a function and do not end a declaration (`;`).
fn defined_functions(language: Language, code: &str) -> Vec<String> {
    let ident = |s: &str| -> Option<String> {
        let name: String = s
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
    };
    let mut out = Vec::new();
    for line in code.lines() {
        let name = if language == Language::C {
            let first = line.chars().next();
            if first.is_none_or(|c| c.is_whitespace() || c == '#' || c == '/' || c == '}')
                || line.trim_end().ends_with(';')
                || !line.contains('(')
            {
                continue;
            }
            let before = &line[..line.find('(').unwrap_or(0)];
            if before.contains('=') || before.trim().is_empty() {
                continue;
            }
            ident(before)
        } else {
            let t = line.trim_start();
            t.strip_prefix("def ")
                .or_else(|| t.strip_prefix("async def "))
                .and_then(|r| r.split('(').next())
                .and_then(|n| ident(n.trim()))
        };
        if let Some(n) = name.filter(|n| !out.contains(n)) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use hexacoder_oracle::{scan_source, Language};

    fn task() -> Task {
        Task {
            task_id: "python/CWE-502/load.py".into(),
            cwe: hexacoder_formats::Cwe::new(502),
            language: Language::Python,
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
    fn a_repair_may_not_delete_a_function() {
        let vulnerable = "import pickle\nimport sys\n\ndef helper(x):\n    return x\n\ndef main():\n    return pickle.loads(sys.argv[1])\n";
        let gutted = "import sys\n\ndef helper(x):\n    return x\n";
        assert_eq!(
            check_pair(vulnerable, gutted).unwrap_err(),
            "the repair removed the function `main`"
        );
        assert_eq!(
            defined_functions(Language::C, "#include <stdio.h>\nstatic int *grow(int *b, size_t n)\n{\n    int x = f(1);\n}\nvoid g(void);\nint main(int argc, char **argv) {\n"),
            ["grow", "main"]
        );
    }

    #[test]
    fn a_reply_that_rewrites_the_program_is_not_a_repair() {
        let vulnerable = "import pickle\nimport sys\n\ndef main():\n    data = sys.argv[1]\n    return pickle.loads(data)\n";
        let spam = format!(
            "import sys\n\ndef main():\n    return 0\n{}",
            "X = 32\n".repeat(20)
        );
        assert!(check_pair(vulnerable, &spam)
            .unwrap_err()
            .starts_with("the repair rewrote most of the program"));
    }

    #[test]
    fn a_sample_that_wrote_its_own_program_is_not_held_to_the_tasks_signature() {
        let vulnerable =
            "import pickle\nimport sys\n\ndef main():\n    return pickle.loads(sys.argv[1])\n";
        let fixed = "import json\nimport sys\n\ndef main():\n    return json.loads(sys.argv[1])\n";
        assert_eq!(check_pair(vulnerable, fixed), Ok(()));
    }
}
