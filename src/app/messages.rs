//! The messages about the program: what loading it noticed, kept for the messages overlay
//! and announced once on the status line.

use super::App;
use crate::action::Command;

impl App {
    /// Keeps what loading the program noticed and says so on the status line: how many
    /// `warnings` the program file has, else `status` (what an import did), with the key that
    /// shows the messages when there is more to read.
    pub fn show_loaded(&mut self, status: Option<String>, messages: Vec<String>, warnings: usize) {
        self.live.messages = messages;
        let text = match (warnings, status) {
            (0, None) => return,
            // The key goes first: the footer puts it at the first `{}`, and the summary
            // may quote a schedule's text.
            (0, Some(_)) if self.live.messages.len() > 1 => {
                format!("press {{}} to read the notes · {}", self.live.messages[0])
            }
            (0, Some(status)) => {
                self.set_status(status, false);
                return;
            }
            (1, _) => "1 warning in the program file: press {} to see it".to_owned(),
            (n, _) => format!("{n} warnings in the program file: press {{}} to see them"),
        };
        self.set_status_with_key(text, Command::Messages);
    }
}
