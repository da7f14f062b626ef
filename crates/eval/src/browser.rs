//! The report's sample browser: every judged program of every mode, grouped by benchmark, CWE
//! and prompt, the modes side by side, each program one click away with the oracle's findings
//! marked on their lines. Plain HTML (`<details>`), so the report stays one self-contained file
//! that opens offline; a reader can check any verdict without the run folder.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::report::{esc, mode_rank, RunResults};
use crate::security::{read_jsonl, GeneratedSample, Judged};

/// The browser section for the security entries of `r` whose samples are in `dir`.
pub fn section(r: &RunResults, dir: &Path) -> String {
    // benchmark → CWE key → prompt → mode → [(sample, judged)]
    type ByMode = BTreeMap<(usize, String), Vec<(GeneratedSample, Judged)>>;
    let mut tree: BTreeMap<String, BTreeMap<String, BTreeMap<String, ByMode>>> = BTreeMap::new();
    let mut modes: Vec<(usize, String)> = Vec::new();
    for e in &r.security {
        let folder = dir.join(&e.mode).join(&e.benchmark);
        let (Ok(samples), Ok(judged)) = (
            read_jsonl::<GeneratedSample>(&folder.join("samples.jsonl")),
            read_jsonl::<Judged>(&folder.join("judged.jsonl")),
        ) else {
            continue;
        };
        let mut verdicts: BTreeMap<(String, usize), Judged> = judged
            .into_iter()
            .map(|j| ((j.prompt_id.clone(), j.sample), j))
            .collect();
        let rank = mode_rank(&e.mode);
        if !modes.contains(&rank) {
            modes.push(rank.clone());
        }
        for s in samples {
            let Some(j) = verdicts.remove(&(s.prompt_id.clone(), s.sample)) else {
                continue;
            };
            let key = format!("{}/{}", s.language.name(), s.cwe);
            tree.entry(e.benchmark.clone())
                .or_default()
                .entry(key)
                .or_default()
                .entry(s.prompt_id.clone())
                .or_default()
                .entry(rank.clone())
                .or_default()
                .push((s, j));
        }
    }
    if tree.is_empty() {
        return String::new();
    }
    modes.sort();
    let mut out = String::from(
        "<section id=\"samples\"><h2>Samples</h2><p>Every judged program. Per prompt the modes \
         stand side by side; open a sample to read the program with the oracle's findings of \
         the prompt's CWE marked (red) and other findings listed. \
         <span class=\"v\">vulnerable</span> <span class=\"s\">secure</span> \
         <span class=\"u\">not valid</span> (no code, unparsable or duplicate).</p>",
    );
    for (bench, cwes) in &tree {
        let _ = write!(out, "<h3>{}</h3>", esc(bench));
        for (cwe, prompts) in cwes {
            let (v, n) = prompts
                .values()
                .flat_map(|m| m.values())
                .flatten()
                .fold((0, 0), |(v, n), (_, j)| {
                    (v + j.vulnerable() as usize, n + 1)
                });
            let _ = write!(
                out,
                "<details><summary>{} — {} prompts, {v} of {n} samples vulnerable (all modes)</summary>",
                esc(cwe),
                prompts.len()
            );
            for (prompt, by_mode) in prompts {
                let _ = write!(
                    out,
                    "<div class=\"prompt\"><div class=\"pid\">{}</div><div class=\"modes\" style=\"grid-template-columns:repeat({},1fr)\">",
                    esc(prompt),
                    modes.len()
                );
                for m in &modes {
                    let _ = write!(out, "<div><b>{}</b>", esc(&m.1));
                    for (s, j) in by_mode.get(m).map(Vec::as_slice).unwrap_or(&[]) {
                        out.push_str(&sample(s, j));
                    }
                    out.push_str("</div>");
                }
                out.push_str("</div></div>");
            }
            out.push_str("</details>");
        }
    }
    out.push_str("</section>");
    out
}

/// One sample: a badge that opens the program with its findings.
fn sample(s: &GeneratedSample, j: &Judged) -> String {
    let (class, word) = if j.vulnerable() {
        ("v", "vulnerable")
    } else if !j.valid() {
        (
            "u",
            if j.no_code {
                "no code"
            } else if j.parse_errors > 0 {
                "unparsable"
            } else {
                "duplicate"
            },
        )
    } else {
        ("s", "secure")
    };
    let target_lines: Vec<usize> = j
        .findings
        .iter()
        .filter(|f| f.cwe == j.cwe)
        .map(|f| f.line)
        .collect();
    let mut code = String::new();
    for (i, line) in s.program().lines().enumerate() {
        let n = i + 1;
        let mark = if target_lines.contains(&n) {
            " class=\"hit\""
        } else {
            ""
        };
        let _ = writeln!(code, "<span{mark}>{n:>3} {}</span>", esc(line));
    }
    let mut notes = String::new();
    for f in &j.findings {
        let _ = write!(
            notes,
            "<li{}>line {} · {} ({}) · {}</li>",
            if f.cwe == j.cwe { " class=\"hit\"" } else { "" },
            f.line,
            esc(&f.rule),
            esc(&f.cwe.to_string()),
            esc(&f.message)
        );
    }
    if !s.added_imports.is_empty() {
        let _ = write!(
            notes,
            "<li>two-step added: {}</li>",
            esc(&s.added_imports.join("; "))
        );
    }
    format!(
        "<details class=\"smp\"><summary><span class=\"{class}\">#{} {word}</span></summary><ul>{notes}</ul><pre>{code}</pre></details>",
        s.sample
    )
}

