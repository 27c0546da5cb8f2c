//! Peak heap memory while loading hostile program files, measured with a counting allocator
//! (this test binary's own): each file is generated here, a megabyte. Files of many talks,
//! loaded a few talks at a time, must stay within a small multiple of their size, syntax errors
//! or not; files the cut at talk headers cannot divide within a bounded multiple that adds next
//! to nothing to what the TOML parser alone needs, and not at all past 2 MiB, where they are
//! refused unparsed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use lectern::program::{Origin, parse_str, parse_str_whole};

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
    generate_sized(SIZE, head, item, tail)
}

/// `head`, then `item` repeated until the file is about `size` bytes, then `tail`.
fn generate_sized(size: usize, head: &str, item: &str, tail: &str) -> String {
    let mut text = String::with_capacity(size + head.len() + tail.len());
    text.push_str(head);
    while text.len() < size {
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

/// Files of many talks are parsed a few talks at a time, so what they need is mostly the
/// program they load (about 370 bytes per talk, 18 times the smallest talk of 20 bytes): the
/// worst measured is 22.5x, where parsed whole they peak at 70 to 90 times.
const TALKS_LIMIT: f64 = 25.0;

/// A value, a table or a line the cut at talk headers cannot divide (and a file of up to 1 MiB
/// with a syntax error, which is parsed whole to report it) needs what the TOML parser needs: the worst
/// measured is 96x (a token list and an event list of 24 bytes per token, then the tree): see
/// the README's "Safety" section. Before diagnostics quoted a window of their line, the
/// one-line files with hundreds of errors and warnings cost a copy of the line each: over 400x.
const WHOLE_LIMIT: f64 = 120.0;

/// What checking the tree may add to the parser's own peak, as a share of it.
const CHECK_SHARE: f64 = 0.1;

/// The tests measure one at a time: the counters are the whole process's.
static SERIAL: Mutex<()> = Mutex::new(());

/// `head`, then `k0=1`, `k1=1`... until the file is about [`SIZE`] bytes.
fn tiny_keys(head: &str) -> String {
    let mut text = String::from(head);
    for i in 0.. {
        if text.len() >= SIZE {
            break;
        }
        writeln!(text, "k{i}=1").expect("writes to a string");
    }
    text
}

#[test]
fn files_of_many_talks_load_a_few_talks_at_a_time() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let head = "[program]\ntitle = \"W\"\n";
    let cases = [
        (
            "many short talks",
            generate(head, "[[talks]]\ntitle=\"T\"\n", ""),
        ),
        (
            "talks with speaker sub-tables",
            generate(
                head,
                "[[talks]]\ntitle=\"T\"\n[[talks.speakers]]\nname=\"S\"\n",
                "",
            ),
        ),
        (
            "talks of tiny unknown keys",
            generate(
                head,
                "[[talks]]\ntitle=\"T\"\na=1\nb=1\nc=1\nd=1\ne=1\n",
                "",
            ),
        ),
        (
            "talks with integer arrays",
            generate(
                head,
                "[[talks]]\ntitle=\"T\"\nx=[1,1,1,1,1,1,1,1,1,1,1,1]\n",
                "",
            ),
        ),
        (
            "talks with wrong types",
            generate(head, "[[talks]]\ntitle=1\n", ""),
        ),
        ("empty talks", generate(head, "[[talks]]\n", "")),
        (
            "good talks, then as many empty ones",
            generate(
                &"[[talks]]\ntitle=\"T\"\n".repeat(SIZE / 30),
                "[[talks]]\n",
                head,
            ),
        ),
        (
            "the program after the talks",
            generate("", "[[talks]]\ntitle=\"T\"\n", head),
        ),
    ];
    let measured: Vec<(&str, f64)> = cases
        .iter()
        .map(|(name, text)| (*name, load_multiple(text)))
        .collect();
    println!("(file, load peak) as multiples of the file: {measured:.1?}");
    for (name, load) in &measured {
        assert!(
            *load < TALKS_LIMIT,
            "{name}: peak {load:.1}x the file's size; all: {measured:.1?}"
        );
    }
}

#[test]
fn files_that_cannot_be_cut_load_within_what_the_parser_needs() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
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
        ("many tiny keys in one table", tiny_keys(head)),
        (
            "many dotted keys",
            generate(
                &format!("{head}[[talks]]\ntitle = \"T\"\n"),
                "a.",
                "b = 1\n",
            ),
        ),
        (
            "many short talks, then a syntax error",
            generate(head, "[[talks]]\ntitle=\"T\"\n", "x = = 1\n"),
        ),
    ];
    let measured: Vec<(&str, f64, f64)> = cases
        .iter()
        .map(|(name, text)| (*name, load_multiple(text), parse_multiple(text)))
        .collect();
    println!("(file, load peak, parse-only peak) as multiples of the file: {measured:.1?}");
    for (name, load, parse) in &measured {
        assert!(
            *load < WHOLE_LIMIT,
            "{name}: peak {load:.1}x the file's size; all: {measured:.1?}"
        );
        assert!(
            *load <= parse * (1.0 + CHECK_SHARE),
            "{name}: loading peaks at {load:.1}x, the parser alone at {parse:.1}x; all: {measured:.1?}"
        );
    }
}

