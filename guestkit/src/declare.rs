//! What `#[guestkit::actor(object)]` and `#[shared]` write into the component: the
//! `guestkit:durable` section the shim reads to know how to run the guest's durable
//! invocations. Built at compile time, one line per declaration: `kind object`,
//! `shared <route>`.

use crate::persistent::same;

/// The route of `method` among a service's `(method, route)` pairs.
#[doc(hidden)]
pub const fn route_of(methods: &[(&str, &'static str)], method: &str) -> &'static str {
    let mut i = 0;
    while i < methods.len() {
        if same(methods[i].0, method) {
            return methods[i].1;
        }
        i += 1;
    }
    panic!("#[shared] is on a method the service trait does not have");
}

/// The length of the section declaring `kind` (empty: none) and `shared` routes.
#[doc(hidden)]
pub const fn declaration_len(kind: &str, shared: &[&str]) -> usize {
    let mut n = if kind.is_empty() {
        0
    } else {
        KIND.len() + kind.len() + 1
    };
    let mut i = 0;
    while i < shared.len() {
        n += SHARED.len() + shared[i].len() + 1;
        i += 1;
    }
    n
}

/// The section declaring `kind` and `shared`; `N` is [`declaration_len`] of them.
#[doc(hidden)]
pub const fn declaration<const N: usize>(kind: &str, shared: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    if !kind.is_empty() {
        at = line(&mut out, at, KIND, kind);
    }
    let mut i = 0;
    while i < shared.len() {
        at = line(&mut out, at, SHARED, shared[i]);
        i += 1;
    }
    out
}

const KIND: &str = "kind ";
const SHARED: &str = "shared ";

/// Writes `head`, `value` and a newline at `at`; where the next line goes.
const fn line<const N: usize>(out: &mut [u8; N], mut at: usize, head: &str, value: &str) -> usize {
    let parts = [head.as_bytes(), value.as_bytes(), b"\n"];
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[at] = parts[p][i];
            at += 1;
            i += 1;
        }
        p += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_one_line_per_declaration() {
        const SHARED_ROUTES: &[&str] = &["a.S/Get", "a.S/List"];
        const LEN: usize = declaration_len("object", SHARED_ROUTES);
        const BYTES: [u8; LEN] = declaration::<LEN>("object", SHARED_ROUTES);
        assert_eq!(
            std::str::from_utf8(&BYTES).unwrap(),
            "kind object\nshared a.S/Get\nshared a.S/List\n"
        );
        const ROUTE: &str = route_of(&[("get", "a.S/Get"), ("put", "a.S/Put")], "put");
        assert_eq!(ROUTE, "a.S/Put");
        assert_eq!(declaration_len("", &[]), 0);
    }
}
