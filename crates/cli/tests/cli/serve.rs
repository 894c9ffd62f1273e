//! End to end: the real `frontline serve` on port 0, on a database it creates itself.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A plain HTTP/1.1 GET; returns the status line, the headers and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("sets a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    (head.to_owned(), body.to_owned())
}

#[test]
fn serve_creates_the_builtin_database_and_answers_stats_until_sigterm() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("new.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args([
            "--db",
            db.to_str().expect("UTF-8"),
            "serve",
            "--addr",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("frontline starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    // First `init` reports, then the URL.
    let url_line = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("http://"))
        .expect("the server prints its URL");
    let addr = url_line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("an address")
        .to_owned();
    assert!(
        !addr.ends_with(":0"),
        "the bound port is printed: {url_line}"
    );

    let (head, body) = get(&addr, "/api/stats?date=2017-12-13");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.to_ascii_lowercase().contains("etag:"), "{head}");
    let stats: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(stats["date"], "2017-12-13");
    let ids: Vec<&str> = stats["parties"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"isis") && ids.contains(&"sdf"), "{ids:?}");

    // The briefing of a round as a printable page; an unknown round is a JSON 404.
    let (head, body) = get(&addr, "/brief/geneva-8");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("text/html"), "{head}");
    assert!(
        body.contains("<h1>Briefing: Geneva VIII talks</h1>"),
        "{body}"
    );
    assert!(body.contains("Changed hands from 2017-07-10 to 2017-11-28"));
    let (head, body) = get(&addr, "/brief/geneva-99");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    let error: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(error["error"]["code"], "unknown_round");
    assert!(
        error["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("geneva-8")),
        "{body}"
    );

    let (head, body) = get(&addr, "/api/stats?date=someday");
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    assert!(body.contains("\"invalid_date\""), "{body}");

    // SIGTERM: a graceful shutdown, exit status 0.
    let pid = i32::try_from(child.id()).expect("a pid");
    #[allow(unsafe_code)]
    // SAFETY: sending a signal to our own child process.
    let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(sent, 0);
    let status = child.wait().expect("the server exits");
    assert!(status.success(), "{status:?}");
    assert!(db.exists());
}

/// The server's limits (issue 12): a config file's `[serve]` keys, overridden by flags, and
/// printed when the server starts.
#[test]
fn serve_takes_its_limits_from_the_config_file_and_flags() {
    let db = crate::db::Db::seeded();
    let config = db.write(
        "frontline.toml",
        "[serve]\nderivations = 3\nmax_queue = 5\nqueue_wait_s = 4\ntile_cache_mb = 32\n",
    );
    let config = config.to_str().expect("UTF-8");
    let settings = db.json(&["--config", config, "settings"]);
    assert_eq!(
        (
            &settings["serve"]["derivations"],
            &settings["serve"]["max_queue"],
            &settings["serve"]["queue_wait_s"],
            &settings["serve"]["tile_cache_mb"]
        ),
        (
            &serde_json::Value::from(3),
            &serde_json::Value::from(5),
            &serde_json::Value::from(4),
            &serde_json::Value::from(32)
        )
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["--config", config, "serve", "--addr", "127.0.0.1:0"])
        .args([
            "--max-queue",
            "0",
            "--derivations",
            "1",
            "--tile-cache-mb",
            "64",
        ])
        .env("FRONTLINE_DB", db.path("test.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("frontline starts");
    let limits = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("limits:"))
        .expect("the server prints its limits");
    child.kill().expect("stops");
    child.wait().expect("exits");
    assert_eq!(
        limits,
        "limits: 1 derivations at once, 0 waiting at most 4 s, tile caches 64 MiB"
    );
    let refused = db.fails(&["serve", "--max-queue", "many"]);
    assert!(refused.contains("--max-queue"), "{refused}");
}
