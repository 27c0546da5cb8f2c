//! Whole screens drawn on a `TestBackend`: snapshots of the states a user sees, a hostile program
//! that must reach the screen only in visible notation, and a sweep over terminal sizes from 0x0
//! to 250x70 in every state, checking that drawing never panics and the selection stays visible
//! (in the timetable too: its grid, and a talk read beside it).

use std::collections::BTreeSet;

mod common;

use common::{
    Screen, app_at, built_in, draw, row_text, run, screen_text, snapshot, text_at, type_text,
};
use lectern::action::{Action, Command};
use lectern::app::{Focus, Overlay, Region};
use lectern::program::{self, Origin, Program};
use lectern::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Characters that must never reach a terminal cell: C0 and C1 controls, DEL, bidi controls and
/// invisible formatting characters.
fn forbidden(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

fn assert_no_forbidden(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(forbidden),
                "{what}: cell ({x}, {y}) holds {symbol:?}"
            );
        }
    }
}

/// The list row of talk `index` as it must appear in `columns` columns: number, title and
/// speakers, cut with `…` when they do not fit.
fn list_row(program: &Program, index: usize, columns: usize) -> String {
    let talk = &program.talks[index];
    let width = program.talks.len().to_string().len();
    let mut row = format!("{:>width$} {}", index + 1, talk.title);
    if !talk.speakers.is_empty() {
        row.push_str(" · ");
        row.push_str(&talk.speaker_names());
    }
    if row.width() <= columns {
        row
    } else if columns == 0 {
        String::new()
    } else {
        truncate(&row, columns - 1) + "…"
    }
}

