//! What other tools need to know about the command line: shell completion scripts
//! (`lectern completions SHELL`, from `clap_complete`) and the manual page (`lectern man`, roff
//! from `clap_mangen`). Both are generated from the same `clap` definition the parser uses, so
//! they cannot drift from it; the command is handed in so this module does not reach back into the
//! command line module.

use std::io::Write as _;
use std::process::ExitCode;

pub use clap_complete::Shell;

/// Prints the completion script for `shell` on stdout; exit 1 when stdout cannot be written.
pub fn completions(mut command: clap::Command, shell: Shell) -> ExitCode {
    let name = command.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    emit(&script)
}

/// Prints the roff manual page on stdout; exit 1 when it cannot be written.
pub fn man(command: clap::Command) -> ExitCode {
    let mut page = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command).render(&mut page) {
        let _ = writeln!(
            std::io::stderr(),
            "lectern: cannot write the manual page: {e}"
        );
        return ExitCode::from(1);
    }
    emit(&page)
}

fn emit(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "lectern: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}
