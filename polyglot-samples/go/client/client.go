// Package client is the sample client: it signs and sends Issuetrak API v1 requests (get, update,
// create and search issues, get issues by number list, create and get notes, the notes of an
// issue, and any other route through Send), so that the bytes sent are exactly the bytes signed.
//
//	key, _ := signer.NewKey(os.Getenv("ITK_API_KEY"))
//	c, _ := client.New("http://127.0.0.1:8089/api/v1", key)
//	r, err := c.GetIssue(ctx, 1, false)          // GET /api/v1/issues/false/1
//	r, err = c.CreateNote(ctx, client.Object{{"IssueNumber", 1}, {"NoteText", "Called"}})
//
// HTTP is net/http; signing is package signer. The clock and the request IDs are options, so a
// run can be reproduced.
package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/signer"
)

// Fields the server refuses in an update; the vendor's sample deletes them too.
var (
	ReadOnlyIssueFields            = []string{"Metadata", "ExtensionData", "Notes", "SubmittedDate", "SLAComplianceStatus", "Slaid"}
	ReadOnlyUserDefinedFieldFields = []string{"ExtensionData", "Metadata", "DisplayName"}
)

// JSONContentType is sent with every body (the header is not signed; the kit's choice).
const JSONContentType = "application/json; charset=utf-8"

