//! Server-Sent Events: each open tab holds one stream and hears the number
//! of every new build (`event: reload`). A stream that cannot be written
//! to any more (a closed tab) is dropped at the next event or ping.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often an idle stream is pinged, so a closed tab is noticed.
const PING: Duration = Duration::from_secs(15);

/// The open streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<u64>>>,
}

impl Hub {
    /// A new stream's receiving end.
    pub fn subscribe(&self) -> Receiver<u64> {
        let (sender, receiver) = mpsc::channel();
        self.lock().push(sender);
        receiver
    }

    /// Tells every open stream that build `generation` is served.
    pub fn broadcast(&self, generation: u64) {
        self.lock().retain(|client| client.send(generation).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<u64>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The response head of an event stream.
pub const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n";

/// Writes the stream until the client goes away: first the build shown
/// now (`hello`, so a page served just before a rebuild still reloads),
/// then one `reload` per build.
pub fn stream(out: &mut dyn Write, current: u64, builds: &Receiver<u64>) {
    let hello = format!("{HEAD}retry: 500\nevent: hello\ndata: {current}\n\n");
    if send(out, &hello).is_err() {
        return;
    }
    loop {
        let text = match builds.recv_timeout(PING) {
            Ok(generation) => format!("event: reload\ndata: {generation}\n\n"),
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(out, &text).is_err() {
            return;
        }
    }
}

fn send(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_says_hello_then_each_build_and_ends_when_the_hub_goes() {
        let hub = Hub::default();
        let receiver = hub.subscribe();
        hub.broadcast(4);
        hub.broadcast(5);
        drop(hub);
        let mut out = Vec::new();
        stream(&mut out, 3, &receiver);
        let text = String::from_utf8(out).expect("utf-8");
        let body = text
            .split("\r\n\r\n")
            .nth(1)
            .expect("a body after the head");
        assert_eq!(
            body,
            "retry: 500\nevent: hello\ndata: 3\n\nevent: reload\ndata: 4\n\nevent: reload\ndata: 5\n\n"
        );
    }

    #[test]
    fn a_closed_stream_is_forgotten_at_the_next_build() {
        let hub = Hub::default();
        let kept = hub.subscribe();
        drop(hub.subscribe());
        hub.broadcast(1);
        assert_eq!(hub.lock().len(), 1);
        assert_eq!(kept.try_recv(), Ok(1));
    }
}
