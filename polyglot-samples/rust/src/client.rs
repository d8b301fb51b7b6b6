//! The sample client: signs and sends Issuetrak API v1 requests with `ureq`, so that the bytes
//! sent are exactly the bytes signed. Routes and JSON shapes follow the kit's reference client
//! (core-java `dev.itk.client.IssuetrakClient`) and the stub (docs/stub.md).
//!
//! ```no_run
//! use issuetrak_sample::{ApiKey, IssuetrakClient};
//! let client = IssuetrakClient::new("http://127.0.0.1:8089/api/v1", ApiKey::new("key text").unwrap()).unwrap();
//! let issue = client.get_issue(1, false).unwrap().error_for_status().unwrap().json().unwrap();
//! ```

use std::fmt;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::signer::{ApiKey, RequestToSign, SignError, Signer};
use crate::timestamp;

/// Issue fields the server refuses in an update (the vendor's Python sample deletes them too).
pub const READ_ONLY_ISSUE_FIELDS: [&str; 6] = [
    "Metadata",
    "ExtensionData",
    "Notes",
    "SubmittedDate",
    "SLAComplianceStatus",
    "Slaid",
];
/// Fields of each `UserDefinedFields` element the server refuses in an update.
pub const READ_ONLY_USER_DEFINED_FIELD_FIELDS: [&str; 3] =
    ["ExtensionData", "Metadata", "DisplayName"];
/// The `Content-Type` of every request with a body (docs/scheme.md#body).
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Why a request was not made or its answer not read.
#[derive(Debug)]
pub enum ClientError {
    /// A setting or an input the client refuses (a bad base URL, an unsignable field).
    Invalid(String),
    /// The server answered a status other than 2xx where the next step needed a 2xx.
    Status(ApiResponse),
    /// No answer: connection refused, timeout, a broken response.
    Transport(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Invalid(message) | ClientError::Transport(message) => f.write_str(message),
            ClientError::Status(r) => write!(
                f,
                "{} {} answered {}: {}",
                r.method,
                r.url,
                r.status,
                String::from_utf8_lossy(&r.body)
            ),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<SignError> for ClientError {
    fn from(e: SignError) -> Self {
        ClientError::Invalid(e.to_string())
    }
}

/// One request made and its answer: the status and the raw body bytes.
#[derive(Debug, Clone)]
pub struct ApiResponse {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub body: Vec<u8>,
}

impl ApiResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// This response if its status is 2xx, else `ClientError::Status`.
    pub fn error_for_status(self) -> Result<ApiResponse, ClientError> {
        if self.is_success() {
            Ok(self)
        } else {
            Err(ClientError::Status(self))
        }
    }

    /// The body parsed as JSON; objects keep their key order.
    pub fn json(&self) -> Result<Value, ClientError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            ClientError::Invalid(format!(
                "{} {} answered a body that is not JSON: {}",
                self.method, self.url, e
            ))
        })
    }
}

/// A site's API base URL, checked and split: `http://h:8089/Site/api/v1` is `http://h:8089`
/// and `/Site/api/v1` (the path as given, without a trailing `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Refuses what is not an absolute `http://` or `https://` URL of ASCII characters, without
    /// user info, query or fragment.
    pub fn parse(text: &str) -> Result<BaseUrl, ClientError> {
        let example = "e.g. http://127.0.0.1:8089/api/v1";
        let refuse = |why: &str| ClientError::Invalid(format!("base URL {:?} {}", text, why));
        if text.is_empty() {
            return Err(ClientError::Invalid(format!(
                "base URL is empty; give the site's API base URL, {}",
                example
            )));
        }
        if !text.chars().all(|c| c.is_ascii_graphic()) {
            return Err(refuse(
                "has a space, a control or a non-ASCII character; percent-encode it as UTF-8",
            ));
        }
        let rest = text
            .strip_prefix("http://")
            .or_else(|| text.strip_prefix("https://"))
            .ok_or_else(|| {
                refuse(&format!(
                    "is not an absolute http:// or https:// URL; {}",
                    example
                ))
            })?;
        if text.contains(['?', '#']) {
            return Err(refuse(&format!(
                "has a query or fragment; give only the API base, {}",
                example
            )));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            // Not echoed: user info may hold a password.
            return Err(ClientError::Invalid(
                "base URL must not contain user info (user:password@); requests are signed \
                 with the API key"
                    .to_owned(),
            ));
        }
        if authority.is_empty() {
            return Err(refuse(&format!("has no host; {}", example)));
        }
        let origin = text[..text.len() - rest.len() + authority.len()].to_owned();
        Ok(BaseUrl {
            origin,
            path: path.trim_end_matches('/').to_owned(),
        })
    }

    /// Appends `route` without doubling `/`: `/Site/api/v1` + `/issues`.
    pub fn path_for(&self, route: &str) -> String {
        format!("{}/{}", self.path, route.trim_start_matches('/'))
    }

    /// The absolute URL of a path and a raw query (`""` for none).
    pub fn url_for(&self, path: &str, query: &str) -> String {
        if query.is_empty() {
            format!("{}{}", self.origin, path)
        } else {
            format!("{}{}?{}", self.origin, path, query)
        }
    }
}

