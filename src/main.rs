//! The `newsnlp` command: parses flags and hands over to `cli`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
