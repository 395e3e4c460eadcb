//! Misusing guestkit's macros fails to compile with a message on the user's code that says
//! how to fix it. Each case is a file in `tests/ui/` with the expected compiler output beside
//! it; `TRYBUILD=overwrite cargo test -p guestkit --test compile_fail` re-blesses them.

#[test]
fn misuse_is_a_spanned_error_that_says_what_to_do() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
