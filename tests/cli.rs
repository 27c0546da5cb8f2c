//! The `lectern` binary from the outside: `lectern check` on good, bad and hostile files, exit
//! statuses, what goes to stdout and stderr, and that a program which does not load is reported
//! before the terminal is touched.

use std::ffi::{OsStr, OsString};
use std::io::Read as _;
use std::os::unix::ffi::OsStrExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// Longer than any run of the binary should take; a run that takes longer has hung.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What a run of the binary left behind.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    fn err(&self) -> String {
        String::from_utf8(self.stderr.clone()).expect("stderr is UTF-8")
    }
}

/// Runs `lectern ARGS` in `dir`, stdin from /dev/null, stdout and stderr captured, no opener
/// from the environment.
fn lectern<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("LECTERN_OPENER")
        // Never the configuration file of the person running the tests.
        .env("XDG_CONFIG_HOME", dir.join(".no-config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lectern");
    let mut stdout = child.stdout.take().expect("stdout pipe");
    let mut stderr = child.stderr.take().expect("stderr pipe");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).expect("read stdout");
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stderr.read_to_end(&mut buf).expect("read stderr");
        buf
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for lectern") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lectern did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

fn write(dir: &Path, name: impl AsRef<OsStr>, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name.as_ref()), bytes).expect("write a test file");
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

const NO_TITLE: &str = "[program]\ntitle = \"P\"\n\n[[talks]]\nid = \"a\"\nkind = \"keynote\"\n";
const GOOD: &str = "[program]\ntitle = \"P\"\n\n[[talks]]\ntitle = \"One\"\n";
const WARN: &str = "[program]\ntitle = \"P\"\n\n[[talks]]\ntitle = \"T\"\nabstarct = \"x\"\n";

const NO_TITLE_REPORT: &str = "\
notitle.toml:4:1: error: talk #1 has no `title`
  |
4 | [[talks]]
  | ^
  = expected `title = \"...\"` in talk #1
notitle.toml: 1 error found; the program was not loaded
";

const WARN_REPORT: &str = "\
warn.toml:6:1: warning: unknown key `abstarct` in talk #1
  |
6 | abstarct = \"x\"
  | ^
  = did you mean `abstract`? (this key is ignored)
";

// ---------------------------------------------------------------------------------------------
// lectern check: program files
// ---------------------------------------------------------------------------------------------

#[test]
fn check_accepts_the_repository_program() {
    let run = lectern(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        ["check", "program.toml"],
    );
    // The repository does not ship the slides its program names: check says so.
    let missing = |talk: &str, file: &str| {
        format!(
            "program.toml: warning: talk {talk}: slides \"slides/{file}\": there is no such file\n  \
             = expected a file in the program file's folder\n"
        )
    };
    assert_eq!(
        run.err(),
        [
            missing(
                "2 (Faster Neural Network Training, Algorithmically)",
                "Frankle-ASSYST-MLArchSys-2023.pdf"
            ),
            missing(
                "3 (LLM Training at Wafer-Scale)",
                "ASSYST-MLArchSys-2023-Valavan.pdf"
            ),
            missing(
                "4 (Software, Hardware, and Model Codesign for High-performance \
                 Transfomer-based Large Models)",
                "Zongwei-ASSYST-MLArchSys-2023.pdf"
            ),
        ]
        .concat()
    );
    assert_eq!(run.out(), "program.toml: ok: 4 talks, 3 warnings\n");
    assert_eq!(run.code, Some(0));
}

