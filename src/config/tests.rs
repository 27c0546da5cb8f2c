//! The configuration file: each setting read, printed and read back; errors at their line and
//! column with the help a user needs; keys merged over the defaults.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use super::*;
use crate::action::Command;
use crate::keymap::{Context, ch, ctrl, plain};

fn parse(src: &str) -> Config {
    Config::parse(src, "c.toml").unwrap_or_else(|e| panic!("{src}\n{e}"))
}

/// The error report for `src`.
fn error(src: &str) -> String {
    match Config::parse(src, "c.toml") {
        Ok(config) => panic!("{src} loaded: {config:?}"),
        Err(e) => e.to_string(),
    }
}

fn press(config: &Config, context: Context, key: crate::keymap::Key) -> Option<Command> {
    config
        .keymap
        .lookup(context, &KeyEvent::new(key.code, key.modifiers))
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse(""), Config::default());
    assert_eq!(parse("# nothing\n\n"), Config::default());
    let defaults = Config::default();
    assert_eq!(defaults.detail_width, 100);
    assert_eq!(defaults.theme(true), crate::theme::Theme::dark());
    assert_eq!(
        defaults.app_context(true).keymap,
        crate::keymap::Keymap::default()
    );
}

#[test]
fn each_setting_is_read() {
    let config = parse(
        r##"
opener = "zathura --fork"
theme = "high-contrast"
clipboard = "osc52"
refresh = "90s"
timezone = "local"
detail_width = 72

[colors]
match = "#ffcc00"
muted = "dark-gray"
"##,
    );
    assert_eq!(config.opener.as_deref(), Some("zathura --fork"));
    assert_eq!(config.theme, ThemeName::HighContrast);
    assert_eq!(config.clipboard, Clipboard::Osc52);
    assert_eq!(config.refresh, Some(Duration::from_secs(90)));
    assert_eq!(config.timezone, ZoneShown::Local);
    assert_eq!(config.detail_width, 72);
    assert_eq!(
        config.colors,
        [
            (Role::Muted, Color::DarkGray),
            (Role::Match, Color::Rgb(0xff, 0xcc, 0)),
        ]
    );
    let theme = config.theme(true);
    assert_eq!(theme.highlight.bg, Some(Color::Rgb(0xff, 0xcc, 0)));
    assert_eq!(theme.dim.fg, Some(Color::DarkGray));
    // The rest is the high-contrast theme's.
    let base = crate::theme::Theme::named(ThemeName::HighContrast);
    assert_eq!(theme.heading, base.heading);
    let ctx = config.app_context(true);
    assert_eq!((ctx.detail_width, ctx.clipboard), (72, Clipboard::Osc52));
    assert_eq!(parse("refresh = \"off\"").refresh, None);
    for theme in ["dark", "light", "mono"] {
        assert_eq!(parse(&format!("theme = \"{theme}\"")).theme.name(), theme);
    }
}

