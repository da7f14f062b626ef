//! The headline of a run: how each hardened mode compares with `base`, over the security
//! benchmarks together and on HumanEval, with paired bootstrap intervals by prompt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::RunResults;
use crate::stats::{paired_bootstrap, wilson, Difference, Pair};

/// Draws of the bootstrap (and its seed, so a report is reproducible).
pub const RESAMPLES: usize = 4000;
const SEED: u64 = 2409_06446;

/// One mode against base.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Headline {
    pub mode: String,
    /// Security benchmarks pooled (those both modes ran).
    pub benchmarks: Vec<String>,
    /// Samples of each mode in the pooled comparison.
    pub samples_base: usize,
    pub samples_mode: usize,
    /// Vulnerable share, base → mode (units: prompts).
    pub vulnerable: Option<Difference>,
    /// HumanEval pass@1 (pooled pass rate), base → mode (units: problems).
    pub pass1: Option<Difference>,
}

/// The pooled vulnerable share of one mode with its Wilson interval.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModeRate {
    pub mode: String,
    pub vulnerable: usize,
    pub samples: usize,
    pub share: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Vulnerable share per mode over every security benchmark of the run.
pub fn mode_rates(r: &RunResults) -> Vec<ModeRate> {
    let mut by_mode: BTreeMap<(usize, String), (usize, usize)> = BTreeMap::new();
    for e in &r.security {
        let c = by_mode
            .entry(crate::report::mode_rank(&e.mode))
            .or_default();
        c.0 += e.report.overall.vulnerable;
        c.1 += e.report.overall.samples;
    }
    by_mode
        .into_iter()
        .map(|((_, mode), (v, n))| {
            let (lo, hi) = wilson(v, n);
            ModeRate {
                mode,
                vulnerable: v,
                samples: n,
                share: if n > 0 { v as f64 / n as f64 } else { 0.0 },
                lo,
                hi,
            }
        })
        .collect()
}

/// Every non-base mode against `base`.
pub fn headlines(r: &RunResults) -> Vec<Headline> {
    let mut modes: Vec<String> = r
        .security
        .iter()
        .map(|e| e.mode.clone())
        .chain(r.functional.iter().map(|e| e.mode.clone()))
        .filter(|m| m != "base" && m != "samples")
        .collect();
    modes.sort_by_key(|m| crate::report::mode_rank(m));
    modes.dedup();
    modes
        .into_iter()
        .map(|mode| {
            let mut pairs = Vec::new();
            let mut benchmarks = Vec::new();
            let (mut na, mut nb) = (0, 0);
            for base in r.security.iter().filter(|e| e.mode == "base") {
                let Some(other) = r
                    .security
                    .iter()
                    .find(|e| e.mode == mode && e.benchmark == base.benchmark)
                else {
                    continue;
                };
                benchmarks.push(base.benchmark.clone());
                for (id, a) in &base.report.per_prompt {
                    if let Some(b) = other.report.per_prompt.get(id) {
                        pairs.push(Pair { a: *a, b: *b });
                        na += a.1;
                        nb += b.1;
                    }
                }
            }
            let vulnerable = paired_bootstrap(&pairs, RESAMPLES, SEED);
            let pass1 = match (
                r.functional.iter().find(|e| e.mode == "base"),
                r.functional.iter().find(|e| e.mode == mode),
            ) {
                (Some(a), Some(b)) => {
                    let pairs: Vec<Pair> = a
                        .report
                        .per_problem
                        .iter()
                        .filter_map(|(t, x)| {
                            b.report.per_problem.get(t).map(|y| Pair { a: *x, b: *y })
                        })
                        .collect();
                    paired_bootstrap(&pairs, RESAMPLES, SEED)
                }
                _ => None,
            };
            Headline {
                mode,
                benchmarks,
                samples_base: na,
                samples_mode: nb,
                vulnerable,
                pass1,
            }
        })
        .collect()
}

fn pts(x: f64) -> String {
    format!("{:+.1}", x * 100.0)
}

/// One sentence per hardened mode, for the top of results.md and report.html.
pub fn sentences(r: &RunResults) -> Vec<String> {
    let mut out = Vec::new();
    for h in headlines(r) {
        let mut s = format!("**{} vs base**", h.mode);
        match &h.vulnerable {
            Some(d) => {
                s.push_str(&format!(
                    " ({}, {} prompts, {} / {} samples): vulnerable {:.1} % → {:.1} %",
                    h.benchmarks.join(" + "),
                    d.units,
                    h.samples_base,
                    h.samples_mode,
                    d.a * 100.0,
                    d.b * 100.0
                ));
                if let (Some(rel), Some(lo), Some(hi)) = (d.relative, d.relative_lo, d.relative_hi)
                {
                    s.push_str(&format!(
                        " ({:+.0} % relative, 95 % CI {:+.0} % to {:+.0} %)",
                        rel * 100.0,
                        lo * 100.0,
                        hi * 100.0
                    ));
                }
                s.push_str(&format!(
                    "; difference {} points (95 % CI {} to {})",
                    pts(d.diff),
                    pts(d.lo),
                    pts(d.hi)
                ));
                if d.lo <= 0.0 && d.hi >= 0.0 {
                    s.push_str(", an interval that holds 0: this run cannot tell the modes apart");
                }
            }
            None => s.push_str(": no security benchmark in common with base"),
        }
        if let Some(p) = &h.pass1 {
            s.push_str(&format!(
                "; pass@1 {:.1} % → {:.1} % (difference {} points, 95 % CI {} to {}; {} problems)",
                p.a * 100.0,
                p.b * 100.0,
                pts(p.diff),
                pts(p.lo),
                pts(p.hi),
                p.units
            ));
        }
        s.push('.');
        out.push(s);
    }
    if out.is_empty() {
        for m in mode_rates(r) {
            out.push(format!(
                "**{}**: vulnerable {:.1} % ({} of {} samples, 95 % CI {:.1} %–{:.1} %); no hardened mode to compare with.",
                m.mode,
                m.share * 100.0,
                m.vulnerable,
                m.samples,
                m.lo * 100.0,
                m.hi * 100.0
            ));
        }
    }
    out
}
