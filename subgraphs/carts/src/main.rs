#[tokio::main]
async fn main() -> anyhow::Result<()> {
    subgraph_kit::service::run::<carts::Carts>().await?;
    Ok(())
}
