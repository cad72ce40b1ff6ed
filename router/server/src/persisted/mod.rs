//! Persisted queries, the runtime view of `persisted_queries`: the APQ cache ([`Apq`], which
//! outlives reloads) and the safelist read from manifest files ([`Safelist`]). The request
//! stage that uses them is [`crate::pipeline::persisted`].

mod apq;
mod manifest;

use crate::error::ServerError;
use router_config::PersistedQueriesConfig;

pub use apq::{Apq, sha256_hex};
pub use manifest::Safelist;

/// What a [`crate::RouterState`] knows about persisted queries.
#[derive(Debug)]
pub struct PersistedQueries {
    /// `None` when APQ is off (or the safelist is on).
    pub apq: Option<Apq>,
    /// `None` when the safelist is off.
    pub safelist: Option<Safelist>,
}

impl PersistedQueries {
    /// Reads the manifests when the safelist is enabled.
    pub fn new(config: &PersistedQueriesConfig) -> Result<Self, ServerError> {
        let safelist = if config.safelist.enabled {
            Some(Safelist::load(&config.safelist)?)
        } else {
            None
        };
        let apq =
            (config.apq.enabled && safelist.is_none()).then(|| Apq::new(config.apq.cache_size));
        Ok(Self { apq, safelist })
    }

    /// Keeps `previous`'s APQ cache (and what clients registered in it) across a reload, unless
    /// its size changed.
    pub fn keep_apq_of(&mut self, previous: &PersistedQueries) {
        if let (Some(apq), Some(old)) = (&mut self.apq, &previous.apq)
            && apq.capacity() == old.capacity()
        {
            *apq = old.clone();
        }
    }
}
