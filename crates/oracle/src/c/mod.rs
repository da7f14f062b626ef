//! C analysis: the per-function model (parameters, local arrays, conditions
//! seen so far) and a small taint engine over it, shared by the C rules.

pub mod concepts;
pub mod loops;
pub mod macros;
pub mod model;
pub mod received;
pub mod storage;
pub mod taint;
pub mod underrun;
