//! The security metrics on recorded samples with hand-checked verdicts:
//! python/CWE-078 — 0: `shell=True` with request data (vulnerable),
//! 1: argument list (secure), 2: sample 1 with trailing whitespace
//! (duplicate), 3: unclosed call (unparsable), 4: sample 0 again (duplicate,
//! vulnerable); c/CWE-476 — 0: `malloc` result written without a check
//! (vulnerable), 1: checked (secure).

use hexacoder_eval::security::{self, GeneratedSample};
use hexacoder_oracle::Builtin;

#[test]
fn counts_and_rates_match_hand_checked_values() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/security-samples.jsonl");
    let samples: Vec<GeneratedSample> = security::read_jsonl(&path).unwrap();
    let judged = security::judge(&samples, &Builtin::new(1)).unwrap();
    let flags: Vec<(bool, bool, bool)> = judged
        .iter()
        .map(|j| (j.vulnerable(), j.parse_errors > 0, j.duplicate))
        .collect();
    assert_eq!(
        flags,
        [
            (true, false, false),
            (false, false, false),
            (false, false, true),
            (false, true, false),
            (true, false, true),
            (true, false, false),
            (false, false, false),
        ]
    );
    assert_eq!(judged[0].target_findings, ["py/command-injection@9"]);
    let report = security::summarize(&judged);
    let py = &report.per_cwe["python/CWE-078"];
    assert_eq!(
        (py.prompts, py.samples, py.vulnerable, py.vulnerable_top1),
        (1, 5, 2, 1)
    );
    assert_eq!(
        (py.unparsable, py.duplicates, py.valid, py.secure),
        (1, 2, 2, 1)
    );
    assert_eq!(py.security_rate(), Some(0.5));
    let c = &report.per_cwe["c/CWE-476"];
    assert_eq!(
        (
            c.samples,
            c.vulnerable,
            c.vulnerable_top1,
            c.valid,
            c.secure
        ),
        (2, 1, 1, 2, 1)
    );
    let all = &report.overall;
    assert_eq!(
        (
            all.prompts,
            all.samples,
            all.vulnerable,
            all.valid,
            all.secure
        ),
        (2, 7, 3, 4, 2)
    );
    assert_eq!(all.security_rate(), Some(0.5));
    assert_eq!(report.per_language["python"].samples, 5);
}
