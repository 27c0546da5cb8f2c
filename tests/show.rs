//! `lectern show` from the outside: a talk found by id or by words, nothing found (exit 1),
//! the Markdown and JSON shapes (the JSON read back with `serde_json`), and wrapping.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// Two talks on one day in Brussels, a third without a time; the first has every field.
const PROGRAM: &str = r#"
[program]
title = "Show Fest"
timezone = "Europe/Brussels"

[[talks]]
id = "wse"
title = "Wafer Scale Engines"
subtitle = "One chip, the size of a plate"
start = "2021-02-06T09:00"
duration = "45m"
room = "Janson"
track = "Hardware"
slides = "https://slides.example.org/wafer.pdf"
links = [{ label = "Video", url = "https://video.example.org/wafer" }]
abstract = """
Alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa.

A second paragraph."""

[[talks.speakers]]
name = "Ada Lovelace"
affiliation = "Analytical Engines"

[[talks.speakers]]
name = "Charles Babbage"

[[talks]]
id = "sparse"
title = "Sparse Training"
start = "2021-02-06T10:00"
duration = "30m"
room = "K.1.105"

[[talks.speakers]]
name = "Grace Hopper"

[[talks]]
id = "untimed"
title = "Whenever: wafer yields, sparse ones"
"#;

fn show(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fest.toml");
    std::fs::write(&path, PROGRAM).expect("write");
    run_in(dir.path(), &path, args)
}

fn run_in(dir: &Path, program: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .arg("show")
        .arg(program)
        .args(args)
        .output()
        .expect("run lectern")
}

fn stdout(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[test]
fn an_id_shows_that_talk_alone() {
    let text = stdout(&show(&["sparse"]));
    assert!(text.starts_with("Sparse Training\n"), "{text}");
    assert!(text.contains("Grace Hopper\n"), "{text}");
    assert!(
        text.contains("Saturday 2021-02-06 10:00–10:30 · K.1.105"),
        "{text}"
    );
    assert!(!text.contains("Wafer"), "{text}");
    // The id wins over the words: "sparse" is also a word of the third talk's title.
    assert!(!text.contains("Whenever"), "{text}");
    let words = stdout(&show(&["spars"]));
    assert!(words.contains("Whenever"), "{words}");
}

#[test]
fn words_show_every_talk_they_match() {
    let text = stdout(&show(&["wafer"]));
    assert!(text.contains("Wafer Scale Engines\n"), "{text}");
    assert!(
        text.contains("Whenever: wafer yields, sparse ones\n"),
        "{text}"
    );
    assert!(!text.contains("Sparse"), "{text}");
    // The title match ranks above the one in a later word of a title.
    assert!(text.find("Wafer Scale").unwrap() < text.find("Whenever").unwrap());
}

#[test]
fn nothing_matching_exits_1_and_prints_nothing() {
    let out = show(&["zebra"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no talk matches \"zebra\""));
}

#[test]
fn a_program_that_does_not_load_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[program\n").expect("write");
    let out = run_in(dir.path(), &path, &["wafer"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty());
}

#[test]
fn markdown_has_a_heading_and_a_list_per_talk() {
    let md = stdout(&show(&["wafer", "--format", "markdown"]));
    let first = md.split("\n## ").next().unwrap();
    assert!(first.starts_with("## Wafer Scale Engines\n\n*One chip, the size of a plate*\n\n"));
    for line in [
        "- **Id:** `wse`",
        "- **Speakers:** Ada Lovelace (Analytical Engines), Charles Babbage",
        "- **When:** Saturday 2021-02-06 09:00–09:45 · Janson · track Hardware",
        "- **Slides:** <https://slides.example.org/wafer.pdf>",
        "- [Video](<https://video.example.org/wafer>)",
    ] {
        assert!(first.lines().any(|l| l == line), "{line:?} not in\n{first}");
    }
    assert!(first.contains("\n\nA second paragraph.\n"), "{first}");
    assert!(
        md.contains("\n## Whenever: wafer yields, sparse ones\n"),
        "{md}"
    );
    assert_eq!(md.matches("\n## ").count() + 1, 2);
}

#[test]
fn json_holds_every_field_in_the_programs_zone() {
    let out = stdout(&show(&["wafer", "--format", "json"]));
    let talks: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let talks = talks.as_array().expect("an array");
    assert_eq!(talks.len(), 2);
    let t = &talks[0];
    assert_eq!(t["id"], "wse");
    assert_eq!(t["title"], "Wafer Scale Engines");
    assert_eq!(t["subtitle"], "One chip, the size of a plate");
    assert_eq!(t["speakers"][0]["name"], "Ada Lovelace");
    assert_eq!(t["speakers"][0]["affiliation"], "Analytical Engines");
    assert_eq!(t["speakers"][1]["name"], "Charles Babbage");
    assert!(t["speakers"][1]["affiliation"].is_null());
    assert_eq!(t["day"], "2021-02-06");
    assert_eq!(t["start"], "2021-02-06T09:00:00+01:00");
    assert_eq!(t["end"], "2021-02-06T09:45:00+01:00");
    assert_eq!(t["room"], "Janson");
    assert_eq!(t["track"], "Hardware");
    assert_eq!(t["slides"], "https://slides.example.org/wafer.pdf");
    assert_eq!(t["links"][0]["label"], "Video");
    assert_eq!(t["links"][0]["url"], "https://video.example.org/wafer");
    assert!(
        t["abstract"]
            .as_str()
            .unwrap()
            .ends_with("A second paragraph.")
    );
    let untimed = &talks[1];
    assert_eq!(untimed["id"], "untimed");
    assert!(untimed["start"].is_null() && untimed["day"].is_null());
}

#[test]
fn text_wraps_to_the_width() {
    for width in [30, 50] {
        let text = stdout(&show(&["wafer", "--width", &width.to_string()]));
        let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            longest <= width,
            "a line of {longest} at width {width}:\n{text}"
        );
        // The abstract's first paragraph (99 characters) needed several lines.
        assert!(
            longest > width - 12,
            "lines far shorter than {width}:\n{text}"
        );
        assert!(text.contains("\nAlpha bravo"), "{text}");
    }
    // Not a terminal and no --width: 80 columns, so the abstract's first line is longer.
    let text = stdout(&show(&["wafer"]));
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!((70..=80).contains(&longest), "{longest}:\n{text}");
}

#[test]
fn without_a_program_the_one_in_the_folder_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("program.toml"), PROGRAM).expect("write");
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["show", "sparse", "--format", "json"])
        .output()
        .expect("run lectern");
    let talks: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(talks[0]["id"], "sparse");
    assert_eq!(talks.as_array().map(Vec::len), Some(1));
}
