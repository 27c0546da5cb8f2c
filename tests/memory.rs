//! Peak heap memory while loading hostile program files, measured with a counting allocator
//! (this test binary's own, so nothing else runs in it): each file is generated here, a few
//! megabytes, and its load must stay within a small multiple of its size.

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
const SIZE: usize = 2 << 20;

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

/// The peak heap in use while loading `text`, above what was in use before, as a multiple of
/// the text's size. The result (a program or its diagnostics) is dropped inside the measure.
fn peak_multiple(text: &str) -> f64 {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = parse_str(text, Origin::File("hostile.toml".into()));
    let rendered = match &result {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
    drop(result);
    drop(rendered);
    let peak = PEAK.load(Ordering::Relaxed) - base;
    peak as f64 / text.len() as f64
}

/// The worst multiple measured over these shapes is under 100x, nearly all of it the TOML
/// parser's (a token list and an event list of 24 bytes per token, then the tree): see the
/// README's "Safety" section. Before diagnostics quoted a window of their line, the one-line
/// files with hundreds of errors and warnings cost a copy of the line each: over 400x.
const LIMIT: f64 = 120.0;

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
    let measured: Vec<(&str, f64)> = cases
        .iter()
        .map(|(name, text)| (*name, peak_multiple(text)))
        .collect();
    println!("{measured:.1?}");
    for (name, multiple) in &measured {
        assert!(
            *multiple < LIMIT,
            "{name}: peak {multiple:.1}x the file's size; all: {measured:.1?}"
        );
    }
}
