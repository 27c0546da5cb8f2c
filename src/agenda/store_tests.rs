//! The picks file: its name, its text, merging two processes' saves, and damaged files.

use std::path::Path;

use super::*;
use crate::program::{Program, ProgramInfo};

fn program(title: &str, talks: usize) -> Program {
    Program {
        info: ProgramInfo {
            title: title.to_owned(),
            id: Some(format!("{}-id", crate::program::slug(title))),
            ..ProgramInfo::default()
        },
        ..Program::sample(talks)
    }
}

fn open(dir: &Path, program: &Program) -> Opened {
    Store::open(dir, program).expect("the store opens")
}

fn star(picks: &mut Picks, program: &Program, i: usize, mark: Option<Mark>) {
    picks.set(&program.talks[i], mark);
}

fn ids(picks: &Picks) -> Vec<(String, Mark)> {
    picks
        .iter()
        .map(|(id, p)| (id.to_owned(), p.mark))
        .collect()
}

#[test]
fn file_names_come_from_the_key_never_its_path_components() {
    // The hashes are the first 12 hex digits of the key's SHA-256, computed elsewhere.
    let cases = [
        ("FOSDEM 2021", "fosdem-2021-e4a28eda0ce6"),
        (
            "https://fosdem.org/2021/",
            "https-fosdem-org-2021-444012b796c0",
        ),
        ("", "program-e3b0c44298fc"),
    ];
    for (key, want) in cases {
        assert_eq!(file_stem(key), want, "{key:?}");
    }
    for key in [
        "../../etc/passwd",
        "/absolute/path",
        "東京",
        "a\u{0}b",
        ".hidden",
        &"x".repeat(500),
    ] {
        let stem = file_stem(key);
        assert!(
            stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{stem}"
        );
        assert!(!stem.starts_with('-') && stem.len() <= 40 + 13, "{stem}");
    }
    assert_ne!(file_stem("Conf 2024"), file_stem("conf-2024"));
}

#[test]
fn picks_round_trip_through_a_readable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut program = program("Lectern Conf 2021", 3);
    let tz = crate::program::schedule::time_zone("Europe/Brussels").expect("zone");
    program.info.timezone = Some(tz.clone());
    program.talks[1].start =
        Some(crate::program::schedule::date_time("2021-02-06T10:00", Some(&tz)).expect("time"));
    program.talks[1].room = Some("H.2215 \"big\"".to_owned());
    let Opened {
        mut store, picks, ..
    } = open(dir.path(), &program);
    assert!(picks.is_empty());
    assert!(!store.path().exists(), "nothing is written before a pick");
    let mut ours = picks;
    star(&mut ours, &program, 1, Some(Mark::Star));
    star(&mut ours, &program, 2, Some(Mark::Maybe));
    assert_eq!(store.save(&ours).expect("saved"), ours);
    let text = std::fs::read_to_string(store.path()).expect("written");
    assert!(text.contains("program = \"Lectern Conf 2021\""), "{text}");
    assert!(
        text.contains(
            "[talks.talk-1]\npick = \"star\"\ntitle = \"Talk number 1\"\nstart = \"2021-02-06T10:00:00+01:00\"\nroom = 'H.2215 \"big\"'\n"
        ),
        "{text}"
    );
    assert!(text.contains("[talks.talk-2]\npick = \"maybe\""), "{text}");
    let again = open(dir.path(), &program);
    assert!(again.problem.is_none());
    assert_eq!(again.picks, ours);
}

#[test]
fn two_processes_keep_each_others_picks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = program("Shared", 5);
    let (mut a, mut b) = (open(dir.path(), &program), open(dir.path(), &program));
    // A stars talk 0, then B, who has not seen it, stars talk 1.
    star(&mut a.picks, &program, 0, Some(Mark::Star));
    a.picks = a.store.save(&a.picks).expect("a saves");
    star(&mut b.picks, &program, 1, Some(Mark::Star));
    b.picks = b.store.save(&b.picks).expect("b saves");
    let both = vec![
        ("talk-0".to_owned(), Mark::Star),
        ("talk-1".to_owned(), Mark::Star),
    ];
    assert_eq!(ids(&b.picks), both);
    // A unstars talk 0 and makes talk 2 a maybe; it has not seen B's star on talk 1.
    star(&mut a.picks, &program, 0, None);
    star(&mut a.picks, &program, 2, Some(Mark::Maybe));
    a.picks = a.store.save(&a.picks).expect("a saves");
    // B changes talk 3: A's unstar stays, A's maybe is kept.
    star(&mut b.picks, &program, 3, Some(Mark::Star));
    b.picks = b.store.save(&b.picks).expect("b saves");
    let want = vec![
        ("talk-1".to_owned(), Mark::Star),
        ("talk-2".to_owned(), Mark::Maybe),
        ("talk-3".to_owned(), Mark::Star),
    ];
    assert_eq!(ids(&b.picks), want);
    assert_eq!(ids(&open(dir.path(), &program).picks), want);
    // A save without a change of ours writes nothing but brings in the file's picks.
    let before = std::fs::metadata(b.store.path())
        .expect("file")
        .modified()
        .ok();
    assert_eq!(ids(&a.store.save(&a.picks).expect("a refreshes")), want);
    let after = std::fs::metadata(b.store.path())
        .expect("file")
        .modified()
        .ok();
    assert_eq!(before, after);
}

