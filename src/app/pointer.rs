//! The mouse: a click selects the talk or focuses the pane under it, the wheel scrolls what
//! is under the pointer. Where things are comes from the last frame's measurements.

use super::{App, Focus, PaneRegion};

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.timetable_click(column, row) {
            return;
        }
        if let Some(list) = self.list.region.filter(|r| r.pane.contains(column, row)) {
            self.focus = Focus::List;
            if list.inner.contains(column, row) {
                let index = self.list.offset + usize::from(row - list.inner.y);
                if self.view.talk_at(index).is_some() {
                    self.select(index);
                }
            }
        } else if self
            .detail
            .region
            .is_some_and(|r| r.pane.contains(column, row))
        {
            self.focus = Focus::Detail;
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        if self.timetable_wheel(column, row, down) {
            return;
        }
        let over =
            |region: Option<PaneRegion>| region.is_some_and(|r| r.pane.contains(column, row));
        let focus = self.focus;
        if over(self.list.region) {
            self.focus = Focus::List;
            self.step(1, down);
        } else if over(self.detail.region) {
            self.focus = Focus::Detail;
            self.step(3, down);
        }
        self.focus = focus;
        self.clamp();
    }
}
