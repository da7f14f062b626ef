//! # hexacoder-eval
//!
//! Evaluation of code models: security benchmarks judged by the oracle
//! (vulnerable counts and security rates per CWE), functional correctness
//! (HumanEval pass@k with programs run in [`sandbox`]), and reports.

pub mod sandbox;
