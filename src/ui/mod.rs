//! Drawing: `impl Widget for &App` lays out the screen and hands each pane to its own widget.
//!
//! Widgets only read the [`App`]; the one thing prepared before drawing is the wrapped detail
//! text, which [`draw`] asks the app to cache for the current talk and width. Work per frame is
//! proportional to what is visible: the list builds only its visible rows, the detail clones
//! only its visible lines.

pub mod help;
pub mod talk_detail;
pub mod talk_list;
mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use unicode_width::UnicodeWidthChar as _;

use crate::app::{App, Focus, Overlay};
use crate::keymap;
use crate::program::Origin;

/// Below this width the panes are shown one at a time.
pub const NARROW_WIDTH: u16 = 70;

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// `None` when the pane is not shown (narrow terminals show only the focused pane).
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
}

impl Areas {
    pub fn compute(area: Rect, focus: Focus) -> Areas {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        // On a screen too short for all three, the body wins.
        let (header, footer) = if area.height < 3 {
            (Rect::default(), Rect::default())
        } else {
            (header, footer)
        };
        let body = if area.height < 3 { area } else { body };
        let (list, detail) = if body.width < NARROW_WIDTH {
            match focus {
                Focus::List => (Some(body), None),
                Focus::Detail => (None, Some(body)),
            }
        } else {
            let list_width = (body.width * 2 / 5).clamp(28, 64);
            let [list, detail] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)])
                    .areas(body);
            (Some(list), Some(detail))
        };
        Areas {
            header,
            body,
            footer,
            list,
            detail,
        }
    }
}

/// Cuts `spans` to `width` columns, ending in `…` when something was cut.
pub(crate) fn fit(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return spans;
    }
    let mut room = width.saturating_sub(1);
    let mut out = Vec::with_capacity(spans.len() + 1);
    for span in spans {
        if room == 0 {
            break;
        }
        let mut text = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            text.push(c);
        }
        out.push(Span::styled(text, span.style));
    }
    if width > 0 {
        out.push(Span::raw("…"));
    }
    out
}

/// Draws a frame: prepares the detail text for the current width, then renders the app.
pub fn draw(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    if app.size != (area.width, area.height) {
        app.update(crate::action::Action::Resize {
            width: area.width,
            height: area.height,
        });
    }
    app.detail_lines();
    frame.render_widget(&*app, area);
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let areas = Areas::compute(area, self.focus);
        render_header(self, areas.header, buf);
        if let Some(list) = areas.list {
            talk_list::TalkList::new(self).render(list, buf);
        }
        if let Some(detail) = areas.detail {
            talk_detail::TalkDetail::new(self).render(detail, buf);
        }
        render_footer(self, areas.footer, buf);
        if let Some(Overlay::Help { scroll }) = self.overlay {
            help::Help { scroll }.render(areas.body, buf);
        }
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let total = app.program.talks.len();
    let position = if total == 0 {
        "no talks".to_owned()
    } else {
        format!("talk {} of {total}", app.list.selected + 1)
    };
    let mut left = vec![Span::styled(app.program.info.title.as_str(), theme::TITLE)];
    if app.program.origin == Origin::BuiltIn {
        left.push(Span::styled(" · built-in program", theme::DIM));
    }
    let right_width = (position.chars().count() as u16 + 1).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    buf.set_style(area, theme::BAR);
    Line::from(fit(left, usize::from(left_area.width))).render(left_area, buf);
    Line::from(position).right_aligned().render(right_area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    buf.set_style(area, theme::BAR);
    let line = if let Some(status) = &app.status {
        let style = if status.is_error {
            theme::ERROR
        } else {
            theme::INFO
        };
        Line::from(Span::styled(status.text.as_str(), style))
    } else {
        let mut spans = Vec::new();
        for (key, hint) in keymap::hints(app.context()) {
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(key, theme::KEY));
            spans.push(Span::raw(format!(" {hint}")));
        }
        Line::from(spans)
    };
    Paragraph::new(line).render(area, buf);
}
