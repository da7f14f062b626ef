//! The task catalogue: code-completion tasks (imports + a signature + a
//! docstring or comment saying what to do) per CWE, laid out like the
//! benchmarks (`<language>/<CWE-NNN>/<name>.py|.c`), shipped inside the
//! binary from `data/synth/tasks`. Users pass their own folder or a JSONL
//! file of `{task_id, cwe, language, prompt}` rows.

use std::path::Path;

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::SynthError;
use hexacoder_formats::{prompt_folder, Cwe, Language};

static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../data/synth/tasks");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub task_id: String,
    pub cwe: Cwe,
    pub language: Language,
    pub prompt: String,
}

/// A task row as read, its language still text (so a wrong one gets a line of its own).
#[derive(Deserialize)]
struct TaskRow {
    task_id: String,
    cwe: String,
    language: String,
    prompt: String,
}

impl Task {
    /// The line that declares the function to complete (the last `def` of a
    /// Python prompt, the last line ending in `{` of a C prompt): a repair
    /// must keep it.
    pub fn signature(&self) -> Option<&str> {
        let mut lines = self.prompt.lines().map(str::trim_end);
        if self.language == Language::Python {
            lines.rfind(|l| {
                let t = l.trim_start();
                t.starts_with("def ") || t.starts_with("async def ")
            })
        } else {
            lines
                .rfind(|l| l.ends_with('{') && l.contains('(') && !l.trim_start().starts_with("//"))
        }
    }
}

/// The bundled catalogue.
pub fn bundled() -> Vec<Task> {
    let mut files = Vec::new();
    collect(&BUNDLED, &mut files);
    from_files(prompt_folder::from_files("data/synth/tasks", files))
        .expect("the bundled tasks are valid")
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, Vec<u8>)>) {
    for f in dir.files() {
        out.push((
            f.path().to_string_lossy().into_owned(),
            f.contents().to_vec(),
        ));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// Tasks from a folder (benchmark layout) or a JSONL file.
pub fn load(path: &Path) -> Result<Vec<Task>, SynthError> {
    if path.is_dir() {
        return from_files(prompt_folder::read(path));
    }
    let text = std::fs::read_to_string(path).map_err(|e| SynthError::io(path, e))?;
    let mut out = Vec::new();
    let mut lines_of: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let t: TaskRow = serde_json::from_str(line)
            .map_err(|e| SynthError::Input(format!("{}:{}: {e}", path.display(), i + 1)))?;
        let cwe = Cwe::parse(&t.cwe).ok_or_else(|| {
            SynthError::Input(format!(
                "{}:{}: cwe `{}` is not like CWE-078",
                path.display(),
                i + 1,
                t.cwe
            ))
        })?;
        let language = match t.language.as_str() {
            "python" => Language::Python,
            "c" => Language::C,
            other => {
                return Err(SynthError::Input(format!(
                    "{}:{}: language `{other}`: expected python or c",
                    path.display(),
                    i + 1,
                )))
            }
        };
        if let Some(first) = out.iter().position(|o: &Task| o.task_id == t.task_id) {
            // A second task under one id would be skipped as done: refuse it.
            return Err(SynthError::Input(format!(
                "{}:{}: task_id `{}` is already used on line {}",
                path.display(),
                i + 1,
                t.task_id,
                lines_of[first]
            )));
        }
        lines_of.push(i + 1);
        out.push(Task {
            task_id: t.task_id,
            cwe,
            language,
            prompt: t.prompt,
        });
    }
    if out.is_empty() {
        return Err(SynthError::Input(format!("{}: no tasks", path.display())));
    }
    Ok(out)
}

/// Tasks from a prompt folder (the layout the benchmarks use).
fn from_files(
    files: Result<Vec<prompt_folder::PromptFile>, prompt_folder::FolderError>,
) -> Result<Vec<Task>, SynthError> {
    let files = files.map_err(|e| match e {
        prompt_folder::FolderError::Io { path, source } => SynthError::io(Path::new(&path), source),
        layout => SynthError::Input(layout.to_string()),
    })?;
    Ok(files
        .into_iter()
        .map(|p| Task {
            task_id: p.id,
            cwe: p.cwe,
            language: p.language,
            prompt: p.text,
        })
        .collect())
}
