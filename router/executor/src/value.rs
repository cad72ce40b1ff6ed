//! The JSON value the executor builds responses from.
//!
//! A response tree is parsed from subgraph answers, merged, shaped and serialized once per
//! request, so its representation decides most of the router's per-request cost. Compared with
//! `serde_json::Value` (with `preserve_order`, an `IndexMap` per object and a heap `String` per
//! key and string):
//!
//! - keys and strings are [`Str`] (`compact_str`): up to 24 bytes live inline, which covers
//!   nearly every GraphQL response key, `__typename` and id, so parsing allocates per object
//!   and per list, not per key;
//! - an object is a vector of entries in their order, searched linearly: GraphQL objects are
//!   small (a selection set), where a scan over a few short keys beats hashing each one, and an
//!   object costs one allocation instead of an index table plus an entry vector.
//!
//! Equality of objects ignores key order, as JSON's does. Duplicate keys in parsed JSON keep the
//! last value in the first key's place, as `serde_json` does.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;

/// A key or string of the response tree: inline up to 24 bytes.
pub type Str = compact_str::CompactString;

/// A JSON value of the response tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Str),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON object: entries in their order, looked up by a linear scan.
#[derive(Clone, Debug, Default)]
pub struct Object {
    entries: Vec<(Str, Value)>,
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entry `key` of an object; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// Moves the value out, leaving `Null`.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }
}

