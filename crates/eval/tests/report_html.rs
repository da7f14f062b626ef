//! The HTML report opens in headless Chromium without console errors and its
//! charts are drawn: every chart is an SVG with bars in the DOM Chromium
//! built, and the screenshot shows the series' colours.
//!
//! Needs Chromium (Debian's `chromium`; `bash scripts/setup --tests`
//! installs it) or `HEXACODER_CHROMIUM` naming a Chrome/Chromium binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use hexacoder_eval::functional::{self, SampleResult};
use hexacoder_eval::report::{FunctionalEntry, RunResults, SecurityEntry};
use hexacoder_eval::security::{self, GenSettings, GeneratedSample};
use hexacoder_oracle::Builtin;

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("HEXACODER_CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("Chromium is needed for this test: run `bash scripts/setup --tests` (installs Debian's chromium) or set HEXACODER_CHROMIUM");
}

fn settings(two_step: Option<usize>) -> GenSettings {
    GenSettings {
        n: 5,
        temperature: 0.4,
        top_p: 0.95,
        max_new_tokens: 200,
        two_step,
        two_step_imports: None,
        seed: 42,
        style: Default::default(),
        template: None,
    }
}

/// A run with two modes of one benchmark and two HumanEval entries.
fn sample_run(dir: &Path) -> RunResults {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/security-samples.jsonl");
    let samples: Vec<GeneratedSample> = security::read_jsonl(&path).unwrap();
    let judged = security::judge(&samples, &Builtin::new(1)).unwrap();
    let mut r = RunResults::new(serde_json::json!({"test": true}));
    for (mode, keep) in [("base", samples.len()), ("base+2step", 3)] {
        // The run folder's layout, which the report's sample browser reads.
        let folder = dir.join(mode).join("fixture");
        security::write_jsonl(&folder.join("samples.jsonl"), &samples[..keep]).unwrap();
        security::write_jsonl(&folder.join("judged.jsonl"), &judged[..keep]).unwrap();
        r.put_security(SecurityEntry {
            benchmark: "fixture".into(),
            mode: mode.into(),
            backend: "recorded".into(),
            settings: settings(mode.ends_with("2step").then_some(20)),
            engine: "hexacoder".into(),
            report: security::summarize(&judged[..keep]),
            generation: Some(hexacoder_eval::timing::GenerationTime {
                seconds: 1.0,
                samples: 2,
            }),
        });
    }
    for (mode, passed) in [("base", 3), ("base+2step", 6)] {
        let results: Vec<SampleResult> = (0..10)
            .map(|i| SampleResult {
                task_id: "HumanEval/0".into(),
                completion: String::new(),
                result: if i < passed {
                    "passed".into()
                } else {
                    "failed: ".into()
                },
                passed: i < passed,
            })
            .collect();
        r.put_functional(FunctionalEntry {
            mode: mode.into(),
            backend: "recorded".into(),
            settings: None,
            samples_file: "-".into(),
            report: functional::summarize(&results, &[1, 5, 10]),
            generation: None,
        });
    }
    r.write(dir).unwrap();
    r
}

#[test]
fn report_opens_in_chromium_with_charts_drawn() {
    let chrome = chromium();
    let dir = tempfile::tempdir().unwrap();
    sample_run(dir.path());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/security-samples.jsonl");
    let samples: Vec<GeneratedSample> = security::read_jsonl(&path).unwrap();
    let judged = security::judge(&samples, &Builtin::new(1)).unwrap();
    let html = dir.path().join("report.html");
    let url = format!("file://{}", html.display());
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let profile = dir.path().join("profile");
    let dom = Command::new(&chrome)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("run chromium");
    let stderr = String::from_utf8_lossy(&dom.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let dom = String::from_utf8_lossy(&dom.stdout);
    // All benchmarks per mode; per benchmark: vulnerable share + security rate; pass@k.
    let charts: Vec<&str> = dom.split("<svg class=\"chart\"").skip(1).collect();
    assert_eq!(charts.len(), 4, "{dom}");
    // The headline compares the hardened mode with base, with its interval.
    assert!(dom.contains("<b>base+2step vs base</b>"), "{dom}");
    assert!(dom.contains("95 % CI"));
    // The sample browser: every judged program, findings of the prompt's CWE marked.
    let browser = &dom[dom.find("id=\"samples\"").expect("sample browser")..];
    let vulnerable = judged.iter().filter(|j| j.vulnerable()).count();
    assert!(vulnerable > 0);
    assert_eq!(
        browser.matches("class=\"v\">#").count(),
        vulnerable + judged[..3].iter().filter(|j| j.vulnerable()).count()
    );
    assert!(browser.contains("<span class=\"hit\">"));
    for c in &charts {
        let svg = &c[..c.find("</svg>").unwrap()];
        let bars = svg.matches("class=\"bar\"").count();
        assert!(bars >= 2, "a chart without bars: {svg}");
    }

    let shot = dir.path().join("shot.png");
    let out = Command::new(&chrome)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--window-size=1280,2400")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let count = |rgb: [u8; 3]| {
        buf[..info.buffer_size()]
            .chunks(channels)
            .filter(|p| p[..3].iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 6))
            .count()
    };
    // The two series' colours (#9aa5b1 base, #4a6fa5 base+2step) fill bars.
    let base = count([0x9a, 0xa5, 0xb1]);
    let two_step = count([0x4a, 0x6f, 0xa5]);
    assert!(
        base > 500 && two_step > 500,
        "bar pixels: base {base}, two-step {two_step}"
    );
}
