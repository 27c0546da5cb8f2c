//! The `a` overlay: the user's agenda, built from [`App::plan`]. The picked talks by day in
//! time order with the free time between them, each clash naming the talks that overlap, each
//! maybe the starred talk it is a fallback for, talks that moved with their old time, then the
//! talks without a time and the picks no longer in the program. The highlighted pick is kept
//! in view; the agenda is a few dozen lines, built whole each frame.

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::fit;
use crate::action::Command;
use crate::agenda::plan::{Item, Row, free_time};
use crate::agenda::{Mark, Picked};
use crate::app::{AgendaOverlay, App};
use crate::context::AppContext;
use crate::keymap::Context;
use crate::program::Talk;
use crate::theme::Theme;

/// The width of the time column: `09:00–09:50 `.
const TIME: usize = 12;

/// The overlay, borrowing what it draws.
pub struct AgendaView<'a> {
    pub app: &'a App,
    pub overlay: &'a AgendaOverlay,
    pub ctx: &'a AppContext,
}

fn sign(mark: Mark) -> &'static str {
    match mark {
        Mark::Star => "★",
        Mark::Maybe => "☆",
    }
}

/// Builds the agenda's lines: appends lines, and records where each pick starts.
struct Builder<'a> {
    app: &'a App,
    theme: &'a Theme,
    lines: Vec<Line<'static>>,
    /// The first line of each pick, in the order of [`crate::app::entries`].
    starts: Vec<usize>,
}

impl Builder<'_> {
    fn zoned(&self, t: Timestamp) -> jiff::ZonedDateTime {
        let zone = self.app.display_zone().cloned().unwrap_or_else(|| {
            let program = &self.app.program;
            program
                .info
                .timezone
                .clone()
                .unwrap_or(jiff::tz::TimeZone::UTC)
        });
        t.to_zoned_datetime(zone)
    }

    /// `09:00–09:50`.
    fn range(&self, talk: &Talk) -> String {
        let Some(start) = talk.start.as_ref() else {
            return String::new();
        };
        let zone = self
            .app
            .display_zone()
            .cloned()
            .unwrap_or_else(|| self.app.program.zone_for(start));
        let mut out = start
            .with_time_zone(zone.clone())
            .strftime("%H:%M")
            .to_string();
        if let Some(end) = talk.end() {
            out.push('–');
            out.push_str(&end.with_time_zone(zone).strftime("%H:%M").to_string());
        }
        out
    }

    /// A note under a pick, in the time column's indent.
    fn note(&mut self, text: String, style: Style) {
        self.lines.push(Line::from(vec![
            Span::raw(" ".repeat(2 + TIME)),
            Span::styled(text, style),
        ]));
    }

    fn pick_line(&mut self, time: &str, mark: Mark, title: String, extra: Option<String>) {
        self.starts.push(self.lines.len());
        // Talks without a time (and picks no longer in the program) need no time column.
        let time = if time.is_empty() {
            "  ".to_owned()
        } else {
            format!("  {time:TIME$}")
        };
        let mut spans = vec![
            Span::raw(time),
            Span::styled(format!("{} ", sign(mark)), self.theme.pick),
            Span::raw(title),
        ];
        if let Some(extra) = extra {
            spans.push(Span::styled(format!(" · {extra}"), self.theme.dim));
        }
        self.lines.push(Line::from(spans));
    }

    fn item(&mut self, item: &Item, timed: bool) {
        let program = &self.app.program;
        let talk = &program.talks[item.talk];
        let time = if timed {
            self.range(talk)
        } else {
            String::new()
        };
        self.pick_line(&time, item.mark, talk.title.clone(), talk.room.clone());
        if let Some(then) = item.moved_from {
            let then = self.zoned(then).strftime("%A %Y-%m-%d %H:%M").to_string();
            self.note(format!("moved from {then}"), self.theme.label);
        }
        for &other in &item.clashes {
            let other = &program.talks[other];
            let text = format!("! clashes with {} ({})", other.title, self.range(other));
            self.note(text, self.theme.clash);
        }
        for &other in &item.fallback_for {
            let other = &program.talks[other];
            let text = format!("fallback for {} ({})", other.title, self.range(other));
            self.note(text, self.theme.dim);
        }
    }

    fn gone(&mut self, id: &str, picked: &Picked) {
        let title = if picked.title.is_empty() {
            crate::sanitize::visible(id)
        } else {
            picked.title.clone()
        };
        let mut was = Vec::new();
        if let Some(start) = picked.start {
            was.push(self.zoned(start).strftime("%A %H:%M").to_string());
        }
        was.extend(picked.room.clone());
        let extra = (!was.is_empty()).then(|| format!("was {}", was.join(", ")));
        self.pick_line("", picked.mark, title, extra);
    }
}

