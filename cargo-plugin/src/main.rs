//! `cargo-guest`: run as `cargo guest <command>`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cargo_guest::Cargo::Guest(cli) = cargo_guest::Cargo::parse();
    match cargo_guest::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
