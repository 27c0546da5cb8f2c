//! Colour roles: the names under which the configuration file's `[colors]` table recolours
//! one part of a theme (`match = "#ffcc00"`), and colours as the file writes them: a name
//! (`light-red`, `default`), `#rrggbb`, or a number of the 256-colour palette (`"236"`).

use ratatui::style::{Color, Modifier};

use super::Theme;

/// A part of the screen that `[colors]` can recolour. Names are kebab-case: `current-match`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Role {
    Title,
    Heading,
    Label,
    Muted,
    Border,
    BorderFocused,
    Bar,
    BarText,
    Key,
    Error,
    Info,
    Selection,
    SelectionUnfocused,
    Match,
    CurrentMatch,
    Marker,
    Pick,
    Clash,
}

impl Role {
    /// The name in `[colors]`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every role, in declaration order.
    pub fn all() -> impl Iterator<Item = Role> {
        <Role as strum::IntoEnumIterator>::iter()
    }

    /// What the role colours, for `lectern config` and the README.
    pub fn describe(self) -> &'static str {
        match self {
            Role::Title => "the program's title in the header, a talk's title in the detail",
            Role::Heading => "day headers, the detail's and overlays' headings",
            Role::Label => "field names, subtitles and notes in the detail and the agenda",
            Role::Muted => "secondary text: rooms and speakers in the list, missing values",
            Role::Border => "pane borders",
            Role::BorderFocused => "the border of the focused pane",
            Role::Bar => "the header and footer bars (background)",
            Role::BarText => "the text of the header and footer bars",
            Role::Key => "key names in the footer and the help",
            Role::Error => "errors on the status line",
            Role::Info => "news on the status line, free time in the agenda",
            Role::Selection => {
                "the selected row of the focused pane (background; themes without it reverse the row)"
            }
            Role::SelectionUnfocused => {
                "the selected talk while the list is not focused (background)"
            }
            Role::Match => "search matches (background)",
            Role::CurrentMatch => "the match n and N moved to (background)",
            Role::Marker => "the marks of talks running now and next",
            Role::Pick => "the marks of picked talks",
            Role::Clash => "the mark of a clash with a starred talk",
        }
    }

    /// The colour the role has in `theme`; `None` where the theme marks it without colour
    /// (the `dark` selection is reversed, `mono` has none).
    pub fn colour(self, theme: &Theme) -> Option<Color> {
        match self {
            Role::Title => theme.title.fg,
            Role::Heading => theme.heading.fg,
            Role::Label => theme.label.fg,
            Role::Muted => theme.dim.fg,
            Role::Border => theme.border.fg,
            Role::BorderFocused => theme.border_focused.fg,
            Role::Bar => theme.bar.bg,
            Role::BarText => theme.bar.fg,
            Role::Key => theme.key.fg,
            Role::Error => theme.error.fg,
            Role::Info => theme.info.fg,
            Role::Selection => theme.selected_focused.bg,
            Role::SelectionUnfocused => theme.selected.bg,
            Role::Match => theme.highlight.bg,
            Role::CurrentMatch => theme.current_match.bg,
            Role::Marker => theme.now.fg,
            Role::Pick => theme.pick.fg,
            Role::Clash => theme.clash.fg,
        }
    }
}

impl Theme {
    /// Gives `role` the colour `colour`, and nothing else of the theme changes.
    pub fn set(&mut self, role: Role, colour: Color) {
        match role {
            Role::Title => self.title.fg = Some(colour),
            Role::Heading => self.heading.fg = Some(colour),
            Role::Label => self.label.fg = Some(colour),
            Role::Muted => {
                self.dim.fg = Some(colour);
                self.missing.fg = Some(colour);
            }
            Role::Border => self.border.fg = Some(colour),
            Role::BorderFocused => self.border_focused.fg = Some(colour),
            Role::Bar => self.bar.bg = Some(colour),
            Role::BarText => self.bar.fg = Some(colour),
            Role::Key => self.key.fg = Some(colour),
            Role::Error => self.error.fg = Some(colour),
            Role::Info => self.info.fg = Some(colour),
            Role::Selection => {
                // A coloured selection is no longer reversed, so neither are its matches.
                self.selected_focused = self
                    .selected_focused
                    .bg(colour)
                    .remove_modifier(Modifier::REVERSED);
                self.highlight_reversed = self.highlight;
            }
            Role::SelectionUnfocused => self.selected.bg = Some(colour),
            Role::Match => {
                self.highlight.bg = Some(colour);
                if self
                    .selected_focused
                    .add_modifier
                    .contains(Modifier::REVERSED)
                {
                    // Drawn reversed on the selected row: the colour becomes the background.
                    self.highlight_reversed.fg = Some(colour);
                } else {
                    self.highlight_reversed = self.highlight;
                }
            }
            Role::CurrentMatch => self.current_match.bg = Some(colour),
            Role::Marker => self.now.fg = Some(colour),
            Role::Pick => self.pick.fg = Some(colour),
            Role::Clash => self.clash.fg = Some(colour),
        }
    }
}