/// The file a check case makes before running.
enum Made {
    File(&'static [u8]),
    Dir,
    /// A named pipe: opening it for reading would block until a writer comes, and the run
    /// would time out.
    Fifo,
    Nothing,
}

/// What stderr must hold: exactly this text, or these parts in this order (for reports that
/// quote a parser or the operating system).
enum Stderr {
    Exactly(String),
    Parts(Vec<String>),
}

/// One `lectern check FILE` run: the file, and what the run must print and exit with.
struct CheckCase {
    name: &'static str,
    made: Made,
    out: &'static str,
    err: Stderr,
    code: i32,
}

#[expect(clippy::too_many_lines, reason = "a table of cases, one per file")]
fn check_cases() -> Vec<CheckCase> {
    use Made::{Dir, Fifo, File, Nothing};
    use Stderr::{Exactly, Parts};
    let parts = |parts: &[&str]| Parts(parts.iter().map(|p| (*p).to_owned()).collect());
    let missing = std::io::Error::from_raw_os_error(2);
    vec![
        CheckCase {
            name: "warn.toml",
            made: File(WARN.as_bytes()),
            out: "warn.toml: ok: 1 talk, 1 warning\n",
            err: Exactly(WARN_REPORT.into()),
            code: 0,
        },
        CheckCase {
            name: "empty.toml",
            made: File(b"[program]\ntitle = \"P\"\n"),
            out: "empty.toml: ok: 0 talks, 1 warning\n",
            err: parts(&[
                "empty.toml:1:1: warning: the program has no talks\n",
                "= expected one or more `[[talks]]` tables",
            ]),
            code: 0,
        },
        CheckCase {
            name: "notitle.toml",
            made: File(NO_TITLE.as_bytes()),
            out: "",
            err: Exactly(NO_TITLE_REPORT.into()),
            code: 1,
        },
        CheckCase {
            name: "wrongtype.toml",
            made: File(b"[program]\ntitle = \"P\"\n\n[[talks]]\ntitle = 42\n"),
            out: "",
            err: Exactly(
                "\
wrongtype.toml:5:9: error: `title` is an integer (42), not a string
  |
5 | title = 42
  |         ^
  = expected a string
wrongtype.toml: 1 error found; the program was not loaded
"
                .into(),
            ),
            code: 1,
        },
        CheckCase {
            name: "dup.toml",
            made: File(
                b"[program]\ntitle = \"P\"\n\n[[talks]]\nid = \"a\"\ntitle = \"One\"\n\n[[talks]]\nid = \"a\"\ntitle = \"Two\"\n",
            ),
            out: "",
            err: Exactly(
                "\
dup.toml:9:6: error: duplicate talk id \"a\" (first used at line 5, column 6)
  |
9 | id = \"a\"
  |      ^
  = expected each talk id to be unique
dup.toml: 1 error found; the program was not loaded
"
                .into(),
            ),
            code: 1,
        },
        // Line 2 is `title = "caf` and then the Latin-1 byte for `é`: column 13, offset 22.
        CheckCase {
            name: "latin1.toml",
            made: File(b"[program]\ntitle = \"caf\xE9\"\n"),
            out: "",
            err: Exactly(
                "\
latin1.toml:2:13: error: invalid UTF-8: byte 0xE9 at offset 22
  = expected a UTF-8 text file; re-save it as UTF-8
latin1.toml: 1 error found; the program was not loaded
"
                .into(),
            ),
            code: 1,
        },
        // An unterminated string: the error is at the end of line 2, after `title = "P`.
        CheckCase {
            name: "syntax.toml",
            made: File(b"[program]\ntitle = \"P\n"),
            out: "",
            err: parts(&[
                "syntax.toml:2:11: error: invalid TOML: ",
                "\n  |\n2 | title = \"P\n  |           ^\n",
                "  = expected TOML syntax (https://toml.io)\n",
                "syntax.toml: 1 error found; the program was not loaded\n",
            ]),
            code: 1,
        },
        // A key given twice: the error is at the second one.
        CheckCase {
            name: "twice.toml",
            made: File(b"[program]\ntitle = \"a\"\ntitle = \"b\"\n"),
            out: "",
            err: parts(&["twice.toml:3:1: error: invalid TOML: duplicate key\n"]),
            code: 1,
        },
        // Every error of a file, in order, then the count.
        CheckCase {
            name: "two.toml",
            made: File(b"talks = 3\n[program]\n"),
            out: "",
            err: parts(&[
                "two.toml:1:9: error: `talks` is an integer (3), not an array of tables: `[[talks]]`\n",
                "two.toml:2:1: error: `[program]` has no `title`\n",
                "two.toml: 2 errors found; the program was not loaded\n",
            ]),
            code: 1,
        },
        CheckCase {
            name: "folder.toml",
            made: Dir,
            out: "",
            err: Exactly(
                "folder.toml: not a regular file (a directory); expected a TOML program file\n"
                    .into(),
            ),
            code: 1,
        },
        CheckCase {
            name: "missing.toml",
            made: Nothing,
            out: "",
            err: Exactly(format!("missing.toml: cannot read: {missing}\n")),
            code: 1,
        },
        CheckCase {
            name: "pipe.toml",
            made: Fifo,
            out: "",
            err: Exactly(
                "pipe.toml: not a regular file (a device, socket or pipe); expected a TOML program file\n"
                    .into(),
            ),
            code: 1,
        },
        CheckCase {
            name: "/dev/null",
            made: Nothing,
            out: "",
            err: Exactly(
                "/dev/null: not a regular file (a device, socket or pipe); expected a TOML program file\n"
                    .into(),
            ),
            code: 1,
        },
    ]
}

/// `lectern check FILE` for good, odd and bad files: what it prints on stdout and stderr, and
/// its exit status.
#[test]
fn check_reports_each_file() {
    for case in check_cases() {
        let dir = tempdir();
        let path = dir.path().join(case.name);
        match case.made {
            Made::File(bytes) => write(dir.path(), case.name, bytes),
            Made::Dir => std::fs::create_dir(&path).expect("mkdir"),
            Made::Fifo => {
                let made = Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("run mkfifo");
                assert!(made.success());
            }
            Made::Nothing => {}
        }
        let run = lectern(dir.path(), ["check", case.name]);
        let (name, err) = (case.name, run.err());
        assert_eq!(run.out(), case.out, "{name}");
        match case.err {
            Stderr::Exactly(expected) => assert_eq!(err, expected, "{name}"),
            Stderr::Parts(parts) => {
                let mut rest = err.as_str();
                assert!(err.starts_with(&parts[0]), "{name}: {err}");
                for part in &parts {
                    let at = rest
                        .find(part.as_str())
                        .unwrap_or_else(|| panic!("{name}: {part:?} (in order) in\n{err}"));
                    rest = &rest[at + part.len()..];
                }
            }
        }
        assert_eq!(run.code, Some(case.code), "{name}");
    }
}

#[test]
fn check_goes_on_after_a_bad_file() {
    let dir = tempdir();
    write(dir.path(), "good.toml", GOOD);
    write(dir.path(), "notitle.toml", NO_TITLE);
    write(dir.path(), "warn.toml", WARN);
    let run = lectern(
        dir.path(),
        [
            "check",
            "notitle.toml",
            "good.toml",
            "missing.toml",
            "warn.toml",
        ],
    );
    assert_eq!(
        run.out(),
        "good.toml: ok: 1 talk, 0 warnings\nwarn.toml: ok: 1 talk, 1 warning\n"
    );
    let reason = std::io::Error::from_raw_os_error(2);
    assert_eq!(
        run.err(),
        format!("{NO_TITLE_REPORT}missing.toml: cannot read: {reason}\n{WARN_REPORT}")
    );
    assert_eq!(run.code, Some(1));

    // The same files, the bad one last: still a failure.
    let run = lectern(dir.path(), ["check", "good.toml", "notitle.toml"]);
    assert_eq!(run.out(), "good.toml: ok: 1 talk, 0 warnings\n");
    assert_eq!(run.err(), NO_TITLE_REPORT);
    assert_eq!(run.code, Some(1));
}

// ---------------------------------------------------------------------------------------------
// lectern check: published schedules, told from their content as when browsing
// ---------------------------------------------------------------------------------------------

fn copy_fixture(dir: &Path, name: &str) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let file = Path::new(name).file_name().expect("file name");
    std::fs::copy(from, dir.join(file)).expect("copy a fixture");
}

