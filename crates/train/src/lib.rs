//! LoRA fine-tuning with the paper's masked loss: token weights from the changed character
//! spans, a differentiable forward pass over the runtime's architectures, AdamW with warm-up
//! and cosine decay, PEFT-format adapters.

pub mod amx;
mod block;
pub mod data;
pub mod error;
pub mod lora;
pub mod memory;
pub mod model;
mod ops;
pub mod optim;
pub mod trainer;

pub use error::{Result, TrainError};
