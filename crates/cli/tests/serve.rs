//! `hexacoder serve` as users run it: the official `openai` Python client against it, bad
//! input answered with OpenAI-shaped 4xx errors while the server stays up, the bounded queue,
//! cancellation on disconnect, graceful shutdown, API keys, two-step requests, the oracle
//! endpoint, and `synth` over HTTP end to end. Needs the embedded model and, for the client
//! test, the `openai` package that `bash scripts/setup --tests` installs.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

struct Server {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_env(extra, &[])
    }

    fn start_env(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("hexacoder"));
        cmd.args(["serve", "--port", "0", "-j", "2"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let log = Arc::new(Mutex::new(String::new()));
        let mut url = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            log.lock().unwrap().push_str(&line);
            log.lock().unwrap().push('\n');
            if let Some(at) = line.find("listening on ") {
                url = Some(line[at + "listening on ".len()..].trim().to_string());
                break;
            }
        }
        let url =
            url.unwrap_or_else(|| panic!("the server did not start:\n{}", log.lock().unwrap()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        Server { child, url, log }
    }

    fn post(&self, path: &str, body: &Value) -> reqwest::blocking::Response {
        client()
            .post(format!("{}{path}", self.url))
            .json(body)
            .send()
            .unwrap()
    }

    fn health(&self) -> Value {
        client()
            .get(format!("{}/health", self.url))
            .send()
            .unwrap()
            .json()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap()
}

/// An OpenAI error body with this status, naming `param` (when given).
fn assert_openai_error(r: reqwest::blocking::Response, status: u16, param: Option<&str>) -> Value {
    assert_eq!(r.status().as_u16(), status, "status");
    let v: Value = r.json().expect("a JSON error body");
    let e = &v["error"];
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    assert!(e["type"].is_string(), "{v}");
    assert!(e.get("param").is_some() && e.get("code").is_some(), "{v}");
    if let Some(p) = param {
        assert_eq!(e["param"], p, "{v}");
    }
    v
}

/// The interpreter and library folder of the `openai` client that `scripts/setup --tests`
/// installs (`HEXACODER_OPENAI_PYTHON` names an interpreter that has it instead).
fn openai_python() -> Command {
    if let Ok(p) = std::env::var("HEXACODER_OPENAI_PYTHON") {
        return Command::new(p);
    }
    let home = std::env::var("HEXACODER_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            std::env::var("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache"))
                .join("hexacoder")
        });
    let tools = home.join("tools/openai");
    let python = std::fs::read_to_string(tools.join("python")).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `bash scripts/setup --tests` (it installs the openai client)",
            tools.display()
        )
    });
    let mut cmd = Command::new(python.trim());
    cmd.env("PYTHONPATH", tools.join("lib"));
    cmd
}

#[test]
fn the_official_openai_client_drives_completions_chat_streaming_and_errors() {
    let server = Server::start(&[]);
    let out = openai_python()
        .arg(repo("crates/cli/tests/clients/openai_client.py"))
        .arg(format!("{}/v1", server.url))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "client failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log.lock().unwrap()
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["models"], json!(["smollm2"]));
    let c = &v["completion"];
    assert_eq!(c["object"], "text_completion");
    assert_eq!(c["texts"].as_array().unwrap().len(), 2);
    // Greedy: both choices and the streamed text are the same tokens.
    assert_eq!(c["texts"][0], c["texts"][1]);
    assert_eq!(v["stream"]["text"], c["texts"][0]);
    assert_eq!(v["stream"]["finish"], c["finish"][0]);
    assert_eq!(c["usage"]["prompt_tokens"], 8);
    assert_eq!(c["usage"]["completion_tokens"], 32);
    assert_eq!(c["usage"]["total_tokens"], 40);
    assert_eq!(c["finish"], json!(["length", "length"]));
    let chat = &v["chat"];
    assert_eq!(chat["object"], "chat.completion");
    assert_eq!(chat["role"], "assistant");
    assert!(!chat["content"].as_str().unwrap().is_empty());
    assert_eq!(v["chat_stream"]["content"], chat["content"]);
    assert_eq!(v["chat_stream"]["role"], "assistant");
    assert_eq!(v["chat_stream"]["usage_total"], chat["usage_total"]);
    assert_eq!(
        v["errors"]["unknown_model"],
        json!([404, "model_not_found"])
    );
    assert_eq!(v["errors"]["max_tokens"], json!([400, "max_tokens"]));
    assert_eq!(v["errors"]["n"], json!([400, "n"]));
    assert_eq!(v["errors"]["temperature"], json!([400, "temperature"]));
}

