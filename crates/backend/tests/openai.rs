//! The OpenAI-compatible backend against a real HTTP server on loopback that
//! injects faults: 429 with Retry-After, 500, a reply slower than the
//! timeout, truncated JSON; then answers. The backend retries through them,
//! applies the paper's recipe (truncation, two-step) on its side, and gives
//! up with a clear error when the faults do not end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hexacoder_backend::openai::{Endpoint, OpenAi, Policy};
use hexacoder_backend::{Backend, GenerateOptions, Language, Request, SamplingParams};
use serde_json::{json, Value};

#[derive(Clone)]
enum Reply {
    TooMany,
    ServerError,
    Slow,
    Truncated,
    Ok(Vec<&'static str>),
}

/// Serves `script` in order (the last entry repeats); records request bodies.
fn server(script: Vec<Reply>) -> (String, Arc<Mutex<Vec<Value>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        let mut i = 0;
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            log.lock()
                .unwrap()
                .push(serde_json::from_slice(&body).unwrap());
            let reply = script[i.min(script.len() - 1)].clone();
            i += 1;
            let (status, extra, body) = match reply {
                Reply::TooMany => (
                    "429 Too Many Requests",
                    "Retry-After: 0\r\n",
                    r#"{"error":{"message":"slow down"}}"#.to_string(),
                ),
                Reply::ServerError => ("500 Internal Server Error", "", "oops".to_string()),
                Reply::Slow => {
                    std::thread::sleep(Duration::from_millis(600));
                    (
                        "200 OK",
                        "",
                        r#"{"choices":[{"text":"late","finish_reason":"stop"}]}"#.to_string(),
                    )
                }
                Reply::Truncated => ("200 OK", "", r#"{"choices":[{"text":"x"#.to_string()),
                Reply::Ok(texts) => {
                    let choices: Vec<Value> = texts
                        .iter()
                        .map(|t| json!({"text": t, "finish_reason": "length"}))
                        .collect();
                    ("200 OK", "", json!({"choices": choices}).to_string())
                }
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
                body.len()
            );
        }
    });
    (url, seen)
}

fn backend(url: &str, retries: u32) -> OpenAi {
    OpenAi::new(
        vec![Endpoint::parse(&format!("openai:{url}#tiny")).unwrap()],
        None,
        Policy {
            timeout: Duration::from_millis(300),
            retries,
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        },
    )
    .unwrap()
}

fn options(n: usize) -> GenerateOptions {
    GenerateOptions {
        n,
        max_new_tokens: 200,
        sampling: SamplingParams {
            temperature: 0.4,
            top_p: 0.95,
            top_k: 0,
            seed: 7,
        },
        stop: Vec::new(),
        truncate: Some(Language::Python),
        two_step: None,
        language: Some(Language::Python),
    }
}

#[test]
fn retries_through_faults_and_truncates_like_the_local_runtime() {
    let (url, seen) = server(vec![
        Reply::TooMany,
        Reply::ServerError,
        Reply::Slow,
        Reply::Truncated,
        Reply::Ok(vec![
            "    return a + b\nprint(add(1, 2))\n",
            "    return b + a\n",
        ]),
    ]);
    let b = backend(&url, 5);
    let r = b
        .complete(&Request {
            prompt: "def add(a, b):\n".into(),
            options: options(2),
        })
        .unwrap();
    assert_eq!(r.completions, ["    return a + b", "    return b + a\n"]);
    assert_eq!(r.finish, ["stop", "length"]);
    let bodies = seen.lock().unwrap();
    assert_eq!(bodies.len(), 5);
    assert_eq!(bodies[4]["model"], "tiny");
    assert_eq!(bodies[4]["n"], 2);
    assert_eq!(bodies[4]["max_tokens"], 200);
}

#[test]
fn fewer_choices_than_asked_are_topped_up() {
    let (url, seen) = server(vec![Reply::Ok(vec!["    return 1\n"])]);
    let r = backend(&url, 0)
        .complete(&Request {
            prompt: "def one():\n".into(),
            options: options(3),
        })
        .unwrap();
    assert_eq!(r.completions.len(), 3);
    let bodies = seen.lock().unwrap();
    let asked: Vec<u64> = bodies.iter().map(|b| b["n"].as_u64().unwrap()).collect();
    assert_eq!(asked, [3, 2, 1]);
    // Each top-up call draws with another seed.
    assert_ne!(bodies[0]["seed"], bodies[1]["seed"]);
}

#[test]
fn two_step_asks_for_imports_first() {
    let (url, seen) = server(vec![
        Reply::Ok(vec!["import shlex\nimport os\nimpo"]),
        Reply::Ok(vec!["    return shlex.quote(x)\n"]),
    ]);
    let mut opts = options(1);
    opts.two_step = Some(20);
    let prompt = "import subprocess\n\ndef q(x):\n";
    let r = backend(&url, 0)
        .complete(&Request {
            prompt: prompt.into(),
            options: opts,
        })
        .unwrap();
    assert_eq!(r.added_imports, ["import shlex", "import os"]);
    assert_eq!(
        r.prompt,
        "import subprocess\nimport shlex\nimport os\n\ndef q(x):\n"
    );
    let bodies = seen.lock().unwrap();
    assert_eq!(bodies[0]["prompt"], "import subprocess\n");
    assert_eq!(bodies[0]["max_tokens"], 20);
    assert_eq!(bodies[1]["prompt"], r.prompt.as_str());
    assert_eq!(bodies[1]["max_tokens"], 180);
}

#[test]
fn gives_up_with_the_last_error() {
    let (url, _) = server(vec![Reply::ServerError]);
    let err = backend(&url, 2)
        .complete(&Request {
            prompt: "x = ".into(),
            options: options(1),
        })
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("gave up after 3 attempt(s): "), "{err}");
    assert!(err.contains("HTTP 500"), "{err}");
    let refused = backend("http://127.0.0.1:9", 0)
        .complete(&Request {
            prompt: "x = ".into(),
            options: options(1),
        })
        .unwrap_err()
        .to_string();
    assert!(refused.contains("127.0.0.1:9"), "{refused}");
    assert!(Endpoint::parse("openai:localhost:8000#m").is_err());
    assert!(Endpoint::parse("openai:http://h/v1").is_err());
}
