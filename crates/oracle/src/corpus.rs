//! Scoring an engine on labeled corpora (`hexacoder oracle-eval`).
//!
//! Rows are JSON Lines `{id, language, cwe, label: vulnerable|clean, code}`
//! (the format of the oracle-corpus). A vulnerable row is *caught* when the
//! engine reports a finding in the family of the row's CWE ([`crate::cwe`]);
//! a clean row is a *false positive* when it gets such a finding (or, for
//! rows without a CWE, any finding). Pairs (`…/before` + `…/after`) are
//! `pair_ok` when the vulnerable half is caught and its fix is not flagged.

use crate::analysis::FileReport;
use crate::source::{Language, SourceFile};
use crate::{cwe, Cwe};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Vulnerable,
    Clean,
}

/// One labeled program.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub corpus: String,
    pub language: Language,
    /// C++ (`"language": "cpp"`): C read with the C++ grammar, scored apart from C.
    pub cpp: bool,
    pub cwe: Option<Cwe>,
    pub label: Label,
    pub code: String,
}

impl Row {
    /// The language as scores name it: `python`, `c` or `cpp`.
    pub fn lang_label(&self) -> &'static str {
        if self.cpp {
            "cpp"
        } else {
            self.language.name()
        }
    }

    /// `…/before` and `…/after` rows share a pair key.
    pub fn pair_key(&self) -> Option<&str> {
        self.id
            .strip_suffix("/before")
            .or_else(|| self.id.strip_suffix("/after"))
    }
}

#[derive(Deserialize)]
struct RawRow {
    id: Option<serde_json::Value>,
    language: Option<String>,
    cwe: Option<String>,
    label: Option<String>,
    code: Option<String>,
}

/// Rows loaded from corpus files, plus how many were skipped because the
/// language is not analysed (e.g. Java).
pub struct Loaded {
    pub rows: Vec<Row>,
    pub skipped_languages: BTreeMap<String, usize>,
}

/// Loads JSONL corpora. A malformed row is an error naming the file, the
/// line and the field.
pub fn load(paths: &[impl AsRef<Path>]) -> Result<Loaded, String> {
    let mut rows = Vec::new();
    let mut skipped_languages = BTreeMap::new();
    for path in paths {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let corpus = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = format!("{}:{}", path.display(), i + 1);
            // Parse to a value first, so a row that is valid JSON but not an object ([1, 2])
            // is named as such instead of as a field-type error.
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{at}: not JSON: {e}"))?;
            if !value.is_object() {
                return Err(format!(
                    "{at}: expected a JSON object per row, found {}",
                    kind(&value)
                ));
            }
            let raw: RawRow = serde_json::from_value(value).map_err(|e| format!("{at}: {e}"))?;
            let id = match raw.id {
                Some(serde_json::Value::String(s)) => s,
                Some(v) if !v.is_null() => v.to_string(),
                _ => return Err(format!("{at}: missing field `id`")),
            };
            let lang_name = raw
                .language
                .ok_or_else(|| format!("{at}: missing field `language`"))?;
            let code = raw
                .code
                .ok_or_else(|| format!("{at}: missing field `code`"))?;
            let label = match raw.label.as_deref() {
                Some("vulnerable") => Label::Vulnerable,
                Some("clean") => Label::Clean,
                Some(other) => {
                    return Err(format!(
                        "{at}: field `label` is `{other}`, expected `vulnerable` or `clean`"
                    ))
                }
                None => return Err(format!("{at}: missing field `label`")),
            };
            let cwe = match raw.cwe {
                Some(c) => Some(
                    Cwe::parse(&c)
                        .ok_or_else(|| format!("{at}: field `cwe` is `{c}`, not a CWE id"))?,
                ),
                None => None,
            };
            let cpp = hexacoder_formats::is_cpp_name(&lang_name);
            let Some(language) = (if cpp {
                Some(Language::C)
            } else {
                Language::from_name(&lang_name)
            }) else {
                *skipped_languages.entry(lang_name).or_insert(0) += 1;
                continue;
            };
            rows.push(Row {
                id,
                corpus: corpus.clone(),
                language,
                cpp,
                cwe,
                label,
                code,
            });
        }
    }
    Ok(Loaded {
        rows,
        skipped_languages,
    })
}

