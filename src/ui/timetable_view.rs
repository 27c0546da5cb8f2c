//! The timetable pane: rooms side by side under fixed headers, time running down beside fixed
//! labels (every half hour), each talk a box over the rows it spans with its title and, when
//! there is room, its speakers, in its track's colour. Overlapping talks of a room share its
//! column side by side; the now line crosses the grid at the current time; talks the search
//! or the filters leave out are dim; talks without a time are listed below the grid.
//!
//! Only what is visible is drawn: the rows and columns in the view, and in each column shown
//! the talks that reach into the rows shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::text::fit;
use crate::agenda::Mark;
use crate::app::{App, Focus, GridViewport, Region, Timetable};
use crate::context::AppContext;
use crate::timetable::Placed;

/// The time labels' width: `09:30 `.
const LABEL: u16 = 6;
/// The narrowest column that still shows a few letters of a title.
const MIN_COLUMN: u16 = 16;
/// The widest column: wider ones leave the rest of the pane empty.
const MAX_COLUMN: u16 = 36;

/// Where the parts of the pane go.
#[derive(Debug, Clone, Copy, Default)]
struct Geometry {
    /// The room headers' row.
    header: Rect,
    /// The cells of the rows shown, labels included.
    rows: Rect,
    /// The time labels' width (0 on a very narrow pane).
    label: u16,
    /// A column's width, its separator included.
    column: u16,
    /// How many columns fit.
    columns: u16,
    /// The list of talks without a time.
    untimed: Rect,
}

fn geometry(pane: Rect, t: &Timetable) -> Geometry {
    let inner = Block::bordered().inner(pane);
    if inner.width == 0 || inner.height < 2 {
        return Geometry::default();
    }
    let below = if t.untimed.is_empty() || inner.height < 8 {
        0
    } else {
        (t.untimed.len() as u16 + 1).min((inner.height / 4).max(2))
    };
    let grid = Rect {
        height: inner.height - below,
        ..inner
    };
    let untimed = Rect {
        y: grid.bottom(),
        height: below,
        ..inner
    };
    let label = if grid.width >= LABEL + 4 { LABEL } else { 0 };
    let room = grid.width - label;
    let fit = (room / MIN_COLUMN).max(1);
    let shown = t.shown.len().max(1) as u16;
    let column = if shown <= fit {
        (room / shown).min(MAX_COLUMN)
    } else {
        room / fit
    };
    Geometry {
        header: Rect { height: 1, ..grid },
        rows: Rect {
            y: grid.y + 1,
            height: grid.height - 1,
            ..grid
        },
        label,
        column,
        columns: fit.min(shown),
        untimed,
    }
}

/// How much of the grid a pane shows: the app keeps its scroll and selection in it.
pub fn viewport(app: &App, pane: Rect) -> GridViewport {
    let Some(t) = &app.timetable else {
        return GridViewport::default();
    };
    let g = geometry(pane, t);
    GridViewport {
        rows: usize::from(g.rows.height),
        columns: usize::from(g.columns),
        cells: Region::new(g.rows.x, g.rows.y, g.rows.width, g.rows.height),
        label: g.label,
        column_width: g.column,
    }
}

/// The timetable pane, borrowing what it draws.
pub struct TimetableView<'a> {
    pub app: &'a App,
    pub ctx: &'a AppContext,
}

