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
    // a file that is not Panelist's is refused here, before any window opens
    let open = match cli.file.as_deref().map(panelist::open::classify).transpose() {
        Ok(open) => open,
        Err(err) => {
            eprintln!("panelist: {err}");
            return ExitCode::from(2);
        }
    };
    let launch = panelist::config::Launch {
        data_dir: cli.data_dir.clone(),
        questions: cli.questions.clone(),
        frame_stats: cli.frame_stats,
        open,
    };
    match panelist::app::run_native(&launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("panelist: {err}");
            ExitCode::FAILURE
        }
    }
}
