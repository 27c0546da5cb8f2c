//! Each case is a pair of programs (TOML) and the lines `lectern diff` prints for them.

use super::*;
use crate::program::{Origin, parse_str};

const HEAD: &str = "[program]\ntitle = \"P\"\ntimezone = \"Europe/Brussels\"\n";

fn program(talks: &str) -> Program {
    parse_str(&format!("{HEAD}{talks}"), Origin::BuiltIn)
        .expect("the case's program loads")
        .0
}

const A: &str = "[[talks]]\nid = \"a\"\ntitle = \"Alpha\"\nstart = \"2024-02-03T10:00\"\nduration = 30\nroom = \"A\"\nabstract = \"x\"\n[[talks.speakers]]\nname = \"Ann\"\n";
const B: &str = "[[talks]]\nid = \"b\"\ntitle = \"Beta\"\n";

#[test]
fn changes_are_one_line_per_talk() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("same", A, A, &[]),
        ("added", A, &format!("{A}{B}"), &["+ b  Beta"]),
        ("gone", &format!("{A}{B}"), A, &["- b  Beta"]),
        (
            "marked cancelled in its title",
            B,
            "[[talks]]\nid = \"b\"\ntitle = \"CANCELLED: Beta\"\n",
            &["- b  CANCELLED: Beta"],
        ),
        (
            "marked cancelled by its kind",
            B,
            "[[talks]]\nid = \"b\"\ntitle = \"Beta\"\nkind = \"Cancelled\"\n",
            &["- b  Beta"],
        ),
        (
            "cancelled then, gone now: nothing new",
            "[[talks]]\nid = \"b\"\ntitle = \"Beta\"\ntags = [\"canceled\"]\n",
            "",
            &[],
        ),
        (
            "cancelled then, back now",
            "[[talks]]\nid = \"b\"\ntitle = \"Beta\"\ntags = [\"canceled\"]\n",
            B,
            &["+ b  Beta"],
        ),
        (
            "a later time",
            A,
            &A.replace("T10:00", "T11:00"),
            &["~ a  Alpha: time 10:00 → 11:00"],
        ),
        (
            "another day, same time",
            A,
            &A.replace("03T10", "04T10"),
            &["~ a  Alpha: day Sat 2024-02-03 → Sun 2024-02-04"],
        ),
        (
            "the same instant written with an offset is no move",
            A,
            &A.replace("T10:00", "T09:00Z"),
            &[],
        ),
        (
            "another room",
            A,
            &A.replace("room = \"A\"", "room = \"B\""),
            &["~ a  Alpha: room A → B"],
        ),
        (
            "no room any more",
            A,
            &A.replace("room = \"A\"\n", ""),
            &["~ a  Alpha: room A → no room"],
        ),
        (
            "unscheduled",
            A,
            &A.replace("start = \"2024-02-03T10:00\"\nduration = 30\n", ""),
            &["~ a  Alpha: day Sat 2024-02-03 → unscheduled, time 10:00 → unscheduled"],
        ),
        (
            "title, speakers and abstract",
            A,
            &A.replace("Alpha", "Alpha!")
                .replace("Ann", "Bob")
                .replace("\"x\"", "\"y\""),
            &["~ a  Alpha!: title, speakers, abstract"],
        ),
        (
            "a duration alone is not reported",
            A,
            &A.replace("duration = 30", "duration = 45"),
            &[],
        ),
        (
            "new first in the new order, then the gone ones",
            &format!("{B}{A}"),
            &format!(
                "[[talks]]\nid = \"c\"\ntitle = \"Gamma\"\n{}",
                A.replace("room = \"A\"", "room = \"C\"")
            ),
            &["+ c  Gamma", "~ a  Alpha: room A → C", "- b  Beta"],
        ),
    ];
    for (name, old, new, expected) in cases {
        let lines: Vec<String> = compare(&program(old), &program(new))
            .iter()
            .map(Change::line)
            .collect();
        assert_eq!(lines, *expected, "{name}");
    }
}

#[test]
fn counts_say_what_kind_of_change() {
    let old = program(&format!("{A}{B}"));
    let moved = A
        .replace("room = \"A\"", "room = \"B\"")
        .replace("\"x\"", "\"z\"");
    let new = program(&format!(
        "{moved}[[talks]]\nid = \"c\"\ntitle = \"C\"\n[[talks]]\nid = \"d\"\ntitle = \"D\"\n"
    ));
    let counts = Counts::of(&compare(&old, &new));
    assert_eq!(
        counts,
        Counts {
            new: 2,
            cancelled: 1,
            moved: 1,
            changed: 0
        }
    );
    assert_eq!(counts.to_string(), "2 new, 1 cancelled, 1 moved");
    assert_eq!(Counts::default().to_string(), "no changes");
    let retitled = program(&A.replace("Alpha", "Omega"));
    assert_eq!(
        Counts::of(&compare(&program(A), &retitled)).to_string(),
        "1 changed"
    );
}
