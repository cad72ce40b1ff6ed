//! Fetches a running subgraph's SDL with the federation `_service { sdl }` query.

use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("the subgraph answered with errors: {0}")]
    GraphQl(String),
    #[error("the subgraph answered without `_service.sdl`")]
    MissingSdl,
}

#[derive(Deserialize)]
struct Response {
    data: Option<Data>,
    errors: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "_service")]
    service: Option<Service>,
}

#[derive(Deserialize)]
struct Service {
    sdl: Option<String>,
}

/// POSTs `{ _service { sdl } }` to `url` and returns the SDL.
pub async fn fetch_subgraph_sdl(url: &str) -> Result<String, FetchError> {
    let response: Response = reqwest::Client::new()
        .post(url)
        .json(&serde_json::json!({ "query": "query SubgraphIntrospectQuery { _service { sdl } }" }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    if let Some(errors) = response.errors.filter(|e| !e.is_empty()) {
        let messages: Vec<String> = errors
            .iter()
            .map(|e| {
                e.get("message")
                    .and_then(|m| m.as_str())
                    .unwrap_or("unknown error")
                    .to_string()
            })
            .collect();
        return Err(FetchError::GraphQl(messages.join("; ")));
    }
    response
        .data
        .and_then(|d| d.service)
        .and_then(|s| s.sdl)
        .ok_or(FetchError::MissingSdl)
}