/// The error text of loading `text`, one way or the other.
fn errors(text: &str, whole: bool) -> String {
    let origin = Origin::File("hostile.toml".into());
    let loaded = if whole {
        parse_str_whole(text, origin)
    } else {
        parse_str(text, origin)
    };
    match loaded {
        Ok(_) => panic!("a file with syntax errors loaded"),
        Err(e) => e.to_string(),
    }
}

/// A file of about `size` bytes of short talks, with each of `broken` put in place of one talk
/// at an even spread: syntax errors of several kinds, each in its own talk.
fn talks_with_broken(size: usize, broken: &[&str]) -> String {
    let talk = "[[talks]]\ntitle=\"T\"\n";
    let mut text = String::from("[program]\ntitle = \"W\"\n");
    let every = size / talk.len() / (broken.len() + 1);
    for piece in broken {
        for _ in 0..every {
            text.push_str(talk);
        }
        text.push_str(piece);
    }
    while text.len() < size {
        text.push_str(talk);
    }
    text
}

/// Talks with syntax errors of several kinds. (Not among them: an inline table left open,
/// which, parsed whole, makes every later line an error, and section by section only the
/// lines up to the next talk.)
const BROKEN: &[&str] = &[
    "[[talks]]\ntitle = = \"T\"\n",
    "[[talks]]\ntitle=\"T\"\nx = 1x\n",
    "[[talks]]\ntitle=\"T\"\ntitle=\"U\"\n",
    "[[talks]]\ntitle=\"T\nkind=\"talk\"\n",
    "[[talks]]\ntitle=\"T\"\n[talks.x]\n[talks.x]\n",
    "[[talks]]\ntitle=\"T\"\n[[talks.speakers]]\nname = 'S\n",
];

/// Asserts two error texts are the same, showing only the first line that differs.
fn assert_same_errors(sections: &str, whole: &str) {
    let first = sections
        .lines()
        .zip(whole.lines())
        .position(|(a, b)| a != b);
    assert!(
        first.is_none() && sections.lines().count() == whole.lines().count(),
        "section by section and whole differ at line {first:?}: {:?} / {:?}",
        first.and_then(|i| sections.lines().nth(i)),
        first.and_then(|i| whole.lines().nth(i)),
    );
}

#[test]
fn syntax_errors_in_a_large_file_are_found_section_by_section_where_they_are() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    // Past 1 MiB a file reports its syntax errors section by section: the same messages, at
    // the same lines and columns, as the parser reports for the file parsed whole.
    let text = talks_with_broken(3 * SIZE / 2, BROKEN);
    let sections = errors(&text, false);
    assert_same_errors(&sections, &errors(&text, true));
    assert!(
        sections.matches("invalid TOML").count() >= BROKEN.len(),
        "{} errors",
        sections.matches("invalid TOML").count()
    );
    // A syntax error in every talk: the first 200 are listed, and every one is counted.
    let text = generate_sized(
        3 * SIZE / 2,
        "[program]\ntitle = \"W\"\n",
        "[[talks]]\nx = = 1\n",
        "",
    );
    let many = errors(&text, false);
    assert_same_errors(&many, &errors(&text, true));
    // Two errors a talk: the extra `=`, and the value after it.
    let talks = text.matches("[[talks]]").count();
    assert!(
        many.contains(&format!("{} more errors", 2 * talks - 200))
            && many.contains(&format!("{} errors found", 2 * talks)),
        "{talks} talks: {:?}",
        many.lines().last()
    );
}

