//! The sections a file is cut into, and the proof that cutting changes nothing: every file
//! here (written or generated) is checked in sections and whole, and the two must agree on the
//! program, every diagnostic and the error count.

use std::fmt::Write as _;

use proptest::prelude::*;

use super::super::checker::Checker;
use super::super::schema::{Parse, check_in};
use super::*;

/// The text of each talk section of `src`; `None` when the file is not cut.
fn cut(src: &str) -> Option<Vec<&str>> {
    talk_sections(src).map(|sections| sections.into_iter().map(|r| &src[r]).collect())
}

/// Whether `src` is checked in sections (rather than falling back to whole).
fn checked_in_sections(src: &str) -> bool {
    talk_sections(src)
        .filter(|s| !s.is_empty())
        .is_some_and(|sections| Checker::new(src).sections(&sections).is_ok())
}

/// Checks `src` both ways and asserts they agree.
fn assert_same(src: &str) {
    let sections = check_in(src, Parse::Sections);
    let whole = check_in(src, Parse::Whole);
    assert_eq!(
        sections, whole,
        "checked in sections and whole differ on:\n{src}"
    );
}

#[test]
fn sections_start_at_talk_headers_and_keep_their_sub_tables() {
    let src = "[program]\ntitle = \"W\"\n\
               [[talks]]\ntitle = \"A\"\n[[talks.speakers]]\nname = \"S\"\n[talks.x]\n\
               [[ talks ]] # spaced\ntitle = \"B\"\n\
               [other]\nk = 1\n\
               [[talks]]\ntitle = \"C\"";
    assert_eq!(
        cut(src),
        Some(vec![
            "[[talks]]\ntitle = \"A\"\n[[talks.speakers]]\nname = \"S\"\n[talks.x]\n",
            "[[ talks ]] # spaced\ntitle = \"B\"\n",
            "[[talks]]\ntitle = \"C\"",
        ])
    );
}

#[test]
fn headers_in_strings_comments_and_arrays_do_not_cut() {
    let cases = [
        "[[talks]]\nabstract = \"\"\"\n[program]\n[[talks]]\n\"\"\"\n",
        "[[talks]]\nabstract = '''\n[program]\n[[talks]]\n'''\n",
        "[[talks]]\n# [[talks]]\n  # [program]\ntags = [\n[\"a\"],\n]\n",
        "[[talks]]\nlinks = [\n{ url = \"u\" },\n[[1]],\n]\n",
        "[[talks]]\nspeakers = [{\nname = \"a\",\n}]\n",
        "[[talks]]\nabstract = \"\"\"\n\\\"\"\"\n[[talks]]\n\"\"\"\n",
        "[[talks]]\nabstract = \"a \\\" [\"\ntags = [ # [\n\"b\"]\n",
        "[[talks]]\nbio = 'x\\'\n",
    ];
    for src in cases {
        assert_eq!(cut(src), Some(vec![src]), "{src}");
    }
    // A multi-line string may end with extra quotes; the next line is a header again.
    let src = "[[talks]]\nabstract = \"\"\"x\"\"\"\"\"\n[[talks]]\nbio = '''y''''\n[[talks]]\n";
    assert_eq!(cut(src).map(|s| s.len()), Some(3), "{src}");
}

#[test]
fn headers_the_sections_cannot_follow_check_the_file_whole() {
    let cases = [
        // A sub-table of the last talk after another table.
        "[[talks]]\ntitle = \"A\"\n[program]\ntitle = \"W\"\n[talks.speakers]\n",
        // Quoted keys that are, or may be, `talks`.
        "[program]\ntitle = \"W\"\n[[\"talks\"]]\ntitle = \"A\"\n",
        "[program]\ntitle = \"W\"\n[['talks'.x]]\n",
        "[program]\ntitle = \"W\"\n[[\"t\\u0061lks\"]]\ntitle = \"A\"\n",
    ];
    for src in cases {
        assert_eq!(cut(src), None, "{src}");
        assert_same(src);
    }
    // `[talks]`, `["other"]` are other tables: cut, then the rest is found to define `talks`.
    assert_eq!(
        cut("[[talks]]\n[talks]\n[\"other\"]\n"),
        Some(vec!["[[talks]]\n"])
    );
}

