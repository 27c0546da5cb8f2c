//! Small text helpers for the widgets: cutting spans to a width, highlighting matches.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar as _;

/// Cuts `spans` to `width` columns, ending in `…` when something was cut.
pub fn fit(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
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

/// `line` with the byte ranges `ranges` of its text (all spans end to end) drawn in `style`.
pub fn highlight<'a>(line: Line<'a>, ranges: &[Range<usize>], style: Style) -> Line<'a> {
    if ranges.is_empty() {
        return line;
    }
    let mut spans = Vec::with_capacity(line.spans.len() + 2 * ranges.len());
    let mut offset = 0;
    for span in line.spans {
        let text = span.content.as_ref();
        let end = offset + text.len();
        let mut cut = 0;
        for r in ranges.iter().filter(|r| r.start < end && r.end > offset) {
            let (from, to) = (r.start.max(offset) - offset, r.end.min(end) - offset);
            if from > cut {
                spans.push(Span::styled(text[cut..from].to_owned(), span.style));
            }
            spans.push(Span::styled(
                text[from..to].to_owned(),
                span.style.patch(style),
            ));
            cut = to;
        }
        if cut < text.len() {
            spans.push(Span::styled(text[cut..].to_owned(), span.style));
        }
        offset = end;
    }
    Line::from(spans).style(line.style)
}

/// The text of a line, its spans end to end.
pub fn plain(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_spans() {
        let line = Line::from(vec![
            Span::raw("wafer "),
            Span::styled("scale", Style::new()),
        ]);
        let hl = Style::new().bold();
        let ranges = [3..6, 6..8];
        let out = highlight(line, &ranges, hl);
        let parts: Vec<(&str, bool)> = out
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hl))
            .collect();
        assert_eq!(
            parts,
            [("waf", false), ("er ", true), ("sc", true), ("ale", false)]
        );
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let spans = vec![Span::raw("abc"), Span::raw("東京")];
        let cut: String = fit(spans.clone(), 5)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(cut, "abc…");
        let whole: String = fit(spans, 7).iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(whole, "abc東京");
    }
}