#[test]
fn without_colour_the_theme_has_none_but_marks_the_selection() {
    let config = parse("[colors]\nselection = \"blue\"\nmatch = \"red\"\n");
    let plain = config.app_context(false).theme;
    for style in plain.styles() {
        assert_eq!(
            (style.fg, style.bg, style.underline_color),
            (None, None, None)
        );
    }
    assert!(
        plain
            .selected_focused
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn keys_merge_over_the_defaults() {
    let config = parse(
        r#"
[keys]
star = ["x"]

[keys.list]
down = ["J", "Down"]
star = ["Ctrl-s"]

[keys.prompt]
submit = ["Enter", "Ctrl-j"]
"#,
    );
    // Context-free: every context where star is bound, except where the list says otherwise.
    assert_eq!(
        press(&config, Context::Detail, ch('x')),
        Some(Command::Star)
    );
    assert_eq!(
        press(&config, Context::Agenda, ch('x')),
        Some(Command::Star)
    );
    assert_eq!(press(&config, Context::List, ch('x')), None);
    assert_eq!(
        press(&config, Context::List, ctrl('s')),
        Some(Command::Star)
    );
    assert_eq!(
        press(&config, Context::Detail, ch('s')),
        None,
        "s no longer stars"
    );
    // The list's down: exactly the keys given.
    assert_eq!(press(&config, Context::List, ch('J')), Some(Command::Down));
    assert_eq!(
        press(&config, Context::List, plain(KeyCode::Down)),
        Some(Command::Down)
    );
    assert_eq!(press(&config, Context::List, ch('j')), None);
    assert_eq!(
        press(&config, Context::Detail, ch('j')),
        Some(Command::Down)
    );
    assert_eq!(
        press(&config, Context::Search, ctrl('j')),
        Some(Command::Submit)
    );
    // What is not named stays.
    assert_eq!(
        press(&config, Context::List, ch('o')),
        Some(Command::OpenSlides)
    );
    // The names shown come from the merged keymap.
    assert_eq!(config.keymap.key_for(Context::List, Command::Down), "J");
    assert_eq!(config.keymap.hints(Context::List)[0].0, "J");
    // An empty list unbinds.
    let none = parse("[keys.list]\nopen-slides = []\n");
    assert_eq!(press(&none, Context::List, ch('o')), None);
    assert_eq!(
        press(&none, Context::Detail, ch('o')),
        Some(Command::OpenSlides)
    );
    let alt = parse("[keys.detail]\nquit = [\"Alt-q\"]\n");
    let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
    assert_eq!(
        alt.keymap.lookup(Context::Detail, &alt_q),
        Some(Command::Quit)
    );
}

/// Bad files: each with the start of its report (file, line, column, message) and its help.
#[rustfmt::skip]
const BAD: &[(&str, &str, &str)] = &[
        (
            "them = \"dark\"\n",
            "c.toml:1:1: error: unknown setting `them` at the top level",
            "did you mean `theme`?",
        ),
        (
            "theme = \"drak\"\n",
            "c.toml:1:9: error: unknown `theme` \"drak\"",
            "did you mean \"dark\"?",
        ),
        (
            "theme = \"purple\"\n",
            "c.toml:1:9: error: unknown `theme` \"purple\"",
            "expected one of: \"dark\", \"light\", \"high-contrast\", \"mono\"",
        ),
        (
            "theme = 3\n",
            "c.toml:1:9: error: `theme` is an integer (3), not a string",
            "expected a string",
        ),
        (
            "clipboard = \"osc-52\"\n",
            "c.toml:1:13: error: unknown `clipboard` \"osc-52\"",
            "did you mean \"osc52\"?",
        ),
        (
            "refresh = \"5s\"\n",
            "c.toml:1:11: error: invalid `refresh` \"5s\": refresh at most every 10s",
            "expected \"off\" or a duration",
        ),
        (
            "timezone = \"Europe/Paris\"\n",
            "c.toml:1:12: error: unknown `timezone` \"Europe/Paris\"",
            "expected one of: \"program\", \"local\"",
        ),
        (
            "detail_width = 5\n",
            "c.toml:1:16: error: `detail_width` 5 is out of range",
            "expected a number of columns from 20 to 1000",
        ),
        (
            "detail_width = \"wide\"\n",
            "c.toml:1:16: error: `detail_width` is a string",
            "expected a number of columns",
        ),
        (
            "opener = \"zathura 'open\"\n",
            "c.toml:1:10: error: unusable `opener`",
            "expected a command such as",
        ),
        (
            "[colors]\nmatsh = \"red\"\n",
            "c.toml:2:1: error: unknown colour role `matsh` in [colors]",
            "did you mean `match`?",
        ),
        (
            "[colors]\nheadng = \"red\"\n",
            "c.toml:2:1: error: unknown colour role `headng` in [colors]",
            "did you mean `heading`?",
        ),
        (
            "[colors]\nmatch = \"yelow\"\n",
            "c.toml:2:9: error: unknown colour \"yelow\" for `match`",
            "did you mean \"yellow\"?",
        ),
        (
            "[colors]\nmatch = \"#ffcc0\"\n",
            "c.toml:2:9: error: unknown colour \"#ffcc0\" for `match`",
            "#rrggbb",
        ),
        (
            "[keys]\nstra = [\"x\"]\n",
            "c.toml:2:1: error: unknown action `stra` in [keys]",
            "did you mean `star`?",
        ),
        (
            "[keys.lits]\nstar = [\"x\"]\n",
            "c.toml:1:7: error: unknown context `lits` in [keys]",
            "did you mean `list`?",
        ),
        (
            "[keys.list]\nstar = [\"PageDwn\"]\n",
            "c.toml:2:9: error: unknown key \"PageDwn\" for `star`",
            "did you mean \"PageDown\"?",
        ),
        (
            "[keys.list]\nstar = \"s\"\n",
            "c.toml:2:8: error: `star` is a string (\"s\"), not a list of keys",
            "expected a list of keys",
        ),
        (
            "[keys.list]\ntoggle = [\"t\"]\n",
            "c.toml:2:1: error: `toggle` does nothing in [keys.list] (the talk list)",
            "expected one of: down, up",
        ),
        (
            "[keys.list]\nstar = [\"Ctrl-c\"]\n",
            "c.toml:2:9: error: Ctrl-c cannot be bound to `star`",
            "Ctrl-c always quits",
        ),
        (
            "[keys.list]\nstar = [\"x\"]\nmaybe = [\"y\", \"x\"]\n",
            "c.toml:3:15: error: x is bound to both `star` and `maybe` in [keys.list] (the talk list)",
            "remove it from one of them",
        ),
        (
            "[keys]\nstar = [\"x\"]\n[keys.detail]\nmaybe = [\"x\"]\n",
            "c.toml:4:10: error: x is bound to both `star` and `maybe` in [keys.detail]",
            "remove it",
        ),
        ("theme = \"dark\n", "c.toml:1:", "expected TOML syntax"),
        (
            "colors = 1\n",
            "c.toml:1:10: error: `colors` is an integer (1), not a table",
            "expected a table",
        ),
];

/// Every error: its line and column, what is wrong, what was expected.
#[test]
fn errors_say_where_and_what_was_expected() {
    for (src, start, help) in BAD {
        let report = error(src);
        assert!(report.starts_with(start), "{src:?}:\n{report}");
        assert!(report.contains(help), "{src:?}: no {help:?} in\n{report}");
        assert!(
            report.contains("\n  |\n") && report.contains('^'),
            "{src:?}: no quote\n{report}"
        );
        assert!(
            report.ends_with("c.toml: the configuration file has errors; Lectern did not start"),
            "{report}"
        );
    }
}

#[test]
fn the_error_quotes_the_line_with_a_caret() {
    assert_eq!(
        error("# mine\ntheme = \"drak\"\n"),
        "c.toml:2:9: error: unknown `theme` \"drak\"\n  |\n2 | theme = \"drak\"\n  |         ^\n  = did you mean \"dark\"?\nc.toml: the configuration file has errors; Lectern did not start"
    );
    // Every error at once, in file order.
    let report = error("theme = \"drak\"\nclipboard = \"on\"\n");
    assert!(report.starts_with("c.toml:1:9"), "{report}");
    assert!(
        report.contains("\nc.toml:2:13: error: unknown `clipboard`"),
        "{report}"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    for src in [
        "\u{1b}[2J = 1\n",
        "theme = \"\u{1b}]52;c;aGk=\u{7}\"\n",
        "[keys.list]\nstar = [\"\u{9b}31m\"]\n",
        "[colors]\nmatch = \"\u{1b}[31m\"\n",
    ] {
        let report = error(src);
        assert!(
            !report.chars().any(|c| c.is_control() && c != '\n'),
            "{src:?}: {report:?}"
        );
    }
    let report = Config::parse("x = 1", "c\u{1b}[2J.toml")
        .expect_err("unknown")
        .to_string();
    assert!(!report.contains('\u{1b}'), "{report:?}");
}

/// `lectern config` prints a file that reads back to the same configuration, the defaults
/// and a configuration that changes every setting alike; what a setting changes shows.
#[test]
fn the_printed_configuration_reads_back_the_same() {
    let printed = Config::default().to_toml();
    assert_eq!(parse(&printed), Config::default(), "{printed}");
    for line in [
        "theme = \"dark\"",
        "clipboard = \"off\"",
        "refresh = \"off\"",
        "timezone = \"program\"",
        "detail_width = 100",
        "# opener = \"zathura --fork\"",
        "[keys.list]",
        "down = [\"Down\", \"j\"]  # next talk",
        "[keys.prompt]",
        "quit = [\"q\", \"Ctrl-c\"]  # quit",
        "# match = \"yellow\"",
        "# selection = (none: the theme reverses the row)",
        "# title = \"default\"",
        "# bar = \"236\"",
    ] {
        assert!(
            printed.lines().any(|l| l == line),
            "no {line:?} in\n{printed}"
        );
    }
    let changed = parse(
        r##"
opener = "zathura --fork \"a b\""
theme = "light"
clipboard = "osc52"
refresh = "1h 30m"
timezone = "local"
detail_width = 80

[colors]
selection = "#102030"
clash = "light-magenta"

[keys]
star = ["x", "\"", "\\"]
[keys.list]
search = ["s", "F3"]
open-slides = []
"##,
    );
    let printed = changed.to_toml();
    assert_eq!(parse(&printed), changed, "{printed}");
    for line in [
        "opener = 'zathura --fork \"a b\"'",
        "theme = \"light\"",
        "clipboard = \"osc52\"",
        "refresh = \"1h 30m\"",
        "timezone = \"local\"",
        "detail_width = 80",
        "selection = \"#102030\"",
        "clash = \"light-magenta\"",
        "search = [\"s\", \"F3\"]  # search",
        "open-slides = []  # open the slides",
        "star = [\"x\", '\"', '\\']  # star the talk, or unstar it",
    ] {
        assert!(
            printed.lines().any(|l| l == line),
            "no {line:?} in\n{printed}"
        );
    }
    assert_ne!(printed, Config::default().to_toml());
}

/// A hostile file stays cheap: a list of many keys is refused before its keys are compared
/// with each other, and errors past the cap are counted, not located and kept.
#[test]
fn many_keys_are_refused_at_once() {
    let keys = vec!["\"a\""; 100_000].join(", ");
    let report = error(&format!("[keys.list]\ndown = [{keys}]\n"));
    assert!(
        report.starts_with("c.toml:2:8: error: 100000 keys for `down`"),
        "{}",
        &report[..200]
    );
    assert!(report.contains("expected at most 16 keys for an action"));
    let sixteen = vec!["\"a\""; 16].join(", ");
    let config = parse(&format!("[keys.list]\ndown = [{sixteen}]\n"));
    assert_eq!(config.keymap.key_for(Context::List, Command::Down), "a");
    // Errors past the cap are counted, not listed.
    let many: Vec<String> = (0..500).map(|i| format!("bad{i} = 1")).collect();
    let many = many.join("\n");
    let report = error(&many);
    assert_eq!(report.matches(": error: unknown setting").count(), 200);
    assert!(
        report.contains("300 more errors not shown"),
        "{}",
        &report[report.len() - 200..]
    );
}

#[test]
fn files_are_read_within_limits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "detail_width = 90\n").expect("write");
    assert_eq!(Config::load(&path).expect("loads").detail_width, 90);
    assert_eq!(Config::find(Some(&path)).expect("loads").detail_width, 90);
    let missing = dir.path().join("missing.toml");
    let err = Config::find(Some(&missing))
        .expect_err("missing")
        .to_string();
    assert!(
        err.starts_with(&format!(
            "{}: cannot read the configuration file:",
            missing.display()
        )),
        "{err}"
    );
    let err = Config::load(dir.path()).expect_err("a folder").to_string();
    assert!(err.ends_with("not a regular file"), "{err}");
    let big = format!(
        "# {}\n",
        "x".repeat(usize::try_from(MAX_CONFIG_SIZE).expect("fits"))
    );
    std::fs::write(&path, big).expect("write");
    let err = Config::load(&path).expect_err("too large").to_string();
    assert!(
        err.contains("expected a file of at most 1048576 bytes"),
        "{err}"
    );
    std::fs::write(&path, b"theme = \"d\xE9rk\"\n").expect("write");
    let err = Config::load(&path).expect_err("not UTF-8").to_string();
    assert!(err.contains(":1:11: error: invalid UTF-8"), "{err}");
}
