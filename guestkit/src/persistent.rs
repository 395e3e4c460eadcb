//! Actor fields kept in persistent state: `#[derive(guestkit::Persistent)]` on the actor
//! struct loads every field from state before each handler and saves them all after one
//! that succeeds. A failed handler's changes to the fields are dropped with its other state
//! writes, since the next handler loads the fields afresh.

use std::marker::PhantomData;

use crate::Error;

/// Fields stored in the actor's state, one key per field (its name, or `#[persistent(key =
/// "…")]`). Implemented by `#[derive(guestkit::Persistent)]`.
pub trait Persistent {
    /// Replaces each field whose key is set with the stored value.
    fn load(&mut self) -> Result<(), Error>;
    /// Stores every field.
    fn save(&self) -> Result<(), Error>;
}

/// Picks [`Persistent`]'s methods when the actor implements it and no-ops otherwise: a call
/// on `&Probe` finds the impl on `Probe` first when its bound holds, and the one on
/// `&Probe` after an auto-ref when it does not.
#[doc(hidden)]
pub struct Probe<A>(pub PhantomData<A>);

#[doc(hidden)]
pub trait ViaPersistent<A> {
    fn load_into(&self, actor: &mut A) -> Result<(), Error>;
    fn save_from(&self, actor: &A) -> Result<(), Error>;
}

impl<A: Persistent> ViaPersistent<A> for Probe<A> {
    fn load_into(&self, actor: &mut A) -> Result<(), Error> {
        actor.load()
    }
    fn save_from(&self, actor: &A) -> Result<(), Error> {
        actor.save()
    }
}

#[doc(hidden)]
pub trait ViaNothing<A> {
    fn load_into(&self, actor: &mut A) -> Result<(), Error>;
    fn save_from(&self, actor: &A) -> Result<(), Error>;
}

impl<A> ViaNothing<A> for &Probe<A> {
    fn load_into(&self, _: &mut A) -> Result<(), Error> {
        Ok(())
    }
    fn save_from(&self, _: &A) -> Result<(), Error> {
        Ok(())
    }
}

/// True when no route occurs twice in `services`; checked at compile time by `#[actor]`.
#[doc(hidden)]
pub const fn routes_are_distinct(services: &[&[&str]]) -> bool {
    let mut a = 0;
    while a < services.len() {
        let mut i = 0;
        while i < services[a].len() {
            let mut b = a;
            while b < services.len() {
                let mut j = if b == a { i + 1 } else { 0 };
                while j < services[b].len() {
                    if same(services[a][i], services[b][j]) {
                        return false;
                    }
                    j += 1;
                }
                b += 1;
            }
            i += 1;
        }
        a += 1;
    }
    true
}

/// How many routes `services` answer together.
#[doc(hidden)]
pub const fn count_routes(services: &[&[&str]]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < services.len() {
        n += services[i].len();
        i += 1;
    }
    n
}

/// Every route of `services`, in order; `N` is [`count_routes`] of them.
#[doc(hidden)]
pub const fn flatten_routes<const N: usize>(services: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut n, mut i) = (0, 0);
    while i < services.len() {
        let mut j = 0;
        while j < services[i].len() {
            out[n] = services[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

/// Whether `a` and `b` are the same string, at compile time.
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_routes_are_found_within_and_across_services() {
        assert!(routes_are_distinct(&[&["a/X", "a/Y"], &["b/X"]]));
        assert!(!routes_are_distinct(&[&["a/X", "a/X"]]));
        assert!(!routes_are_distinct(&[&["a/X"], &["b/Y", "a/X"]]));
    }
}

#[cfg(test)]
mod probe_tests {
    use super::*;

    #[derive(Default)]
    struct Saved(u32);
    impl Persistent for Saved {
        fn load(&mut self) -> Result<(), Error> {
            self.0 = 7;
            Ok(())
        }
        fn save(&self) -> Result<(), Error> {
            Err(Error::internal("saved"))
        }
    }

    #[derive(Default)]
    struct Plain(u32);

    #[test]
    // The borrow is the mechanism: generated code calls through `&Probe` for every actor.
    #[allow(clippy::needless_borrow)]
    fn the_probe_finds_persistent_actors_and_passes_over_others() {
        let (mut saved, mut plain) = (Saved::default(), Plain::default());
        (&Probe::<Saved>(PhantomData))
            .load_into(&mut saved)
            .unwrap();
        assert_eq!(saved.0, 7);
        assert!((&Probe::<Saved>(PhantomData)).save_from(&saved).is_err());
        (&Probe::<Plain>(PhantomData))
            .load_into(&mut plain)
            .unwrap();
        (&Probe::<Plain>(PhantomData)).save_from(&plain).unwrap();
        assert_eq!(plain.0, 0);
    }
}