// Client signs and sends requests to one site. It is safe for concurrent use if its clock and
// request ID source are.
type Client struct {
	base       *url.URL
	key        signer.Key
	now        func() time.Time
	requestIDs func() (string, error)
	http       *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithClock sets the clock the timestamps are read from (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithRequestIDs sets where each request's ID comes from (default RandomRequestID).
func WithRequestIDs(next func() (string, error)) Option {
	return func(c *Client) { c.requestIDs = next }
}

// WithHTTPClient sets the http.Client (default: 30 s timeout, redirects not followed). Do not
// let it follow redirects: a redirect is signed for one path and sent to another.
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// New is a client for the site whose API base URL is baseURL, e.g.
// "http://127.0.0.1:8089/NestedSite1/api/v1": absolute, http or https, no user info, query or
// fragment; a trailing '/' is dropped.
func New(baseURL string, key signer.Key, opts ...Option) (*Client, error) {
	base, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	if _, err := signer.Signature(key, nil); err != nil {
		return nil, err // a zero Key: refuse it now rather than on the first request
	}
	c := &Client{
		base:       base,
		key:        key,
		now:        time.Now,
		requestIDs: RandomRequestID,
		http: &http.Client{
			Timeout:       30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// String shows the base URL and the key's fingerprint, never the key.
func (c *Client) String() string {
	return fmt.Sprintf("client.Client{base: %s, key: %s}", c.base, c.key.Fingerprint())
}

func parseBaseURL(text string) (*url.URL, error) {
	const example = "e.g. http://127.0.0.1:8089/api/v1"
	if text == "" {
		return nil, fmt.Errorf("the base URL is empty; give the site's API base URL, %s", example)
	}
	for _, r := range text {
		if r <= ' ' || r >= 0x7f {
			return nil, fmt.Errorf("base URL %q has a space, a control or a non-ASCII character; percent-encode it as UTF-8", text)
		}
	}
	u, err := url.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("base URL %q does not parse: %v", text, err)
	}
	if u.User != nil {
		// Not echoed: user info may hold a password.
		return nil, errors.New("the base URL must not contain user info (user:password@); requests are signed with the API key")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an absolute http:// or https:// URL; %s", text, example)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(text, "?#") {
		return nil, fmt.Errorf("base URL %q has a query or fragment; give only the API base, %s", text, example)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// Response is one request made and its answer.
type Response struct {
	Method string
	URL    string
	Status int
	Body   []byte
}

// OK reports whether the status is 2xx.
func (r *Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Object is the body parsed as a JSON object, members in order.
func (r *Response) Object() (Object, error) { return ParseObject(r.Body) }

// APIError is a response whose status is not 2xx, where the caller needed a 2xx.
type APIError struct{ Response *Response }

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s answered %d: %s", e.Response.Method, e.Response.URL, e.Response.Status, e.Response.Body)
}

// GetIssue is GET {base}/issues/{includeNotes}/{issueNumber}.
func (c *Client) GetIssue(ctx context.Context, issueNumber int, includeNotes bool) (*Response, error) {
	return c.Send(ctx, "GET", "/issues/"+strconv.FormatBool(includeNotes)+"/"+strconv.Itoa(issueNumber), "", nil)
}

// GetIssues is GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3: several issues, in the order
// asked. The query is sent and signed raw: "issueNumbers=1,2,3".
func (c *Client) GetIssues(ctx context.Context, issueNumbers []int, includeNotes bool) (*Response, error) {
	if len(issueNumbers) == 0 {
		return nil, errors.New("issueNumbers is empty; ask for at least one issue")
	}
	numbers := make([]string, len(issueNumbers))
	for i, n := range issueNumbers {
		numbers[i] = strconv.Itoa(n)
	}
	return c.Send(ctx, "GET", "/issues/"+strconv.FormatBool(includeNotes)+"/", "issueNumbers="+strings.Join(numbers, ","), nil)
}

// CreateIssue is POST {base}/issues with issue as compact JSON; the answer is the new number.
func (c *Client) CreateIssue(ctx context.Context, issue Object) (*Response, error) {
	return c.sendJSON(ctx, "POST", "/issues", issue)
}

// PutIssue is PUT {base}/issues with issue (see UpdateIssueBody) as compact JSON.
func (c *Client) PutIssue(ctx context.Context, issue Object) (*Response, error) {
	return c.sendJSON(ctx, "PUT", "/issues", issue)
}

// UpdateIssue is the vendor's read-modify-write: it gets the issue, drops the read-only fields,
// sets changes in place and puts it back. When the GET is refused it returns an *APIError, since
// the PUT needs its answer. readOnly and readOnlyUDF default to ReadOnlyIssueFields and
// ReadOnlyUserDefinedFieldFields when nil.
func (c *Client) UpdateIssue(ctx context.Context, issueNumber int, changes Object, readOnly, readOnlyUDF []string) (get, put *Response, err error) {
	get, err = c.GetIssue(ctx, issueNumber, false)
	if err != nil {
		return nil, nil, err
	}
	if !get.OK() {
		return get, nil, &APIError{get}
	}
	issue, err := get.Object()
	if err != nil {
		return get, nil, fmt.Errorf("GET %s: the issue is not a JSON object: %w", get.URL, err)
	}
	if readOnly == nil {
		readOnly = ReadOnlyIssueFields
	}
	if readOnlyUDF == nil {
		readOnlyUDF = ReadOnlyUserDefinedFieldFields
	}
	put, err = c.PutIssue(ctx, UpdateIssueBody(issue, changes, readOnly, readOnlyUDF))
	return get, put, err
}

// UpdateIssueBody is the body of PUT /issues: the issue as read less the read-only fields (also
// inside each element of UserDefinedFields), with changes set in place. Every other member keeps
// its position, unknown ones included; a new member goes last. issue is not changed.
func UpdateIssueBody(issue, changes Object, readOnly, readOnlyUDF []string) Object {
	body := issue.Without(readOnly...)
	if udfs, ok := body.Get("UserDefinedFields"); ok {
		if list, ok := udfs.([]any); ok {
			trimmed := make([]any, len(list))
			for i, e := range list {
				if o, ok := e.(Object); ok {
					trimmed[i] = o.Without(readOnlyUDF...)
				} else {
					trimmed[i] = e
				}
			}
			body = body.Set("UserDefinedFields", trimmed)
		}
	}
	for _, m := range changes {
		body = body.Set(m.Name, m.Value)
	}
	return body
}

// CreateNote is POST {base}/notes with note as compact JSON; the answer is the new note's ID.
func (c *Client) CreateNote(ctx context.Context, note Object) (*Response, error) {
	return c.sendJSON(ctx, "POST", "/notes", note)
}

// GetNote is GET {base}/notes/{noteID}.
func (c *Client) GetNote(ctx context.Context, noteID int) (*Response, error) {
	return c.Send(ctx, "GET", "/notes/"+strconv.Itoa(noteID), "", nil)
}

// GetNotesOfIssue is GET {base}/notes/issue/{issueNumber}: every note of one issue.
func (c *Client) GetNotesOfIssue(ctx context.Context, issueNumber int) (*Response, error) {
	return c.Send(ctx, "GET", "/notes/issue/"+strconv.Itoa(issueNumber), "", nil)
}

// SearchIssues is POST {base}/issues/search with criteria (a SearchIssueDTO: QuerySetDefinitions,
// QueryOrderingDefinitions, PageIndex, PageSize, ...) as compact JSON.
func (c *Client) SearchIssues(ctx context.Context, criteria Object) (*Response, error) {
	return c.sendJSON(ctx, "POST", "/issues/search", criteria)
}

func (c *Client) sendJSON(ctx context.Context, method, route string, value Object) (*Response, error) {
	body, err := EncodeJSON(value)
	if err != nil {
		return nil, err
	}
	return c.Send(ctx, method, route, "", body)
}

// Send signs and sends one request to {base}{route}, for any route the typed operations lack:
// query is the raw query without '?' (sent and signed as is, percent escapes kept), body the exact
// bytes to send, nil for none (then no Content-Type), e.g.
//
//	c.Send(ctx, "GET", "/issuetypes", "name=Hardware%20%26%20Network&active=true", nil)
func (c *Client) Send(ctx context.Context, method, route, query string, body []byte) (*Response, error) {
	target := *c.base
	target.Path = c.base.Path + "/" + strings.TrimLeft(route, "/")
	target.RawPath = ""
	if c.base.RawPath != "" {
		target.RawPath = c.base.RawPath + "/" + strings.TrimLeft(route, "/")
	}
	target.RawQuery = query
	requestID, err := c.requestIDs()
	if err != nil {
		return nil, fmt.Errorf("making a request ID: %w", err)
	}
	timestamp, err := signer.FormatTimestamp(c.now())
	if err != nil {
		return nil, err
	}
	// Signed as it goes on the request line: the escaped path, the raw query.
	signed, err := signer.Sign(c.key, signer.Request{Method: method, RequestID: requestID,
		Timestamp: timestamp, Path: target.EscapedPath(), Query: query, Body: body})
	if err != nil {
		return nil, err
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), reader)
	if err != nil {
		return nil, err
	}
	// Set in the map directly: Header.Set would respell the names X-Issuetrak-Api-Request-Id.
	for _, h := range signed.Headers {
		req.Header[h.Name] = []string{h.Value}
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", JSONContentType)
	}
	answer, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer answer.Body.Close()
	data, err := io.ReadAll(answer.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the answer: %w", method, target.String(), err)
	}
	return &Response{Method: method, URL: target.String(), Status: answer.StatusCode, Body: data}, nil
}

// RandomRequestID is a new random request ID: a lowercase version-4 UUID.
func RandomRequestID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