#[test]
fn bad_input_is_a_4xx_in_openai_shape_and_the_server_stays_up() {
    let server = Server::start(&[]);
    let url = |p: &str| format!("{}{p}", server.url);
    let raw = |path: &str, body: Vec<u8>| {
        client()
            .post(url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .unwrap()
    };
    let ok = json!({"model": "smollm2", "prompt": "def f():\n", "max_tokens": 4});
    let cases: Vec<(&str, Vec<u8>, u16, Option<&str>)> = vec![
        (
            "/v1/completions",
            b"{\"model\": \"smollm2\", ".to_vec(),
            400,
            None,
        ),
        ("/v1/completions", b"[1, 2]".to_vec(), 400, None),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": "x", "max_tokens": "ten"}"#.to_vec(),
            400,
            Some("max_tokens"),
        ),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": 42}"#.to_vec(),
            400,
            Some("prompt"),
        ),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": "x", "temperature": -1}"#.to_vec(),
            400,
            Some("temperature"),
        ),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": "x", "stop": [1]}"#.to_vec(),
            400,
            Some("stop"),
        ),
        ("/v1/completions", br#"{"prompt": "x"}"#.to_vec(), 400, None),
        (
            "/v1/completions",
            br#"{"model": "gpt-9", "prompt": "x"}"#.to_vec(),
            404,
            None,
        ),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": "x", "max_tokens": 1000000000}"#.to_vec(),
            400,
            Some("max_tokens"),
        ),
        (
            "/v1/completions",
            br#"{"model": "smollm2", "prompt": "x", "n": 1000000}"#.to_vec(),
            400,
            Some("n"),
        ),
        (
            "/v1/completions",
            b"{\"model\": \"smollm2\", \"prompt\": \"\xff\xfe\"}".to_vec(),
            400,
            None,
        ),
        (
            "/v1/completions",
            serde_json::to_vec(&json!({"model": "smollm2", "prompt": "x = 1\n".repeat(3000)}))
                .unwrap(),
            400,
            Some("prompt"),
        ),
        (
            "/v1/chat/completions",
            br#"{"model": "smollm2", "messages": []}"#.to_vec(),
            400,
            Some("messages"),
        ),
        (
            "/v1/chat/completions",
            br#"{"model": "smollm2", "messages": [{"role": "robot", "content": "hi"}]}"#.to_vec(),
            400,
            Some("messages[0].role"),
        ),
        (
            "/v1/chat/completions",
            br#"{"model": "smollm2", "messages": [{"role": "user", "content": 5}]}"#.to_vec(),
            400,
            Some("messages[0].content"),
        ),
        (
            "/v1/scan",
            br#"{"code": "x = 1", "language": "cobol"}"#.to_vec(),
            400,
            Some("language"),
        ),
        (
            "/v1/completions",
            serde_json::to_vec(&json!({"model": "smollm2", "prompt": vec!["x"; 65]})).unwrap(),
            400,
            Some("prompt"),
        ),
        ("/v1/nothing", b"{}".to_vec(), 404, None),
    ];
    for (path, body, status, param) in cases {
        let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).to_string();
        let r = raw(path, body);
        let got = r.status().as_u16();
        assert_eq!(got, status, "{path} {shown}");
        assert_openai_error(r, status, param);
        assert_eq!(server.health()["status"], "ok", "after {shown}");
    }
    // The context window: the error says how many tokens were asked for.
    let r = server.post(
        "/v1/completions",
        &json!({"model": "smollm2", "prompt": "x = 1\n".repeat(3000)}),
    );
    let e = assert_openai_error(r, 400, Some("prompt"));
    assert_eq!(e["error"]["code"], "context_length_exceeded");
    // 100 MB: refused at the limit, not read into memory.
    let big = vec![b' '; 100 << 20];
    match client()
        .post(url("/v1/completions"))
        .header("content-type", "application/json")
        .body(big)
        .send()
    {
        Ok(r) => {
            assert_openai_error(r, 413, None);
        }
        // The server may answer 413 and close before the client has sent everything.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    let r = client().get(url("/v1/completions")).send().unwrap();
    assert_openai_error(r, 405, None);
    // Still serving.
    let r = server.post("/v1/completions", &ok);
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    assert_eq!(v["choices"].as_array().unwrap().len(), 1);
    assert!(server.log.lock().unwrap().contains("status=400"));
}

