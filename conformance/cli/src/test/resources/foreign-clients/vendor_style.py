#!/usr/bin/env python3
"""A client written the way the vendor's samples sign, independent of the kit's code.

It uses only Python's standard library (hmac, hashlib, base64, http.client) and knows nothing
of core-java. It sends a few requests signed right and a few signed with the mistakes public
clients make, and prints one JSON line per request: {"case", "status", "body"}.

Environment: ITK_BASE_URL (e.g. http://127.0.0.1:8089/api/v1), ITK_API_KEY.
"""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import os
import sys
import urllib.parse
import uuid

BASE = urllib.parse.urlsplit(os.environ["ITK_BASE_URL"])
KEY = os.environ["ITK_API_KEY"]


def timestamp():
    # The vendor's Python sample: six digits of microseconds, then a literal 0.
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def sign(verb, request_id, ts, path, query, body):
    message = "\n".join([verb, request_id, ts, path, query, body])
    digest = hmac.new(KEY.encode("utf-8"), message.encode("utf-8"), hashlib.sha512).digest()
    return base64.b64encode(digest).decode("ascii")


def send(case, verb, route, query="", body="", signed_path=None, signed_query=None,
         send_bytes=None, drop_header=None):
    path = BASE.path + route
    request_id = str(uuid.uuid4())
    ts = timestamp()
    signature = sign(verb, request_id, ts,
                     path.lower() if signed_path is None else signed_path,
                     query if signed_query is None else signed_query, body)
    headers = {
        "X-IssueTrak-API-Request-ID": request_id,
        "X-IssueTrak-API-Timestamp": ts,
        "X-IssueTrak-API-Authorization": signature,
    }
    if drop_header:
        del headers[drop_header]
    payload = send_bytes if send_bytes is not None else body.encode("utf-8")
    if payload:
        headers["Content-Type"] = "application/json; charset=utf-8"
    connection = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=30)
    try:
        connection.request(verb, path + ("?" + query if query else ""), body=payload or None,
                           headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
    finally:
        connection.close()
    print(json.dumps({"case": case, "status": response.status, "body": text},
                     ensure_ascii=False), flush=True)


note = json.dumps({"IssueNumber": 1, "NoteText": "Réparé – “ok” ✓", "CreatedBy": "zoë"},
                  ensure_ascii=False, separators=(",", ":"))

# Signed right: the path lowercased, an empty query, the body's UTF-8 bytes.
send("get-note", "GET", "/notes/1")
send("get-issue-mixed-case-url", "GET", "/Issues/False/2")
send("create-note", "POST", "/notes", body=note)
send("get-issues-by-list", "GET", "/issues/false/", query="issueNumbers=2,1")

# Signed wrong, the ways public clients do.
# Python's http.client sends a str body as ISO-8859-1; the client signed its UTF-8 bytes.
latin = json.dumps({"IssueNumber": 1, "NoteText": "Réparé, ça marche", "CreatedBy": "zoë"},
                   ensure_ascii=False, separators=(",", ":"))
send("body-latin1", "POST", "/notes", body=latin, send_bytes=latin.encode("latin-1"))
send("path-not-lowercased", "GET", "/Issues/False/2", signed_path=BASE.path + "/Issues/False/2")
send("query-not-signed", "GET", "/issues/false/", query="issueNumbers=2,1", signed_query="")
send("missing-timestamp", "GET", "/notes/1", drop_header="X-IssueTrak-API-Timestamp")
sys.exit(0)
