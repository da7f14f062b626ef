//! Property test of argument handling: any mix of a command's flags with hostile values
//! (negative, zero, huge, NaN, empty, missing paths, /dev/full, a folder where a file is
//! expected, unknown CWEs and styles) ends in success, a finding exit (1), or exit 2 with an
//! `error:` line; never a panic (exit 101), a crash by signal, or a backtrace. A run that is
//! still working after a few seconds took its arguments as valid and is stopped.

use proptest::prelude::*;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Value-taking flags per command (booleans are drawn as flags without a value).
const COMMANDS: &[(&str, &[&str], &[&str])] = &[
    (
        "scan",
        &["--format", "--cwe", "--lang", "-o", "--engine", "-j"],
        &["--allow-incomplete"],
    ),
    (
        "train",
        &[
            "--data",
            "--out",
            "--epochs",
            "--lr",
            "--rank",
            "--alpha",
            "--max-len",
            "--batch-size",
            "--micro-batch",
            "--clip-grad",
            "--max-steps",
            "--save-every",
            "--prompt-style",
            "--targets",
            "--dropout",
            "--unlikelihood-weight",
            "--template",
            "--seed",
            "-j",
        ],
        &["--resume", "--skip-bad"],
    ),
    (
        "eval",
        &[
            "--benchmark",
            "--modes",
            "-n",
            "--humaneval-n",
            "--cweval-n",
            "--temperature",
            "--top-p",
            "--max-new-tokens",
            "--timeout",
            "--jobs",
            "--limit",
            "--samples",
            "--prompt-style",
            "--template",
            "--engine",
            "--adapter",
            "--out",
            "--seed",
            "--precision",
            "--device",
        ],
        &["--regenerate", "--merge"],
    ),
    (
        "generate",
        &[
            "--prompt",
            "--prompts",
            "--out",
            "-n",
            "--temperature",
            "--top-p",
            "--top-k",
            "--max-new-tokens",
            "--seed",
            "--import-tokens",
            "--prompt-style",
            "--template",
            "--adapter",
            "--model",
            "--stop",
        ],
        &["--two-step", "--merge"],
    ),
    (
        "synth",
        &[
            "--cwe",
            "--samples",
            "--tasks",
            "--temperature",
            "--top-p",
            "--max-new-tokens",
            "--repairer",
            "--repair-attempts",
            "--few-shot",
            "--prompt-style",
            "--template",
            "--out",
            "--concurrency",
            "--generator",
            "-j",
        ],
        &["--retry-rejected"],
    ),
    ("rule", &[], &[]),
    (
        "oracle-eval",
        &["--engine", "--list", "-j"],
        &["--per-cwe", "--json"],
    ),
    ("ast", &["--lang"], &[]),
];

const VALUES: &[&str] = &[
    "-1",
    "0",
    "1",
    "3",
    "1e309",
    "NaN",
    "inf",
    "abc",
    "",
    "99999999999999999999",
    "/nonexistent/x",
    "/dev/null",
    "/dev/full",
    "DIR",
    "JUNK",
    "CWE-99999",
    "CWE-078",
    "instruct",
    "completion",
    "python",
    "c",
    "sarif",
    "cuda:9",
    "base,adapter",
    "pearce",
    "humaneval",
    "cweval",
    "all",
    "é漢\u{7f}",
];

/// (command, (flag, value) picks, boolean flags on, a positional value).
type Draw = (usize, Vec<(usize, usize)>, Vec<bool>, Option<usize>);

fn args() -> impl Strategy<Value = Draw> {
    (0..COMMANDS.len()).prop_flat_map(|c| {
        let (_, flags, bools) = COMMANDS[c];
        let nf = flags.len().max(1);
        (
            Just(c),
            prop::collection::vec((0..nf, 0..VALUES.len()), 0..5),
            prop::collection::vec(any::<bool>(), bools.len()),
            prop::option::of(0..VALUES.len()),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn hostile_arguments_end_in_a_clear_error_or_a_run((c, picks, bools, positional) in args()) {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.jsonl");
        std::fs::write(&junk, "{not json\n\u{0}\n").unwrap();
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        let resolve = |v: &str| match v {
            "DIR" => folder.display().to_string(),
            "JUNK" => junk.display().to_string(),
            v => v.to_string(),
        };
        let (command, flags, booleans) = COMMANDS[c];
        let mut argv: Vec<String> = vec![command.to_string()];
        for (f, v) in &picks {
            if let Some(flag) = flags.get(*f) {
                argv.push(flag.to_string());
                argv.push(resolve(VALUES[*v]));
            }
        }
        for (b, on) in booleans.iter().zip(&bools) {
            if *on {
                argv.push(b.to_string());
            }
        }
        if let Some(p) = positional {
            argv.push(resolve(VALUES[p]));
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_hexacoder"))
            .args(&argv)
            .current_dir(dir.path())
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if started.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let shown = argv.join(" ");
        prop_assert!(!stderr.contains("panicked"), "hexacoder {shown}: {stderr}");
        if let Some(status) = status {
            use std::os::unix::process::ExitStatusExt;
            prop_assert!(status.signal().is_none(), "hexacoder {shown}: killed by {status:?}: {stderr}");
            let code = status.code().unwrap();
            prop_assert!(matches!(code, 0..=2), "hexacoder {shown}: exit {code}: {stderr}");
            if code == 2 {
                prop_assert!(stderr.lines().any(|l| l.starts_with("error:")), "hexacoder {shown}: exit 2 without an error line: {stderr}");
            }
        }
    }
}
