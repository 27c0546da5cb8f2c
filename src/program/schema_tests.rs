//! The program file's schema, case by case: every diagnostic is checked for its severity, line,
//! column, message and help text.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::suggest;
use crate::program::{
    BUILT_IN, Diagnostic, LoadError, Origin, Program, Severity, Speaker, parse_str,
};

/// A diagnostic reduced to what the user reads: severity, line, column, message, help.
type Seen = (Severity, usize, usize, String, String);

/// An expected diagnostic, written as a table row.
type Want = (Severity, usize, usize, &'static str, &'static str);

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const SYNTAX: &str = "expected TOML syntax (https://toml.io)";

fn origin() -> Origin {
    Origin::File(PathBuf::from("p.toml"))
}

fn seen(d: &Diagnostic) -> Seen {
    let location = d.location.expect("every schema diagnostic has a location");
    (
        d.severity,
        location.line,
        location.column,
        d.message.clone(),
        d.help.clone().unwrap_or_default(),
    )
}

fn owned(want: &[Want]) -> Vec<Seen> {
    want.iter()
        .map(|&(s, line, column, message, help)| (s, line, column, message.into(), help.into()))
        .collect()
}

/// Loads `src`; the program (if it loaded) and all diagnostics, in the order reported.
fn load(src: &str) -> (Option<Program>, Vec<Seen>) {
    match parse_str(src, origin()) {
        Ok((program, warnings)) => (Some(program), warnings.iter().map(seen).collect()),
        Err(err) => (None, err.diagnostics().iter().map(seen).collect()),
    }
}

/// Loads `src`, which must load; its warnings.
fn load_ok(src: &str) -> (Program, Vec<Seen>) {
    match load(src) {
        (Some(program), warnings) => (program, warnings),
        (None, diagnostics) => panic!("expected the program to load, got {diagnostics:#?}"),
    }
}

type Case = (&'static str, &'static str, &'static [Want]);

/// Each file is refused with exactly these diagnostics, in this order.
fn assert_refused(cases: &[Case]) {
    for &(name, src, want) in cases {
        let (program, diagnostics) = load(src);
        assert!(program.is_none(), "{name}: expected the file to be refused");
        assert_eq!(diagnostics, owned(want), "{name}");
    }
}

/// Each file loads with exactly these warnings, in this order.
fn assert_loads_with(cases: &[Case]) {
    for &(name, src, want) in cases {
        let (_, warnings) = load_ok(src);
        assert_eq!(warnings, owned(want), "{name}");
    }
}

/// Required tables and fields that are missing, or empty once sanitized.
const MISSING_OR_EMPTY_REQUIRED_FIELDS: &[Case] = &[
    (
        "missing [program]",
        concat!("[[talks]]\n", "title = \"T\"\n"),
        &[(
            E,
            1,
            1,
            "missing the `[program]` table",
            "expected a `[program]` table with at least `title = \"...\"`",
        )],
    ),
    (
        "missing program title",
        concat!(
            "[program]\n",
            "venue = \"Hall A\"\n",
            "\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            1,
            1,
            "`[program]` has no `title`",
            "expected `title = \"...\"` in `[program]`",
        )],
    ),
    (
        "program title of spaces",
        concat!(
            "[program]\n",
            "title = \"   \"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            2,
            9,
            "empty `title` \"   \" in `[program]`",
            "expected a non-empty title",
        )],
    ),
    (
        "program title of one zero-width space",
        concat!(
            "[program]\n",
            "title = \"\u{200b}\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            2,
            9,
            "empty `title` \"\u{200b}\" in `[program]`",
            "expected a non-empty title",
        )],
    ),
    (
        "program title of an escaped bidi override",
        concat!(
            "[program]\n",
            "title = \"\\u202E\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            2,
            9,
            "empty `title` \"\\u202E\" in `[program]`",
            "expected a non-empty title",
        )],
    ),
    (
        "empty talk title",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"\"\n",
        ),
        &[(
            E,
            4,
            9,
            "empty `title` \"\" in talk #1",
            "expected a non-empty title",
        )],
    ),
    (
        "missing talk title",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "id = \"a\"\n",
        ),
        &[(
            E,
            3,
            1,
            "talk #1 has no `title`",
            "expected `title = \"...\"` in talk #1",
        )],
    ),
    (
        "missing speaker name",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "[[talks.speakers]]\n",
            "affiliation = \"U\"\n",
        ),
        &[(
            E,
            5,
            1,
            "speaker #1 of talk #1 has no `name`",
            "expected `name = \"...\"` in speaker #1 of talk #1",
        )],
    ),
    (
        "speaker name of spaces and a tab, in the second talk",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "[[talks]]\n",
            "title = \"U\"\n",
            "[[talks.speakers]]\n",
            "name = \"Ada\"\n",
            "[[talks.speakers]]\n",
            "name = \" \\t \"\n",
        ),
        &[(
            E,
            10,
            8,
            "empty `name` \" \\t \" in speaker #2 of talk #2",
            "expected a non-empty name",
        )],
    ),
    (
        "misspelt program title: an error and a suggestion",
        concat!(
            "[program]\n",
            "titel = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[
            (
                E,
                1,
                1,
                "`[program]` has no `title`",
                "expected `title = \"...\"` in `[program]`",
            ),
            (
                W,
                2,
                1,
                "unknown key `titel` in `[program]`",
                "did you mean `title`? (this key is ignored)",
            ),
        ],
    ),
];

