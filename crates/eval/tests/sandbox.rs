//! Malicious programs are contained: the harness survives, the sample fails
//! with its reason, nothing is left behind, and each run ends within its bound.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use hexacoder_eval::sandbox::{self, Isolation, Limits, Status};

fn run(program: &str) -> sandbox::Outcome {
    let python = sandbox::python().expect("python3");
    sandbox::run_python(&python, program, &Limits::default())
}

fn leftover_processes() -> Vec<String> {
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(cmd) = std::fs::read(e.path().join("cmdline")) {
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            if cmd.contains("hexacoder-sandbox-") {
                found.push(format!("{}: {cmd}", e.file_name().to_string_lossy()));
            }
        }
    }
    found
}

fn leftover_scratch() -> Vec<String> {
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("hexacoder-sandbox-"))
        .collect()
}

#[test]
fn ordinary_programs_run_and_report() {
    let ok = run("print('hello')\n");
    assert!(ok.success(), "{ok:?}");
    assert_eq!(ok.stdout, "hello\n");
    let fail = run("assert 1 == 2, 'nope'\n");
    assert_eq!(fail.status, Status::Exited { code: 1 });
    assert_eq!(fail.reason(), "AssertionError: nope");
    let code = run("import sys\nsys.exit(3)\n");
    assert_eq!(code.status, Status::Exited { code: 3 });
}

#[test]
fn malicious_programs_are_contained() {
    let scratch_before = leftover_scratch();
    let iso = Isolation::detect();
    eprintln!("isolation: {}", iso.describe());
    let limits = Limits::default();
    let bound = limits.wall + Duration::from_secs(2);
    let escape = std::env::temp_dir().join(format!("hexacoder-escape-{}", std::process::id()));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();

    let cases: Vec<(&str, String)> = vec![
        (
            "fork bomb",
            "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n".into(),
        ),
        ("50 GB allocation", "x = bytearray(50 * 1024 ** 3)\nprint(len(x))\n".into()),
        ("infinite loop", "while True:\n    pass\n".into()),
        (
            "write outside scratch",
            format!("open({:?}, 'w').write('escaped')\n", escape.display().to_string()),
        ),
        (
            "socket to 127.0.0.1",
            format!("import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=1)\ns.sendall(b'hi')\n"),
        ),
        ("kill the parent", "import os\nos.kill(os.getppid(), 9)\nimport time\ntime.sleep(1)\nprint('alive')\n".into()),
        ("kill everything", "import os\nos.kill(-1, 9)\n".into()),
        ("print 1 GB", "import sys\nline = 'x' * 1023 + '\\n'\nfor _ in range(1 << 20):\n    sys.stdout.write(line)\n".into()),
        (
            "escape the group",
            "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(30)\nelse:\n    pass\n".into(),
        ),
    ];
    for (name, program) in &cases {
        let start = Instant::now();
        let out = run(program);
        let took = start.elapsed();
        eprintln!("{name}: {:?} ({}) in {took:?}", out.status, out.reason());
        assert!(took < bound, "{name}: took {took:?}");
        // Killing the parent or everything reaches only the sandbox's own
        // reaper (ignored) or the program itself: either way the harness lives.
        if !["escape the group", "kill the parent", "kill everything"].contains(name) {
            assert!(!out.success(), "{name} should fail: {out:?}");
        }
        assert!(
            leftover_processes().is_empty(),
            "{name}: left {:?}",
            leftover_processes()
        );
    }
    assert!(!escape.exists(), "a sample wrote {}", escape.display());
    assert!(
        listener.accept().is_err(),
        "a sample reached the test's socket"
    );
    assert_eq!(
        leftover_scratch(),
        scratch_before,
        "scratch dirs left behind"
    );
    // The harness is alive and still works.
    assert!(run("print(1)\n").success());
}
