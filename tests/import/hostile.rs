//! Hostile schedules made by generators: the work and the output must grow linearly with the
//! input. The sizes are small enough for a quick test, and far too large for work quadratic
//! in them (which would take minutes), but the checks are on the results: unique ids, every
//! tag and link once, deep HTML kept plain, one short summary line.

use std::fmt::Write as _;

use lectern::import::{self, Imported, Options};
use lectern::program::Origin;

fn import(text: &str) -> Imported {
    import::import_str(text, &Options::default(), Origin::BuiltIn).expect("imports")
}

/// A frab JSON schedule of one day and room holding `events` (JSON objects, comma-separated).
fn json_schedule(events: &str) -> String {
    format!(
        "{{\"schedule\": {{\"conference\": {{\"title\": \"Generated\", \"time_zone_name\": \"UTC\", \"days\": [{{\"date\": \"2024-05-04\", \"rooms\": {{\"Hall\": [{events}]}}}}]}}}}}}"
    )
}

#[test]
fn repeated_guids_get_numbered_ids() {
    let n = 10_000;
    let mut events = String::new();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(
            events,
            "{sep}{{\"guid\": \"same\", \"title\": \"Talk {i}\", \"start\": \"10:00\"}}"
        );
    }
    let imported = import(&json_schedule(&events));
    let ids: Vec<&str> = imported
        .program
        .talks
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids.len(), n);
    assert_eq!(&ids[..3], ["same", "same-2", "same-3"]);
    assert_eq!(ids[n - 1], format!("same-{n}"));
}

#[test]
fn many_links_and_categories_are_kept_once_each() {
    let links: Vec<String> = (0..50_000)
        .map(|i| {
            format!(
                "{{\"url\": \"https://x.org/{}\", \"title\": \"l\"}}",
                i % 20_000
            )
        })
        .collect();
    let event = format!(
        "{{\"guid\": \"g\", \"title\": \"Links\", \"links\": [{}]}}",
        links.join(",")
    );
    let imported = import(&json_schedule(&event));
    assert_eq!(imported.program.talks[0].links.len(), 20_000);

    let categories: Vec<String> = (0..80_000).map(|i| format!("tag{}", i % 40_000)).collect();
    let calendar = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Tags\r\nCATEGORIES:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        categories.join(",")
    );
    let imported = import(&calendar);
    let tags = &imported.program.talks[0].tags;
    assert_eq!(tags.len(), 40_000);
    assert_eq!(
        (tags[0].as_str(), tags[39_999].as_str()),
        ("tag0", "tag39999")
    );
}

#[test]
fn deeply_nested_html_is_kept_plain() {
    // 16 abstracts of 64 KB of nested lists: a megabyte of schedule.
    let nested = format!(
        "{}deep words{}",
        "<ul><li>".repeat(4_500),
        "</li></ul>".repeat(3_500)
    );
    let events: Vec<String> = (0..16)
        .map(|i| {
            format!(
                "{{\"guid\": \"g{i}\", \"title\": \"Talk {i}\", \"abstract\": {}}}",
                serde_json::to_string(&nested).expect("a JSON string")
            )
        })
        .collect();
    let text = json_schedule(&events.join(","));
    assert!(text.len() > 1_000_000);
    let imported = import(&text);
    assert_eq!(
        imported.summary.notes,
        ["16 texts kept as plain text: their HTML nests deeper than 32 levels"]
    );
    for talk in &imported.program.talks {
        // Past 64 KiB a field is cut, and says so.
        assert_eq!(talk.abstract_text.as_deref(), Some("deep words […]"));
    }
}

#[test]
fn untitled_events_make_one_short_summary_line() {
    let n = 30_000;
    let events: Vec<String> = (0..n).map(|i| format!("{{\"id\": {i}}}")).collect();
    let imported = import(&json_schedule(&events.join(",")));
    let line = imported.summary.to_string();
    assert_eq!(
        line,
        "0 talks, 0 speakers, 0 slides, 30,000 skipped: 30,000 events: no title (e.g. event 0, event 1)"
    );
    assert_eq!(imported.summary.events(), n);
}
