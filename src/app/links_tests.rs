//! `u`, `y` and `|` in `update`: the links list and the effects it asks for.

use std::path::PathBuf;

use super::test_support::{app_with, run, type_text};
use super::{App, Effect, Focus, LinksOverlay, Overlay};
use crate::action::{Action, Command};
use crate::keymap::Context;
use crate::program::{Link, Program, TalkIx};

/// Three talks: the first with slides, two links and a page; the second with nothing; the
/// third with slides only. The program has a web page.
fn program() -> Program {
    let mut program = Program::sample(3);
    program.info.url = Some("https://conf.example/".into());
    program.talks[0].links = vec![
        Link {
            label: crate::links::TALK_PAGE.into(),
            url: "https://conf.example/t/0".into(),
        },
        Link {
            label: "Video".into(),
            url: "https://video.example/0".into(),
        },
    ];
    program.talks[1].slides = None;
    program.info.url = Some("https://conf.example/".into());
    program
}

fn opens(target: &str) -> Effect {
    Effect::OpenSlides {
        slides: target.into(),
        base: PathBuf::from("/programs"),
    }
}

fn status(app: &App) -> Option<(&str, bool)> {
    app.status.as_ref().map(|s| (s.text.as_str(), s.is_error))
}

#[test]
fn u_lists_the_links_and_a_number_opens_one_with_the_slides_checks() {
    let mut app = app_with(program());
    assert_eq!(app.update(Command::Links.into()), None);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Links(LinksOverlay { selected: 0 }))
    ));
    assert_eq!(app.context(), Context::Links);
    let targets: Vec<String> = app.talk_links().into_iter().map(|l| l.target).collect();
    assert_eq!(
        targets,
        [
            "slides/talk-0.pdf",
            "https://video.example/0",
            "https://conf.example/t/0",
            "https://conf.example/"
        ]
    );
    // `3`: the talk's page, through the same effect (and checks) as the slides; the list closes.
    assert_eq!(
        app.update(Action::OpenNumber(3)),
        Some(opens("https://conf.example/t/0"))
    );
    assert!(app.overlay.is_none());
    // A number past the list opens nothing and says so; the list stays.
    run(&mut app, &[Command::Links]);
    assert_eq!(app.update(Action::OpenNumber(5)), None);
    assert_eq!(status(&app), Some(("no link 5 for this talk", true)));
    assert!(matches!(app.overlay, Some(Overlay::Links(_))));
    // A digit outside the list means nothing.
    run(&mut app, &[Command::Back]);
    assert_eq!(app.update(Action::OpenNumber(1)), None);
}

#[test]
fn enter_opens_the_highlighted_link_and_esc_closes() {
    let mut app = app_with(program());
    run(&mut app, &[Command::FocusDetail, Command::Links]);
    run(
        &mut app,
        &[Command::Down, Command::Down, Command::Down, Command::Down],
    );
    assert!(
        matches!(
            app.overlay,
            Some(Overlay::Links(LinksOverlay { selected: 3 }))
        ),
        "stops at the last link"
    );
    run(&mut app, &[Command::Up, Command::Top, Command::Down]);
    assert_eq!(
        app.update(Command::Select.into()),
        Some(opens("https://video.example/0"))
    );
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::Detail, "the detail keeps the keyboard");
    for close in [Command::Back, Command::Links] {
        run(&mut app, &[Command::Links]);
        assert_eq!(app.update(close.into()), None);
        assert!(app.overlay.is_none(), "{close:?}");
    }
}

#[test]
fn a_talk_without_links_says_so() {
    let mut program = program();
    program.info.url = None;
    let mut app = app_with(program);
    run(&mut app, &[Command::Down, Command::Links]);
    assert!(app.overlay.is_none());
    assert_eq!(status(&app), Some(("no links for this talk", false)));
    assert_eq!(app.update(Command::CopyLink.into()), None);
    assert_eq!(status(&app), Some(("no link to copy for this talk", false)));
}

#[test]
fn y_copies_the_highlighted_link_else_the_talk_page_else_the_first() {
    let mut app = app_with(program());
    let copy = |text: &str| Some(Effect::Copy(text.into()));
    assert_eq!(
        app.update(Command::CopyLink.into()),
        copy("https://conf.example/t/0")
    );
    run(&mut app, &[Command::Links, Command::Down]);
    assert_eq!(
        app.update(Command::CopyLink.into()),
        copy("https://video.example/0")
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Links(_))),
        "copying keeps the list"
    );
    run(&mut app, &[Command::Back, Command::Down]);
    // The second talk has only the program's page.
    assert_eq!(
        app.update(Command::CopyLink.into()),
        copy("https://conf.example/")
    );
    run(&mut app, &[Command::Down]);
    assert_eq!(
        app.update(Command::CopyLink.into()),
        copy("slides/talk-2.pdf")
    );
}

#[test]
fn the_pipe_prompt_runs_the_command_on_the_selected_talk() {
    let mut app = app_with(program());
    run(&mut app, &[Command::Down, Command::Pipe]);
    assert!(matches!(app.overlay, Some(Overlay::Pipe(_))));
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "wc -lx");
    run(&mut app, &[Command::DeleteBack]);
    app.update(Action::Paste(" | tr -d ' '\n".into()));
    let Some(Effect::Pipe {
        command,
        program,
        talk,
    }) = app.update(Command::Submit.into())
    else {
        panic!("a pipe effect");
    };
    assert_eq!(command, "wc -l | tr -d ' '");
    assert_eq!(talk, TalkIx::from_index(1));
    assert!(std::sync::Arc::ptr_eq(&program.0, &app.program));
    assert!(app.overlay.is_none());
    assert_eq!(
        app.search.input.text(),
        "",
        "the search prompt is untouched"
    );
    // Esc and an empty command run nothing.
    run(&mut app, &[Command::Pipe]);
    type_text(&mut app, "cat");
    assert_eq!(app.update(Command::Back.into()), None);
    assert!(app.overlay.is_none());
    // `↑` brings back the commands run, not the ones given up; `↓` past the newest empties.
    run(&mut app, &[Command::Pipe]);
    type_text(&mut app, "wc -w");
    app.update(Command::Submit.into());
    run(
        &mut app,
        &[Command::Pipe, Command::HistoryPrev, Command::HistoryPrev],
    );
    let prompt = |app: &App| match &app.overlay {
        Some(Overlay::Pipe(input)) => input.text().to_owned(),
        _ => panic!("the pipe prompt is open"),
    };
    assert_eq!(prompt(&app), "wc -l | tr -d ' '");
    run(&mut app, &[Command::HistoryNext]);
    assert_eq!(prompt(&app), "wc -w");
    run(&mut app, &[Command::HistoryNext]);
    assert_eq!(prompt(&app), "");
    assert_eq!(app.search.history.entries(), Vec::<String>::new());
    run(&mut app, &[Command::Back]);
    run(&mut app, &[Command::Pipe]);
    type_text(&mut app, "  ");
    assert_eq!(app.update(Command::Submit.into()), None);
    assert!(app.overlay.is_none());
}
