//! The talks of a file checked one at a time, whether they come from one parsed array (the
//! file parsed whole) or one section at a time ([`super::sections`]): what is kept of them,
//! the ids they state, and what the file finally yields.

use std::ops::Range;

use jiff::tz::TimeZone;

use super::checker::{Checker, Value, find};
use super::schema::Parts;
use super::{ProgramInfo, Talk};

/// The talks checked so far, one at a time.
pub(super) struct TalkList {
    talks: Vec<Talk>,
    /// How many talks the file has.
    expected: usize,
    /// False once a talk failed: nothing will be loaded, so nothing more is kept.
    ok: bool,
    /// The ids the talks state, with their spans in the file, for [`Checker::assign_ids`].
    given_ids: Vec<(String, Range<usize>)>,
}

impl TalkList {
    /// Once one talk fails nothing is loaded: keep checking, not the talks (a file of many
    /// broken talks would otherwise reserve and fill them all).
    pub(super) fn fail(&mut self) {
        self.ok = false;
        self.talks = Vec::new();
    }

    /// A list for a file of `expected` talks.
    pub(super) fn expecting(expected: usize) -> TalkList {
        TalkList {
            talks: Vec::new(),
            expected,
            ok: true,
            given_ids: Vec::new(),
        }
    }

    /// Keeps a talk that passed. The list grows by half as talks pass, never past the file's
    /// count, rather than being reserved for all of them at once: a talk kept is about 370
    /// bytes, and a file of 10-byte `[[talks]]` lines that all fail would otherwise reserve
    /// 37 times its size before the first one failed.
    fn keep(&mut self, talk: Talk) {
        let len = self.talks.len();
        if len == self.talks.capacity() {
            let more = (len / 2).max(1024).min(self.expected.saturating_sub(len));
            self.talks.reserve_exact(more.max(1));
        }
        self.talks.push(talk);
    }
}

impl Checker<'_> {
    /// Checks the `talks` of a file parsed whole.
    pub(super) fn talks(&mut self, value: &Value<'_>, tz: Option<&TimeZone>) -> Option<TalkList> {
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(value, "`talks`", "an array of tables: `[[talks]]`");
            return None;
        };
        let mut list = TalkList::expecting(items.len());
        for (i, item) in items.iter().enumerate() {
            self.talk_item(&mut list, i, item, tz);
        }
        Some(list)
    }

    /// Checks talk number `index` (from 0) and adds it to `list`.
    pub(super) fn talk_item(
        &mut self,
        list: &mut TalkList,
        index: usize,
        item: &Value<'_>,
        tz: Option<&TimeZone>,
    ) {
        let Some(table) = self.table(item, &format!("talk #{}", index + 1)) else {
            list.fail();
            return;
        };
        if let Some((_, value)) = find(table, "id")
            && let Some(id) = value.get_ref().as_str()
        {
            let span = value.span();
            let start = self.in_file(span.start);
            let span = start..start + span.len();
            list.given_ids.push((id.to_owned(), span));
        }
        match self.talk(index, item, table, tz) {
            Some(talk) if list.ok => list.keep(talk),
            Some(_) => {}
            None => list.fail(),
        }
    }

    /// The ids of the talks checked, and what the file yields.
    pub(super) fn finish(
        &mut self,
        info: Option<ProgramInfo>,
        list: Option<TalkList>,
    ) -> Option<Parts> {
        let talks = list.and_then(|mut list| {
            self.assign_ids(&list.given_ids, &mut list.talks);
            list.ok.then_some(list.talks)
        });
        if talks.as_ref().is_some_and(Vec::is_empty) {
            self.warn(
                0,
                "the program has no talks".into(),
                "expected one or more `[[talks]]` tables",
            );
        }
        Some((info?, talks?))
    }
}
