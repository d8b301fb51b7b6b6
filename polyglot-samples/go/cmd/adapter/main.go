// Command adapter speaks the kit's runner protocol (docs/runner-protocol.md): one JSON command
// per line on standard input, exactly one answer per line on standard output, logs on standard
// error.
//
// sign uses package signer, and signBatch the same routine per item; bench times the same signer.Sign call the client makes once per
// request; scenario uses package client with the harness's base URL, key, timestamp and
// request IDs.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/client"
	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/signer"
)

const protocolVersion = 1

// The scenarios of fixtures/scenarios.json, every one (there is no vendor Go sample to follow).
var scenarios = []string{"get-issue", "update-issue", "create-issue", "create-note", "get-note",
	"get-issues-by-number-list", "get-issue-notes", "search-issues", "create-note-markup",
	"get-issue-mixed-case-site", "empty-body-post", "lookup-issue-types"}

// command is any command of the protocol; each uses the fields it needs.
type command struct {
	Seq             *int64          `json:"seq"`
	Cmd             string          `json:"cmd"`
	ProtocolVersion int             `json:"protocolVersion"`
	ID              string          `json:"id"`
	Input           *signInput      `json:"input"`
	Items           []batchItem     `json:"items"`
	Iterations      int64           `json:"iterations"`
	DurationMillis  int64           `json:"durationMillis"`
	WarmupMillis    int64           `json:"warmupMillis"`
	Name            string          `json:"name"`
	BaseURL         string          `json:"baseUrl"`
	Key             string          `json:"key"`
	Timestamp       string          `json:"timestamp"`
	RequestIDs      []string        `json:"requestIds"`
	Data            json.RawMessage `json:"data"`
	Set             json.RawMessage `json:"set"`
	IssueNumber     *int            `json:"issueNumber"`
	IssueNumbers    []int           `json:"issueNumbers"`
	IncludeNotes    bool            `json:"includeNotes"`
	Send            *sendRequest    `json:"send"`
	ReadOnlyIssue   []string        `json:"readOnlyIssueFields"`
	ReadOnlyUDF     []string        `json:"readOnlyUserDefinedFieldFields"`
}

// sendRequest is a scenario's request made through the client's generic Send, with no body.
type sendRequest struct {
	Method string `json:"method"`
	Route  string `json:"route"`
	Query  string `json:"query"`
}

// batchItem is one input of a signBatch command.
type batchItem struct {
	ID    string     `json:"id"`
	Input *signInput `json:"input"`
}

type signInput struct {
	Key        string  `json:"key"`
	Method     string  `json:"method"`
	RequestID  string  `json:"requestId"`
	Timestamp  string  `json:"timestamp"`
	Path       string  `json:"path"`
	Query      string  `json:"query"`
	Body       *string `json:"body"`
	BodyBase64 *string `json:"bodyBase64"`
	Instant    *string `json:"instant"`
}

// answer is the part of an answer after seq: one member, result, skipped or errored.
type answer = client.Member

func main() {
	os.Exit(serve(os.Stdin, os.Stdout, os.Stderr))
}

// serve answers each command line of in on out until stop or the end of in; returns the exit status.
func serve(in io.Reader, out io.Writer, log io.Writer) int {
	lines := bufio.NewReaderSize(in, 1<<20) // a sign command for a 1 MiB body is one long line
	w := bufio.NewWriter(out)
	for {
		line, readErr := lines.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var cmd command
			if err := json.Unmarshal(line, &cmd); err != nil || cmd.Seq == nil {
				// No seq to answer with: the harness reports the missing answer.
				fmt.Fprintf(log, "adapter: ignored a line that is not a command with a seq (%v): %.200q\n", err, line)
			} else {
				a := handle(&cmd, log)
				reply := client.Object{{Name: "seq", Value: json.Number(fmt.Sprint(*cmd.Seq))}, a}
				data, err := client.EncodeJSON(reply)
				if err != nil {
					data, _ = client.EncodeJSON(client.Object{reply[0], errored(err, "")})
				}
				w.Write(data)
				w.WriteByte('\n')
				if err := w.Flush(); err != nil {
					fmt.Fprintf(log, "adapter: cannot write the answer: %v\n", err)
					return 1
				}
				if cmd.Cmd == "stop" {
					return 0
				}
			}
		}
		if readErr != nil {
			return 0 // end of input: the harness went away
		}
	}
}

// handle answers one command; a failure, even a panic, is an errored answer, never a crash.
func handle(cmd *command, log io.Writer) (a answer) {
	defer func() {
		if p := recover(); p != nil {
			trace := string(debug.Stack())
			fmt.Fprintf(log, "adapter: seq %d (%s %s%s) panicked: %v\n%s", *cmd.Seq, cmd.Cmd, cmd.ID, cmd.Name, p, trace)
			a = errored(fmt.Errorf("panic: %v", p), trace)
		}
	}()
	var result any
	var err error
	switch cmd.Cmd {
	case "start":
		result, err = start(cmd)
	case "sign":
		result, err = sign(cmd.Input)
	case "signBatch":
		result = signBatch(cmd, log)
	case "bench":
		result, err = bench(cmd)
	case "scenario":
		result, err = scenario(cmd)
	case "stop":
		result = client.Object{}
	default:
		err = fmt.Errorf("unknown command %q; expected start, sign, signBatch, bench, scenario or stop", cmd.Cmd)
	}
	var skip skipped
	if errors.As(err, &skip) {
		return answer{Name: "skipped", Value: client.Object{{Name: "reason", Value: string(skip)}}}
	}
	if err != nil {
		fmt.Fprintf(log, "adapter: seq %d (%s %s%s) failed: %v\n", *cmd.Seq, cmd.Cmd, cmd.ID, cmd.Name, err)
		return errored(err, "")
	}
	return answer{Name: "result", Value: result}
}