#[test]
fn missing_or_empty_required_fields() {
    assert_refused(MISSING_OR_EMPTY_REQUIRED_FIELDS);
}

/// Values of the wrong type: the message names the type found and quotes the value.
const WRONG_TYPES: &[Case] = &[
    (
        "program title is an integer",
        concat!(
            "[program]\n",
            "title = 42\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            2,
            9,
            "`title` is an integer (42), not a string",
            "expected a string",
        )],
    ),
    (
        "talk title is a boolean",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = true\n",
        ),
        &[(
            E,
            4,
            9,
            "`title` is a boolean (true), not a string",
            "expected a string",
        )],
    ),
    (
        "tags is a string",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "tags = \"x\"\n",
        ),
        &[(
            E,
            5,
            8,
            "`tags` is a string (\"x\"), not an array of strings: `tags = [\"a\", \"b\"]`",
            "expected an array of strings: `tags = [\"a\", \"b\"]`",
        )],
    ),
    (
        "a tag is an integer",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "tags = [\"ok\", 1]\n",
        ),
        &[(
            E,
            5,
            15,
            "a tag is an integer (1), not a string",
            "expected a string",
        )],
    ),
    (
        "speakers is a string",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "speakers = \"x\"\n",
        ),
        &[(
            E,
            5,
            12,
            "`speakers` is a string (\"x\"), not an array of tables: `[[talks.speakers]]`",
            "expected an array of tables: `[[talks.speakers]]`",
        )],
    ),
    (
        "talks is an integer",
        concat!("talks = 3\n", "[program]\n", "title = \"W\"\n"),
        &[(
            E,
            1,
            9,
            "`talks` is an integer (3), not an array of tables: `[[talks]]`",
            "expected an array of tables: `[[talks]]`",
        )],
    ),
    (
        "a talk is an integer",
        concat!("talks = [1]\n", "[program]\n", "title = \"W\"\n"),
        &[(
            E,
            1,
            10,
            "talk #1 is an integer (1), not a table",
            "expected a table",
        )],
    ),
    (
        "[program] is a string",
        "program = \"x\"\n",
        &[
            (
                W,
                1,
                1,
                "the program has no talks",
                "expected one or more `[[talks]]` tables",
            ),
            (
                E,
                1,
                11,
                "`program` is a string (\"x\"), not a table",
                "expected a table",
            ),
        ],
    ),
    (
        "id is an integer",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "id = 7\n",
        ),
        &[(
            E,
            5,
            6,
            "`id` is an integer (7), not a string",
            "expected a string",
        )],
    ),
];

#[test]
fn wrong_types() {
    assert_refused(WRONG_TYPES);
}