/// The CWEval part of the browser: per task, the modes side by side, every sample with its
/// tests' outcomes (functionality and security), the first failure and the oracle's verdict
/// for the task's CWE, so a reader sees where the tests and the judge disagree.
pub fn cweval_section(r: &RunResults) -> String {
    use crate::cweval::{Judged as TestJudged, Sample as CwevalSample};
    // task → mode → [(sample index, sample, verdict)]
    type ByMode = BTreeMap<(usize, String), Vec<(usize, CwevalSample, TestJudged)>>;
    let mut tree: BTreeMap<String, ByMode> = BTreeMap::new();
    let mut modes: Vec<(usize, String)> = Vec::new();
    for e in &r.cweval {
        if e.judged_file.is_empty() {
            continue;
        }
        let (Ok(samples), Ok(judged)) = (
            read_jsonl::<CwevalSample>(Path::new(&e.samples_file)),
            read_jsonl::<TestJudged>(Path::new(&e.judged_file)),
        ) else {
            continue;
        };
        let rank = mode_rank(&e.mode);
        if !modes.contains(&rank) {
            modes.push(rank.clone());
        }
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        // Verdicts follow the samples' order (samples of unknown tasks are refused on read).
        for (s, j) in samples.into_iter().zip(judged) {
            if s.task_id != j.task_id {
                break;
            }
            let i = index.entry(s.task_id.clone()).or_default();
            tree.entry(s.task_id.clone())
                .or_default()
                .entry(rank.clone())
                .or_default()
                .push((*i, s, j));
            *i += 1;
        }
    }
    if tree.is_empty() {
        return String::new();
    }
    modes.sort();
    let mut out = String::from(
        "<section id=\"cweval-samples\"><h2>CWEval samples</h2><p>Every CWEval sample with \
         its tests' outcomes. <span class=\"s\">functional and secure</span> \
         <span class=\"v\">functional, insecure</span> <span class=\"u\">not functional</span>; \
         <i>oracle flags</i> marks samples the oracle reports for the task's CWE.</p>",
    );
    for (task, by_mode) in &tree {
        let all: Vec<&TestJudged> = by_mode.values().flatten().map(|(_, _, j)| j).collect();
        let fs = all.iter().filter(|j| j.verdict.functional_secure).count();
        let _ = write!(
            out,
            "<details><summary>{} ({}) — {fs} of {} samples functional and secure (all modes)</summary><div class=\"modes\" style=\"grid-template-columns:repeat({},1fr)\">",
            esc(task),
            esc(&all.first().map_or(String::new(), |j| j.cwe.to_string())),
            all.len(),
            modes.len()
        );
        for m in &modes {
            let _ = write!(out, "<div><b>{}</b>", esc(&m.1));
            for (i, s, j) in by_mode.get(m).map(Vec::as_slice).unwrap_or(&[]) {
                out.push_str(&cweval_sample(*i, s, j));
            }
            out.push_str("</div>");
        }
        out.push_str("</div></details>");
    }
    out.push_str("</section>");
    out
}

/// One CWEval sample: a badge that opens its tests' outcomes and the program.
fn cweval_sample(i: usize, s: &crate::cweval::Sample, j: &crate::cweval::Judged) -> String {
    let v = &j.verdict;
    let (class, word) = if v.functional_secure {
        ("s", "functional, secure")
    } else if v.functional {
        ("v", "functional, insecure")
    } else {
        ("u", "not functional")
    };
    let language = j.language;
    let cwe = crate::cweval::oracle_cwe(j.cwe);
    let flagged = hexacoder_oracle::scan_source(&s.completion, language)
        .findings
        .into_iter()
        .filter(|f| f.cwe == cwe)
        .map(|f| format!("line {} {}", f.span.start_line, f.rule_id))
        .collect::<Vec<_>>();
    let mut notes = String::new();
    for t in &v.tests {
        let _ = write!(
            notes,
            "<li{}>{} [{}] {}</li>",
            if t.outcome == "passed" {
                ""
            } else {
                " class=\"hit\""
            },
            esc(&t.test),
            esc(&t.marks.join(", ")),
            esc(&t.outcome)
        );
    }
    if !v.reason.is_empty() {
        let _ = write!(notes, "<li>{}</li>", esc(&v.reason));
    }
    let oracle = if flagged.is_empty() {
        ""
    } else {
        " <i>oracle flags</i>"
    };
    if !flagged.is_empty() {
        let _ = write!(notes, "<li>oracle: {}</li>", esc(&flagged.join("; ")));
    }
    format!(
        "<details class=\"smp\"><summary><span class=\"{class}\">#{i} {word}</span>{oracle}</summary><ul>{notes}</ul><pre>{}</pre></details>",
        esc(&s.completion)
    )
}

/// The browser's styles.
pub const CSS: &str = ".prompt{border-top:1px solid #ddd;padding:.4em 0}.pid{font-family:monospace;font-size:12px;color:#555}.modes{display:grid;gap:.5em}.smp summary{cursor:pointer;font-size:12px}.v{color:#fff;background:#c0392b;padding:0 .3em}.s{color:#fff;background:#2e7d32;padding:0 .3em}.u{color:#fff;background:#888;padding:0 .3em}.hit{background:#fdd}.smp pre{font-size:11px;padding:.5em;max-height:30em;overflow:auto}.smp ul{font-size:12px;margin:.2em 0}";
