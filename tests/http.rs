//! Programs at web addresses, against a server on 127.0.0.1 that the tests start: `lectern
//! check`, `import` and `diff` on URLs, the cache and its validators, the offline fallback,
//! and every way a download can go wrong (404, 500, redirects, a loop, silence, a body too
//! large or cut short, a closed connection, a wrong Content-Type).

mod http_server;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use http_server::{Reply, Server};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

const V1: &str = r#"[program]
title = "Live"
timezone = "Europe/Brussels"

[[talks]]
id = "a"
title = "Alpha"
start = "2024-02-03T10:00"
duration = 30
room = "A"

[[talks]]
id = "b"
title = "Beta"
start = "2024-02-03T11:00"
duration = 30
room = "A"
"#;

/// V1 with Alpha moved to 11:30 in room B, Beta cancelled, Gamma added.
const V2: &str = r#"[program]
title = "Live"
timezone = "Europe/Brussels"

[[talks]]
id = "a"
title = "Alpha"
start = "2024-02-03T11:30"
duration = 30
room = "B"

[[talks]]
id = "g"
title = "Gamma"
start = "2024-02-03T12:00"
duration = 30
room = "A"
"#;

const SCHEDULE: &str = include_str!("fixtures/small/pentabarf.xml");

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs lectern with its cache in `cache`, a short timeout and `extra` environment.
fn lectern(cache: &Path, args: &[&str], extra: &[(&str, &str)]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("LECTERN_CACHE_DIR", cache)
        .env("LECTERN_DATA_DIR", cache.join("data"))
        .env("LECTERN_HTTP_TIMEOUT", "2")
        .env_remove("LECTERN_MAX_DOWNLOAD");
    for (k, v) in extra {
        command.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("lectern runs");
    Run {
        code: status.code(),
        out: String::from_utf8_lossy(&stdout).into_owned(),
        err: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn cache_files(cache: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(cache)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).expect("read"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_download_is_cached_and_revalidated_with_its_etag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|request| {
        if request.header("if-none-match") == Some("\"v1\"") {
            Reply::with(304, &[], b"")
        } else {
            Reply::with(200, &[("ETag", "\"v1\"")], V1.as_bytes())
        }
    });
    let url = server.url("/program");
    let first = lectern(dir.path(), &["check", &url], &[]);
    assert_eq!(first.code, Some(0), "{}", first.err);
    assert_eq!(first.out, format!("{url}: ok: 2 talks, 0 warnings\n"));
    let cached = cache_files(dir.path());
    assert_eq!(cached.len(), 2, "a body and what is known of it");
    assert!(cached.iter().any(|(_, body)| body == V1.as_bytes()));

    let second = lectern(dir.path(), &["check", &url], &[]);
    assert_eq!(
        (second.code, second.out.as_str()),
        (Some(0), first.out.as_str())
    );
    let requests = server.received();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(
        requests[1].header("if-none-match"),
        Some("\"v1\""),
        "the 304 is asked for"
    );
    assert_eq!(cache_files(dir.path()), cached);
}

#[test]
fn last_modified_is_sent_back_as_if_modified_since() {
    const DATE: &str = "Sat, 03 Feb 2024 09:00:00 GMT";
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|request| {
        if request.header("if-modified-since") == Some(DATE) {
            Reply::with(304, &[], b"")
        } else {
            Reply::with(200, &[("Last-Modified", DATE)], V1.as_bytes())
        }
    });
    let url = server.url("/p");
    assert_eq!(lectern(dir.path(), &["check", &url], &[]).code, Some(0));
    assert_eq!(lectern(dir.path(), &["check", &url], &[]).code, Some(0));
    let requests = server.received();
    assert_eq!(requests[1].header("if-modified-since"), Some(DATE));
}

#[test]
fn a_schedule_is_recognised_by_its_content_whatever_the_content_type() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server =
        Server::start(|_| Reply::with(200, &[("Content-Type", "text/html")], SCHEDULE.as_bytes()));
    let url = server.url("/schedule.json");
    let run = lectern(dir.path(), &["check", &url], &[]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(
        run.out
            .starts_with(&format!("{url}: ok: Pentabarf/frab XML schedule, 2 talks")),
        "{}",
        run.out
    );
    let import = lectern(dir.path(), &["import", &url], &[]);
    assert_eq!(import.code, Some(0), "{}", import.err);
    assert!(
        import
            .out
            .contains("title = \"Tiny FOSS Meeting & Friends\""),
        "{}",
        import.out
    );
}

#[test]
fn failures_without_a_cached_copy_are_errors_that_say_what_happened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let server = Server::start(move |request| {
        counter.fetch_add(1, Ordering::SeqCst);
        match request.path.as_str() {
            "/404" => Reply::with(404, &[], b"no"),
            "/500" => Reply::with(500, &[], b"oops"),
            "/loop" => Reply::redirect("/loop"),
            "/ftp" => Reply::redirect("ftp://127.0.0.1/x"),
            "/cut" => Reply::CutShort {
                declared: V1.len(),
                body: V1.as_bytes()[..40].to_vec(),
            },
            "/close" => Reply::Close,
            "/html" => Reply::with(
                200,
                &[("Content-Type", "text/html")],
                b"<html><body>Hi</body></html>",
            ),
            _ => Reply::ok(V1.as_bytes()),
        }
    });
    let cases: &[(&str, &str)] = &[
        ("/404", "the server answered 404 Not Found"),
        (
            "/500",
            "the server answered 500 Internal Server Error; no copy of it is in the cache",
        ),
        ("/loop", "more than 5 redirects"),
        ("/ftp", "ftp"),
        ("/cut", "the download broke off after 40 bytes"),
        ("/close", "no copy of it is in the cache"),
        ("/html", "invalid Pentabarf/frab XML"),
    ];
    for (path, expected) in cases {
        let url = server.url(path);
        let run = lectern(dir.path(), &["check", &url], &[]);
        assert_eq!(run.code, Some(1), "{path}: {}", run.err);
        assert!(run.err.contains(expected), "{path}: {}", run.err);
        assert!(
            run.err.contains(&url),
            "{path}: the message names the address: {}",
            run.err
        );
        assert!(!run.err.contains("panicked"), "{path}");
    }
    assert!(
        cache_files(dir.path()).is_empty(),
        "nothing broken is cached"
    );
    // The loop is followed five times, not forever.
    let loops = server
        .received()
        .iter()
        .filter(|r| r.path == "/loop")
        .count();
    assert_eq!(loops, 6, "the first request and five redirects");
}

