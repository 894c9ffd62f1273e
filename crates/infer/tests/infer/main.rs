//! Integration tests of frontline-infer: one binary.

mod fixtures;
mod exact;
