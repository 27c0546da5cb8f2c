//! The talk list pane: one line per talk, the selection highlighted, a scrollbar when the list
//! is longer than the pane. Only the visible rows are built. Once anything is picked, each row
//! starts with the talk's pick (`★` starred, `☆` maybe) and `!` when it clashes with a starred
//! talk.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::text::{fit, highlight, plain};
use crate::action::Command;
use crate::agenda::Mark;
use crate::app::{App, Focus, Marker, Row};
use crate::context::AppContext;
use crate::keymap::Context;
use crate::program::TalkIx;
use crate::theme::Theme;

/// The list pane, borrowing what it draws.
pub struct TalkList<'a> {
    app: &'a App,
    ctx: &'a AppContext,
}

/// The pick and clash column of talk `ix`: `★`/`☆`/space, then `!`/space, then a space. Two
/// look-ups in the agenda, each logarithmic in the picks.
fn pick_spans(app: &App, theme: &Theme, ix: TalkIx, spans: &mut Vec<Span<'static>>) {
    let (program, i) = (&app.program, ix.index());
    let mark = match app.agenda.mark(program, i) {
        Some(Mark::Star) => "★",
        Some(Mark::Maybe) => "☆",
        None => " ",
    };
    let clash = if app.agenda.clash(program, i).is_some() {
        "!"
    } else {
        " "
    };
    spans.push(Span::styled(mark, theme.pick));
    spans.push(Span::styled(clash, theme.clash));
    spans.push(Span::raw(" "));
}

/// One talk's row: its pick (once anything is picked), its number (or, in a schedule, its
/// start time and a now/next marker), the title, the speakers or the room, with the search's
/// matches highlighted.
fn talk_row(
    app: &App,
    theme: &Theme,
    ix: TalkIx,
    number_width: usize,
    selected: bool,
) -> Line<'static> {
    let talk = &app.program.talks[ix.index()];
    // The selected row is drawn in one style: dim parts would turn into dark patches.
    let dim = if selected { Style::new() } else { theme.dim };
    let mut spans = Vec::new();
    if !app.agenda.picks().is_empty() {
        pick_spans(app, theme, ix, &mut spans);
    }
    if app.is_schedule() {
        let marker = match app.marker(talk) {
            Marker::Now => Span::styled("● ", theme.now),
            Marker::Next => Span::styled("○ ", theme.now),
            Marker::None => Span::raw("  "),
        };
        spans.push(marker);
        let time = talk.start.as_ref().map_or_else(
            || "     ".to_owned(),
            |start| {
                let zone = app
                    .display_zone()
                    .cloned()
                    .unwrap_or_else(|| app.program.zone_for(start));
                start.with_time_zone(zone).strftime("%H:%M").to_string()
            },
        );
        spans.push(Span::styled(format!("{time} "), dim));
    } else {
        spans.push(Span::styled(
            format!("{:>number_width$} ", ix.index() + 1),
            dim,
        ));
    }
    // Changed at the last refresh and not looked at since.
    if app.live.unseen.contains(&talk.id) {
        spans.push(Span::styled("Δ ", theme.key));
    }
    let mut body = vec![Span::raw(talk.title.clone())];
    let extra = if app.is_schedule() {
        talk.room.clone()
    } else {
        (!talk.speakers.is_empty()).then(|| talk.speaker_names())
    };
    if let Some(extra) = extra {
        body.push(Span::styled(format!(" · {extra}"), dim));
    }
    let mut body = Line::from(body);
    let query = &app.search.query;
    if !query.is_empty() {
        let ranges = crate::search::highlights(&plain(&body), query, true);
        // The focused selection is drawn reversed: reverse the match style too, so matches
        // look the same on every row.
        let style = if selected && app.focus == Focus::List && app.overlay.is_none() {
            theme.highlight_reversed
        } else {
            theme.highlight
        };
        body = highlight(body, &ranges, style);
    }
    spans.extend(body.spans);
    Line::from(spans)
}

/// The rows inside the list pane's border.
pub fn rows_area(pane: Rect) -> Rect {
    Block::bordered().inner(pane)
}

impl<'a> TalkList<'a> {
    pub fn new(app: &'a App, ctx: &'a AppContext) -> TalkList<'a> {
        TalkList { app, ctx }
    }
}

impl Widget for TalkList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &self.ctx.theme;
        let keys = &self.ctx.keymap;
        let focused = app.focus == Focus::List && app.overlay.is_none();
        let talks = &app.program.talks;
        let view = &app.view;
        let block = Block::bordered().title(" Talks ").border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
        let rows = rows_area(area);
        block.render(area, buf);
        if view.is_empty() {
            if talks.is_empty() {
                Paragraph::new(Span::styled("no talks", theme.missing)).render(rows, buf);
                return;
            }
            let text = if app.search.progress.is_some() {
                vec![Line::styled("searching…", theme.missing)]
            } else {
                let mut lines = vec![Line::styled("no talks match", theme.missing)];
                if !app.search.query.is_empty() {
                    lines.push(Line::styled(
                        format!("/{}", app.search.input.text()),
                        theme.key,
                    ));
                    lines.push(Line::styled(
                        format!(
                            "{} then {} clears the search",
                            keys.key_for(Context::List, Command::Search),
                            keys.key_for(Context::Search, Command::Back)
                        ),
                        theme.dim,
                    ));
                }
                if !app.search.filters.is_empty() {
                    lines.push(Line::styled(
                        format!(
                            "{} clears the filters",
                            keys.key_for(Context::List, Command::ClearFilters)
                        ),
                        theme.dim,
                    ));
                }
                lines
            };
            Paragraph::new(text)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(rows, buf);
            return;
        }
        let number_width = talks.len().to_string().len();
        let first = app.list.offset;
        let last = (first + usize::from(rows.height)).min(view.len());
        for (row, position) in (first..last).enumerate() {
            let line_area = Rect::new(rows.x, rows.y + row as u16, rows.width, 1);
            let line = match view.row(position) {
                Some(Row::Talk(index)) => {
                    let selected = position == app.list.selected;
                    let line = talk_row(app, theme, index, number_width, selected);
                    if selected {
                        let style = if focused {
                            theme.selected_focused
                        } else {
                            theme.selected
                        };
                        buf.set_style(line_area, style);
                        line.style(style)
                    } else {
                        line
                    }
                }
                Some(Row::Day(date)) => {
                    Line::styled(date.strftime("%A %Y-%m-%d").to_string(), theme.heading)
                }
                Some(Row::Unscheduled) => Line::styled("Not scheduled", theme.heading),
                None => Line::default(),
            };
            Line::from(fit(line.spans, usize::from(rows.width)))
                .style(line.style)
                .render(line_area, buf);
        }
        super::scroll::scrollbar(area, view.len(), usize::from(rows.height), first, buf);
    }
}