#[test]
fn a_redirect_chain_is_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|request| match request.path.as_str() {
        "/1" => Reply::redirect("/2"),
        "/2" => Reply::with(301, &[("Location", "/3")], b""),
        "/3" => Reply::with(307, &[("Location", "/program")], b""),
        _ => Reply::ok(V1.as_bytes()),
    });
    let run = lectern(dir.path(), &["check", &server.url("/1")], &[]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let paths: Vec<String> = server.received().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/1", "/2", "/3", "/program"]);
}

#[test]
fn a_silent_server_times_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|_| Reply::Silence(Duration::from_secs(8)));
    let started = Instant::now();
    let run = lectern(
        dir.path(),
        &["check", &server.url("/slow")],
        &[("LECTERN_HTTP_TIMEOUT", "0.3")],
    );
    assert_eq!(run.code, Some(1), "{}", run.err);
    assert!(run.err.contains("no answer within 0.3 s"), "{}", run.err);
    assert!(
        started.elapsed() < Duration::from_secs(7),
        "it did not wait for the server"
    );
}

#[test]
fn a_body_over_the_limit_is_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = format!("{V1}\n# {}\n", "x".repeat(5000));
    let server = Server::start(move |request| match request.path.as_str() {
        "/chunked" => Reply::Chunked(big.clone().into_bytes()),
        _ => Reply::ok(big.as_bytes()),
    });
    for path in ["/length", "/chunked"] {
        let run = lectern(
            dir.path(),
            &["check", &server.url(path)],
            &[("LECTERN_MAX_DOWNLOAD", "3000")],
        );
        assert_eq!(run.code, Some(1), "{path}: {}", run.err);
        assert!(
            run.err.contains("larger than the limit of 3000 bytes"),
            "{path}: {}",
            run.err
        );
        let fits = lectern(dir.path(), &["check", &server.url(path)], &[]);
        assert_eq!(
            fits.code,
            Some(0),
            "{path} under the default limit: {}",
            fits.err
        );
    }
}

