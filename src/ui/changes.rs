//! The `C` overlay: what changed in the program at the last refresh, or since the user last
//! opened it, one line per talk (`+` new, `-` cancelled, `~` moved or changed, with what).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::action::Command;
use crate::agenda::Mark;
use crate::app::{App, Viewport};
use crate::changes::{ChangeKind, Counts};
use crate::context::AppContext;
use crate::theme::Theme;

use super::text_overlay::{self, TextOverlay};

/// The text, wrapped to `width` columns.
pub fn lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let changes = &app.live.changes;
    if changes.is_empty() {
        return vec![Line::styled("No changes seen yet.", theme.dim)];
    }
    let mut lines = vec![
        Line::styled(Counts::of(changes).to_string(), theme.title),
        Line::default(),
    ];
    // Changes to the user's picks matter most: they go first, marked as in the list.
    let picks = app.agenda.picks();
    for change in crate::app::ordered(changes, |id| picks.get(id).is_some()) {
        let style = match change.kind {
            ChangeKind::New => theme.key,
            ChangeKind::Cancelled => theme.error,
            ChangeKind::Changed(_) => ratatui::style::Style::new(),
        };
        let mark = match picks.get(&change.id).map(|p| p.mark) {
            Some(Mark::Star) => "★ ",
            Some(Mark::Maybe) => "☆ ",
            None => "",
        };
        let line = format!("{mark}{}", change.line());
        for row in textwrap::wrap(&line, usize::from(width.max(1))) {
            lines.push(Line::styled(row.into_owned(), style));
        }
    }
    lines
}

/// The overlay's width.
const WIDTH: u16 = 80;

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(app: &App, theme: &Theme, body: Rect) -> Viewport {
    text_overlay::viewport(
        lines(app, theme, text_overlay::text_width(body, WIDTH)).len(),
        body,
    )
}

/// The overlay at a scroll position.
pub struct Changes<'a> {
    pub app: &'a App,
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for Changes<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        TextOverlay {
            title: " Changes ",
            command: Command::Changes,
            width: WIDTH,
            lines: lines(
                self.app,
                &self.ctx.theme,
                text_overlay::text_width(body, WIDTH),
            ),
            scroll: self.scroll,
            ctx: self.ctx,
        }
        .render(body, buf);
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::action::Action;
    use crate::action::Fresh;
    use crate::app::test_support::{app_with, cmd};
    use crate::program::{Origin, parse_str};

    fn program(talks: &[(&str, &str)]) -> crate::program::Program {
        let mut text = "[program]\ntitle = \"P\"\ntimezone = \"UTC\"\n".to_owned();
        for (id, start) in talks {
            let _ = write!(
                text,
                "[[talks]]\nid = \"{id}\"\ntitle = \"Talk {id}\"\nstart = \"{start}\"\nduration = 30\n"
            );
        }
        parse_str(&text, Origin::BuiltIn).expect("loads").0
    }

    /// The changes to picked talks come first, with the pick's mark; the rest keep their order.
    #[test]
    fn changes_to_picks_come_first_and_say_so() {
        let mut app = app_with(program(&[
            ("a", "2024-01-01T09:00"),
            ("b", "2024-01-01T10:00"),
            ("c", "2024-01-01T11:00"),
        ]));
        cmd(&mut app, crate::action::Command::Down);
        cmd(&mut app, crate::action::Command::Down);
        app.update(crate::action::Command::Star.into());
        let new = program(&[
            ("a", "2024-01-01T09:30"),
            ("b", "2024-01-01T10:30"),
            ("c", "2024-01-01T11:30"),
        ]);
        app.update(Action::Refreshed(Ok(Fresh::new(new, None))));
        let text: Vec<String> = lines(&app, &Theme::default(), 78)
            .iter()
            .skip(2)
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            [
                "★ ~ c  Talk c: time 11:00 → 11:30",
                "~ a  Talk a: time 09:00 → 09:30",
                "~ b  Talk b: time 10:00 → 10:30",
            ]
        );
    }
}
