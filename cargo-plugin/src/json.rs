//! The one JSON codec: where JSON meets protobuf (request bodies in, replies out), it follows
//! the proto3 JSON mapping exactly. prost-reflect does the mapping; this module adds what it
//! lets through: a key given twice in one object, and an integer literal that no field of a
//! 64-bit integer type can hold (prost-reflect reads numbers as `f64`, and `2^64` rounds to
//! `u64::MAX` instead of being refused). Replies print 64-bit integers as strings, as the
//! mapping says; requests take them as strings or numbers.

use anyhow::bail;
use prost_reflect::{DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, SerializeOptions};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// `json` as a message of type `desc`, or what is wrong with it, naming the field.
pub fn to_message(desc: &MessageDescriptor, json: &str) -> anyhow::Result<DynamicMessage> {
    let tree: Tree = serde_json::from_str(json)?;
    check(&tree, Some(&Expect::Message(desc.clone())), "")?;
    let mut de = serde_json::Deserializer::from_str(json);
    let message = DynamicMessage::deserialize(desc.clone(), &mut de).map_err(|e| {
        match e.to_string().contains("recursion limit reached") {
            // prost-reflect's words for it speak of decoding protobuf.
            true => anyhow::anyhow!(
                "it nests deeper than a protobuf message may: 100 messages, and each level of \
                 a Struct or a ListValue takes two ({e})"
            ),
            false => e.into(),
        }
    })?;
    de.end()?;
    Ok(message)
}

/// `message` in the proto3 JSON mapping.
pub fn to_json(message: &DynamicMessage) -> anyhow::Result<String> {
    let mut out = serde_json::Serializer::new(Vec::new());
    message.serialize_with_options(&mut out, &SerializeOptions::new())?;
    Ok(String::from_utf8(out.into_inner())?)
}

/// A JSON value with the text of its numbers, and the keys of its objects in order.
enum Tree {
    Object(Vec<(String, Tree)>),
    Array(Vec<Tree>),
    Number(Box<RawValue>),
    Other,
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get().trim_start();
        match text.as_bytes().first() {
            Some(b'{') => serde_json::from_str(text)
                .map(|Entries(e)| Tree::Object(e))
                .map_err(serde::de::Error::custom),
            Some(b'[') => serde_json::from_str(text)
                .map(Tree::Array)
                .map_err(serde::de::Error::custom),
            Some(b'-' | b'0'..=b'9') => Ok(Tree::Number(raw)),
            _ => Ok(Tree::Other),
        }
    }
}

struct Entries(Vec<(String, Tree)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries: Vec<(String, Tree)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Tree>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format!(
                            "the key `{key}` is given twice"
                        )));
                    }
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(Each)
    }
}

/// What a JSON value stands for, as far as the checks care.
#[derive(Clone)]
enum Expect {
    Message(MessageDescriptor),
    /// An integer of `bits` bits, signed or not.
    Integer {
        bits: u32,
        signed: bool,
    },
}

/// The expectation for one value of `field` (an element, for a list; a value, for a map).
fn expect_of(field: &FieldDescriptor) -> Option<Expect> {
    let kind = match field.kind() {
        Kind::Message(entry) if field.is_map() => entry.map_entry_value_field().kind(),
        kind => kind,
    };
    let integer = |bits, signed| Some(Expect::Integer { bits, signed });
    match kind {
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => integer(64, true),
        Kind::Uint64 | Kind::Fixed64 => integer(64, false),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => integer(32, true),
        Kind::Uint32 | Kind::Fixed32 => integer(32, false),
        Kind::Message(m) => match m.full_name() {
            "google.protobuf.Int64Value" => integer(64, true),
            "google.protobuf.UInt64Value" => integer(64, false),
            "google.protobuf.Int32Value" => integer(32, true),
            "google.protobuf.UInt32Value" => integer(32, false),
            // The JSON forms of the other well-known types are not objects of their fields.
            name if name.starts_with("google.protobuf.") => None,
            _ => Some(Expect::Message(m)),
        },
        _ => None,
    }
}