/// Counts for one group of rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub n_vuln: usize,
    pub n_clean: usize,
    /// Vulnerable rows with a finding of the row's CWE family.
    pub vuln_match: usize,
    /// … of exactly the row's CWE.
    pub vuln_strict: usize,
    /// … with any finding.
    pub vuln_any: usize,
    /// Clean rows with a finding of the row's CWE family (any finding when
    /// the row has no CWE).
    pub clean_match: usize,
    pub clean_any: usize,
    pub pairs: usize,
    pub pair_ok: usize,
    /// Rows with parse errors (still analysed).
    pub parse_errors: usize,
}

fn pct(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| 100.0 * a as f64 / b as f64)
}

impl Counts {
    pub fn recall(&self) -> Option<f64> {
        pct(self.vuln_match, self.n_vuln)
    }
    pub fn recall_strict(&self) -> Option<f64> {
        pct(self.vuln_strict, self.n_vuln)
    }
    pub fn fpr(&self) -> Option<f64> {
        pct(self.clean_match, self.n_clean)
    }
    pub fn fpr_any(&self) -> Option<f64> {
        pct(self.clean_any, self.n_clean)
    }
    pub fn pair_ok_rate(&self) -> Option<f64> {
        pct(self.pair_ok, self.pairs)
    }
    /// Precision over the group: caught vulnerable rows / all flagged rows.
    pub fn precision(&self) -> Option<f64> {
        pct(self.vuln_match, self.vuln_match + self.clean_match)
    }
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    fn add(&mut self, o: &Counts) {
        self.n_vuln += o.n_vuln;
        self.n_clean += o.n_clean;
        self.vuln_match += o.vuln_match;
        self.vuln_strict += o.vuln_strict;
        self.vuln_any += o.vuln_any;
        self.clean_match += o.clean_match;
        self.clean_any += o.clean_any;
        self.pairs += o.pairs;
        self.pair_ok += o.pair_ok;
        self.parse_errors += o.parse_errors;
    }
}

/// The outcome for one row.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub flagged_match: bool,
    pub flagged_any: bool,
    pub cwes: Vec<Cwe>,
}

/// Scores of a run, grouped by (corpus, language) and (corpus, language, CWE).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub by_language: BTreeMap<(String, String), Counts>,
    pub by_cwe: BTreeMap<(String, String, String), Counts>,
    /// Vulnerable rows whose CWE family a built-in rule claims to cover.
    pub supported: BTreeMap<(String, String), Counts>,
    pub outcomes: Vec<Outcome>,
}

/// What a JSON value is, for error messages.
fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// CWEs the built-in rules report for a language.
pub fn supported_cwes(lang: Language) -> Vec<Cwe> {
    crate::rules::for_language(lang)
        .map(|r| r.meta.cwe)
        .collect()
}

/// Indexes of a pair's vulnerable and clean rows.
type PairRows = (Option<usize>, Option<usize>);

