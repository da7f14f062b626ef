//! Runs a Python file in the sandbox and prints the outcome (for trying the sandbox by hand).
fn main() {
    let path = std::env::args().nth(1).expect("usage: sandbox_run FILE.py");
    let program = std::fs::read_to_string(&path).expect("read");
    let python = hexacoder_eval::sandbox::python().expect("python3");
    let t = std::time::Instant::now();
    let out = hexacoder_eval::sandbox::run_python(&python, &program, &Default::default());
    println!("{:?} {} in {:?}", out.status, out.reason(), t.elapsed());
}