/// The first `columns` columns of `s`.
fn truncate(s: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.to_string().width();
        if used + w > columns {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// What must hold on every screen, whatever its size and state.
fn check_screen(app: &Screen, terminal: &Terminal<TestBackend>, what: &str) {
    let buffer = terminal.backend().buffer();
    let (width, height) = (buffer.area.width, buffer.area.height);
    assert_eq!(
        app.size,
        (width, height),
        "{what}: drawn at the screen's size"
    );
    assert_no_forbidden(buffer, what);
    if app.timetable.is_some() {
        check_timetable(app, buffer, what);
        return;
    }
    let areas = ui::Areas::compute(Rect::new(0, 0, width, height), app.focus);
    // The frame told the app where the panes are: side by side across the whole width, or
    // the focused one alone ([`the_frame_reports_where_the_panes_are`] has the numbers).
    match (app.list.region, app.detail.region) {
        (Some(list), Some(detail)) => {
            assert_eq!(list.pane.x, 0, "{what}");
            assert_eq!(detail.pane.x, list.pane.width, "{what}");
            assert_eq!(list.pane.width + detail.pane.width, width, "{what}");
        }
        (Some(pane), None) | (None, Some(pane)) => {
            assert_eq!((pane.pane.x, pane.pane.width), (0, width), "{what}");
        }
        (None, None) => {}
    }

    // The header: the position on the right, in words when there is room, else as numbers.
    let (position, compact) = if app.program.talks.is_empty() {
        ("no talks".to_owned(), "no talks".to_owned())
    } else {
        let (n, total) = (app.list.selected + 1, app.program.talks.len());
        (format!("talk {n} of {total}"), format!("{n}/{total}"))
    };
    if height >= 3 {
        let header = row_text(buffer, 0);
        let expected = if position.len() + 8 <= usize::from(width) {
            &position
        } else {
            &compact
        };
        if usize::from(width) > expected.len() {
            assert!(
                header.ends_with(expected.as_str()),
                "{what}: header {header:?} lacks {expected:?}"
            );
        }
    }

    // The footer: the status message when there is one.
    if let Some(status) = &app.status
        && height >= 3
    {
        let footer = row_text(buffer, height - 1);
        // A status wider than the screen is cut, and ends in `…`.
        let expected = if status.text.width() <= usize::from(width) {
            status.text.clone()
        } else if width == 0 {
            String::new()
        } else {
            format!("{}…", truncate(&status.text, usize::from(width) - 1))
        };
        assert!(
            footer.starts_with(&expected),
            "{what}: footer {footer:?} lacks {expected:?}"
        );
    }

    if let Some(Overlay::Help(text)) = &app.overlay {
        check_help(app, buffer, areas.body, text.scroll, what);
        return;
    }

    if let Some(Overlay::Links(links)) = &app.overlay {
        check_links(app, buffer, areas.body, links.selected, what);
        return;
    }

    if let Some(list) = areas.list {
        check_list(app, buffer, list, what);
    }

    // The detail: never scrolled past the end of its text.
    if let Some(detail) = areas.detail {
        let text = ui::talk_detail::text_area(detail);
        let lines = app.ui.detail_lines().len();
        assert!(
            app.detail.scroll <= lines.saturating_sub(usize::from(text.height)),
            "{what}: detail scroll {} with {lines} lines in {} rows",
            app.detail.scroll,
            text.height
        );
    }
}

/// The timetable: the grid and the detail side by side or one alone, the header naming the
/// day, and the selected talk inside the rows and rooms the grid shows.
fn check_timetable(app: &Screen, buffer: &Buffer, what: &str) {
    let (width, height) = (buffer.area.width, buffer.area.height);
    let areas = ui::Areas::for_app(Rect::new(0, 0, width, height), app);
    match (areas.grid, areas.detail) {
        (Some(grid), Some(detail)) => {
            assert_eq!((grid.x, detail.x), (0, grid.width), "{what}");
            assert_eq!(grid.width + detail.width, width, "{what}");
        }
        (Some(pane), None) | (None, Some(pane)) => {
            assert_eq!((pane.x, pane.width), (0, width), "{what}");
        }
        (None, None) => panic!("{what}: neither grid nor detail"),
    }
    let t = app.timetable.as_ref().expect("the timetable");
    let day = t.days.iter().position(|d| *d == t.grid.day).expect("a day") + 1;
    let position = format!("day {day} of {}", t.days.len());
    if height >= 3 && usize::from(width) > position.len() + 8 {
        let header = row_text(buffer, 0);
        assert!(header.ends_with(&position), "{what}: header {header:?}");
    }
    let (Some(view), Some(grid)) = (t.viewport, areas.grid) else {
        return;
    };
    let k = t.selected.expect("a talk selected");
    let placed = t.grid.talks[k];
    if view.rows > 0 {
        assert!(
            placed.top < t.top + view.rows && placed.bottom() > t.top,
            "{what}: rows {}..{} of the selected talk outside the view from {} ({} rows)",
            placed.top,
            placed.bottom(),
            t.top,
            view.rows
        );
        assert!(
            t.top + view.rows <= t.grid.rows.max(view.rows),
            "{what}: scrolled past the end"
        );
    }
    if view.columns > 0 {
        let column = t
            .shown
            .iter()
            .position(|&r| r == placed.room)
            .expect("shown");
        assert!(
            (t.left..t.left + view.columns).contains(&column),
            "{what}: column {column} outside {}+{}",
            t.left,
            view.columns
        );
        // The selected room's name heads its column, when a column has room for a letter.
        let name = t.grid.rooms[placed.room].name.clone().unwrap_or_default();
        let header = row_text(buffer, grid.y + 1);
        if grid.width >= 40 && grid.height >= 4 {
            let start: String = name.chars().take(3).collect();
            assert!(
                header.contains(&start),
                "{what}: {header:?} lacks {start:?}"
            );
        }
    }
}

/// The help overlay: its border and title, its scroll inside its text.
fn check_help(app: &Screen, buffer: &Buffer, body: Rect, scroll: usize, what: &str) {
    let help = ui::help::area(body, &app.ctx);
    if help.width >= 8 && help.height >= 2 {
        let top = text_at(buffer, help.x, help.y, help.width);
        assert!(
            top.starts_with("┌ Keys "),
            "{what}: help top border {top:?}"
        );
    }
    // Never scrolled past its end, and at the end the last line is in the last row.
    let inner = help.inner(ratatui::layout::Margin::new(1, 1));
    let lines = ui::help::line_count(&app.ctx);
    let rows = usize::from(inner.height);
    assert!(
        scroll <= lines.saturating_sub(rows.max(1)),
        "{what}: help scroll {scroll} with {lines} lines in {rows} rows"
    );
    if rows >= 1 && inner.width >= 1 && scroll + rows == lines {
        let last = text_at(buffer, inner.x, inner.bottom() - 1, inner.width);
        let expected = truncate(
            "Mouse: click a talk or a pane; the wheel scrolls.",
            usize::from(inner.width),
        );
        assert!(
            last.starts_with(&expected),
            "{what}: help's last row {last:?}"
        );
    }
}

/// The links list: where it has room, the highlighted link shows its number, highlighted.
fn check_links(app: &Screen, buffer: &Buffer, body: Rect, selected: usize, what: &str) {
    let count = app.talk_links().len();
    if body.width < 12 || usize::from(body.height) < count + 2 {
        return;
    }
    let number = format!("[{}] ", selected + 1);
    // The detail pane beside the overlay numbers the links too: one of the rows that show the
    // number is the overlay's, highlighted.
    let highlighted = (body.y..body.bottom()).any(|y| {
        let text = row_text(buffer, y);
        text.match_indices(&number).any(|(column, _)| {
            let x = u16::try_from(text[..column].width()).unwrap_or(u16::MAX);
            x < buffer.area.width && {
                let cell = &buffer[(x, y)];
                cell.modifier.contains(Modifier::REVERSED) || cell.bg != Color::Reset
            }
        })
    });
    assert!(
        highlighted,
        "{what}: no highlighted row shows link {number}"
    );
}

/// The list: the selected talk is on screen and highlighted, or `no talks` is.
fn check_list(app: &Screen, buffer: &Buffer, list: Rect, what: &str) {
    let rows = ui::talk_list::rows_area(list);
    if rows.height >= 1 && rows.width >= 1 {
        if app.program.talks.is_empty() {
            let first = text_at(buffer, rows.x, rows.y, rows.width);
            let expected = truncate("no talks", usize::from(rows.width));
            assert!(first.starts_with(&expected), "{what}: {first:?}");
        } else {
            let selected = app.list.selected;
            let offset = app.list.offset;
            assert!(
                offset <= selected && selected < offset + usize::from(rows.height),
                "{what}: selection {selected} outside rows {offset}..+{}",
                rows.height
            );
            let y = rows.y + (selected - offset) as u16;
            let text = text_at(buffer, rows.x, y, rows.width);
            let expected = list_row(&app.program, selected, usize::from(rows.width));
            assert!(
                text.starts_with(&expected),
                "{what}: selected row {text:?} lacks {expected:?}"
            );
            let cell = &buffer[(rows.x, y)];
            assert!(
                cell.modifier.contains(Modifier::REVERSED) || cell.bg != Color::Reset,
                "{what}: the selected row is not highlighted"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

#[test]
fn first_screen() {
    let mut app = app_at(built_in(), 100, 30);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "first screen");
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("ASSYST @ ISCA 2023: Keynote Talks · built-in program"));
    assert!(text.contains("talk 1 of 4"));
    insta::assert_snapshot!("first_screen", snapshot(&mut terminal));
}

#[test]
fn detail_scrolled() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::FocusNext]);
    run(&mut app, &[Command::Down; 8]);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.detail.scroll, 8);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "detail scrolled");
    insta::assert_snapshot!("detail_scrolled", snapshot(&mut terminal));
}

