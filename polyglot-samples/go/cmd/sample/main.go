// Command sample runs every operation of the Go sample against a site (or the kit's stub) and
// prints each request, its status and the answer.
//
// Configuration, from the environment:
//
//	ITK_BASE_URL    the site's API base URL, site folders included (http://127.0.0.1:8089/api/v1)
//	ITK_API_KEY     the API key text (used as is; never printed)
//	ITK_REQUEST_ID  optional: seven comma-separated lowercase UUIDs, one per request
//	ITK_TIMESTAMP   optional: a fixed ISO-8601 UTC instant (up to 9 fractional digits) for every request
//
// Exit status: 0 when every request got a 2xx, 1 when one did not or failed, 2 for bad configuration.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/client"
	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/signer"
)

// requests is how many requests a run makes, each with its own request ID.
const requests = 7

var lowercaseUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func main() {
	c, err := fromEnvironment()
	if err != nil {
		fmt.Fprintf(os.Stderr, "sample: %v\n", err)
		os.Exit(2)
	}
	os.Exit(run(context.Background(), c))
}

func fromEnvironment() (*client.Client, error) {
	base := os.Getenv("ITK_BASE_URL")
	if base == "" {
		return nil, errors.New("ITK_BASE_URL is not set; set it to the site's API base URL, e.g. http://127.0.0.1:8089/api/v1")
	}
	keyText, ok := os.LookupEnv("ITK_API_KEY")
	if !ok {
		return nil, errors.New("ITK_API_KEY is not set; set it to the API key text")
	}
	key, err := signer.NewKey(keyText)
	if err != nil {
		return nil, fmt.Errorf("ITK_API_KEY: %w", err)
	}
	var opts []client.Option
	if ts := os.Getenv("ITK_TIMESTAMP"); ts != "" {
		instant, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil || !strings.HasSuffix(ts, "Z") {
			return nil, fmt.Errorf("ITK_TIMESTAMP %q is not an ISO-8601 UTC instant, e.g. 2014-09-10T17:28:08.322735199Z", ts)
		}
		opts = append(opts, client.WithClock(func() time.Time { return instant }))
	}
	if list := os.Getenv("ITK_REQUEST_ID"); list != "" {
		ids := strings.Split(list, ",")
		if len(ids) != requests {
			return nil, fmt.Errorf("ITK_REQUEST_ID has %d request IDs; give %d, one per request (a server with replay protection refuses a repeated ID)", len(ids), requests)
		}
		for _, id := range ids {
			if !lowercaseUUID.MatchString(id) {
				return nil, fmt.Errorf("ITK_REQUEST_ID: %q is not a lowercase UUID (e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)", id)
			}
		}
		next := 0
		opts = append(opts, client.WithRequestIDs(func() (string, error) {
			next++
			return ids[next-1], nil
		}))
	}
	c, err := client.New(base, key, opts...)
	if err != nil {
		return nil, fmt.Errorf("ITK_BASE_URL: %w", err)
	}
	return c, nil
}

func run(ctx context.Context, c *client.Client) int {
	failed := false
	show := func(title string, responses ...*client.Response) {
		fmt.Printf("------ %s ------\n", title)
		for _, r := range responses {
			if r == nil {
				continue
			}
			fmt.Printf("%s %s -> %d\n%s\n", r.Method, r.URL, r.Status, r.Body)
			failed = failed || !r.OK()
		}
	}
	fail := func(title string, err error) {
		fmt.Printf("------ %s ------\n", title)
		fmt.Fprintf(os.Stderr, "sample: %s: %v\n", title, err)
		failed = true
	}

	if r, err := c.GetIssue(ctx, 1, false); err != nil {
		fail("Issue Retrieve", err)
	} else {
		show("Issue Retrieve", r)
	}
	get, put, err := c.UpdateIssue(ctx, 1, client.Object{{Name: "Subject", Value: "Printer on floor 3 jams – updated by the Go sample ✓"}}, nil, nil)
	if err != nil {
		show("Issue Update", get)
		fail("Issue Update", err)
	} else {
		show("Issue Update", get, put)
	}
	issue := client.Object{
		{Name: "ShouldSuppressEmailForCreateOperation", Value: true},
		{Name: "Notes", Value: []any{client.Object{{Name: "NoteText", Value: "Submitted by the Go sample – “résumé” ✓"}, {Name: "IsPrivate", Value: false}, {Name: "IsRichText", Value: false}}}},
		{Name: "EnteredBy", Value: "admin"},
		{Name: "Subject", Value: "Café printer: test issue from the Go sample"},
		{Name: "Description", Value: "<p>Submitted through the Issuetrak API v1 / Go sample.</p>"},
		{Name: "IsDescriptionRichText", Value: true},
		{Name: "IssueTypeID", Value: 1},
		{Name: "PriorityID", Value: 1},
		{Name: "SubmittedBy", Value: "admin"},
	}
	if r, err := c.CreateIssue(ctx, issue); err != nil {
		fail("Insert Issue", err)
	} else {
		show("Insert Issue", r)
	}
	note := client.Object{
		{Name: "IssueNumber", Value: 1},
		{Name: "CreatedBy", Value: "admin"},
		{Name: "NoteText", Value: "Added by the Go sample – 日本語 😀"},
		{Name: "IsPrivate", Value: false},
		{Name: "IsRichText", Value: false},
		{Name: "ShouldSuppressEmailForCreateOperation", Value: true},
	}
	if r, err := c.CreateNote(ctx, note); err != nil {
		fail("Insert Note", err)
	} else {
		show("Insert Note", r)
	}
	if r, err := c.GetNote(ctx, 1); err != nil {
		fail("Note Retrieve", err)
	} else {
		show("Note Retrieve", r)
	}
	if r, err := c.GetIssues(ctx, []int{1, 2, 3}, false); err != nil {
		fail("Issues By Number List", err)
	} else {
		show("Issues By Number List", r)
	}
	if failed {
		return 1
	}
	return 0
}