/// Explicit ids must be unique and made of safe characters.
const BAD_IDS: &[Case] = &[
    (
        "duplicate explicit ids",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "id = \"a\"\n",
            "title = \"A\"\n",
            "[[talks]]\n",
            "id = \"a\"\n",
            "title = \"B\"\n",
        ),
        &[(
            E,
            7,
            6,
            "duplicate talk id \"a\" (first used at line 4, column 6)",
            "expected each talk id to be unique",
        )],
    ),
    (
        "an id used three times",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"A\"\n",
            "id = \"x\"\n",
            "[[talks]]\n",
            "title = \"B\"\n",
            "id = \"y\"\n",
            "[[talks]]\n",
            "title = \"C\"\n",
            "id  =  \"x\"\n",
            "[[talks]]\n",
            "title = \"D\"\n",
            "id = \"x\"\n",
        ),
        &[
            (
                E,
                11,
                8,
                "duplicate talk id \"x\" (first used at line 5, column 6)",
                "expected each talk id to be unique",
            ),
            (
                E,
                14,
                6,
                "duplicate talk id \"x\" (first used at line 5, column 6)",
                "expected each talk id to be unique",
            ),
        ],
    ),
    (
        "id with a space",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "id = \"a b\"\n",
            "title = \"T\"\n",
        ),
        &[(
            E,
            4,
            6,
            "invalid id \"a b\"",
            "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
        )],
    ),
    (
        "id with a non-ASCII letter",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "id = \"café\"\n",
        ),
        &[(
            E,
            5,
            6,
            "invalid id \"café\"",
            "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
        )],
    ),
    (
        "id with a slash",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "id = \"../etc\"\n",
        ),
        &[(
            E,
            5,
            6,
            "invalid id \"../etc\"",
            "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
        )],
    ),
    (
        "empty id",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "id = \"\"\n",
        ),
        &[(
            E,
            5,
            6,
            "invalid id \"\"",
            "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
        )],
    ),
];

#[test]
fn bad_ids() {
    assert_refused(BAD_IDS);
}

/// Syntax errors come from the TOML parser, with its position and its wording.
const INVALID_TOML_SYNTAX: &[Case] = &[
    (
        "unterminated string: the parser points where the quote is missing",
        concat!("[program]\n", "title = \"W\n"),
        &[(
            E,
            2,
            11,
            "invalid TOML: invalid basic string, expected `\"`",
            SYNTAX,
        )],
    ),
    (
        "missing value",
        concat!("[program]\n", "title = \n", "[[talks]]\n"),
        &[(
            E,
            2,
            9,
            "invalid TOML: string values must be quoted, expected literal string",
            SYNTAX,
        )],
    ),
    (
        "unclosed table header",
        concat!("[program\n", "title = \"W\"\n"),
        &[(
            E,
            1,
            9,
            "invalid TOML: unclosed table, expected `]`",
            SYNTAX,
        )],
    ),
    (
        "the same key twice",
        concat!("[program]\n", "title = \"W\"\n", "title = \"V\"\n"),
        &[(E, 3, 1, "invalid TOML: duplicate key", SYNTAX)],
    ),
    (
        "a raw control character in a string",
        concat!("[program]\n", "title = \"\u{1b}[31mred\"\n"),
        &[(
            E,
            2,
            10,
            "invalid TOML: invalid basic string, \
                 expected non-double-quote visible characters, `\\`",
            SYNTAX,
        )],
    ),
    (
        "two problems on one line, both reported",
        concat!("[program]\n", "\u{1b}[2J = 1\n"),
        &[
            (
                E,
                2,
                1,
                "invalid TOML: invalid unquoted key, expected letters, numbers, `-`, `_`",
                SYNTAX,
            ),
            (
                E,
                2,
                2,
                "invalid TOML: key with no value, expected `=`",
                SYNTAX,
            ),
        ],
    ),
];

#[test]
fn invalid_toml_syntax() {
    assert_refused(INVALID_TOML_SYNTAX);
}

/// Misspelt keys are ignored with a warning that suggests the known key; the file loads.
const UNKNOWN_KEYS_WARN_WITH_A_SUGGESTION: &[Case] = &[
    (
        "misspelt abstract",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "abstarct = \"x\"\n",
        ),
        &[(
            W,
            5,
            1,
            "unknown key `abstarct` in talk #1",
            "did you mean `abstract`? (this key is ignored)",
        )],
    ),
    (
        "misspelt title next to the real one",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "titel = \"T2\"\n",
        ),
        &[(
            W,
            5,
            1,
            "unknown key `titel` in talk #1",
            "did you mean `title`? (this key is ignored)",
        )],
    ),
    (
        "capitalised key",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "Venue = \"Hall\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            W,
            3,
            1,
            "unknown key `Venue` in `[program]`",
            "did you mean `venue`? (this key is ignored)",
        )],
    ),
    (
        "speaker for speakers",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "[[talks.speaker]]\n",
            "name = \"Ada\"\n",
        ),
        &[(
            W,
            5,
            9,
            "unknown key `speaker` in talk #1",
            "did you mean `speakers`? (this key is ignored)",
        )],
    ),
];

