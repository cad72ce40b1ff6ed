#[tokio::main]
async fn main() -> anyhow::Result<()> {
    subgraph_kit::service::run::<reviews::Reviews>().await?;
    Ok(())
}
