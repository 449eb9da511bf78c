//! `newsnlp eval geo`: place grounding scored on GeoVirus XML, beside the most-populous baseline.

use std::path::PathBuf;
use std::time::Instant;

use newsnlp::eval::geo::{self, GeoScores, Miss, MissKind, Paragraph};
use newsnlp::link::GazetteerLinker;
use newsnlp::Pipeline;

use super::pipeline::{ModelArgs, LOADING_MODELS};
use super::Status;
use anyhow::Context;

/// Flags of `newsnlp eval geo`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  newsnlp eval geo ../shared/data/geo/GeoVirus.xml
  newsnlp eval geo GeoVirus.xml --config run.toml
  newsnlp eval geo GeoVirus.xml --misses > misses.tsv   # what was missed or placed wrong, and why

A gold toponym is found when a body mention overlapping it belongs to an entity linked to a point.
Errors are great-circle km; a predicted country is right when the gold point lies within a circle of
the country's area around its point; AUC as Gritta et al. (ACL 2018), lower is better.")]
pub struct EvalArgs {
    /// GeoVirus XML file (articles with text and located toponyms).
    file: PathBuf,
    /// Also write each gold toponym missed or placed more than 161 km off as a tab-separated row
    /// (paragraph, toponym, why, mention, label or kb id, km, context) after the scores.
    #[arg(long)]
    misses: bool,
    #[command(flatten)]
    models: ModelArgs,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let config = args.models.config()?;
    anyhow::ensure!(config.link.enabled, "eval geo scores the linker: drop --no-linking");
    let pipeline = Pipeline::from_config(&config).context(LOADING_MODELS)?;
    let linker = match &config.link.model {
        Some(dir) => GazetteerLinker::load(dir)?,
        None => GazetteerLinker::load_default(Some(&config.models_dir()))?,
    };
    let paragraphs = geo::read_geovirus(&args.file)?;
    let t0 = Instant::now();
    let eval = geo::evaluate(&pipeline, &linker, &paragraphs);
    let took = t0.elapsed().as_secs_f64();
    println!(
        "{}: {} paragraphs, {} gold toponyms, {} overlapped by a mention",
        args.file.display(),
        paragraphs.len(),
        eval.linker.gold,
        eval.mentioned
    );
    println!("{:<22}{:>10}{:>15}", "", "linker", "most populous");
    let row = |name: &str, f: &dyn Fn(&GeoScores) -> String| {
        println!("{name:<22}{:>10}{:>15}", f(&eval.linker), f(&eval.baseline));
    };
    row("found", &|s| s.found.to_string());
    row("recall", &|s| format!("{:.4}", s.recall()));
    row("accuracy@161km", &|s| format!("{:.4}", s.accuracy_161()));
    row("mean error km", &|s| format!("{:.0}", s.mean_error_km()));
    row("median error km", &|s| format!("{:.0}", s.median_error_km()));
    row("AUC (lower better)", &|s| format!("{:.4}", s.auc()));
    if args.misses {
        print_misses(&paragraphs, &eval.misses);
    }
    eprintln!("scored in {took:.1}s");
    Ok(Status::Ok)
}

/// The misses as tab-separated rows, with 40 characters of context either side.
fn print_misses(paragraphs: &[Paragraph], misses: &[Miss]) {
    println!("paragraph\ttoponym\twhy\tmention\tlabel_or_kb\tkm\tcontext");
    for m in misses {
        let chars: Vec<char> = paragraphs.get(m.paragraph).map_or(Vec::new(), |p| p.text.chars().collect());
        let from = m.start.saturating_sub(40).min(chars.len());
        let to = (m.start + m.name.chars().count() + 40).min(chars.len());
        let context: String = chars[from..to].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect();
        let (why, mention, extra, km) = match &m.why {
            MissKind::NotTagged => ("not_tagged", "", String::new(), String::new()),
            MissKind::NotLinked { mention, label } => {
                ("not_linked", mention.as_str(), label.to_string(), String::new())
            }
            MissKind::Wrong { mention, kb_id, km } => {
                ("wrong", mention.as_str(), kb_id.clone().unwrap_or_default(), format!("{km:.0}"))
            }
        };
        println!("{}\t{}\t{why}\t{mention}\t{extra}\t{km}\t{context}", m.paragraph, m.name);
    }
}
