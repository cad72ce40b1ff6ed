#[tokio::main]
async fn main() -> anyhow::Result<()> {
    subgraph_kit::service::run::<users::Users>().await?;
    Ok(())
}