#[test]
fn detail_at_the_bottom() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::FocusNext, Command::Bottom]);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "detail at the bottom");
    let lines = app.ui.detail_lines().len();
    let rows = app.detail.region.expect("the detail is shown").inner.rows();
    assert_eq!(app.detail.scroll, lines - rows);
    insta::assert_snapshot!("detail_bottom", snapshot(&mut terminal));
}

#[test]
fn about_overlay() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::About]);
    assert!(matches!(&app.overlay, Some(Overlay::About(t)) if t.scroll == 0));
    let mut terminal = draw(&mut app, 100, 30);
    let text = screen_text(terminal.backend().buffer());
    for wanted in [
        "Keynotes of the ASSYST workshop at ISCA 2023",
        "Web   https://sites.google.com/view/assyst/isca-2023/keynote-talks",
        "4 talks, 4 speakers",
    ] {
        assert!(text.contains(wanted), "{wanted:?} in\n{text}");
    }
    insta::assert_snapshot!("about_overlay", snapshot(&mut terminal));
    // Scrolling stops at the end of the text; Esc closes.
    run(&mut app, &[Command::Bottom]);
    assert!(
        matches!(&app.overlay, Some(Overlay::About(t)) if t.scroll == 0),
        "it all fits"
    );
    run(&mut app, &[Command::Back]);
    assert!(app.overlay.is_none());
}

#[test]
fn help_overlay() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::ToggleHelp]);
    assert!(matches!(&app.overlay, Some(Overlay::Help(t)) if t.scroll == 0));
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "help");
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("Talk list"));
    assert!(text.contains("next talk"));
    insta::assert_snapshot!("help_overlay", snapshot(&mut terminal));
}

