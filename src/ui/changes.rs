//! The `C` overlay: what changed in the program at the last refresh, or since the user last
//! opened it, one line per talk (`+` new, `-` cancelled, `~` moved or changed, with what).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::action::Command;
use crate::app::{App, Viewport};
use crate::changes::{ChangeKind, Counts};
use crate::context::AppContext;
use crate::theme::Theme;

/// Where the overlay goes inside `body`: up to 80 columns wide.
fn area(body: Rect) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(80)])
        .flex(Flex::Center)
        .areas(body);
    area
}

fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(4)
}

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
    // The user's picks go first once the browser knows them; until then no talk is first.
    for change in crate::app::ordered(changes, |_| false) {
        let style = match change.kind {
            ChangeKind::New => theme.key,
            ChangeKind::Cancelled => theme.error,
            ChangeKind::Changed(_) => ratatui::style::Style::new(),
        };
        for row in textwrap::wrap(&change.line(), usize::from(width.max(1))) {
            lines.push(Line::styled(row.into_owned(), style));
        }
    }
    lines
}

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(app: &App, theme: &Theme, body: Rect) -> Viewport {
    let lines = lines(app, theme, text_width(area(body))).len();
    Viewport {
        rows: lines.min(usize::from(body.height.saturating_sub(2))),
        lines,
    }
}

/// The overlay at a scroll position.
pub struct Changes<'a> {
    pub app: &'a App,
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for Changes<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let width = text_width(area(body));
        let all = lines(self.app, &self.ctx.theme, width);
        let height = (all.len() as u16).saturating_add(2);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area(body));
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Changes ")
            .title_bottom(
                Line::from(Span::raw(super::help::closes(self.ctx, Command::Changes)))
                    .right_aligned(),
            )
            .border_style(self.ctx.theme.border_focused);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let scroll = self.scroll.min(all.len().saturating_sub(rows));
        let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
        let total = usize::from(height.saturating_sub(2));
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, total, rows, scroll, buf);
    }
}
