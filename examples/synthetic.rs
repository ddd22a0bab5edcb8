//! Writes a generated workspace, to try Flywheel on a big coalition:
//!
//!     cargo run --release --example synthetic -- 10000 30000 100000 big.ron
//!     cargo run --release -- big.ron

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (stakeholders, relationships, commitments) =
        (number(0, 1_000), number(1, 3_000), number(2, 3_000));
    let path = PathBuf::from(args.get(3).map_or("synthetic.ron", String::as_str));
    let ws = flywheel::synthetic::synthetic_workspace(stakeholders, relationships, commitments, 42);
    match flywheel::file::save(&ws, &path) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
