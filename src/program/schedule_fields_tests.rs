//! The schedule fields of a program file, case by case: each problem with its line, column,
//! message and what was expected.

use crate::program::{Origin, Severity, parse_str};

type Want = (Severity, usize, usize, &'static str, &'static str);

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// The diagnostics of `src` (a talk's fields after a `[program]` with `program_extra`).
fn diagnostics(program_extra: &str, talk: &str) -> Vec<(Severity, usize, usize, String, String)> {
    let src =
        format!("[program]\ntitle = \"P\"\n{program_extra}\n[[talks]]\ntitle = \"T\"\n{talk}");
    let list = match parse_str(&src, Origin::File("p.toml".into())) {
        Ok((_, warnings)) => warnings,
        Err(e) => e.diagnostics().to_vec(),
    };
    list.into_iter()
        .map(|d| {
            let at = d.location.expect("a location");
            (
                d.severity,
                at.line,
                at.column,
                d.message,
                d.help.unwrap_or_default(),
            )
        })
        .collect()
}

const BRUSSELS: &str = "timezone = \"Europe/Brussels\"";

/// (name, extra `[program]` lines, talk lines, the diagnostics).
const CASES: &[(&str, &str, &str, &[Want])] = &[
    (
        "unknown zone",
        "timezone = \"Mars/Base\"",
        "",
        &[(
            E,
            3,
            12,
            "unknown time zone \"Mars/Base\"",
            "expected an IANA time zone name like \"Europe/Brussels\" or \"America/New_York\"",
        )],
    ),
    (
        "bad day change",
        "day_change = \"25:00\"",
        "",
        &[(
            E,
            3,
            14,
            "invalid time of day \"25:00\"",
            "expected a time of day like 04:00",
        )],
    ),
    (
        "local time without a zone",
        "",
        "start = \"2021-02-06T10:00\"",
        &[(
            E,
            6,
            9,
            "\"2021-02-06T10:00\" is a local time, but the program has no time zone",
            "expected `timezone = \"...\"` in [program], or a time with an offset like 2023-06-18T09:00-04:00",
        )],
    ),
    (
        "impossible date",
        BRUSSELS,
        "start = \"2021-02-30T10:00\"",
        &[(
            E,
            6,
            9,
            "invalid date-time \"2021-02-30T10:00\"",
            "expected a date and time like 2023-06-18T09:00, 2023-06-18T09:00-04:00 or 2023-06-18T09:00[America/New_York]",
        )],
    ),
    (
        "a date without a time",
        BRUSSELS,
        "start = 2021-02-06",
        &[(
            E,
            6,
            9,
            "\"2021-02-06\" has a date but no time of day",
            "expected a date and time like 2023-06-18T09:00, 2023-06-18T09:00-04:00 or 2023-06-18T09:00[America/New_York]",
        )],
    ),
    (
        "start of the wrong type",
        BRUSSELS,
        "start = 10",
        &[(
            E,
            6,
            9,
            "`start` is an integer (10), not a date-time",
            "expected a date-time",
        )],
    ),
    (
        "end before start",
        BRUSSELS,
        "start = \"2021-02-06T10:00\"\nend = \"2021-02-06T09:00\"",
        &[(
            E,
            7,
            7,
            "the talk ends (2021-02-06T09:00:00+01:00[Europe/Brussels]) before it starts (2021-02-06T10:00:00+01:00[Europe/Brussels])",
            "expected an `end` after the `start`",
        )],
    ),
    (
        "end without start",
        BRUSSELS,
        "end = \"2021-02-06T09:00\"",
        &[(E, 6, 7, "`end` without a `start`", "expected a `start` too")],
    ),
    (
        "end and duration disagree",
        BRUSSELS,
        "start = \"2021-02-06T10:00\"\nend = \"2021-02-06T11:00\"\nduration = \"45m\"",
        &[(
            E,
            8,
            12,
            "`duration` 45m disagrees with `end` (1h after the start)",
            "expected `end` or `duration`, or both agreeing",
        )],
    ),
    (
        "bad duration",
        BRUSSELS,
        "duration = \"soon\"",
        &[(
            E,
            6,
            12,
            "invalid duration \"soon\"",
            "expected a duration like 45m, 1h30m, 01:30 or a number of minutes",
        )],
    ),
    (
        "negative minutes",
        BRUSSELS,
        "duration = -5",
        &[(
            E,
            6,
            12,
            "invalid duration of -5 minutes",
            "expected a number of minutes of zero or more",
        )],
    ),
    (
        "a link that is not http",
        "",
        "links = [{ label = \"Chat\", url = \"javascript:alert(1)\" }]",
        &[(
            W,
            6,
            34,
            "link \"javascript:alert(1)\" is ignored: not an http(s) URL",
            "expected an http or https URL",
        )],
    ),
    (
        "a link with a user name and password",
        "",
        "links = [{ label = \"Chat\", url = \"https://u:pw@example.org/\" }]",
        &[(
            W,
            6,
            34,
            "link \"https://u:pw@example.org/\" is ignored: \
             a URL with a user name or password is not opened",
            "expected an http or https URL",
        )],
    ),
    (
        "a link without url",
        "",
        "links = [{ label = \"Chat\" }]",
        &[(
            E,
            6,
            10,
            "link #1 of talk #1 has no `url`",
            "expected `url = \"...\"` in link #1 of talk #1",
        )],
    ),
    (
        "links of the wrong type",
        "",
        "links = \"https://x.org\"",
        &[(
            E,
            6,
            9,
            "`links` is a string (\"https://x.org\"), not an array of tables: `links = [{ label = \"Video\", url = \"https://...\" }]`",
            "expected an array of tables: `links = [{ label = \"Video\", url = \"https://...\" }]`",
        )],
    ),
];

