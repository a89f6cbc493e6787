use clap::Args;
#[derive(Args)]
pub struct EvalArgs {}
pub fn run(_a: EvalArgs) -> anyhow::Result<u8> { Ok(0) }