#[test]
fn unknown_keys_warn_with_a_suggestion() {
    assert_loads_with(UNKNOWN_KEYS_WARN_WITH_A_SUGGESTION);
}

/// With no close match, the warning lists the keys that are known in that place.
const UNKNOWN_KEYS_WITHOUT_A_CLOSE_MATCH_LIST_THE_KNOWN_KEYS: &[Case] = &[
    (
        "no close match in a talk lists the known keys",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "colour = \"red\"\n",
        ),
        &[(
            W,
            5,
            1,
            "unknown key `colour` in talk #1",
            "known keys here: id, title, kind, abstract, slides, tags, speakers, subtitle, \
                 start, end, duration, room, track, language, links; this key is ignored",
        )],
    ),
    (
        "no close match in a speaker lists the known keys",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "[[talks.speakers]]\n",
            "name = \"Ada\"\n",
            "titel = \"Dr\"\n",
        ),
        &[(
            W,
            7,
            1,
            "unknown key `titel` in speaker #1 of talk #1",
            "known keys here: name, affiliation, bio; this key is ignored",
        )],
    ),
    (
        "no close match at the top level",
        concat!(
            "schedule = 1\n",
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
        ),
        &[(
            W,
            1,
            1,
            "unknown key `schedule` at the top level",
            "known keys here: program, talks; this key is ignored",
        )],
    ),
];

#[test]
fn unknown_keys_without_a_close_match_list_the_known_keys() {
    assert_loads_with(UNKNOWN_KEYS_WITHOUT_A_CLOSE_MATCH_LIST_THE_KNOWN_KEYS);
}

/// Slides that would never be opened are a warning, not an error.
const UNSAFE_SLIDES_WARN_AND_STILL_LOAD: &[Case] = &[
    (
        "javascript: slides",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "slides = \"javascript:alert(1)\"\n",
        ),
        &[(
            W,
            5,
            10,
            "slides \"javascript:alert(1)\" will not be opened: \
                 only http and https links are opened, not javascript:",
            "expected a path inside the program's folder or an http(s) URL",
        )],
    ),
    (
        "slides outside the program's folder",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "slides = \"../x.pdf\"\n",
        ),
        &[(
            W,
            5,
            10,
            "slides \"../x.pdf\" will not be opened: the path leaves the program's folder",
            "expected a path inside the program's folder or an http(s) URL",
        )],
    ),
    (
        "absolute slides path",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "slides = \"/etc/passwd\"\n",
        ),
        &[(
            W,
            5,
            10,
            "slides \"/etc/passwd\" will not be opened: \
                 an absolute path is outside the program's folder",
            "expected a path inside the program's folder or an http(s) URL",
        )],
    ),
    (
        "good slides give no warning",
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "slides = \"slides/t.pdf\"\n",
            "[[talks]]\n",
            "title = \"U\"\n",
            "slides = \"https://example.org/u.pdf\"\n",
        ),
        &[],
    ),
];

#[test]
fn unsafe_slides_warn_and_still_load() {
    assert_loads_with(UNSAFE_SLIDES_WARN_AND_STILL_LOAD);
}

/// A program with no talks loads, with a warning.
const AN_EMPTY_PROGRAM_WARNS: &[Case] = &[
    (
        "no talks at all",
        concat!("[program]\n", "title = \"W\"\n"),
        &[(
            W,
            1,
            1,
            "the program has no talks",
            "expected one or more `[[talks]]` tables",
        )],
    ),
    (
        "an empty talks array",
        concat!("talks = []\n", "[program]\n", "title = \"W\"\n"),
        &[(
            W,
            1,
            1,
            "the program has no talks",
            "expected one or more `[[talks]]` tables",
        )],
    ),
];

#[test]
fn an_empty_program_warns() {
    assert_loads_with(AN_EMPTY_PROGRAM_WARNS);
}

#[test]
fn ignored_and_refused_values_are_kept_as_written_or_dropped() {
    let (program, _) = load_ok(concat!(
        "[program]\n",
        "title = \"W\"\n",
        "[[talks]]\n",
        "title = \"T\"\n",
        "abstarct = \"typo\"\n",
        "slides = \"javascript:alert(1)\"\n",
        "[[talks.speaker]]\n",
        "name = \"Ada\"\n",
    ));
    let talk = &program.talks[0];
    assert_eq!(talk.abstract_text, None);
    assert_eq!(talk.speakers, Vec::<Speaker>::new());
    // Kept as written: the slides are refused again when opened, with the reason.
    assert_eq!(talk.slides.as_deref(), Some("javascript:alert(1)"));
}

