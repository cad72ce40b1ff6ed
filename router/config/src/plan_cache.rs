//! `plan_cache:` query plans kept in memory.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PlanCacheConfig {
    /// How many plans (least recently used ones go first; 0 turns the cache off). Default: 512.
    pub capacity: usize,
}

impl Default for PlanCacheConfig {
    fn default() -> Self {
        Self { capacity: 512 }
    }
}