impl Widget for TimetableView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(t) = &self.app.timetable else {
            return;
        };
        let theme = &self.ctx.theme;
        let focused = self.app.focus == Focus::Grid && self.app.overlay.is_none();
        let total = t.grid.rooms.len();
        let g = geometry(area, t);
        let first = t.left + 1;
        let last = (t.left + usize::from(g.columns)).min(t.shown.len());
        let rooms = if t.narrowed {
            format!(" {} of {total} rooms ", t.shown.len())
        } else if last == first && total > 1 {
            format!(" room {first} of {total} ")
        } else if last > t.left && last - t.left < total {
            format!(" rooms {first}–{last} of {total} ")
        } else if total == 1 {
            " 1 room ".to_owned()
        } else {
            format!(" {total} rooms ")
        };
        Block::bordered()
            .title(format!(" {} ", t.grid.day.strftime("%A %Y-%m-%d")))
            .title_bottom(Line::from(rooms).right_aligned())
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(area, buf);
        if g.rows.is_empty() && g.header.is_empty() {
            return;
        }
        self.labels(t, &g, buf);
        self.headers(t, &g, buf);
        for c in 0..usize::from(g.columns) {
            let Some(&room) = t.shown.get(t.left + c) else {
                break;
            };
            let x = g.rows.x + g.label + g.column * c as u16;
            let width = g.column.min(g.rows.right().saturating_sub(x));
            // A column of three cells or more keeps one for the line to the next room.
            let boxes = if width >= 3 { width - 1 } else { width };
            let next = c + 1 < usize::from(g.columns) && t.shown.get(t.left + c + 1).is_some();
            if boxes < width && next {
                let rows = t
                    .grid
                    .rows
                    .saturating_sub(t.top)
                    .min(usize::from(g.rows.height));
                for y in g.rows.y..g.rows.y + rows as u16 {
                    buf[(x + boxes, y)].set_symbol("│").set_style(theme.border);
                }
            }
            let (start, _) = t.grid.rooms[room].talks;
            for (j, p) in t.grid.room_talks(room).iter().enumerate() {
                let rows = usize::from(g.rows.height);
                if p.bottom() <= t.top || p.top >= t.top + rows {
                    continue;
                }
                self.talk_box(
                    start + j,
                    p,
                    Rect::new(x, g.rows.y, boxes, g.rows.height),
                    buf,
                );
            }
        }
        self.untimed(t, g.untimed, buf);
    }
}