#[test]
fn help_overlay_at_the_bottom() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::ToggleHelp, Command::Bottom]);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "help at the bottom");
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("Mouse: click a talk or a pane; the wheel scrolls."));
    insta::assert_snapshot!("help_overlay_bottom", snapshot(&mut terminal));
}

#[test]
fn narrow_list_then_detail() {
    let mut app = app_at(built_in(), 60, 20);
    let mut terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "narrow list");
    assert!(app.detail.region.is_none());
    insta::assert_snapshot!("narrow_list", snapshot(&mut terminal));

    run(&mut app, &[Command::Select]);
    assert_eq!(app.focus, Focus::Detail);
    let mut terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "narrow detail");
    assert!(app.list.region.is_none());
    insta::assert_snapshot!("narrow_detail", snapshot(&mut terminal));
}

#[test]
fn status_message() {
    let mut app = app_at(built_in(), 100, 30);
    assert_eq!(app.program.talks[0].slides, None);
    let effect = app.update(Action::Command(Command::OpenSlides));
    assert_eq!(effect, None);
    let status = app.status.clone().expect("a status message");
    assert_eq!(status.text, "no slides for this talk");
    assert!(!status.is_error);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "status");
    let footer = row_text(terminal.backend().buffer(), 29);
    assert!(footer.starts_with("no slides for this talk "), "{footer:?}");
    insta::assert_snapshot!("status_no_slides", snapshot(&mut terminal));

    // The next command clears it: the key hints come back.
    run(&mut app, &[Command::Down]);
    assert_eq!(app.status, None);
    let terminal = draw(&mut app, 100, 30);
    let footer = row_text(terminal.backend().buffer(), 29);
    assert!(footer.starts_with("↓ move"), "{footer:?}");
}

#[test]
fn empty_program() {
    let (program, warnings) = program::parse_str(
        "[program]\ntitle = \"Nothing yet\"\n",
        Origin::File("empty.toml".into()),
    )
    .expect("a program without talks loads");
    assert_eq!(warnings.len(), 1);
    assert!(program.talks.is_empty());
    let mut app = app_at(program, 100, 30);
    run(
        &mut app,
        &[Command::Down, Command::OpenSlides, Command::Bottom],
    );
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "empty program");
    insta::assert_snapshot!("empty_program", snapshot(&mut terminal));
}

#[test]
fn many_talks_last_selected() {
    let mut app = app_at(Program::sample(500), 100, 30);
    run(&mut app, &[Command::Bottom]);
    assert_eq!(app.list.selected, 499);
    assert_eq!(app.list.offset, 500 - 26);
    let mut terminal = draw(&mut app, 100, 30);
    check_screen(&app, &terminal, "500 talks");
    insta::assert_snapshot!("many_talks_last", snapshot(&mut terminal));
}

// ---------------------------------------------------------------------------------------------
// A hostile program
// ---------------------------------------------------------------------------------------------

/// Terminal escapes (CSI, OSC, bell), C1 controls, bidi overrides and isolates, zero-width and
/// tag characters, a very long word, CJK, emoji and combining characters, in every field that
/// reaches the screen.
const HOSTILE: &str = r#"
[program]
title = "Evil\u001b[2J\u001b]0;owned\u0007 Con\u202e2202\u202c"
subtitle = "sub\u009b31mtitle"

[[talks]]
title = "Red \u001b[31malert\u001b[0m C1\u009b1m \u202egnp.exe\u202c tab\there"
kind = "k\u200bi\u200dn\ufeffd\U000E0041"
slides = "slides/a\u001b[5m.pdf"
tags = ["\u001b[1mbold", "zero\u200bwidth", "東京"]
abstract = """
Bidi \u2066isolated\u2069 and \u202doverridden\u202c text, zero\u200bwidth\u2060joined, \
bell\u0007 backspace\u0008 delete\u007f nel\u0085 csi\u009b end.

Pneumonoultramicroscopicsilicovolcanoconiosis_Pneumonoultramicroscopicsilicovolcanoconiosis_Pneumonoultramicroscopicsilicovolcanoconiosis_end

東京で国際会議を開催します。日本語の文章は空白なしで長く続きますので、折り返しが正しく行われることを確認します。
Combining: e\u0301 a\u0308 n\u0303 Z\u0335\u0321a\u0336\u0322l\u0337g\u0338o; emoji 👩\u200d💻 🇯🇵."""

