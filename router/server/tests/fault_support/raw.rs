//! A subgraph written straight onto TCP: HTTP/1.1 by hand, so it can misbehave in ways no HTTP
//! library lets a server misbehave (a body shorter than its `Content-Length`, a reset in the
//! middle of a body, a length it never sends). Each connection gets one request and one
//! [`Reply`], then the connection is closed (`connection: close`, so the router's pool never
//! reuses it).

use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the subgraph does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// `200` with this JSON body.
    Json(Value),
    /// This status with a plain-text body.
    Status(u16, &'static str),
    /// This status with a GraphQL response (`application/graphql-response+json`).
    GraphQlStatus(u16, Value),
    /// `200`, `application/json`, these bytes (which need not be JSON).
    Bytes(Vec<u8>),
    /// `200` with `content-encoding: gzip` and these (gzipped) bytes, whatever the router
    /// accepts.
    Gzip(Vec<u8>),
    /// Reads the request and never answers; the connection stays open until the router drops it.
    Hang,
    /// Announces `Content-Length: declared`, then sends `sent` bytes of a JSON body and closes.
    Declared { declared: u64, sent: usize },
    /// A chunked body of `total` bytes (a valid GraphQL response, every chunk 64 KiB).
    Streamed { total: usize },
    /// Announces this body's length, sends its first half and closes (FIN): a truncated body.
    Truncated(Vec<u8>),
    /// Announces this body's length, sends its first half and resets the connection (RST).
    Reset(Vec<u8>),
    /// Announces this body's length, sends its first half and then nothing, the connection
    /// open until the router drops it.
    Stall(Vec<u8>),
}

/// Decides the reply to a request body (the parsed JSON the router sent).
pub type Behaviour = Arc<dyn Fn(&Value) -> Reply + Send + Sync>;

/// Serves `behaviour` on 127.0.0.1:0.
pub async fn serve(behaviour: Behaviour) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let behaviour = behaviour.clone();
            tokio::spawn(async move {
                let _ = answer(stream, &*behaviour).await;
            });
        }
    });
    addr
}

async fn answer(
    mut stream: TcpStream,
    behaviour: &(dyn Fn(&Value) -> Reply + Send + Sync),
) -> std::io::Result<()> {
    let Some(body) = read_request(&mut stream).await? else {
        return Ok(());
    };
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match behaviour(&request) {
        Reply::Json(value) => {
            let body = serde_json::to_vec(&value).expect("JSON");
            write_whole(&mut stream, 200, "application/json", &body).await
        }
        Reply::GraphQlStatus(status, value) => {
            let body = serde_json::to_vec(&value).expect("JSON");
            write_whole(
                &mut stream,
                status,
                "application/graphql-response+json",
                &body,
            )
            .await
        }
        Reply::Status(status, text) => {
            write_whole(&mut stream, status, "text/plain", text.as_bytes()).await
        }
        Reply::Bytes(body) => write_whole(&mut stream, 200, "application/json", &body).await,
        Reply::Gzip(body) => {
            let framing = format!("content-encoding: gzip\r\ncontent-length: {}", body.len());
            stream
                .write_all(head(200, "application/json", &framing).as_bytes())
                .await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Reply::Hang => {
            // Until the router gives up and closes its end.
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            Ok(())
        }
        Reply::Declared { declared, sent } => {
            stream
                .write_all(
                    head(
                        200,
                        "application/json",
                        &format!("content-length: {declared}"),
                    )
                    .as_bytes(),
                )
                .await?;
            let mut body = br#"{"data":{"padding":""#.to_vec();
            body.resize(sent.max(body.len()), b'x');
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
        Reply::Streamed { total } => {
            stream
                .write_all(head(200, "application/json", "transfer-encoding: chunked").as_bytes())
                .await?;
            let open = br#"{"data":{"padding":""#;
            let close = br#""}}"#;
            let mut left = total.saturating_sub(open.len() + close.len());
            write_chunk(&mut stream, open).await?;
            let filler = vec![b'x'; 64 * 1024];
            while left > 0 {
                let n = left.min(filler.len());
                // The router stops reading once the answer is too large: writing then fails,
                // which ends this connection.
                write_chunk(&mut stream, &filler[..n]).await?;
                left -= n;
            }
            write_chunk(&mut stream, close).await?;
            stream.write_all(b"0\r\n\r\n").await?;
            stream.shutdown().await
        }
        Reply::Truncated(body) => {
            write_half(&mut stream, &body).await?;
            stream.shutdown().await
        }
        Reply::Stall(body) => {
            write_half(&mut stream, &body).await?;
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            Ok(())
        }
        Reply::Reset(body) => {
            write_half(&mut stream, &body).await?;
            stream.flush().await?;
            // SO_LINGER 0: closing sends RST instead of FIN.
            stream.set_zero_linger()?;
            drop(stream);
            Ok(())
        }
    }
}

/// The request's body, or `None` when the connection closed before a whole request came.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(buffer[head_end..head_end + length].to_vec()))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn head(status: u16, content_type: &str, framing: &str) -> String {
    format!(
        "HTTP/1.1 {status} {}\r\ncontent-type: {content_type}\r\n{framing}\r\nconnection: close\r\n\r\n",
        reason(status)
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

async fn write_whole(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = head(
        status,
        content_type,
        &format!("content-length: {}", body.len()),
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// The head announcing all of `body`, then its first half.
async fn write_half(stream: &mut TcpStream, body: &[u8]) -> std::io::Result<()> {
    let head = head(
        200,
        "application/json",
        &format!("content-length: {}", body.len()),
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body[..body.len() / 2]).await
}

async fn write_chunk(stream: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    stream
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    stream.write_all(data).await?;
    stream.write_all(b"\r\n").await
}