#[test]
fn empty_program_loads_with_no_talks() {
    let (program, _) = load_ok(concat!("[program]\n", "title = \"W\"\n"));
    assert_eq!(program.info.title, "W");
    assert!(program.talks.is_empty());
}

/// A case of derived ids: its name, the talks as (id, title), the ids they end up with.
type IdCase = (
    &'static str,
    Vec<(Option<&'static str>, &'static str)>,
    Vec<&'static str>,
);

/// Talks without an id get one from their title: a slug, unique, never an explicit id.
#[test]
fn derived_ids() {
    let cases: Vec<IdCase> = vec![
        (
            "slug of the title",
            vec![(None, "LLM Training at Wafer-Scale!")],
            vec!["llm-training-at-wafer-scale"],
        ),
        (
            "explicit ids are kept",
            vec![(Some("Keynote_1.a:b"), "Anything")],
            vec!["Keynote_1.a:b"],
        ),
        (
            "two talks with the same title",
            vec![(None, "Panel"), (None, "Panel")],
            vec!["panel", "panel-2"],
        ),
        (
            "three talks with the same title",
            vec![(None, "Panel"), (None, "Panel"), (None, "Panel")],
            vec!["panel", "panel-2", "panel-3"],
        ),
        (
            "a later explicit id is not taken by an earlier derived one",
            vec![(None, "Intro"), (Some("intro"), "Other")],
            vec!["intro-2", "intro"],
        ),
        (
            "the numbered form of an explicit id is skipped too",
            vec![(None, "A"), (None, "A"), (Some("a-2"), "Z")],
            vec!["a", "a-3", "a-2"],
        ),
        (
            "a title that slugs to a taken numbered id",
            vec![(None, "X"), (None, "X"), (None, "X 2")],
            vec!["x", "x-2", "x-2-2"],
        ),
        (
            "a title with no ASCII letters or digits",
            vec![(None, "東京"), (None, "!!!")],
            vec!["talk-1", "talk-2"],
        ),
        (
            "a positional id already used explicitly",
            vec![(Some("talk-2"), "One"), (None, "京")],
            vec!["talk-2", "talk-2-2"],
        ),
    ];
    for (name, talks, want) in cases {
        let mut src = String::from("[program]\ntitle = \"W\"\n");
        for (id, title) in &talks {
            src.push_str("[[talks]]\n");
            if let Some(id) = id {
                writeln!(src, "id = \"{id}\"").expect("write to a string");
            }
            writeln!(src, "title = \"{title}\"").expect("write to a string");
        }
        let (program, warnings) = load_ok(&src);
        assert_eq!(warnings, vec![], "{name}");
        let ids: Vec<&str> = program.talks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, want, "{name}");
    }
}

/// Twenty thousand talks with one title get `panel`, `panel-2`, ... in order, skipping the ids
/// the file states; a quadratic search for the next free suffix would take minutes here.
#[test]
fn many_talks_with_one_title_get_numbered_ids() {
    const TALKS: usize = 20_000;
    let stated = |i: usize| i % 1000 == 999;
    let mut src = String::from("[program]\ntitle = \"W\"\n");
    for i in 0..TALKS {
        src.push_str("[[talks]]\ntitle = \"Panel\"\n");
        if stated(i) {
            // Stated ids that a derived one would otherwise take: panel-5, panel-10, ...
            writeln!(src, "id = \"panel-{}\"", (i + 1) / 200).expect("write to a string");
        }
    }
    let (program, warnings) = load_ok(&src);
    assert_eq!(warnings, vec![]);
    let mut want = Vec::new();
    let mut n = 1;
    for i in 0..TALKS {
        if stated(i) {
            want.push(format!("panel-{}", (i + 1) / 200));
            continue;
        }
        want.push(if n == 1 {
            "panel".to_owned()
        } else {
            format!("panel-{n}")
        });
        n += 1;
        while n % 5 == 0 && n / 5 <= TALKS / 1000 {
            n += 1;
        }
    }
    let ids: Vec<&str> = program.talks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), TALKS);
    for (i, (got, want)) in ids.iter().zip(&want).enumerate() {
        assert_eq!(got, want, "talk #{}", i + 1);
    }
}

