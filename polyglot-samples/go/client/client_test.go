package client_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/client"
	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/signer"
)

func TestEncodeJSON_compactOrderedRawUTF8(t *testing.T) {
	note := client.Object{
		{Name: "IssueNumber", Value: 1},
		{Name: "NoteText", Value: "Called – “résumé” ✓ 😀 / <b> & \u2028 \"q\" \\ \n\x01"},
		{Name: "IsPrivate", Value: false},
		{Name: "Tags", Value: []any{nil, json.Number("1.50")}},
	}
	got, err := client.EncodeJSON(note)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"IssueNumber":1,"NoteText":"Called – “résumé” ✓ 😀 / <b> & ` + "\u2028" + ` \"q\" \\ \n\u0001","IsPrivate":false,"Tags":[null,1.50]}`
	if string(got) != want {
		t.Errorf("EncodeJSON\n  want %s\n  got  %s", want, got)
	}
}

func TestUpdateIssueBody_dropsReadOnlyFields_andKeepsTheOrderRead(t *testing.T) {
	issue, err := client.ParseObject([]byte(`{"ExtensionData":null,"Metadata":{"APIVersion":"v1"},"IssueNumber":1,` +
		`"Subject":"Old","Unknown":[1,2.0],"UserDefinedFields":[{"ExtensionData":null,"UserDefinedFieldID":1,"Value":"A","DisplayName":"Asset"}],` +
		`"SubmittedDate":"2014-02-27T11:30:10.0000000","Notes":null}`))
	if err != nil {
		t.Fatal(err)
	}
	changes := client.Object{{Name: "Subject", Value: "Fixed ✓"}, {Name: "New", Value: true}}
	body := client.UpdateIssueBody(issue, changes, client.ReadOnlyIssueFields, client.ReadOnlyUserDefinedFieldFields)
	got, _ := client.EncodeJSON(body)
	want := `{"IssueNumber":1,"Subject":"Fixed ✓","Unknown":[1,2.0],"UserDefinedFields":[{"UserDefinedFieldID":1,"Value":"A"}],"New":true}`
	if string(got) != want {
		t.Errorf("UpdateIssueBody\n  want %s\n  got  %s", want, got)
	}
	if original, _ := client.EncodeJSON(issue); len(original) <= len(got) {
		t.Errorf("UpdateIssueBody changed the issue as read: %s", original)
	}
}

// The request the server receives is the request signed: the path as sent on the request line,
// the raw query, the body bytes, the three headers spelled as the kit spells them.
func TestSend_signsTheBytesItSends(t *testing.T) {
	key, _ := signer.NewKey("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=")
	var got *http.Request
	var gotBody []byte
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, gotBody = r, nil
		gotBody, _ = io.ReadAll(r.Body)
		w.Write([]byte("4"))
	}))
	defer server.Close()
	instant := time.Date(2014, 9, 10, 17, 28, 8, 322735199, time.UTC)
	c, err := client.New(server.URL+"/NestedSite1/api/v1/", key,
		client.WithClock(func() time.Time { return instant }),
		client.WithRequestIDs(func() (string, error) { return "c3838d04-46f8-43d6-92fd-62b3d0b59f3e", nil }))
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.GetIssues(context.Background(), []int{1, 2, 3}, false)
	if err != nil || r.Status != 200 {
		t.Fatalf("GetIssues: %v %v", r, err)
	}
	if got.RequestURI != "/NestedSite1/api/v1/issues/false/?issueNumbers=1,2,3" || len(gotBody) != 0 {
		t.Errorf("request target %q, body %q", got.RequestURI, gotBody)
	}
	want, _ := signer.Sign(key, signer.Request{Method: "GET", RequestID: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
		Timestamp: "2014-09-10T17:28:08.3227351Z", Path: "/NestedSite1/api/v1/issues/false/", Query: "issueNumbers=1,2,3"})
	for _, h := range want.Headers {
		if v := got.Header.Get(h.Name); v != h.Value {
			t.Errorf("%s\n  want %s\n  got  %s", h.Name, h.Value, v)
		}
	}
	if ct := got.Header.Get("Content-Type"); ct != "" {
		t.Errorf("a GET sent Content-Type %q", ct)
	}
}

// Through Send with a nil body: nothing sent, no Content-Type, and a refusal is a status, not an
// error. The query keeps its escapes; the notes of an issue and a search use their routes.
func TestSend_withoutABody_andTheNewRoutes(t *testing.T) {
	key, _ := signer.NewKey("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=")
	type received struct {
		method, target, contentType, body string
	}
	var got []received
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, received{r.Method, r.RequestURI, r.Header.Get("Content-Type"), string(body)})
		if r.Method == "POST" && len(body) == 0 {
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	defer server.Close()
	c, err := client.New(server.URL+"/Corp/IT-Support/api/v1", key,
		client.WithRequestIDs(func() (string, error) { return "c3838d04-46f8-43d6-92fd-62b3d0b59f3e", nil }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r, err := c.Send(ctx, "POST", "/issues/search", "", nil)
	if err != nil || r.Status != http.StatusBadRequest {
		t.Errorf("empty POST: status %v, error %v; want 400 and no error", r, err)
	}
	if _, err := c.Send(ctx, "GET", "/issuetypes", "name=Hardware%20%26%20Network&active=true", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetNotesOfIssue(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SearchIssues(ctx, client.Object{{Name: "FieldFilterValue1", Value: "a & b <c>"}}); err != nil {
		t.Fatal(err)
	}
	want := []received{
		{"POST", "/Corp/IT-Support/api/v1/issues/search", "", ""},
		{"GET", "/Corp/IT-Support/api/v1/issuetypes?name=Hardware%20%26%20Network&active=true", "", ""},
		{"GET", "/Corp/IT-Support/api/v1/notes/issue/1", "", ""},
		{"POST", "/Corp/IT-Support/api/v1/issues/search", "application/json; charset=utf-8", `{"FieldFilterValue1":"a & b <c>"}`},
	}
	if len(got) != len(want) {
		t.Fatalf("the server received %d requests, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d\n  want %+v\n  got  %+v", i+1, want[i], got[i])
		}
	}
}

func TestClient_neverPrintsTheKey(t *testing.T) {
	const text = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ="
	key, _ := signer.NewKey(text)
	c, err := client.New("http://127.0.0.1:8089/api/v1", key)
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); len(s) == 0 || contains(s, text) {
		t.Errorf("Client.String() = %q", s)
	}
}

func TestNew_refusesABaseURLWithAQuery(t *testing.T) {
	key, _ := signer.NewKey("K")
	if _, err := client.New("http://127.0.0.1:8089/api/v1?x=1", key); err == nil {
		t.Error("New accepted a base URL with a query")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
