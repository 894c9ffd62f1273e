//! End to end: the real `frontline serve` on port 0, on a database it creates itself.

use std::time::Duration;

use crate::http::{get, serve};

const WAIT: Duration = Duration::from_secs(60);

#[test]
fn serve_creates_the_builtin_database_and_answers_stats_until_sigterm() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("new.db");
    let mut server = serve(
        &[
            "--db",
            db.to_str().expect("UTF-8"),
            "serve",
            "--addr",
            "127.0.0.1:0",
        ],
        &[],
    );
    let addr = server.addr.clone();

    let answer = get(&addr, "/api/stats?date=2017-12-13", WAIT);
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert!(
        answer.head.to_ascii_lowercase().contains("etag:"),
        "{}",
        answer.head
    );
    let stats: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(stats["date"], "2017-12-13");
    let ids: Vec<&str> = stats["parties"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"isis") && ids.contains(&"sdf"), "{ids:?}");

    // The briefing of a round as a printable page; an unknown round is a JSON 404.
    let answer = get(&addr, "/brief/geneva-8", WAIT);
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert!(answer.head.contains("text/html"), "{}", answer.head);
    assert!(
        answer.body.contains("<h1>Briefing: Geneva VIII talks</h1>"),
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("Changed hands from 2017-07-10 to 2017-11-28")
    );
    let answer = get(&addr, "/brief/geneva-99", WAIT);
    assert_eq!(answer.status, 404, "{}", answer.head);
    let error: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(error["error"]["code"], "unknown_round");
    assert!(
        error["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("geneva-8")),
        "{}",
        answer.body
    );

    let answer = get(&addr, "/api/stats?date=someday", WAIT);
    assert_eq!(answer.status, 400, "{}", answer.head);
    assert!(answer.body.contains("\"invalid_date\""), "{}", answer.body);

    // SIGTERM: a graceful shutdown, exit status 0.
    let pid = i32::try_from(server.child.id()).expect("a pid");
    #[allow(unsafe_code)]
    // SAFETY: sending a signal to our own child process.
    let sent = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(sent, 0);
    let status = server.child.wait().expect("the server exits");
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
        "[serve]\nderivations = 3\nmax_queue = 5\nqueue_wait_s = 4\ntile_cache_mb = 32\nidle_release_s = 7\n",
    );
    let config = config.to_str().expect("UTF-8");
    let settings = db.json(&["--config", config, "settings"]);
    assert_eq!(
        (
            &settings["serve"]["derivations"],
            &settings["serve"]["max_queue"],
            &settings["serve"]["queue_wait_s"],
            &settings["serve"]["tile_cache_mb"],
            &settings["serve"]["idle_release_s"]
        ),
        (
            &serde_json::Value::from(3),
            &serde_json::Value::from(5),
            &serde_json::Value::from(4),
            &serde_json::Value::from(32),
            &serde_json::Value::from(7)
        )
    );
    let test_db = db.path("test.db");
    let mut server = serve(
        &[
            "--config",
            config,
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--max-queue",
            "0",
            "--derivations",
            "1",
            "--tile-cache-mb",
            "64",
            "--idle-release",
            "0",
        ],
        &[("FRONTLINE_DB", &test_db)],
    );
    server.child.kill().expect("stops");
    server.child.wait().expect("exits");
    let limits = server.before.iter().find(|l| l.starts_with("limits:"));
    assert_eq!(
        limits.map(String::as_str),
        Some(
            "limits: 1 derivations at once, 0 waiting at most 4 s, tile caches 64 MiB, caches kept when idle"
        )
    );
    let refused = db.fails(&["serve", "--max-queue", "many"]);
    assert!(refused.contains("--max-queue"), "{refused}");
}
