//! The `?` overlay: every key binding, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;
use crate::keymap::Context;

/// Width of the key column.
const KEYS_WIDTH: usize = 16;

/// The help overlay at a scroll position, asked for in `from` (the pane under it), whose
/// keys come first.
pub struct Help<'a> {
    pub scroll: usize,
    pub from: Context,
    pub ctx: &'a AppContext,
}

/// The help's lines; the same number whatever section comes first.
fn lines(ctx: &AppContext, from: Context) -> Vec<Line<'static>> {
    let theme = &ctx.theme;
    let mut lines = Vec::new();
    for (title, rows) in ctx.keymap.help_sections_from(from) {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, theme.heading));
        for binding in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<KEYS_WIDTH$}", binding.keys_label()),
                    theme.key,
                ),
                Span::raw(binding.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Mouse: click a talk or a pane; the wheel scrolls.",
        theme.dim,
    ));
    lines
}

/// How many lines the help has.
pub fn line_count(ctx: &AppContext) -> usize {
    lines(ctx, Context::List).len()
}

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(body: Rect, ctx: &AppContext) -> Viewport {
    Viewport {
        rows: usize::from(area(body, ctx).height.saturating_sub(2)),
        lines: line_count(ctx),
    }
}

/// Where the overlay goes inside `body`.
pub fn area(body: Rect, ctx: &AppContext) -> Rect {
    let lines = lines(ctx, Context::List);
    let height = (lines.len() as u16).saturating_add(2);
    // The widest line, the border and the scrollbar.
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(body);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    area
}

/// ` Esc or ? closes `: the keys that close a text overlay (Back, and `toggle`, the key that
/// opened it), as the keymap names them.
pub fn closes(ctx: &AppContext, toggle: Command) -> String {
    format!(
        " {} or {} closes ",
        ctx.keymap.key_for(Context::Help, Command::Back),
        ctx.keymap.key_for(Context::Help, toggle)
    )
}

impl Widget for Help<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let area = area(body, self.ctx);
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Keys ")
            .title_bottom(Line::from(closes(self.ctx, Command::ToggleHelp)).right_aligned())
            .border_style(self.ctx.theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let all = lines(self.ctx, self.from);
        let height = usize::from(inner.height);
        let visible: Vec<Line> = all.iter().skip(self.scroll).take(height).cloned().collect();
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, all.len(), height, self.scroll, buf);
    }
}
