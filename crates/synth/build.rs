//! The task catalogue is compiled in with `include_dir!`, which cargo does not track: rebuild
//! when a task is added, removed or edited.
fn main() {
    println!("cargo:rerun-if-changed=../../data/synth/tasks");
}