// skipped is the reason an adapter deliberately does not do something.
type skipped string

func (s skipped) Error() string { return string(s) }

func errored(err error, stderr string) answer {
	e := client.Object{{Name: "message", Value: err.Error()}}
	if stderr != "" {
		e = append(e, client.Member{Name: "stderr", Value: stderr})
	}
	return answer{Name: "errored", Value: e}
}

func start(cmd *command) (any, error) {
	if cmd.ProtocolVersion != protocolVersion {
		return nil, fmt.Errorf("protocolVersion %d is not supported; this adapter speaks version %d", cmd.ProtocolVersion, protocolVersion)
	}
	names := make([]any, len(scenarios))
	for i, s := range scenarios {
		names[i] = s
	}
	return client.Object{
		{Name: "protocolVersion", Value: protocolVersion},
		{Name: "language", Value: "go"},
		{Name: "implementation", Value: "polyglot-samples/go"},
		{Name: "runtime", Value: fmt.Sprintf("Go %s (%s, %s/%s)", trimGo(runtime.Version()), runtime.Compiler, runtime.GOOS, runtime.GOARCH)},
		{Name: "scenarios", Value: names},
	}, nil
}

func trimGo(v string) string {
	if len(v) > 2 && v[:2] == "go" {
		return v[2:]
	}
	return v
}

// request is the signer's input for a sign or bench command: the body from bodyBase64, or body as UTF-8.
func request(in *signInput) (signer.Key, signer.Request, error) {
	if in == nil {
		return signer.Key{}, signer.Request{}, errors.New("the command has no input")
	}
	var body []byte
	switch {
	case in.BodyBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*in.BodyBase64)
		if err != nil {
			return signer.Key{}, signer.Request{}, fmt.Errorf("bodyBase64 is not standard base64: %w", err)
		}
		body = b
	case in.Body != nil:
		body = []byte(*in.Body)
	default:
		return signer.Key{}, signer.Request{}, errors.New("the input has neither body nor bodyBase64")
	}
	key, err := signer.NewKey(in.Key)
	if err != nil {
		return signer.Key{}, signer.Request{}, err
	}
	return key, signer.Request{Method: in.Method, RequestID: in.RequestID, Timestamp: in.Timestamp,
		Path: in.Path, Query: in.Query, Body: body}, nil
}

func sign(in *signInput) (any, error) {
	key, req, err := request(in)
	if err != nil {
		return nil, err
	}
	signed, err := signer.Sign(key, req)
	if err != nil {
		return nil, err
	}
	headers := client.Object{}
	for _, h := range signed.Headers {
		headers = append(headers, client.Member{Name: h.Name, Value: h.Value})
	}
	result := client.Object{
		{Name: "messageBase64", Value: base64.StdEncoding.EncodeToString(signed.Message)},
		{Name: "signature", Value: signed.Signature},
		{Name: "headers", Value: headers},
	}
	if in.Instant != nil {
		instant, err := time.Parse(time.RFC3339Nano, *in.Instant)
		if err != nil {
			return nil, fmt.Errorf("instant %q is not an ISO-8601 UTC instant: %w", *in.Instant, err)
		}
		formatted, err := signer.FormatTimestamp(instant)
		if err != nil {
			return nil, err
		}
		result = append(result, client.Member{Name: "formattedTimestamp", Value: formatted})
	}
	return result, nil
}

// signBatch signs each item as sign does, in order: each answer is one member, result or errored.
func signBatch(cmd *command, log io.Writer) any {
	answers := make([]any, len(cmd.Items))
	for i := range cmd.Items {
		answers[i] = client.Object{signBatchItem(&cmd.Items[i], log)}
	}
	return client.Object{{Name: "answers", Value: answers}}
}

// signBatchItem is one item's answer; a failure, even a panic, is errored in its place and the
// other items go on.
func signBatchItem(item *batchItem, log io.Writer) (a answer) {
	defer func() {
		if p := recover(); p != nil {
			trace := string(debug.Stack())
			fmt.Fprintf(log, "adapter: signBatch item %s panicked: %v\n%s", item.ID, p, trace)
			a = errored(fmt.Errorf("panic: %v", p), trace)
		}
	}()
	result, err := sign(item.Input)
	if err != nil {
		return errored(err, "")
	}
	return answer{Name: "result", Value: result}
}

