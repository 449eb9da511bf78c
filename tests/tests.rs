//! The integration tests: one binary, one module per area.

mod util;

mod architecture;

mod cli;
mod entities;
mod extract;
mod geo;
mod golden;
mod identity;
mod ner;
mod properties;
mod quotes;
mod readme;
mod report;
mod scale;
mod stats;
mod topic;
#[cfg(feature = "transformer")]
mod transformer_cli;
mod cluster;
