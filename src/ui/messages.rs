//! The `w` overlay: what Lectern noticed while loading the program (a program file's
//! warnings, an import's summary and notes), to read at leisure rather than in a status line
//! that goes at the next key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;
use crate::theme::Theme;

use super::text_overlay::{self, TextOverlay};

/// The text: each message wrapped to `width` columns, a blank line between messages.
pub fn lines(messages: &[String], theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    if messages.is_empty() {
        return vec![Line::styled(
            "Nothing to report about this program.",
            theme.dim,
        )];
    }
    let mut lines = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        for text_line in message.lines() {
            for row in textwrap::wrap(text_line, width) {
                lines.push(Line::styled(row.into_owned(), Style::new()));
            }
        }
    }
    lines
}

/// The overlay's width.
const WIDTH: u16 = 72;

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(messages: &[String], theme: &Theme, body: Rect) -> Viewport {
    text_overlay::viewport(
        lines(messages, theme, text_overlay::text_width(body, WIDTH)).len(),
        body,
    )
}

/// The overlay at a scroll position.
pub struct Messages<'a> {
    pub messages: &'a [String],
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for Messages<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        TextOverlay {
            title: " Messages ",
            command: Command::Messages,
            width: WIDTH,
            lines: lines(
                self.messages,
                &self.ctx.theme,
                text_overlay::text_width(body, WIDTH),
            ),
            scroll: self.scroll,
            ctx: self.ctx,
        }
        .render(body, buf);
    }
}
