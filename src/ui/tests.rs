//! The drawing side with the app: frames drawn on a `TestBackend` after every command, as the
//! event loop draws them, checking what the frames measure (the panes, the wrapped detail text
//! and its matches) and what `update` then does with it.

use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::{Areas, Ui, draw};
use crate::action::Command;
use crate::app::test_support::{SCHEDULE, settle};
use crate::app::{App, Focus, PaneRegion, Region, Row};
use crate::context::AppContext;
use crate::program::{Origin, Program, Speaker, Talk, TalkIx};

/// The app on a test terminal, with what the event loop keeps beside it.
pub(super) struct Screen {
    pub(super) app: App,
    pub(super) ui: Ui,
    pub(super) ctx: AppContext,
    size: (u16, u16),
    /// The last frame drawn.
    pub(super) buffer: Option<ratatui::buffer::Buffer>,
}

impl Screen {
    pub(super) fn new(program: Program, width: u16, height: u16) -> Screen {
        let mut screen = Screen {
            app: App::new(program),
            ui: Ui::default(),
            ctx: AppContext::default(),
            size: (width, height),
            buffer: None,
        };
        screen.frame();
        screen
    }

    pub(super) fn frame(&mut self) {
        let (width, height) = self.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|f| draw(&mut self.app, &mut self.ui, &self.ctx, f))
            .expect("draw");
        self.buffer = Some(terminal.backend().buffer().clone());
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.frame();
    }

    /// Commands as the loop handles them: searches carried out, a frame after each.
    pub(super) fn run(&mut self, commands: &[Command]) {
        for &command in commands {
            let effect = self.app.update(command.into());
            settle(&mut self.app, effect);
            self.frame();
        }
    }

    fn status(&self) -> Option<&str> {
        self.app.status.as_ref().map(|s| s.text.as_str())
    }

    /// The plain text of every line of the detail text.
    pub(super) fn detail_text(&self) -> Vec<String> {
        self.ui
            .detail_lines()
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// The plain text of the detail line starting with `label`.
    fn detail_line(&self, label: &str) -> String {
        self.detail_text()
            .into_iter()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label:?} line"))
    }
}