/// Every problem is reported in one go, in file order, errors before warnings at one place.
#[test]
fn several_errors_are_reported_at_once_in_order() {
    let src = concat!(
        "[program]\n",          // 1
        "title = 42\n",         // 2
        "venu = \"Hall\"\n",    // 3
        "[[talks]]\n",          // 4
        "id = \"a b\"\n",       // 5
        "title = \"\"\n",       // 6
        "tags = \"x\"\n",       // 7
        "[[talks]]\n",          // 8
        "abstarct = \"x\"\n",   // 9
        "[[talks.speakers]]\n", // 10
        "bio = \"b\"\n",        // 11
    );
    let (program, diagnostics) = load(src);
    assert!(program.is_none());
    let want: Vec<Want> = vec![
        (
            E,
            2,
            9,
            "`title` is an integer (42), not a string",
            "expected a string",
        ),
        (
            W,
            3,
            1,
            "unknown key `venu` in `[program]`",
            "did you mean `venue`? (this key is ignored)",
        ),
        (
            E,
            5,
            6,
            "invalid id \"a b\"",
            "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
        ),
        (
            E,
            6,
            9,
            "empty `title` \"\" in talk #1",
            "expected a non-empty title",
        ),
        (
            E,
            7,
            8,
            "`tags` is a string (\"x\"), not an array of strings: `tags = [\"a\", \"b\"]`",
            "expected an array of strings: `tags = [\"a\", \"b\"]`",
        ),
        (
            E,
            8,
            1,
            "talk #2 has no `title`",
            "expected `title = \"...\"` in talk #2",
        ),
        (
            W,
            9,
            1,
            "unknown key `abstarct` in talk #2",
            "did you mean `abstract`? (this key is ignored)",
        ),
        (
            E,
            10,
            1,
            "speaker #1 of talk #2 has no `name`",
            "expected `name = \"...\"` in speaker #1 of talk #2",
        ),
    ];
    assert_eq!(diagnostics, owned(&want));

    let err = parse_str(src, origin()).expect_err("invalid");
    let text = err.to_string();
    assert!(
        text.ends_with("\np.toml: 6 errors found; the program was not loaded"),
        "{text}"
    );
    assert_eq!(text.matches(": error: ").count(), 6, "{text}");
    assert_eq!(text.matches(": warning: ").count(), 2, "{text}");
}

/// The whole report for one error, as the user reads it.
#[test]
fn load_error_renders_the_line_a_caret_and_the_help() {
    let src = concat!(
        "[program]\n",
        "title = \"W\"\n",
        "[[talks]]\n",
        "title = \"T\"\n",
        "tags = \"x\"\n",
    );
    let err = parse_str(src, origin()).expect_err("invalid");
    assert_eq!(
        err.to_string(),
        concat!(
            "p.toml:5:8: error: `tags` is a string (\"x\"), not an array of strings: ",
            "`tags = [\"a\", \"b\"]`\n",
            "  |\n",
            "5 | tags = \"x\"\n",
            "  |        ^\n",
            "  = expected an array of strings: `tags = [\"a\", \"b\"]`\n",
            "p.toml: 1 error found; the program was not loaded",
        )
    );
}

#[test]
fn warning_renders_with_its_suggestion() {
    let (_, warnings) = parse_str(
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "  abstarct = \"x\"\n",
        ),
        origin(),
    )
    .expect("loads");
    let rendered: Vec<String> = warnings.iter().map(|d| d.render("p.toml")).collect();
    assert_eq!(
        rendered,
        [concat!(
            "p.toml:5:3: warning: unknown key `abstarct` in talk #1\n",
            "  |\n",
            "5 |   abstarct = \"x\"\n",
            "  |   ^\n",
            "  = did you mean `abstract`? (this key is ignored)",
        )]
    );
}

