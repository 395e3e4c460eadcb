//! The `cargo guest` subcommand: scaffold, build and run guestkit guests.
//!
//! One module per subcommand under [`commands`], each a clap `Args` struct whose doc
//! comments are its help text; the work is done by `guestkit-codegen` and `guestkit-shim`.

mod app;
mod build;
pub mod commands;
mod component;
mod componentize;
mod contract;
mod durable;
mod fingerprint;
mod guest;
mod ingress;
mod json;
mod running;
mod served;
mod shim;
mod target;
mod toolchain;
mod workspace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Cargo invokes `cargo-guest guest <args>`; this wrapper swallows the `guest` word.
#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo")]
pub enum Cargo {
    Guest(Cli),
}

/// Build and run WebAssembly guest actors for the guestkit host.
#[derive(Debug, clap::Args)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    New(commands::new::NewArgs),
    Build(commands::build::BuildArgs),
    Run(commands::run::RunArgs),
    Serve(commands::serve::ServeArgs),
    Dev(commands::dev::DevArgs),
    Test(commands::test::TestArgs),
    Inspect(commands::inspect::InspectArgs),
    Bindings(commands::bindings::BindingsArgs),
    Check(commands::check::CheckArgs),
    Invocations(commands::invocations::InvocationsArgs),
    Complete(commands::complete::CompleteArgs),
    Resume(commands::resume::ResumeArgs),
    Cancel(commands::cancel::CancelArgs),
    Kill(commands::kill::KillArgs),
    #[command(hide = true)]
    TestHost(commands::test_host::TestHostArgs),
}

/// Runs one `cargo guest` command. `check` has its own exit statuses: 1 when it found a
/// breaking change, 2 when it could not read its input.
pub fn run(cli: Cli) -> ExitCode {
    let done = match cli.command {
        Command::New(args) => commands::new::run(args),
        Command::Build(args) => commands::build::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Dev(args) => commands::dev::run(args),
        Command::Test(args) => commands::test::run(args),
        Command::Inspect(args) => commands::inspect::run(args),
        Command::Bindings(args) => commands::bindings::run(args),
        Command::Invocations(args) => commands::invocations::run(args),
        Command::Complete(args) => commands::complete::run(args),
        Command::Resume(args) => commands::resume::run(args),
        Command::Cancel(args) => commands::cancel::run(args),
        Command::Kill(args) => commands::kill::run(args),
        Command::TestHost(args) => commands::test_host::run(args),
        Command::Check(args) => {
            let format = args.format;
            return match commands::check::run(args) {
                Ok(commands::check::Verdict::Clean) => ExitCode::SUCCESS,
                Ok(commands::check::Verdict::Broken) => ExitCode::from(1),
                Err(e) => {
                    commands::check::print_error(format, &e);
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            };
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            match e.downcast_ref::<commands::run::Unsettled>() {
                Some(unsettled) => ExitCode::from(unsettled.exit_status()),
                None => ExitCode::FAILURE,
            }
        }
    }
}
