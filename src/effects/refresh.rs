//! Loading the program again while it is browsed: the download (or the file read) runs on a
//! thread of its own so the screen stays responsive, and its outcome comes back to the event
//! loop as an [`Action::Refreshed`]. `--refresh 10m` asks for one every so often.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;

use crate::action::Action;
use crate::app::Fresh;
use crate::fetch::Limits;
use crate::source::Source;
use crate::source::remote::Mode;

/// Runs refreshes of one source, one at a time.
pub struct Refresher {
    source: Option<Source>,
    results: mpsc::Sender<Action>,
    /// Where the outcomes arrive; the event loop reads it.
    pub inbox: mpsc::Receiver<Action>,
    running: bool,
    /// How often to refresh by itself, and when it last started one.
    every: Option<(Duration, Instant)>,
    /// The zone a schedule is read in (`--timezone`), as when it was opened.
    timezone: Option<TimeZone>,
}

impl Refresher {
    /// A refresher of `source` (`None`: the built-in program, which never changes), refreshing
    /// by itself `every` so often when given.
    pub fn new(source: Option<Source>, every: Option<Duration>) -> Refresher {
        let (results, inbox) = mpsc::channel();
        Refresher {
            source,
            results,
            inbox,
            running: false,
            every: every.map(|d| (d, Instant::now())),
            timezone: None,
        }
    }

    /// The same refresher, reading a schedule in `timezone` as the first opening did.
    #[must_use]
    pub fn in_zone(self, timezone: Option<TimeZone>) -> Refresher {
        Refresher { timezone, ..self }
    }

    /// Starts a refresh on its thread; what to tell the user at once, if anything.
    pub fn start(&mut self) -> Option<Action> {
        let Some(source) = self.source.clone() else {
            return Some(Action::Notice(
                "the built-in program has nothing to refresh".to_owned(),
            ));
        };
        if self.running {
            return Some(Action::Notice("a refresh is already running".to_owned()));
        }
        self.running = true;
        if let Some((_, last)) = &mut self.every {
            *last = Instant::now();
        }
        let results = self.results.clone();
        let timezone = self.timezone.clone();
        std::thread::spawn(move || {
            let limits = Limits {
                // The terminal belongs to the browser: no progress line on stderr.
                progress: false,
                ..Limits::from_env()
            };
            let outcome = source
                .open_in(Mode::Online, &limits, timezone.as_ref())
                .map(|opened| {
                    let note = opened.offline.map(|o| o.to_string());
                    let program = opened.loaded.into_browsed().0;
                    // Seen now: the next opening compares with this version.
                    crate::source::seen::changes_since(&source, &program);
                    Fresh::new(program, note)
                })
                .map_err(|e| crate::sanitize::line(&e.to_string()));
            let _ = results.send(Action::Refreshed(outcome));
        });
        Some(Action::Notice("refreshing…".to_owned()))
    }

    /// The outcomes that arrived, and a refresh command when one is due.
    pub fn news(&mut self) -> Vec<Action> {
        let mut news: Vec<Action> = self.inbox.try_iter().collect();
        if !news.is_empty() {
            self.running = false;
        }
        if let Some((every, last)) = self.every
            && !self.running
            && last.elapsed() >= every
        {
            news.push(Action::Command(crate::action::Command::Refresh));
            self.every = Some((every, Instant::now()));
        }
        news
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Command;

    /// The outcome of a refresh arrives as an action; a timer asks for the next one only
    /// when none is running; the built-in program has nothing to refresh.
    #[test]
    fn refreshes_report_back_and_a_timer_asks_for_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.toml");
        std::fs::write(
            &path,
            "[program]\ntitle = \"T\"\n[[talks]]\ntitle = \"A\"\n",
        )
        .expect("write");
        let mut refresher = Refresher::new(
            Some(Source::File(path.clone())),
            Some(Duration::from_millis(500)),
        );
        assert_eq!(refresher.news(), [], "nothing is due yet");
        assert_eq!(
            refresher.start(),
            Some(Action::Notice("refreshing…".to_owned()))
        );
        assert_eq!(
            refresher.start(),
            Some(Action::Notice("a refresh is already running".to_owned()))
        );
        let outcome = refresher
            .inbox
            .recv_timeout(Duration::from_secs(10))
            .expect("an outcome");
        let Action::Refreshed(Ok(fresh)) = outcome else {
            panic!("a program: {outcome:?}");
        };
        assert_eq!(fresh.program.0.talks.len(), 1);
        std::thread::sleep(Duration::from_millis(510));
        refresher.running = false;
        assert_eq!(refresher.news(), [Action::Command(Command::Refresh)]);
        assert_eq!(
            refresher.news(),
            [],
            "not again until the time has passed again"
        );

        std::fs::write(&path, "[program]\n").expect("break");
        refresher.start();
        let outcome = refresher
            .inbox
            .recv_timeout(Duration::from_secs(10))
            .expect("an outcome");
        assert!(
            matches!(&outcome, Action::Refreshed(Err(message)) if message.contains("title")),
            "{outcome:?}"
        );

        let mut built_in = Refresher::new(None, None);
        assert_eq!(
            built_in.start(),
            Some(Action::Notice(
                "the built-in program has nothing to refresh".to_owned()
            ))
        );
    }
}
