//! Python analysis: semantic model, concepts catalogue, taint engine.

pub mod concepts;
pub mod model;
pub mod taint;