#[test]
fn check_imports_published_schedules() {
    let dir = tempdir();
    for name in [
        "schedules/kielux_2020.ics",
        "schedules/debconf23.xml",
        "schedules/frab-camp2019.json",
        "schedules/pretalx-democon.json",
    ] {
        copy_fixture(dir.path(), name);
    }
    let run = lectern(dir.path(), ["check", "kielux_2020.ics"]);
    assert_eq!(run.err(), "");
    assert_eq!(
        run.out(),
        "kielux_2020.ics: ok: iCalendar schedule, 24 talks, 20 speakers, 0 slides, 0 skipped\n"
    );
    assert_eq!(run.code, Some(0));

    let run = lectern(
        dir.path(),
        [
            "check",
            "debconf23.xml",
            "frab-camp2019.json",
            "pretalx-democon.json",
        ],
    );
    assert_eq!(
        run.err(),
        "frab-camp2019.json: note: 11 relative links resolved against https://fahrplan.events.ccc.de/camp/2019/Fahrplan/\n\
         frab-camp2019.json: note: 1 link without a scheme read as https://\n\
         frab-camp2019.json: note: 1 placeholder image (missing.png) left out\n"
    );
    assert_eq!(
        run.out(),
        "debconf23.xml: ok: Pentabarf/frab XML schedule, 117 talks, 87 speakers, 0 slides, 0 skipped\n\
         frab-camp2019.json: ok: frab/pretalx JSON schedule, 79 talks, 90 speakers, 6 slides, 0 skipped\n\
         pretalx-democon.json: ok: frab/pretalx JSON schedule, 36 talks, 27 speakers, 0 slides, 0 skipped\n"
    );
    assert_eq!(run.code, Some(0));
}

