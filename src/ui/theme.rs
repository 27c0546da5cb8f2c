//! Every style in one place.

use ratatui::style::{Color, Modifier, Style};

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const BAR: Style = Style::new().bg(Color::Indexed(236)).fg(Color::Gray);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
pub const INFO: Style = Style::new().fg(Color::LightGreen);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const SELECTED_FOCUSED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const SELECTED: Style = Style::new()
    .bg(Color::Indexed(238))
    .add_modifier(Modifier::BOLD);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC);
pub const MISSING: Style = Style::new()
    .fg(Color::DarkGray)
    .add_modifier(Modifier::ITALIC);
/// A search match, in the list and in the detail.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
/// A match on a reversed row: shows as [`MATCH`] once reversed.
pub const MATCH_REVERSED: Style = Style::new().fg(Color::Yellow).bg(Color::Black);
/// The marker of a talk running now or next.
pub const NOW: Style = Style::new()
    .fg(Color::LightGreen)
    .add_modifier(Modifier::BOLD);
