//! The server's HTTP contract, tested without sockets: `router(app).oneshot(request)` on a
//! small synthetic store (tests/fixtures, CC0).

mod api;
mod brief;
mod caching;
mod errors;
mod fixture;
mod ogc;
mod openapi;
mod question;
mod tiles;
