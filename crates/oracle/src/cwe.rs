//! CWE identifiers: normalisation and the families used when scoring.
//!
//! A finding "matches" a labeled row when its CWE is the row's CWE or a
//! close relative in MITRE's hierarchy (child/parent in the Research view,
//! as the oracle-corpus README describes: 121/122/120/119 for 787, 23/36 for
//! 022, 690 for 476). The table lists each family as a group of CWEs that
//! are treated as the same weakness.

/// `CWE-78`, `cwe-078`, `78` → `CWE-078` (the one normalisation every stage uses).
pub use hexacoder_formats::cwe::normalize;
use hexacoder_formats::Cwe;

/// Groups of CWEs treated as one weakness family when scoring.
const FAMILIES: &[&[u32]] = &[
    &[22, 23, 24, 35, 36, 73, 99],
    &[78, 77, 88],
    &[79, 80, 83, 116],
    &[89, 564],
    &[94, 95, 96, 1336],
    &[117, 93],
    &[295, 297],
    &[327, 328, 916, 759, 760],
    &[377, 379],
    &[502],
    &[601],
    &[611, 776, 827],
    &[643, 91],
    &[730, 400, 1333, 185],
    &[732, 276, 281],
    &[918],
    &[943],
    &[20, 1284, 1286],
    &[119, 120, 121, 122, 787, 788, 193, 131, 805, 806],
    &[125, 126, 127],
    &[134],
    &[190, 191, 680, 128],
    &[416, 415, 825],
    &[476, 690],
    &[90],
    &[113],
    &[798, 259, 321, 260],
    &[329, 1204],
    &[330, 331, 338, 339, 335],
    &[209, 497, 200],
    &[215, 489],
    &[319, 311, 614],
    &[326],
    &[347],
];

/// True if `found` belongs to the family of `expected`.
pub fn same_family(found: Cwe, expected: Cwe) -> bool {
    let (a, b) = (found.number(), expected.number());
    if a == b {
        return true;
    }
    // CWE-787 (out-of-bounds write) is a child of 119, but 125 (read) is
    // a different weakness: groups above keep them apart.
    FAMILIES.iter().any(|f| f.contains(&a) && f.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_many_spellings() {
        assert_eq!(normalize("CWE-78").as_deref(), Some("CWE-078"));
        assert_eq!(normalize("cwe-078").as_deref(), Some("CWE-078"));
        assert_eq!(normalize("78").as_deref(), Some("CWE-078"));
        assert_eq!(
            normalize("external/cwe/cwe-787").as_deref(),
            Some("CWE-787")
        );
        assert_eq!(normalize("CWE-1204").as_deref(), Some("CWE-1204"));
        assert_eq!(normalize("xss"), None);
    }

    #[test]
    fn families_follow_the_hierarchy() {
        assert!(same_family(Cwe::new(121), Cwe::new(787)));
        assert!(same_family(Cwe::new(690), Cwe::new(476)));
        assert!(same_family(Cwe::new(36), Cwe::new(22)));
        assert!(!same_family(Cwe::new(125), Cwe::new(787)));
        assert!(!same_family(Cwe::new(78), Cwe::new(89)));
    }
}
