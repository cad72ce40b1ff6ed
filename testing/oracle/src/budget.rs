//! How much the differential run does: a fixed budget in CI, more on demand.
//!
//! - `ORACLE_OPERATIONS`: how many operations (default [`Budget::CI_OPERATIONS`]);
//! - `ORACLE_SEED`: the first operation's seed (default [`Budget::CI_SEED`]); operation `i`
//!   uses seed `ORACLE_SEED + i`, so `ORACLE_SEED=<a failure's seed> ORACLE_OPERATIONS=1`
//!   replays exactly that operation;
//! - `ORACLE_SECONDS`: stop after this long instead (the operation count is then unbounded
//!   unless `ORACLE_OPERATIONS` is set too).

use std::time::Duration;

/// A setting that is not a number.
#[derive(Debug, thiserror::Error)]
#[error("{name} must be a non-negative integer, got {value:?}")]
pub struct BudgetError {
    pub name: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub operations: u64,
    pub seed: u64,
    pub time: Option<Duration>,
}

impl Budget {
    /// What CI runs: sized to stay well under two minutes on two cores in a debug build.
    pub const CI_OPERATIONS: u64 = 2_000;
    /// Fixed, so CI is deterministic.
    pub const CI_SEED: u64 = 14_000;

    /// The budget the environment asks for.
    pub fn from_env() -> Result<Budget, BudgetError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// The budget `lookup` (a variable's value by name) asks for.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Budget, BudgetError> {
        let number = |name: &'static str| -> Result<Option<u64>, BudgetError> {
            match lookup(name) {
                None => Ok(None),
                Some(value) if value.trim().is_empty() => Ok(None),
                Some(value) => value
                    .trim()
                    .parse::<u64>()
                    .map(Some)
                    .map_err(|_| BudgetError { name, value }),
            }
        };
        let operations = number("ORACLE_OPERATIONS")?;
        let seed = number("ORACLE_SEED")?.unwrap_or(Self::CI_SEED);
        let time = number("ORACLE_SECONDS")?.map(Duration::from_secs);
        let operations = match (operations, time) {
            (Some(operations), _) => operations,
            (None, Some(_)) => u64::MAX,
            (None, None) => Self::CI_OPERATIONS,
        };
        Ok(Budget {
            operations,
            seed,
            time,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(pairs: &[(&str, &str)]) -> Result<Budget, BudgetError> {
        Budget::from_lookup(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn defaults_are_the_ci_budget() {
        let got = budget(&[]).expect("no variables");
        assert_eq!(got.operations, Budget::CI_OPERATIONS);
        assert_eq!(got.seed, Budget::CI_SEED);
        assert_eq!(got.time, None);
    }

    #[test]
    fn seconds_alone_make_the_count_unbounded() {
        let got = budget(&[("ORACLE_SECONDS", "600")]).expect("valid");
        assert_eq!(got.operations, u64::MAX);
        assert_eq!(got.time, Some(Duration::from_secs(600)));
        let got = budget(&[("ORACLE_SECONDS", "600"), ("ORACLE_OPERATIONS", "5")]).expect("valid");
        assert_eq!(got.operations, 5);
    }

    #[test]
    fn a_bad_number_is_an_error() {
        assert!(budget(&[("ORACLE_SEED", "abc")]).is_err());
    }
}
