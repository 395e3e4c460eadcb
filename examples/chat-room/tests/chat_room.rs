//! The chat room, as its users test it with guestkit-test: a member without the room's
//! capability is refused, and nothing it sent lands.

use guestkit_test::{App, Spawn};

#[tokio::test]
async fn only_the_member_holding_the_capability_posts() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["chat-room"]).await?;
    app.spawn(Spawn::actor("chat-room").grant("spawn")).await?;
    app.settle().await?;
    let reports: Vec<String> = app.messages().await?.iter().map(|m| m.text()).collect();
    assert!(
        reports.contains(&"alice: posted, 1 message(s) in the room".to_owned()),
        "{reports:?}"
    );
    let refused = "mallory: refused: permission denied";
    assert!(
        reports.iter().any(|r| r.starts_with(refused)),
        "{reports:?}"
    );
    assert_eq!(reports.last().unwrap(), "history: alice: hello from alice");
    Ok(())
}
