//! What converting a schedule's HTML may cost. The HTML renderer takes time that grows with
//! the text times its nesting depth, so a field of thousands of nested `<ul><li>` takes
//! seconds and a file of them minutes. Each field's depth is measured first (in one pass,
//! without a parser) and the file has a budget of conversion work; a field nested too deep or
//! past the budget is kept as plain text, tags removed, and the summary says so.

use super::markup::MAX_TEXT;
use crate::sanitize;

/// The deepest nesting converted. Real abstracts nest four or five levels (a list in a list
/// in a `div`).
pub const MAX_DEPTH: usize = 32;

/// The conversion work allowed per file, in bytes times nesting depth: FOSDEM 2021 (1.6 MB,
/// 773 events, HTML nested four levels at most) needs a tenth of it, and all of it takes the
/// renderer about two seconds.
pub const MAX_WORK: usize = 16 * 1024 * 1024;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose end tag HTML lets writers leave out: a second one closes the first.
const SELF_CLOSING_SIBLINGS: &[&str] = &["li", "p", "dt", "dd", "tr", "td", "th", "option"];

/// The conversion work left for a file, and what was kept plain.
#[derive(Debug)]
pub struct Budget {
    left: usize,
    /// Fields kept plain because their HTML nests deeper than [`MAX_DEPTH`].
    pub too_deep: usize,
    /// Fields kept plain because the file's budget was spent.
    pub spent: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            left: MAX_WORK,
            too_deep: 0,
            spent: 0,
        }
    }
}

impl Budget {
    /// The plain text of `raw` when converting it would cost too much; `None` when it may be
    /// converted (its cost is then taken from the budget).
    pub fn plain_if_too_costly(&mut self, raw: &str) -> Option<String> {
        if !raw.contains('<') {
            return None;
        }
        let cut = &raw[..floor_char_boundary(raw, MAX_TEXT)];
        let plain = || {
            let text = plain(cut);
            match (cut.len() < raw.len(), text.is_empty()) {
                (false, _) => text,
                (true, true) => "[…]".to_owned(),
                (true, false) => format!("{text} […]"),
            }
        };
        let depth = nesting(cut);
        if depth > MAX_DEPTH {
            self.too_deep += 1;
            return Some(plain());
        }
        let cost = cut.len().saturating_mul(depth + 1);
        if cost > self.left {
            self.spent += 1;
            return Some(plain());
        }
        self.left -= cost;
        None
    }

    /// One note per reason a text was kept plain.
    pub fn notes(&self) -> Vec<String> {
        let texts = |n: usize| {
            format!(
                "{} kept as plain text",
                if n == 1 {
                    "1 text".to_owned()
                } else {
                    format!("{} texts", crate::numbers::thousands(n))
                }
            )
        };
        let mut notes = Vec::new();
        if self.too_deep > 0 {
            notes.push(format!(
                "{}: their HTML nests deeper than {MAX_DEPTH} levels",
                texts(self.too_deep)
            ));
        }
        if self.spent > 0 {
            notes.push(format!(
                "{}: the schedule has more HTML than Lectern converts per file",
                texts(self.spent)
            ));
        }
        notes
    }
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut end = at.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The deepest nesting of elements in `raw`, counted from its tags, up to one over
/// [`MAX_DEPTH`] (where counting stops): void elements do not nest, an end tag closes up to
/// its element, and a `<li>` or `<p>` closes an open one directly before it. Linear in the
/// length of `raw`: the open elements are never more than the limit.
pub fn nesting(raw: &str) -> usize {
    let mut open: Vec<&str> = Vec::new();
    let mut deepest = 0;
    let mut rest = raw;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let (closing, body) = match tag.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, tag),
        };
        let name_end = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        let name = &body[..name_end];
        if name.is_empty() {
            continue;
        }
        let known = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if closing {
            if let Some(at) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                open.truncate(at);
            }
        } else if !known(VOID) && !tag.ends_with('/') {
            if known(SELF_CLOSING_SIBLINGS)
                && open.last().is_some_and(|n| n.eq_ignore_ascii_case(name))
            {
                open.pop();
            }
            open.push(name);
            deepest = deepest.max(open.len());
            if deepest > MAX_DEPTH {
                break;
            }
        }
    }
    deepest
}

/// The text of `raw` with its tags removed, sanitized: what is shown when converting costs
/// too much.
fn plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_tag = false;
    // The indentation of HTML source is not the text's: no line of it is kept indented.
    let mut line_start = true;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !line_start {
                    out.push(' ');
                }
            }
            ' ' | '\t' if line_start && !in_tag => {}
            _ if !in_tag => {
                out.push(c);
                line_start = matches!(c, '\n' | '\r');
            }
            _ => {}
        }
    }
    sanitize::text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_from_tags() {
        let cases = [
            ("plain text", 0),
            ("<p>one</p><p>two</p>", 1),
            ("<ul><li>a<ul><li>b</li></ul></li></ul>", 4),
            ("<ul><li>a<li>b<li>c</ul>", 2),
            ("<p>a<br>b<br/>c<img src=x></p>", 1),
            ("<div><div><div></div></div></div>", 3),
            ("a < b > c", 0),
            ("<div><span>unclosed", 2),
            ("</div></div><p>x", 1),
        ];
        for (html, depth) in cases {
            assert_eq!(nesting(html), depth, "{html}");
        }
        let deep = "<ul><li>".repeat(10_000);
        assert_eq!(nesting(&deep), MAX_DEPTH + 1);
    }

    #[test]
    fn deep_or_costly_text_is_kept_plain() {
        let mut budget = Budget::default();
        assert_eq!(budget.plain_if_too_costly("<p>fine</p>"), None);
        assert_eq!(budget.plain_if_too_costly("no markup at all"), None);
        let deep = format!("{}deep{}", "<ul><li>".repeat(20), "</li></ul>".repeat(20));
        assert_eq!(budget.plain_if_too_costly(&deep).as_deref(), Some("deep"));
        assert_eq!(budget.too_deep, 1);
        // A file's worth of shallow HTML spends the budget.
        let big = format!("<p>{}</p>", "word ".repeat(10_000));
        let mut converted = 0;
        while budget.plain_if_too_costly(&big).is_none() {
            converted += 1;
        }
        assert_eq!(converted, MAX_WORK / (big.len() * 2));
        assert_eq!(budget.spent, 1);
        assert_eq!(
            budget.notes(),
            [
                "1 text kept as plain text: their HTML nests deeper than 32 levels",
                "1 text kept as plain text: the schedule has more HTML than Lectern converts per file",
            ]
        );
    }
}
