//! The runner-protocol adapter (docs/runner-protocol.md): one JSON command per line on standard
//! input, one answer per line on standard output, logs on standard error.
//!
//! `sign` and `bench` use the crate's `Signer`; `scenario` uses the crate's `IssuetrakClient`
//! with the harness's base URL, key, timestamp and request IDs.

use std::error::Error;
use std::io::{self, BufRead, Write};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use issuetrak_sample::client::{READ_ONLY_ISSUE_FIELDS, READ_ONLY_USER_DEFINED_FIELD_FIELDS};
use issuetrak_sample::{timestamp, ApiKey, ApiResponse, IssuetrakClient, RequestToSign, Signer};
use serde::Deserialize;
use serde_json::{json, Map, Value};

const PROTOCOL_VERSION: u64 = 1;
const SCENARIOS: [&str; 6] = [
    "get-issue",
    "update-issue",
    "create-issue",
    "create-note",
    "get-note",
    "get-issues-by-number-list",
];
/// The issue and the note the scenarios read: `/issues/false/1`, `/notes/1`.
const ISSUE_NUMBER: u64 = 1;
const NOTE_ID: u64 = 1;

type Failure = Box<dyn Error>;

/// A `sign` or `bench` input (vectors.md's `input`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignInput {
    key: String,
    method: String,
    request_id: String,
    timestamp: String,
    path: String,
    query: String,
    body: Option<String>,
    body_base64: Option<String>,
    instant: Option<String>,
}

impl SignInput {
    /// `bodyBase64` decoded, or `body` as UTF-8; exactly one is present.
    fn body_bytes(&self) -> Result<Vec<u8>, Failure> {
        match (&self.body, &self.body_base64) {
            (Some(text), None) => Ok(text.as_bytes().to_vec()),
            (None, Some(encoded)) => Ok(STANDARD
                .decode(encoded)
                .map_err(|e| format!("input.bodyBase64 is not standard base64: {}", e))?),
            _ => Err("the input must have exactly one of body and bodyBase64".into()),
        }
    }

