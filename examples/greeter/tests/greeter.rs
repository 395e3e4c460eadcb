//! The greeter, as its users test it with guestkit-test: typed requests with repeated, map,
//! oneof and well-known-type fields, and counts kept in its persistent fields.

use guestkit_test::App;

guestkit_test::contract!("proto/greeter.proto");
use crate::greeter::v1::greet_request::Style;
use crate::greeter::v1::{GreetRequest, GreeterServiceClient, StatsRequest};

fn greeting(name: &str) -> GreetRequest {
    GreetRequest {
        name: name.into(),
        ..GreetRequest::default()
    }
}

#[tokio::test]
async fn greets_in_each_style_and_counts_by_name() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["greeter"]).await?;
    app.spawn("greeter").await?;
    let greeter = GreeterServiceClient::new(&app, "greeter");

    let formal = GreetRequest {
        titles: vec!["Dr.".into()],
        style: Some(Style::Formal(true)),
        tags: [("via".to_owned(), "test".to_owned())].into(),
        sent_at: Some(guestkit_test::prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 0,
        }),
        ..greeting("Ada")
    };
    let reply = greeter.greet(&formal).await?;
    assert_eq!(reply.message, "Good day, Dr. Ada.");
    assert_eq!((reply.tags, reply.sent_at), (formal.tags, formal.sent_at));
    let nick = GreetRequest {
        style: Some(Style::Nickname("Addie".into())),
        ..greeting("Ada")
    };
    assert_eq!(greeter.greet(&nick).await?.message, "Hey Addie!");
    assert_eq!(greeter.greet(&greeting("Grace")).await?.times, 1);

    let stats = greeter.stats(&StatsRequest {}).await?;
    assert_eq!(stats.total, 3);
    assert_eq!(stats.by_name.get("Ada"), Some(&2));
    let logs = app.logs().await?;
    assert!(
        logs.iter().any(|l| l.message == "greeted Ada (2 times)"),
        "{logs:?}"
    );

    let refused = greeter.greet(&greeting(" ")).await.unwrap_err();
    assert_eq!(refused.code(), Some("invalid_argument"), "{refused}");
    Ok(())
}

// The functions the greeter exports from its own WIT world, typed as in its `wit/`.
guestkit_test::wit!();
use acme::greeter::directory::{Detail, DirectoryClient, Entry, Lookup, Order};

#[tokio::test]
async fn its_directory_export_answers_typed_values() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["greeter"]).await?;
    app.spawn("greeter").await?;
    let greeter = GreeterServiceClient::new(&app, "greeter");
    for name in ["Ada", "Grace", "Ada"] {
        greeter.greet(&greeting(name)).await?;
    }
    let directory = DirectoryClient::new(&app, "greeter");
    let ada = Entry {
        name: "Ada".into(),
        times: 2,
    };
    assert_eq!(
        directory.count("Ada".into()).await?,
        Lookup::Seen(ada.clone())
    );
    assert_eq!(directory.count("Bob".into()).await?, Lookup::Never);
    assert_eq!(directory.top(1, Order::ByCount).await?, vec![ada]);
    let detail = Detail {
        with_total: true,
        uppercase: true,
    };
    assert_eq!(
        directory.summary(detail).await?,
        (2, Some("3 GREETINGS".into()))
    );
    assert_eq!(directory.forget("Ada".into()).await?, Ok(2));
    assert_eq!(
        directory.forget("Ada".into()).await?,
        Err("Ada was never greeted".into())
    );
    // The export's state write committed: the proto service sees it.
    assert_eq!(greeter.stats(&StatsRequest {}).await?.total, 1);

    // What the stub cannot know is refused by the shim, naming the export.
    let gone = DirectoryClient::new(&app, "nobody")
        .count("Ada".into())
        .await;
    let refused = gone.unwrap_err().to_string();
    assert!(
        refused.contains("no actor was spawned as `nobody`"),
        "{refused}"
    );
    Ok(())
}
