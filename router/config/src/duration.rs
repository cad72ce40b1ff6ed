//! Durations in the configuration: `30s`, `1500ms`, `2m`, or a bare number of seconds.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A positive duration written as `30s`, `1500ms`, `2m` or a number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConfigDuration(pub Duration);

impl ConfigDuration {
    pub const fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }

    pub const fn from_millis(millis: u64) -> Self {
        Self(Duration::from_millis(millis))
    }

    pub fn get(self) -> Duration {
        self.0
    }
}

impl From<Duration> for ConfigDuration {
    fn from(value: Duration) -> Self {
        Self(value)
    }
}

impl fmt::Display for ConfigDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis.is_multiple_of(60_000) {
            write!(f, "{}m", millis / 60_000)
        } else if millis.is_multiple_of(1000) {
            write!(f, "{}s", millis / 1000)
        } else {
            write!(f, "{millis}ms")
        }
    }
}

impl Serialize for ConfigDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ConfigDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: a wrong type then says what is expected, at
        // the value's own position.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ConfigDuration;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration like `30s`, `1500ms`, `2m` or a number of seconds")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                parse_duration(text).map(ConfigDuration).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, seconds: u64) -> Result<Self::Value, E> {
                self.visit_str(&seconds.to_string())
            }

            fn visit_i64<E: serde::de::Error>(self, seconds: i64) -> Result<Self::Value, E> {
                self.visit_str(&seconds.to_string())
            }

            fn visit_f64<E: serde::de::Error>(self, seconds: f64) -> Result<Self::Value, E> {
                self.visit_str(&seconds.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for ConfigDuration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A positive duration: `30s`, `1500ms`, `2m`, or a number of seconds.",
            "anyOf": [
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?(ms|s|m)?$" },
                { "type": "number", "exclusiveMinimum": 0 }
            ]
        })
    }
}

/// `30s`, `1500ms`, `2m` or a bare number of seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let invalid = || format!("{raw:?} is not a duration (examples: 30s, 1500ms, 2m)");
    let (number, unit) = match raw.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(at) => raw.split_at(at),
        None => (raw, "s"),
    };
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        _ => return Err(invalid()),
    };
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(invalid());
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_accept_units_and_bare_seconds() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(5)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("10 parsecs").is_err());
    }

    #[test]
    fn durations_read_from_yaml_strings_and_numbers_and_refuse_other_types() {
        let read = |yaml: &str| serde_norway::from_str::<ConfigDuration>(yaml);
        assert_eq!(read("30s").expect("text"), ConfigDuration::from_secs(30));
        assert_eq!(read("5").expect("integer"), ConfigDuration::from_secs(5));
        assert_eq!(
            read("0.5").expect("float"),
            ConfigDuration::from_millis(500)
        );
        let error = read("[1]").expect_err("a list").to_string();
        assert!(error.contains("expected a duration like `30s`"), "{error}");
    }

    #[test]
    fn durations_print_back_in_their_largest_whole_unit() {
        assert_eq!(ConfigDuration::from_secs(120).to_string(), "2m");
        assert_eq!(ConfigDuration::from_secs(30).to_string(), "30s");
        assert_eq!(ConfigDuration::from_millis(1500).to_string(), "1500ms");
    }
}
