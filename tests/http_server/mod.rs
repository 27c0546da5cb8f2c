//! A small HTTP/1.1 server on 127.0.0.1 for the download tests: each request is answered by
//! a function of its path, with a whole response, one cut short, a silence or a closed
//! connection, and every request's head is kept for the test to look at. Hand-written on
//! `TcpListener` because the tests need answers no well-behaved server library gives (a body
//! shorter than its Content-Length, a connection closed before any answer).

#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers one request.
pub enum Reply {
    /// A status, headers and a body; Content-Length is added.
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// A body sent in chunks, without Content-Length.
    Chunked(Vec<u8>),
    /// Headers announcing `declared` bytes, then only `body`, then the connection closes.
    CutShort { declared: usize, body: Vec<u8> },
    /// Nothing for this long, then the connection closes.
    Silence(Duration),
    /// The connection closes at once.
    Close,
}

impl Reply {
    pub fn ok(body: &[u8]) -> Reply {
        Reply::Full(200, Vec::new(), body.to_vec())
    }

    pub fn with(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        Reply::Full(
            status,
            headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body.to_vec(),
        )
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::with(302, &[("Location", to)], b"")
    }
}

/// One request as received: the path and the header lines, lowercased names.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// The running server; it stops when dropped.
pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind on 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let handler = Arc::clone(&handler);
                    let requests = Arc::clone(&requests);
                    std::thread::spawn(move || serve(stream, &*handler, &requests));
                }
            });
        }
        Server {
            port,
            stop,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests received so far.
    pub fn received(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answers the requests of one connection (keep-alive), until it closes.
fn serve(stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Request>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let request = Request { path, headers };
        requests.lock().expect("requests").push(request.clone());
        let ok = match handler(&request) {
            Reply::Full(status, headers, body) => {
                let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
                for (k, v) in headers {
                    let _ = write!(head, "{k}: {v}\r\n");
                }
                head.push_str("\r\n");
                stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&body))
                    .is_ok()
            }
            Reply::Chunked(body) => {
                let mut out = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
                for chunk in body.chunks(1000) {
                    out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    out.extend_from_slice(chunk);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(b"0\r\n\r\n");
                stream.write_all(&out).is_ok()
            }
            Reply::CutShort { declared, body } => {
                let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\n\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
                let _ = stream.flush();
                false
            }
            Reply::Silence(duration) => {
                std::thread::sleep(duration);
                false
            }
            Reply::Close => false,
        };
        if !ok {
            let _ = stream.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}