/// Compact JSON as UTF-8 bytes: keys in the order given, non-ASCII written raw, `/` and `<`
/// not escaped. Encode once; sign and send these same bytes.
pub fn encode_json(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a serde_json::Value always serializes")
}

/// The body of `PUT /issues`: the issue as read, less the read-only fields (also inside each
/// user-defined field), with `changes` set in place; every other field keeps its order.
pub fn update_issue_body(
    issue_as_read: &Value,
    changes: &Map<String, Value>,
    read_only_fields: &[&str],
    read_only_udf_fields: &[&str],
) -> Result<Value, ClientError> {
    let mut body = issue_as_read.as_object().cloned().ok_or_else(|| {
        ClientError::Invalid(format!(
            "the issue as read is not a JSON object: {}",
            issue_as_read
        ))
    })?;
    // retain, not remove: serde_json 1.0.87's remove swaps the last key into the hole.
    body.retain(|name, _| !read_only_fields.contains(&name.as_str()));
    if let Some(Value::Array(udfs)) = body.get_mut("UserDefinedFields") {
        for udf in udfs.iter_mut().filter_map(Value::as_object_mut) {
            udf.retain(|name, _| !read_only_udf_fields.contains(&name.as_str()));
        }
    }
    for (name, value) in changes {
        // An existing key keeps its position; a new one goes last.
        body.insert(name.clone(), value.clone());
    }
    Ok(Value::Object(body))
}

type Clock = Box<dyn Fn() -> DateTime<Utc> + Send + Sync>;
type RequestIds = Box<dyn Fn() -> Result<String, ClientError> + Send + Sync>;

/// Signs and sends Issuetrak API v1 requests to one site. Each request carries a new request ID
/// and the clock's time; both are injectable so that a run can be reproduced. Redirects are not
/// followed: a redirect would be signed for one path and sent to another.
pub struct IssuetrakClient {
    base: BaseUrl,
    signer: Signer,
    clock: Clock,
    request_ids: RequestIds,
    agent: ureq::Agent,
}

impl fmt::Debug for IssuetrakClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuetrakClient")
            .field("base", &self.base)
            .field("key", &self.signer.key_fingerprint())
            .finish()
    }
}

