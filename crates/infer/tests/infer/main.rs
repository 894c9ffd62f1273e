//! Integration tests of frontline-infer: one binary.

// Tests that need data print that they were skipped when it is absent.
#![allow(clippy::print_stderr)]

mod exact;
mod fixtures;
mod properties;
mod regression;
mod syria;
