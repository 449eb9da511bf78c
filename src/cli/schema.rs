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
    let text = if args.markdown {
        schema::markdown_document()
    } else {
        let analyze = schema::documented_tables().map(|t| ("analyze", t));
        let stats = schema::stats_tables().map(|t| ("stats", t));
        let json: Vec<_> = analyze
            .iter()
            .chain(&stats)
            .map(|(command, t)| {
                serde_json::json!({
                    "table": t.name,
                    "command": command,
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