/// Checks `tree` against `expect`, at JSON path `at`.
fn check(tree: &Tree, expect: Option<&Expect>, at: &str) -> anyhow::Result<()> {
    match (tree, expect) {
        (Tree::Object(entries), Some(Expect::Message(desc))) => {
            for (key, value) in entries {
                let field =
                    (desc.get_field_by_json_name(key)).or_else(|| desc.get_field_by_name(key));
                let expect = field.as_ref().and_then(expect_of);
                let at = format!("{at}.{key}");
                match (value, field) {
                    (Tree::Array(items), Some(f)) if f.is_list() => {
                        for (i, item) in items.iter().enumerate() {
                            check(item, expect.as_ref(), &format!("{at}[{i}]"))?;
                        }
                    }
                    (Tree::Object(entries), Some(f)) if f.is_map() => {
                        for (k, v) in entries {
                            check(v, expect.as_ref(), &format!("{at}.{k}"))?;
                        }
                    }
                    (value, _) => check(value, expect.as_ref(), &at)?,
                }
            }
            Ok(())
        }
        (Tree::Number(raw), Some(Expect::Integer { bits, signed })) => {
            let text = raw.get().trim();
            // The type's range, half open: [low, high).
            let (low, high) = match signed {
                true => (-(1i128 << (bits - 1)), 1i128 << (bits - 1)),
                false => (0, 1i128 << bits),
            };
            let fits = match text.contains(['.', 'e', 'E']) {
                false => text.parse::<i128>().is_ok_and(|v| (low..high).contains(&v)),
                // Written as a float: in range before rounding, which prost-reflect does not
                // check at the top (`2^64` itself passes its `> u64::MAX as f64`).
                true => (text.parse::<f64>()).is_ok_and(|v| v >= low as f64 && v < high as f64),
            };
            if !fits {
                let kind = format!("{}int{bits}", if *signed { "" } else { "u" });
                bail!(
                    "`{}`: {text} does not fit {kind}",
                    at.trim_start_matches('.')
                );
            }
            Ok(())
        }
        // Keys are unique everywhere, a Struct's too: reading the tree checked that.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Order` of the test contract, compiled once.
    fn order() -> MessageDescriptor {
        static ORDER: std::sync::OnceLock<MessageDescriptor> = std::sync::OnceLock::new();
        ORDER.get_or_init(compile_order).clone()
    }

    fn compile_order() -> MessageDescriptor {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("shop.proto");
        std::fs::write(
            &file,
            "syntax = \"proto3\";\npackage shop.v1;\nimport \"google/protobuf/wrappers.proto\";\n\
             import \"google/protobuf/struct.proto\";\n\
             message Line { int64 cents = 1; }\n\
             message Order { uint64 id = 1; repeated Line lines = 2; map<string, int64> by = 3;\n\
             google.protobuf.UInt64Value big = 4; double ratio = 5; google.protobuf.Struct extra = 6;\n\
             uint32 small = 7; }\n",
        )
        .unwrap();
        let fds = guestkit_codegen::proto::compile(&[file], &[dir.path().to_owned()]).unwrap();
        let pool = prost_reflect::DescriptorPool::from_file_descriptor_set(fds).unwrap();
        pool.get_message_by_name("shop.v1.Order").unwrap()
    }

    fn refused(json: &str) -> String {
        match to_message(&order(), json) {
            Ok(m) => panic!("{json} read as {m:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn integers_past_64_bits_and_repeated_keys_are_refused_naming_the_field() {
        let said = refused(r#"{"id": 18446744073709551616}"#);
        assert!(
            said.contains("`id`: 18446744073709551616 does not fit uint64"),
            "{said}"
        );
        let said = refused(r#"{"lines": [{"cents": 1}, {"cents": 9223372036854775808}]}"#);
        assert!(said.contains("`lines[1].cents`"), "{said}");
        let said = refused(r#"{"by": {"a": -9223372036854775809}}"#);
        assert!(said.contains("`by.a`") && said.contains("int64"), "{said}");
        assert!(refused(r#"{"big": 1.8446744073709552e19}"#).contains("`big`"));
        let said = refused(r#"{"id": 1, "id": 2}"#);
        assert!(said.contains("the key `id` is given twice"), "{said}");
        let said = refused(r#"{"extra": {"k": 1, "k": 2}}"#);
        assert!(
            said.contains("the key `k` is given twice"),
            "inside a Struct: {said}"
        );
        let deep = format!(
            "{{\"extra\": {}1{}}}",
            "{\"a\": ".repeat(120),
            "}".repeat(120)
        );
        let said = refused(&deep);
        assert!(
            said.contains("nests deeper than a protobuf message may"),
            "{said}"
        );
        let said = refused(r#"{"small": 4294967296}"#);
        assert!(
            said.contains("`small`: 4294967296 does not fit uint32"),
            "{said}"
        );
    }

    /// JSON values whose keys are mostly the fields of `Order`, with numbers of every size.
    fn body() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let number = prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("JSON has no NaN", |f| f.is_finite())
                .prop_map(Value::from),
            Just(serde_json::json!(18446744073709551616.0)),
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            number,
            "[a-z0-9:.-]{0,12}".prop_map(Value::from),
        ];
        let key = prop_oneof![
            prop::sample::select(vec![
                "id", "lines", "cents", "by", "big", "ratio", "extra", "small"
            ])
            .prop_map(str::to_owned),
            "[a-z]{1,4}",
        ];
        leaf.prop_recursive(5, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|fields| Value::Object(fields.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Any JSON, and any text, is a message or an error, never a panic; and what reads
        /// prints as JSON that reads back and prints the same.
        #[test]
        fn fuzz_any_body_reads_or_is_refused_and_what_reads_round_trips(
            value in body(),
            text in "\\PC{0,64}",
        ) {
            let order = order();
            if let Ok(message) = to_message(&order, &value.to_string()) {
                let printed = to_json(&message).unwrap();
                let again = to_message(&order, &printed).unwrap();
                proptest::prop_assert_eq!(to_json(&again).unwrap(), printed);
            }
            let _ = to_message(&order, &text);
        }
    }

    #[test]
    fn what_fits_reads_and_64_bit_integers_print_as_strings() {
        let json = r#"{"id": "18446744073709551615", "lines": [{"cents": -9223372036854775808}],
            "by": {"a": 1}, "big": 7, "ratio": 18446744073709551616, "extra": {"k": [1, null]}}"#;
        let message = to_message(&order(), json).unwrap();
        let printed: serde_json::Value = serde_json::from_str(&to_json(&message).unwrap()).unwrap();
        assert_eq!(printed["id"], "18446744073709551615");
        assert_eq!(printed["lines"][0]["cents"], "-9223372036854775808");
        assert_eq!(printed["by"]["a"], "1");
        assert_eq!(printed["big"], "7");
        assert_eq!(
            printed["ratio"], 18446744073709551616.0,
            "a double takes any number"
        );
    }
}
