//! The C compiler's verdict on a repaired program: `cc -fsyntax-only` parses and type-checks
//! it without generating or running anything, so untrusted code never executes. Catches what
//! a parse alone lets through (`strcat(name, a, b)`, an assignment to a macro constant).

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The first error line of compiling `code` as C, or None when it compiles or when no C
/// compiler is installed (checked once; verification is then the parse alone).
pub fn syntax_error(code: &str) -> Option<String> {
    if !cc_installed() {
        return None;
    }
    let mut child = Command::new("cc")
        .args(["-fsyntax-only", "-w", "-x", "c", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A compiler that stops reading early closes the pipe; its verdict still counts.
        let _ = stdin.write_all(code.as_bytes());
    }
    let out = child.wait_with_output().ok()?;
    if out.status.success() {
        return None;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    Some(
        stderr
            .lines()
            .find(|l| l.contains("error"))
            .unwrap_or("rejected by the C compiler")
            .trim_start_matches("<stdin>:")
            .to_string(),
    )
}

/// Whether a C compiler answers as `cc` (asked once).
fn cc_installed() -> bool {
    static HAVE_CC: OnceLock<bool> = OnceLock::new();
    *HAVE_CC.get_or_init(|| {
        Command::new("cc")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_compiler_refuses_what_a_parse_accepts() {
        if super::syntax_error("int main(void) { return 0; }\n").is_some() {
            panic!("a valid program was refused");
        }
        let bad = "#include <string.h>\n#define N 11\nvoid f(char *s) { strcat(s, N, N); }\n";
        // Without a C compiler installed there is no verdict to check.
        if std::process::Command::new("cc")
            .arg("--version")
            .output()
            .is_ok()
        {
            let error = super::syntax_error(bad).expect("too many arguments is refused");
            assert!(error.contains("strcat"), "{error}");
        }
    }
}
