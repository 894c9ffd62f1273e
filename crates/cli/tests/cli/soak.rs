//! The concurrent-load soak, CI-sized: 60 clients for 10 seconds on the real `frontline
//! serve` over loopback, asking for stats, areas and tiles of dates spread over the conflict.
//! Every answer is a 200 or a 503 with `Retry-After`, and the server's peak memory stays
//! bounded (before the bound on concurrent work, 200 clients took it to 7.3 GB); once the
//! load ends, the idle server gives the memory of its caches back.
//! `scripts/bench/soak.py` runs the same load longer and prints its figures.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::http::{Answer, get, serve};

const CLIENTS: u64 = 60;
const LOAD: Duration = Duration::from_secs(10);
/// The peak resident memory the server may reach under the load (it measured about 150 MiB
/// in a debug build, with its caches full).
const PEAK_RSS_BOUND_KIB: u64 = 512 * 1024;

/// A field of `/proc/PID/status`, in its unit (kB or a count).
fn proc_status(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"))
}

/// The path a client asks for its `n`th request: one of three kinds of derived answer, on
/// a date drawn from `n` and the client's seed.
fn path(seed: u64, n: u64) -> String {
    let mix = (seed * 7919 + n * 104_729).wrapping_mul(2_654_435_761) % 4_800;
    let day = chrono::NaiveDate::from_ymd_opt(2011, 4, 1).expect("a day") + chrono::Days::new(mix);
    match (seed + n) % 3 {
        0 => format!("/api/stats?date={day}"),
        1 => format!("/api/areas?date={day}"),
        // Tiles over Syria at zoom 6.
        _ => format!("/tiles/{day}/6/{}/25.mvt", 38 + mix % 2),
    }
}

#[test]
fn sixty_clients_for_ten_seconds_get_200_or_503_and_memory_stays_bounded() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("soak.db");
    let mut server = serve(
        &[
            "--db",
            db.to_str().expect("UTF-8"),
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--idle-release",
            "2",
        ],
        &[],
    );
    let (pid, addr) = (server.child.id(), server.addr.clone());
    let start_kib = proc_status(pid, "VmRSS");
    let ok = Arc::new(AtomicU64::new(0));
    let busy = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + LOAD;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|seed| {
            let (addr, ok, busy) = (addr.clone(), Arc::clone(&ok), Arc::clone(&busy));
            std::thread::spawn(move || {
                let mut others = Vec::new();
                let mut n = 0;
                while Instant::now() < deadline {
                    let path = path(seed, n);
                    n += 1;
                    match get(&addr, &path, Duration::from_secs(120)) {
                        Answer { status: 200, .. } => ok.fetch_add(1, Ordering::Relaxed),
                        Answer {
                            status: 503,
                            head,
                            body,
                        } => {
                            let lower = format!("{}\r\n", head.to_ascii_lowercase());
                            assert!(lower.contains("\r\nretry-after: 2\r\n"), "{head}");
                            assert!(body.contains(r#""code":"busy""#), "{body}");
                            std::thread::sleep(Duration::from_millis(500));
                            busy.fetch_add(1, Ordering::Relaxed)
                        }
                        Answer { status, .. } => {
                            others.push(format!("{status} for {path}"));
                            0
                        }
                    };
                }
                others
            })
        })
        .collect();
    let mut peak_threads = 0;
    while clients.iter().any(|c| !c.is_finished()) {
        peak_threads = peak_threads.max(proc_status(pid, "Threads"));
        std::thread::sleep(Duration::from_millis(200));
    }
    let others: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("a client thread ends"))
        .collect();
    let peak_kib = proc_status(pid, "VmHWM");
    let loaded_kib = proc_status(pid, "VmRSS");
    // Idle for 2 s, the server drops its caches and gives their memory back, the rest once
    // its blocking threads end (10 s after their last work): at least half of what the
    // load added. Wait up to 30 s for it.
    let idle_bound_kib = start_kib + loaded_kib.saturating_sub(start_kib) / 2;
    let idle_deadline = Instant::now() + Duration::from_secs(30);
    let mut idle_kib = loaded_kib;
    while Instant::now() < idle_deadline && idle_kib > idle_bound_kib {
        std::thread::sleep(Duration::from_millis(500));
        idle_kib = proc_status(pid, "VmRSS");
    }
    eprintln!(
        "RSS: {start_kib} KiB at the start, peak {peak_kib} KiB, {loaded_kib} KiB when the load ended, {idle_kib} KiB idle"
    );
    server.child.kill().expect("stops the server");
    server.child.wait().expect("the server exits");
    let (ok, busy) = (ok.load(Ordering::Relaxed), busy.load(Ordering::Relaxed));
    assert!(
        others.is_empty(),
        "answers other than 200 and 503: {others:?}"
    );
    assert!(ok > 0, "some answers were derived ({busy} busy)");
    assert!(
        peak_kib < PEAK_RSS_BOUND_KIB,
        "peak RSS {peak_kib} KiB over {CLIENTS} clients ({ok} answered, {busy} busy)"
    );
    assert!(
        idle_kib <= idle_bound_kib,
        "RSS {idle_kib} KiB when idle: not half of the load's {loaded_kib} KiB given back (start {start_kib} KiB)"
    );
    // Runtime workers, the derivation slots and a few more: not one thread per client.
    assert!(peak_threads < 24, "{peak_threads} threads");
}