impl TimetableView<'_> {
    /// The time labels, and the now line across the rows.
    fn labels(&self, t: &Timetable, g: &Geometry, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        for r in 0..g.rows.height {
            let row = t.top + usize::from(r);
            if row >= t.grid.rows {
                break;
            }
            if g.label > 0
                && let Some(label) = t.grid.label(row)
            {
                buf.set_string(g.rows.x, g.rows.y + r, label, theme.dim);
            }
        }
        let Some(now) = self.app.clock.now else {
            return;
        };
        let Some(row) = t.grid.row_at(now).and_then(|row| row.checked_sub(t.top)) else {
            return;
        };
        if row >= usize::from(g.rows.height) {
            return;
        }
        let y = g.rows.y + row as u16;
        for x in g.rows.x + g.label..g.rows.right() {
            buf[(x, y)].set_symbol("─").set_style(theme.now);
        }
        if g.label > 0 {
            let label = now
                .to_zoned_datetime(t.grid.zone.clone())
                .strftime("%H:%M")
                .to_string();
            buf.set_string(g.rows.x, y, format!("{label}─"), theme.now);
        }
    }

    /// The room names over their columns; arrows say that more rooms are off to a side.
    fn headers(&self, t: &Timetable, g: &Geometry, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let selected_room = t.selected.and_then(|k| t.grid.talks.get(k)).map(|p| p.room);
        for c in 0..usize::from(g.columns) {
            let Some(&room) = t.shown.get(t.left + c) else {
                break;
            };
            let x = g.header.x + g.label + g.column * c as u16;
            let width = g.column.min(g.header.right().saturating_sub(x));
            let name = t.grid.rooms[room].name.as_deref().unwrap_or("(no room)");
            let style = if Some(room) == selected_room {
                theme.key
            } else {
                theme.heading
            };
            let spans = fit(vec![Span::raw(name)], usize::from(width.saturating_sub(1)));
            Line::from(spans)
                .style(style)
                .render(Rect::new(x, g.header.y, width, 1), buf);
        }
        if g.label > 0 && t.left > 0 {
            buf.set_string(g.header.x, g.header.y, "◀", theme.key);
        }
        if t.left + usize::from(g.columns) < t.shown.len() && g.header.width > 0 {
            buf.set_string(g.header.right() - 1, g.header.y, "▶", theme.key);
        }
    }

    /// One talk's box, in `column` (the column's cells for talks, its rows timetable).
    fn talk_box(&self, index: usize, placed: &Placed, column: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, &self.ctx.theme);
        let Some(timetable) = &app.timetable else {
            return;
        };
        // Lanes past the column's width get no cell: with more talks side by side than
        // cells, each of the first ones gets one.
        let lane_count = u16::try_from(placed.lanes.max(1)).unwrap_or(u16::MAX);
        let Some(lane_ix) = u16::try_from(placed.lane)
            .ok()
            .filter(|&lane| lane < column.width)
        else {
            return;
        };
        let lane_width = (column.width / lane_count).max(1);
        let Some(left) = lane_width
            .checked_mul(lane_ix)
            .and_then(|offset| column.x.checked_add(offset))
            .filter(|&left| left < column.right())
        else {
            return;
        };
        let width = if lane_ix + 1 == lane_count {
            column.right() - left
        } else {
            lane_width
        };
        let top = placed.top.max(timetable.top) - timetable.top;
        let bottom = (placed.bottom() - timetable.top).min(usize::from(column.height));
        let area = Rect::new(left, column.y + top as u16, width, (bottom - top) as u16);
        if area.is_empty() {
            return;
        }
        let selected = timetable.selected == Some(index);
        let dimmed = timetable.dimmed.get(index).copied().unwrap_or(false);
        let style = if selected {
            if app.focus == Focus::Grid && app.overlay.is_none() {
                theme.selected_focused
            } else {
                theme.selected
            }
        } else if dimmed {
            theme.dim
        } else if let (Some(track), false) = (placed.track, theme.tracks.is_empty()) {
            theme.tracks[track % theme.tracks.len()]
        } else {
            Style::new()
        };
        buf.set_style(area, style);
        for row in area.y..area.bottom() {
            let edge = if placed.top >= timetable.top && row == area.y {
                "┌"
            } else {
                "│"
            };
            buf[(area.x, row)].set_symbol(edge);
        }
        if width < 2 {
            return;
        }
        let talk = &app.program.talks[placed.talk.index()];
        let mark = match app.agenda.mark(&app.program, placed.talk.index()) {
            Some(Mark::Star) => "★ ",
            Some(Mark::Maybe) => "☆ ",
            None => "",
        };
        let text_width = usize::from(width - 1);
        let title = format!("{mark}{}", talk.title);
        let lines = box_lines(
            &title,
            &talk.speaker_names(),
            text_width,
            usize::from(area.height),
            selected,
        );
        for (i, text_line) in lines.into_iter().enumerate() {
            let text_line = if i == 0 {
                text_line.style(Style::new().add_modifier(Modifier::BOLD))
            } else {
                text_line
            };
            let row = area.y + i as u16;
            text_line.render(Rect::new(area.x + 1, row, width - 1, 1), buf);
            if mark.is_empty() || i > 0 {
                continue;
            }
            // The pick keeps its colour on the box's.
            buf[(area.x + 1, row)].set_style(theme.pick);
        }
    }

    /// The talks without a time, below the grid.
    fn untimed(&self, t: &Timetable, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = &self.ctx.theme;
        let count = t.untimed.len();
        Line::from(fit(
            vec![Span::styled(
                format!("Not scheduled ({count})"),
                theme.heading,
            )],
            usize::from(area.width),
        ))
        .render(Rect { height: 1, ..area }, buf);
        let rows = usize::from(area.height - 1);
        for (i, &talk) in t.untimed.iter().take(rows).enumerate() {
            let y = area.y + 1 + i as u16;
            let text = if i + 1 == rows && count > rows {
                format!("… and {} more", count - i)
            } else {
                self.app.program.talks[talk.index()].title.clone()
            };
            Line::from(fit(
                vec![Span::styled(text, theme.dim)],
                usize::from(area.width),
            ))
            .render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

/// The lines of a box `rows` high: the title wrapped (its last row shown ending in `…` when
/// cut), then the speakers when there is a row for them.
fn box_lines(
    title: &str,
    speakers: &str,
    text_width: usize,
    rows: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let title_rows = if !speakers.is_empty() && rows >= 2 {
        rows - 1
    } else {
        rows
    };
    let wrapped = textwrap::wrap(title, text_width);
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, part) in wrapped.iter().take(title_rows).enumerate() {
        let cut = i + 1 == title_rows && wrapped.len() > title_rows;
        // The last row shown of a longer title ends in `…`, after its last letter.
        let shown = if cut {
            let rest = wrapped[i..].join(" ");
            let mut kept = super::text::plain(&Line::from(fit(vec![Span::raw(rest)], text_width)));
            if kept.ends_with('…') {
                kept.pop();
                kept.truncate(kept.trim_end().len());
                kept.push('…');
            }
            kept
        } else {
            part.to_string()
        };
        lines.push(Line::from(fit(vec![Span::raw(shown)], text_width)));
    }
    if title_rows < rows {
        lines.push(
            Line::from(fit(vec![Span::raw(speakers.to_owned())], text_width)).style(if selected {
                Style::new()
            } else {
                Style::new().add_modifier(Modifier::ITALIC)
            }),
        );
    }
    lines
}
