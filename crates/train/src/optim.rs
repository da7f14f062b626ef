//! AdamW as PyTorch defines it (decoupled weight decay applied before the Adam step) and the
//! paper's schedule (linear warm-up over the first 3 % of steps, then cosine decay to 0).
//! The moments are plain tensors so a checkpoint can save and restore them exactly.

use candle_core::{Tensor, Var};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamWConfig {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

impl Default for AdamWConfig {
    /// The paper's settings (weight decay 0.001, lr 5e-4).
    fn default() -> Self {
        AdamWConfig {
            lr: 5e-4,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.001,
        }
    }
}

pub struct AdamW {
    pub config: AdamWConfig,
    /// Steps taken.
    pub step: u64,
    /// First and second moments, one pair per variable.
    pub moments: Vec<(Tensor, Tensor)>,
}

impl AdamW {
    pub fn new(config: AdamWConfig, vars: &[&Var]) -> Result<AdamW> {
        let moments = vars
            .iter()
            .map(|v| Ok((v.as_tensor().zeros_like()?, v.as_tensor().zeros_like()?)))
            .collect::<Result<_>>()?;
        Ok(AdamW {
            config,
            step: 0,
            moments,
        })
    }

    /// One update of every variable with its gradient, at learning rate `lr`.
    pub fn step(&mut self, vars: &[&Var], grads: &[Tensor], lr: f64) -> Result<()> {
        self.step += 1;
        let c = self.config;
        let t = self.step as i32;
        let (bc1, bc2) = (1.0 - c.beta1.powi(t), 1.0 - c.beta2.powi(t));
        for ((var, g), (m, v)) in vars.iter().zip(grads).zip(self.moments.iter_mut()) {
            *m = ((&*m * c.beta1)? + (g * (1.0 - c.beta1))?)?;
            *v = ((&*v * c.beta2)? + (g.sqr()? * (1.0 - c.beta2))?)?;
            let p = var.as_tensor();
            let decayed = (p * (1.0 - lr * c.weight_decay))?;
            let update = ((&*m / bc1)? / ((&*v / bc2)?.sqrt()? + c.eps)?)?;
            var.set(&(decayed - (update * lr)?)?)?;
        }
        Ok(())
    }
}

/// Learning rate at `step` of `total`: linear warm-up from 0 over `warmup` steps, then cosine
/// decay to 0 (Hugging Face's `get_cosine_schedule_with_warmup`, which the paper's trainer
/// used).
pub fn learning_rate(base: f64, step: u64, total: u64, warmup: u64) -> f64 {
    if step < warmup {
        return base * step as f64 / warmup as f64;
    }
    let progress = (step - warmup) as f64 / (total.saturating_sub(warmup)).max(1) as f64;
    base * 0.5 * (1.0 + (std::f64::consts::PI * progress.min(1.0)).cos())
}

#[cfg(test)]
mod tests {
    use super::learning_rate;

    #[test]
    fn warm_up_then_cosine() {
        assert_eq!(learning_rate(1.0, 0, 100, 3), 0.0);
        assert!((learning_rate(1.0, 2, 100, 3) - 2.0 / 3.0).abs() < 1e-12);
        assert!((learning_rate(1.0, 3, 100, 3) - 1.0).abs() < 1e-12);
        assert!(learning_rate(1.0, 99, 100, 3) < 0.01);
        assert!((learning_rate(1.0, 3 + 97 / 2, 100, 3) - 0.5).abs() < 0.02);
    }
}