#[test]
fn check_prints_a_schedules_notes_and_skipped_events() {
    let dir = tempdir();
    copy_fixture(dir.path(), "small/pentabarf.xml");
    copy_fixture(dir.path(), "small/kielux.ics");
    let run = lectern(dir.path(), ["check", "pentabarf.xml", "kielux.ics"]);
    assert_eq!(
        run.out(),
        "pentabarf.xml: ok: Pentabarf/frab XML schedule, 2 talks, 2 speakers, 2 slides, 1 skipped: event 11166: no title\n\
         kielux.ics: ok: iCalendar schedule, 2 talks, 3 speakers, 1 slide, 1 skipped: event 471@KOLT20: cancelled\n"
    );
    assert_eq!(
        run.err(),
        "pentabarf.xml: note: the schedule names no time zone and its times carry no offset: they are read as UTC (choose the zone with --timezone)\n\
         pentabarf.xml: note: 1 link or attachment left out: not a web address\n"
    );
    assert_eq!(run.code, Some(0));
}

const BAD_ICS: &str =
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

const BAD_ICS_REPORT: &str = "\
bad.ics:4:1: error: invalid iCalendar: END:VTODO closes BEGIN:VEVENT: expected END:VEVENT
  |
4 | END:VTODO
  | ^
  = expected an iCalendar file (RFC 5545)
";

#[test]
fn check_reports_a_malformed_schedule_with_its_position() {
    let dir = tempdir();
    write(dir.path(), "bad.ics", BAD_ICS);
    write(
        dir.path(),
        "bad.json",
        "{\"schedule\": {\"conference\": [}}\n",
    );
    let run = lectern(dir.path(), ["check", "bad.ics"]);
    assert_eq!(run.out(), "");
    assert_eq!(run.err(), BAD_ICS_REPORT);
    assert_eq!(run.code, Some(1));

    // Not a word about TOML: the file is read as the schedule it starts like.
    let run = lectern(dir.path(), ["check", "bad.json"]);
    assert_eq!(run.out(), "");
    assert!(
        run.err()
            .starts_with("bad.json:1:30: error: invalid frab/pretalx JSON: "),
        "{}",
        run.err()
    );
    assert!(!run.err().contains("TOML"), "{}", run.err());
    assert_eq!(run.code, Some(1));
}