/// A key name, a value or a path with ESC in it never puts an ESC byte in a report.
#[test]
fn hostile_text_never_reaches_the_report_as_escape_bytes() {
    let cases: Vec<(&str, &str, &str)> = vec![
        (
            "escaped ESC in a key, no [program]",
            "\"\\u001b[2J\" = 1\n",
            "unknown key `\u{241b}[2J` at the top level",
        ),
        (
            "escaped ESC in a key, in a talk that has no title",
            concat!(
                "[program]\n",
                "title = \"W\"\n",
                "[[talks]]\n",
                "\"x\\u001b]0;pwned\\u0007\" = 1\n",
            ),
            "unknown key `x\u{241b}]0;pwned\u{2407}` in talk #1",
        ),
        (
            "raw ESC in a string",
            concat!("[program]\n", "title = \"\u{1b}[31mred\"\n"),
            "title = \"\u{241b}[31mred\"",
        ),
        (
            "raw ESC as a bare key",
            concat!("[program]\n", "\u{1b}[2J = 1\n"),
            "\u{241b}[2J = 1",
        ),
    ];
    for (name, src, shown) in cases {
        let origin = Origin::File(PathBuf::from("evil\u{1b}[2J.toml"));
        let err = parse_str(src, origin).expect_err(name);
        let text = err.to_string();
        assert!(!text.contains('\u{1b}'), "{name}: {text:?}");
        assert!(!text.contains('\u{7}'), "{name}: {text:?}");
        assert!(text.contains(shown), "{name}: {shown:?} not in {text:?}");
        assert!(
            text.starts_with("evil\u{241b}[2J.toml:"),
            "{name}: {text:?}"
        );
        for d in err.diagnostics() {
            let rendered = d.render("evil\u{1b}.toml");
            assert!(!rendered.contains('\u{1b}'), "{name}: {rendered:?}");
        }
    }

    // A file that loads: the warning about the hostile key renders clean too.
    let (_, warnings) = parse_str(
        concat!(
            "[program]\n",
            "title = \"W\"\n",
            "[[talks]]\n",
            "title = \"T\"\n",
            "\"\\u001b[2J\" = 1\n",
        ),
        origin(),
    )
    .expect("loads");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].message, "unknown key `\u{1b}[2J` in talk #1");
    let rendered = warnings[0].render("p.toml");
    assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
    assert!(
        rendered.starts_with("p.toml:5:1: warning: unknown key `\u{241b}[2J` in talk #1\n"),
        "{rendered:?}"
    );
}

/// What the loader keeps is safe to draw: controls made visible, hidden characters removed,
/// text reflowed into paragraphs.
#[test]
fn text_is_sanitized_at_load() {
    let (program, warnings) = load_ok(concat!(
        "[program]\n",
        "title = \"Work\\u001b[31mshop\"\n",
        "venue = \"  Hall\\tA  \"\n",
        "description = \"\\u2067hidden\\u2069 order\"\n",
        "[[talks]]\n",
        "title = \"evil\\u202Etxt.exe\"\n",
        "kind = \"\\u200b\"\n",
        "tags = [\"  ml  \", \"\", \"\\u200d\", \"sys\\u0007\"]\n",
        "abstract = \"\"\"\n",
        "First line\n",
        "continues here.\n",
        "\n",
        "\n",
        "Second paragraph\r\n",
        "ends here.\n",
        "\"\"\"\n",
        "[[talks.speakers]]\n",
        "name = \" Ada \\n Lovelace \"\n",
        "affiliation = \"\"\n",
        "bio = \"one\\ntwo\\n\\nthree\"\n",
    ));
    assert_eq!(warnings, vec![]);
    assert_eq!(program.info.title, "Work\u{241b}[31mshop");
    assert_eq!(program.info.venue.as_deref(), Some("Hall A"));
    assert_eq!(program.info.description.as_deref(), Some("hidden order"));
    let talk = &program.talks[0];
    assert_eq!(talk.title, "eviltxt.exe");
    assert_eq!(talk.id, "eviltxt-exe");
    assert_eq!(talk.kind, None);
    assert_eq!(talk.tags, ["ml", "sys\u{2407}"]);
    assert_eq!(
        talk.abstract_text.as_deref(),
        Some("First line continues here.\n\nSecond paragraph ends here.")
    );
    assert_eq!(
        talk.speakers,
        [Speaker {
            name: "Ada Lovelace".into(),
            affiliation: None,
            bio: Some("one two\n\nthree".into()),
        }]
    );
}

