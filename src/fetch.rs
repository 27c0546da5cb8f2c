//! Downloading a schedule over HTTP(S): one GET with the cache's validators, through `ureq`
//! (blocking, rustls with certificate verification), with connect and read timeouts, at most
//! five redirects (http and https only), and a size cap: a body over it is refused as soon as
//! the cap is passed, so nothing beyond it is kept in memory. Used by the `source` module.

use std::io::{IsTerminal as _, Write as _};
use std::time::Duration;

use url::Url;

/// The size cap of a download unless `LECTERN_MAX_DOWNLOAD` (bytes) says otherwise.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;
/// Seconds to connect, and to wait for the answer, unless `LECTERN_HTTP_TIMEOUT` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
/// At most this many redirects are followed.
pub const MAX_REDIRECTS: u32 = 5;

/// How a download is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// To connect, and then to wait for the answer's head.
    pub timeout: Duration,
    /// To receive the whole body.
    pub body_timeout: Duration,
    pub max_size: u64,
    /// Show progress on stderr (when it is a terminal).
    pub progress: bool,
}

impl Limits {
    /// The defaults, with `LECTERN_HTTP_TIMEOUT` (seconds, fractions allowed) and
    /// `LECTERN_MAX_DOWNLOAD` (bytes) over them.
    pub fn from_env() -> Limits {
        let timeout = std::env::var("LECTERN_HTTP_TIMEOUT")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64);
        let max_size = std::env::var("LECTERN_MAX_DOWNLOAD")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_MAX_SIZE);
        Limits {
            timeout,
            body_timeout: timeout * 15,
            max_size,
            progress: std::io::stderr().is_terminal(),
        }
    }
}

/// What the cache holds of an earlier download, sent so the server can answer 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The server's answer.
#[derive(Debug)]
pub enum Fetched {
    /// 200: the body, and the validators to store with it.
    Body(Vec<u8>, Validators),
    /// 304: the cached copy is current.
    NotModified,
}

/// Why a download failed. The message names the address.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: the server answered {status} {reason}")]
    Status {
        url: String,
        status: u16,
        reason: String,
    },
    #[error("{url}: the schedule is larger than the limit of {limit} bytes ({mib} MiB); set LECTERN_MAX_DOWNLOAD to allow more", mib = limit / (1024 * 1024))]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects { url: String },
    #[error("{url}: no answer within {secs} s", secs = timeout.as_secs_f64())]
    Timeout { url: String, timeout: Duration },
    #[error("{url}: {message}")]
    Network { url: String, message: String },
}

impl FetchError {
    /// Whether the cached copy should be used instead: the server could not be reached or
    /// failed (5xx), as opposed to saying the schedule is not there (4xx).
    pub fn is_outage(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500,
            FetchError::TooLarge { .. } => false,
            _ => true,
        }
    }
}

/// Downloads `url`, sending `validators` when the cache has any.
pub fn fetch(url: &Url, validators: &Validators, limits: &Limits) -> Result<Fetched, FetchError> {
    let shown = crate::sanitize::visible(url.as_str());
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.timeout))
        .timeout_recv_response(Some(limits.timeout))
        .timeout_recv_body(Some(limits.body_timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("lectern/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut request = agent.get(url.as_str());
    if let Some(etag) = &validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &validators.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request.call().map_err(|e| network(&shown, e, limits))?;
    let status = response.status();
    if status.as_u16() == 304 {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        return Err(FetchError::Status {
            url: shown,
            status: status.as_u16(),
            reason: crate::sanitize::line(status.canonical_reason().unwrap_or("")),
        });
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let got = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let length = header("content-length").and_then(|l| l.parse::<u64>().ok());
    if length.is_some_and(|l| l > limits.max_size) {
        return Err(FetchError::TooLarge {
            url: shown,
            limit: limits.max_size,
        });
    }
    let reader = response.body_mut().with_config().limit(u64::MAX).reader();
    let body = read_body(reader, &shown, length, limits)?;
    Ok(Fetched::Body(body, got))
}

/// Reads the body up to the cap, showing progress when asked.
fn read_body(
    mut reader: impl std::io::Read,
    shown: &str,
    length: Option<u64>,
    limits: &Limits,
) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    let mut progress = limits.progress.then(|| Progress::new(shown));
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(FetchError::Network {
                    url: shown.to_owned(),
                    message: format!("the download broke off after {} bytes: {e}", body.len()),
                });
            }
        };
        if (body.len() + n) as u64 > limits.max_size {
            return Err(FetchError::TooLarge {
                url: shown.to_owned(),
                limit: limits.max_size,
            });
        }
        body.extend_from_slice(&chunk[..n]);
        if let Some(progress) = &mut progress {
            progress.show(body.len() as u64, length);
        }
    }
    if let Some(length) = length
        && (body.len() as u64) < length
    {
        return Err(FetchError::Network {
            url: shown.to_owned(),
            message: format!(
                "the download broke off after {} of {length} bytes",
                body.len()
            ),
        });
    }
    Ok(body)
}

fn network(shown: &str, error: ureq::Error, limits: &Limits) -> FetchError {
    let url = shown.to_owned();
    match error {
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects { url },
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            timeout: limits.timeout,
        },
        ureq::Error::BadUri(message) => FetchError::Network {
            url,
            message: format!(
                "not an address Lectern can fetch: {}",
                crate::sanitize::line(&message)
            ),
        },
        other => FetchError::Network {
            url,
            message: crate::sanitize::line(&other.to_string()),
        },
    }
}

/// The download line on stderr: bytes so far, and the percentage when the size is known.
struct Progress {
    shown: String,
    last: std::time::Instant,
    drawn: bool,
}

impl Progress {
    fn new(shown: &str) -> Progress {
        Progress {
            shown: shown.to_owned(),
            last: std::time::Instant::now(),
            drawn: false,
        }
    }

    fn show(&mut self, bytes: u64, length: Option<u64>) {
        if self.last.elapsed() < Duration::from_millis(100)
            && !(self.drawn && Some(bytes) == length)
        {
            return;
        }
        self.last = std::time::Instant::now();
        self.drawn = true;
        let kb = bytes / 1024;
        let line = match length {
            Some(total) if total > 0 => format!(
                "lectern: downloading {}: {kb} KiB of {} KiB ({}%)",
                self.shown,
                total / 1024,
                bytes * 100 / total
            ),
            _ => format!("lectern: downloading {}: {kb} KiB", self.shown),
        };
        let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
