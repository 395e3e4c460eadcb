//! `cargo guest build`: the build pipeline of [`crate::build`], run for the selected guests.

pub use crate::build::BuildArgs;

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    crate::build::run(args).map(drop)
}
