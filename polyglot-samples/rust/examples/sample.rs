//! Runs the sample by hand: retrieves issue 1 and prints the answer.
//!
//! Configured by `ITK_BASE_URL` (the site's API base URL) and `ITK_API_KEY`; `ITK_REQUEST_ID` and
//! `ITK_TIMESTAMP` inject fixed values for a reproducible run.
//!
//! ```sh
//! ITK_BASE_URL=http://127.0.0.1:8089/NestedSite1/NestedSite2/api/v1 ITK_API_KEY=... cargo run --example sample
//! ```

use std::env;
use std::process::ExitCode;

use issuetrak_sample::{timestamp, ApiKey, IssuetrakClient};

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = env::var("ITK_BASE_URL")
        .map_err(|_| "set ITK_BASE_URL, e.g. http://127.0.0.1:8089/api/v1")?;
    let key = env::var("ITK_API_KEY").map_err(|_| "set ITK_API_KEY to the API key text")?;
    let mut client = IssuetrakClient::new(&base_url, ApiKey::new(key)?)?;
    if let Ok(id) = env::var("ITK_REQUEST_ID") {
        client = client.with_request_ids(vec![id]);
    }
    if let Ok(text) = env::var("ITK_TIMESTAMP") {
        let instant = timestamp::parse_instant(&text)?;
        client = client.with_clock(move || instant);
    }
    let response = client.get_issue(1, false)?;
    println!(
        "{} {} -> {}",
        response.method, response.url, response.status
    );
    println!("{}", String::from_utf8_lossy(&response.body));
    response.error_for_status()?;
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sample: {}", e);
            ExitCode::FAILURE
        }
    }
}