#[test]
fn the_cached_copy_stands_in_when_the_server_fails_and_is_never_replaced_by_a_broken_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mode = Arc::new(AtomicUsize::new(0));
    let chosen = Arc::clone(&mode);
    let server = Server::start(move |_| match chosen.load(Ordering::SeqCst) {
        0 => Reply::ok(V1.as_bytes()),
        1 => Reply::with(503, &[], b"down"),
        2 => Reply::CutShort {
            declared: V2.len(),
            body: V2.as_bytes()[..50].to_vec(),
        },
        3 => Reply::ok(b"[program]\n"),
        _ => Reply::Close,
    });
    let url = server.url("/p");
    assert_eq!(lectern(dir.path(), &["check", &url], &[]).code, Some(0));
    let good = cache_files(dir.path());
    for (step, why) in [
        (1, "the server answered 503"),
        (2, "broke off"),
        (3, "the server's copy does not load"),
        (4, &url),
    ] {
        mode.store(step, Ordering::SeqCst);
        let run = lectern(dir.path(), &["check", &url], &[]);
        assert_eq!(run.code, Some(0), "{step}: {}", run.err);
        assert_eq!(
            run.out,
            format!("{url}: ok: 2 talks, 0 warnings\n"),
            "{step}"
        );
        assert!(
            run.err.contains("offline: copy from "),
            "{step}: {}",
            run.err
        );
        assert!(run.err.contains(why), "{step}: {}", run.err);
        assert_eq!(
            cache_files(dir.path()),
            good,
            "{step}: the good copy is kept"
        );
    }
}

#[test]
fn offline_uses_the_cache_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|_| Reply::ok(V1.as_bytes()));
    let url = server.url("/p");
    let none = lectern(dir.path(), &["check", "--offline", &url], &[]);
    assert_eq!(none.code, Some(1));
    assert!(
        none.err
            .contains("no copy of it is in the cache; open it once without --offline"),
        "{}",
        none.err
    );
    assert!(
        server.received().is_empty(),
        "--offline never asks the server"
    );
    assert_eq!(lectern(dir.path(), &["check", &url], &[]).code, Some(0));
    let offline = lectern(dir.path(), &["check", "--offline", &url], &[]);
    assert_eq!(offline.code, Some(0), "{}", offline.err);
    assert!(
        offline.err.contains("offline: copy from "),
        "{}",
        offline.err
    );
    assert_eq!(server.received().len(), 1);
}

#[test]
fn diff_compares_two_addresses_or_an_address_and_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(|request| match request.path.as_str() {
        "/v1" => Reply::ok(V1.as_bytes()),
        _ => Reply::ok(V2.as_bytes()),
    });
    let run = lectern(
        dir.path(),
        &["diff", &server.url("/v1"), &server.url("/v2")],
        &[],
    );
    assert_eq!(run.code, Some(1), "{}", run.err);
    assert_eq!(
        run.out,
        "~ a  Alpha: time 10:00 → 11:30, room A → B\n+ g  Gamma\n- b  Beta\n1 new, 1 cancelled, 1 moved\n"
    );
    let file = dir.path().join("v2.toml");
    std::fs::write(&file, V2).expect("write");
    let same = lectern(
        dir.path(),
        &["diff", &server.url("/v2"), file.to_str().expect("utf-8")],
        &[],
    );
    assert_eq!(
        (same.code, same.out.as_str()),
        (Some(0), ""),
        "{}",
        same.err
    );
    let json = lectern(
        dir.path(),
        &[
            "diff",
            "--format",
            "json",
            &server.url("/v1"),
            &server.url("/v2"),
        ],
        &[],
    );
    assert_eq!(json.code, Some(1));
    let value: serde_json::Value = serde_json::from_str(&json.out).expect("json");
    assert_eq!(value[0]["change"], "moved");
    assert_eq!(
        value[0]["fields"][0],
        serde_json::json!({"field": "time", "from": "10:00", "to": "11:30"})
    );
    assert_eq!(value[2]["change"], "cancelled");
    let missing = lectern(
        dir.path(),
        &["diff", &server.url("/v1"), "/nonexistent.toml"],
        &[],
    );
    assert_eq!(missing.code, Some(2), "{}", missing.err);
}

#[test]
fn relative_links_of_a_schedule_resolve_against_its_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schedule = SCHEDULE.replace(
        "https://fosdem.org/2021/schedule/event/fuss_remote_access/attachments/slides/4750/FUSS.pdf",
        "files/FUSS.pdf",
    );
    assert_ne!(
        schedule, SCHEDULE,
        "the fixture has the slides this test rewrites"
    );
    let server = Server::start(move |_| Reply::ok(schedule.as_bytes()));
    let run = lectern(
        dir.path(),
        &["import", &server.url("/2021/schedule.xml")],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.err);
    let expected = format!("slides = \"{}\"", server.url("/2021/files/FUSS.pdf"));
    assert!(run.out.contains(&expected), "{}", run.out);
}
