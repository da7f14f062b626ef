//! The benchmarks are compiled in with `include_dir!`, which cargo does not track: rebuild
//! when a prompt is added, removed or edited.
fn main() {
    println!("cargo:rerun-if-changed=../../data/benchmarks");
}
