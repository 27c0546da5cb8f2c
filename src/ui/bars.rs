//! The header (program, position, search and filters) and the footer (key hints, a status
//! message, or the search prompt).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use super::text::fit;
use crate::app::{App, Overlay};
use crate::context::AppContext;
use crate::input::LineInput;
use crate::keymap::Hint;
use crate::numbers::thousands;
use crate::program::Origin;
use crate::theme::Theme;

/// Where the list is: `talk 2 of 4`, or with a search `3 of 4 match · 1/3`.
fn position(app: &App) -> String {
    let total = app.program.talks.len();
    if total == 0 {
        return "no talks".to_owned();
    }
    if let Some((scanned, of)) = app.search.progress {
        let percent = (scanned * 100).checked_div(of).unwrap_or(100);
        return format!("searching… {percent}%");
    }
    let ordinal = app.view.ordinal(app.list.selected);
    if app.search.is_idle(&app.search.filters) {
        return format!("talk {} of {}", thousands(ordinal), thousands(total));
    }
    let shown = app.view.talk_count();
    if shown == 0 {
        return format!("0 of {} match", thousands(total));
    }
    format!(
        "{} of {} match · {}/{}",
        thousands(shown),
        thousands(total),
        thousands(ordinal),
        thousands(shown)
    )
}

/// The conference day of the selected talk: `Sat 2021-02-06`.
fn selected_day(app: &App) -> Option<String> {
    let talk = app.selected_index()?;
    let day = app.program.conference_day(talk.index())?;
    Some(day.strftime("%a %Y-%m-%d").to_string())
}

/// The position as numbers only: `2/4`, or with a search `1/3 of 4`.
fn compact_position(app: &App) -> Option<String> {
    if app.program.talks.is_empty() || app.search.progress.is_some() {
        return None;
    }
    let ordinal = app.view.ordinal(app.list.selected);
    let shown = app.view.talk_count();
    Some(if app.search.is_idle(&app.search.filters) {
        format!("{}/{}", thousands(ordinal), thousands(shown))
    } else if shown == 0 {
        format!("0/{}", thousands(app.program.talks.len()))
    } else {
        format!(
            "{}/{} of {}",
            thousands(ordinal),
            thousands(shown),
            thousands(app.program.talks.len())
        )
    })
}

/// Where the timetable is: `day 1 of 2`.
fn timetable_position(t: &crate::app::Timetable) -> String {
    let day = t
        .days
        .iter()
        .position(|&d| d == t.grid.day)
        .map_or(0, |i| i + 1);
    format!("day {day} of {}", t.days.len())
}

pub fn render_header(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let mut position = match &app.timetable {
        Some(t) => timetable_position(t),
        None => position(app),
    };
    // The day of the selected talk, before where it is in the list, while there is room.
    if let Some(day) = selected_day(app)
        && position.width() + day.width() + 40 <= usize::from(area.width)
    {
        position = format!("{day} · {position}");
    }
    // On a narrow screen the position keeps its numbers and drops its words.
    if position.width() + 8 > usize::from(area.width) {
        position = match &app.timetable {
            Some(t) => timetable_position(t)
                .replace("day ", "")
                .replace(" of ", "/"),
            None => compact_position(app).unwrap_or(position),
        };
    }
    let mut left = vec![Span::styled(app.program.info.title.as_str(), theme.title)];
    if app.program.origin == Origin::BuiltIn {
        left.push(Span::styled(" · built-in program", theme.dim));
    }
    if let Some(note) = &app.live.source_note {
        left.push(Span::styled(format!(" · {note}"), theme.key));
    }
    let query = app.search.input.text();
    if !app.search.query.is_empty() {
        left.push(Span::styled(format!(" · /{query}"), theme.key));
    }
    for filter in app.search.filters.summary() {
        left.push(Span::styled(format!(" · {filter}"), theme.key));
    }
    if let Some(zone) = app.zone_label() {
        left.push(Span::styled(format!(" · times: {zone}"), theme.dim));
    }
    let right_width = (position.width() as u16 + 1).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    buf.set_style(area, theme.bar);
    Line::from(fit(left, usize::from(left_area.width))).render(left_area, buf);
    Line::from(position).right_aligned().render(right_area, buf);
}

