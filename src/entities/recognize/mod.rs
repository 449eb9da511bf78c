//! Recognizers that need no trained model: the user's rules, the list and
//! patterns of named groups, and the patterns of values (dates, amounts).

pub mod groups;
pub mod rules;
pub mod values;