[[talks.speakers]]
name = "Mallory \u001b[1mBold\u001b[0m\u0085"
affiliation = "Évil Çorp\u2067 \u05e2\u05d1\u05e8\u05d9\u05ea\u2069"
bio = "Writes \u001b]8;;http://evil.example\u001b\\links\u001b]8;;\u001b\\ and \u001b[?1049h screens."

[[talks]]
title = "東京の会議: 長いタイトルが幅を超えても崩れないこと、そして全角文字が正しく切り詰められること"
abstract = "Ｆｕｌｌｗｉｄｔｈ text and a̶̧ combining mark."

[[talks.speakers]]
name = "Zoë\u0301 Łukasiewicz-Ōtsuka"

[[talks]]
title = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
"#;

fn hostile() -> Program {
    let (program, _) = program::parse_str(HOSTILE, Origin::File("hostile.toml".into()))
        .expect("the hostile program loads");
    program
}

#[test]
fn hostile_program_is_loaded_in_visible_notation() {
    let program = hostile();
    assert_eq!(program.info.title, "Evil␛[2J␛]0;owned␇ Con2202");
    assert_eq!(
        program.talks[0].title,
        "Red ␛[31malert␛[0m C1<U+009B>1m gnp.exe tab here"
    );
    assert_eq!(program.talks[0].kind.as_deref(), Some("kind"));
    assert_eq!(
        program.talks[0].speakers[0].name,
        "Mallory ␛[1mBold␛[0m<U+0085>"
    );
    assert_eq!(program.talks.len(), 3);
}

fn assert_hostile_screen(terminal: &Terminal<TestBackend>, what: &str) -> String {
    let buffer = terminal.backend().buffer();
    assert_no_forbidden(buffer, what);
    let text = screen_text(buffer);
    for row in text.lines() {
        assert!(!row.chars().any(forbidden), "{what}: {row:?}");
        // Wide and combining characters take the columns they are given: nothing shifts.
        assert_eq!(
            row.width(),
            usize::from(buffer.area.width),
            "{what}: {row:?}"
        );
    }
    text
}

#[test]
fn hostile_program_screens() {
    let mut app = app_at(hostile(), 100, 40);
    let mut terminal = draw(&mut app, 100, 40);
    check_screen(&app, &terminal, "hostile list");
    let text = assert_hostile_screen(&terminal, "hostile list");
    assert!(text.contains("Evil␛[2J␛]0;owned␇ Con2202"), "{text}");
    assert!(
        text.contains("Red ␛[31malert␛[0m C1<U+009B>1m gnp.exe"),
        "{text}"
    );
    assert!(text.contains("bell␇ backspace␈ delete␡ nel<U+0085> csi<U+009B> end."));
    insta::assert_snapshot!("hostile_list", snapshot(&mut terminal));

    app.resize(100, 16);
    run(&mut app, &[Command::FocusNext, Command::Bottom]);
    assert!(app.detail.scroll > 0);
    let mut terminal = draw(&mut app, 100, 16);
    check_screen(&app, &terminal, "hostile detail");
    assert_hostile_screen(&terminal, "hostile detail");
    insta::assert_snapshot!("hostile_detail_bottom", snapshot(&mut terminal));

    run(&mut app, &[Command::FocusList, Command::Down]);
    let mut terminal = draw(&mut app, 100, 40);
    check_screen(&app, &terminal, "hostile CJK");
    assert_hostile_screen(&terminal, "hostile CJK");
    insta::assert_snapshot!("hostile_cjk", snapshot(&mut terminal));

    run(&mut app, &[Command::Down]);
    let terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "hostile long word, narrow");
    assert_hostile_screen(&terminal, "hostile long word, narrow");
    run(&mut app, &[Command::Select]);
    let mut terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "hostile long word, narrow detail");
    assert_hostile_screen(&terminal, "hostile long word, narrow detail");
    insta::assert_snapshot!("hostile_long_word_narrow", snapshot(&mut terminal));
}

