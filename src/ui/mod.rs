//! Drawing: `impl Widget for &App` lays out the screen and hands each pane to its own widget.
//!
//! Widgets only read the [`App`]; the one thing prepared before drawing is the wrapped detail
//! text, which [`draw`] asks the app to cache for the current talk and width. Work per frame is
//! proportional to what is visible: the list builds only its visible rows, the detail clones
//! only its visible lines.

pub mod about;
mod bars;
mod filter_panel;
pub mod help;
pub mod talk_detail;
pub mod talk_list;
mod text;
mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Widget;

use crate::app::{App, Focus, Overlay};

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
    if matches!(app.overlay, Some(Overlay::Filters { .. })) {
        app.filter_choices();
    }
    frame.render_widget(&*app, area);
    if let Some(position) = bars::prompt_cursor(app, Areas::compute(area, app.focus).footer) {
        frame.set_cursor_position(position);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let areas = Areas::compute(area, self.focus);
        bars::render_header(self, areas.header, buf);
        if let Some(list) = areas.list {
            talk_list::TalkList::new(self).render(list, buf);
        }
        if let Some(detail) = areas.detail {
            talk_detail::TalkDetail::new(self).render(detail, buf);
        }
        bars::render_footer(self, areas.footer, buf);
        match self.overlay {
            Some(Overlay::Help { scroll }) => help::Help { scroll }.render(areas.body, buf),
            Some(Overlay::About { scroll }) => about::About {
                program: &self.program,
                scroll,
            }
            .render(areas.body, buf),
            Some(Overlay::Filters { cursor }) => {
                filter_panel::FilterPanel::new(self, cursor).render(areas.body, buf);
            }
            _ => {}
        }
    }
}
