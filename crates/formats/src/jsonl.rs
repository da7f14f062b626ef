//! JSON Lines, the format of every dataset, samples file and log between stages, read and
//! appended under one policy:
//!
//! - **Appending** writes one whole line per `write` and flushes it, so a crash leaves whole
//!   lines and at most one cut last line.
//! - **Reading** takes every line; a *last* line that has no newline and does not parse is
//!   that cut write and is dropped. Any other line that does not parse is an error naming
//!   the file and line. A last line without a newline that parses (a file written by hand)
//!   is a row like any other.
//! - **Resuming** ([`Appender::resume`]) also cuts the file back to its last whole line
//!   before appending, so the next row never lands after half a row.
//! - **Resuming by whole groups** ([`Appender::resume_groups`], samples files: `n` rows per
//!   prompt, task or problem) keeps only groups with all `n` rows, the first `n` of each,
//!   and rewrites the file to them, so a crash mid-group is generated again whole.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::files::{write_atomic, FileError};

/// Why a JSONL file could not be read or written.
#[derive(Debug)]
pub enum JsonlError {
    File(FileError),
    /// A line that is not a row of the expected type: `path:line: message`.
    Row {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl fmt::Display for JsonlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonlError::File(e) => e.fmt(f),
            JsonlError::Row {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for JsonlError {}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> JsonlError + '_ {
    move |source| {
        JsonlError::File(FileError {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// The rows of a JSONL file, the byte length of what a resumed append keeps (whole rows),
/// and whether the last kept row lacks its newline (a file written by hand).
fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(Vec<T>, usize, bool), JsonlError> {
    let mut rows = Vec::new();
    let mut keep = 0usize;
    let mut needs_newline = false;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let complete = line.ends_with('\n');
        if line.trim().is_empty() {
            keep += line.len();
            continue;
        }
        match serde_json::from_str(line) {
            Ok(row) => {
                rows.push(row);
                keep += line.len();
                needs_newline = !complete;
            }
            Err(_) if i + 1 == lines.len() && !complete => {} // a write cut by a crash
            Err(e) => {
                return Err(JsonlError::Row {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: e.to_string(),
                })
            }
        }
    }
    Ok((rows, keep, needs_newline))
}

/// Every row of a JSONL file (see the module doc for a cut last line).
pub fn read<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, JsonlError> {
    let text = std::fs::read_to_string(path).map_err(file_error(path))?;
    Ok(parse(path, &text)?.0)
}

/// [`read`], or no rows when the file does not exist (a run that has not started).
pub fn read_if_exists<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, JsonlError> {
    if path.is_file() {
        read(path)
    } else {
        Ok(Vec::new())
    }
}

/// Replaces a JSONL file whole, atomically ([`write_atomic`]).
pub fn write_all<T: Serialize>(path: &Path, rows: &[T]) -> Result<(), JsonlError> {
    let mut text = String::new();
    for row in rows {
        text.push_str(&serde_json::to_string(row).expect("rows serialize"));
        text.push('\n');
    }
    write_atomic(path, text.as_bytes()).map_err(JsonlError::File)
}

/// Appends rows to a JSONL file, one whole flushed line each.
pub struct Appender {
    path: PathBuf,
    file: std::fs::File,
}

impl Appender {
    /// Opens (creating) `path` for appending, after cutting it back to its last whole line;
    /// returns the rows already there.
    pub fn resume<T: DeserializeOwned>(path: &Path) -> Result<(Appender, Vec<T>), JsonlError> {
        let rows = if path.is_file() {
            let text = std::fs::read_to_string(path).map_err(file_error(path))?;
            let (rows, keep, needs_newline) = parse(path, &text)?;
            if keep < text.len() {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .and_then(|f| f.set_len(keep as u64))
                    .map_err(file_error(path))?;
            }
            if needs_newline {
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(b"\n"))
                    .map_err(file_error(path))?;
            }
            rows
        } else {
            Vec::new()
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(file_error(path))?;
        Ok((
            Appender {
                path: path.to_path_buf(),
                file,
            },
            rows,
        ))
    }

    /// [`Appender::resume`] for a file of groups of `n` rows (`group` names a row's group):
    /// groups with fewer than `n` rows are dropped (a crash cut them short), groups with more
    /// keep their first `n` (a run with a larger `n` wrote them), and the file is rewritten
    /// to what is kept before appending. Returns the kept rows; each of their groups is done.
    pub fn resume_groups<T: Serialize + DeserializeOwned>(
        path: &Path,
        n: usize,
        group: impl Fn(&T) -> &str,
    ) -> Result<(Appender, Vec<T>), JsonlError> {
        let mut rows: Vec<T> = read_if_exists(path)?;
        let mut count: std::collections::HashMap<String, usize> = Default::default();
        for r in &rows {
            *count.entry(group(r).to_string()).or_default() += 1;
        }
        let mut kept: std::collections::HashMap<String, usize> = Default::default();
        rows.retain(|r| {
            let g = group(r);
            if count[g] < n {
                return false;
            }
            let k = kept.entry(g.to_string()).or_default();
            *k += 1;
            *k <= n
        });
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(file_error(dir))?;
        }
        // Rewritten whole, the file ends with a newline: append to it as it is.
        write_all(path, &rows)?;
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(file_error(path))?;
        let appender = Appender {
            path: path.to_path_buf(),
            file,
        };
        Ok((appender, rows))
    }

    /// One row as one line in one write, flushed.
    pub fn push<T: Serialize>(&mut self, row: &T) -> Result<(), JsonlError> {
        let mut line = serde_json::to_string(row).expect("rows serialize");
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|_| self.file.flush())
            .map_err(file_error(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A scratch file `rows.jsonl` holding `text`, removed with its folder when dropped (so
    /// test runs leave nothing in the temporary directory).
    struct Temp(PathBuf);

    impl std::ops::Deref for Temp {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl AsRef<Path> for Temp {
        fn as_ref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Temp {
        fn drop(&mut self) {
            if let Some(dir) = self.0.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    fn temp(name: &str, text: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("hx-jsonl-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rows.jsonl");
        std::fs::write(&path, text).unwrap();
        Temp(path)
    }

    #[test]
    fn resuming_by_groups_keeps_whole_groups_only() {
        // Group a is whole, b was cut short by a crash (and its last line cut mid-write),
        // c holds more rows than n (a run with a larger n).
        let path = temp(
            "groups",
            "{\"g\":\"a\",\"i\":0}\n{\"g\":\"a\",\"i\":1}\n{\"g\":\"c\",\"i\":0}\n\
             {\"g\":\"c\",\"i\":1}\n{\"g\":\"c\",\"i\":2}\n{\"g\":\"b\",\"i\":0}\n{\"g\":\"b\",",
        );
        let (mut out, rows) =
            Appender::resume_groups::<Value>(&path, 2, |r| r["g"].as_str().unwrap()).unwrap();
        let kept: Vec<String> = rows
            .iter()
            .map(|r| format!("{}{}", r["g"], r["i"]))
            .collect();
        assert_eq!(kept, ["\"a\"0", "\"a\"1", "\"c\"0", "\"c\"1"]);
        out.push(&json!({"g": "b", "i": 0})).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"g\":\"a\",\"i\":0}\n{\"g\":\"a\",\"i\":1}\n{\"g\":\"c\",\"i\":0}\n\
             {\"g\":\"c\",\"i\":1}\n{\"g\":\"b\",\"i\":0}\n"
        );
    }

    #[test]
    fn a_cut_last_line_is_dropped_and_cut_off_before_appending() {
        let path = temp("cut", "{\"a\":1}\n{\"a\":2}\n{\"a\":");
        assert_eq!(
            read::<Value>(&path).unwrap(),
            [json!({"a":1}), json!({"a":2})]
        );
        let (mut out, rows) = Appender::resume::<Value>(&path).unwrap();
        assert_eq!(rows.len(), 2);
        out.push(&json!({"a":3})).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n"
        );
    }

    #[test]
    fn a_whole_last_row_without_newline_is_kept() {
        let path = temp("whole", "{\"a\":1}\n{\"a\":2}");
        assert_eq!(read::<Value>(&path).unwrap().len(), 2);
        let (mut out, rows) = Appender::resume::<Value>(&path).unwrap();
        assert_eq!(rows.len(), 2);
        out.push(&json!({"a":3})).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n"
        );
    }

    #[test]
    fn a_bad_line_inside_is_an_error_naming_file_and_line() {
        let path = temp("bad", "{\"a\":1}\nnot json\n{\"a\":2}\n");
        let err = read::<Value>(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("rows.jsonl:2: expected ident at line 1 column 2"),
            "{err}"
        );
        // A bad last line that ends with its newline was written whole: also an error.
        let path = temp("badlast", "{\"a\":1}\nnot json\n");
        assert!(read::<Value>(&path).is_err());
    }
}