/// The check above must be able to fail: a raw escape drawn on the screen is caught.
#[test]
fn forbidden_characters_are_caught() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
    buffer[(3, 0)].set_symbol("\u{1b}");
    let result = std::panic::catch_unwind(|| assert_no_forbidden(&buffer, "raw escape"));
    assert!(result.is_err());
    for c in [
        '\u{1b}', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}', '\u{200b}',
    ] {
        assert!(forbidden(c), "{c:?}");
    }
    for c in ['a', ' ', '␛', '東', '\u{301}'] {
        assert!(!forbidden(c), "{c:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

fn widths() -> Vec<u16> {
    let mut set: BTreeSet<u16> = (0..=12).collect();
    set.extend((13..=250).step_by(37));
    // The list's minimum width, the help's width, the narrow-layout switch, the list's
    // maximum width, and the largest size.
    set.extend([28, 29, 51, 52, 53, 69, 70, 71, 159, 160, 161, 250]);
    set.into_iter().collect()
}

fn heights() -> Vec<u16> {
    let mut set: BTreeSet<u16> = (0..=6).collect();
    set.extend((7..=70).step_by(16));
    set.extend([24, 30, 69, 70]);
    // Around the height where the whole help fits: its lines, its border, header and footer.
    let help = ui::help::line_count(&lectern::context::AppContext::default()) as u16 + 4;
    set.extend((help - 2..=help + 1).filter(|h| *h <= 70));
    set.into_iter().collect()
}

/// A screen state, set up on an app that already knows its size.
#[derive(Debug, Clone, Copy)]
enum State {
    List,
    DetailBottom,
    HelpBottom,
    Status,
    Empty,
    ManyLast,
    Links,
    Pipe,
    /// The timetable of a two-day schedule of 30 rooms, on its second day, paged down.
    Timetable,
    /// A talk of that timetable read (beside the grid, or across the screen).
    TimetableDetail,
}

/// A two-day schedule: 30 rooms, talks every 25 minutes from 09:00 (two overlapping in each
/// room at noon), tracks in turn, one talk without a time.
fn timed_program(talks: usize) -> Program {
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").expect("zone");
    let mut program = Program::sample(talks);
    program.info.timezone = Some(zone.clone());
    for (i, talk) in program.talks.iter_mut().enumerate().skip(1) {
        let day = 6 + i % 2;
        let slot = (i / 60) % 24;
        let minutes = 9 * 60 + slot * 25 + usize::from(slot == 12) * 5;
        let text = format!("2021-02-{day:02}T{:02}:{:02}", minutes / 60, minutes % 60);
        talk.start = Some(program::schedule::date_time(&text, Some(&zone)).expect("time"));
        talk.duration = Some(jiff::SignedDuration::from_mins(if slot == 11 {
            40
        } else {
            25
        }));
        talk.room = Some(format!("Room {}", (i / 2) % 30));
        talk.track = Some(format!("Track {}", i % 7));
    }
    program
}

impl State {
    fn app(self, built_in: &Program, width: u16, height: u16) -> Screen {
        let program = match self {
            State::Empty => Program::sample(0),
            State::ManyLast => Program::sample(500),
            State::Timetable | State::TimetableDetail => timed_program(600),
            _ => built_in.clone(),
        };
        let mut app = app_at(program, width, height);
        match self {
            State::List | State::Empty => run(&mut app, &[Command::Down, Command::Down]),
            State::DetailBottom => run(
                &mut app,
                &[Command::Down, Command::FocusNext, Command::Bottom],
            ),
            State::HelpBottom => run(&mut app, &[Command::ToggleHelp, Command::Bottom]),
            State::Status => run(&mut app, &[Command::OpenSlides]),
            State::ManyLast => run(&mut app, &[Command::Bottom]),
            State::Links => run(&mut app, &[Command::Down, Command::Links, Command::Down]),
            State::Pipe => {
                run(&mut app, &[Command::Pipe]);
                type_text(&mut app, "tee -a ~/notes.txt | wc -w");
            }
            State::Timetable => run(
                &mut app,
                &[
                    Command::Timetable,
                    Command::NextDay,
                    Command::Right,
                    Command::Right,
                    Command::Right,
                    Command::PageDown,
                    Command::Down,
                ],
            ),
            State::TimetableDetail => run(
                &mut app,
                &[
                    Command::Timetable,
                    Command::Right,
                    Command::Down,
                    Command::Select,
                ],
            ),
        }
        app
    }
}

fn sweep(state: State) {
    let program = built_in();
    let mut draws = 0;
    for width in widths() {
        for height in heights() {
            let mut app = state.app(&program, width, height);
            let terminal = draw(&mut app, width, height);
            check_screen(&app, &terminal, &format!("{state:?} at {width}x{height}"));
            draws += 1;
        }
    }
    assert!(draws > 13 * 7);
}

#[test]
fn sweep_list() {
    sweep(State::List);
}

#[test]
fn sweep_detail_scrolled_to_the_bottom() {
    sweep(State::DetailBottom);
}

#[test]
fn sweep_help_scrolled() {
    sweep(State::HelpBottom);
}

#[test]
fn sweep_status_message() {
    sweep(State::Status);
}

#[test]
fn sweep_empty_program() {
    sweep(State::Empty);
}

#[test]
fn sweep_500_talks_last_selected() {
    sweep(State::ManyLast);
}

#[test]
fn sweep_links_list() {
    sweep(State::Links);
}

#[test]
fn sweep_pipe_prompt() {
    sweep(State::Pipe);
}

#[test]
fn sweep_timetable() {
    sweep(State::Timetable);
}

#[test]
fn sweep_timetable_detail() {
    sweep(State::TimetableDetail);
}

/// The sweep covers every tiny size, both sides of the narrow-layout switch and the largest
/// size.
#[test]
fn sweep_covers_the_edges() {
    let widths = widths();
    let heights = heights();
    for w in (0..=12).chain([69, 70, 71, 250]) {
        assert!(widths.contains(&w), "width {w}");
    }
    for h in (0..=6).chain([70]) {
        assert!(heights.contains(&h), "height {h}");
    }
    assert!(!widths.contains(&251) && !heights.contains(&71));
}

// ---------------------------------------------------------------------------------------------
// Resizing between states
// ---------------------------------------------------------------------------------------------

/// Sizes down from large to nothing and back up, crossing the narrow-layout switch.
const SHRINK_AND_GROW: &[(u16, u16)] = &[
    (250, 70),
    (200, 50),
    (120, 30),
    (80, 24),
    (71, 12),
    (70, 12),
    (69, 12),
    (60, 8),
    (40, 5),
    (30, 4),
    (20, 3),
    (12, 2),
    (5, 1),
    (3, 0),
    (0, 0),
    (1, 1),
    (9, 4),
    (69, 6),
    (70, 6),
    (100, 30),
    (250, 70),
];

fn resize_through(app: &mut Screen, what: &str) {
    for &(width, height) in SHRINK_AND_GROW {
        let terminal = draw(app, width, height);
        check_screen(app, &terminal, &format!("{what} at {width}x{height}"));
    }
}

#[test]
fn list_selection_stays_visible_while_resizing() {
    // The last talk, then one in the middle of the list, then the first.
    let mut app = app_at(Program::sample(500), 250, 70);
    run(&mut app, &[Command::Bottom]);
    resize_through(&mut app, "last of 500");
    assert_eq!(app.list.selected, 499);

    let mut app = app_at(Program::sample(500), 250, 70);
    run(
        &mut app,
        &[Command::Bottom, Command::PageUp, Command::PageUp],
    );
    let selected = app.list.selected;
    assert!(selected > 300 && selected < 499, "{selected}");
    resize_through(&mut app, "middle of 500");
    assert_eq!(app.list.selected, selected);

    // Moving while small, then growing.
    let mut app = app_at(Program::sample(500), 40, 5);
    run(&mut app, &[Command::PageDown; 50]);
    let terminal = draw(&mut app, 40, 5);
    check_screen(&app, &terminal, "paged down at 40x5");
    resize_through(&mut app, "paged down");
}

#[test]
fn timetable_selection_stays_visible_while_resizing() {
    let mut app = app_at(timed_program(600), 250, 70);
    run(
        &mut app,
        &[Command::Timetable, Command::Bottom, Command::Right],
    );
    let selected = app.timetable.as_ref().and_then(|t| t.selected);
    resize_through(&mut app, "timetable");
    assert_eq!(app.timetable.as_ref().and_then(|t| t.selected), selected);
    run(&mut app, &[Command::Select]);
    resize_through(&mut app, "timetable detail");
}

#[test]
fn list_selection_stays_visible_after_reading_in_the_narrow_layout() {
    let mut app = app_at(Program::sample(500), 60, 20);
    run(&mut app, &[Command::PageDown; 3]);
    let terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "narrow, paged");
    run(&mut app, &[Command::Select]);
    let terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "narrow detail");
    run(&mut app, &[Command::Back]);
    let terminal = draw(&mut app, 60, 20);
    check_screen(&app, &terminal, "narrow, back in the list");
    resize_through(&mut app, "back in the list");
}

