//! A tiny HTTP/1.1 server for tests: bound to 127.0.0.1 on a port the OS picks, started by the
//! test, answering from routes the test sets, and logging every request it receives. Nothing
//! here ever connects anywhere else. (The CLI's watch tests include this file too.)

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    /// Path and query, as sent.
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// What a route answers.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Sleep this long before answering (a slow server).
    pub delay: Duration,
    /// Send `Content-Length` (else the body ends when the connection closes).
    pub length: bool,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            length: true,
        }
    }
    pub fn html(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "text/html; charset=utf-8", body)
    }
    pub fn xml(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "application/xml", body)
    }
    pub fn text(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "text/plain", body)
    }
    /// A bare status (no body for 204 and 304, which may not have one).
    pub fn status(status: u16) -> Response {
        let body = match status {
            204 | 304 => String::new(),
            _ => format!("status {status}"),
        };
        Response::new(status, "text/plain", body)
    }
    pub fn redirect(status: u16, location: &str) -> Response {
        Response::status(status).header("Location", location)
    }
    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn delay(mut self, delay: Duration) -> Response {
        self.delay = delay;
        self
    }
    pub fn without_length(mut self) -> Response {
        self.length = false;
        self
    }
}

type Route = Arc<dyn Fn(&Request, usize) -> Response + Send + Sync>;

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Route>>,
    log: Mutex<Vec<Request>>,
    /// Requests per path so far (a route's second argument: 0 for the first).
    counts: Mutex<HashMap<String, usize>>,
    stop: AtomicBool,
}

pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Bind 127.0.0.1 on a free port and serve until dropped. Unknown paths answer 404.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::default());
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accepting);
                std::thread::spawn(move || serve(stream, &shared));
            }
        });
        Server { addr, shared }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Answer `path` (with its query) with `f(request, how many requests for it came before)`.
    pub fn route(
        &self,
        path: &str,
        f: impl Fn(&Request, usize) -> Response + Send + Sync + 'static,
    ) {
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert(path.to_string(), Arc::new(f));
    }

    /// Answer `path` with the same response every time.
    pub fn set(&self, path: &str, response: Response) {
        self.route(path, move |_, _| response.clone());
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.log.lock().unwrap().clone()
    }

    /// Paths requested so far, in order.
    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }

    /// How many times `path` was requested.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Forget the requests logged so far (counts per path are kept).
    pub fn clear_log(&self) {
        self.shared.log.lock().unwrap().clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    if shared.stop.load(Ordering::SeqCst) {
        return;
    }
    let request = Request { path, headers };
    shared.log.lock().unwrap().push(request.clone());
    let seen = {
        let mut counts = shared.counts.lock().unwrap();
        let n = counts.entry(request.path.clone()).or_insert(0);
        *n += 1;
        *n - 1
    };
    let route = shared.routes.lock().unwrap().get(&request.path).cloned();
    let response = match route {
        Some(f) => f(&request, seen),
        None => Response::status(404),
    };
    std::thread::sleep(response.delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} Status\r\nConnection: close\r\n",
        response.status
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.length {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&response.body);
    let _ = out.flush();
}