pub(super) fn schedule() -> Program {
    let (program, warnings) = crate::program::parse_str(SCHEDULE, Origin::File("days.toml".into()))
        .expect("the schedule loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    program
}

fn pane(r: Rect) -> Region {
    Region::new(r.x, r.y, r.width, r.height)
}

#[test]
fn narrow_screens_show_only_the_focused_pane() {
    let body = Rect::new(0, 1, 60, 18);
    let areas = Areas::compute(Rect::new(0, 0, 60, 20), Focus::List);
    assert_eq!((areas.list, areas.detail), (Some(body), None));
    let areas = Areas::compute(Rect::new(0, 0, 60, 20), Focus::Detail);
    assert_eq!((areas.list, areas.detail), (None, Some(body)));
    // 69 columns is still narrow; 70 shows both panes.
    assert_eq!(
        Areas::compute(Rect::new(0, 0, 69, 20), Focus::List).detail,
        None
    );
    let areas = Areas::compute(Rect::new(0, 0, 70, 20), Focus::List);
    assert_eq!(areas.list, Some(Rect::new(0, 1, 28, 18)));
    assert_eq!(areas.detail, Some(Rect::new(28, 1, 42, 18)));
    let areas = Areas::compute(Rect::new(0, 0, 80, 24), Focus::Detail);
    assert_eq!(areas.list, Some(Rect::new(0, 1, 32, 22)));
    assert_eq!(areas.detail, Some(Rect::new(32, 1, 48, 22)));
}

/// What a frame reports is where the panes are drawn, and it follows the focus on a narrow
/// screen.
#[test]
fn frames_report_the_panes_they_draw() {
    let mut screen = Screen::new(Program::sample(3), 60, 20);
    let body = pane(Rect::new(0, 1, 60, 18));
    let list = screen.app.list.region.expect("the list is shown");
    assert_eq!(list.pane, body);
    assert_eq!(list.inner, Region::new(1, 2, 58, 16));
    assert_eq!(screen.app.detail.region, None);
    screen.run(&[Command::Select]);
    assert_eq!(screen.app.list.region, None);
    let detail = screen.app.detail.region.expect("the detail is shown");
    // Inside the border, a column of margin on each side and one for the scrollbar.
    assert_eq!(
        detail,
        PaneRegion {
            pane: body,
            inner: Region::new(2, 2, 55, 16)
        }
    );
    screen.resize(80, 24);
    assert!(screen.app.list.region.is_some() && screen.app.detail.region.is_some());
    let text = screen
        .app
        .detail
        .text
        .as_ref()
        .expect("the text is measured");
    assert_eq!(text.lines, screen.ui.detail_lines().len());
    assert_eq!(text.key, screen.app.detail_key());
}

/// A talk whose detail text is 64 lines at 43 columns: title, blank, the "no slides" line,
/// blank, "Abstract", then 30 one-line paragraphs (paragraph `p` on line 5 + 2p) with blanks
/// between. The paragraphs in `with_wafer` mention wafers.
pub(super) fn long_talk(i: usize, with_wafer: &[usize]) -> Talk {
    let paragraphs: Vec<String> = (0..30)
        .map(|p| {
            if with_wafer.contains(&p) {
                format!("paragraph {p} about Wafers")
            } else {
                format!("paragraph {p}")
            }
        })
        .collect();
    Talk {
        kind: None,
        abstract_text: Some(paragraphs.join("\n\n")),
        slides: None,
        tags: Vec::new(),
        speakers: Vec::new(),
        ..Talk::sample(i)
    }
}

/// The text is wrapped by the frame, which tells the app its length and its match lines; `n`
/// and `N` walk through them, and the text is wrapped again only for another talk or query.
#[test]
fn the_measured_matches_drive_n_and_shift_n() {
    let program = Program {
        talks: vec![long_talk(0, &[2, 10, 29]), long_talk(1, &[])],
        ..Program::sample(0)
    };
    let mut screen = Screen::new(program, 80, 24);
    screen.run(&[Command::Search]);
    for c in "wafer".chars() {
        let effect = screen.app.update(crate::action::Action::Insert(c));
        settle(&mut screen.app, effect);
        screen.frame();
    }
    screen.run(&[Command::Submit]);
    let text = screen.app.detail.text.clone().expect("measured");
    assert_eq!((text.lines, text.matches), (64, vec![9, 25, 63]));
    assert_eq!(screen.detail_text()[9], "paragraph 2 about Wafers");
    // The last match is on the last page (64 lines in 20 rows: the last scroll is 44).
    // Scrolled only when the match is off screen.
    let steps = [
        (Command::NextMatch, 0, "match 1 of 3"),
        (Command::NextMatch, 25, "match 2 of 3"),
        (Command::NextMatch, 44, "match 3 of 3"),
        (Command::NextMatch, 9, "match 1 of 3"),
        (Command::PrevMatch, 44, "match 3 of 3"),
    ];
    for (command, scroll, message) in steps {
        screen.run(&[command]);
        assert_eq!(screen.app.detail.scroll, scroll, "{command:?}");
        assert_eq!(screen.status(), Some(message), "{command:?}");
    }
}

/// `n` on a narrow screen where the detail is hidden: the jump waits for the frame that shows
/// the detail and measures its text.
#[test]
fn n_on_a_narrow_list_jumps_once_the_detail_is_drawn() {
    let program = Program {
        talks: vec![long_talk(0, &[10])],
        ..Program::sample(0)
    };
    let mut screen = Screen::new(program, 60, 24);
    let effect = screen.app.start_search("wafer");
    settle(&mut screen.app, effect);
    screen.frame();
    assert_eq!(screen.app.detail.text, None, "the detail is hidden");
    screen.app.update(Command::NextMatch.into());
    assert_eq!(
        (screen.app.focus, screen.app.detail.scroll),
        (Focus::Detail, 0),
        "the hidden detail comes forward"
    );
    screen.frame();
    assert_eq!(screen.app.detail.scroll, 25);
    assert_eq!(screen.status(), Some("match 1 of 1"));
}

#[test]
fn a_fuzzy_match_is_highlighted_on_the_speakers_line() {
    let talk = Talk {
        title: "LLM Training at Wafer-Scale".into(),
        speakers: vec![Speaker {
            name: "Valavan Manohararajah".into(),
            affiliation: Some("Cerebras Systems".into()),
            bio: None,
        }],
        ..Talk::sample(0)
    };
    let program = Program {
        talks: vec![talk],
        ..Program::sample(0)
    };
    let mut screen = Screen::new(program, 80, 24);
    let effect = screen.app.start_search("manoharajah");
    settle(&mut screen.app, effect);
    screen.frame();
    screen.run(&[Command::NextMatch]);
    assert_eq!(screen.status(), Some("match 1 of 1"));
    let highlighted: Vec<String> = screen
        .ui
        .detail_lines()
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| s.style.bg == screen.ctx.theme.highlight.bg)
        .map(|s| s.content.to_string())
        .collect();
    assert_eq!(highlighted, ["Manohara", "jah"]);
}