#[test]
fn check_goes_on_after_a_bad_schedule() {
    let dir = tempdir();
    write(dir.path(), "bad.ics", BAD_ICS);
    write(dir.path(), "good.toml", GOOD);
    copy_fixture(dir.path(), "schedules/kielux_2020.ics");
    let run = lectern(
        dir.path(),
        ["check", "bad.ics", "good.toml", "kielux_2020.ics"],
    );
    assert_eq!(
        run.out(),
        "good.toml: ok: 1 talk, 0 warnings\n\
         kielux_2020.ics: ok: iCalendar schedule, 24 talks, 20 speakers, 0 slides, 0 skipped\n"
    );
    assert_eq!(run.err(), BAD_ICS_REPORT);
    assert_eq!(run.code, Some(1));
}

// ---------------------------------------------------------------------------------------------
// Hostile input never reaches the terminal raw
// ---------------------------------------------------------------------------------------------

/// Characters that must never reach the terminal from a file or a file name: C0 controls
/// other than the newline, DEL, C1 controls, bidi controls and invisible formatting characters.
fn forbidden(c: char) -> bool {
    c != '\n'
        && matches!(
            c,
            '\0'..='\u{1f}'
                | '\u{7f}'..='\u{9f}'
                | '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

fn assert_harmless(bytes: &[u8], what: &str) {
    assert!(
        !bytes.contains(&0x1b),
        "{what} holds an ESC byte: {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|c| forbidden(*c)) {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

/// A file name with ESC, BEL, a C1 CSI (as UTF-8) and a right-to-left override.
fn hostile_name() -> OsString {
    OsStr::from_bytes(b"evil\x1b[31m\x07\xc2\x9b\xe2\x80\xae.toml").to_owned()
}

/// `hostile_name` as lectern must print it.
const HOSTILE_NAME_SHOWN: &str = "evil␛[31m␇<U+009B><U+202E>.toml";

/// Escaped ESC, BEL, C1 and bidi characters in a key and in values: the file loads, with two
/// warnings about the odd keys.
const HOSTILE_ESCAPED: &str = r#"[program]
title = "ok \u001b[2J"
"\u001b]0;key\u0007" = 1

[[talks]]
title = "x\u001b[31m\u009b1m\u202e"
kind = "\u001b[5m"
"sl\u001bdes" = 1
"#;

#[test]
fn check_never_prints_escapes_from_a_hostile_file_or_name() {
    let dir = tempdir();
    let name = hostile_name();
    write(dir.path(), &name, HOSTILE_ESCAPED);
    let run = lectern(dir.path(), [OsStr::new("check"), name.as_os_str()]);
    assert_harmless(&run.stdout, "stdout");
    assert_harmless(&run.stderr, "stderr");
    assert_eq!(
        run.out(),
        format!("{HOSTILE_NAME_SHOWN}: ok: 1 talk, 2 warnings\n")
    );
    let err = run.err();
    assert!(
        err.contains(&format!(
            "{HOSTILE_NAME_SHOWN}:3:1: warning: unknown key `␛]0;key␇` in `[program]`\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{HOSTILE_NAME_SHOWN}:8:1: warning: unknown key `sl␛des` in talk #1\n"
        )),
        "{err}"
    );
    assert!(
        err.contains("= did you mean `slides`? (this key is ignored)"),
        "{err}"
    );
    assert_eq!(run.code, Some(0));
}

#[test]
fn check_never_prints_raw_escape_bytes_from_a_broken_file() {
    let dir = tempdir();
    // Raw ESC and BEL bytes in a value and in a key are invalid TOML: the errors quote the lines.
    let name = OsStr::from_bytes(b"raw\x1b]0;t\x07.toml");
    write(
        dir.path(),
        name,
        b"[program]\ntitle = \"raw \x1b[2J esc\"\n\x1b[31m = 1\n",
    );
    let run = lectern(dir.path(), [OsStr::new("check"), name]);
    assert_eq!(run.out(), "");
    assert_harmless(&run.stderr, "stderr");
    let err = run.err();
    // The caret sits under the ESC, shown as one character.
    assert!(
        err.starts_with("raw␛]0;t␇.toml:2:14: error: invalid TOML: "),
        "{err}"
    );
    assert!(
        err.contains("\n2 | title = \"raw ␛[2J esc\"\n  |              ^\n"),
        "{err}"
    );
    assert!(
        err.contains("raw␛]0;t␇.toml:3:1: error: invalid TOML: "),
        "{err}"
    );
    assert!(err.contains("\n3 | ␛[31m = 1\n"), "{err}");
    assert_eq!(run.code, Some(1));
}

#[test]
fn names_of_unreadable_files_are_shown_in_visible_notation() {
    let dir = tempdir();
    let name = hostile_name();
    // Not valid UTF-8 either: a lone C1 CSI byte.
    let lone = OsStr::from_bytes(b"lone\x9b31m.toml");
    let folder = OsStr::from_bytes(b"dir\x1b[2J");
    std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
    let run = lectern(
        dir.path(),
        [OsStr::new("check"), name.as_os_str(), lone, folder],
    );
    assert_eq!(run.out(), "");
    assert_harmless(&run.stderr, "stderr");
    let reason = std::io::Error::from_raw_os_error(2);
    assert_eq!(
        run.err(),
        format!(
            "{HOSTILE_NAME_SHOWN}: cannot read: {reason}\n\
             lone\u{fffd}31m.toml: cannot read: {reason}\n\
             dir␛[2J: not a regular file (a directory); expected a TOML program file\n"
        )
    );
    assert_eq!(run.code, Some(1));
}

// ---------------------------------------------------------------------------------------------
// lectern [PROGRAM]
// ---------------------------------------------------------------------------------------------

#[test]
fn browse_reports_a_bad_program_and_exits_1() {
    let dir = tempdir();
    write(dir.path(), "notitle.toml", NO_TITLE);
    let run = lectern(dir.path(), ["notitle.toml"]);
    assert_eq!(run.stdout, b"");
    assert_eq!(run.err(), NO_TITLE_REPORT);
    assert_eq!(run.code, Some(1));

    let name = hostile_name();
    write(dir.path(), &name, b"[program]\ntitle = \"\x1b[2J\n");
    let run = lectern(dir.path(), [&name]);
    assert_eq!(run.stdout, b"");
    assert_harmless(&run.stderr, "stderr");
    assert!(
        run.err()
            .starts_with(&format!("{HOSTILE_NAME_SHOWN}:2:10: error: invalid TOML: ")),
        "{}",
        run.err()
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn browse_without_a_terminal_exits_2() {
    let dir = tempdir();
    // No ./program.toml here: the built-in program loads, then the terminal check fails.
    let run = lectern(dir.path(), std::iter::empty::<&str>());
    assert_eq!(run.stdout, b"");
    assert_eq!(
        run.err(),
        "lectern: standard output is not a terminal: lectern draws a full-screen browser; \
         run it in a terminal, or use `lectern check FILE`\n"
    );
    assert_eq!(run.code, Some(2));

    // A program given on the command line, one found in the current folder, and a search
    // that starts with `-` (an exclusion, not an option): the same.
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    for run in [
        lectern(dir.path(), [repository.join("program.toml")]),
        lectern(repository, std::iter::empty::<&str>()),
        lectern(dir.path(), ["--search", "-wafer"]),
    ] {
        assert_eq!(run.stdout, b"");
        assert!(
            run.err()
                .starts_with("lectern: standard output is not a terminal"),
            "{}",
            run.err()
        );
        assert_eq!(run.code, Some(2));
    }
}

/// Runs `lectern ARGS` on a pseudo-terminal and returns everything it wrote there and its exit
/// code.
fn lectern_on_a_pty(dir: &Path, args: &[&OsStr]) -> (Vec<u8>, u32) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut command = CommandBuilder::new(BIN);
    command.args(args);
    command.cwd(dir);
    command.env("TERM", "xterm-256color");
    command.env_remove("LECTERN_OPENER");
    let mut child = pair.slave.spawn_command(command).expect("start lectern");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let output = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        // The read ends with EOF or EIO once the child has closed its side.
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for lectern") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lectern did not finish within {TIMEOUT:?}: it is waiting on the terminal");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    drop(pair.master);
    let output = output.join().expect("pty reader thread");
    (output, status.exit_code())
}

#[test]
fn a_bad_program_is_reported_before_the_terminal_is_touched() {
    let dir = tempdir();
    write(dir.path(), "notitle.toml", NO_TITLE);
    let (output, code) = lectern_on_a_pty(dir.path(), &[OsStr::new("notitle.toml")]);
    assert_eq!(code, 1);
    // No alternate screen, no cursor hiding, no mouse capture: not a single escape sequence.
    assert!(
        !output.contains(&0x1b),
        "escape sequences on the terminal: {:?}",
        String::from_utf8_lossy(&output)
    );
    let text = String::from_utf8(output)
        .expect("UTF-8")
        .replace("\r\n", "\n");
    assert_eq!(text, NO_TITLE_REPORT);

    // A hostile file name and content, on a real terminal.
    let name = hostile_name();
    write(dir.path(), &name, b"[program]\n\x1b[2J\x1b]0;t\x07 = 1\n");
    let (output, code) = lectern_on_a_pty(dir.path(), &[name.as_os_str()]);
    assert_eq!(code, 1);
    let text = String::from_utf8(output.clone()).expect("UTF-8");
    assert_harmless(text.replace('\r', "").as_bytes(), "the terminal");
    assert!(
        text.contains(&format!("{HOSTILE_NAME_SHOWN}:2:1: error: invalid TOML: ")),
        "{text}"
    );
}

#[test]
fn a_bad_opener_is_a_usage_error() {
    let dir = tempdir();
    let run = lectern(dir.path(), ["--opener", "unterminated 'quote"]);
    assert_eq!(run.stdout, b"");
    assert_eq!(
        run.err(),
        "lectern: invalid opener command \"unterminated 'quote\": missing closing quote\n"
    );
    assert_eq!(run.code, Some(2));

    let run = lectern(dir.path(), ["--opener", ""]);
    assert_eq!(run.err(), "lectern: the opener command is empty\n");
    assert_eq!(run.code, Some(2));

    // The same from the environment.
    let output = Command::new(BIN)
        .current_dir(dir.path())
        .env("LECTERN_OPENER", "viewer \"open")
        .stdin(Stdio::null())
        .output()
        .expect("run lectern");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "lectern: invalid opener command \"viewer \\\"open\": missing closing quote\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Usage
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_flags_are_usage_errors() {
    let dir = tempdir();
    let run = lectern(dir.path(), ["--bogus"]);
    assert_eq!(run.stdout, b"");
    assert!(
        run.err()
            .starts_with("error: unexpected argument '--bogus' found\n"),
        "{}",
        run.err()
    );
    assert!(run.err().contains("Usage: lectern [OPTIONS] [PROGRAM]"));
    assert_eq!(run.code, Some(2));

    let run = lectern(dir.path(), ["check", "--bogus", "program.toml"]);
    assert!(
        run.err()
            .starts_with("error: unexpected argument '--bogus' found\n")
    );
    assert_eq!(run.code, Some(2));
}

#[test]
fn check_without_a_file_is_a_usage_error() {
    let dir = tempdir();
    let run = lectern(dir.path(), ["check"]);
    assert_eq!(run.stdout, b"");
    assert!(
        run.err().starts_with(
            "error: the following required arguments were not provided:\n  <PROGRAMS>...\n"
        ),
        "{}",
        run.err()
    );
    assert!(run.err().contains("Usage: lectern check <PROGRAMS>..."));
    assert_eq!(run.code, Some(2));
}

#[test]
fn two_programs_to_browse_are_a_usage_error() {
    let dir = tempdir();
    let run = lectern(dir.path(), ["a.toml", "b.toml"]);
    assert_eq!(run.stdout, b"");
    assert!(run.err().starts_with("error: "), "{}", run.err());
    assert_eq!(run.code, Some(2));
}

#[test]
fn version_and_help() {
    let dir = tempdir();
    let run = lectern(dir.path(), ["--version"]);
    assert_eq!(
        run.out(),
        format!("lectern {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(run.err(), "");
    assert_eq!(run.code, Some(0));

    let run = lectern(dir.path(), ["--help"]);
    let out = run.out();
    assert!(
        out.starts_with("Browse a conference or workshop program in the terminal\n"),
        "{out}"
    );
    for wanted in [
        "Usage: lectern [OPTIONS] [PROGRAM]",
        "       lectern [OPTIONS] <COMMAND>",
        "check Validate program files and schedules: print their errors and warnings, browse nothing",
        "import Convert a published schedule into a program file",
        "completions Print a shell completion script",
        "man Print the manual page (roff)",
        "--opener <CMD>",
        "-V, --version",
    ] {
        // The command list's column depends on the longest name: compare words, not spaces.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words(&out).contains(&words(wanted)),
            "{wanted:?} missing from:\n{out}"
        );
    }
    assert_eq!(run.err(), "");
    assert_eq!(run.code, Some(0));

    let run = lectern(dir.path(), ["check", "--help"]);
    assert!(
        run.out()
            .contains("Usage: lectern check [OPTIONS] <PROGRAMS>..."),
        "{}",
        run.out()
    );
    assert_eq!(run.code, Some(0));
}

/// `--opener` is offered where slides can be opened (browsing), not by the commands that
/// never open any.
#[test]
fn the_opener_option_belongs_to_browsing_only() {
    let dir = tempdir();
    let browse = lectern(dir.path(), ["--help"]);
    assert!(browse.out().contains("--opener"), "{}", browse.out());
    for command in ["import", "check", "agenda"] {
        let help = lectern(dir.path(), [command, "--help"]);
        assert_eq!(help.code, Some(0), "{command}");
        assert!(
            !help.out().contains("--opener"),
            "{command}: {}",
            help.out()
        );
    }
    let misplaced = lectern(dir.path(), ["check", "--opener", "x", "p.toml"]);
    assert_eq!(misplaced.code, Some(2));
}

/// `lectern check` warns about slides that name a local file that is not there, and says
/// nothing about one that is.
#[test]
fn check_warns_about_missing_local_slides() {
    let dir = tempdir();
    write(dir.path(), "here.pdf", "%PDF");
    write(
        dir.path(),
        "p.toml",
        "[program]\ntitle = \"T\"\n\n[[talks]]\ntitle = \"Gone\"\nslides = \"gone.pdf\"\n\n\
         [[talks]]\ntitle = \"Here\"\nslides = \"here.pdf\"\n\n\
         [[talks]]\ntitle = \"Web\"\nslides = \"https://example.org/s.pdf\"\n",
    );
    let run = lectern(dir.path(), ["check", "p.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.err());
    assert_eq!(run.out(), "p.toml: ok: 3 talks, 1 warning\n");
    let err = run.err();
    assert!(
        err.contains("warning: talk 1 (Gone): slides \"gone.pdf\": there is no such file"),
        "{err}"
    );
    assert!(
        !err.contains("here.pdf") && !err.contains("example.org"),
        "{err}"
    );
}