    fn request<'a>(&'a self, body: &'a [u8]) -> RequestToSign<'a> {
        RequestToSign {
            method: &self.method,
            request_id: &self.request_id,
            timestamp: &self.timestamp,
            path: &self.path,
            query: &self.query,
            body,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BenchCommand {
    input: SignInput,
    iterations: u64,
    duration_millis: u64,
    warmup_millis: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScenarioCommand {
    name: String,
    base_url: String,
    key: String,
    timestamp: String,
    request_ids: Vec<String>,
    #[serde(default)]
    data: Map<String, Value>,
    issue_number: Option<u64>,
    #[serde(default)]
    set: Map<String, Value>,
    read_only_issue_fields: Option<Vec<String>>,
    read_only_user_defined_field_fields: Option<Vec<String>>,
    issue_numbers: Option<Vec<u64>>,
}

/// What one command comes to: `result`, `skipped` or `errored` (docs/runner-protocol.md#answers).
enum Answer {
    Result(Value),
    Errored(String),
}

fn start(command: &Value) -> Result<Value, Failure> {
    let version = command.get("protocolVersion");
    if version.and_then(Value::as_u64) != Some(PROTOCOL_VERSION) {
        return Err(format!(
            "protocolVersion {} is not supported; this adapter speaks version {}",
            version.unwrap_or(&Value::Null),
            PROTOCOL_VERSION
        )
        .into());
    }
    Ok(json!({
        "protocolVersion": PROTOCOL_VERSION,
        "language": "rust",
        "implementation": "polyglot-samples/rust",
        "runtime": env!("ITK_RUSTC_VERSION"),
        "scenarios": SCENARIOS,
    }))
}

fn sign(command: &Value) -> Result<Value, Failure> {
    let input = SignInput::deserialize(field(command, "input")?)?;
    let body = input.body_bytes()?;
    let signer = Signer::new(ApiKey::new(input.key.as_str())?);
    let signed = signer.sign(&input.request(&body))?;
    let mut headers = Map::new();
    for (name, value) in signed.headers.pairs() {
        headers.insert(name.to_owned(), Value::from(value));
    }
    let mut result = json!({
        "messageBase64": STANDARD.encode(signed.message.as_bytes()),
        "signature": signed.signature,
        "headers": headers,
    });
    if let Some(instant) = &input.instant {
        let formatted = timestamp::format(timestamp::parse_instant(instant)?)?;
        result["formattedTimestamp"] = Value::from(formatted);
    }
    Ok(result)
}

/// Times `Signer::sign` on one input with the monotonic `Instant`: warms up for `warmupMillis`,
/// then counts until at least `iterations` signatures and `durationMillis` have passed. One
/// operation is what the client does per request: the canonical message, the HMAC-SHA512 and
/// its base64, with a signer keyed once and the body bytes prepared once.
fn bench(command: &Value) -> Result<Value, Failure> {
    let bench = BenchCommand::deserialize(command)?;
    let body = bench.input.body_bytes()?;
    let signer = Signer::new(ApiKey::new(bench.input.key.as_str())?);
    let request = bench.input.request(&body);
    let warm_until = Instant::now() + Duration::from_millis(bench.warmup_millis);
    while Instant::now() < warm_until {
        signer.sign(&request)?;
    }
    let duration = Duration::from_millis(bench.duration_millis);
    let mut operations: u64 = 0;
    let started = Instant::now();
    let (signed, elapsed) = loop {
        let signed = signer.sign(&request)?;
        operations += 1;
        let elapsed = started.elapsed();
        if operations >= bench.iterations && elapsed >= duration {
            break (signed, elapsed);
        }
    };
    Ok(json!({
        "operations": operations,
        "elapsedNanos": elapsed.as_nanos() as u64,
        "signature": signed.signature,
    }))
}

fn scenario(command: &Value) -> Result<Value, Failure> {
    let scenario = ScenarioCommand::deserialize(command)?;
    let instant = timestamp::parse_instant(&scenario.timestamp)?;
    let client = IssuetrakClient::new(&scenario.base_url, ApiKey::new(scenario.key.as_str())?)?
        .with_clock(move || instant)
        .with_request_ids(scenario.request_ids.clone());
    let responses: Vec<ApiResponse> = match scenario.name.as_str() {
        "get-issue" => {
            vec![client.get_issue(scenario.issue_number.unwrap_or(ISSUE_NUMBER), false)?]
        }
        "update-issue" => {
            let owned = |given: &Option<Vec<String>>, default: &[&str]| -> Vec<String> {
                given
                    .clone()
                    .unwrap_or_else(|| default.iter().map(|s| s.to_string()).collect())
            };
            let fields = owned(&scenario.read_only_issue_fields, &READ_ONLY_ISSUE_FIELDS);
            let udf_fields = owned(
                &scenario.read_only_user_defined_field_fields,
                &READ_ONLY_USER_DEFINED_FIELD_FIELDS,
            );
            let (read, written) = client.update_issue(
                scenario.issue_number.unwrap_or(ISSUE_NUMBER),
                &scenario.set,
                &fields.iter().map(String::as_str).collect::<Vec<_>>(),
                &udf_fields.iter().map(String::as_str).collect::<Vec<_>>(),
            )?;
            vec![read, written]
        }
        "create-issue" => vec![client.create_issue(&scenario.data)?],
        "create-note" => vec![client.create_note(&scenario.data)?],
        "get-note" => vec![client.get_note(NOTE_ID)?],
        "get-issues-by-number-list" => {
            let numbers = scenario
                .issue_numbers
                .as_ref()
                .ok_or("scenario get-issues-by-number-list needs issueNumbers")?;
            vec![client.get_issues(numbers, false)?]
        }
        other => {
            return Err(format!(
                "unknown scenario {:?}; this adapter does {}",
                other,
                SCENARIOS.join(", ")
            )
            .into())
        }
    };
    let requests: Vec<Value> = responses
        .iter()
        .map(|r| json!({"method": r.method, "url": r.url, "status": r.status}))
        .collect();
    Ok(json!({ "requests": requests }))
}

fn field<'a>(command: &'a Value, name: &str) -> Result<&'a Value, Failure> {
    command
        .get(name)
        .ok_or_else(|| format!("the command has no {:?}", name).into())
}

fn answer(command: &Value) -> Answer {
    let outcome = match command.get("cmd").and_then(Value::as_str) {
        Some("start") => start(command),
        Some("sign") => sign(command),
        Some("bench") => bench(command),
        Some("scenario") => scenario(command),
        Some("stop") => Ok(json!({})),
        other => Err(format!(
            "unknown command {}; expected start, sign, bench, scenario or stop",
            other.map_or("(none)".to_owned(), |name| format!("{:?}", name))
        )
        .into()),
    };
    match outcome {
        Ok(result) => Answer::Result(result),
        Err(e) => Answer::Errored(e.to_string()),
    }
}

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().split(b'\n') {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("adapter: reading standard input failed: {}", e);
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let command: Value = match serde_json::from_slice(&line) {
            Ok(command) => command,
            Err(e) => {
                // No seq to answer with: the harness reports the missing answer.
                eprintln!("adapter: ignored a line that is not JSON ({})", e);
                continue;
            }
        };
        let seq = match command.get("seq").and_then(Value::as_i64) {
            Some(seq) => seq,
            None => {
                eprintln!("adapter: ignored a command without an integer seq");
                continue;
            }
        };
        let reply = match answer(&command) {
            Answer::Result(result) => json!({"seq": seq, "result": result}),
            Answer::Errored(message) => {
                eprintln!(
                    "adapter: seq {} ({}) failed: {}",
                    seq,
                    command.get("cmd").unwrap_or(&Value::Null),
                    message
                );
                json!({"seq": seq, "errored": {"message": message}})
            }
        };
        let written = serde_json::to_writer(&mut out, &reply)
            .map_err(io::Error::from)
            .and_then(|_| out.write_all(b"\n"))
            .and_then(|_| out.flush());
        if let Err(e) = written {
            eprintln!("adapter: writing standard output failed: {}", e);
            std::process::exit(1);
        }
        if command.get("cmd").and_then(Value::as_str) == Some("stop") {
            return;
        }
    }
}
