"""The Issuetrak API v1 Python sample: retrieve issue 1, update it (read-modify-write) and
submit a new issue, as the vendor's Python sample does, with requests signed correctly.

Configuration, from the environment:
  ITK_BASE_URL    the site's API base URL, site folders included (http://127.0.0.1:8089/api/v1)
  ITK_API_KEY     the API key text (used as is; never printed)
  ITK_REQUEST_ID  optional: three comma-separated lowercase UUIDs, one per request
  ITK_TIMESTAMP   optional: a fixed ISO-8601 UTC instant (up to 9 fractional digits)

Exit status: 0 when every request got a 2xx, 1 when one did not or failed, 2 for bad configuration.
"""

from __future__ import annotations

import http.client
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import issuetrak_client
import issuetrak_signer

ISSUE_NUMBER = 1
REQUESTS = 3  # GET, PUT, POST
CHANGES = {"Subject": "Printer on floor 3 jams – updated by the Python sample ✓"}
NEW_ISSUE = {
    "ShouldSuppressEmailForCreateOperation": True,
    "Notes": [
        {
            "NoteText": "Submitted by the Python sample – “résumé” ✓",
            "IsPrivate": False,
            "IsRichText": False,
        }
    ],
    "UserDefinedFields": [{"UserDefinedFieldID": 1, "Value": "ASSET-2001"}],
    "EnteredBy": "admin",
    "Subject": "Café printer: test issue from the Python sample",
    "Description": "<p>Submitted through the Issuetrak API v1 / Python sample.</p>",
    "IsDescriptionRichText": True,
    "IssueTypeID": 1,
    "PriorityID": 1,
    "SubmittedBy": "admin",
}
_LOWERCASE_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable and the rule."""


@dataclass(frozen=True, repr=False)
class Settings:
    base_url: str
    api_key: str
    clock: Callable[[], int]
    request_ids: Callable[[], str]


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """Reads and checks the ITK_* variables; raises ConfigError naming the variable and the rule."""
    base_url = env.get("ITK_BASE_URL")
    if base_url is None:
        raise ConfigError(
            "ITK_BASE_URL is not set; set it to the site's API base URL, "
            "e.g. http://127.0.0.1:8089/api/v1"
        )
    try:
        issuetrak_client.parse_base_url(base_url, "ITK_BASE_URL")
    except ValueError as e:
        raise ConfigError(str(e)) from None

    api_key = env.get("ITK_API_KEY")
    if api_key is None:
        raise ConfigError("ITK_API_KEY is not set; set it to the API key text exactly as issued")
    if not api_key:
        raise ConfigError("ITK_API_KEY is empty; set it to the API key text exactly as issued")
    try:
        issuetrak_signer.compute_signature(api_key, b"")
    except ValueError as e:  # e.g. bytes that are not UTF-8 (os.environ keeps them as surrogates)
        raise ConfigError(f"ITK_API_KEY: {e}") from None

    clock = time.time_ns
    if "ITK_TIMESTAMP" in env:
        try:
            fixed = issuetrak_signer.parse_instant(env["ITK_TIMESTAMP"])
            issuetrak_signer.format_timestamp(fixed)
        except ValueError as e:
            raise ConfigError(f"ITK_TIMESTAMP: {e}") from None
        clock = lambda: fixed  # noqa: E731

    request_ids = issuetrak_client.random_request_id
    if "ITK_REQUEST_ID" in env:
        ids = env["ITK_REQUEST_ID"].split(",")
        if len(ids) != REQUESTS:
            raise ConfigError(
                f"ITK_REQUEST_ID has {len(ids)} request ID(s); give {REQUESTS}, comma-separated, "
                "one per request (a server with replay protection refuses a repeated ID)"
            )
        for i in ids:
            if not _LOWERCASE_UUID.fullmatch(i):
                raise ConfigError(
                    f"ITK_REQUEST_ID {i!r} is not a lowercase UUID "
                    "(8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)"
                )
        if len(set(ids)) != len(ids):
            raise ConfigError("ITK_REQUEST_ID repeats an ID; every request needs its own")
        request_ids = iter(ids).__next__
    return Settings(base_url, api_key, clock, request_ids)


def report(title: str, response: issuetrak_client.ApiResponse) -> bool:
    print(f"------ {title} ------")
    print(f"{response.method} {response.url} -> {response.status}")
    print(response.text())
    return response.ok


def run(settings: Settings) -> int:
    client = issuetrak_client.IssuetrakClient(
        settings.base_url, settings.api_key, clock=settings.clock, request_ids=settings.request_ids
    )
    all_ok = True

    read = client.get_issue(ISSUE_NUMBER)
    if report("Issue Retrieve", read):
        # Read-modify-write from the issue just read: read-only fields dropped, the rest kept.
        body = issuetrak_client.update_issue_body(read.json(), CHANGES)
        all_ok &= report("Issue Update", client.put_issue(body))
    else:
        all_ok = False
        print("------ Issue Update ------\nskipped: it needs the issue as read")

    all_ok &= report("Insert Issue", client.create_issue(NEW_ISSUE))
    return 0 if all_ok else 1


def main() -> int:
    try:
        settings = settings_from_env(os.environ)
    except ConfigError as e:
        print(f"sample.py: {e}", file=sys.stderr)
        return 2
    try:
        return run(settings)
    except (OSError, http.client.HTTPException) as e:  # refused, timeout, DNS, TLS, bad reply
        print(f"sample.py: request to {settings.base_url} failed: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