/// (file text, the start of the message: line and column, what is wrong)
const DAMAGED: &[(&str, &str)] = &[
    (
        "program = \"X\"\n[talks.a]\npick = \"star\"\ntitle = \"unterminated\n",
        ":4:22: error: invalid picks file: invalid basic string",
    ),
    (
        "program = \"X\"\n\n[talks.a]\npick = \"stra\"\ntitle = \"A\"\n",
        ":4:8: error: unknown pick \"stra\"",
    ),
    (
        "[talks.a]\npick = \"star\"\nstart = \"Saturday at ten\"\n",
        ":3:9: error: invalid start \"Saturday at ten\"",
    ),
    (
        "[talks.a]\ntitle = \"no pick\"\n",
        ":1:1: error: invalid picks file: missing field `pick`",
    ),
    ("talks = 3\n", ":1:9: error: invalid picks file:"),
];

#[test]
fn a_damaged_file_is_reported_backed_up_and_left_until_a_pick_changes() {
    let program = program("Damaged", 3);
    for &(text, want) in DAMAGED {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir
            .path()
            .join(format!("{}.toml", file_stem(program.key())));
        std::fs::write(&path, text).expect("write");
        let Opened {
            mut store,
            picks,
            problem,
        } = open(dir.path(), &program);
        let message = problem.expect("a problem").to_string();
        let name = path.display().to_string();
        assert!(message.starts_with(&format!("{name}{want}")), "{message}");
        assert!(message.contains("a copy is kept in"), "{message}");
        assert!(picks.is_empty());
        let backup = path.with_extension("toml.bak");
        assert_eq!(std::fs::read_to_string(&backup).expect("backup"), text);
        // Saving without a change leaves the file alone.
        store.save(&picks).expect("no change to save");
        assert_eq!(std::fs::read_to_string(&path).expect("file"), text);
        // A pick replaces it; the backup still has what could not be read.
        let mut ours = picks;
        star(&mut ours, &program, 0, Some(Mark::Star));
        store.save(&ours).expect("saved");
        let again = open(dir.path(), &program);
        assert!(again.problem.is_none(), "{text}");
        assert_eq!(again.picks, ours);
        assert_eq!(std::fs::read_to_string(&backup).expect("backup"), text);
    }
}

#[test]
fn invalid_utf8_is_located() {
    let err = parse(b"[talks.a]\npick = \"st\xE9r\"\n").expect_err("invalid");
    let rendered = err.render("p.toml");
    assert!(
        rendered.starts_with("p.toml:2:11: error: invalid UTF-8 at byte 20"),
        "{rendered}"
    );
}

#[test]
fn text_from_the_file_is_sanitized() {
    let picks = parse(b"[talks.a]\npick = \"maybe\"\ntitle = \"\\u001b[2Jboom\"\nroom = \"\"\n")
        .expect("valid");
    let picked = picks.get("a").expect("picked");
    assert_eq!(picked.mark, Mark::Maybe);
    assert!(!picked.title.contains('\u{1b}'), "{:?}", picked.title);
    assert_eq!(picked.room, None);
}

#[test]
fn a_pick_for_a_talk_not_in_the_program_is_kept_across_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v1 = program("Versions", 3);
    let mut first = open(dir.path(), &v1);
    star(&mut first.picks, &v1, 2, Some(Mark::Star));
    first.store.save(&first.picks).expect("saved");
    // The next version has lost talk 2; the user stars talk 0.
    let v2 = program("Versions", 2);
    let mut second = open(dir.path(), &v2);
    star(&mut second.picks, &v2, 0, Some(Mark::Star));
    let saved = second.store.save(&second.picks).expect("saved");
    assert_eq!(
        ids(&saved),
        [
            ("talk-0".to_owned(), Mark::Star),
            ("talk-2".to_owned(), Mark::Star)
        ]
    );
}

#[test]
fn a_folder_in_place_of_the_file_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = program("Odd", 1);
    let path = dir
        .path()
        .join(format!("{}.toml", file_stem(program.key())));
    std::fs::create_dir(&path).expect("mkdir");
    let err = Store::open(dir.path(), &program).expect_err("not a file");
    assert!(
        err.to_string()
            .ends_with("cannot read your picks: not a regular file; expected a picks file"),
        "{err}"
    );
}