/// The part of the prompt's text that fits in `width` columns with the cursor visible: the
/// text from a start offset, the cursor's column in it, and whether the start is hidden.
fn prompt_window(text: &str, cursor: usize, width: usize) -> (&str, usize, bool) {
    if text[..cursor].width() < width {
        return (text, text[..cursor].width(), false);
    }
    // Scrolled: one column goes to the `…` that says so.
    let room = width.saturating_sub(1);
    let mut start = 0;
    while start < cursor && text[start..cursor].width() >= room {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    (&text[start..], 1 + text[start..cursor].width(), true)
}

/// The open prompt on the footer line: its sign (`/` to search, `|` for a command) and input.
fn prompt(app: &App) -> Option<(&'static str, &LineInput)> {
    match &app.overlay {
        Some(Overlay::Search) => Some(("/", &app.search.input)),
        Some(Overlay::Pipe(input)) => Some(("|", input)),
        _ => None,
    }
}

/// Where the terminal cursor goes while a prompt is open.
pub fn prompt_cursor(app: &App, footer: Rect) -> Option<Position> {
    let (_, input) = prompt(app)?;
    if footer.width < 2 {
        return None;
    }
    let (_, column, _) = prompt_window(input.text(), input.cursor(), usize::from(footer.width) - 1);
    Some(Position::new(footer.x + 1 + column as u16, footer.y))
}

pub fn render_footer(app: &App, ctx: &AppContext, area: Rect, buf: &mut Buffer) {
    let theme = &ctx.theme;
    if area.is_empty() {
        return;
    }
    buf.set_style(area, theme.bar);
    let line = if let Some((sign, input)) = prompt(app) {
        let (shown, _, scrolled) = prompt_window(
            input.text(),
            input.cursor(),
            usize::from(area.width).saturating_sub(1),
        );
        let mut spans = vec![Span::styled(sign, theme.key)];
        if scrolled {
            spans.push(Span::styled("…", theme.dim));
        }
        spans.push(Span::raw(shown));
        Line::from(spans)
    } else if let Some(status) = &app.status {
        let style = if status.is_error {
            theme.error
        } else {
            theme.info
        };
        let text = status_text(status, app, ctx);
        let spans = vec![Span::styled(text, style)];
        Line::from(fit(spans, usize::from(area.width)))
    } else {
        hints_line(app, ctx, usize::from(area.width))
    };
    Paragraph::new(line).render(area, buf);
}

/// A status message, with the key it names (if any) as the keymap names it.
fn status_text(status: &crate::app::Status, app: &App, ctx: &AppContext) -> String {
    match status.key {
        Some(command) => status
            .text
            .replacen("{}", &ctx.keymap.key_for(app.context(), command), 1),
        None => status.text.clone(),
    }
}

/// The key hints of the focused context that fit in `width` columns, in table order; the
/// hints flagged to stay always (going back, help, quitting) come at the end.
fn hints_line(app: &App, ctx: &AppContext, width: usize) -> Line<'static> {
    let (kept, rest): (Vec<_>, Vec<_>) = ctx
        .keymap
        .hints(app.context())
        .into_iter()
        .map(|(key, hint)| (key, hint, matches!(hint, Hint::Always(_))))
        .partition(|(_, _, always)| *always);
    let size = |(key, hint, _): &(String, Hint, bool)| key.width() + 1 + hint.label().width() + 2;
    let mut room = width.saturating_sub(kept.iter().map(size).sum());
    let mut shown: Vec<(String, Hint, bool)> = Vec::new();
    for hint in rest {
        if size(&hint) > room {
            break;
        }
        room -= size(&hint);
        shown.push(hint);
    }
    shown.extend(kept);
    let mut spans = Vec::new();
    for (key, hint, _) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, ctx.theme.key));
        spans.push(Span::raw(format!(" {}", hint.label())));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompt_scrolls_to_keep_the_cursor_visible() {
        assert_eq!(prompt_window("wafer", 5, 10), ("wafer", 5, false));
        assert_eq!(
            prompt_window("wafer scale engine", 18, 10),
            ("e engine", 9, true)
        );
        assert_eq!(
            prompt_window("wafer scale engine", 2, 10),
            ("wafer scale engine", 2, false)
        );
        assert_eq!(prompt_window("東京東京", 12, 5), ("京", 3, true));
    }
}
