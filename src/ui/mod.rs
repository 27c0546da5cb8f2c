//! Drawing: [`draw`] lays out the screen, reports what it measured to the app
//! ([`App::measured`]), and hands each pane to its own widget.
//!
//! Widgets only read the [`App`]. The one thing kept between frames is the detail text wrapped
//! for the current talk and width ([`Ui`]): the app learns how many lines it has and which hold
//! a match, never the lines themselves. Work per frame is proportional to what is visible: the
//! list builds only its visible rows, the detail clones only its visible lines, the timetable
//! draws only the rooms and rows in view.

pub mod about;
pub mod agenda_view;
mod bars;
mod changes;
mod filter_panel;
pub mod help;
pub mod links_view;
pub mod messages;
mod scroll;
pub mod talk_detail;
pub mod talk_list;
mod text;
mod text_overlay;
pub mod timetable_view;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Widget;

use crate::app::{App, Focus, Measured, Overlay, PaneRegion, Region};
use crate::context::AppContext;

/// Below this width the panes are shown one at a time.
pub const NARROW_WIDTH: u16 = 70;

/// From this width on, the detail of a talk read from the timetable shows beside the grid.
pub const WIDE_TIMETABLE: u16 = 110;

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// `None` when the pane is not shown (narrow terminals show only the focused pane).
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    /// The timetable's grid, when it is shown in place of the list.
    pub grid: Option<Rect>,
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
                Focus::List | Focus::Grid => (Some(body), None),
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
            grid: None,
        }
    }

    /// Where everything goes with the timetable shown: the grid across the body, and once a
    /// talk is read, the detail beside it (or across the body on a narrower screen).
    pub fn timetable(area: Rect, focus: Focus) -> Areas {
        let mut areas = Areas::compute(area, Focus::List);
        let body = areas.body;
        areas.list = None;
        (areas.grid, areas.detail) = match focus {
            Focus::Detail if body.width >= WIDE_TIMETABLE => {
                let detail = (body.width * 2 / 5).clamp(44, 80);
                let [grid, detail] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(detail)])
                        .areas(body);
                (Some(grid), Some(detail))
            }
            Focus::Detail => (None, Some(body)),
            Focus::List | Focus::Grid => (Some(body), None),
        };
        areas
    }

    /// Where everything goes for the app's state: the timetable's layout while it is shown.
    pub fn for_app(area: Rect, app: &App) -> Areas {
        if app.timetable.is_some() {
            Areas::timetable(area, app.focus)
        } else {
            Areas::compute(area, app.focus)
        }
    }
}

/// What the drawing side keeps between frames.
#[derive(Debug, Default)]
pub struct Ui {
    detail: talk_detail::Wrapped,
}

impl Ui {
    /// The detail text as last wrapped (for tests and benchmarks that look at it).
    pub fn detail_lines(&self) -> &[ratatui::text::Line<'static>] {
        self.detail.lines()
    }
}

fn region(r: Rect) -> Region {
    Region::new(r.x, r.y, r.width, r.height)
}

/// Draws a frame: wraps the detail text for the current talk and width, tells the app what
/// was measured (it keeps its scroll positions inside that), then renders the app.
pub fn draw(app: &mut App, ui: &mut Ui, ctx: &AppContext, frame: &mut Frame) {
    let area = frame.area();
    let areas = Areas::for_app(area, app);
    let text_area = areas.detail.map(talk_detail::text_area);
    let text = text_area.map(|r| {
        ui.detail
            .prepare(app, &ctx.theme, r.width.min(ctx.detail_width))
    });
    let overlay = match &app.overlay {
        Some(Overlay::Help(_)) => Some(help::viewport(areas.body, ctx)),
        Some(Overlay::About(_)) => Some(about::viewport(&app.program, &ctx.theme, areas.body)),
        Some(Overlay::Changes(_)) => Some(changes::viewport(app, &ctx.theme, areas.body)),
        Some(Overlay::Messages(_)) => Some(messages::viewport(
            &app.live.messages,
            &ctx.theme,
            areas.body,
        )),
        _ => None,
    };
    let grid = areas.grid.map(|g| timetable_view::viewport(app, g));
    app.measured(Measured {
        list: areas.list.map(|pane| PaneRegion {
            pane: region(pane),
            inner: region(talk_list::rows_area(pane)),
        }),
        detail: areas.detail.zip(text_area).map(|(pane, inner)| PaneRegion {
            pane: region(pane),
            inner: region(inner),
        }),
        text,
        overlay,
        grid,
    });
    frame.render_widget(
        Screen {
            app,
            ctx,
            detail: &ui.detail,
        },
        area,
    );
    if let Some(position) = bars::prompt_cursor(app, areas.footer) {
        frame.set_cursor_position(position);
    }
}

/// The whole screen: the app and the wrapped detail text.
struct Screen<'a> {
    app: &'a App,
    ctx: &'a AppContext,
    detail: &'a talk_detail::Wrapped,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, ctx) = (self.app, self.ctx);
        let areas = Areas::for_app(area, app);
        bars::render_header(app, &ctx.theme, areas.header, buf);
        if let Some(list) = areas.list {
            talk_list::TalkList::new(app, ctx).render(list, buf);
        }
        if let Some(grid) = areas.grid {
            timetable_view::TimetableView { app, ctx }.render(grid, buf);
        }
        if let Some(detail) = areas.detail {
            talk_detail::TalkDetail::new(app, self.detail, &ctx.theme).render(detail, buf);
        }
        bars::render_footer(app, ctx, areas.footer, buf);
        match &app.overlay {
            Some(Overlay::Help(text)) => help::Help {
                scroll: text.scroll,
                from: app.pane_context(),
                ctx,
            }
            .render(areas.body, buf),
            Some(Overlay::About(text)) => about::About {
                program: &app.program,
                scroll: text.scroll,
                ctx,
            }
            .render(areas.body, buf),
            Some(Overlay::Changes(text)) => changes::Changes {
                app,
                scroll: text.scroll,
                ctx,
            }
            .render(areas.body, buf),
            Some(Overlay::Messages(text)) => messages::Messages {
                messages: &app.live.messages,
                scroll: text.scroll,
                ctx,
            }
            .render(areas.body, buf),
            Some(Overlay::Filters(panel)) => {
                filter_panel::FilterPanel::new(app, panel, ctx).render(areas.body, buf);
            }
            Some(Overlay::Agenda(overlay)) => {
                agenda_view::AgendaView { app, overlay, ctx }.render(areas.body, buf);
            }
            Some(Overlay::Links(overlay)) => {
                links_view::LinksView { app, overlay, ctx }.render(areas.body, buf);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod find_tests;
#[cfg(test)]
mod tests;
