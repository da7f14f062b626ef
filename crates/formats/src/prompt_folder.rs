//! Folders of prompts laid out `<language>/<CWE-NNN>/<name>.<py|c>`: the security
//! benchmarks (`eval`), the synthesis task catalogue (`synth`) and users' own folders of
//! either. One reader, so a folder means the same prompts, with the same ids, to every stage.
//!
//! The rules: a file counts when it sits exactly two folders below the root, the first a
//! language name (`python`, `c`) and its extension that language's (`.py`, `.c`); anything
//! else (READMEs, deeper folders, other extensions) is skipped. The middle folder must be a
//! CWE id in any spelling (`CWE-78`, `cwe-078`); the id is `<language>/<CWE-NNN>/<name>`
//! with the CWE normalised, so a run resumes under the same ids whatever the folder spelling.

use std::path::Path;

use crate::Language;

/// One prompt file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptFile {
    /// `<language>/<CWE-NNN>/<name>`, unique in its folder.
    pub id: String,
    pub language: Language,
    pub cwe: crate::Cwe,
    pub text: String,
}

/// Why a folder could not be read, with the file or folder it concerns.
#[derive(Debug)]
pub enum FolderError {
    /// A file or folder that could not be read.
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The folder's content breaks the layout.
    Layout(String),
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FolderError::Io { path, source } => write!(f, "{path}: {source}"),
            FolderError::Layout(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for FolderError {}

/// Reads a folder from disk.
pub fn read(dir: &Path) -> Result<Vec<PromptFile>, FolderError> {
    let mut files = Vec::new();
    walk(dir, dir, 0, &mut files)?;
    from_files(&dir.display().to_string(), files)
}

/// Collects the files two folders below `root` (`depth` counts the folders entered), never
/// descending further: deeper files are skipped anyway, and a link loop ends here.
fn walk(
    root: &Path,
    dir: &Path,
    depth: usize,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), FolderError> {
    let io = |p: &Path, source| FolderError::Io {
        path: p.display().to_string(),
        source,
    };
    for e in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let p = e.map_err(|e| io(dir, e))?.path();
        if p.is_dir() {
            if depth < 2 {
                walk(root, &p, depth + 1, out)?;
            }
        } else {
            let rel: Vec<String> = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if rel.len() == 3 {
                out.push((rel.join("/"), std::fs::read(&p).map_err(|e| io(&p, e))?));
            }
        }
    }
    Ok(())
}

/// Prompts from `(path relative to the folder's root, bytes)` pairs, e.g. a folder compiled
/// into the binary; sorted by id. `origin` names the folder in errors. An empty result is an
/// error: a folder without prompts is never a silent success.
pub fn from_files(
    origin: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<PromptFile>, FolderError> {
    let mut out: Vec<PromptFile> = Vec::new();
    for (path, bytes) in files {
        let parts: Vec<&str> = path.split('/').collect();
        let [lang, cwe_dir, file] = parts.as_slice() else {
            continue;
        };
        let Some(language) = Language::from_name(lang) else {
            continue;
        };
        if language.name() != *lang
            || Path::new(file).extension().and_then(|e| e.to_str()) != Some(language.extension())
        {
            continue;
        }
        let cwe = crate::Cwe::parse(cwe_dir).ok_or_else(|| {
            FolderError::Layout(format!(
                "{origin}: `{lang}/{cwe_dir}` is not a CWE folder (expected e.g. CWE-078)"
            ))
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| FolderError::Layout(format!("{origin}: {path}: not UTF-8")))?;
        let id = format!("{lang}/{cwe}/{file}");
        if out.iter().any(|p| p.id == id) {
            return Err(FolderError::Layout(format!(
                "{origin}: {path}: a second file with the id `{id}` (two spellings of one CWE folder)"
            )));
        }
        out.push(PromptFile {
            id,
            language,
            cwe,
            text,
        });
    }
    if out.is_empty() {
        return Err(FolderError::Layout(format!(
            "{origin}: no prompts (expected <language>/<CWE-NNN>/<name>.py|.c)"
        )));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, text: &str) -> (String, Vec<u8>) {
        (path.into(), text.as_bytes().to_vec())
    }

    #[test]
    fn layout_rules() {
        let got = from_files(
            "t",
            vec![
                f("python/cwe-78/b.py", "b"),
                f("c/CWE-787/a.c", "a"),
                f("c/CWE-787/notes.txt", "skipped: extension"),
                f("python/CWE-078/deeper/x.py", "skipped: depth"),
                f("README.md", "skipped: depth"),
                f("rust/CWE-078/x.rs", "skipped: language"),
            ],
        )
        .unwrap();
        let ids: Vec<&str> = got.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["c/CWE-787/a.c", "python/CWE-078/b.py"]);
        assert_eq!(got[1].cwe, "CWE-078");
        assert_eq!(got[1].language, Language::Python);
    }

    #[test]
    fn bad_folders_are_named() {
        let e = from_files("t", vec![f("python/injection/a.py", "")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t: `python/injection` is not a CWE folder (expected e.g. CWE-078)"
        );
        let e = from_files(
            "t",
            vec![f("python/CWE-78/a.py", ""), f("python/CWE-078/a.py", "")],
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("a second file with the id `python/CWE-078/a.py`"));
        let e = from_files("t", vec![]).unwrap_err();
        assert!(e.to_string().contains("no prompts"));
    }
}
