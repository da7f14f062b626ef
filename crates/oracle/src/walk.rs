//! Finding and reading the files to scan: directories are walked in
//! parallel with the `ignore` crate (honouring `.gitignore`, `.ignore` and
//! hidden-file rules, as ripgrep does).

use crate::source::{Language, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Expands `paths` (files or directories) into the source files to scan.
/// Explicit files are kept whatever their extension when `lang` is given;
/// files found in directories must have a known extension (or match `lang`).
pub fn collect(
    paths: &[PathBuf],
    lang: Option<Language>,
    threads: usize,
) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_file() {
            if lang.is_none() && Language::from_path(p).is_none() {
                return Err(format!(
                    "{}: unknown language (expected .py or .c/.h; pass --lang python|c)",
                    p.display()
                ));
            }
            out.push(p.clone());
            continue;
        }
        let found = Mutex::new(Vec::new());
        ignore::WalkBuilder::new(p)
            .threads(threads)
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    if let Ok(e) = entry {
                        let path = e.path();
                        if e.file_type().is_some_and(|t| t.is_file()) {
                            let detected = Language::from_path(path);
                            if detected.is_some() && (lang.is_none() || detected == lang) {
                                found.lock().expect("walker mutex").push(path.to_path_buf());
                            }
                        }
                    }
                    ignore::WalkState::Continue
                })
            });
        let mut found = found.into_inner().expect("walker mutex");
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// Reads a file into a [`SourceFile`]; invalid UTF-8 is recorded, not fatal.
/// The largest file the oracle reads. Real source files are far smaller (SQLite's
/// amalgamation, among the largest C files in use, is about 9 MB); a 50 MB file took 99 s
/// and 6.8 GB to analyse.
pub const MAX_FILE_BYTES: u64 = 10_000_000;

pub fn read(path: &Path, lang: Option<Language>) -> Result<SourceFile, String> {
    let language = lang.or_else(|| Language::from_path(path)).ok_or_else(|| {
        format!(
            "{}: unknown language (pass --lang python|c)",
            path.display()
        )
    })?;
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{}: {:.1} MB is over the oracle's limit of {} MB per file (parse trees take \
             about 100x a file's size in memory)",
            path.display(),
            size as f64 / 1e6,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(SourceFile::from_bytes(
        path.display().to_string(),
        language,
        bytes,
    ))
}