/// The agenda's lines, and the first line of each pick.
pub fn lines(app: &App, ctx: &AppContext) -> (Vec<Line<'static>>, Vec<usize>) {
    let theme = &ctx.theme;
    let plan = app.plan();
    let mut b = Builder {
        app,
        theme,
        lines: Vec::new(),
        starts: Vec::new(),
    };
    if plan.is_empty() {
        let key = |command| ctx.keymap.key_for(Context::List, command);
        b.lines
            .push(Line::styled("No talks picked yet.", theme.missing));
        b.lines.push(Line::styled(
            format!(
                "In the list, {} stars a talk and {} marks it maybe.",
                key(Command::Star),
                key(Command::Maybe)
            ),
            theme.dim,
        ));
        return (b.lines, b.starts);
    }
    let heading = |b: &mut Builder<'_>, text: String| {
        if !b.lines.is_empty() {
            b.lines.push(Line::default());
        }
        b.lines.push(Line::styled(text, theme.heading));
    };
    for day in &plan.days {
        heading(&mut b, day.date.strftime("%A %Y-%m-%d").to_string());
        for row in &day.rows {
            match row {
                Row::Talk(item) => b.item(item, true),
                Row::Free(free) => b.note(format!("{} free", free_time(*free)), theme.info),
            }
        }
    }
    if !plan.unscheduled.is_empty() {
        heading(&mut b, "Not scheduled".to_owned());
        for item in &plan.unscheduled {
            b.item(item, false);
        }
    }
    if !plan.gone.is_empty() {
        heading(&mut b, "No longer in the program".to_owned());
        for (id, picked) in &plan.gone {
            b.gone(id, picked);
        }
    }
    (b.lines, b.starts)
}

/// Where the overlay goes inside `body`: up to 80 columns wide, as tall as its text allows.
fn area(body: Rect, lines: usize) -> Rect {
    let height = u16::try_from(lines.saturating_add(2)).unwrap_or(u16::MAX);
    let [area] = Layout::horizontal([Constraint::Length(80)])
        .flex(Flex::Center)
        .areas(body);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    area
}

impl Widget for AgendaView<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let (ctx, theme) = (self.ctx, &self.ctx.theme);
        let (mut all, starts) = lines(self.app, ctx);
        let area = area(body, all.len());
        Clear.render(area, buf);
        let key = |command| ctx.keymap.key_for(Context::Agenda, command);
        let block = Block::bordered()
            .title(format!(" My agenda · {} ", self.app.program.info.title))
            .title_bottom(
                Line::from(format!(
                    " {} exports · {} closes ",
                    key(Command::ExportAgenda),
                    key(Command::Agenda)
                ))
                .right_aligned(),
            )
            .border_style(theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let selected = starts
            .get(self.overlay.selected.min(starts.len().saturating_sub(1)))
            .copied();
        if let Some(line) = selected.and_then(|s| all.get_mut(s)) {
            *line = std::mem::take(line).style(theme.selected_focused);
        }
        // Keep the highlighted pick in view, with the line under it (its first note).
        let scroll = selected.map_or(0, |s| {
            (s + 2)
                .saturating_sub(rows)
                .min(all.len().saturating_sub(rows))
        });
        let width = usize::from(inner.width.saturating_sub(1));
        let total = all.len();
        let visible: Vec<Line> = all
            .into_iter()
            .skip(scroll)
            .take(rows)
            .map(|line| Line::from(fit(line.spans, width)).style(line.style))
            .collect();
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, total, rows, scroll, buf);
    }
}
