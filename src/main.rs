use std::process::ExitCode;

use clap::Parser;
use flywheel::cli::{self, Cli};

fn main() -> ExitCode {
    flywheel::allocator::keep_freed_memory_for_reuse();
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match flywheel::app::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("flywheel: could not open a window: {err}");
                ExitCode::FAILURE
            }
        },
    }
}
