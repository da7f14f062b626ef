//! Reports of an evaluation run: `results.json` (every number, the full
//! configuration, versions, the sandbox's isolation), `results.md`, and a
//! self-contained `report.html` whose charts are inline SVG (no scripts, no
//! network), plus `compare` for two runs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use hexacoder_formats::train_log::StepLog;
use serde::{Deserialize, Serialize};

use crate::functional::FunctionalReport;
use crate::security::{Counts, GenSettings, SecurityReport};
use crate::timing::GenerationTime;
use crate::EvalError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityEntry {
    pub benchmark: String,
    /// `base`, `base+2step`, `adapter`, `adapter+2step`.
    pub mode: String,
    pub backend: String,
    pub settings: GenSettings,
    pub engine: String,
    pub report: SecurityReport,
    /// The folder's generation time over every invocation (`None` in runs made before it was
    /// recorded; their `generate_seconds` was one invocation's and is no longer read).
    #[serde(default)]
    pub generation: Option<GenerationTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FunctionalEntry {
    pub mode: String,
    pub backend: String,
    /// None when the samples came from a file.
    pub settings: Option<GenSettings>,
    pub samples_file: String,
    pub report: FunctionalReport,
    #[serde(default)]
    pub generation: Option<GenerationTime>,
}

/// One mode's CWEval scores: func@k and func-sec@k on the same samples, and how the oracle's
/// verdicts agree with the security tests on them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CwevalEntry {
    pub mode: String,
    pub backend: String,
    /// None when the samples came from a file.
    pub settings: Option<GenSettings>,
    pub samples_file: String,
    /// The tests' verdicts, one per sample in the samples file's order
    /// (`cweval_results.jsonl`); empty in runs made before it was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub judged_file: String,
    pub report: crate::cweval::CwevalReport,
    pub oracle: BTreeMap<String, crate::cweval::Agreement>,
    #[serde(default)]
    pub generation: Option<GenerationTime>,
    pub judge_seconds: f64,
}

/// The training run behind the adapter: its loss curve (from `log.jsonl`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TrainingCurve {
    pub log: String,
    /// (step, training loss).
    pub loss: Vec<(u64, f64)>,
    /// (step, validation loss).
    pub val_loss: Vec<(u64, f64)>,
}

