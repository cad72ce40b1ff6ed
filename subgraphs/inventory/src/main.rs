#[tokio::main]
async fn main() -> anyhow::Result<()> {
    subgraph_kit::service::run::<inventory::Inventory>().await?;
    Ok(())
}
