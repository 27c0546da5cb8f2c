//! The theme: every style the screen uses, as a value built at start-up (the default here; a
//! configuration file can build another) and handed to rendering with the keymap, in the
//! application context.

use ratatui::style::{Color, Modifier, Style};

/// Every style of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub bar: Style,
    pub key: Style,
    pub error: Style,
    pub info: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected_focused: Style,
    pub selected: Style,
    pub heading: Style,
    pub label: Style,
    pub missing: Style,
    /// A search match, in the list and in the detail.
    pub highlight: Style,
    /// The match `n`/`N` moved to, in the detail: unlike the other matches.
    pub current_match: Style,
    /// A match on a reversed row: shows as `highlight` once reversed.
    pub highlight_reversed: Style,
    /// The marker of a talk running now or next.
    pub now: Style,
    /// A talk's pick: `★` starred, `☆` maybe.
    pub pick: Style,
    /// A clash with a starred talk: `!`.
    pub clash: Style,
    /// The timetable's talk boxes, one style per track in turn (by the track's first
    /// appearance in the program); empty for a theme without colours.
    pub tracks: Vec<Style>,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            bar: Style::new().bg(Color::Indexed(236)).fg(Color::Gray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::LightGreen),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            selected_focused: Style::new().add_modifier(Modifier::REVERSED),
            selected: Style::new()
                .bg(Color::Indexed(238))
                .add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            missing: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            highlight: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            highlight_reversed: Style::new().fg(Color::Yellow).bg(Color::Black),
            now: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            pick: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            clash: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            tracks: [24, 22, 88, 54, 94, 23, 58, 89, 18, 52]
                .into_iter()
                .map(|c| Style::new().bg(Color::Indexed(c)).fg(Color::White))
                .collect(),
        }
    }
}
