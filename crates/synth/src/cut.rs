//! A program the token budget cut off, brought back to its complete part.
//!
//! An instruct reply that runs out of tokens often holds a whole program and then the start
//! of a second copy (the embedded model repeats itself), or a last function cut mid-line. The
//! cut tail is a syntax error, so no repair of such a sample can pass verification (which
//! requires a program that parses), though its complete part is the model's code like any
//! other sample's. Synthesis therefore keeps, for a reply that ended at the budget, the
//! longest prefix that ends at a top-level boundary and parses without errors.

use hexacoder_backend::Language;
use hexacoder_oracle::{RuleFilter, SourceFile};

/// Whether a line starts a top-level item: it begins at column 0 with code that does not
/// continue the item above (a closing bracket, an `else`/`except` clause, a comment).
fn starts_item(line: &str, language: Language) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if first.is_whitespace() || matches!(first, '}' | ')' | ']' | '{') {
        return false;
    }
    match language {
        Language::Python => {
            let word = line
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next();
            first != '#' && !matches!(word, Some("else" | "elif" | "except" | "finally"))
        }
        Language::C => !line.starts_with("//") && !line.starts_with("/*") && first != '*',
    }
}

fn parses(code: &str, language: Language) -> bool {
    let file = SourceFile::new("cut".to_string(), language, code.to_string());
    let report = hexacoder_oracle::analyse(&file, &RuleFilter::default());
    report.parse_errors == 0
}

/// The longest prefix of `code` that ends where a top-level item starts and parses without
/// errors; `code` itself when it parses; None when no non-empty prefix does.
pub fn complete_prefix(code: &str, language: Language) -> Option<String> {
    if parses(code, language) {
        return Some(code.to_string());
    }
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        if offset > 0 && starts_item(line, language) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.into_iter().rev().find_map(|at| {
        let prefix = code[..at].trim_end();
        (!prefix.is_empty() && parses(prefix, language)).then(|| format!("{prefix}\n"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_program_cut_mid_line_keeps_the_whole_first_copy_and_no_cut_line() {
        let code = "#include <stdio.h>\n\nint main(void) {\n    char s[8];\n    return 0;\n}\n\n#include <stdio.h>\n\nint main(void) {\n    char s[";
        assert_eq!(
            complete_prefix(code, Language::C).unwrap(),
            // The second copy's include is complete and harmless, so the longest prefix keeps it.
            "#include <stdio.h>\n\nint main(void) {\n    char s[8];\n    return 0;\n}\n\n#include <stdio.h>\n"
        );
    }

    #[test]
    fn a_python_function_cut_inside_its_body_is_dropped_whole() {
        let code = "import os\n\ndef a(p):\n    return os.path.basename(p)\n\ndef b(p):\n    if p:\n        return open(p).read(\n";
        assert_eq!(
            complete_prefix(code, Language::Python).unwrap(),
            "import os\n\ndef a(p):\n    return os.path.basename(p)\n"
        );
    }

    #[test]
    fn code_that_parses_is_kept_and_hopeless_code_gives_none() {
        let ok = "def f():\n    return 1\n";
        assert_eq!(complete_prefix(ok, Language::Python).unwrap(), ok);
        assert_eq!(
            complete_prefix("def f(:\n    x = (\n", Language::Python),
            None
        );
        // An `else:` at column 0 never starts an item, so no cut lands before it.
        let code = "if x:\n    y = 1\nelse:\n    y = (\n";
        assert_eq!(complete_prefix(code, Language::Python), None);
    }
}
