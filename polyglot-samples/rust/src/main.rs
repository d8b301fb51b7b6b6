//! The runner-protocol adapter (docs/runner-protocol.md): one JSON command per line on standard
//! input, one answer per line on standard output, logs on standard error.
//!
//! `sign`, `signBatch` (the same routine per item) and `bench` use the crate's `Signer`; `scenario` uses the crate's `IssuetrakClient`
//! with the harness's base URL, key, timestamp and request IDs.

use std::error::Error;
use std::io::{self, BufRead, Write};
use std::panic;
use std::time::{Duration, Instant};

use issuetrak_sample::client::{READ_ONLY_ISSUE_FIELDS, READ_ONLY_USER_DEFINED_FIELD_FIELDS};
use issuetrak_sample::{timestamp, ApiKey, ApiResponse, IssuetrakClient, RequestToSign, Signer};
use serde_json::{json, Map, Value};

const PROTOCOL_VERSION: u64 = 1;
const SCENARIOS: [&str; 12] = [
    "get-issue",
    "update-issue",
    "create-issue",
    "create-note",
    "get-note",
    "get-issues-by-number-list",
    "get-issue-notes",
    "search-issues",
    "create-note-markup",
    "get-issue-mixed-case-site",
    "empty-body-post",
    "lookup-issue-types",
];
/// The issue and the note a scenario reads when its command names none: `/issues/false/1`,
/// `/notes/1`.
const ISSUE_NUMBER: u64 = 1;
const NOTE_ID: u64 = 1;

type Failure = Box<dyn Error>;

/// A `sign` or `bench` input (vectors.md's `input`), its body decoded.
struct SignInput {
    key: String,
    method: String,
    request_id: String,
    timestamp: String,
    path: String,
    query: String,
    body: Vec<u8>,
}

impl SignInput {
    fn from_json(input: &Value) -> Result<SignInput, Failure> {
        let body = match (input.get("body"), input.get("bodyBase64")) {
            (Some(text), None) => text_of(text, "input.body")?.as_bytes().to_vec(),
            (None, Some(encoded)) => base64::decode(text_of(encoded, "input.bodyBase64")?)
                .map_err(|e| format!("input.bodyBase64 is not standard base64: {}", e))?,
            _ => return Err("the input must have exactly one of body and bodyBase64".into()),
        };
        Ok(SignInput {
            key: text(input, "key")?,
            method: text(input, "method")?,
            request_id: text(input, "requestId")?,
            timestamp: text(input, "timestamp")?,
            path: text(input, "path")?,
            query: text(input, "query")?,
            body,
        })
    }

    fn request(&self) -> RequestToSign<'_> {
        RequestToSign {
            method: &self.method,
            request_id: &self.request_id,
            timestamp: &self.timestamp,
            path: &self.path,
            query: &self.query,
            body: &self.body,
        }
    }
}

/// What one command comes to: `result` or `errored` (docs/runner-protocol.md#answers).
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
    let input = SignInput::from_json(field(command, "input")?)?;
    let signer = Signer::new(ApiKey::new(input.key.as_str())?);
    let signed = signer.sign(&input.request())?;
    let headers: Map<String, Value> = signed
        .headers
        .pairs()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), Value::from(value)))
        .collect();
    let mut result = json!({
        "messageBase64": base64::encode(signed.message.as_bytes()),
        "signature": signed.signature,
        "headers": headers,
    });
    if let Some(instant) = field(command, "input")?.get("instant") {
        let instant = timestamp::parse_instant(text_of(instant, "input.instant")?)?;
        result["formattedTimestamp"] = Value::from(timestamp::format(instant)?);
    }
    Ok(result)
}

