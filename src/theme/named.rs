//! The themes besides `dark`: `light`, `high-contrast` and `mono`, each a complete [`Theme`].

use ratatui::style::{Color, Modifier, Style};

use super::Theme;

/// Dark text on a light terminal: no yellow text, darker greys, a light-grey bar.
pub(super) fn light() -> Theme {
    Theme {
        title: Style::new().add_modifier(Modifier::BOLD),
        dim: Style::new().fg(Color::Indexed(243)),
        bar: Style::new().bg(Color::Indexed(254)).fg(Color::Black),
        key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        info: Style::new().fg(Color::Green),
        border: Style::new().fg(Color::Indexed(248)),
        border_focused: Style::new().fg(Color::Blue),
        selected_focused: Style::new().add_modifier(Modifier::REVERSED),
        selected: Style::new()
            .bg(Color::Indexed(253))
            .add_modifier(Modifier::BOLD),
        heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        label: Style::new()
            .fg(Color::Indexed(240))
            .add_modifier(Modifier::ITALIC),
        missing: Style::new()
            .fg(Color::Indexed(244))
            .add_modifier(Modifier::ITALIC),
        highlight: Style::new().fg(Color::Black).bg(Color::LightYellow),
        current_match: Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        highlight_reversed: Style::new().fg(Color::LightYellow).bg(Color::Black),
        now: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        pick: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        clash: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        // Pale backgrounds under black text.
        tracks: [153, 194, 224, 189, 229, 159, 223, 225, 152, 187]
            .into_iter()
            .map(|c| Style::new().bg(Color::Indexed(c)).fg(Color::Black))
            .collect(),
    }
}

/// The strongest contrasts: bright colours on a dark terminal, white borders, bold marks.
pub(super) fn high_contrast() -> Theme {
    let bold = Modifier::BOLD;
    Theme {
        title: Style::new().fg(Color::White).add_modifier(bold),
        dim: Style::new().fg(Color::Gray),
        bar: Style::new().bg(Color::White).fg(Color::Black),
        key: Style::new().fg(Color::LightCyan).add_modifier(bold),
        error: Style::new()
            .fg(Color::LightRed)
            .add_modifier(bold | Modifier::UNDERLINED),
        info: Style::new().fg(Color::LightGreen).add_modifier(bold),
        border: Style::new().fg(Color::White),
        border_focused: Style::new().fg(Color::LightYellow).add_modifier(bold),
        selected_focused: Style::new().add_modifier(Modifier::REVERSED | bold),
        selected: Style::new()
            .fg(Color::White)
            .add_modifier(bold | Modifier::UNDERLINED),
        heading: Style::new().fg(Color::LightYellow).add_modifier(bold),
        label: Style::new().fg(Color::White).add_modifier(Modifier::ITALIC),
        missing: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        highlight: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(bold),
        current_match: Style::new()
            .fg(Color::Black)
            .bg(Color::LightMagenta)
            .add_modifier(bold | Modifier::UNDERLINED),
        highlight_reversed: Style::new()
            .fg(Color::LightYellow)
            .bg(Color::Black)
            .add_modifier(bold),
        now: Style::new().fg(Color::LightGreen).add_modifier(bold),
        pick: Style::new().fg(Color::LightYellow).add_modifier(bold),
        clash: Style::new().fg(Color::LightRed).add_modifier(bold),
        // The sixteen-colour palette's strongest pairs.
        tracks: [
            (Color::Blue, Color::White),
            (Color::Green, Color::Black),
            (Color::Red, Color::White),
            (Color::Cyan, Color::Black),
            (Color::Magenta, Color::White),
            (Color::Yellow, Color::Black),
        ]
        .into_iter()
        .map(|(bg, fg)| Style::new().bg(bg).fg(fg).add_modifier(bold))
        .collect(),
    }
}

/// No colour at all: bold, underline, italic, dim and reverse. Also the marks that
/// [`Theme::without_colour`] adds to a coloured theme.
pub(super) fn mono() -> Theme {
    let bold = Modifier::BOLD;
    Theme {
        title: Style::new().add_modifier(bold),
        dim: Style::new().add_modifier(Modifier::DIM),
        bar: Style::new().add_modifier(Modifier::REVERSED),
        key: Style::new().add_modifier(bold),
        error: Style::new().add_modifier(bold),
        info: Style::new(),
        border: Style::new(),
        border_focused: Style::new().add_modifier(bold),
        selected_focused: Style::new().add_modifier(Modifier::REVERSED),
        selected: Style::new().add_modifier(bold),
        heading: Style::new().add_modifier(bold | Modifier::UNDERLINED),
        label: Style::new().add_modifier(Modifier::ITALIC),
        missing: Style::new().add_modifier(Modifier::ITALIC),
        highlight: Style::new().add_modifier(bold | Modifier::UNDERLINED),
        current_match: Style::new().add_modifier(Modifier::REVERSED | bold | Modifier::UNDERLINED),
        highlight_reversed: Style::new().add_modifier(bold | Modifier::UNDERLINED),
        now: Style::new().add_modifier(bold),
        pick: Style::new().add_modifier(bold),
        clash: Style::new().add_modifier(bold),
        tracks: Vec::new(),
    }
}