impl IssuetrakClient {
    /// A client for the site at `base_url` (e.g. `http://127.0.0.1:8089/NestedSite1/api/v1`),
    /// using the system clock and random lowercase version-4 UUIDs.
    pub fn new(base_url: &str, key: ApiKey) -> Result<IssuetrakClient, ClientError> {
        Ok(IssuetrakClient {
            base: BaseUrl::parse(base_url)?,
            signer: Signer::new(key),
            clock: Box::new(|| DateTime::<Utc>::from(std::time::SystemTime::now())),
            request_ids: Box::new(|| Ok(uuid::Uuid::new_v4().to_string())),
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(30))
                .redirects(0)
                .build(),
        })
    }

    /// Replaces the clock (for reproducible runs).
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// Uses `ids` in order, one per request, and refuses a request once they are used up.
    pub fn with_request_ids(mut self, ids: Vec<String>) -> Self {
        let given = ids.len();
        let remaining = Mutex::new(ids.into_iter());
        self.request_ids = Box::new(move || {
            remaining
                .lock()
                .expect("request ID source poisoned")
                .next()
                .ok_or_else(|| {
                    ClientError::Invalid(format!(
                        "the client was given {} request ID(s) and needs one more",
                        given
                    ))
                })
        });
        self
    }

    /// `GET {base}/issues/{includeNotes}/{issueNumber}`.
    pub fn get_issue(
        &self,
        issue_number: u64,
        include_notes: bool,
    ) -> Result<ApiResponse, ClientError> {
        self.send(
            "GET",
            &format!("/issues/{}/{}", include_notes, issue_number),
            "",
            None,
        )
    }

    /// `GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3`: several issues, in the order
    /// asked; the query is signed raw, without `?`.
    pub fn get_issues(
        &self,
        issue_numbers: &[u64],
        include_notes: bool,
    ) -> Result<ApiResponse, ClientError> {
        if issue_numbers.is_empty() {
            return Err(ClientError::Invalid(
                "issueNumbers is empty; ask for at least one issue number".to_owned(),
            ));
        }
        let list: Vec<String> = issue_numbers.iter().map(u64::to_string).collect();
        let query = format!("issueNumbers={}", list.join(","));
        self.send("GET", &format!("/issues/{}/", include_notes), &query, None)
    }

    /// `PUT {base}/issues` with `issue` (see [`update_issue_body`]) as compact JSON.
    pub fn put_issue(&self, issue: &Value) -> Result<ApiResponse, ClientError> {
        self.send("PUT", "/issues", "", Some(&encode_json(issue)))
    }

    /// Read-modify-write: gets the issue, drops the read-only fields, sets `changes` in place and
    /// puts it back. Returns both responses; fails with `ClientError::Status` if the GET is
    /// refused, since the PUT needs its answer.
    pub fn update_issue(
        &self,
        issue_number: u64,
        changes: &Map<String, Value>,
        read_only_fields: &[&str],
        read_only_udf_fields: &[&str],
    ) -> Result<(ApiResponse, ApiResponse), ClientError> {
        let read = self.get_issue(issue_number, false)?.error_for_status()?;
        let body = update_issue_body(
            &read.json()?,
            changes,
            read_only_fields,
            read_only_udf_fields,
        )?;
        let written = self.put_issue(&body)?;
        Ok((read, written))
    }

    /// `POST {base}/issues` with `issue` as compact JSON; the answer is the new issue number.
    pub fn create_issue(&self, issue: &Map<String, Value>) -> Result<ApiResponse, ClientError> {
        let body = encode_json(&Value::Object(issue.clone()));
        self.send("POST", "/issues", "", Some(&body))
    }

    /// `POST {base}/notes` with `note` as compact JSON; the answer is the new note's ID.
    pub fn create_note(&self, note: &Map<String, Value>) -> Result<ApiResponse, ClientError> {
        let body = encode_json(&Value::Object(note.clone()));
        self.send("POST", "/notes", "", Some(&body))
    }

    /// `GET {base}/notes/issue/{issueNumber}`: every note of one issue.
    pub fn get_notes_of_issue(&self, issue_number: u64) -> Result<ApiResponse, ClientError> {
        self.send("GET", &format!("/notes/issue/{}", issue_number), "", None)
    }

    /// `POST {base}/issues/search` with `criteria` (a SearchIssueDTO) as compact JSON.
    pub fn search_issues(&self, criteria: &Map<String, Value>) -> Result<ApiResponse, ClientError> {
        let body = encode_json(&Value::Object(criteria.clone()));
        self.send("POST", "/issues/search", "", Some(&body))
    }

    /// `GET {base}/notes/{noteId}`.
    pub fn get_note(&self, note_id: u64) -> Result<ApiResponse, ClientError> {
        self.send("GET", &format!("/notes/{}", note_id), "", None)
    }

    /// Signs and sends one request to `{base}{route}`; `query` is the raw query without `?`
    /// (sent and signed as is), `body` the exact bytes to send, or `None` (no body, no
    /// `Content-Type`). Any status is an `Ok` answer; only a failed exchange is an error.
    pub fn send(
        &self,
        method: &str,
        route: &str,
        query: &str,
        body: Option<&[u8]>,
    ) -> Result<ApiResponse, ClientError> {
        let path = self.base.path_for(route);
        let url = self.base.url_for(&path, query);
        let request_id = (self.request_ids)()?;
        let timestamp = timestamp::format((self.clock)())?;
        let signed = self.signer.sign(&RequestToSign {
            method,
            request_id: &request_id,
            timestamp: &timestamp,
            path: &path,
            query,
            body: body.unwrap_or_default(),
        })?;
        let mut request = self
            .agent
            .request(method, &url)
            .set("Accept", "application/json");
        for (name, value) in signed.headers.pairs() {
            request = request.set(name, value);
        }
        let answer = match body {
            Some(bytes) => request
                .set("Content-Type", JSON_CONTENT_TYPE)
                .send_bytes(bytes),
            None => request.call(),
        };
        let response = match answer {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(e) => {
                return Err(ClientError::Transport(format!(
                    "{} {} failed: {}",
                    method, url, e
                )))
            }
        };
        let status = response.status();
        let mut bytes = Vec::new();
        response
            .into_reader()
            .read_to_end(&mut bytes)
            .map_err(|e| {
                ClientError::Transport(format!(
                    "{} {}: reading the answer failed: {}",
                    method, url, e
                ))
            })?;
        Ok(ApiResponse {
            method: method.to_owned(),
            url,
            status,
            body: bytes,
        })
    }
}
