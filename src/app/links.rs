//! The selected talk's links in the app: the `u` list and opening a link by its number,
//! copying one with `y`, and the `|` prompt that pipes the talk to a shell command. What
//! leaves the process (the viewer, the clipboard, the command) is an [`Effect`]; the links
//! and their numbers come from [`crate::links::of`], as in the detail pane.

use super::{App, Effect, Overlay, Shared};
use crate::action::Command;
use crate::input::LineInput;
use crate::links::{self, TalkLink};

/// The `u` overlay's state: which link is highlighted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinksOverlay {
    pub selected: usize,
}

impl App {
    /// The selected talk's links, numbered from 1 in this order.
    pub fn talk_links(&self) -> Vec<TalkLink> {
        self.selected_talk()
            .map(|talk| links::of(&self.program, talk))
            .unwrap_or_default()
    }

    /// `u`: the list of the selected talk's links, or a word on the status line when it has
    /// none.
    pub(super) fn open_links(&mut self) {
        if self.selected_talk().is_none() {
            return;
        }
        if self.talk_links().is_empty() {
            self.set_status("no links for this talk", false);
        } else {
            self.overlay = Some(Overlay::Links(LinksOverlay::default()));
        }
    }

    /// Keys in the links list: move, open, copy, close.
    pub(super) fn links_command(&mut self, command: Command) -> Option<Effect> {
        let last = self.talk_links().len().saturating_sub(1);
        let Some(Overlay::Links(overlay)) = &mut self.overlay else {
            return None;
        };
        match command {
            Command::Down => overlay.selected = (overlay.selected + 1).min(last),
            Command::Up => overlay.selected = overlay.selected.saturating_sub(1),
            Command::Top => overlay.selected = 0,
            Command::Bottom => overlay.selected = last,
            Command::Select => {
                let n = overlay.selected + 1;
                return self.open_nth(n);
            }
            Command::CopyLink => return self.copy_link(),
            Command::Links | Command::Back => self.overlay = None,
            _ => {}
        }
        None
    }

    /// A digit in the links list: open the link of that number.
    pub(super) fn open_number(&mut self, n: u8) -> Option<Effect> {
        if !matches!(self.overlay, Some(Overlay::Links(_))) {
            return None;
        }
        self.status = None;
        self.open_nth(usize::from(n))
    }

    /// Opens link `n` (from 1) with the same checks as slides, and closes the list.
    fn open_nth(&mut self, n: usize) -> Option<Effect> {
        let Some(link) = n
            .checked_sub(1)
            .and_then(|i| self.talk_links().into_iter().nth(i))
        else {
            self.set_status(format!("no link {n} for this talk"), true);
            return None;
        };
        self.overlay = None;
        Some(Effect::OpenSlides {
            slides: link.target,
            base: self.program.origin.base_dir(),
        })
    }

    /// `y`: the highlighted link in the links list; elsewhere the talk's page, else its first
    /// link. The runner decides whether it may be copied.
    pub(super) fn copy_link(&mut self) -> Option<Effect> {
        let all = self.talk_links();
        let link = match &self.overlay {
            Some(Overlay::Links(overlay)) => all.get(overlay.selected),
            _ => links::to_copy(&all),
        };
        if let Some(link) = link {
            return Some(Effect::Copy(link.target.clone()));
        }
        self.set_status("no link to copy for this talk", false);
        None
    }

    /// `|`: the prompt for the command the talk is piped to.
    pub(super) fn open_pipe(&mut self) {
        if self.selected_talk().is_some() {
            self.commands.restart();
            self.overlay = Some(Overlay::Pipe(LineInput::default()));
        }
    }

    /// Keys in the pipe prompt: edit the command, walk the earlier ones, run it, or give up.
    pub(super) fn pipe_command(&mut self, command: Command) -> Option<Effect> {
        let Some(Overlay::Pipe(input)) = &mut self.overlay else {
            return None;
        };
        match command {
            Command::Submit => {
                let line = input.text().trim().to_owned();
                self.commands.remember(&line);
                self.overlay = None;
                let talk = self.selected_index()?;
                if line.is_empty() {
                    return None;
                }
                return Some(Effect::Pipe {
                    command: line,
                    program: Shared(std::sync::Arc::clone(&self.program)),
                    talk,
                });
            }
            Command::Back => self.overlay = None,
            Command::HistoryPrev | Command::HistoryNext => {
                *input = self.commands.walk(command == Command::HistoryPrev);
            }
            editing => {
                input.edit(editing);
            }
        }
        None
    }

    /// Text typed or pasted into the pipe prompt; `false` when the prompt is not open.
    pub(super) fn type_in_pipe(&mut self, text: &str) -> bool {
        let Some(Overlay::Pipe(input)) = &mut self.overlay else {
            return false;
        };
        input.insert(text);
        self.commands.restart();
        true
    }
}
