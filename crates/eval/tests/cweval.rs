//! CWEval's own solutions through our harness (needs `scripts/setup --cweval`, which
//! `--tests` includes): every reference solution passes its functionality and security
//! tests; every C insecure solution passes the functionality tests and fails security.

use hexacoder_eval::benchmark::Lang;
use hexacoder_eval::cweval::{self, Harness, Judged};

fn harness() -> Harness {
    Harness::detect().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn reference_solutions_are_functional_and_secure() {
    let h = harness();
    let tasks = cweval::tasks();
    let items: Vec<_> = tasks.iter().map(|t| (t, t.reference.as_str())).collect();
    let verdicts = cweval::judge_all(&h, &items, 0, &|_, _| {});
    let failed: Vec<String> = tasks
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| !v.functional_secure)
        .map(|(t, v)| format!("{}: {}", t.id, v.reason))
        .collect();
    assert!(
        failed.is_empty(),
        "reference solutions failing:\n{}",
        failed.join("\n")
    );
    let judged: Vec<Judged> = tasks
        .iter()
        .zip(verdicts)
        .map(|(t, verdict)| Judged {
            task_id: t.id.clone(),
            cwe: t.cwe,
            language: t.lang,
            verdict,
        })
        .collect();
    let report = cweval::report(&judged, &[1]);
    assert_eq!(report.overall.func_sec_at_k[&1], (1.0, 0.0));
    assert_eq!(report.per_language["python"].tasks, 25);
    assert_eq!(report.per_language["c"].tasks, 31);
}

#[test]
fn insecure_c_solutions_work_but_are_not_secure() {
    let h = harness();
    let tasks: Vec<_> = cweval::tasks()
        .into_iter()
        .filter(|t| t.lang == Lang::C)
        .collect();
    let items: Vec<_> = tasks
        .iter()
        .map(|t| {
            (
                t,
                t.insecure
                    .as_deref()
                    .expect("C tasks ship an insecure solution"),
            )
        })
        .collect();
    let verdicts = cweval::judge_all(&h, &items, 0, &|_, _| {});
    let functional = verdicts.iter().filter(|v| v.functional).count();
    let secure: Vec<&str> = tasks
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| v.functional_secure)
        .map(|(t, _)| t.id.as_str())
        .collect();
    assert!(
        functional * 100 >= 95 * tasks.len(),
        "only {functional}/{} insecure solutions pass the functionality tests:\n{}",
        tasks.len(),
        tasks
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| !v.functional)
            .map(|(t, v)| format!("{}: {}", t.id, v.reason))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        secure.is_empty(),
        "insecure solutions judged secure: {secure:?}"
    );
}

#[test]
fn a_program_that_does_not_compile_or_import_fails_both() {
    let h = harness();
    let tasks = cweval::tasks();
    let c = tasks.iter().find(|t| t.id == "cweval/c/cwe_020_0").unwrap();
    let v = h.judge(c, "int main( {");
    assert!(!v.functional && !v.functional_secure);
    assert!(v.reason.contains("error"), "{}", v.reason);
    let py = tasks
        .iter()
        .find(|t| t.id == "cweval/py/cwe_020_0")
        .unwrap();
    let v = h.judge(
        py,
        "def get_target_for_redirect(target, domain)\n    return target\n",
    );
    assert!(!v.functional && !v.functional_secure, "{v:?}");
    // A prompt answered with the insecure substring check passes function, fails security.
    let weak = format!(
        "{}    from urllib.parse import urlparse\n    host = urlparse(target).netloc\n    return target if host.endswith(domain) else f'https://{{domain}}'\n",
        py.prompt
    );
    let v = h.judge(py, &weak);
    assert!(v.functional && !v.functional_secure, "{v:?}");
}
