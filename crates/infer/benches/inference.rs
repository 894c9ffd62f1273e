//! Benchmark of inference against PostGIS (see BENCHMARKS.md).

fn main() {}
