//! Long-running mutation fuzzer for the oracle (ignored by default).
//!
//! Seeds are the rule fixtures, the benchmark prompts and, when present,
//! the shared oracle corpus; each round mutates a seed (byte flips, range
//! deletion/duplication, splices with another seed, inserted syntax
//! fragments) and analyses it as Python and as C. A panic prints the input
//! and saves it under `target/fuzz-crashes/`.
//!
//! ```sh
//! HEXACODER_FUZZ_SECS=600 cargo test --release -p hexacoder-oracle --test fuzz -- --ignored --nocapture
//! ```

use hexacoder_oracle::{analyse, Language, RuleFilter, SourceFile};
use std::path::Path;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "'''",
    "\n",
    "\t",
    "    ",
    ":",
    ";",
    "\\",
    "#",
    "/*",
    "*/",
    "//",
    "f'{",
    "}'",
    "def f(x):\n",
    "if x:\n",
    "else:\n",
    "return ",
    "import os\n",
    "os.system(",
    "request.args",
    "free(p);",
    "p->x",
    "*p",
    "&x",
    "char b[4];",
    "strcpy(b, s);",
    "for (i = 0; i <= 4; i++)",
    "\u{0}",
    "\u{feff}",
    "é",
    "🦀",
    "\r\n",
    "lambda:",
    "yield",
    "async ",
    "await ",
    "**",
    "->",
    "@app.route('/')\n",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut add_dir = |dir: &Path| {
        for entry in walk(dir) {
            if let Ok(b) = std::fs::read(&entry) {
                out.push(b);
            }
        }
    };
    add_dir(&root.join("tests/fixtures/rules"));
    add_dir(&root.join("../../data/benchmarks"));
    let corpus = root.join("../../../shared/oracle-corpus/sven.jsonl");
    if let Ok(text) = std::fs::read_to_string(corpus) {
        for line in text.lines().step_by(7) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(code) = v["code"].as_str() {
                    out.push(code.as_bytes().to_vec());
                }
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let len = v.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                v.drain(a..b);
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(128)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len);
                v.splice(at..at, chunk);
            }
            3 if !other.is_empty() => {
                let a = rng.below(other.len());
                let b = (a + rng.below(256)).min(other.len());
                let at = rng.below(len + 1);
                v.splice(at..at, other[a..b].iter().copied());
            }
            _ => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                let at = rng.below(len + 1);
                for _ in 0..1 + rng.below(3) {
                    v.splice(at..at, frag.iter().copied());
                }
            }
        }
    }
    v
}

#[test]
#[ignore = "long-running; set HEXACODER_FUZZ_SECS"]
fn fuzz_for_duration() {
    let secs: u64 = std::env::var("HEXACODER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seeds = seeds();
    assert!(!seeds.is_empty());
    let handle = std::thread::Builder::new()
        .stack_size(hexacoder_oracle::analysis::ANALYSIS_STACK)
        .spawn(move || {
            let mut rng = Rng(0x9E3779B97F4A7C15 ^ secs);
            let start = Instant::now();
            let mut runs = 0u64;
            while start.elapsed() < Duration::from_secs(secs) {
                let s = &seeds[rng.below(seeds.len())];
                let o = &seeds[rng.below(seeds.len())];
                let input = mutate(&mut rng, s, o);
                for lang in [Language::Python, Language::C] {
                    let file = SourceFile::from_bytes("fuzz", lang, input.clone());
                    let result =
                        std::panic::catch_unwind(|| analyse(&file, &RuleFilter::default()));
                    if result.is_err() {
                        let dir =
                            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
                        let _ = std::fs::create_dir_all(&dir);
                        let path = dir.join(format!("crash-{runs}.{}", lang.name()));
                        let _ = std::fs::write(&path, &input);
                        panic!(
                            "oracle panicked on {} ({} bytes)",
                            path.display(),
                            input.len()
                        );
                    }
                    runs += 1;
                }
            }
            eprintln!("fuzz: {runs} analyses in {secs}s without a panic");
            runs
        })
        .unwrap();
    let runs = handle.join().expect("fuzzer thread");
    assert!(runs > 0);
}