#[test]
fn suggestions_for_misspelt_keys() {
    let talk_keys = [
        "id", "title", "kind", "abstract", "slides", "tags", "speakers",
    ];
    let cases = [
        ("abstarct", Some("abstract")),
        ("titel", Some("title")),
        ("TITLE", Some("title")),
        ("speaker", Some("speakers")),
        ("slide", Some("slides")),
        ("ids", Some("id")),
        ("colour", None),
        ("abs", None),
        ("", None),
    ];
    for (name, want) in cases {
        assert_eq!(suggest(name, &talk_keys), want, "{name:?}");
    }
}

/// The repository's program.toml, built into the binary, is clean.
#[test]
fn built_in_program_loads_cleanly() {
    let (program, warnings) = parse_str(BUILT_IN, Origin::BuiltIn).expect("built-in loads");
    assert_eq!(warnings, vec![]);
    assert_eq!(program.info.title, "ASSYST @ ISCA 2023: Keynote Talks");
    assert_eq!(program.origin, Origin::BuiltIn);
    let titles: Vec<&str> = program.talks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "ML4ML: The Intriguing Interplay between Moore’s Law & Machine Learning",
            "Faster Neural Network Training, Algorithmically",
            "LLM Training at Wafer-Scale",
            "Software, Hardware, and Model Codesign for High-performance \
             Transfomer-based Large Models",
        ]
    );
    let ids: Vec<&str> = program.talks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["ranganathan", "frankle", "manohararajah", "zhou"]);
    assert!(
        program.talks.iter().all(|t| t
            .abstract_text
            .as_deref()
            .is_some_and(|a| !a.contains('\n'))),
        "each built-in abstract is one paragraph"
    );
}

/// A `LoadError` other than `Invalid` has no diagnostics to list.
#[test]
fn only_invalid_files_have_diagnostics() {
    let err = LoadError::from(
        crate::program::ReadFailure::NotAFile("a directory").explain(
            std::path::Path::new("p.toml"),
            crate::program::Expected::Program,
        ),
    );
    assert!(err.diagnostics().is_empty());
}

/// A file with 250 talks that have no title: 200 problems are listed, in order, then a line
/// counting the rest; the summary gives the true number of errors.
#[test]
fn many_errors_are_capped_and_counted() {
    let mut src = String::from("[program]\ntitle = \"W\"\n");
    for i in 1..=250 {
        write!(src, "[[talks]]\nid = \"t{i}\"\n").expect("write to a string");
    }
    let err = parse_str(&src, origin()).expect_err("no titles");
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), 201);
    let first: Vec<Seen> = diagnostics[..200].iter().map(seen).collect();
    let want: Vec<Seen> = (1..=200)
        .map(|i| {
            (
                E,
                3 + 2 * (i - 1),
                1,
                format!("talk #{i} has no `title`"),
                format!("expected `title = \"...\"` in talk #{i}"),
            )
        })
        .collect();
    assert_eq!(first, want);
    let last = &diagnostics[200];
    assert_eq!(last.severity, E);
    assert_eq!(last.location, None);
    assert_eq!(last.message, "50 more errors and 0 more warnings not shown");
    assert_eq!(
        last.help.as_deref(),
        Some("only the first 200 problems are listed")
    );
    let text = err.to_string();
    let summary = text.lines().last().unwrap_or_default();
    assert_eq!(
        summary,
        "p.toml: 250 errors found; the program was not loaded"
    );
}

/// When warnings fill the list, the error that stops the file from loading is still shown.
#[test]
fn an_error_is_never_hidden_behind_warnings() {
    let mut src = String::from(concat!(
        "[program]\n",     // 1
        "title = \"W\"\n", // 2
        "[[talks]]\n",     // 3
        "id = \"a\"\n",    // 4
        "title = \"A\"\n", // 5
        "[[talks]]\n",     // 6
        "id = \"a\"\n",    // 7
        "title = \"B\"\n", // 8
    ));
    for i in 1..=300 {
        write!(src, "[[talks]]\ntitle = \"T{i}\"\nabstarct = \"x\"\n").expect("write to a string");
    }
    let err = parse_str(&src, origin()).expect_err("duplicate id");
    let listed: Vec<Seen> = err
        .diagnostics()
        .iter()
        .filter(|d| d.location.is_some())
        .map(seen)
        .collect();
    let duplicate = (
        E,
        7,
        6,
        "duplicate talk id \"a\" (first used at line 4, column 6)".to_owned(),
        "expected each talk id to be unique".to_owned(),
    );
    assert!(
        listed.contains(&duplicate),
        "the only error is not listed among {} diagnostics",
        listed.len()
    );
}
