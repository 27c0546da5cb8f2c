//! Drawing what helps a reader find their way: the current match of `n`/`N`, long links kept
//! whole at every width, the detail's measure, the messages overlay, the grouped filter panel.

use super::tests::{Screen, long_talk, schedule};
use crate::action::Command;
use crate::app::test_support::settle;
use crate::program::{Program, Talk, TalkIx};

/// The current match stands out from the others on screen, even when `n` need not scroll.
#[test]
fn the_current_match_is_drawn_unlike_the_others() {
    let program = Program {
        talks: vec![long_talk(0, &[0, 1, 2])],
        ..Program::sample(0)
    };
    let mut screen = Screen::new(program, 80, 24);
    let effect = screen.app.start_search("wafer");
    settle(&mut screen.app, effect);
    screen.frame();
    let theme = screen.ctx.theme.clone();
    // The screen rows (of the whole terminal) holding a cell in `style`.
    let rows_in = |screen: &Screen, style: ratatui::style::Style| -> Vec<u16> {
        let buffer = screen.buffer.as_ref().expect("drawn");
        let mut rows: Vec<u16> = (0..24)
            .filter(|&y| (32..80).any(|x| buffer[(x, y)].bg == style.bg.expect("a colour")))
            .collect();
        rows.dedup();
        rows
    };
    let all = rows_in(&screen, theme.highlight);
    assert!(all.len() >= 3, "{all:?}");
    assert!(rows_in(&screen, theme.current_match).is_empty(), "none yet");
    let mut seen = Vec::new();
    for _ in 0..3 {
        screen.run(&[Command::NextMatch]);
        assert_eq!(screen.app.detail.scroll, 0, "no scroll needed");
        let current = rows_in(&screen, theme.current_match);
        assert_eq!(current.len(), 1, "one current match: {current:?}");
        seen.push(current[0]);
    }
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "it moves down: {seen:?}"
    );
}

/// A link or slides address longer than the pane is never cut: at every width from 20 to 250
/// columns each address is in the text whole (read across the lines it wraps onto), and no
/// line is wider than the pane, where the terminal would cut it.
#[test]
fn long_links_are_complete_at_every_width() {
    let slides = "https://archive.fosdem.org/2021/schedule/event/a_very_long_profiler_talk/attachments/slides/4567/export/events/attachments/profiler-fosdem-2021.pdf";
    let link = "https://github.com/example-organisation/a-rather-long-repository-name/blob/main/docs/profiler-fosdem-2021";
    let talk = Talk {
        slides: Some(slides.into()),
        links: vec![crate::program::Link {
            label: "Code".into(),
            url: link.into(),
        }],
        ..Talk::sample(0)
    };
    let program = Program {
        talks: vec![talk],
        ..Program::sample(0)
    };
    let theme = crate::theme::Theme::default();
    let query = crate::search::Query::default();
    for width in 20..=250u16 {
        let (lines, _) =
            super::talk_detail::wrap(&program, &theme, Some(TalkIx(0)), width, &query, None);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        for text in &texts {
            assert!(
                unicode_width::UnicodeWidthStr::width(text.as_str()) <= usize::from(width),
                "{width}: {text:?} is wider than the pane"
            );
        }
        // The address starts a line or follows its label, and runs on at the start of the
        // lines after it.
        for url in [slides, link] {
            let start = texts
                .iter()
                .position(|t| t.contains(&url[..url.len().min(usize::from(width) / 2)]))
                .unwrap_or_else(|| panic!("{width}: no line starts {url}"));
            let mut joined = texts[start].trim_start().to_owned();
            for next in &texts[start + 1..] {
                if next.starts_with(' ') || next.is_empty() {
                    break;
                }
                joined.push_str(next);
            }
            assert!(joined.contains(url), "{width}: {url} cut: {joined:?}");
        }
    }
}

/// On a wide screen the detail text keeps a readable measure: no line over 100 columns, or
/// over the width the configuration gives.
#[test]
fn the_detail_text_keeps_a_readable_measure() {
    let abstract_text = "word ".repeat(400);
    let talk = Talk {
        abstract_text: Some(abstract_text),
        ..Talk::sample(0)
    };
    let program = Program {
        talks: vec![talk],
        ..Program::sample(0)
    };
    let mut screen = Screen::new(program, 250, 40);
    let widest = |screen: &Screen| {
        screen
            .detail_text()
            .iter()
            .map(|t| unicode_width::UnicodeWidthStr::width(t.as_str()))
            .max()
    };
    let default = widest(&screen);
    assert!(
        default.is_some_and(|w| (90..=100).contains(&w)),
        "{default:?}"
    );
    screen.ctx.detail_width = 60;
    screen.frame();
    let narrow = widest(&screen);
    assert!(narrow.is_some_and(|w| (50..=60).contains(&w)), "{narrow:?}");
    screen.ctx.detail_width = 180;
    screen.frame();
    let wide = widest(&screen);
    assert!(wide.is_some_and(|w| (170..=180).contains(&w)), "{wide:?}");
}

/// The messages overlay shows every message in full, wrapped.
#[test]
fn the_messages_overlay_lists_the_messages() {
    let mut screen = Screen::new(Program::sample(2), 80, 24);
    screen.app.show_loaded(
        None,
        vec![
            "p.toml:3:1: warning: unknown key `colour` in [[talks]]".into(),
            "p.toml:9:1: warning: unknown key `romm`".into(),
        ],
        2,
    );
    screen.run(&[Command::Messages]);
    let buffer = screen.buffer.clone().expect("drawn");
    let text: String = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains(" Messages "), "{text}");
    assert!(
        text.contains("p.toml:3:1: warning: unknown key `colour` in [[talks]]"),
        "{text}"
    );
    assert!(
        text.contains("p.toml:9:1: warning: unknown key `romm`"),
        "{text}"
    );
}

/// The filter panel groups the values under a header per facet, with the counts as the other
/// facets' picks leave them.
#[test]
fn the_filter_panel_groups_values_under_facet_headers() {
    let mut screen = Screen::new(schedule(), 80, 30);
    screen.run(&[Command::Filters]);
    let buffer = screen.buffer.clone().expect("drawn");
    let rows: Vec<String> = (0..30)
        .map(|y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect();
    // The panel is 56 columns wide in the middle of the screen: its text is columns 13..67.
    let inside: Vec<String> = rows
        .iter()
        .map(|r| {
            r.chars()
                .skip(13)
                .take(54)
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    let panel: Vec<&str> = inside.iter().map(String::as_str).collect();
    let start = panel
        .iter()
        .position(|r| *r == "days")
        .expect("a days header");
    assert_eq!(
        panel[start..start + 14],
        [
            "days",
            " [ ] Saturday 2021-02-06 (4)",
            " [ ] Sunday 2021-02-07 (2)",
            "tracks",
            " [ ] Go (1)",
            " [ ] Keynotes (3)",
            " [ ] Lightning (1)",
            " [ ] Rust (1)",
            " [ ] Social (1)",
            "rooms",
            " [ ] Bar (1)",
            " [ ] H.2215 (1)",
            " [ ] Janson (3)",
            " [ ] K.1.105 (1)",
        ]
    );
}
