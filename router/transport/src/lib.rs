//! [`executor::transport::SubgraphTransport`] over HTTP.
//!
//! [`HttpClient`] is built once per server: one pooled `reqwest` client (keep-alive, HTTP/1.1
//! and HTTP/2, gzip and brotli answers) plus each subgraph's URL and timeout.
//! [`RequestTransport`] is made per client request: the shared client with that request's
//! forwarded headers and trace context.

mod decode;
mod dedupe;
mod error;
mod headers;
mod trace;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use executor::transport::{FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use planner::OperationKind;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use supergraph::Supergraph;
use tracing::Instrument;

use router_config::TransportConfig;
use router_telemetry::{Metrics, propagation, request_id::X_REQUEST_ID};

pub use dedupe::InFlight;
pub use error::TransportError;
pub use headers::{Forwarded, HeaderRules};
pub use trace::TraceParent;

/// What the router asks subgraphs to answer with, best first.
const SUBGRAPH_ACCEPT: &str = "application/graphql-response+json, application/json;q=0.9";

#[derive(Debug, Clone)]
struct Endpoint {
    url: reqwest::Url,
    timeout: Duration,
    /// The longest body read (decompressed); a longer one is `FetchError::TooLarge`.
    max_response_bytes: u64,
}

/// The shared, pooled subgraph client. Cheap to clone.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    endpoints: Arc<HashMap<String, Endpoint>>,
    headers: Arc<HeaderRules>,
    /// Identical queries in flight, sent once (`None`: deduplication is off).
    in_flight: Option<InFlight>,
}

impl HttpClient {
    /// One endpoint per subgraph of `supergraph` (whose URLs must all be set and valid, as
    /// the server's `supergraph_source::apply_overrides` ensures).
    pub fn new(supergraph: &Supergraph, config: &TransportConfig) -> Result<Self, TransportError> {
        let mut endpoints = HashMap::new();
        for subgraph in &supergraph.subgraphs {
            let raw =
                subgraph
                    .url
                    .as_deref()
                    .ok_or_else(|| TransportError::MissingSubgraphUrl {
                        name: subgraph.name.clone(),
                    })?;
            let url = reqwest::Url::parse(raw).map_err(|e| TransportError::InvalidSubgraphUrl {
                name: subgraph.name.clone(),
                url: raw.to_owned(),
                reason: e.to_string(),
            })?;
            let timeout = config
                .timeouts
                .get(&subgraph.name)
                .copied()
                .unwrap_or(config.default_timeout);
            let max_response_bytes = config
                .max_response_bytes
                .get(&subgraph.name)
                .copied()
                .unwrap_or(config.default_max_response_bytes);
            endpoints.insert(
                subgraph.name.clone(),
                Endpoint {
                    url,
                    timeout,
                    max_response_bytes,
                },
            );
        }
        let headers = HeaderRules::new(&config.headers, supergraph)?;
        let client = reqwest::Client::builder()
            .pool_idle_timeout(Duration::from_secs(90))
            .pool_max_idle_per_host(64)
            .tcp_nodelay(true)
            .tcp_keepalive(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .gzip(true)
            .brotli(true)
            // A subgraph answers where it is configured; following a redirect would send the
            // request (and the headers forwarded to it) somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(TransportError::HttpClient)?;
        Ok(Self {
            client,
            endpoints: Arc::new(endpoints),
            headers: Arc::new(headers),
            in_flight: config.dedupe_queries.then(InFlight::default),
        })
    }

    /// The transport for one client request: the headers the `headers` rules make of
    /// `client_headers` plus its `x-request-id`, and its trace: the current span's
    /// OpenTelemetry context, else the client's `traceparent` (a new trace when it has none or
    /// an invalid one).
    pub fn for_request(
        &self,
        client_headers: &HeaderMap,
        metrics: &Arc<Metrics>,
        claims: Option<&router_auth::Claims>,
    ) -> RequestTransport {
        let mut current = HeaderMap::new();
        let trace = if propagation::inject(&tracing::Span::current(), &mut current) {
            TraceParent::from_headers(&current)
        } else {
            TraceParent::from_headers(client_headers)
        };
        RequestTransport {
            shared: self.clone(),
            headers: self.headers.for_request(client_headers, claims),
            request_id: client_headers.get(X_REQUEST_ID).cloned(),
            trace: trace.unwrap_or_else(TraceParent::generate),
            metrics: metrics.clone(),
        }
    }
}

/// The shared client plus one client request's forwarded headers and trace context.
#[derive(Debug, Clone)]
pub struct RequestTransport {
    shared: HttpClient,
    headers: Forwarded,
    /// The request's `x-request-id` (sanitized by the telemetry layer), sent on to subgraphs.
    request_id: Option<HeaderValue>,
    trace: TraceParent,
    metrics: Arc<Metrics>,
}

impl RequestTransport {
    pub fn trace(&self) -> &TraceParent {
        &self.trace
    }

