//! Source text, its language, and byte → line/column mapping.
//!
//! Every stage reports locations as 1-based lines and 1-based columns counted
//! in Unicode code points (SARIF `columnKind: unicodeCodePoints`), so the
//! same numbers appear in the text, JSON and SARIF outputs.

use serde::{Deserialize, Serialize};

/// The languages the built-in oracle analyses: the project's one language type.
pub use hexacoder_formats::Language;

/// A source file held in memory with a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub language: Language,
    pub text: String,
    /// Byte offset where the first invalid UTF-8 sequence started, if the
    /// input was not UTF-8 (it is then analysed with U+FFFD replacements).
    pub invalid_utf8_at: Option<usize>,
    /// C read with the C++ grammar (a `.cpp`/`.cc`/`.hpp`… path, or `--lang cpp`): every C
    /// rule runs on it, `std::` calls are the calls they name.
    pub cpp: bool,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, language: Language, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let path: String = path.into();
        let cpp = language == Language::C
            && std::path::Path::new(&path)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(hexacoder_formats::is_cpp_extension);
        SourceFile {
            path,
            language,
            text,
            invalid_utf8_at: None,
            cpp,
            line_starts,
        }
    }

    /// Builds a source from raw bytes, replacing invalid UTF-8 and recording
    /// where the first bad byte was (never fails: any bytes are analysable).
    pub fn from_bytes(path: impl Into<String>, language: Language, bytes: Vec<u8>) -> SourceFile {
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new(path, language, text),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let mut file = SourceFile::new(path, language, text);
                file.invalid_utf8_at = Some(at);
                file
            }
        }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based (line, column in code points) of a byte offset.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let col = self.text[start..byte].chars().count();
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        if line == 0 || line > self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    /// Byte offset of a 1-based line and code-point column, clamped to the
    /// line (and the file).
    pub fn byte_at(&self, line: usize, column: usize) -> usize {
        if line == 0 {
            return 0;
        }
        let Some(&start) = self.line_starts.get(line - 1) else {
            return self.text.len();
        };
        let text = self.line_text(line);
        let off: usize = text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + off
    }

    /// Resolves a byte range to a [`Span`].
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start_line, start_column) = self.position(start);
        let (end_line, end_column) = self.position(end.max(start));
        Span {
            start_byte: start,
            end_byte: end.max(start),
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A located region of a source file. Lines and columns are 1-based; the end
/// is exclusive (column just past the last character), as in SARIF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Span {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start_byte: usize,
    pub end_byte: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points() {
        let f = SourceFile::new("x.py", Language::Python, "a = 'é'\nb = 1\n".into());
        assert_eq!(f.position(0), (1, 1));
        let b = f.text.find('b').unwrap();
        assert_eq!(f.position(b), (2, 1));
        let q = f.text.rfind('\'').unwrap();
        assert_eq!(f.position(q), (1, 7));
        assert_eq!(f.line_text(2), "b = 1");
    }

    #[test]
    fn invalid_utf8_is_recorded_not_fatal() {
        let f = SourceFile::from_bytes("x.c", Language::C, b"int a;\xff\xfe\n".to_vec());
        assert_eq!(f.invalid_utf8_at, Some(6));
        assert!(f.text.contains('\u{fffd}'));
    }
}
