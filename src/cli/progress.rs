//! Progress on stderr: a bar when stderr is a terminal, periodic log lines
//! otherwise, nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsnlp::batch::Progress;

/// Reports the progress of a batch run.
pub enum Reporter {
    /// Nothing is shown.
    Quiet,
    /// An indicatif bar.
    Bar(ProgressBar),
    /// A log line every `every`.
    Lines { last: Instant, every: Duration },
}

impl Reporter {
    /// A reporter for a run over `total_bytes` of input (0 when unknown).
    pub fn new(quiet: bool, total_bytes: u64) -> Reporter {
        if quiet {
            return Reporter::Quiet;
        }
        if !std::io::stderr().is_terminal() {
            return Reporter::Lines { last: Instant::now(), every: Duration::from_secs(10) };
        }
        let bar = if total_bytes > 0 {
            let b = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        } else {
            let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b
        };
        Reporter::Bar(bar)
    }

    /// Shows `p`.
    pub fn update(&mut self, p: &Progress) {
        match self {
            Reporter::Quiet => {}
            Reporter::Bar(bar) => {
                bar.set_position(p.bytes);
                bar.set_message(format!("{} records, {} rejected", p.records, p.rejected));
            }
            Reporter::Lines { last, every } => {
                if last.elapsed() >= *every {
                    *last = Instant::now();
                    let secs = p.elapsed.as_secs_f64().max(1e-9);
                    eprintln!(
                        "newsnlp: {} records ({} rejected), {:.1} MB, {:.0} records/s, {:.2} MB/s",
                        p.records,
                        p.rejected,
                        p.bytes as f64 / 1e6,
                        p.records as f64 / secs,
                        p.bytes as f64 / 1e6 / secs
                    );
                }
            }
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Reporter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