#[test]
fn detail_scroll_stays_inside_the_text_while_resizing() {
    for talk in 0..4 {
        let mut app = app_at(built_in(), 100, 30);
        run(&mut app, &[Command::Down; 3][..talk]);
        run(&mut app, &[Command::FocusNext, Command::Bottom]);
        assert!(app.detail.scroll > 0);
        resize_through(&mut app, &format!("detail of talk {talk}"));
        assert_eq!(app.list.selected, talk);
    }
    // A detail that fits on a large screen is not scrolled there.
    let mut app = app_at(built_in(), 71, 12);
    run(
        &mut app,
        &[
            Command::Down,
            Command::Down,
            Command::FocusNext,
            Command::Bottom,
        ],
    );
    assert!(app.detail.scroll > 0);
    let terminal = draw(&mut app, 250, 70);
    check_screen(&app, &terminal, "grown to 250x70");
    assert_eq!(app.detail.scroll, 0);
}

#[test]
fn status_survives_resizing() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::OpenSlides]);
    resize_through(&mut app, "status");
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("no slides for this talk")
    );
}

#[test]
fn help_scrolled_while_small_shows_its_top_when_it_fits_again() {
    let mut app = app_at(built_in(), 100, 12);
    run(&mut app, &[Command::ToggleHelp, Command::Bottom]);
    let terminal = draw(&mut app, 100, 12);
    check_screen(&app, &terminal, "help at the bottom, small");
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("Mouse: click a talk or a pane"), "{text}");

    // The whole help fits on a screen taller than it: all of it is shown, from its first line.
    let help_lines = ui::help::line_count(&app.ctx);
    let tall = u16::try_from(help_lines + 6).expect("help height");
    let terminal = draw(&mut app, 100, tall);
    check_screen(&app, &terminal, "help, grown");
    let text = screen_text(terminal.backend().buffer());
    let body = ui::Areas::compute(Rect::new(0, 0, 100, tall), app.focus).body;
    let area = ui::help::area(body, &app.ctx);
    assert_eq!(usize::from(area.height), help_lines + 2);
    let first = text_at(
        terminal.backend().buffer(),
        area.x + 1,
        area.y + 1,
        area.width - 2,
    );
    assert!(
        first.starts_with("Talk list"),
        "the help's first line is {first:?}; screen:\n{text}"
    );
}

