//! Signs Issuetrak API v1 requests with HMAC-SHA512 ([docs/scheme.md](../../../docs/scheme.md)).
//!
//! Pure: no network, no clock, no randomness. The request ID and the timestamp are inputs, and
//! every stage (lowercased path, message bytes, signature, headers) is a value a test can see.
//!
//! ```
//! use issuetrak_sample::{ApiKey, RequestToSign, Signer};
//! let signer = Signer::new(ApiKey::new("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=").unwrap());
//! let signed = signer.sign(&RequestToSign {
//!     method: "GET",
//!     request_id: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
//!     timestamp: "2014-09-10T17:28:08.3227351Z",
//!     path: "/NestedSite1/NestedSite2/api/v1/issues/false/1",
//!     query: "",
//!     body: b"",
//! }).unwrap();
//! assert_eq!(signed.path, "/nestedsite1/nestedsite2/api/v1/issues/false/1");
//! assert!(signed.signature.starts_with("f2esTO3SkBK5"));
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};

use crate::timestamp;

/// `X-Issuetrak-API-Request-ID`: the request ID header.
pub const REQUEST_ID_HEADER: &str = "X-Issuetrak-API-Request-ID";
/// `X-Issuetrak-API-Timestamp`: the timestamp header.
pub const TIMESTAMP_HEADER: &str = "X-Issuetrak-API-Timestamp";
/// `X-Issuetrak-API-Authorization`: the signature header.
pub const AUTHORIZATION_HEADER: &str = "X-Issuetrak-API-Authorization";

/// A request input the signer refuses; the message names the field, the rule and the value
/// (never the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError(String);

impl SignError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        SignError(message.into())
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SignError {}

/// The API key text, used as HMAC key exactly as issued: its UTF-8 bytes, never base64-decoded,
/// never trimmed. `Debug` shows only a fingerprint, like `ApiKey(sha256:1f0e…)`.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key text as Issuetrak issued it; refuses only an empty key.
    pub fn new(text: impl Into<String>) -> Result<ApiKey, SignError> {
        let text = text.into();
        if text.is_empty() {
            return Err(SignError::new(
                "the API key is empty; give the key text exactly as Issuetrak issued it",
            ));
        }
        Ok(ApiKey(text))
    }

    /// `sha256:` and the first 16 hex digits of the SHA-256 of the key bytes: safe to log.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{:02x}", b)).collect();
        format!("sha256:{}", hex)
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.fingerprint())
    }
}

/// The inputs of one signature: `path` is the raw URL path as sent (lowercased by the signer),
/// `query` the raw query without `?` (signed verbatim, `""` for none), `body` the exact bytes sent.
#[derive(Debug, Clone, Copy)]
pub struct RequestToSign<'a> {
    /// A string like `GET`.
    pub method: &'a str,
    /// A string like `c3838d04-46f8-43d6-92fd-62b3d0b59f3e`.
    pub request_id: &'a str,
    /// A string like `2014-09-10T17:28:08.3227351Z`, signed as given.
    pub timestamp: &'a str,
    /// A string like `/NestedSite1/api/v1/issues/false/1`.
    pub path: &'a str,
    /// A string like `issueNumbers=1,2,3`.
    pub query: &'a str,
    /// The body bytes exactly as sent; empty for none.
    pub body: &'a [u8],
}

/// The bytes that are signed: `method LF requestId LF timestamp LF lower(path) LF query LF body`.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalMessage {
    path: String,
    bytes: Vec<u8>,
}

impl CanonicalMessage {
    /// Builds the message, refusing a field that would make it ambiguous (a line feed outside
    /// the body) or that no HTTP server would hand over (docs/scheme.md#canonical-message).
    pub fn build(request: &RequestToSign<'_>) -> Result<CanonicalMessage, SignError> {
        check_method(request.method)?;
        check_request_id(request.request_id)?;
        timestamp::check_signable(request.timestamp)?;
        check_path(request.path)?;
        if request.query.contains(['\r', '\n']) {
            return Err(SignError::new(format!(
                "query {:?} contains CR or LF, which would make the message ambiguous",
                request.query
            )));
        }
        let path = canonical_path(request.path);
        let fields = [
            request.method,
            request.request_id,
            request.timestamp,
            &path,
            request.query,
        ];
        let mut bytes = Vec::with_capacity(
            fields.iter().map(|f| f.len() + 1).sum::<usize>() + request.body.len(),
        );
        for field in fields {
            bytes.extend_from_slice(field.as_bytes());
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(request.body);
        Ok(CanonicalMessage { path, bytes })
    }

    /// The lowercased path, as signed.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The exact bytes signed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for CanonicalMessage {
    /// Each line feed shown as `\n`, like vectors.md's rendering.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CanonicalMessage({:?})",
            String::from_utf8_lossy(&self.bytes)
        )
    }
}