#[test]
fn times_switch_to_the_local_zone_and_back() {
    // Wide enough for the When line on one line.
    let mut screen = Screen::new(schedule(), 160, 30);
    screen.run(&[Command::ToggleZone]);
    let status = screen.app.status.clone().expect("a status");
    assert_eq!(status.text, "the local time zone is not known");
    assert!(status.is_error);
    assert_eq!(screen.app.display_zone(), None);

    let new_york = TimeZone::get("America/New_York").expect("zone");
    screen.app.clock.local = Some(new_york.clone());
    // Talk 0 (Rust in the kernel): Saturday 10:00 in Brussels is 04:00 in New York.
    screen.run(&[Command::Down, Command::Down]);
    assert_eq!(screen.app.selected_index(), Some(TalkIx(0)));
    let brussels_when = "When    Saturday 2021-02-06, 10:00–10:50 (50 min)";
    assert_eq!(screen.detail_line("When"), brussels_when);
    assert_eq!(screen.detail_line("Where"), "Where   K.1.105 · track Rust");

    screen.run(&[Command::ToggleZone]);
    assert_eq!(screen.app.display_zone(), Some(&new_york));
    assert_eq!(
        screen.status(),
        Some("times in local time (America/New_York)")
    );
    assert_eq!(
        screen.app.zone_label().as_deref(),
        Some("local time (America/New_York)")
    );
    assert_eq!(
        screen.detail_line("When"),
        "When    Saturday 2021-02-06, 04:00–04:50 (50 min)"
    );
    assert_eq!(
        screen.app.view.row(3),
        Some(Row::Talk(TalkIx(0))),
        "the days stay the program's"
    );

    screen.run(&[Command::ToggleZone]);
    assert_eq!(screen.app.display_zone(), None);
    assert_eq!(screen.status(), Some("times in Europe/Brussels"));
    assert_eq!(screen.detail_line("When"), brussels_when);

    // Without times there is nothing to switch.
    let mut screen = Screen::new(Program::sample(3), 80, 24);
    screen.app.clock.local = Some(new_york);
    screen.run(&[Command::ToggleZone]);
    assert_eq!(screen.status(), Some("this program has no times"));
    assert_eq!(screen.app.display_zone(), None);
    assert_eq!(screen.app.zone_label(), None);
}