#[test]
fn schedule_field_problems() {
    for (name, program, talk, want) in CASES {
        let want: Vec<_> = want
            .iter()
            .map(|&(s, l, c, m, h)| (s, l, c, m.to_owned(), h.to_owned()))
            .collect();
        assert_eq!(diagnostics(program, talk), want, "{name}");
    }
}

/// A talk without a title still has its other fields checked, and so has the program.
#[test]
fn a_missing_title_hides_no_other_error() {
    let src = concat!(
        "[program]\ntimezone = \"Mars/Base\"\nvenue = 3\n",
        "[[talks]]\nroom = 5\nlanguage = []\nlinks = \"x\"\nsubtitle = 1\n",
    );
    let err = parse_str(src, Origin::File("p.toml".into())).expect_err("refused");
    let found: Vec<(usize, usize, &str)> = err
        .diagnostics()
        .iter()
        .map(|d| {
            let at = d.location.expect("a location");
            (at.line, at.column, d.message.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            (1, 1, "`[program]` has no `title`"),
            (2, 12, "unknown time zone \"Mars/Base\""),
            (3, 9, "`venue` is an integer (3), not a string"),
            (4, 1, "talk #1 has no `title`"),
            (5, 8, "`room` is an integer (5), not a string"),
            (6, 12, "`language` is an array ([]), not a string"),
            (
                7,
                9,
                "`links` is a string (\"x\"), not an array of tables: `links = [{ label = \"Video\", url = \"https://...\" }]`"
            ),
            (8, 12, "`subtitle` is an integer (1), not a string"),
        ]
    );
}

#[test]
fn schedule_fields_load() {
    let src = concat!(
        "[program]\ntitle = \"P\"\ntimezone = \"Europe/Brussels\"\nday_change = 04:00:00\n",
        "[[talks]]\ntitle = \"A\"\nstart = 2021-02-06T10:00:00\nduration = 50\nroom = \"K.1.105\"\n",
        "track = \"Rust\"\nlanguage = \"en\"\nsubtitle = \"Sub\"\n",
        "links = [{ url = \"https://video.example.org/a.webm\" }]\n",
        "[[talks]]\ntitle = \"B\"\nstart = \"2021-02-06T09:00:00Z\"\nend = \"2021-02-06T10:30:00Z\"\n",
    );
    let (program, warnings) = parse_str(src, Origin::BuiltIn).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let [a, b] = &program.talks[..] else {
        panic!("two talks")
    };
    assert_eq!(
        a.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2021-02-06T10:00:00+01:00[Europe/Brussels]")
    );
    assert_eq!(a.duration.map(|d| d.as_mins()), Some(50));
    assert_eq!(
        (
            a.room.as_deref(),
            a.track.as_deref(),
            a.language.as_deref(),
            a.subtitle.as_deref()
        ),
        (Some("K.1.105"), Some("Rust"), Some("en"), Some("Sub"))
    );
    assert_eq!(a.links[0].label, "video.example.org");
    // An offset time is shown in the program's zone.
    assert_eq!(
        b.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2021-02-06T10:00:00+01:00[Europe/Brussels]")
    );
    assert_eq!(b.duration.map(|d| d.as_mins()), Some(90));
    assert_eq!(program.info.day_change, Some(jiff::civil::time(4, 0, 0, 0)));
}