/// The path as signed: lowercased with Unicode's full mapping, whatever the locale
/// (`/Api/V1` is `/api/v1`; `ΟΔΟΣ` is `οδος`, final sigma included).
pub fn canonical_path(path: &str) -> String {
    path.to_lowercase()
}

/// The three signing headers, in the order the kit sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeaders {
    pub request_id: String,
    pub timestamp: String,
    pub authorization: String,
}

impl SignatureHeaders {
    /// `(name, value)` pairs: request ID, timestamp, authorization.
    pub fn pairs(&self) -> [(&'static str, &str); 3] {
        [
            (REQUEST_ID_HEADER, &self.request_id),
            (TIMESTAMP_HEADER, &self.timestamp),
            (AUTHORIZATION_HEADER, &self.authorization),
        ]
    }
}

/// Every stage of signing one request. Holds no key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// The lowercased path.
    pub path: String,
    /// The canonical message whose bytes were signed.
    pub message: CanonicalMessage,
    /// Standard padded base64 of the HMAC-SHA512 (88 characters).
    pub signature: String,
    pub headers: SignatureHeaders,
}

/// Signs requests with one API key; keyed once, as a client holds it.
#[derive(Debug, Clone)]
pub struct Signer {
    key: ApiKey,
}

impl Signer {
    pub fn new(key: ApiKey) -> Signer {
        Signer { key }
    }

    /// The key's fingerprint (never the key).
    pub fn key_fingerprint(&self) -> String {
        self.key.fingerprint()
    }

    /// Builds the canonical message, signs it and returns every stage.
    pub fn sign(&self, request: &RequestToSign<'_>) -> Result<SignedRequest, SignError> {
        let message = CanonicalMessage::build(request)?;
        let signature = self.signature_of(&message);
        Ok(SignedRequest {
            path: message.path().to_owned(),
            headers: SignatureHeaders {
                request_id: request.request_id.to_owned(),
                timestamp: request.timestamp.to_owned(),
                authorization: signature.clone(),
            },
            message,
            signature,
        })
    }

    /// Standard base64 (padded) of HMAC-SHA512 over the message, keyed with the key's UTF-8 bytes.
    pub fn signature_of(&self, message: &CanonicalMessage) -> String {
        // HMAC takes a key of any length (a long one is hashed, RFC 2104), so this cannot fail.
        let mut mac = Hmac::<Sha512>::new_from_slice(self.key.bytes())
            .expect("HMAC accepts a key of any length");
        mac.update(message.as_bytes());
        base64::encode(mac.finalize().into_bytes())
    }
}

fn check_method(method: &str) -> Result<(), SignError> {
    const TOKEN_PUNCTUATION: &str = "!#$%&'*+-.^_`|~";
    let is_token = !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || TOKEN_PUNCTUATION.contains(c));
    if is_token {
        Ok(())
    } else {
        Err(SignError::new(format!(
            "method {:?} is not an HTTP token (RFC 9110: letters, digits and !#$%&'*+-.^_`|~, \
             at least one); send and sign e.g. \"GET\"",
            method
        )))
    }
}

fn check_request_id(request_id: &str) -> Result<(), SignError> {
    let groups: Vec<&str> = request_id.split('-').collect();
    let lengths_ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    if lengths_ok {
        Ok(())
    } else {
        Err(SignError::new(format!(
            "request ID {:?} is not a UUID (8-4-4-4-12 hex digits, \
             e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)",
            request_id
        )))
    }
}

fn check_path(path: &str) -> Result<(), SignError> {
    if !path.starts_with('/') {
        return Err(SignError::new(format!(
            "path {:?} does not start with '/'; sign the URL's path as sent",
            path
        )));
    }
    if let Some((index, c)) = path
        .char_indices()
        .find(|&(_, c)| c == '?' || c == '#' || c < ' ' || c == '\u{7f}')
    {
        return Err(SignError::new(format!(
            "path {:?} contains {:?} at index {}; a path has no '?', '#' or control character \
             (the query is its own field)",
            path, c, index
        )));
    }
    Ok(())
}
