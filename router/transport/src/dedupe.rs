//! Identical subgraph queries in flight at the same time are sent once: the first caller's
//! exchange is shared with every caller that asks for the same thing before it completes.
//!
//! "The same thing" is the subgraph, the exact request body (operation, variables,
//! representations) and the forwarded client headers, so no answer ever reaches a caller whose
//! credentials differ. Only queries are shared (never mutations), and only while in flight:
//! nothing is cached. What is shared is the raw answer; each caller decodes its own copy.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use executor::transport::FetchError;
use futures::FutureExt;
use futures::future::{BoxFuture, Shared, WeakShared};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// A subgraph's HTTP answer, before decoding.
#[derive(Debug, Clone)]
pub struct RawAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Bytes,
}

type Running = BoxFuture<'static, Result<RawAnswer, FetchError>>;
pub type Exchange = Shared<Running>;
type Entries = HashMap<Key, WeakShared<Running>>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    service: String,
    body: Bytes,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Key {
    pub fn new(service: &str, body: &Bytes, forwarded: &HeaderMap) -> Self {
        Self {
            service: service.to_owned(),
            body: body.clone(),
            headers: forwarded
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
        }
    }
}

/// The exchanges in flight, by what they ask. Shared by every request of a server. Entries are
/// weak: an exchange whose every caller went away (cancelled requests) is dropped, not kept.
#[derive(Debug, Default, Clone)]
pub struct InFlight {
    map: Arc<Mutex<Entries>>,
}

/// A caller's hold on an exchange; when the last one lets go before the exchange completed,
/// its entry goes too.
struct Hold {
    shared: Exchange,
    key: Key,
    in_flight: InFlight,
}

impl Drop for Hold {
    fn drop(&mut self) {
        // Under the lock nobody else can join. `strong_count` is `None` once the exchange
        // completed (its entry is gone then), 1 when we are its last caller.
        let mut map = self.in_flight.lock();
        if self.shared.strong_count() == Some(1) {
            map.remove(&self.key);
        }
    }
}

impl InFlight {
    /// The answer to `key`: joins the exchange in flight for it, or starts `exchange` and lets
    /// later callers join it until it completes.
    pub async fn run(
        &self,
        key: Key,
        exchange: impl Future<Output = Result<RawAnswer, FetchError>> + Send + 'static,
    ) -> Result<RawAnswer, FetchError> {
        let shared = {
            let mut map = self.lock();
            match map.get(&key).and_then(WeakShared::upgrade) {
                Some(running) => running,
                None => {
                    let in_flight = self.clone();
                    let own_key = key.clone();
                    let shared = async move {
                        let result = exchange.await;
                        // Done: later callers start a fresh exchange.
                        in_flight.lock().remove(&own_key);
                        result
                    }
                    .boxed()
                    .shared();
                    if let Some(weak) = shared.downgrade() {
                        map.insert(key.clone(), weak);
                    }
                    shared
                }
            }
        };
        let mut hold = Hold {
            shared,
            key,
            in_flight: self.clone(),
        };
        (&mut hold.shared).await
    }

    /// Exchanges in flight (for tests).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // Entries are complete values; a panic elsewhere cannot leave one half-written.
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