// bench times signer.Sign on one input with Go's monotonic clock (time.Since): it warms up for
// warmupMillis, then counts until at least iterations signatures and durationMillis have passed.
// One operation is what the client does per request: the checks, the canonical message, the
// HMAC-SHA512, its base64 and the headers. The key and the body bytes are prepared once, as the
// client holds them.
func bench(cmd *command) (any, error) {
	key, req, err := request(cmd.Input)
	if err != nil {
		return nil, err
	}
	signed, err := signer.Sign(key, req)
	if err != nil {
		return nil, err
	}
	warmup := time.Duration(cmd.WarmupMillis) * time.Millisecond
	for began := time.Now(); time.Since(began) < warmup; {
		signed, _ = signer.Sign(key, req)
	}
	duration := time.Duration(cmd.DurationMillis) * time.Millisecond
	var operations int64
	var elapsed time.Duration
	began := time.Now()
	for {
		signed, _ = signer.Sign(key, req)
		operations++
		elapsed = time.Since(began)
		if operations >= cmd.Iterations && elapsed >= duration {
			break
		}
	}
	if elapsed <= 0 {
		elapsed = 1 // a clock coarser than one signature; the schema wants at least 1 ns
	}
	return client.Object{
		{Name: "operations", Value: operations},
		{Name: "elapsedNanos", Value: elapsed.Nanoseconds()},
		{Name: "signature", Value: signed.Signature},
	}, nil
}

func scenario(cmd *command) (any, error) {
	known := false
	for _, s := range scenarios {
		known = known || s == cmd.Name
	}
	if !known {
		return nil, skipped(fmt.Sprintf("the Go sample does not know scenario %q; it does %v", cmd.Name, scenarios))
	}
	key, err := signer.NewKey(cmd.Key)
	if err != nil {
		return nil, err
	}
	instant, err := time.Parse(time.RFC3339Nano, cmd.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("timestamp %q does not parse: %w", cmd.Timestamp, err)
	}
	used := 0
	nextID := func() (string, error) {
		if used == len(cmd.RequestIDs) {
			return "", fmt.Errorf("scenario %s was given %d request ID(s) and needs one more (request %d)", cmd.Name, len(cmd.RequestIDs), used+1)
		}
		used++
		return cmd.RequestIDs[used-1], nil
	}
	c, err := client.New(cmd.BaseURL, key,
		client.WithClock(func() time.Time { return instant }), client.WithRequestIDs(nextID))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	issueNumber := 1
	if cmd.IssueNumber != nil {
		issueNumber = *cmd.IssueNumber
	}
	var responses []*client.Response
	one := func(r *client.Response, err error) error {
		if err == nil {
			responses = append(responses, r)
		}
		return err
	}
	switch cmd.Name {
	case "get-issue":
		err = one(c.GetIssue(ctx, issueNumber, false))
	case "get-issue-mixed-case-site":
		err = one(c.GetIssue(ctx, issueNumber, cmd.IncludeNotes))
	case "update-issue":
		var set client.Object
		if set, err = objectOf("set", cmd.Set); err != nil {
			return nil, err
		}
		// The PUT needs the GET's answer: a refused GET is an error naming its status and body.
		var get, put *client.Response
		get, put, err = c.UpdateIssue(ctx, issueNumber, set, cmd.ReadOnlyIssue, cmd.ReadOnlyUDF)
		if err == nil {
			responses = append(responses, get, put)
		}
	case "create-issue", "create-note", "create-note-markup", "search-issues":
		var data client.Object
		if data, err = objectOf("data", cmd.Data); err != nil {
			return nil, err
		}
		switch cmd.Name {
		case "create-issue":
			err = one(c.CreateIssue(ctx, data))
		case "search-issues":
			err = one(c.SearchIssues(ctx, data))
		default:
			err = one(c.CreateNote(ctx, data))
		}
	case "get-note":
		err = one(c.GetNote(ctx, 1))
	case "get-issues-by-number-list":
		err = one(c.GetIssues(ctx, cmd.IssueNumbers, false))
	case "get-issue-notes":
		err = one(c.GetNotesOfIssue(ctx, issueNumber))
	case "empty-body-post", "lookup-issue-types":
		if cmd.Send == nil {
			return nil, fmt.Errorf("scenario %s has no send (method, route, query)", cmd.Name)
		}
		// No body at all: nil, so nothing is sent, no Content-Type, and the message ends "\n".
		// A refusal (empty-body-post's 400) is an answer to report, not an error.
		err = one(c.Send(ctx, cmd.Send.Method, cmd.Send.Route, cmd.Send.Query, nil))
	}
	if err != nil {
		return nil, err
	}
	requests := make([]any, len(responses))
	for i, r := range responses {
		requests[i] = client.Object{{Name: "method", Value: r.Method}, {Name: "url", Value: r.URL}, {Name: "status", Value: r.Status}}
	}
	return client.Object{{Name: "requests", Value: requests}}, nil
}

// objectOf parses a scenario parameter, keeping its members in the order the harness sent them.
func objectOf(name string, raw json.RawMessage) (client.Object, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("the scenario command has no %s", name)
	}
	o, err := client.ParseObject(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return o, nil
}
