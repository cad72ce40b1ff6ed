#[tokio::main]
async fn main() -> anyhow::Result<()> {
    subgraph_kit::service::run::<products::Products>().await?;
    Ok(())
}
