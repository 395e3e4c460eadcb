//! The caller and the greeter together, as their users test them with guestkit-test.

use guestkit_test::App;

guestkit_test::contract!("proto/caller.proto");
use crate::caller::v1::{CallerServiceClient, IntroduceRequest};

#[tokio::test]
async fn introduces_a_person_to_the_greeter() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["greeter", "caller"]).await?;
    let greeter = app.spawn("greeter").await?;
    app.spawn("caller").await?;
    let caller = CallerServiceClient::new(&app, "caller");
    let introduce = |name: &str| IntroduceRequest {
        greeter: greeter.clone(),
        name: name.into(),
        timeout_ms: 0,
    };
    let first = caller.introduce(&introduce("Ada")).await?;
    assert_eq!(
        (first.greeting.as_str(), first.total),
        ("Hello, dear Ada!", 1)
    );
    assert_eq!(caller.introduce(&introduce("Grace")).await?.total, 2);

    // A greeter that is not there: the caller's call fails, and so does the introduction.
    let nobody = IntroduceRequest {
        greeter: "local@nobody:nobody:local".into(),
        ..introduce("Ada")
    };
    let failed = caller.introduce(&nobody).await.unwrap_err();
    assert_eq!(failed.code(), Some("not_found"), "{failed}");
    Ok(())
}
