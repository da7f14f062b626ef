//! CWE identifiers as every stage spells them: `CWE-078` (three digits at least).

/// `CWE-78`, `cwe-078`, `78`, `CWE78`, `external/cwe/cwe-78` → `CWE-078`. `None` if not a
/// CWE id.
pub fn normalize(s: &str) -> Option<String> {
    let t = s.trim();
    let digits = t
        .strip_prefix("CWE-")
        .or_else(|| t.strip_prefix("cwe-"))
        .or_else(|| t.strip_prefix("CWE"))
        .or_else(|| t.strip_prefix("cwe"))
        .or_else(|| t.strip_prefix("external/cwe/cwe-"))
        .unwrap_or(t);
    let digits: String = digits.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    Some(format!("CWE-{n:03}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn spellings_normalise() {
        for s in [
            "CWE-78",
            "cwe-078",
            "78",
            "CWE78",
            "external/cwe/cwe-78",
            " CWE-078 ",
        ] {
            assert_eq!(super::normalize(s).as_deref(), Some("CWE-078"), "{s}");
        }
        assert_eq!(super::normalize("CWE-1336").as_deref(), Some("CWE-1336"));
        assert_eq!(super::normalize("path"), None);
    }
}