/// Files whose sections must agree with the whole: each is named, and says whether it is
/// expected to be checked in sections (or to fall back to whole, where the whole decides).
const TRICKY: &[(&str, bool, &str)] = &[
    (
        "the program after the talks, with a zone for local times",
        true,
        "[[talks]]\ntitle = \"A\"\nstart = 2024-05-01T10:00:00\nduration = 30\n\
         [program]\ntitle = \"W\"\ntimezone = \"Europe/Paris\"\n\
         [[talks]]\ntitle = \"B\"\nstart = \"2024-05-01 11:00\"\nend = \"2024-05-01 10:00\"\n",
    ),
    (
        "speakers as sub-tables and dotted keys",
        true,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\nspeakers.name = \"x\"\n\
         [[talks]]\ntitle = \"B\"\n[[talks.speakers]]\nname = \"S\"\nbio = \"b\"\n\
         [[talks.speakers]]\naffiliation = \"no name\"\n[talks.extra]\nk = 1\n",
    ),
    (
        "unknown keys, wrong types, duplicate and derived ids",
        true,
        "[program]\ntitle = \"W\"\nzz = 1\n[[talks]]\ntitle = 5\nid = \"x\"\n\
         [[talks]]\ntitle = \"Same\"\nid = \"x\"\ntitel = \"t\"\n[[talks]]\ntitle = \"Same\"\n\
         [[talks]]\ntitle = \"Same\"\n[top]\nq = 2\n",
    ),
    (
        "a quote of a value from a talk deep in the file",
        true,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\n[[talks]]\n\
         title = \"B\"\nslides = \"../../etc/passwd\"\nlinks = [{ url = \"ftp://x\" }]\n",
    ),
    (
        "a byte order mark, CR LF and a file that starts with a talk",
        true,
        "\u{feff}[[talks]]\r\ntitle = \"A\"\r\n[program]\r\ntitle = \"W\"\r\n",
    ),
    (
        "talks and speakers without their required fields, and an empty talk last",
        true,
        "[program]\ntitle = \"W\"\n[[talks]]\nid = \"x\"\n[[talks]]\ntitle = \"A\"\n\
         [[talks.speakers]]\nbio = \"b\"\n[[talks]]",
    ),
    ("a missing program", true, "[[talks]]\ntitle = \"A\"\n"),
    (
        "a missing program, the rest after a talk",
        true,
        "[[talks]]\ntitle = \"A\"\n[other]\nk = 1\n[[talks]]\ntitle = \"B\"\n[more]\n",
    ),
    (
        "talks defined at the top and by headers",
        false,
        "talks = []\n[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\n",
    ),
    (
        "a `[talks]` table after the talks",
        false,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\n[talks]\nx = 1\n",
    ),
    (
        "the program defined twice around the talks",
        false,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\n[program]\ntitle = \"V\"\n",
    ),
    (
        "a syntax error in a talk",
        false,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\n[[talks]]\ntitle = = 1\n",
    ),
    (
        "a duplicate key in a talk",
        false,
        "[program]\ntitle = \"W\"\n[[talks]]\ntitle = \"A\"\ntitle = \"B\"\n",
    ),
    (
        "an array left open over a header",
        false,
        "[program]\ntitle = \"W\"\nx = [1,\n[[talks]]\ntitle = \"A\"\n",
    ),
    (
        "too many closing brackets before a header",
        false,
        "[program]\ntitle = \"W\"\nx = 1]]\n[[talks]]\ntitle = \"A\"\n",
    ),
];

#[test]
fn tricky_files_agree_with_the_whole() {
    for &(name, split, src) in TRICKY {
        assert_eq!(checked_in_sections(src), split, "{name}");
        assert_same(src);
    }
}

#[test]
fn past_the_diagnostics_cap_the_same_ones_are_kept() {
    let mut src = String::from("[program]\ntitle = \"W\"\n");
    for i in 0..600 {
        write!(src, "[[talks]]\ntitle = {i}\nzz{i} = 1\n").expect("writes to a string");
    }
    assert!(checked_in_sections(&src));
    assert_eq!(check_in(&src, Parse::Sections).errors, 600);
    assert_same(&src);
}

