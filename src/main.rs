//! The `lectern` binary: everything lives in the library; see `lectern::cli`.

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
