//! `bayan serve` run on a free loopback port, and a small HTTP client that
//! sends request targets exactly as written (a traversal attempt must reach
//! the server unchanged, which a normalising client would prevent).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a wait may last before the test fails: generous, since a debug
/// build on a busy 2-core machine can take seconds. Waits poll, and end as
/// soon as what they wait for is there.
pub const PATIENCE: Duration = Duration::from_secs(90);

/// A running `bayan serve`, stopped on drop.
pub struct Server {
    child: Child,
    pub address: String,
    /// What the server printed on standard error, line by line.
    pub log: Receiver<String>,
}

impl Server {
    /// Starts `bayan serve --port 0` on `root` and waits for its URL.
    pub fn start(root: &Path, extra: &[&str]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bayan"));
        command.args(["serve", "--port", "0", "--root"]).arg(root);
        Self::launch(command.args(extra))
    }

    /// Starts `bayan serve --port 0` in `root`, as an editor does: no
    /// `--root`, the site is the current folder.
    pub fn start_in(root: &Path) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bayan"));
        command.args(["serve", "--port", "0"]).current_dir(root);
        Self::launch(&mut command)
    }

    fn launch(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("RUST_LOG")
            .spawn()
            .expect("start bayan serve");
        let lines = |stream: Box<dyn Read + Send>| {
            let (sender, receiver) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
            receiver
        };
        let stdout = lines(Box::new(child.stdout.take().expect("stdout")));
        let log = lines(Box::new(child.stderr.take().expect("stderr")));
        let line = stdout.recv_timeout(PATIENCE).expect("serve prints its URL");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        Self {
            child,
            address,
            log,
        }
    }

    /// `METHOD TARGET` as written; the response.
    pub fn request(&self, method: &str, target: &str) -> Response {
        self.request_with(method, target, "")
    }

    /// `METHOD TARGET` with `headers` (each ending in CRLF).
    pub fn request_with(&self, method: &str, target: &str, headers: &str) -> Response {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n",
            self.address
        );
        stream.write_all(head.as_bytes()).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        Response::parse(&raw)
    }

    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Polls `target` until `done` holds for the response; fails after
    /// [`PATIENCE`].
    pub fn wait_for(&self, target: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let response = self.get(target);
            if done(&response) {
                return response;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited in vain for {what} at {target}; last response:\n{}",
                response.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the event stream; its lines arrive on the receiver.
    pub fn events(&self) -> Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        let head = format!(
            "GET /__bayan/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        );
        stream.write_all(head.as_bytes()).expect("send");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        receiver
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for a line equal to `wanted` on `lines`.
pub fn wait_for_line(lines: &Receiver<String>, wanted: &str) -> Vec<String> {
    wait_for_line_that(lines, wanted, |line| line == wanted)
}

/// Waits for a line for which `found` holds; returns every line read on
/// the way.
pub fn wait_for_line_that(
    lines: &Receiver<String>,
    wanted: &str,
    found: impl Fn(&str) -> bool,
) -> Vec<String> {
    let start = Instant::now();
    let mut seen = Vec::new();
    while let Some(left) = PATIENCE.checked_sub(start.elapsed()) {
        match lines.recv_timeout(left) {
            Ok(line) => {
                let done = found(&line);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("never saw {wanted:?}; saw {seen:?}");
}

/// A parsed HTTP response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Self {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {head:?}"));
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Self {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}