/// The colour names, as the file writes them.
const NAMES: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The colour names [`parse_colour`] knows, for messages.
pub fn colour_names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().map(|(name, _)| *name)
}

/// A colour that is none of the forms the file allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown colour {text:?}")]
pub struct BadColour {
    pub text: String,
    /// A colour name close to it, when there is one.
    pub suggestion: Option<&'static str>,
}

/// Reads a colour: a name (any case; `grey` for `gray`), `#rrggbb`, or a palette number
/// `0`…`255`.
pub fn parse_colour(text: &str) -> Result<Color, BadColour> {
    let lower = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    let lower = lower.replace("grey", "gray");
    if let Some((_, colour)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Ok(*colour);
    }
    if let Some(hex) = lower.strip_prefix('#')
        && hex.len() == 6
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && let Ok(rgb) = u32::from_str_radix(hex, 16)
    {
        let [_, r, g, b] = rgb.to_be_bytes();
        return Ok(Color::Rgb(r, g, b));
    }
    if !lower.is_empty()
        && lower.bytes().all(|b| b.is_ascii_digit())
        && let Ok(index) = lower.parse::<u8>()
    {
        return Ok(Color::Indexed(index));
    }
    let suggestion = NAMES
        .iter()
        .map(|(name, _)| (strsim::damerau_levenshtein(&lower, name), *name))
        .filter(|(d, name)| *d <= (name.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name);
    Err(BadColour {
        text: text.to_owned(),
        suggestion,
    })
}

/// A colour as the file writes it; [`parse_colour`] reads it back.
pub fn colour_name(colour: Color) -> String {
    match colour {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(index) => index.to_string(),
        other => NAMES
            .iter()
            .find(|(_, c)| *c == other)
            .map_or_else(|| "default".to_owned(), |(name, _)| (*name).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::ThemeName;
    use super::*;

    #[test]
    fn colours_read_and_print_back() {
        for (text, colour) in [
            ("light-red", Color::LightRed),
            ("default", Color::Reset),
            ("#ffcc00", Color::Rgb(0xff, 0xcc, 0x00)),
            ("236", Color::Indexed(236)),
            ("0", Color::Indexed(0)),
        ] {
            assert_eq!(parse_colour(text), Ok(colour), "{text}");
            assert_eq!(colour_name(colour), text);
        }
        for (text, colour) in [
            ("Light_Red", Color::LightRed),
            ("DARK-GREY", Color::DarkGray),
            ("#FFCC00", Color::Rgb(0xff, 0xcc, 0x00)),
        ] {
            assert_eq!(parse_colour(text), Ok(colour), "{text}");
        }
        for (text, suggestion) in [
            ("light-rde", Some("light-red")),
            ("magneta", Some("magenta")),
            ("#ffcc0", None),
            ("#ffcc00aa", None),
            ("256", None),
            ("-1", None),
            ("", None),
            ("+12", None),
        ] {
            let err = parse_colour(text).expect_err(text);
            assert_eq!(err.suggestion, suggestion, "{text}");
        }
    }

    /// Each role changes what it says and reads back the colour it was given, and every role
    /// changes a different part of the theme.
    #[test]
    fn each_role_recolours_its_part() {
        let pink = Color::Rgb(0xff, 0x00, 0x99);
        let mut changed = Vec::new();
        for name in ThemeName::all() {
            for role in Role::all() {
                let base = Theme::named(name);
                let mut theme = base.clone();
                theme.set(role, pink);
                assert_eq!(role.colour(&theme), Some(pink), "{role:?} in {name:?}");
                assert_ne!(theme, base, "{role:?} in {name:?}");
                if name == ThemeName::Mono {
                    changed.push(theme);
                }
            }
        }
        for (i, a) in changed.iter().enumerate() {
            for b in &changed[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // A match on the reversed selection is drawn reversed: the colour is its foreground.
        let mut dark = Theme::dark();
        dark.set(Role::Match, pink);
        assert_eq!(dark.highlight_reversed.fg, Some(pink));
        // A coloured selection is not reversed, and the matches on it are drawn as elsewhere.
        dark.set(Role::Selection, Color::Blue);
        assert!(
            !dark
                .selected_focused
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_eq!(dark.highlight_reversed, dark.highlight);
    }
}