    async fn send(
        &self,
        endpoint: &Endpoint,
        request: &SubgraphRequest<'_>,
    ) -> Result<SubgraphResponse, FetchError> {
        let service = request.service_name;
        let body = RequestBody {
            query: request.query,
            operation_name: request.operation_name,
            variables: &request.variables,
        };
        let body: Bytes = sonic_rs::to_vec(&body)
            .map_err(|e| FetchError::Unreachable {
                service: service.to_owned(),
                reason: format!("cannot encode the request: {e}"),
            })?
            .into();
        let forwarded = self.headers.for_subgraph(service);
        let mut headers = forwarded.clone();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(ACCEPT, HeaderValue::from_static(SUBGRAPH_ACCEPT));
        if let Some(id) = &self.request_id {
            headers.insert(X_REQUEST_ID, id.clone());
        }
        // The fetch span's context; without OpenTelemetry, a child of the request's trace.
        if !propagation::inject(&tracing::Span::current(), &mut headers)
            && let Ok(value) = HeaderValue::from_str(&self.trace.child().to_string())
        {
            headers.insert(trace::TRACEPARENT, value);
        }
        let exchange = exchange(
            self.shared.client.clone(),
            endpoint.clone(),
            service.to_owned(),
            headers,
            body.clone(),
        );
        let answer = match &self.shared.in_flight {
            Some(in_flight) if request.operation_kind == OperationKind::Query => {
                let key = dedupe::Key::new(service, &body, forwarded);
                in_flight.run(key, exchange).await?
            }
            _ => exchange.await?,
        };
        tracing::Span::current().record("http.response.status_code", answer.status);
        decode::decode(
            service,
            answer.status,
            answer.content_type.as_deref(),
            &answer.body,
        )
    }
}

/// A subgraph request body, serialized straight from the request (nothing copied).
#[derive(serde::Serialize)]
struct RequestBody<'a> {
    query: &'a str,
    #[serde(rename = "operationName", skip_serializing_if = "Option::is_none")]
    operation_name: Option<&'a str>,
    #[serde(skip_serializing_if = "executor::Object::is_empty")]
    variables: &'a executor::Object,
}