/// Signs each item as `sign` does, in order; a failing item, even a panicking one, is answered
/// errored in its place and the others go on.
fn sign_batch(command: &Value) -> Result<Value, Failure> {
    let items = field(command, "items")?
        .as_array()
        .ok_or("items is not an array")?;
    let answers: Vec<Value> = items
        .iter()
        .map(|item| match panic::catch_unwind(|| sign(item)) {
            Ok(Ok(result)) => json!({ "result": result }),
            Ok(Err(e)) => json!({ "errored": { "message": e.to_string() } }),
            Err(_) => json!({ "errored": { "message": "the signer panicked (see stderr)" } }),
        })
        .collect();
    Ok(json!({ "answers": answers }))
}

/// Times `Signer::sign` on one input with the monotonic `Instant`: warms up for `warmupMillis`,
/// then counts until at least `iterations` signatures and `durationMillis` have passed. One
/// operation is what the client does per request: the canonical message, the HMAC-SHA512 and
/// its base64, with a signer keyed once and the body bytes prepared once.
fn bench(command: &Value) -> Result<Value, Failure> {
    let input = SignInput::from_json(field(command, "input")?)?;
    let iterations = number(command, "iterations")?;
    let duration = Duration::from_millis(number(command, "durationMillis")?);
    let warmup = Duration::from_millis(number(command, "warmupMillis")?);
    let signer = Signer::new(ApiKey::new(input.key.as_str())?);
    let request = input.request();
    let warm_until = Instant::now() + warmup;
    while Instant::now() < warm_until {
        signer.sign(&request)?;
    }
    let mut operations: u64 = 0;
    let started = Instant::now();
    let (signed, elapsed) = loop {
        let signed = signer.sign(&request)?;
        operations += 1;
        let elapsed = started.elapsed();
        if operations >= iterations && elapsed >= duration {
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
    let name = text(command, "name")?;
    let instant = timestamp::parse_instant(&text(command, "timestamp")?)?;
    let request_ids = field(command, "requestIds")?
        .as_array()
        .ok_or("requestIds is not an array")?
        .iter()
        .map(|id| text_of(id, "requestIds[]").map(str::to_owned))
        .collect::<Result<Vec<_>, _>>()?;
    let client = IssuetrakClient::new(
        &text(command, "baseUrl")?,
        ApiKey::new(text(command, "key")?)?,
    )?
    .with_clock(move || instant)
    .with_request_ids(request_ids);
    let issue_number = match command.get("issueNumber") {
        Some(n) => n.as_u64().ok_or("issueNumber is not a whole number")?,
        None => ISSUE_NUMBER,
    };
    let include_notes = command
        .get("includeNotes")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let data = || object(command, "data");
    let responses: Vec<ApiResponse> = match name.as_str() {
        "get-issue" | "get-issue-mixed-case-site" => {
            vec![client.get_issue(issue_number, include_notes)?]
        }
        "update-issue" => {
            let fields = names(command, "readOnlyIssueFields", &READ_ONLY_ISSUE_FIELDS)?;
            let udf_fields = names(
                command,
                "readOnlyUserDefinedFieldFields",
                &READ_ONLY_USER_DEFINED_FIELD_FIELDS,
            )?;
            let (read, written) = client.update_issue(
                issue_number,
                &object(command, "set")?,
                &fields.iter().map(String::as_str).collect::<Vec<_>>(),
                &udf_fields.iter().map(String::as_str).collect::<Vec<_>>(),
            )?;
            vec![read, written]
        }
        "create-issue" => vec![client.create_issue(&data()?)?],
        "create-note" | "create-note-markup" => vec![client.create_note(&data()?)?],
        "get-note" => vec![client.get_note(NOTE_ID)?],
        "get-issues-by-number-list" => {
            let numbers = field(command, "issueNumbers")?
                .as_array()
                .ok_or("issueNumbers is not an array")?
                .iter()
                .map(|n| {
                    n.as_u64()
                        .ok_or("issueNumbers holds a value that is not a whole number")
                })
                .collect::<Result<Vec<_>, _>>()?;
            vec![client.get_issues(&numbers, false)?]
        }
        "get-issue-notes" => vec![client.get_notes_of_issue(issue_number)?],
        "search-issues" => vec![client.search_issues(&data()?)?],
        "empty-body-post" | "lookup-issue-types" => {
            let send = field(command, "send")?;
            vec![client.send(
                &text(send, "method")?,
                &text(send, "route")?,
                &text(send, "query")?,
                None,
            )?]
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

/// `command[name]` as an object, or an empty one when absent.
fn object(command: &Value, name: &str) -> Result<Map<String, Value>, Failure> {
    match command.get(name) {
        None => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(format!("{} is not an object", name).into()),
    }
}

/// `command[name]` as a list of texts, or `default` when absent.
fn names(command: &Value, name: &str, default: &[&str]) -> Result<Vec<String>, Failure> {
    match command.get(name) {
        None => Ok(default.iter().map(|s| s.to_string()).collect()),
        Some(list) => list
            .as_array()
            .ok_or_else(|| format!("{} is not an array", name))?
            .iter()
            .map(|item| text_of(item, name).map(str::to_owned))
            .collect(),
    }
}

fn text(value: &Value, name: &str) -> Result<String, Failure> {
    text_of(field(value, name)?, name).map(str::to_owned)
}

fn text_of<'a>(value: &'a Value, name: &str) -> Result<&'a str, Failure> {
    value
        .as_str()
        .ok_or_else(|| format!("{} is not a string", name).into())
}

fn number(value: &Value, name: &str) -> Result<u64, Failure> {
    field(value, name)?
        .as_u64()
        .ok_or_else(|| format!("{} is not a whole number", name).into())
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
        Some("signBatch") => sign_batch(command),
        Some("bench") => bench(command),
        Some("scenario") => scenario(command),
        Some("stop") => Ok(json!({})),
        other => Err(format!(
            "unknown command {}; expected start, sign, signBatch, bench, scenario or stop",
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
        // One write of the whole line: a batch's answer is large, and stdout's line buffer small.
        let written = serde_json::to_vec(&reply)
            .map_err(io::Error::from)
            .and_then(|mut line| {
                line.push(b'\n');
                out.write_all(&line)
            })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_vector() -> Value {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/vectors/seed.json"
        );
        let text = std::fs::read_to_string(file).expect("the seed vectors");
        let vectors: Value = serde_json::from_str(&text).expect("JSON");
        vectors["vectors"][0].clone()
    }

    #[test]
    fn sign_batch_signs_one_item_and_answers_the_malformed_one_errored_in_its_place() {
        let seed = seed_vector();
        let mut malformed = seed["input"].clone();
        malformed["path"] = json!("api/v1/issues/false/1");
        let command = json!({"seq": 9, "cmd": "signBatch", "items": [
            {"id": seed["id"], "input": seed["input"]},
            {"id": "no-leading-slash", "input": malformed},
        ]});

        let answers = match answer(&command) {
            Answer::Result(result) => result["answers"].clone(),
            Answer::Errored(message) => panic!("signBatch errored: {}", message),
        };

        assert_eq!(answers.as_array().map(Vec::len), Some(2), "{}", answers);
        assert_eq!(
            answers[0]["result"]["signature"], seed["expected"]["signature"],
            "{}",
            answers[0]
        );
        let refused = answers[1].as_object().expect("an object");
        assert_eq!(refused.keys().collect::<Vec<_>>(), ["errored"]);
        assert!(
            refused["errored"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("does not start with '/'"),
            "{}",
            answers[1]
        );
    }

    #[test]
    fn unknown_command_is_errored_listing_sign_batch() {
        match answer(&json!({"seq": 1, "cmd": "dance"})) {
            Answer::Errored(message) => assert!(
                message.contains("unknown command \"dance\"; expected start, sign, signBatch,"),
                "{}",
                message
            ),
            Answer::Result(result) => panic!("answered {}", result),
        }
    }
}