#[test]
fn full_queue_answers_503_with_retry_after_and_the_rest_complete() {
    let server = Server::start(&["--queue", "1", "--max-batch", "1"]);
    let url = format!("{}/v1/completions", server.url);
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let r = client()
                    .post(url)
                    .json(&json!({"model": "smollm2", "prompt": format!("# step {i}\nx ="), "max_tokens": 48, "temperature": 0.7, "seed": i}))
                    .send()
                    .unwrap();
                let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
                (r.status().as_u16(), retry, r.json::<Value>().unwrap())
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let full: Vec<_> = results.iter().filter(|r| r.0 == 503).collect();
    let done: Vec<_> = results.iter().filter(|r| r.0 == 200).collect();
    assert_eq!(full.len() + done.len(), 8, "{results:?}");
    assert!(!full.is_empty() && !done.is_empty(), "{results:?}");
    for (_, retry, body) in &full {
        assert_eq!(retry.as_deref(), Some("1"));
        assert_eq!(body["error"]["code"], "queue_full");
    }
    for (_, _, body) in &done {
        assert_eq!(body["choices"][0]["finish_reason"], "length");
    }
}

#[test]
fn a_client_that_goes_away_stops_its_generation() {
    let server = Server::start(&[]);
    let mut r = client()
        .post(format!("{}/v1/completions", server.url))
        .json(&json!({"model": "smollm2", "prompt": "1, 2, 3, 4, 5, 6, 7, 8,", "max_tokens": 2000, "temperature": 0, "stream": true}))
        .send()
        .unwrap();
    let mut first = [0u8; 64];
    let _ = r.read(&mut first).unwrap();
    assert!(first.starts_with(b"data: "));
    assert_eq!(server.health()["running_requests"], 1);
    drop(r);
    let t = Instant::now();
    while server.health()["running_requests"] != 0 {
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "generation still running after the client left"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.log.lock().unwrap().contains("client went away"));
    // Cancelled samples are not counted as generated.
    assert_eq!(server.health()["tokens_generated"], 0);
}

