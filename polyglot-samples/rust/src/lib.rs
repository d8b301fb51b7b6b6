//! The kit's Rust sample for the Issuetrak REST API v1: a signer ([`Signer`], every stage a
//! value), the timestamp formatter ([`timestamp`]) and a blocking client ([`IssuetrakClient`]).
//! The scheme: docs/scheme.md in the repository.

pub mod client;
pub mod signer;
pub mod timestamp;

pub use client::{ApiResponse, BaseUrl, ClientError, IssuetrakClient};
pub use signer::{
    ApiKey, CanonicalMessage, RequestToSign, SignError, SignatureHeaders, SignedRequest, Signer,
};
