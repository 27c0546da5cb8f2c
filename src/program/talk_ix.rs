//! [`TalkIx`]: which talk of a program, the one index type the list, the search and the
//! schedule order share.

use super::{Program, Talk};

/// A talk's position in [`Program::talks`]. Four bytes, so the lists of talks a search keeps
/// for every query stay small; a program has far fewer than 2³² talks (the file size cap sees
/// to that).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TalkIx(pub u32);

impl TalkIx {
    /// The position as an index into `Program::talks`.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The talk at position `index`.
    ///
    /// # Panics
    /// Never for a talk of a loaded program; an index past `u32::MAX` is a bug.
    pub fn from_index(index: usize) -> TalkIx {
        TalkIx(u32::try_from(index).expect("a program has fewer than 2^32 talks"))
    }
}

impl Program {
    /// The talk `ix`, if the program has it.
    pub fn get(&self, ix: TalkIx) -> Option<&Talk> {
        self.talks.get(ix.index())
    }

    /// Every talk's index, in program order.
    pub fn talk_ixs(&self) -> impl Iterator<Item = TalkIx> + use<> {
        (0..self.talks.len()).map(TalkIx::from_index)
    }
}
