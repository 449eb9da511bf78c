//! `newsnlp schema`: the table schemas, as Markdown or JSON.

use std::io::Write;

use newsnlp::export::schema;

use super::Status;

/// Flags of `newsnlp schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Print Markdown (the README's schema section) instead of JSON.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let tables = schema::documented_tables();
    let text = if args.markdown {
        schema::markdown(&tables)
    } else {
        let json: Vec<_> = tables
            .iter()
            .map(|t| {
                serde_json::json!({
                    "table": t.name,
                    "doc": t.doc,
                    "columns": t.columns.iter().map(|c| serde_json::json!({
                        "name": c.name, "type": c.dtype.name(), "nullable": c.nullable, "doc": c.doc
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::to_string_pretty(&json)? + "\n"
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Status::Ok)
}
