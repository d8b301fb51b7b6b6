#!/usr/bin/env python3
"""An Issuetrak API client as a Python developer writes one with the standard library only.

It reads ITK_BASE_URL and ITK_API_KEY, reads issue 1 with its notes, then adds a note with a
non-ASCII text. With --keep-path-case it signs the path as written instead of lowercased: the
mistake `itk check` must name.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.parse
import urllib.request
import uuid

KEEP_PATH_CASE = "--keep-path-case" in sys.argv


def signed_request(method, url, api_key, body=b""):
    parts = urllib.parse.urlsplit(url)
    request_id = str(uuid.uuid4())
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = now.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"
    path = parts.path if KEEP_PATH_CASE else parts.path.lower()
    message = "\n".join([method, request_id, timestamp, path, parts.query, ""]).encode("utf-8") + body
    digest = hmac.new(api_key.encode("utf-8"), message, hashlib.sha512).digest()
    request = urllib.request.Request(url, data=body or None, method=method)
    request.add_header("X-Issuetrak-API-Request-ID", request_id)
    request.add_header("X-Issuetrak-API-Timestamp", timestamp)
    request.add_header("X-Issuetrak-API-Authorization", base64.b64encode(digest).decode("ascii"))
    request.add_header("Accept", "application/json")
    if body:
        request.add_header("Content-Type", "application/json; charset=utf-8")
    return request


def call(method, route, api_key, base_url, payload=None):
    body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = signed_request(method, base_url + route, api_key, body)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        print(f"{method} {route}: HTTP {e.code}: {e.read().decode('utf-8', 'replace')[:200]}")
        return e.code, None


def main():
    base_url = os.environ["ITK_BASE_URL"].rstrip("/")
    api_key = os.environ["ITK_API_KEY"]
    status, issue = call("GET", "/issues/true/1", api_key, base_url)
    print(f"GET issue 1: {status}")
    status, note_id = call(
        "POST",
        "/notes",
        api_key,
        base_url,
        {"IssueNumber": 1, "NoteText": "Rückruf vereinbart ✓", "CreatedBy": "zoë"},
    )
    print(f"POST note: {status} -> {note_id}")
    # A client that reports its own failures by its exit status, as scripts do.
    return 0 if status == 200 else 3


if __name__ == "__main__":
    sys.exit(main())
