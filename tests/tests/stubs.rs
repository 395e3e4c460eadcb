//! Host stubs generated from a guest's contracts, calling the greeter example in the shim:
//! its protobuf service through `guestkit_shim::contract!`, and its own WIT exports through
//! `guestkit_shim::wit!`, both generated from the files the guest itself is built from.

use std::time::Duration;

use guestkit_shim::{ActorError, Address, CallError, InvokeError, Shim, SpawnOptions};
use guestkit_tests::built_guest;

guestkit_shim::contract!("../examples/greeter/proto/greeter.proto");
guestkit_shim::wit!(path = "../examples/greeter/wit");

use acme::greeter::directory::{Detail, DirectoryClient, Entry, Lookup, Order};
use greeter::v1::{GreetRequest, GreeterServiceClient, StatsRequest, greet_request};

async fn greeter(state: &std::path::Path) -> (Shim, Address) {
    let shim = Shim::builder().state_dir(state).build().unwrap();
    let module = shim.load_file(&built_guest("greeter")).unwrap();
    let address = shim
        .spawn(&module, SpawnOptions::new("greeter"))
        .await
        .unwrap();
    (shim, address)
}

fn greet(name: &str) -> GreetRequest {
    GreetRequest {
        name: name.into(),
        titles: vec!["dr".into()],
        tags: [("k".to_owned(), "v".to_owned())].into(),
        style: Some(greet_request::Style::Formal(true)),
        sent_at: Some(SENT_AT),
        extra: None,
    }
}

/// A `google.protobuf.Timestamp`, which the greeter echoes.
const SENT_AT: guestkit_shim::prost_types::Timestamp = guestkit_shim::prost_types::Timestamp {
    seconds: 1_764_590_400,
    nanos: 5,
};

#[tokio::test]
async fn the_host_calls_a_proto_service_through_its_generated_stub() {
    let state = tempfile::tempdir().unwrap();
    let (shim, address) = greeter(state.path()).await;
    let client = GreeterServiceClient::new(&shim, address.clone());

    let reply = client.greet(&greet("Ada")).await.unwrap();
    assert_eq!(reply.message, "Good day, dr Ada.");
    assert_eq!(reply.times, 1);
    assert_eq!(reply.tags["k"], "v");
    assert_eq!(reply.sent_at, Some(SENT_AT), "a well-known type both ways");
    client.greet(&greet("Ada")).await.unwrap();
    let stats = client.stats(&StatsRequest {}).await.unwrap();
    assert_eq!((stats.total, stats.by_name["Ada"]), (2, 2));

    // The actor's typed error arrives as itself.
    match client.greet(&greet(" ")).await.unwrap_err() {
        CallError::Failed { route, error } => {
            assert_eq!(route, "greeter.v1.GreeterService/Greet");
            assert!(
                matches!(&error, ActorError::InvalidArgument(m) if m == "name is empty"),
                "{}",
                error.describe()
            );
        }
        other => panic!("{other}"),
    }
    // The same actor answers a Rust-defined message (`#[derive(guestkit::Message)]`) beside
    // its proto service; its fields (`#[derive(guestkit::Persistent)]`) are the counts.
    let reset = |body: &str| {
        shim.call_route(
            &address,
            "greeter::Reset",
            body.into(),
            Duration::from_secs(5),
        )
    };
    let err = reset("{\"all\": true}").await.unwrap_err().to_string();
    assert!(
        err.starts_with(
            "greeter::Reset: decode-failure: greeter::Reset: the body is not a valid message"
        ),
        "{err}"
    );
    assert_eq!(reset("null").await.unwrap(), b"1");
    let stats = client.stats(&StatsRequest {}).await.unwrap();
    assert_eq!(stats.total, 0);

    // So does a missing actor, named by the route that was called.
    let missing = Address::parse("local@nobody:greeter:local").unwrap();
    let err = GreeterServiceClient::new(&shim, missing)
        .with_timeout(Duration::from_secs(5))
        .stats(&StatsRequest {})
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("greeter.v1.GreeterService/Stats: not-found"),
        "{err}"
    );
}

#[tokio::test]
async fn the_host_calls_a_guests_own_wit_exports_through_its_generated_stub() {
    let state = tempfile::tempdir().unwrap();
    let (shim, address) = greeter(state.path()).await;
    let service = GreeterServiceClient::new(&shim, address.clone());
    for name in ["Ada", "Grace", "Ada"] {
        service.greet(&greet(name)).await.unwrap();
    }
    let directory = DirectoryClient::new(&shim, address.clone());

    // Records and variants, in and out.
    let ada = Entry {
        name: "Ada".into(),
        times: 2,
    };
    assert_eq!(
        directory.count("Ada".into()).await.unwrap(),
        Lookup::Seen(ada.clone())
    );
    assert_eq!(directory.count("Bob".into()).await.unwrap(), Lookup::Never);
    // Enums and lists.
    let top = directory.top(1, Order::ByCount).await.unwrap();
    assert_eq!(top, vec![ada]);
    let by_name = directory.top(10, Order::ByName).await.unwrap();
    let names: Vec<_> = by_name.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Ada", "Grace"]);
    // Flags, tuples and options.
    let detail = Detail {
        with_total: true,
        uppercase: true,
    };
    assert_eq!(
        directory.summary(detail).await.unwrap(),
        (2, Some("3 GREETINGS".into()))
    );
    assert_eq!(
        directory.summary(Detail::default()).await.unwrap(),
        (2, None)
    );
    // Results, and state writes that commit: the proto service sees them.
    assert_eq!(directory.forget("Ada".into()).await.unwrap(), Ok(2));
    assert_eq!(
        directory.forget("Ada".into()).await.unwrap(),
        Err("Ada was never greeted".into())
    );
    assert_eq!(service.greet(&greet("Ada")).await.unwrap().times, 1);

    // What the stub cannot know is refused by the shim, by name.
    let err = shim
        .invoke(
            &address,
            Some("acme:greeter/directory@0.1.0"),
            "rename",
            Vec::new(),
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, InvokeError::NoSuchExport { export, .. } if export == "acme:greeter/directory@0.1.0#rename"),
        "{err}"
    );
    let err = shim
        .invoke(
            &address,
            Some("acme:greeter/directory@0.1.0"),
            "count",
            Vec::new(),
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`acme:greeter/directory@0.1.0#count` takes 1 argument(s), but 0 were passed"
    );
    let missing = Address::parse("local@nobody:greeter:local").unwrap();
    let err = DirectoryClient::new(&shim, missing)
        .count("Ada".into())
        .await
        .unwrap_err();
    assert!(matches!(err, InvokeError::NotFound(_)), "{err}");
    // The actor is still serving after all of that.
    assert!(shim.exists(&address));
    assert_eq!(directory.top(10, Order::ByName).await.unwrap().len(), 2);
}

/// The host stubs of every corpus world that exports something compile (the snapshots in
/// `codegen/tests/snapshots.rs` show what they are).
#[allow(dead_code, unused_imports)]
mod corpus {
    pub mod types_export {
        guestkit_shim::wit!(path = "wit/corpus/types.wit", world = "types-export");
    }
    pub mod types_actor {
        guestkit_shim::wit!(path = "wit/corpus/types.wit", world = "types-actor");
    }
    pub mod resources_actor {
        guestkit_shim::wit!(path = "wit/corpus/resources.wit", world = "resources-actor");
    }
    pub mod functions {
        guestkit_shim::wit!(path = "wit/corpus/functions.wit", world = "functions");
    }
    pub mod directory_actor {
        guestkit_shim::wit!(path = "wit/corpus/functions.wit", world = "directory-actor");
    }
}