#[test]
fn syntax_errors_in_a_large_file_cost_what_its_talks_do() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let head = "[program]\ntitle = \"W\"\n";
    let cases = [
        (
            "many short talks, then a syntax error",
            generate_sized(3 * SIZE, head, "[[talks]]\ntitle=\"T\"\n", "x = = 1\n"),
        ),
        (
            "a syntax error here and there",
            talks_with_broken(3 * SIZE, BROKEN),
        ),
        (
            "a syntax error in every talk",
            generate_sized(3 * SIZE, head, "[[talks]]\nx = = 1\n", ""),
        ),
        (
            "an unclosed string in the middle",
            talks_with_broken(3 * SIZE, &["[[talks]]\nabstract = \"\"\"\n"]),
        ),
    ];
    let measured: Vec<(&str, f64)> = cases
        .iter()
        .map(|(name, text)| (*name, load_multiple(text)))
        .collect();
    println!("(file, load peak) as multiples of the file: {measured:.1?}");
    for (name, load) in &measured {
        assert!(
            *load < TALKS_LIMIT,
            "{name}: peak {load:.1}x the file's size; all: {measured:.1?}"
        );
    }
}

/// The longest piece the parser is given at once.
const PIECE_MAX: usize = 2 << 20;

#[test]
fn a_piece_too_long_to_cut_is_refused_where_it_starts_without_parsing_it() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let head = "[program]\ntitle = \"W\"\n";
    let size = 3 * SIZE;
    let talks = "[[talks]]\ntitle=\"T\"\n".repeat(100);
    // (name, file, expected line:column and words of the error)
    let cases = [
        (
            "one talk of an integer array",
            generate_sized(size, &format!("{head}{talks}[[talks]]\nx = ["), "1,", "]\n"),
            format!("hostile.toml:{}:1", 3 + 2 * 100),
            "this talk is 3.0 MiB",
        ),
        (
            "one talk of many dotted keys, then more talks",
            generate_sized(
                size,
                &format!("{head}[[talks]]\ntitle = \"T\"\n"),
                "a.",
                &format!("b = 1\n{talks}"),
            ),
            "hostile.toml:3:1".to_owned(),
            "this talk is 3.0 MiB",
        ),
        (
            "a string left open in the third talk",
            generate_sized(
                size,
                &format!("{head}{}[[talks]]\nabstract = \"\"\"\n", &talks[..40]),
                "[[talks]]\ntitle=\"T\"\n",
                "",
            ),
            "hostile.toml:7:1".to_owned(),
            "this talk is 3.0 MiB, to the end of the file (is a string in it left open?)",
        ),
        (
            "the program, one huge table before the talks",
            format!("{}{talks}", tiny_keys_sized(size, head)),
            "hostile.toml:1:1".to_owned(),
            "what is outside the `[[talks]]` tables is 3.0 MiB",
        ),
        (
            "one line of talks",
            generate_sized(
                size,
                "talks = [",
                "{ title = 1, zz = 2 }, ",
                &format!("]\n{head}"),
            ),
            "hostile.toml:1:1".to_owned(),
            "this file is 3.0 MiB and cannot be read a talk at a time",
        ),
        (
            "talks under a quoted header",
            generate_sized(size, head, "[[\"talks\"]]\ntitle=\"T\"\n", ""),
            "hostile.toml:1:1".to_owned(),
            "this file is 3.0 MiB and cannot be read a talk at a time",
        ),
    ];
    for (name, text, at, what) in &cases {
        assert!(text.len() > PIECE_MAX, "{name}: {}", text.len());
        let shown = errors(text, false);
        assert!(
            shown.contains(&format!("{at}: error: {what}"))
                && shown.contains("a single talk or table can be at most 2.0 MiB")
                    | shown.contains("a file read whole can be at most 2.0 MiB")
                && shown.contains("`[[talks]]` table"),
            "{name}: {:?}",
            shown.lines().take(6).collect::<Vec<_>>()
        );
        let load = load_multiple(text);
        assert!(load < 2.0, "{name}: peak {load:.1}x the file's size");
    }
}

/// `head`, then `k0=1`, `k1=1`... until the file is about `size` bytes.
fn tiny_keys_sized(size: usize, head: &str) -> String {
    let mut text = String::from(head);
    for i in 0.. {
        if text.len() >= size {
            break;
        }
        writeln!(text, "k{i}=1").expect("writes to a string");
    }
    text
}
