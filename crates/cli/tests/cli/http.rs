//! The real `frontline serve` on port 0 and a plain HTTP/1.1 client, shared by the server
//! tests (serve, soak).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `frontline serve`, its address and what it printed before its URL.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: String,
    pub(crate) before: Vec<String>,
}

/// Starts `frontline ARGS` (which must serve on `127.0.0.1:0`) with `envs` and reads its
/// standard output up to the URL it prints (the server prints nothing after it).
pub(crate) fn serve(args: &[&str], envs: &[(&str, &std::path::Path)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .envs(envs.iter().map(|(k, v)| (*k, *v)))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("frontline starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
    // Any reports first (`init`, limits), then the URL.
    let mut before = Vec::new();
    let url_line = loop {
        match stdout.next() {
            Some(Ok(line)) if line.contains("http://") => break line,
            Some(Ok(line)) => before.push(line),
            _ => panic!("the server printed no URL: {before:?}"),
        }
    };
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
    Server {
        child,
        addr,
        before,
    }
}

/// An answer: its status, its head (status line and headers) and its body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

/// One GET with `Connection: close`, waiting at most `timeout` for the answer.
pub(crate) fn get(addr: &str, path: &str, timeout: Duration) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(timeout))
        .expect("sets a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("reads");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("a head and a body: {answer:.200}"));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {head:.200}"));
    Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}
