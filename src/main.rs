//! The `panelist` binary: a command, or the window.

use std::process::ExitCode;

use clap::Parser;
use panelist::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = &cli.command {
        let code = run(
            &cli,
            command,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(code);
    }
    match panelist::app::run_native(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("panelist: {err}");
            ExitCode::FAILURE
        }
    }
}