/// Lines a generated file is made of: headers of every kind, fields good and bad, strings and
/// arrays that span lines, comments, and broken lines.
const LINES: &[&str] = &[
    "[program]",
    "title = \"W\"",
    "timezone = \"Europe/Berlin\"",
    "[[talks]]",
    "[[ talks ]]",
    "[[talks.speakers]]",
    "[talks.links]",
    "[talks]",
    "[other]",
    "[talks.x]",
    "[\"talks\"]",
    "title = \"Talk\"",
    "title = 3",
    "id = \"a\"",
    "id = \"b c\"",
    "name = \"N\"",
    "start = 2024-05-01T10:00:00",
    "duration = \"45m\"",
    "end = \"2024-05-01 09:00\"",
    "speakers.name = \"S\"",
    "talks = []",
    "program.title = \"P\"",
    "zz = 1",
    "abstract = \"\"\"",
    "\"\"\"",
    "bio = '''",
    "'''",
    "tags = [",
    "]",
    "links = [{ url = \"https://e.org\" },",
    "{",
    "}",
    "# [[talks]]",
    "",
    "x = = 1",
    "title = \"T\" ]",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_agree_with_the_whole(
        lines in proptest::collection::vec(proptest::sample::select(LINES), 0..40),
        crlf in any::<bool>(),
    ) {
        let src = lines.join(if crlf { "\r\n" } else { "\n" });
        let sections = check_in(&src, Parse::Sections);
        let whole = check_in(&src, Parse::Whole);
        prop_assert_eq!(sections, whole, "on:\n{}", src);
    }
}

/// One generated talk: a `[[talks]]` table with the fields chosen by `fields` (one bit each),
/// then `speakers` `[[talks.speakers]]` sub-tables and maybe another table after it.
fn talk(title: usize, id: usize, fields: u16, speakers: usize, other: bool) -> String {
    const TITLES: &[&str] = &["\"Talk\"", "\"Same\"", "3", "\"\"", "\" \\u0007 \""];
    const IDS: &[&str] = &["", "id = \"a\"\n", "id = \"b\"\n", "id = \"b c\"\n"];
    const FIELDS: &[&str] = &[
        "start = 2024-05-01T10:00:00\n",
        "duration = \"45m\"\n",
        "end = \"2024-05-01 09:00\"\n",
        "tags = [\n  \"a\",\n  [\"nested\"],\n]\n",
        "links = [{ url = \"https://e.org\" }, { url = \"ftp://x\" }]\n",
        "abstract = \"\"\"\n[program]\n[[talks]]\n\"\"\"\n",
        "bio = '''\n[[talks]]\n'''\n",
        "# [[talks]]\n",
        "titel = \"typo\"\n",
        "slides = \"../x.pdf\"\n",
        "room = { name = \"R\" }\n",
    ];
    let mut text = format!("[[talks]]\ntitle = {}\n{}", TITLES[title], IDS[id]);
    for (i, field) in FIELDS.iter().enumerate() {
        if fields & (1 << i) != 0 {
            text.push_str(field);
        }
    }
    for s in 0..speakers {
        write!(text, "[[talks.speakers]]\nname = \"S{s}\"\n").expect("writes to a string");
        if s == 1 {
            text.push_str("[talks.speakers.x]\nk = 1\n");
        }
    }
    if other {
        text.push_str("[other]\nk = 1\n");
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Well-formed files, good and bad programs: always checked in sections, and the same.
    #[test]
    fn generated_programs_are_checked_in_sections_the_same(
        talks in proptest::collection::vec(
            (0..5usize, 0..4usize, any::<u16>(), 0..3usize, proptest::bool::weighted(0.1)),
            1..12,
        ),
        program_at in 0..12usize,
        zone in any::<bool>(),
    ) {
        let mut src = String::new();
        // `[other]` may appear once only: later ones are dropped.
        let mut other_seen = false;
        for (i, &(title, id, fields, speakers, other)) in talks.iter().enumerate() {
            if i == program_at {
                src.push_str("[program]\ntitle = \"W\"\n");
                if zone {
                    src.push_str("timezone = \"Europe/Berlin\"\n");
                }
            }
            src.push_str(&talk(title, id, fields, speakers, other && !other_seen));
            other_seen |= other;
        }
        prop_assert!(checked_in_sections(&src), "not checked in sections:\n{}", src);
        let sections = check_in(&src, Parse::Sections);
        let whole = check_in(&src, Parse::Whole);
        prop_assert_eq!(sections, whole, "on:\n{}", src);
    }
}