/// One HTTP exchange with a subgraph, owning all it needs (when deduplicated it may outlive the
/// request that started it), under one deadline for connecting, sending and reading the whole
/// body, of at most the endpoint's `max_response_bytes`.
async fn exchange(
    client: reqwest::Client,
    endpoint: Endpoint,
    service: String,
    headers: HeaderMap,
    body: Bytes,
) -> Result<dedupe::RawAnswer, FetchError> {
    let timeout = endpoint.timeout;
    let limit = endpoint.max_response_bytes;
    let exchange = async {
        let response = client
            .post(endpoint.url)
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(|e| send_error(&service, timeout, &e))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = read_body(response, limit).await.map_err(|e| match e {
            BodyError::TooLarge => FetchError::TooLarge {
                service: service.clone(),
                limit,
            },
            BodyError::Read(e) => body_error(&service, timeout, &e),
        })?;
        Ok(dedupe::RawAnswer {
            status,
            content_type,
            body,
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout { service, timeout }),
    }
}

enum BodyError {
    TooLarge,
    Read(reqwest::Error),
}

/// The whole body, unless it is (or says it is) longer than `limit`: a subgraph cannot make the
/// router hold more than that, whatever it sends or announces.
async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<Bytes, BodyError> {
    // The length a compressed answer announces is not the decompressed one (reqwest gives none
    // then); the count below is of decompressed bytes.
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(BodyError::TooLarge);
    }
    let too_long = |length: usize| u64::try_from(length).map_or(true, |length| length > limit);
    // One chunk, the usual case for a small answer, is kept as it came (no copy).
    let Some(first) = response.chunk().await.map_err(BodyError::Read)? else {
        return Ok(Bytes::new());
    };
    if too_long(first.len()) {
        return Err(BodyError::TooLarge);
    }
    let Some(second) = response.chunk().await.map_err(BodyError::Read)? else {
        return Ok(first);
    };
    let mut body = bytes::BytesMut::from(first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if too_long(body.len() + chunk.len()) {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(BodyError::Read)?;
    }
    Ok(body.freeze())
}

fn send_error(service: &str, timeout: Duration, error: &reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout {
            service: service.to_owned(),
            timeout,
        };
    }
    // reqwest's Display hides the cause ("error sending request"); the chain says why.
    let mut reason = error.to_string();
    push_causes(&mut reason, error);
    FetchError::Unreachable {
        service: service.to_owned(),
        reason,
    }
}

/// A failure while reading a body whose status line came: the subgraph was reached.
fn body_error(service: &str, timeout: Duration, error: &reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout {
            service: service.to_owned(),
            timeout,
        };
    }
    // reqwest calls every body failure "error decoding response body"; the causes say what
    // happened ("end of file before message length reached", "connection reset by peer").
    let mut reason = String::new();
    push_causes(&mut reason, error);
    let reason = match reason.strip_prefix(": ") {
        Some(causes) => causes.to_owned(),
        None => error.to_string(),
    };
    FetchError::Interrupted {
        service: service.to_owned(),
        reason,
    }
}

fn push_causes(reason: &mut String, error: &reqwest::Error) {
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        reason.push_str(": ");
        reason.push_str(&cause.to_string());
        source = cause.source();
    }
}

#[async_trait::async_trait]
impl SubgraphTransport for RequestTransport {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError> {
        let Some(endpoint) = self.shared.endpoints.get(request.service_name) else {
            return Err(FetchError::UnknownService {
                service: request.service_name.to_owned(),
            });
        };
        let span = tracing::info_span!(
            "subgraph_fetch",
            otel.kind = "client",
            otel.status_code = tracing::field::Empty,
            subgraph.name = request.service_name,
            graphql.operation.name = request.operation_name.unwrap_or(""),
            http.request.method = "POST",
            url.full = %endpoint.url,
            http.response.status_code = tracing::field::Empty,
            error.type = tracing::field::Empty,
        );
        async {
            let started = std::time::Instant::now();
            let result = self.send(endpoint, &request).await;
            let elapsed = started.elapsed();
            self.metrics
                .record_fetch(request.service_name, elapsed, &result);
            if let Err(error) = &result {
                let span = tracing::Span::current();
                span.record("otel.status_code", "ERROR");
                span.record("error.type", error.code());
            }
            let elapsed_ms = elapsed.as_millis() as u64;
            match &result {
                Ok(response) => tracing::debug!(
                    elapsed_ms,
                    errors = response.errors.len(),
                    "subgraph answered"
                ),
                // Named here: at `info` log lines do not carry the fetch span's fields.
                Err(error) => tracing::warn!(
                    subgraph = request.service_name,
                    elapsed_ms,
                    %error,
                    "subgraph fetch failed"
                ),
            }
            result
        }
        .instrument(span)
        .await
    }
}