#[test]
fn help_survives_resizing() {
    let mut app = app_at(built_in(), 250, 70);
    run(&mut app, &[Command::ToggleHelp, Command::PageDown]);
    resize_through(&mut app, "help");
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
}

#[test]
fn reading_a_talk_in_the_narrow_layout_keeps_the_list_scroll() {
    // 60x20: 16 list rows. Three pages down, the selection is on the last row.
    let mut app = app_at(Program::sample(500), 60, 20);
    run(&mut app, &[Command::PageDown; 3]);
    let before = app.list;
    assert_eq!(before.selected, 45);
    assert_eq!(before.offset, 30);
    run(&mut app, &[Command::Select, Command::Back]);
    assert_eq!(app.list, before, "Enter then Esc moved the list");
}

/// Where the frame says the panes are, for a few screens, as numbers written out.
#[test]
fn the_frame_reports_where_the_panes_are() {
    let r = Region::new;
    let cases = [
        // width, height, focus: list pane, detail pane
        (
            80,
            24,
            Focus::List,
            Some(r(0, 1, 32, 22)),
            Some(r(32, 1, 48, 22)),
        ),
        (
            80,
            24,
            Focus::Detail,
            Some(r(0, 1, 32, 22)),
            Some(r(32, 1, 48, 22)),
        ),
        (
            200,
            50,
            Focus::List,
            Some(r(0, 1, 64, 48)),
            Some(r(64, 1, 136, 48)),
        ),
        (
            70,
            10,
            Focus::List,
            Some(r(0, 1, 28, 8)),
            Some(r(28, 1, 42, 8)),
        ),
        (69, 10, Focus::List, Some(r(0, 1, 69, 8)), None),
        (69, 10, Focus::Detail, None, Some(r(0, 1, 69, 8))),
        (30, 2, Focus::List, Some(r(0, 0, 30, 2)), None),
    ];
    for (width, height, focus, list, detail) in cases {
        let mut app = app_at(built_in(), width, height);
        app.focus = focus;
        draw(&mut app, width, height);
        let what = format!("{width}x{height} {focus:?}");
        assert_eq!(app.list.region.map(|p| p.pane), list, "{what}");
        assert_eq!(app.detail.region.map(|p| p.pane), detail, "{what}");
    }
}
