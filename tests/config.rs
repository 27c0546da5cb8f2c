//! `lectern config` and the configuration file from the outside: the effective configuration
//! printed in full and read back the same, the file found under `$XDG_CONFIG_HOME` or named by
//! `--config`, and a bad or missing file reported with exit status 2.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// Runs `lectern ARGS` with `home` as `$XDG_CONFIG_HOME`.
fn lectern(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("LECTERN_OPENER")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run lectern")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn config_prints_the_defaults_and_they_read_back_the_same() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = lectern(home.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.contains("\ntheme = \"dark\"\n"), "{printed}");
    assert!(
        printed.contains("\n[keys.list]\ndown = [\"Down\", \"j\"]  # next talk\n"),
        "{printed}"
    );
    // `lectern config > ~/.config/lectern/config.toml`, then again: the same.
    write(&home.path().join("lectern/config.toml"), &printed);
    let again = lectern(home.path(), &["config"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(text(&again.stdout), printed);
}

#[test]
fn a_changed_setting_shows_and_reads_back() {
    let home = tempfile::tempdir().expect("tempdir");
    write(
        &home.path().join("lectern/config.toml"),
        "theme = \"mono\"\ndetail_width = 64\n[keys]\nstar = [\"x\"]\n[colors]\nmatch = \"#ffcc00\"\n",
    );
    let out = lectern(home.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    for line in [
        "theme = \"mono\"",
        "detail_width = 64",
        "match = \"#ffcc00\"",
        "star = [\"x\"]  # star the talk, or unstar it",
    ] {
        assert!(
            printed.lines().any(|l| l == line),
            "no {line:?} in\n{printed}"
        );
    }
    assert!(!printed.contains("theme = \"dark\""), "{printed}");
    // Printed into another file and named with --config: the same again.
    let copy = home.path().join("copy.toml");
    write(&copy, &printed);
    let empty = tempfile::tempdir().expect("tempdir");
    let again = lectern(
        empty.path(),
        &["config", "--config", copy.to_str().expect("UTF-8")],
    );
    assert_eq!(text(&again.stdout), printed);
    // --config wins over the file in the configuration folder.
    let other = home.path().join("other.toml");
    write(&other, "theme = \"light\"\n");
    let out = lectern(
        home.path(),
        &["config", "--config", other.to_str().expect("UTF-8")],
    );
    assert!(text(&out.stdout).contains("\ntheme = \"light\"\n"));
}

#[test]
fn a_bad_or_missing_file_exits_2_with_its_place() {
    let home = tempfile::tempdir().expect("tempdir");
    let bad = home.path().join("lectern/config.toml");
    write(&bad, "[colors]\nmatch = \"yelow\"\n");
    for args in [&["config"][..], &["program.toml"][..]] {
        let out = lectern(home.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!(
                "{}:2:9: error: unknown colour \"yelow\" for `match`\n  |\n2 | match = \"yelow\"\n  |         ^\n  = did you mean \"yellow\"?\n",
                bad.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
    let missing = home.path().join("missing.toml");
    let out = lectern(
        home.path(),
        &["config", "--config", missing.to_str().expect("UTF-8")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "{}: cannot read the configuration file:",
            missing.display()
        )),
        "{err}"
    );
    // Without a file anywhere, the defaults.
    let empty = tempfile::tempdir().expect("tempdir");
    let out = lectern(empty.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_help_names_the_configuration_and_colour_options() {
    let home = tempfile::tempdir().expect("tempdir");
    let help = text(&lectern(home.path(), &["--help"]).stdout);
    for option in ["--config <FILE>", "--color <WHEN>", "config "] {
        assert!(help.contains(option), "no {option:?} in\n{help}");
    }
    let out = lectern(home.path(), &["config", "--color", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn colour_is_on_for_a_terminal_unless_no_color_says_otherwise() {
    use lectern::config::ColorWhen;
    use std::ffi::OsStr;
    let set = Some(OsStr::new("1"));
    let empty = Some(OsStr::new(""));
    for (when, no_color, terminal, colour) in [
        (ColorWhen::Auto, None, true, true),
        (ColorWhen::Auto, empty, true, true),
        (ColorWhen::Auto, set, true, false),
        (ColorWhen::Auto, None, false, false),
        (ColorWhen::Always, set, false, true),
        (ColorWhen::Never, None, true, false),
    ] {
        assert_eq!(
            when.colour(no_color, terminal),
            colour,
            "{when:?} {no_color:?} {terminal}"
        );
    }
}

/// The README's example file loads, and says what the README says it does.
#[test]
fn the_readme_example_loads() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read the README");
    let section = &readme[readme.find("## Configuration").expect("the section")..];
    let start = section.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").expect("its end")];
    let home = tempfile::tempdir().expect("tempdir");
    let file = home.path().join("example.toml");
    write(&file, example);
    let out = lectern(
        home.path(),
        &["config", "--config", file.to_str().expect("UTF-8")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    for line in [
        "theme = \"light\"",
        "opener = \"zathura --fork\"",
        "clipboard = \"osc52\"",
        "refresh = \"10m\"",
        "timezone = \"local\"",
        "detail_width = 80",
        "match = \"#ffcc00\"",
        "selection = \"blue\"",
        "down = [\"j\", \"Down\", \"Ctrl-n\"]  # next talk",
        "open-slides = []  # open the slides",
        "star = [\"x\"]  # star the talk, or unstar it",
    ] {
        assert!(
            printed.lines().any(|l| l == line),
            "no {line:?} in\n{printed}"
        );
    }
}

mod hostile {
    use lectern::config::Config;
    use proptest::prelude::*;

    /// Pieces of configuration files, right and wrong, with hostile characters among them.
    fn piece() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "theme",
            "opener",
            "clipboard",
            "refresh",
            "timezone",
            "detail_width",
            "colors",
            "keys",
            "keys.list",
            "keys.prompt",
            "down",
            "star",
            "match",
            "selection",
            "dark",
            "mono",
            "osc52",
            "Ctrl-d",
            "PageDown",
            "F1",
            "#ffcc00",
            "\u{1b}[2J",
            "\u{9b}",
            "\u{202e}",
            "\u{200b}",
            "\"",
            "'",
            "[",
            "]",
            "=",
            "\n",
            ",",
            "é",
            "10m",
            "80",
        ]);
        prop::collection::vec(word, 0..40).prop_map(|words| words.concat())
    }

    /// A line of a file that means something, so that files get past the TOML syntax.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            piece().prop_map(|p| format!("theme = \"{p}\"\n")),
            piece().prop_map(|p| format!("[keys.list]\ndown = [\"{p}\"]\n")),
            piece().prop_map(|p| format!("[colors]\nmatch = \"{p}\"\n")),
            piece().prop_map(|p| format!("{p} = 1\n")),
            piece(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the file, the check never panics, what loads prints back to itself, and
        /// no report carries a control character.
        #[test]
        fn any_file_is_checked_cleanly(lines in prop::collection::vec(line(), 0..8)) {
            let text = lines.concat();
            match Config::parse(&text, "c\u{1b}.toml") {
                Ok(config) => {
                    let printed = config.to_toml();
                    let again = Config::parse(&printed, "c.toml");
                    prop_assert!(again.as_ref().is_ok_and(|a| *a == config), "{printed}");
                }
                Err(e) => {
                    let report = e.to_string();
                    prop_assert!(
                        !report.chars().any(|c| c.is_control() && c != '\n'
                            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{200b}')),
                        "{report:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let home = tempfile::tempdir().expect("tempdir");
    let file = home.path().join("mine.toml");
    write(&file, "theme = \"light\"\n");
    let path = file.to_str().expect("UTF-8");
    for args in [["--config", path, "config"], ["config", "--config", path]] {
        let out = lectern(home.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains("\ntheme = \"light\"\n"),
            "{args:?}"
        );
    }
    let out = lectern(home.path(), &["--color", "never", "config"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn browsing_arguments_are_refused_with_a_subcommand() {
    let home = tempfile::tempdir().expect("tempdir");
    for (args, said) in [
        (
            &["program.toml", "config"][..],
            "the program 'program.toml' is for browsing",
        ),
        (
            &["--opener", "true", "config"][..],
            "--opener is for browsing",
        ),
        (
            &["--search", "rust", "config"][..],
            "--search is for browsing",
        ),
    ] {
        let out = lectern(home.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            text(&out.stderr).contains(said),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}
