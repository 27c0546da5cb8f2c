//! A one-line text input with a cursor, edited the way a shell prompt is: insert, move by
//! character, delete a character, the word before the cursor (Ctrl-w) or everything before it
//! (Ctrl-u), paste; and the [`History`] of what a prompt was given, walked with `↑` `↓`.

use crate::action::Command;

/// The text and the cursor (a byte offset at a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// Carries out a cursor or deletion command; false for any other command, left to the
    /// prompt that owns the input.
    pub fn edit(&mut self, command: Command) -> bool {
        match command {
            Command::CursorLeft => self.left(),
            Command::CursorRight => self.right(),
            Command::LineStart => self.home(),
            Command::LineEnd => self.end(),
            Command::DeleteBack => self.delete_back(),
            Command::DeleteForward => self.delete_forward(),
            Command::DeleteWord => self.delete_word(),
            Command::DeleteLine => self.delete_line(),
            _ => return false,
        }
        true
    }

    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_owned(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts text at the cursor. Line breaks and control characters (from a paste) become
    /// spaces and invisible or reordering characters are dropped: the input is one line, drawn
    /// on the terminal.
    pub fn insert(&mut self, s: &str) {
        let clean = crate::sanitize::typed(s);
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Backspace.
    pub fn delete_back(&mut self) {
        let end = self.cursor;
        self.left();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Delete.
    pub fn delete_forward(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.text
                .replace_range(self.cursor..self.cursor + c.len_utf8(), "");
        }
    }

    /// Ctrl-w: the word before the cursor, and the spaces after it.
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Ctrl-u: everything before the cursor.
    pub fn delete_line(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }
}

/// A prompt's earlier lines in this session, oldest first, and where `↑`/`↓` are in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// `None` while editing a new line.
    pos: Option<usize>,
}

impl History {
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Keeps `text` (trimmed) as the newest entry, unless it is empty or the newest already.
    pub fn remember(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && self.entries.last().is_none_or(|last| last != text) {
            self.entries.push(text.to_owned());
        }
    }

    /// Back to editing a new line: the next `↑` starts from the newest entry.
    pub fn restart(&mut self) {
        self.pos = None;
    }

    /// One step back (`↑`) or forward (`↓`): the entry to edit, or an empty line past the
    /// newest.
    pub fn walk(&mut self, back: bool) -> LineInput {
        let len = self.entries.len();
        self.pos = match (self.pos, back) {
            (None, true) if len > 0 => Some(len - 1),
            (Some(p), true) => Some(p.saturating_sub(1)),
            (Some(p), false) if p + 1 < len => Some(p + 1),
            // Past the newest entry (or no history): back to an empty prompt.
            _ => None,
        };
        LineInput::new(self.pos.map_or("", |p| self.entries[p].as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_new_lines_and_walks_both_ways() {
        let mut history = History::default();
        for line in ["one", " two ", "two", "", "three"] {
            history.remember(line);
        }
        assert_eq!(history.entries(), ["one", "two", "three"]);
        let mut walked = Vec::new();
        for back in [true, true, true, true, false, false, false, true] {
            walked.push(history.walk(back).text().to_owned());
        }
        assert_eq!(
            walked,
            ["three", "two", "one", "one", "two", "three", "", "three"]
        );
        history.restart();
        assert_eq!(history.walk(true).text(), "three");
        assert_eq!(History::default().walk(true).text(), "");
    }

    #[test]
    fn editing() {
        let mut input = LineInput::new("wafer scale");
        input.left();
        input.left();
        input.insert("X");
        assert_eq!((input.text(), input.cursor()), ("wafer scaXle", 10));
        input.delete_back();
        input.delete_forward();
        assert_eq!((input.text(), input.cursor()), ("wafer scae", 9));
        input.end();
        input.delete_word();
        assert_eq!((input.text(), input.cursor()), ("wafer ", 6));
        input.insert("Zü");
        input.left();
        input.delete_back();
        assert_eq!((input.text(), input.cursor()), ("wafer ü", 6));
        input.delete_line();
        assert_eq!((input.text(), input.cursor()), ("ü", 0));
        input.home();
        input.delete_back();
        input.right();
        input.right();
        assert_eq!((input.text(), input.cursor()), ("ü", 2));
    }

    #[test]
    fn ctrl_w_removes_the_word_and_trailing_spaces() {
        let cases = [
            ("one two", "one "),
            ("one two  ", "one "),
            ("one", ""),
            ("  ", ""),
            ("a  ü", "a  "),
            ("", ""),
        ];
        for (before, after) in cases {
            let mut input = LineInput::new(before);
            input.delete_word();
            assert_eq!(input.text(), after, "{before:?}");
        }
    }

    #[test]
    fn pasted_line_breaks_become_spaces() {
        let mut input = LineInput::default();
        input.insert("two\nlines\t\u{1b}[31m\u{202e}x\u{200b}y\u{85}");
        assert_eq!(input.text(), "two lines  [31mxy ");
    }
}
