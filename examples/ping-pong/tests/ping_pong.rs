//! Ping-pong in process mode, as its users test it with guestkit-test: the receive timeouts
//! run on the test's clock, so the 50 ms the first actor waits for a message that never
//! comes pass only when the test advances time.

use std::time::Duration;

use guestkit_test::{App, Spawn};

async fn reports(app: &App) -> Result<Vec<String>, guestkit_test::Error> {
    Ok(app.messages().await?.iter().map(|m| m.text()).collect())
}

#[tokio::test]
async fn plays_three_rounds_then_waits_out_its_timeout() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["ping-pong"]).await?;
    app.spawn(Spawn::actor("ping-pong").grant("spawn")).await?;
    app.settle().await?;
    assert_eq!(reports(&app).await?, ["pong 1", "pong 2", "pong 3"]);

    app.advance(Duration::from_millis(49)).await?;
    assert_eq!(reports(&app).await?.len(), 3, "the 50 ms are not up");
    app.advance(Duration::from_millis(1)).await?;
    let reports = reports(&app).await?;
    assert_eq!(
        reports[3..],
        ["no message tagged 99 within 50 ms", "3 rounds played"]
    );
    Ok(())
}