/// In another zone the date shown with a local time is the local date: the talk at 01:30 on
/// Sunday in Brussels belongs to the conference's Saturday, but in Tokyo it is 09:30 on Sunday.
#[test]
fn a_local_time_goes_with_its_local_date() {
    let mut screen = Screen::new(schedule(), 160, 30);
    screen.app.clock.local = Some(TimeZone::get("Asia/Tokyo").expect("zone"));
    screen.run(&[Command::Down, Command::Down, Command::Down]);
    assert_eq!(screen.app.selected_index(), Some(TalkIx(4)));
    screen.run(&[Command::ToggleZone]);
    assert_eq!(
        screen.detail_line("When"),
        "When    Sunday 2021-02-07, 09:30–10:30 (1 h)"
    );
    // The Opening, Saturday 09:30 in Brussels, is Saturday 17:30 in Tokyo.
    screen.run(&[Command::Top]);
    assert_eq!(
        screen.detail_line("When"),
        "When    Saturday 2021-02-06, 17:30–17:55 (25 min)"
    );
}

/// Every key the screen names comes from the keymap: rebinding changes what is shown.
#[test]
fn key_names_on_screen_follow_the_keymap() {
    use crate::keymap::{Context, Key, ch, plain};
    use crossterm::event::KeyCode;
    let mut screen = Screen::new(Program::sample(3), 100, 30);
    let text = |screen: &mut Screen| {
        let (width, height) = screen.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|f| draw(&mut screen.app, &mut screen.ui, &screen.ctx, f))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let changes: [(Context, Key, Command); 5] = [
        (Context::Help, ch('x'), Command::Back),
        (Context::Help, plain(KeyCode::Esc), Command::ToggleHelp),
        (Context::Filters, ch(' '), Command::Filters),
        (Context::List, ch('s'), Command::Search),
        (Context::List, ch('/'), Command::Filters),
    ];
    for (keys, help, panel, hint, status) in [
        (
            &changes[..0],
            " Esc or ? closes ",
            " Space picks · c clears · Esc closes ",
            "/ search",
            "no search: press / to search",
        ),
        (
            &changes[..],
            " x or ? closes ",
            " Enter picks · c clears · Esc closes ",
            "s search",
            "no search: press s to search",
        ),
    ] {
        screen.ctx.keymap.merge(keys).expect("no conflicts");
        screen.run(&[Command::ToggleHelp]);
        let shown = text(&mut screen);
        assert!(shown.contains(help), "{help:?} in\n{shown}");
        screen.run(&[Command::Back, Command::Filters]);
        let shown = text(&mut screen);
        assert!(shown.contains(panel), "{panel:?} in\n{shown}");
        screen.run(&[Command::Back]);
        let shown = text(&mut screen);
        assert!(shown.contains(hint), "{hint:?} in\n{shown}");
        screen.run(&[Command::NextMatch]);
        let shown = text(&mut screen);
        assert!(shown.contains(status), "{status:?} in\n{shown}");
    }
}

/// A nested list and a code block, as the importer writes them, at a narrow width: every item
/// and code line on a row of its own, no blank row between them, wrapped rows hanging under
/// the item's text; a search match still lands on the word.
#[test]
fn lists_and_code_keep_their_lines_in_the_detail_pane() {
    let abstract_text = crate::sanitize::text(
        "Steps:\n\n- install the tool\n  - then configure it well\n    - check\n\n    \
         fn main() {\n        go();\n    }",
    );
    let program = Program {
        talks: vec![Talk {
            kind: None,
            abstract_text: Some(abstract_text),
            slides: None,
            tags: Vec::new(),
            speakers: Vec::new(),
            ..Talk::sample(0)
        }],
        ..Program::sample(0)
    };
    let theme = crate::theme::Theme::default();
    let query = crate::search::Query::parse("configure");
    let (lines, matches) =
        super::talk_detail::wrap(&program, &theme, Some(TalkIx(0)), 16, &query, None);
    let text: Vec<String> = lines.iter().map(super::text::plain).collect();
    let from = text.iter().position(|l| l == "Abstract").expect("abstract") + 1;
    assert_eq!(
        text[from..],
        [
            "Steps:",
            "",
            "- install the",
            "  tool",
            "  - then",
            "    configure it",
            "    well",
            "    - check",
            "",
            "    fn main() {",
            "        go();",
            "    }",
        ]
    );
    let lines_with: Vec<usize> = matches.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines_with, [from + 5]);
}
