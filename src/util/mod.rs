//! Small helpers that modules far apart share: 64-bit hashing and maps keyed by hashes ([`hash`]), the
//! deterministic random number generator of the trainers ([`rng`]), and the cursor that reads binary model
//! files ([`binary`]).
//!
//! Each used to live in whichever file first needed it, so that files which had nothing else in common
//! imported each other. This module imports nothing of the crate, so any module may import it without
//! making a cycle. The numbers these helpers produce are part of the shipped models (feature keys, phrase
//! hashes, the shuffles that trained the weights): their unit tests pin them.

pub(crate) mod binary;
pub(crate) mod hash;
pub(crate) mod rng;
