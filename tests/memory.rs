//! Peak heap memory while loading hostile program files, measured with a counting allocator
//! (this test binary's own, so nothing else runs in it): each file is generated here, a
//! megabyte, and its load must stay within a bounded multiple of its size, and add next to
//! nothing to what the TOML parser alone needs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use lectern::program::{Origin, parse_str};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
#[expect(
    unsafe_code,
    reason = "a counting allocator is the way to measure peak heap use"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let grown = new_size - layout.size();
            let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// About this many bytes per generated file.
const SIZE: usize = 1 << 20;

/// `head`, then `item` repeated until the file is about [`SIZE`] bytes, then `tail`.
fn generate(head: &str, item: &str, tail: &str) -> String {
    let mut text = String::with_capacity(SIZE + head.len() + tail.len());
    text.push_str(head);
    while text.len() < SIZE {
        text.push_str(item);
    }
    text.push_str(tail);
    text
}

/// The peak heap in use while `work` runs, above what was in use before, as a multiple of
/// `size`. Whatever `work` returns is dropped inside the measure.
fn peak_multiple<T>(size: usize, work: impl FnOnce() -> T) -> f64 {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    drop(work());
    let peak = PEAK.load(Ordering::Relaxed) - base;
    peak as f64 / size as f64
}

/// Loading `text` (and rendering its errors, if any), as a multiple of its size.
fn load_multiple(text: &str) -> f64 {
    peak_multiple(text.len(), || {
        match parse_str(text, Origin::File("hostile.toml".into())) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    })
}

/// Parsing `text` into the TOML parser's tree alone, as a multiple of its size.
fn parse_multiple(text: &str) -> f64 {
    peak_multiple(text.len(), || toml::de::DeTable::parse_recoverable(text))
}

/// The worst multiple measured over these shapes is under 100x, all of it the TOML parser's
/// (a token list and an event list of 24 bytes per token, then the tree): see the README's
/// "Safety" section. Before diagnostics quoted a window of their line, the one-line files
/// with hundreds of errors and warnings cost a copy of the line each: over 400x.
const LIMIT: f64 = 120.0;

/// What checking the tree may add to the parser's own peak, as a share of it.
const CHECK_SHARE: f64 = 0.1;

#[test]
fn hostile_files_load_within_a_small_multiple_of_their_size() {
    let head = "[program]\ntitle = \"W\"\n";
    let cases = [
        (
            "one line of talks with wrong types and unknown keys",
            generate(
                "talks = [",
                "{ title = 1, zz = 2 }, ",
                &format!("]\n{head}"),
            ),
        ),
        (
            "one line of unknown keys",
            generate(
                "talks = [",
                "{ title = \"a\", zz = 1 }, ",
                &format!("]\n{head}"),
            ),
        ),
        ("one line of syntax errors", generate(head, "x = = ", "\n")),
        (
            "an integer array",
            generate(&format!("{head}x = ["), "1,", "]\n"),
        ),
        (
            "many short talks",
            generate(head, "[[talks]]\ntitle = \"T\"\n", ""),
        ),
        (
            "many dotted keys",
            generate(
                &format!("{head}[[talks]]\ntitle = \"T\"\n"),
                "a.",
                "b = 1\n",
            ),
        ),
    ];
    let measured: Vec<(&str, f64, f64)> = cases
        .iter()
        .map(|(name, text)| (*name, load_multiple(text), parse_multiple(text)))
        .collect();
    println!("(file, load peak, parse-only peak) as multiples of the file: {measured:.1?}");
    for (name, load, parse) in &measured {
        assert!(
            *load < LIMIT,
            "{name}: peak {load:.1}x the file's size; all: {measured:.1?}"
        );
        assert!(
            *load <= parse * (1.0 + CHECK_SHARE),
            "{name}: loading peaks at {load:.1}x, the parser alone at {parse:.1}x; all: {measured:.1?}"
        );
    }
}
