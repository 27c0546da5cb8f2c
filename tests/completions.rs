//! `lectern completions SHELL` and `lectern man`: each prints something the shell or `man` can
//! use, naming every subcommand.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// The subcommands every script and the manual page must name.
const SUBCOMMANDS: [&str; 7] = [
    "check",
    "import",
    "agenda",
    "diff",
    "completions",
    "man",
    "config",
];

fn stdout_of(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("run lectern");
    assert!(out.status.success(), "lectern {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: no {sub} in\n{script}");
        }
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lectern.bash");
    std::fs::write(&path, stdout_of(&["completions", "bash"])).expect("write");
    let checked = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("run bash -n");
    assert!(
        checked.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Command::new(BIN)
        .args(["completions", "tcsh"])
        .output()
        .expect("run lectern");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let page = stdout_of(&["man"]);
    // clap_mangen opens with two string definitions (`.ie`/`.el`), then the title macro; the
    // title must come before the first section.
    let title = page
        .find("\n.TH lectern 1")
        .expect("a .TH lectern 1 title line");
    let first_section = page.find("\n.SH ").expect("a section");
    assert!(title < first_section, "title after a section:\n{page}");
    assert!(
        page.lines().all(|l| !l.is_empty()),
        "roff has no blank lines"
    );
    for sub in SUBCOMMANDS {
        assert!(page.contains(sub), "no {sub} in\n{page}");
    }
}
