//! The theme: every style the screen uses, as a value built at start-up and handed to
//! rendering with the keymap, in the application context. Four complete themes ship
//! ([`ThemeName`]: `dark`, the default, `light`, `high-contrast`, `mono`); the configuration
//! file picks one and recolours single roles ([`Role`], in [`roles`]); without colour
//! ([`Theme::without_colour`], for `NO_COLOR`) every colour is stripped and attributes alone
//! mark what colour marked, so nothing that draws needs to know.

use ratatui::style::{Color, Modifier, Style};

mod named;
pub mod roles;

pub use roles::{BadColour, Role, colour_name, parse_colour};

/// The themes Lectern ships; the configuration file names them in kebab-case.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// The strongest contrasts: bright colours on black, bold marks.
    HighContrast,
    /// No colour: bold, underline and reverse only.
    Mono,
}

impl ThemeName {
    /// The name in the configuration file: `high-contrast`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every theme, in declaration order.
    pub fn all() -> impl Iterator<Item = ThemeName> {
        <ThemeName as strum::IntoEnumIterator>::iter()
    }
}

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
    /// The `dark` theme.
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    /// The theme called `name`, complete.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => named::light(),
            ThemeName::HighContrast => named::high_contrast(),
            ThemeName::Mono => named::mono(),
        }
    }

    /// Light text on a dark terminal: the default.
    pub fn dark() -> Theme {
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

impl Theme {
    /// This theme without a single colour, for `NO_COLOR` and `--color never`: every
    /// foreground, background and underline colour removed, and the attributes of the `mono`
    /// theme added to each style, so that what colour marked (a match, the bars, a heading)
    /// is still marked, by bold, underline or reverse. The selection keeps its reverse.
    #[must_use]
    pub fn without_colour(&self) -> Theme {
        let mono = named::mono();
        let strip = |style: Style, marks: Style| {
            let mut plain = Style {
                fg: None,
                bg: None,
                underline_color: None,
                ..style
            };
            plain.add_modifier |= marks.add_modifier;
            plain.sub_modifier -= marks.add_modifier;
            plain
        };
        // Written out field by field, without `..`: a new style cannot be forgotten here.
        let Theme {
            title,
            dim,
            bar,
            key,
            error,
            info,
            border,
            border_focused,
            selected_focused,
            selected,
            heading,
            label,
            missing,
            highlight,
            current_match,
            highlight_reversed,
            now,
            pick,
            clash,
            tracks: _,
        } = self.clone();
        Theme {
            title: strip(title, mono.title),
            dim: strip(dim, mono.dim),
            bar: strip(bar, mono.bar),
            key: strip(key, mono.key),
            error: strip(error, mono.error),
            info: strip(info, mono.info),
            border: strip(border, mono.border),
            border_focused: strip(border_focused, mono.border_focused),
            selected_focused: strip(selected_focused, mono.selected_focused),
            selected: strip(selected, mono.selected),
            heading: strip(heading, mono.heading),
            label: strip(label, mono.label),
            missing: strip(missing, mono.missing),
            highlight: strip(highlight, mono.highlight),
            current_match: strip(current_match, mono.current_match),
            highlight_reversed: strip(highlight_reversed, mono.highlight_reversed),
            now: strip(now, mono.now),
            pick: strip(pick, mono.pick),
            clash: strip(clash, mono.clash),
            // Track colours are colour and nothing else: boxes are told apart by their borders.
            tracks: Vec::new(),
        }
    }

    /// Every style, for checks over all of them.
    pub fn styles(&self) -> Vec<Style> {
        let mut styles = vec![
            self.title,
            self.dim,
            self.bar,
            self.key,
            self.error,
            self.info,
            self.border,
            self.border_focused,
            self.selected_focused,
            self.selected,
            self.heading,
            self.label,
            self.missing,
            self.highlight,
            self.current_match,
            self.highlight_reversed,
            self.now,
            self.pick,
            self.clash,
        ];
        styles.extend(self.tracks.iter().copied());
        styles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_dark_and_themes_differ() {
        assert_eq!(Theme::default(), Theme::named(ThemeName::Dark));
        let themes: Vec<Theme> = ThemeName::all().map(Theme::named).collect();
        for (i, a) in themes.iter().enumerate() {
            for b in &themes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        let names: Vec<&str> = ThemeName::all().map(ThemeName::name).collect();
        assert_eq!(names, ["dark", "light", "high-contrast", "mono"]);
    }

    #[test]
    fn mono_has_no_colour_and_without_colour_strips_every_one() {
        let no_colour = |style: &Style| {
            style.fg.is_none() && style.bg.is_none() && style.underline_color.is_none()
        };
        assert!(Theme::named(ThemeName::Mono).styles().iter().all(no_colour));
        for name in ThemeName::all() {
            let plain = Theme::named(name).without_colour();
            assert!(plain.styles().iter().all(no_colour), "{name:?}");
            // What colour marked is still marked: the selection reversed, matches and the
            // current match unlike plain text and unlike each other.
            assert!(
                plain
                    .selected_focused
                    .add_modifier
                    .contains(Modifier::REVERSED),
                "{name:?}"
            );
            for style in [
                plain.highlight,
                plain.current_match,
                plain.bar,
                plain.heading,
            ] {
                assert!(!style.add_modifier.is_empty(), "{name:?}: {style:?}");
            }
            assert_ne!(plain.highlight, plain.current_match, "{name:?}");
        }
        let mut underlined = Theme::dark();
        underlined.title = underlined.title.underline_color(Color::Red);
        assert_eq!(underlined.without_colour().title.underline_color, None);
    }
}