impl Object {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Vec::with_capacity(capacity),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Room for `additional` more entries without reallocating.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k == key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find_map(|(k, v)| (k == key).then_some(v))
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find_map(|(k, v)| (k == key).then_some(v))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key` to `value`: in place when the key exists (returning the old value), else
    /// appended.
    pub fn insert(&mut self, key: impl Into<Str>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.position(&key) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Appends an entry whose key the caller knows is not present.
    pub(crate) fn push_unique(&mut self, key: Str, value: Value) {
        debug_assert!(!self.contains_key(&key), "duplicate key {key}");
        self.entries.push((key, value));
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.remove_entry(key).map(|(_, v)| v)
    }

    pub fn remove_entry(&mut self, key: &str) -> Option<(Str, Value)> {
        let i = self.position(key)?;
        Some(self.entries.remove(i))
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut Value) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Str, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&Str, &mut Value)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &Str> {
        self.entries.iter().map(|(k, _)| k)
    }
}

impl PartialEq for Object {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .iter()
                .all(|(k, v)| other.get(k).is_some_and(|o| o == v))
    }
}

impl IntoIterator for Object {
    type Item = (Str, Value);
    type IntoIter = std::vec::IntoIter<(Str, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Object {
    type Item = (&'a Str, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Str, Value)>,
        fn(&'a (Str, Value)) -> (&'a Str, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(Str, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (Str, Value)>>(iter: I) -> Self {
        let mut object = Object::new();
        for (k, v) in iter {
            object.insert(k, v);
        }
        object
    }
}

// --- conversions from and to serde_json ------------------------------------------------------

impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(Str::from(s)),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(Object::from(map)),
        }
    }
}

impl From<&serde_json::Value> for Value {
    fn from(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.clone()),
            serde_json::Value::String(s) => Value::String(Str::from(s.as_str())),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (Str::from(k.as_str()), Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for Object {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        // serde_json's keys are unique already.
        Object {
            entries: map
                .into_iter()
                .map(|(k, v)| (Str::from(k), Value::from(v)))
                .collect(),
        }
    }
}

impl From<Value> for serde_json::Value {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(n) => serde_json::Value::Number(n),
            Value::String(s) => serde_json::Value::String(s.into_string()),
            Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Into::into).collect())
            }
            Value::Object(object) => serde_json::Value::Object(object.into()),
        }
    }
}

impl From<Object> for serde_json::Map<String, serde_json::Value> {
    fn from(object: Object) -> Self {
        object
            .into_iter()
            .map(|(k, v)| (k.into_string(), v.into()))
            .collect()
    }
}

impl From<Object> for Value {
    fn from(object: Object) -> Self {
        Value::Object(object)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Str::from(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Number(i.into())
    }
}

// --- serde -----------------------------------------------------------------------------------

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(object) => object.serialize(serializer),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

/// How deep lists and objects may nest in a parsed value (serde_json's limit too). Parsing
/// recurses once per level, and so do merging, projection and dropping: a subgraph answering
/// `[[[[…` 100 000 deep would overflow the stack and abort the router, so a deeper value is a
/// parse error instead.
pub const MAX_DEPTH: u32 = 128;

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor { depth: 0 })
    }
}

/// A value `depth` lists and objects down.
struct Nested {
    depth: u32,
}

impl<'de> de::DeserializeSeed<'de> for Nested {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor { depth: self.depth })
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Object(object) => Ok(object),
            _ => Err(de::Error::custom("expected a JSON object")),
        }
    }
}

struct ValueVisitor {
    /// How many lists and objects enclose the value.
    depth: u32,
}

impl ValueVisitor {
    /// The seed for the items of the list or object being visited.
    fn inner<E: de::Error>(&self) -> Result<Nested, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format_args!(
                "lists and objects nest deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(Nested {
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Number::from_f64(f).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(Str::from(s)))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(Str::from(s)))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self.inner()?)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<(Str, Value)> = Vec::new();
        // Past this many entries duplicate keys are found through a hash index instead of a
        // scan, so a huge object from a misbehaving subgraph stays linear to parse.
        const SCAN_LIMIT: usize = 32;
        let mut index: Option<HashMap<Str, usize>> = None;
        while let Some(key) = map.next_key::<Str>()? {
            let value: Value = map.next_value_seed(self.inner()?)?;
            let existing = match &mut index {
                Some(index) => index.get(&key).copied(),
                None => entries.iter().position(|(k, _)| *k == key),
            };
            match existing {
                Some(i) => entries[i].1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.clone(), entries.len());
                    }
                    entries.push((key, value));
                    if index.is_none() && entries.len() > SCAN_LIMIT {
                        index = Some(
                            entries
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.clone(), i))
                                .collect(),
                        );
                    }
                }
            }
        }
        Ok(Value::Object(Object { entries }))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

/// Builds a [`Value`] with `serde_json::json!` syntax (for tests and examples).
#[macro_export]
macro_rules! value {
    ($($json:tt)+) => {
        $crate::Value::from(::serde_json::json!($($json)+))
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_json_in_order() {
        let text =
            r#"{"b":1,"a":[true,null,"x",2.5,-3],"c":{"long key that does not fit inline":"é"}}"#;
        let value: Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(serde_json::to_string(&value).expect("serializes"), text);
        let keys: Vec<&str> = value
            .as_object()
            .expect("object")
            .keys()
            .map(Str::as_str)
            .collect();
        assert_eq!(keys, ["b", "a", "c"]);
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_in_the_first_place() {
        let value: Value = serde_json::from_str(r#"{"a":1,"b":2,"a":3}"#).expect("valid JSON");
        assert_eq!(
            serde_json::to_string(&value).expect("serializes"),
            r#"{"a":3,"b":2}"#
        );
        let many: String = (0..100)
            .map(|i| format!("\"k{}\":{i}", i % 50))
            .collect::<Vec<_>>()
            .join(",");
        let value: Value = serde_json::from_str(&format!("{{{many}}}")).expect("valid JSON");
        let object = value.as_object().expect("object");
        assert_eq!(object.len(), 50);
        assert_eq!(object.get("k7"), Some(&Value::from(57)));
    }

    #[test]
    fn the_router_parser_reads_the_same_values() {
        // The router parses subgraph answers with sonic-rs: the visitor must give what it gives
        // with serde_json, and broken input must be an error.
        for broken in [
            r#"{"a":[1,{"b":2"#,
            r#"[{"x":1},{"y":[true,"#,
            r#"{"k":{"k":}}"#,
        ] {
            assert!(sonic_rs::from_str::<Value>(broken).is_err(), "{broken}");
        }
        let text = r#"{"ab":[1,{"ac":-2,"ad":[3.5e3]}],"ae":{"ab":null,"ab":"x\"y"},"af":"é"}"#;
        let with_sonic: Value = sonic_rs::from_str(text).expect("valid JSON");
        let with_serde: Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(with_sonic, with_serde);
        assert_eq!(
            sonic_rs::to_string(&with_sonic).expect("serializes"),
            serde_json::to_string(&with_serde).expect("serializes")
        );
    }

    #[test]
    fn object_equality_ignores_order_and_matches_serde_json() {
        let a: Value = serde_json::from_str(r#"{"x":1,"y":{"z":[1,2]}}"#).expect("valid");
        let b: Value = serde_json::from_str(r#"{"y":{"z":[1,2]},"x":1}"#).expect("valid");
        assert_eq!(a, b);
        assert_ne!(a, Value::from(json!({"x": 1, "y": {"z": [2, 1]}})));
        let original = json!({"q": [1, "two", {"three": null}], "p": 1.5});
        assert_eq!(serde_json::Value::from(Value::from(&original)), original);
    }

    #[test]
    fn insert_replaces_in_place_and_remove_keeps_order() {
        let mut object = Object::new();
        object.insert("a", Value::from(1));
        object.insert("b", Value::from(2));
        object.insert("c", Value::from(3));
        assert_eq!(object.insert("a", Value::from(4)), Some(Value::from(1)));
        assert_eq!(object.remove("b"), Some(Value::from(2)));
        let keys: Vec<&str> = object.keys().map(Str::as_str).collect();
        assert_eq!(keys, ["a", "c"]);
    }
}
