//! The supervisor, as its users test it with guestkit-test: the worker's restart backoff and
//! the receive timeouts run on the test's clock.

use std::time::Duration;

use guestkit_test::{App, Spawn};

#[tokio::test]
async fn restarts_its_worker_and_hears_of_its_helper() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["supervisor"]).await?;
    app.spawn(Spawn::actor("supervisor").grant("spawn")).await?;
    app.advance(Duration::from_secs(1)).await?;
    let reports: Vec<String> = app.messages().await?.iter().map(|m| m.text()).collect();
    let expected = [
        "worker: incarnation 1, restarted: false",
        "worker crashed: internal: the handler trapped",
        "monitor: worker ended (ExitReason::Failure)",
        "worker: incarnation 2, restarted: true",
        "link 7: helper ended (ExitReason::Failure)",
        "supervisor done",
    ];
    assert_eq!(reports.len(), expected.len(), "{reports:#?}");
    for (report, start) in reports.iter().zip(expected) {
        assert!(
            report.starts_with(start),
            "{report:?} should start with {start:?}"
        );
    }
    Ok(())
}
