//! The header (program, position, search and filters) and the footer (key hints, a status
//! message, or the search prompt).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use super::text::fit;
use super::theme;
use crate::app::{App, Overlay};
use crate::keymap;
use crate::numbers::thousands;
use crate::program::Origin;

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
    if app.search.is_idle(&app.filters) {
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

/// The position as numbers only: `2/4`, or with a search `1/3 of 4`.
fn compact_position(app: &App) -> Option<String> {
    if app.program.talks.is_empty() || app.search.progress.is_some() {
        return None;
    }
    let ordinal = app.view.ordinal(app.list.selected);
    let shown = app.view.talk_count();
    Some(if app.search.is_idle(&app.filters) {
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

pub fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let mut position = position(app);
    // On a narrow screen the position keeps its numbers and drops its words.
    if position.width() + 8 > usize::from(area.width) {
        position = compact_position(app).unwrap_or(position);
    }
    let mut left = vec![Span::styled(app.program.info.title.as_str(), theme::TITLE)];
    if app.program.origin == Origin::BuiltIn {
        left.push(Span::styled(" · built-in program", theme::DIM));
    }
    let query = app.search.input.text();
    if !app.search.query.is_empty() {
        left.push(Span::styled(format!(" · /{query}"), theme::KEY));
    }
    for filter in app.filters.summary() {
        left.push(Span::styled(format!(" · {filter}"), theme::KEY));
    }
    if let Some(zone) = app.zone_label() {
        left.push(Span::styled(format!(" · times: {zone}"), theme::DIM));
    }
    let right_width = (position.width() as u16 + 1).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    buf.set_style(area, theme::BAR);
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

/// Where the terminal cursor goes while the prompt is open.
pub fn prompt_cursor(app: &App, footer: Rect) -> Option<Position> {
    if app.overlay != Some(Overlay::Search) || footer.width < 2 {
        return None;
    }
    let input = &app.search.input;
    let (_, column, _) = prompt_window(input.text(), input.cursor(), usize::from(footer.width) - 1);
    Some(Position::new(footer.x + 1 + column as u16, footer.y))
}

pub fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    buf.set_style(area, theme::BAR);
    let line = if app.overlay == Some(Overlay::Search) {
        let input = &app.search.input;
        let (shown, _, scrolled) = prompt_window(
            input.text(),
            input.cursor(),
            usize::from(area.width).saturating_sub(1),
        );
        let mut spans = vec![Span::styled("/", theme::KEY)];
        if scrolled {
            spans.push(Span::styled("…", theme::DIM));
        }
        spans.push(Span::raw(shown));
        Line::from(spans)
    } else if let Some(status) = &app.status {
        let style = if status.is_error {
            theme::ERROR
        } else {
            theme::INFO
        };
        let spans = vec![Span::styled(status.text.as_str(), style)];
        Line::from(fit(spans, usize::from(area.width)))
    } else {
        hints_line(app, usize::from(area.width))
    };
    Paragraph::new(line).render(area, buf);
}

/// The key hints of the focused context that fit in `width` columns, in table order; the
/// hints for going back, help and quitting always stay, at the end.
fn hints_line(app: &App, width: usize) -> Line<'static> {
    let (kept, rest): (Vec<_>, Vec<_>) = keymap::hints(app.context())
        .into_iter()
        .partition(|(_, hint)| matches!(*hint, "help" | "quit" | "back" | "close"));
    let size = |(key, hint): &(String, &str)| key.width() + 1 + hint.width() + 2;
    let mut room = width.saturating_sub(kept.iter().map(size).sum());
    let mut shown: Vec<(String, &str)> = Vec::new();
    for hint in rest {
        if size(&hint) > room {
            break;
        }
        room -= size(&hint);
        shown.push(hint);
    }
    shown.extend(kept);
    let mut spans = Vec::new();
    for (key, hint) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme::KEY));
        spans.push(Span::raw(format!(" {hint}")));
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
