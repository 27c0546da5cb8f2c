//! Whole screens of a talk's links, drawn on a `TestBackend`: the numbers beside the links in
//! the detail pane, the `u` overlay that lists them under the same numbers, and the `|`
//! prompt on the footer line.

mod common;

use common::{app_at, cursor, run, screen_text, snapshot, type_text};
use lectern::action::Command;
use lectern::program::{self, Origin};

/// One talk with slides, a link given twice, an event page, and a program with a web page.
const PROGRAM: &str = r#"
[program]
title = "Link Days"
url = "https://links.example/"

[[talks]]
id = "linked"
title = "A talk with every kind of link"
slides = "slides/deck.pdf"
links = [
  { label = "Event page", url = "https://links.example/talk/1" },
  { label = "Video", url = "https://video.example/1" },
  { label = "Recording", url = "https://video.example/1" },
  { label = "Paper", url = "https://papers.example/1.pdf" },
]

[[talks]]
id = "bare"
title = "A talk with no links"
"#;

fn program() -> program::Program {
    program::parse_str(PROGRAM, Origin::BuiltIn)
        .expect("the program loads")
        .0
}

/// The links as the detail pane shows them: `[n] text`, in order of the lines they are on.
fn numbered(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let start = line.find('[')?;
            let rest = &line[start..];
            rest.as_bytes()
                .get(1)
                .is_some_and(u8::is_ascii_digit)
                .then(|| {
                    rest.trim_end_matches(['│', '█', '║', '▲', '▼', ' '])
                        .to_owned()
                })
        })
        .collect()
}

#[test]
fn the_detail_and_the_links_list_number_the_links_alike() {
    let mut app = app_at(program(), 110, 24);
    let terminal = app.frame();
    let detail = numbered(&screen_text(terminal.backend().buffer()));
    let expected = [
        "[1] slides/deck.pdf",
        "[2] Video: https://video.example/1",
        "[3] Paper: https://papers.example/1.pdf",
        "[4] Talk page: https://links.example/talk/1",
        "[5] https://links.example/",
    ];
    assert_eq!(detail, expected);
    run(&mut app, &[Command::Links, Command::Down]);
    let mut terminal = app.frame();
    let text = screen_text(terminal.backend().buffer());
    let listed = numbered(&text);
    // The overlay lists each link under the number the detail gives it.
    for line in expected {
        let (number, _) = line.split_once(' ').expect("a number");
        let target = line.rsplit(' ').next().expect("a target");
        assert!(
            listed
                .iter()
                .any(|l| l.starts_with(&format!("{number} ")) && l.ends_with(target)),
            "{line} in the list:\n{text}"
        );
    }
    assert!(text.contains("[1] Slides: slides/deck.pdf"), "{text}");
    assert!(
        text.contains("[5] Program page: https://links.example/"),
        "{text}"
    );
    insta::assert_snapshot!("links_overlay", snapshot(&mut terminal));
}

#[test]
fn a_talk_without_links_says_so_and_the_pipe_prompt_edits_a_command() {
    let mut program = program();
    program.info.url = None;
    let mut app = app_at(program, 80, 12);
    run(&mut app, &[Command::Down, Command::Links]);
    let terminal = app.frame();
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("no links for this talk"), "{text}");
    assert!(!text.contains(" Links · "), "{text}");
    run(&mut app, &[Command::Pipe]);
    type_text(&mut app, "wc -l");
    let mut terminal = app.frame();
    let text = screen_text(terminal.backend().buffer());
    let footer = text.lines().last().unwrap_or_default();
    assert_eq!(footer.trim_end(), "|wc -l", "{text}");
    let position = cursor(&mut terminal).expect("the cursor shows in the prompt");
    assert_eq!((position.x, position.y), (6, 11));
}