impl TrainingCurve {
    /// Reads a `hexacoder train` log (one [`StepLog`] per step).
    pub fn from_log(path: &Path) -> Result<TrainingCurve, EvalError> {
        let rows: Vec<StepLog> = hexacoder_formats::jsonl::read(path)?;
        Ok(TrainingCurve {
            log: path.display().to_string(),
            loss: rows.iter().map(|r| (r.step, r.loss)).collect(),
            val_loss: rows
                .iter()
                .filter_map(|r| Some((r.step, r.val_loss?)))
                .collect(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunResults {
    pub hexacoder_version: String,
    /// Seconds since the Unix epoch of the last update.
    pub updated_at: u64,
    /// The command line's settings, as given.
    pub config: serde_json::Value,
    pub sandbox: String,
    #[serde(default)]
    pub security: Vec<SecurityEntry>,
    #[serde(default)]
    pub functional: Vec<FunctionalEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cweval: Vec<CwevalEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<TrainingCurve>,
}

impl RunResults {
    pub fn new(config: serde_json::Value) -> RunResults {
        RunResults {
            hexacoder_version: env!("CARGO_PKG_VERSION").to_string(),
            updated_at: 0,
            config,
            sandbox: crate::sandbox::Isolation::detect().describe(),
            security: Vec::new(),
            functional: Vec::new(),
            cweval: Vec::new(),
            training: None,
        }
    }

    pub fn load(dir: &Path) -> Result<RunResults, EvalError> {
        let path = dir.join("results.json");
        let text = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        serde_json::from_str(&text)
            .map_err(|e| EvalError::Input(format!("{}: {e}", path.display())))
    }

    /// Replaces the entry of the same benchmark and mode.
    pub fn put_security(&mut self, e: SecurityEntry) {
        self.security
            .retain(|x| !(x.benchmark == e.benchmark && x.mode == e.mode));
        self.security.push(e);
    }

    pub fn put_functional(&mut self, e: FunctionalEntry) {
        self.functional.retain(|x| x.mode != e.mode);
        self.functional.push(e);
    }

    pub fn put_cweval(&mut self, e: CwevalEntry) {
        self.cweval.retain(|x| x.mode != e.mode);
        self.cweval.push(e);
    }

    /// Writes results.json, results.md and report.html into `dir`.
    pub fn write(&mut self, dir: &Path) -> Result<(), EvalError> {
        self.updated_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let json = serde_json::to_string_pretty(self).expect("serializable");
        crate::write_atomic(&dir.join("results.json"), json.as_bytes())?;
        crate::write_atomic(&dir.join("results.md"), markdown(self).as_bytes())?;
        let page = html(self).replacen(
            "<section><h2>All numbers</h2>",
            &format!(
                "{}{}<section><h2>All numbers</h2>",
                crate::browser::section(self, dir),
                crate::browser::cweval_section(self)
            ),
            1,
        );
        crate::write_atomic(&dir.join("report.html"), page.as_bytes())?;
        Ok(())
    }
}

/// A share with its Wilson 95 % interval: `12.0% [9.1–15.6]`.
fn share_ci(k: usize, n: usize) -> String {
    if n == 0 {
        return "–".into();
    }
    let (lo, hi) = crate::stats::wilson(k, n);
    format!(
        "{:.1}% [{:.1}–{:.1}]",
        k as f64 / n as f64 * 100.0,
        lo * 100.0,
        hi * 100.0
    )
}

fn cell(c: &Counts) -> String {
    let no_code = if c.no_code > 0 {
        format!(" · no code {}", c.no_code)
    } else {
        String::new()
    };
    format!(
        "{}/{} ({}) · top-1 {}/{} · rate {} of {}{no_code}",
        c.vulnerable,
        c.samples,
        share_ci(c.vulnerable, c.samples),
        c.vulnerable_top1,
        c.prompts,
        share_ci(c.secure, c.valid),
        c.valid
    )
}

fn benchmarks(r: &RunResults) -> Vec<String> {
    let mut b: Vec<String> = Vec::new();
    for e in &r.security {
        if !b.contains(&e.benchmark) {
            b.push(e.benchmark.clone());
        }
    }
    b
}

fn entries<'a>(r: &'a RunResults, bench: &str) -> Vec<&'a SecurityEntry> {
    let mut v: Vec<&SecurityEntry> = r.security.iter().filter(|e| e.benchmark == bench).collect();
    v.sort_by_key(|e| mode_rank(&e.mode));
    v
}

pub(crate) fn mode_rank(m: &str) -> (usize, String) {
    let r = crate::Mode::ALL
        .iter()
        .position(|x| x.name() == m)
        .unwrap_or(9);
    (r, m.to_string())
}

/// The Markdown summary.
pub fn markdown(r: &RunResults) -> String {
    let mut s = String::from("# hexacoder eval\n\n");
    for line in crate::headline::sentences(r) {
        let _ = writeln!(s, "{line}\n");
    }
    let styles: Vec<String> = {
        let mut v: Vec<String> = r
            .security
            .iter()
            .map(|e| e.settings.style.name().to_string())
            .chain(
                r.functional
                    .iter()
                    .filter_map(|e| e.settings.as_ref().map(|g| g.style.name().to_string())),
            )
            .collect();
        v.sort();
        v.dedup();
        v
    };
    if !styles.is_empty() {
        let _ = writeln!(s, "Prompt style: {}.\n", styles.join(", "));
    }
    let _ = writeln!(
        s,
        "Cells: vulnerable samples / samples (share [95 % Wilson interval]) · prompts whose first sample is vulnerable · security rate = secure / valid [interval] (valid = has code, parses, not a duplicate). Differences between modes: paired bootstrap over prompts ({} draws).\n",
        crate::headline::RESAMPLES
    );
    for bench in benchmarks(r) {
        let es = entries(r, &bench);
        let _ = writeln!(s, "## {bench}\n");
        let _ = writeln!(
            s,
            "| CWE | {} |",
            es.iter()
                .map(|e| e.mode.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(s, "|---|{}", "---|".repeat(es.len()));
        let mut keys: Vec<&String> = Vec::new();
        for e in &es {
            for k in e.report.per_cwe.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        keys.sort();
        for k in keys {
            let cells: Vec<String> = es
                .iter()
                .map(|e| e.report.per_cwe.get(k).map_or("–".into(), cell))
                .collect();
            let _ = writeln!(s, "| {k} | {} |", cells.join(" | "));
        }
        let langs: Vec<&String> = es
            .first()
            .map(|e| e.report.per_language.keys().collect())
            .unwrap_or_default();
        for l in langs {
            let cells: Vec<String> = es
                .iter()
                .map(|e| e.report.per_language.get(l).map_or("–".into(), cell))
                .collect();
            let _ = writeln!(s, "| **{l}** | {} |", cells.join(" | "));
        }
        let cells: Vec<String> = es.iter().map(|e| cell(&e.report.overall)).collect();
        let _ = writeln!(s, "| **all** | {} |\n", cells.join(" | "));
        for e in &es {
            let _ = writeln!(
                s,
                "- {}: {} · n={} T={} top-p={} max {} tokens{} · judge `{}` · {}",
                e.mode,
                e.backend,
                e.settings.n,
                e.settings.temperature,
                e.settings.top_p,
                e.settings.max_new_tokens,
                e.settings
                    .two_step
                    .map_or(String::new(), |t| format!(" (two-step: {t} for imports)")),
                e.engine,
                GenerationTime::describe(e.generation.as_ref(), e.report.overall.samples)
            );
        }
        s.push('\n');
    }
    if !r.functional.is_empty() {
        let mut fs: Vec<&FunctionalEntry> = r.functional.iter().collect();
        fs.sort_by_key(|e| mode_rank(&e.mode));
        let _ = writeln!(s, "## HumanEval\n");
        let _ = writeln!(
            s,
            "| mode | problems | samples | passed | pass@1 ± SE | pass@5 | pass@10 | run |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
        for e in fs {
            let p = |k: &str| {
                e.report
                    .pass_at_k
                    .get(k)
                    .map_or("–".into(), |v| format!("{:.2}%", v * 100.0))
            };
            let p1 = match crate::stats::pass_at_k_with_se(&e.report.per_problem, 1) {
                Some((m, se)) => format!("{:.2}% ± {:.2}", m * 100.0, se * 100.0),
                None => p("pass@1"),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {:.1} s ({} executed) |",
                e.mode,
                e.report.problems,
                e.report.samples,
                e.report.passed,
                p1,
                p("pass@5"),
                p("pass@10"),
                e.report.seconds,
                e.report.executed
            );
        }
        s.push('\n');
    }
    if !r.cweval.is_empty() {
        s.push_str(&cweval_markdown(r));
    }
    if let Some(t) = &r.training {
        let first = t.loss.first().map(|x| x.1);
        let last = t.loss.last().map(|x| x.1);
        let best_val = t.val_loss.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
        let _ = writeln!(
            s,
            "## Training\n\n{} steps, loss {} → {}, best validation loss {} ({})\n",
            t.loss.last().map_or(0, |x| x.0),
            first.map_or("–".into(), |v| format!("{v:.4}")),
            last.map_or("–".into(), |v| format!("{v:.4}")),
            if best_val.is_finite() {
                format!("{best_val:.4}")
            } else {
                "–".into()
            },
            t.log
        );
    }
    let _ = writeln!(s, "Sandbox: {}\n", r.sandbox);
    s
}

const COLORS: [&str; 4] = ["#9aa5b1", "#4a6fa5", "#e07a5f", "#81b29a"];

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A grouped bar chart as inline SVG: one group per category, one bar per series.
pub fn bar_chart(
    id: &str,
    title: &str,
    categories: &[String],
    series: &[(String, Vec<Option<f64>>)],
    y_max: f64,
    y_label: &str,
) -> String {
    let group_w = (series.len() as f64 * 16.0 + 14.0).max(40.0);
    let left = 56.0;
    let plot_h = 220.0;
    let top = 40.0;
    // Wide enough for the bars, the title and the legend in one row.
    let width = (left + group_w * categories.len().max(1) as f64 + 20.0)
        .max(left + series.len() as f64 * 130.0 + 20.0)
        .max(left + title.chars().count() as f64 * 8.5 + 20.0);
    let height = top + plot_h + 90.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" id="{id}" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{t}"><title>{t}</title><text x="{left}" y="18" font-size="14" font-weight="bold">{t}</text>"#,
        t = esc(title)
    );
    for i in 0..=4 {
        let v = y_max * i as f64 / 4.0;
        let y = top + plot_h - plot_h * i as f64 / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{x2:.0}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" font-size="10" text-anchor="end">{label}</text>"##,
            x2 = width - 20.0,
            tx = left - 4.0,
            ty = y + 3.0,
            label = if y_max <= 1.0 {
                format!("{:.0}%", v * 100.0)
            } else {
                format!("{v:.0}")
            }
        );
    }
    let _ = write!(
        s,
        r#"<text x="12" y="{y:.0}" font-size="10" transform="rotate(-90 12 {y:.0})" text-anchor="middle">{l}</text>"#,
        y = top + plot_h / 2.0,
        l = esc(y_label)
    );
    for (ci, cat) in categories.iter().enumerate() {
        let gx = left + group_w * ci as f64 + 7.0;
        for (si, (name, values)) in series.iter().enumerate() {
            let Some(v) = values.get(ci).copied().flatten() else {
                continue;
            };
            let h = (v / y_max).clamp(0.0, 1.0) * plot_h;
            let x = gx + si as f64 * 16.0;
            let _ = write!(
                s,
                r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="14" height="{h:.1}" fill="{c}"><title>{n} · {cat}: {val}</title></rect>"#,
                y = top + plot_h - h,
                c = COLORS[si % COLORS.len()],
                n = esc(name),
                cat = esc(cat),
                val = if y_max <= 1.0 {
                    format!("{:.1}%", v * 100.0)
                } else {
                    format!("{v:.2}")
                }
            );
            if categories.len() * series.len() <= 24 {
                let _ = write!(
                    s,
                    r#"<text x="{tx:.1}" y="{ty:.1}" font-size="8" text-anchor="middle">{label}</text>"#,
                    tx = x + 7.0,
                    ty = top + plot_h - h - 2.0,
                    label = if y_max <= 1.0 {
                        format!("{:.0}", v * 100.0)
                    } else {
                        format!("{v:.1}")
                    }
                );
            }
        }
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{y:.0}" font-size="10" transform="rotate(40 {x:.1} {y:.0})">{c}</text>"#,
            x = gx + 2.0,
            y = top + plot_h + 14.0,
            c = esc(cat)
        );
    }
    for (si, (name, _)) in series.iter().enumerate() {
        let x = left + si as f64 * 130.0;
        let y = height - 12.0;
        let _ = write!(
            s,
            r#"<rect x="{x:.0}" y="{ry:.0}" width="10" height="10" fill="{c}"/><text x="{tx:.0}" y="{y:.0}" font-size="11">{n}</text>"#,
            ry = y - 9.0,
            c = COLORS[si % COLORS.len()],
            tx = x + 14.0,
            n = esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// A line chart as inline SVG (x = step), one polyline per series.
pub fn line_chart(
    id: &str,
    title: &str,
    series: &[(String, Vec<(u64, f64)>)],
    y_label: &str,
) -> String {
    let (left, top, w, h) = (56.0, 40.0, 560.0, 220.0);
    let width = left + w + 30.0;
    let height = top + h + 70.0;
    let xs = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|q| q.0 as f64));
    let ys = series.iter().flat_map(|(_, p)| p.iter().map(|q| q.1));
    let x_max = xs.fold(1.0f64, f64::max);
    let y_max = ys.clone().fold(f64::MIN, f64::max).max(1e-9) * 1.05;
    let y_min = ys.fold(f64::MAX, f64::min).min(y_max).max(0.0) * 0.95;
    let sx = |x: f64| left + x / x_max * w;
    let sy = |y: f64| top + h - (y - y_min) / (y_max - y_min).max(1e-9) * h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" id="{id}" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{t}"><title>{t}</title><text x="{left}" y="18" font-size="14" font-weight="bold">{t}</text>"#,
        t = esc(title)
    );
    for i in 0..=4 {
        let v = y_min + (y_max - y_min) * i as f64 / 4.0;
        let y = sy(v);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{x2:.0}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" font-size="10" text-anchor="end">{v:.2}</text>"##,
            x2 = left + w,
            tx = left - 4.0,
            ty = y + 3.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="{x:.0}" y="{y:.0}" font-size="10" text-anchor="middle">step (max {x_max:.0})</text><text x="12" y="{ym:.0}" font-size="10" transform="rotate(-90 12 {ym:.0})" text-anchor="middle">{l}</text>"#,
        x = left + w / 2.0,
        y = top + h + 28.0,
        ym = top + h / 2.0,
        l = esc(y_label)
    );
    for (si, (name, points)) in series.iter().enumerate() {
        if points.is_empty() {
            continue;
        }
        let c = COLORS[(si + 1) % COLORS.len()];
        let pts: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x as f64), sy(y)))
            .collect();
        let _ = write!(
            s,
            r#"<polyline class="line" fill="none" stroke="{c}" stroke-width="2" points="{}"><title>{}</title></polyline>"#,
            pts.join(" "),
            esc(name)
        );
        for &(x, y) in points.iter().filter(|_| points.len() <= 60) {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{c}"/>"#,
                sx(x as f64),
                sy(y)
            );
        }
        let lx = left + si as f64 * 160.0;
        let _ = write!(
            s,
            r#"<rect x="{lx:.0}" y="{ry:.0}" width="10" height="10" fill="{c}"/><text x="{tx:.0}" y="{ty:.0}" font-size="11">{n}</text>"#,
            ry = height - 21.0,
            tx = lx + 14.0,
            ty = height - 12.0,
            n = esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// The self-contained HTML report.
pub fn html(r: &RunResults) -> String {
    let mut body = String::new();
    let heads = crate::headline::sentences(r);
    if !heads.is_empty() {
        body.push_str("<section class=\"headline\">");
        for h in heads {
            let _ = write!(body, "<p>{}</p>", bold(&esc(&h)));
        }
        body.push_str("</section>");
    }
    let rates = crate::headline::mode_rates(r);
    if !rates.is_empty() {
        let cats: Vec<String> = vec!["all security benchmarks".to_string()];
        let series: Vec<(String, Vec<Option<f64>>)> = rates
            .iter()
            .map(|m| (m.mode.clone(), vec![Some(m.share)]))
            .collect();
        body.push_str("<section><h2>All security benchmarks</h2>");
        body.push_str(&bar_chart(
            "vuln-all",
            "share of vulnerable samples per mode, all security benchmarks (lower is better)",
            &cats,
            &series,
            rates.iter().map(|m| m.hi).fold(0.05, f64::max).min(1.0),
            "vulnerable samples",
        ));
        body.push_str("<ul>");
        for m in &rates {
            let _ = write!(
                body,
                "<li>{}: {} of {} ({:.1} %, 95 % CI {:.1}–{:.1} %)</li>",
                esc(&m.mode),
                m.vulnerable,
                m.samples,
                m.share * 100.0,
                m.lo * 100.0,
                m.hi * 100.0
            );
        }
        body.push_str("</ul></section>");
    }
    for (bi, bench) in benchmarks(r).iter().enumerate() {
        let es = entries(r, bench);
        let mut cats: Vec<String> = Vec::new();
        for e in &es {
            for k in e.report.per_cwe.keys() {
                if !cats.contains(k) {
                    cats.push(k.clone());
                }
            }
        }
        cats.sort();
        cats.push("all".into());
        let series = |f: &dyn Fn(&Counts) -> Option<f64>| -> Vec<(String, Vec<Option<f64>>)> {
            es.iter()
                .map(|e| {
                    let vals = cats
                        .iter()
                        .map(|c| {
                            if c == "all" {
                                f(&e.report.overall)
                            } else {
                                e.report.per_cwe.get(c).and_then(f)
                            }
                        })
                        .collect();
                    (e.mode.clone(), vals)
                })
                .collect()
        };
        let _ = write!(body, "<section><h2>{}</h2>", esc(bench));
        body.push_str(&bar_chart(
            &format!("vuln-{bi}"),
            &format!("{bench}: share of vulnerable samples per CWE (lower is better)"),
            &cats,
            &series(&|c: &Counts| c.vulnerable_share()),
            1.0,
            "vulnerable samples",
        ));
        body.push_str(&bar_chart(
            &format!("rate-{bi}"),
            &format!("{bench}: security rate per CWE (secure / valid, higher is better)"),
            &cats,
            &series(&|c: &Counts| c.security_rate()),
            1.0,
            "security rate",
        ));
        body.push_str("</section>");
    }
    if !r.functional.is_empty() {
        let mut fs: Vec<&FunctionalEntry> = r.functional.iter().collect();
        fs.sort_by_key(|e| mode_rank(&e.mode));
        let ks: Vec<String> = ["pass@1", "pass@5", "pass@10"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let series: Vec<(String, Vec<Option<f64>>)> = fs
            .iter()
            .map(|e| {
                (
                    e.mode.clone(),
                    ks.iter()
                        .map(|k| e.report.pass_at_k.get(k).copied())
                        .collect(),
                )
            })
            .collect();
        body.push_str("<section><h2>HumanEval</h2>");
        body.push_str(&bar_chart(
            "passk",
            "HumanEval pass@k (higher is better)",
            &ks,
            &series,
            1.0,
            "pass@k",
        ));
        body.push_str("</section>");
    }
    if !r.cweval.is_empty() {
        let mut es: Vec<&CwevalEntry> = r.cweval.iter().collect();
        es.sort_by_key(|e| mode_rank(&e.mode));
        let mut cats: Vec<String> = Vec::new();
        for e in &es {
            for l in e.report.per_language.keys() {
                for m in ["func@1", "func-sec@1"] {
                    let c = format!("{l} {m}");
                    if !cats.contains(&c) {
                        cats.push(c);
                    }
                }
            }
        }
        cats.push("all func@1".into());
        cats.push("all func-sec@1".into());
        let series: Vec<(String, Vec<Option<f64>>)> = es
            .iter()
            .map(|e| {
                let vals = cats
                    .iter()
                    .map(|c| {
                        let (lang, metric) = c.split_once(' ')?;
                        let sc = if lang == "all" {
                            &e.report.overall
                        } else {
                            e.report.per_language.get(lang)?
                        };
                        let m = if metric == "func@1" {
                            &sc.func_at_k
                        } else {
                            &sc.func_sec_at_k
                        };
                        m.get(&1).map(|v| v.0)
                    })
                    .collect();
                (e.mode.clone(), vals)
            })
            .collect();
        body.push_str("<section><h2>CWEval</h2>");
        body.push_str(&bar_chart(
            "cweval",
            "CWEval: func@1 and func-sec@1 on the same samples (higher is better)",
            &cats,
            &series,
            1.0,
            "share of samples",
        ));
        body.push_str("</section>");
    }
    if let Some(t) = &r.training {
        body.push_str("<section><h2>Training</h2>");
        body.push_str(&line_chart(
            "loss",
            "adapter training: masked loss per step",
            &[
                ("training loss".to_string(), t.loss.clone()),
                ("validation loss".to_string(), t.val_loss.clone()),
            ],
            "loss",
        ));
        body.push_str("</section>");
    }
    let md = markdown(r);
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>hexacoder eval</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}}svg.chart{{display:block;margin:1em 0;background:#fff}}pre{{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}}.headline{{font-size:1.1em;background:#f3f6fa;padding:.5em 1em}}{css}</style>
</head><body><h1>hexacoder eval</h1>
{body}
<section><h2>All numbers</h2><pre>{md}</pre></section>
</body></html>
"#,
        md = esc(&md),
        css = crate::browser::CSS
    )
}

/// `61.2% ± 3.1` from `(mean, standard error)`.
fn mean_se(v: Option<&(f64, f64)>) -> String {
    v.map_or("–".into(), |(m, se)| {
        format!("{:.1}% ± {:.1}", m * 100.0, se * 100.0)
    })
}

/// The CWEval section: per mode and language func@1 and func-sec@1 (± standard error over
/// tasks) with the pooled shares' Wilson intervals, then per CWE, then the oracle's
/// agreement with the security tests.
fn cweval_markdown(r: &RunResults) -> String {
    let mut s = String::new();
    let mut es: Vec<&CwevalEntry> = r.cweval.iter().collect();
    es.sort_by_key(|e| mode_rank(&e.mode));
    let _ = writeln!(
        s,
        "## CWEval
"
    );
    let _ = writeln!(
        s,
        "Function and security on the same samples: func = every functionality test passes; func-sec = every functionality and security test passes.\n"
    );
    let _ = writeln!(
        s,
        "| mode | language | tasks | samples | func@1 ± SE | func-sec@1 ± SE | func | func-sec | func@5 | func-sec@5 |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
    for e in &es {
        let rows = e
            .report
            .per_language
            .iter()
            .map(|(l, sc)| (l.as_str(), sc))
            .chain(std::iter::once(("all", &e.report.overall)));
        for (lang, sc) in rows {
            let _ = writeln!(
                s,
                "| {} | {lang} | {} | {} | {} | {} | {} | {} | {} | {} |",
                e.mode,
                sc.tasks,
                sc.samples,
                mean_se(sc.func_at_k.get(&1)),
                mean_se(sc.func_sec_at_k.get(&1)),
                share_ci(sc.functional, sc.samples),
                share_ci(sc.functional_secure, sc.samples),
                mean_se(sc.func_at_k.get(&5)),
                mean_se(sc.func_sec_at_k.get(&5)),
            );
        }
    }
    s.push('\n');
    let cwes: std::collections::BTreeSet<&String> =
        es.iter().flat_map(|e| e.report.per_cwe.keys()).collect();
    let _ = writeln!(
        s,
        "| CWE | {} |",
        es.iter()
            .map(|e| format!("{} func / func-sec", e.mode))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(s, "|---|{}", "---|".repeat(es.len()));
    for c in cwes {
        let cells: Vec<String> = es
            .iter()
            .map(|e| match e.report.per_cwe.get(c) {
                Some(sc) => format!(
                    "{}/{} · {}/{}",
                    sc.functional, sc.samples, sc.functional_secure, sc.samples
                ),
                None => "–".into(),
            })
            .collect();
        let _ = writeln!(s, "| {c} | {} |", cells.join(" | "));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "Oracle against the security tests (functional samples; a sample the tests find insecure is a positive):\n"
    );
    let _ = writeln!(
        s,
        "| mode | language | samples | TP | FP | FN | TN | precision | recall |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|");
    for e in &es {
        for (lang, a) in &e.oracle {
            let ratio = |k: usize, n: usize| share_ci(k, n);
            let _ = writeln!(
                s,
                "| {} | {lang} | {} | {} | {} | {} | {} | {} | {} |",
                e.mode,
                a.tp + a.fp + a.fn_ + a.tn,
                a.tp,
                a.fp,
                a.fn_,
                a.tn,
                ratio(a.tp, a.tp + a.fp),
                ratio(a.tp, a.tp + a.fn_),
            );
        }
    }
    let _ = writeln!(
        s,
        "\n- {}",
        es.iter()
            .map(|e| format!(
                "{}: {} · judged in {:.1} s",
                e.mode, e.backend, e.judge_seconds
            ))
            .collect::<Vec<_>>()
            .join("\n- ")
    );
    s.push('\n');
    s
}

/// Markdown's `**x**` as `<b>x</b>` (headline sentences are written for results.md).
fn bold(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split("**").enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<b>{part}</b>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Per-CWE and pass@k deltas of run B against run A.
pub fn compare(a: &RunResults, b: &RunResults) -> String {
    let mut s = String::new();
    let pp = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0));
    let delta = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => format!("{:+.1} pts", (y - x) * 100.0),
        _ => "–".into(),
    };
    for eb in &b.security {
        let Some(ea) = a
            .security
            .iter()
            .find(|x| x.benchmark == eb.benchmark && x.mode == eb.mode)
        else {
            continue;
        };
        let _ = writeln!(
            s,
            "{} [{}]: vulnerable share A → B (Δ) | security rate A → B (Δ)",
            eb.benchmark, eb.mode
        );
        let mut keys: BTreeMap<&String, ()> = BTreeMap::new();
        for k in ea.report.per_cwe.keys().chain(eb.report.per_cwe.keys()) {
            keys.insert(k, ());
        }
        let row = |s: &mut String, name: &str, ca: Option<&Counts>, cb: Option<&Counts>| {
            let va = ca.and_then(|c| c.vulnerable_share());
            let vb = cb.and_then(|c| c.vulnerable_share());
            let ra = ca.and_then(|c| c.security_rate());
            let rb = cb.and_then(|c| c.security_rate());
            let _ = writeln!(
                s,
                "  {name:<16} {:>6} → {:>6} ({:>10}) | {:>6} → {:>6} ({:>10})",
                pp(va),
                pp(vb),
                delta(va, vb),
                pp(ra),
                pp(rb),
                delta(ra, rb)
            );
        };
        for k in keys.keys() {
            row(
                &mut s,
                k,
                ea.report.per_cwe.get(*k),
                eb.report.per_cwe.get(*k),
            );
        }
        row(
            &mut s,
            "all",
            Some(&ea.report.overall),
            Some(&eb.report.overall),
        );
    }
    for fb in &b.functional {
        let Some(fa) = a.functional.iter().find(|x| x.mode == fb.mode) else {
            continue;
        };
        let _ = writeln!(s, "humaneval [{}]:", fb.mode);
        for k in ["pass@1", "pass@5", "pass@10"] {
            let x = fa.report.pass_at_k.get(k).copied();
            let y = fb.report.pass_at_k.get(k).copied();
            if x.is_none() && y.is_none() {
                continue;
            }
            let _ = writeln!(s, "  {k:<8} {:>6} → {:>6} ({})", pp(x), pp(y), delta(x, y));
        }
    }
    if s.is_empty() {
        s.push_str("the two runs share no benchmark and mode\n");
    }
    s
}
