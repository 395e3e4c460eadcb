//! The binary's help, as cargo runs it (`cargo-guest guest ...`): every command is listed but
//! the test host, which only guestkit-test starts. (Being an integration test of this
//! package, this also has `cargo test` build the binary before any test runs, which the
//! examples' guestkit-test tests run.)

use std::process::Command;

#[test]
fn help_lists_the_commands_and_hides_the_test_host() {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-guest"))
        .args(["guest", "--help"])
        .output()
        .expect("cargo-guest runs");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for command in ["new", "build", "run", "serve", "dev", "test", "check"] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command}:\n{help}"
        );
    }
    assert!(!help.contains("test-host"), "{help}");
}

#[test]
fn the_test_host_refuses_to_start_without_a_guest() {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-guest"))
        .args([
            "guest",
            "test-host",
            "--state-dir",
            "unused",
            "--clock-ms",
            "0",
        ])
        .output()
        .expect("cargo-guest runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("at least one --guest PACKAGE=PATH"), "{said}");
}
