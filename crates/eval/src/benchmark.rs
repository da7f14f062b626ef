//! Security benchmarks: folders of prompts laid out `<language>/<CWE>/<file>`.
//! pearce, codelmsec and gen ship inside the binary; users add their own
//! folders of the same layout.

use std::path::Path;

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use hexacoder_formats::{prompt_folder, Cwe};

use crate::EvalError;

static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../data/benchmarks");

/// The bundled benchmarks and their paper defaults (samples per prompt).
pub const BUILTIN: [(&str, usize); 3] = [("pearce", 15), ("codelmsec", 5), ("gen", 15)];

/// A prompt's language: the project's one language type (`Lang` is its short name here).
pub use hexacoder_formats::Language as Lang;

/// One prompt of a benchmark.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prompt {
    /// `<language>/<CWE>/<file>`, unique in its benchmark.
    pub id: String,
    pub language: Lang,
    pub cwe: Cwe,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Benchmark {
    pub name: String,
    pub prompts: Vec<Prompt>,
    /// Samples per prompt the literature uses for it.
    pub default_n: usize,
}

/// A bundled benchmark by name, or a folder.
pub fn load(name_or_dir: &str) -> Result<Benchmark, EvalError> {
    if let Some(&(name, n)) = BUILTIN.iter().find(|(b, _)| *b == name_or_dir) {
        let dir = BUNDLED
            .get_dir(name)
            .expect("bundled benchmarks are compiled in");
        let mut files = Vec::new();
        collect_bundled(dir, dir.path(), &mut files);
        return build(name, n, prompt_folder::from_files(name, files));
    }
    let path = Path::new(name_or_dir);
    if !path.is_dir() {
        return Err(EvalError::Input(format!(
            "--benchmark `{name_or_dir}`: not one of pearce, codelmsec, gen, humaneval, all, and not a folder"
        )));
    }
    // The name becomes a folder of the run (`<out>/<mode>/<name>/`): take it from the
    // resolved path, so `..` or `.` never lead outside the run folder.
    let name = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "benchmark".to_string());
    build(&name, 15, prompt_folder::read(path))
}

/// A compiled-in folder's files, their paths relative to `root` (the benchmark's folder).
fn collect_bundled(dir: &Dir<'_>, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for f in dir.files() {
        let rel = f.path().strip_prefix(root).unwrap_or(f.path());
        out.push((rel.to_string_lossy().into_owned(), f.contents().to_vec()));
    }
    for d in dir.dirs() {
        collect_bundled(d, root, out);
    }
}

fn build(
    name: &str,
    default_n: usize,
    files: Result<Vec<prompt_folder::PromptFile>, prompt_folder::FolderError>,
) -> Result<Benchmark, EvalError> {
    let prompts = files
        .map_err(|e| match e {
            prompt_folder::FolderError::Io { path, source } => EvalError::Io {
                path,
                message: source.to_string(),
            },
            layout => EvalError::Input(layout.to_string()),
        })?
        .into_iter()
        .map(|p| Prompt {
            id: p.id,
            language: p.language,
            cwe: p.cwe,
            text: p.text,
        })
        .collect();
    Ok(Benchmark {
        name: name.to_string(),
        prompts,
        default_n,
    })
}

impl Benchmark {
    /// The first `limit` prompts taken round-robin over the (language, CWE)
    /// groups, so a bounded run still covers every CWE (0 = all prompts).
    pub fn limited(&self, limit: usize) -> Vec<&Prompt> {
        if limit == 0 || limit >= self.prompts.len() {
            return self.prompts.iter().collect();
        }
        let mut groups: Vec<Vec<&Prompt>> = Vec::new();
        for p in &self.prompts {
            match groups
                .iter_mut()
                .find(|g| g[0].language == p.language && g[0].cwe == p.cwe)
            {
                Some(g) => g.push(p),
                None => groups.push(vec![p]),
            }
        }
        let mut out = Vec::with_capacity(limit);
        let mut round = 0;
        while out.len() < limit {
            for g in &groups {
                if let Some(p) = g.get(round) {
                    if out.len() < limit {
                        out.push(*p);
                    }
                }
            }
            round += 1;
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_benchmarks_have_the_papers_prompts() {
        let p = load("pearce").unwrap();
        assert_eq!(p.prompts.len(), 25);
        assert_eq!(
            p.prompts.iter().filter(|x| x.language == Lang::C).count(),
            10
        );
        assert_eq!(load("codelmsec").unwrap().prompts.len(), 280);
        assert_eq!(load("gen").unwrap().prompts.len(), 18);
        assert_eq!(
            hexacoder_oracle::cwe::normalize("cwe-78").as_deref(),
            Some("CWE-078")
        );
        assert!(load("nope").is_err());
        // 11 (language, CWE) groups in pearce: 11 prompts cover them all.
        let some = p.limited(11);
        let mut cwes: Vec<String> = some
            .iter()
            .map(|x| format!("{}/{}", x.language.name(), x.cwe))
            .collect();
        cwes.dedup();
        assert_eq!(cwes.len(), 11);
        assert_eq!(p.limited(0).len(), 25);
    }
}