/// Scores reports (one per row, same order).
pub fn score(rows: &[Row], reports: &[FileReport]) -> Scores {
    let mut scores = Scores::default();
    let mut per_row: Vec<(bool, bool)> = Vec::with_capacity(rows.len());
    for (row, rep) in rows.iter().zip(reports) {
        let cwes: Vec<Cwe> = rep.findings.iter().map(|f| f.cwe).collect();
        let any = !cwes.is_empty();
        let matched = match &row.cwe {
            Some(c) => cwes.iter().any(|f| cwe::same_family(*f, *c)),
            None => any,
        };
        let strict = row
            .cwe
            .as_ref()
            .is_some_and(|c| cwes.iter().any(|f| f == c));
        per_row.push((matched, any));
        let mut c = Counts {
            parse_errors: usize::from(rep.parse_errors > 0),
            ..Counts::default()
        };
        match row.label {
            Label::Vulnerable => {
                c.n_vuln = 1;
                c.vuln_match = usize::from(matched);
                c.vuln_strict = usize::from(strict);
                c.vuln_any = usize::from(any);
            }
            Label::Clean => {
                c.n_clean = 1;
                c.clean_match = usize::from(matched);
                c.clean_any = usize::from(any);
            }
        }
        let lang = row.lang_label().to_string();
        let cwe_key = row.cwe.map_or_else(|| "(none)".into(), |c| c.to_string());
        scores
            .by_language
            .entry((row.corpus.clone(), lang.clone()))
            .or_default()
            .add(&c);
        scores
            .by_cwe
            .entry((row.corpus.clone(), lang.clone(), cwe_key))
            .or_default()
            .add(&c);
        let supported = row.cwe.as_ref().is_some_and(|rc| {
            supported_cwes(row.language)
                .iter()
                .any(|s| cwe::same_family(*s, *rc))
        });
        if supported {
            scores
                .supported
                .entry((row.corpus.clone(), lang))
                .or_default()
                .add(&c);
        }
        let mut cw = cwes.clone();
        cw.sort();
        cw.dedup();
        scores.outcomes.push(Outcome {
            id: row.id.clone(),
            flagged_match: matched,
            flagged_any: any,
            cwes: cw,
        });
    }
    // Pairs.
    let mut pairs: HashMap<(&str, &str), PairRows> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(k) = row.pair_key() {
            let e = pairs.entry((row.corpus.as_str(), k)).or_default();
            match row.label {
                Label::Vulnerable => e.0 = Some(i),
                Label::Clean => e.1 = Some(i),
            }
        }
    }
    for (v, c) in pairs.values() {
        let (Some(v), Some(c)) = (v, c) else { continue };
        let row = &rows[*v];
        let ok = per_row[*v].0 && !per_row[*c].0;
        let lang = row.lang_label().to_string();
        let cwe_key = row.cwe.map_or_else(|| "(none)".into(), |c| c.to_string());
        let add = |counts: &mut Counts| {
            counts.pairs += 1;
            counts.pair_ok += usize::from(ok);
        };
        add(scores
            .by_language
            .entry((row.corpus.clone(), lang.clone()))
            .or_default());
        add(scores
            .by_cwe
            .entry((row.corpus.clone(), lang.clone(), cwe_key))
            .or_default());
        let supported = row.cwe.as_ref().is_some_and(|rc| {
            supported_cwes(row.language)
                .iter()
                .any(|s| cwe::same_family(*s, *rc))
        });
        if supported {
            add(scores
                .supported
                .entry((row.corpus.clone(), lang))
                .or_default());
        }
    }
    scores
}

/// The rows as in-memory source files (path = row id).
pub fn sources(rows: &[Row]) -> Vec<SourceFile> {
    rows.iter()
        .map(|r| {
            let mut f = SourceFile::new(r.id.clone(), r.language, r.code.clone());
            f.cpp |= r.cpp;
            f
        })
        .collect()
}

fn fmt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "–".into())
}

/// Markdown tables of the scores.
pub fn render(scores: &Scores, engine: &str, files_per_sec: f64, per_cwe: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!("## {engine}\n\n"));
    out.push_str("| corpus | lang | n_vuln | n_clean | recall (family) | recall (strict) | any | fpr (family) | fpr (any) | pair_ok | precision | F1 |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let line = |name: &str, lang: &str, c: &Counts| {
        format!(
            "| {name} | {lang} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            c.n_vuln,
            c.n_clean,
            fmt(c.recall()),
            fmt(c.recall_strict()),
            fmt(pct(c.vuln_any, c.n_vuln)),
            fmt(c.fpr()),
            fmt(c.fpr_any()),
            fmt(c.pair_ok_rate()),
            fmt(c.precision()),
            fmt(c.f1()),
        )
    };
    for ((corpus, lang), c) in &scores.by_language {
        out.push_str(&line(corpus, lang, c));
    }
    for ((corpus, lang), c) in &scores.supported {
        out.push_str(&line(&format!("{corpus} (supported CWEs)"), lang, c));
    }
    if per_cwe {
        out.push_str("\n| corpus | lang | CWE | n_vuln | n_clean | recall | fpr | pair_ok | precision | F1 |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for ((corpus, lang, cwe), c) in &scores.by_cwe {
            out.push_str(&format!(
                "| {corpus} | {lang} | {cwe} | {} | {} | {} | {} | {} | {} | {} |\n",
                c.n_vuln,
                c.n_clean,
                fmt(c.recall()),
                fmt(c.fpr()),
                fmt(c.pair_ok_rate()),
                fmt(c.precision()),
                fmt(c.f1())
            ));
        }
    }
    out.push_str(&format!("\nspeed: {files_per_sec:.0} files/s\n"));
    out
}
