//! Writing the files stages hand to each other without ever leaving half of one.

use std::fmt;
use std::path::{Path, PathBuf};

/// A file operation that failed, with the file it failed on.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for FileError {}

/// Writes `bytes` to `path` through `<path>.partial` and a rename (creating the parent
/// folder): a crash or a full disk leaves the old file or none, never a truncated one that
/// a resumed run would take for finished work.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let fail = |p: &Path| {
        let path = p.to_path_buf();
        move |source| FileError { path, source }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail(dir))?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).map_err(fail(&tmp))?;
    std::fs::rename(&tmp, path).map_err(fail(path))
}

/// A program's text with trailing spaces and blank lines removed: two samples that differ
/// only there are duplicates (eval counts them once; synth repairs them once).
pub fn normalised_code(code: &str) -> String {
    code.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_files_and_names_the_failing_path() {
        let dir = std::env::temp_dir().join(format!("hx-formats-{}", std::process::id()));
        let path = dir.join("a/b.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert!(!path.with_extension("partial").exists());
        let err = write_atomic(&dir.join("a/b.json/c"), b"x").unwrap_err();
        assert!(err
            .to_string()
            .starts_with(&dir.join("a/b.json").display().to_string()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn normalised_code_ignores_trailing_space_and_blank_lines() {
        assert_eq!(normalised_code("a = 1  \n\n\nb = 2\n"), "a = 1\nb = 2");
    }
}
