//! Python web code in the shapes real applications take (`fixtures/textbook-py/`): the
//! request value reaches the sink through a helper, a route argument, `sys.argv`, a cookie
//! or a form; each vulnerable program is flagged for its CWE at the lines listed, and its
//! fixed twin (the fix the CWE's hint recommends) has no finding of that CWE.

use hexacoder_oracle::{scan_source, Language};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/textbook-py")
}

/// (program, CWE, lines of its findings in the vulnerable one)
const EXPECTED: &[(&str, &str, &[usize])] = &[
    ("cwe022_join", "CWE-022", &[12]),
    ("cwe918_aiohttp_session", "CWE-918", &[7]), // request.query → async with ClientSession() as s → s.get(url)
    ("cwe918_session", "CWE-918", &[10]), // request.args → a module-level requests.Session().get // request.args → os.path.join → open; fixed: realpath + prefix
    ("cwe078_argv", "CWE-078", &[6, 11]), // sys.argv → helper → os.popen("ls " + path); fixed: shlex.quote
    ("cwe078_helper", "CWE-078", &[12, 18]), // request via a helper's return → run(f"…", shell=True)
    ("cwe079_fstring", "CWE-079", &[12]),    // request → f-string HTML returned; fixed: escape()
    ("cwe089_format", "CWE-089", &[9, 16]),  // "… '%s'" % name → execute; fixed: parameters
    ("cwe094_calc", "CWE-094", &[7, 12]),    // request → eval in a helper; fixed: ast.literal_eval
    ("cwe117_logger", "CWE-117", &[11]),     // form value logged; fixed: CR/LF removed
    ("cwe502_pickle", "CWE-502", &[11]),     // cookie → b64decode → pickle.loads; fixed: json
    ("cwe502_yaml", "CWE-502", &[8, 13]), // body → yaml.load(Loader=yaml.Loader); fixed: safe_load
    ("cwe601_next", "CWE-601", &[9]), // ?next= → redirect; fixed: `if urlparse(t).netloc: t = "/"`
    ("cwe611_lxml", "CWE-611", &[9, 10]), // XMLParser(resolve_entities=True); fixed: False
    ("cwe798_jwt_secret", "CWE-798", &[3]), // SECRET_KEY = "supersecret123" signs JWTs; fixed: from the environment
    ("cwe918_fetch", "CWE-918", &[13]),     // ?url= → requests.get; fixed: host allow-list
    ("cwe022_upload_save", "CWE-022", &[10]), // request.files[...].filename joined → FileStorage.save; fixed: secure_filename
];

fn lines_of(name: &str, cwe: &str) -> Vec<usize> {
    let code = std::fs::read_to_string(dir().join(name)).unwrap();
    let mut lines: Vec<usize> = scan_source(&code, Language::Python)
        .findings
        .iter()
        .filter(|f| f.cwe == cwe)
        .map(|f| f.span.start_line)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

#[test]
fn python_flows_are_flagged_and_their_fixes_are_not() {
    let mut failures = Vec::new();
    for (program, cwe, lines) in EXPECTED {
        let bad = lines_of(&format!("{program}_bad.py"), cwe);
        if bad != *lines {
            failures.push(format!(
                "{program}_bad.py: {cwe} at {bad:?}, expected {lines:?}"
            ));
        }
        let good = lines_of(&format!("{program}_good.py"), cwe);
        if !good.is_empty() {
            failures.push(format!(
                "{program}_good.py: {cwe} at {good:?}, expected none"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_listed() {
    let mut listed = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix("_bad.py") {
            assert!(
                EXPECTED.iter().any(|(p, _, _)| *p == stem),
                "{name} is not in EXPECTED"
            );
            listed += 1;
        }
    }
    assert_eq!(listed, EXPECTED.len());
}
