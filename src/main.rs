use std::process::ExitCode;

use clap::Parser;
use flywheel::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Check { file }) => match cli::check(&file) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{err}");
                ExitCode::FAILURE
            }
        },
        None => match flywheel::app::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("flywheel: could not open a window: {err}");
                ExitCode::FAILURE
            }
        },
    }
}
