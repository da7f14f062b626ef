//! `changes`: the character spans of the fixed program that the repair
//! inserted or replaced — the semantics of the reference training set
//! (`char_start`/`char_end` in characters of `text`, `chars` the text there).

use similar::{DiffOp, TextDiff};

pub use hexacoder_formats::Change;

/// Spans of `fixed` that differ from `vulnerable` (character diff).
pub fn changed_spans(vulnerable: &str, fixed: &str) -> Vec<Change> {
    let diff = TextDiff::from_chars(vulnerable, fixed);
    let chars: Vec<char> = fixed.chars().collect();
    diff.ops()
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Insert {
                new_index, new_len, ..
            }
            | DiffOp::Replace {
                new_index, new_len, ..
            } => Some(Change {
                char_start: new_index,
                char_end: new_index + new_len,
                chars: chars[new_index..new_index + new_len].iter().collect(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_inserted_and_replaced_text() {
        let v = "data = yaml.load(s)\n";
        let f = "data = yaml.safe_load(s)\n";
        let c = changed_spans(v, f);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].chars, "safe_");
        assert_eq!(&f[c[0].char_start..c[0].char_end], "safe_");
        // Characters, not bytes.
        let c = changed_spans("é = 1\n", "é = 2\n");
        assert_eq!((c[0].char_start, c[0].char_end), (4, 5));
        assert!(changed_spans(v, v).is_empty());
    }
}