#[test]
fn sigterm_lets_requests_in_flight_finish() {
    let mut server = Server::start(&[]);
    let url = format!("{}/v1/completions", server.url);
    let pending = std::thread::spawn(move || {
        client()
            .post(url)
            .json(&json!({"model": "smollm2", "prompt": "def main():\n", "max_tokens": 80, "temperature": 0.5, "seed": 3}))
            .send()
            .unwrap()
    });
    let t = Instant::now();
    while server.health()["running_requests"] != 1 {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let r = pending.join().unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    assert_eq!(v["usage"]["completion_tokens"], 80);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(server.log.lock().unwrap().contains("shutting down"));
}

#[test]
fn an_api_key_is_required_when_configured() {
    let server = Server::start_env(
        &["--api-key-env", "HX_TEST_KEY"],
        &[("HX_TEST_KEY", "s3cret")],
    );
    let body = json!({"model": "smollm2", "prompt": "x", "max_tokens": 1});
    let send = |key: Option<&str>| {
        let mut r = client()
            .post(format!("{}/v1/completions", server.url))
            .json(&body);
        if let Some(k) = key {
            r = r.bearer_auth(k);
        }
        r.send().unwrap()
    };
    let e = assert_openai_error(send(None), 401, None);
    assert_eq!(e["error"]["code"], "invalid_api_key");
    assert_openai_error(send(Some("wrong")), 401, None);
    assert_eq!(send(Some("s3cret")).status(), 200);
    // Health stays open for load balancers.
    assert_eq!(server.health()["status"], "ok");
    // A missing variable is a start-up error, not an open server.
    let out = Command::new(assert_cmd::cargo::cargo_bin!("hexacoder"))
        .args([
            "serve",
            "--port",
            "0",
            "--api-key-env",
            "HX_UNSET_VAR_FOR_TEST",
        ])
        .env_remove("HX_UNSET_VAR_FOR_TEST")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HX_UNSET_VAR_FOR_TEST"));
}

#[test]
fn secure_requests_are_two_step_generation_and_scan_runs_the_oracle() {
    let server = Server::start(&[]);
    let prompt =
        std::fs::read_to_string(repo("data/benchmarks/pearce/python/CWE-502/CWE-502_0.py"))
            .unwrap();
    let r = server.post(
        "/v1/completions",
        &json!({"model": "smollm2", "prompt": prompt, "max_tokens": 60, "temperature": 0, "secure": true, "language": "python"}),
    );
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    // The same as `hexacoder generate --two-step` (20 import tokens + 60 body tokens).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.py");
    std::fs::write(&file, &prompt).unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin!("hexacoder"))
        .args([
            "generate",
            "--prompt-style",
            "completion",
            "--two-step",
            "--temperature",
            "0",
            "--max-new-tokens",
            "80",
            "--no-truncate",
            "--format",
            "jsonl",
            "-j",
            "2",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let want: Value = serde_json::from_slice(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(v["choices"][0]["text"], want["completion"], "{v}");

    let r = server.post(
        "/v1/scan",
        &json!({"language": "python", "code": "import os\nname = input()\nos.system('ls ' + name)\n"}),
    );
    assert_eq!(r.status(), 200);
    let v: Value = r.json().unwrap();
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["cwe"], "CWE-078");
    assert_eq!(f["span"]["start_line"], 3, "{v}");
    let r = server.post(
        "/v1/scan",
        &json!({"language": "c", "code": "#include <stdio.h>\nvoid f(char *s) { printf(s); }\n", "cwe": ["CWE-078"]}),
    );
    let v: Value = r.json().unwrap();
    assert_eq!(v["summary"]["findings"], 0, "the CWE filter applies: {v}");
}

#[test]
fn synth_runs_against_the_server_end_to_end() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let tasks = dir.path().join("tasks/c/CWE-134");
    std::fs::create_dir_all(&tasks).unwrap();
    std::fs::write(
        tasks.join("show.c"),
        "#include <stdio.h>\n\n/* Print the message received from the client. */\nvoid show(const char *msg) {\n    printf(msg",
    )
    .unwrap();
    let backend = format!("openai:{}/v1#smollm2", server.url);
    let out = dir.path().join("out");
    let status = Command::new(assert_cmd::cargo::cargo_bin!("hexacoder"))
        .args(["synth", "--samples", "4", "--concurrency", "4", "--tasks"])
        .arg(dir.path().join("tasks"))
        .args([
            "--generator",
            &backend,
            "--repairer",
            "llm+autofix",
            "--repair-backend",
            &backend,
            "--out",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("stats.json")).unwrap()).unwrap();
    assert_eq!(stats["c/CWE-134"]["samples"], 4, "{stats}");
    let pairs: Vec<Value> = std::fs::read_to_string(out.join("dataset.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!pairs.is_empty(), "no pair accepted: {stats}");
    for p in &pairs {
        assert_eq!(p["generator"], backend);
        assert_eq!(p["cwe"], "CWE-134");
    }
    let log = server.log.lock().unwrap();
    assert!(log.contains("path=\"/v1/completions\" status=200"), "{log}");
    assert!(
        log.contains("path=\"/v1/chat/completions\" status=200"),
        "{log}"
    );
}
