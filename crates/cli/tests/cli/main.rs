//! End-to-end tests of the `frontline` binary, one test binary for the crate: the core
//! verbs on synthetic fixtures (see tests/fixtures/README.md), the built-in Syria data, the
//! importers, and `serve`.

#![allow(unsafe_code)]

mod areas;
mod brief;
mod commands;
mod corpus;
mod db;
mod geometry;
mod gis;
mod hardening;
mod http;
mod importers;
mod kill;
mod presence;
mod question;
mod serve;
mod soak;
mod syria;
mod xss;
