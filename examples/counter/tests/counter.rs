//! The counter, as its users test it with guestkit-test: as an actor whose total outlives a
//! crash of the shim, and as a durable object with a total per key.

use guestkit_test::{App, Spawn};

guestkit_test::contract!("proto/counter.proto");
use crate::counter::v1::{AddRequest, CounterServiceClient, GetRequest};

#[tokio::test]
async fn the_total_grows_and_outlives_a_crash() -> Result<(), Box<dyn std::error::Error>> {
    let app = App::start(&["counter"]).await?;
    app.spawn(Spawn::actor("counter").state("total", 40))
        .await?;
    let counter = CounterServiceClient::new(&app, "counter");
    assert_eq!(counter.add(&AddRequest { amount: 1 }).await?.total, 41);
    app.crash().await?;
    assert_eq!(counter.add(&AddRequest { amount: 1 }).await?.total, 42);
    assert_eq!(counter.get(&GetRequest {}).await?.total, 42);
    assert_eq!(app.state::<u64>("counter", "total").await?, Some(42));
    Ok(())
}

#[tokio::test]
async fn as_a_durable_object_each_key_counts_for_itself() -> Result<(), Box<dyn std::error::Error>>
{
    let app = App::start(&["counter"]).await?;
    app.spawn(Spawn::service("counter")).await?;
    let (alice, bob) = (
        CounterServiceClient::new(&app, "counter/alice"),
        CounterServiceClient::new(&app, "counter/bob"),
    );
    alice.add(&AddRequest { amount: 2 }).await?;
    alice.add(&AddRequest { amount: 3 }).await?;
    bob.add(&AddRequest { amount: 7 }).await?;
    assert_eq!(alice.get(&GetRequest {}).await?.total, 5);
    assert_eq!(bob.get(&GetRequest {}).await?.total, 7);
    let total = app.object_state::<u64>("counter", Some("alice"), "total");
    assert_eq!(total.await?, Some(5));
    // State written from the test is what the object's next handler reads.
    app.set_object_state("counter", Some("carol"), "total", 10u64)
        .await?;
    let carol = CounterServiceClient::new(&app, "counter/carol");
    assert_eq!(carol.add(&AddRequest { amount: 1 }).await?.total, 11);
    let invocations = app.invocations().await?;
    assert_eq!(invocations.len(), 6, "{invocations:?}");
    assert!(invocations.iter().all(|i| i.has_ended()), "{invocations:?}");
    Ok(())
}
