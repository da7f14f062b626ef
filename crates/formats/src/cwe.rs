//! CWE identifiers, one type for every stage: [`Cwe`], written `CWE-078` (three digits at
//! least) in every file and report, read from any of the spellings the sources use.

use std::fmt;
use std::str::FromStr;

/// A CWE id. Its number is what identifies it; `CWE-78`, `cwe-078` and `78` are the same id.
///
/// Serialised as the string `CWE-078`, so the hand-off files (samples, judged rows, datasets,
/// SARIF) keep their format; ordered by number, so `CWE-200` sorts before `CWE-1333`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cwe(u32);

impl Cwe {
    /// The id with this number (for rule tables: `Cwe::new(787)`).
    pub const fn new(number: u32) -> Self {
        Cwe(number)
    }

    pub const fn number(self) -> u32 {
        self.0
    }

    /// `CWE-78`, `cwe-078`, `78`, `CWE78`, `external/cwe/cwe-78` → CWE-078; `None` if the text
    /// does not start with a CWE id.
    pub fn parse(s: &str) -> Option<Cwe> {
        let t = s.trim();
        let digits = t
            .strip_prefix("CWE-")
            .or_else(|| t.strip_prefix("cwe-"))
            .or_else(|| t.strip_prefix("CWE"))
            .or_else(|| t.strip_prefix("cwe"))
            .or_else(|| t.strip_prefix("external/cwe/cwe-"))
            .unwrap_or(t);
        let digits: String = digits.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().ok().map(Cwe)
    }
}

impl fmt::Display for Cwe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CWE-{:03}", self.0)
    }
}

impl FromStr for Cwe {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cwe::parse(s).ok_or_else(|| format!("{s:?} is not a CWE id (expected e.g. CWE-078)"))
    }
}

/// A CWE id compares equal to any spelling of it (`cwe == "CWE-78"`), which is how ids from
/// flags and labels meet the typed ones.
impl PartialEq<str> for Cwe {
    fn eq(&self, other: &str) -> bool {
        Cwe::parse(other) == Some(*self)
    }
}

impl PartialEq<&str> for Cwe {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl serde::Serialize for Cwe {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Cwe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The normalised spelling of a CWE id, `None` if `s` is not one (see [`Cwe::parse`]).
pub fn normalize(s: &str) -> Option<String> {
    Cwe::parse(s).map(|c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(normalize(s).as_deref(), Some("CWE-078"), "{s}");
            assert_eq!(Cwe::parse(s), Some(Cwe::new(78)), "{s}");
        }
        assert_eq!(normalize("CWE-1336").as_deref(), Some("CWE-1336"));
        assert_eq!(normalize("path"), None);
    }

    #[test]
    fn stored_as_its_normal_spelling_and_read_from_any() {
        let c: Cwe = serde_json::from_str("\"cwe-79\"").unwrap();
        assert_eq!(c, Cwe::new(79));
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"CWE-079\"");
        let err = serde_json::from_str::<Cwe>("\"sql\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"sql\" is not a CWE id"), "{err}");
        assert!(Cwe::new(200) < Cwe::new(1333));
        assert!(Cwe::new(22) == "CWE-22");
        assert!(Cwe::new(22) != "CWE-23");
    }
}
