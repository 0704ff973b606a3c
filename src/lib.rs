//! esscorpus: turns drops of French public-policy documents about the social and
//! solidarity economy (ESS) into a structured, linked JSON corpus.
//!
//! Data flows one way: [`ingest`] → [`normalize`] → [`extract`] → [`link`] → [`output`],
//! driven by [`pipeline`].
pub mod cli;
pub mod clock;
pub mod config;
pub mod corpus;
pub mod data;
pub mod diff;
pub mod doc;
pub mod eval;
pub mod extract;
pub mod fr;
pub mod ingest;
pub mod link;
pub mod messages;
pub mod normalize;
pub mod output;
pub mod pipeline;
