//! `cargo-guest`: run as `cargo guest <command>`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    // A closed pipe (`cargo guest bindings | head`) ends the process quietly, as it does a C
    // tool, instead of making the next `println!` panic. Rust sets SIGPIPE to be ignored.
    #[cfg(unix)]
    // SAFETY: this runs first in `main`, before any other thread exists, and SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cargo_guest::Cargo::Guest(cli) = cargo_guest::Cargo::parse();
    cargo_guest::run(cli)
}
