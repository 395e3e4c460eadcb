//! `cargo-guest`: run as `cargo guest <command>`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cargo_guest::Cargo::Guest(cli) = cargo_guest::Cargo::parse();
    cargo_guest::run(cli)
}
