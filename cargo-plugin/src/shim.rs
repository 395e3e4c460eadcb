//! The shim a command runs guests in.

use std::path::Path;
use std::time::Duration;

use guestkit_shim::Shim;

/// A shim on the state database in `state_dir`, whose drive is the directory of the component
/// at `path` (so guests can load their siblings) and which prints what actors send to the
/// host.
pub fn open(state_dir: &Path, path: &Path, retention: Duration) -> anyhow::Result<Shim> {
    let drive = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let shim = Shim::builder()
        .state_dir(state_dir)
        .retention(retention)
        .drive(drive)
        .on_message(|m| {
            println!(
                "{}: {}",
                m.source.process.process_name,
                String::from_utf8_lossy(&m.payload.body)
            );
            None
        })
        .build()?;
    Ok(shim)
}
