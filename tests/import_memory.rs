//! Peak memory of imports of hostile schedules, measured with `dhat`'s heap statistics: a
//! file of a few megabytes must cost a small multiple of its size, not one allocation per
//! line that outweighs the line. One test in its own binary, so no other test's allocations
//! are counted.

use lectern::import::{self, Options};
use lectern::program::Origin;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The most a schedule may cost in memory, as a multiple of its size.
const MAX_MULTIPLE: usize = 4;

/// The most one JSON event may cost: it is read as a `serde_json` value, several hundred bytes
/// for each small object in it (a link of 45 bytes, say).
const MAX_EVENT_MULTIPLE: usize = 24;

/// The peak heap in bytes while `text` is imported (the text itself not counted).
fn peak(text: &str) -> usize {
    let profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get().curr_bytes;
    let result = import::import_str(text, &Options::default(), Origin::BuiltIn);
    let stats = dhat::HeapStats::get();
    drop(result);
    drop(profiler);
    stats.max_bytes.saturating_sub(before)
}

#[test]
fn hostile_schedules_cost_a_small_multiple_of_their_size() {
    // (what, the calendar): 1 MB of lines the importer does not keep, of empty properties it
    // reads, and of one repeated property it keeps once.
    let size = 1024 * 1024;
    let lines = |line: &str| {
        let mut text = String::from("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n");
        while text.len() < size {
            text.push_str(line);
        }
        text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        text
    };
    let cases = [
        ("unknown empty properties", lines("X:\r\n")),
        ("empty properties it reads", lines("ATTENDEE:\r\n")),
        ("a repeated property", lines("SUMMARY:title\r\n")),
        ("folded lines", lines("DESCRIPTION:a\r\n b\r\n")),
    ];
    let mut report = Vec::new();
    for (what, text) in &cases {
        let bytes = peak(text);
        report.push(format!("{what}: {:.2}x", bytes as f64 / text.len() as f64));
        assert!(
            bytes <= MAX_MULTIPLE * text.len(),
            "{what}: {bytes} bytes for a file of {}: {report:?}",
            text.len()
        );
    }
    println!("{}", report.join(", "));
    xml_and_json();
}

/// XML and JSON, and a real schedule. (In the same test as the calendars: the profiler
/// counts every thread's allocations, so no other test may run beside it.)
fn xml_and_json() {
    let size = 256 * 1024;
    let repeat = |head: &str, item: &str, tail: &str| {
        let mut text = String::from(head);
        while text.len() < size {
            text.push_str(item);
        }
        text.push_str(tail);
        text
    };
    let cases = [
        (
            "XML elements it does not read",
            repeat("<schedule><conference>", "<x/>", "</conference></schedule>"),
        ),
        (
            "XML events without a title",
            repeat(
                "<schedule><day date=\"2024-01-01\"><room name=\"a\">",
                "<event/>",
                "</room></day></schedule>",
            ),
        ),
        (
            "JSON events with only an id",
            repeat(
                "{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"a\": [{\"id\": 1}",
                ", {\"id\": 123}",
                "]}}]}}}",
            ),
        ),
        (
            "one JSON event of many links",
            repeat(
                "{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"a\": [{\"title\": \"t\", \"links\": [{}",
                ", {\"url\": \"https://x.org/\", \"title\": \"l\"}",
                "]}]}}]}}}",
            ),
        ),
        (
            "JSON events without a title",
            repeat(
                "{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"a\": [{}",
                ", {}",
                "]}}]}}}",
            ),
        ),
    ];
    let fosdem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/fosdem_2021.xml"
    ))
    .expect("the FOSDEM fixture");
    let mut report = Vec::new();
    for (what, text) in cases.iter().chain([&("FOSDEM 2021", fosdem)]) {
        let bytes = peak(text);
        report.push(format!("{what}: {:.2}x", bytes as f64 / text.len() as f64));
        let most = if what.starts_with("one JSON event") {
            MAX_EVENT_MULTIPLE
        } else {
            MAX_MULTIPLE
        };
        assert!(
            bytes <= most * text.len(),
            "{what}: {bytes} bytes for a file of {}: {report:?}",
            text.len()
        );
    }
    println!("{}", report.join(", "));
}
