package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServe starts entigraph serve on a free port with the test articles,
// asks it for its documents and network, and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-q", "testdata/articles"}, strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var base string
	for lines.Scan() {
		if m := regexp.MustCompile(`serving (http://\S+)/`).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
			break
		}
		t.Log(lines.Text())
	}
	if base == "" {
		t.Fatalf("no address; exit %d", <-code)
	}
	go io.Copy(io.Discard, pr)

	files, _ := filepath.Glob("testdata/articles/*.txt")
	var docs []struct{ ID string }
	get(t, base+"/api/documents", &docs)
	if len(docs) != len(files) || len(docs) == 0 || docs[0].ID != filepath.Join("testdata", "articles", filepath.Base(files[0])) {
		t.Errorf("documents: %+v, want the %d files", docs, len(files))
	}
	var net struct {
		Graph struct{ Nodes []struct{ ID string } }
	}
	get(t, base+"/api/network", &net)
	if len(net.Graph.Nodes) < 10 {
		t.Errorf("network: %d nodes", len(net.Graph.Nodes))
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("page: %d %v", resp.StatusCode, resp.Header)
	}

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after Ctrl-C", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func get(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-max-body", "lots"},
		{"serve", "-j", "-1"},
	} {
		if code, _, errs := entigraph(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, %s", args, code, errs)
		}
	}
	if code, _, errs := entigraph(t, "", "serve", "-addr", "127.0.0.1:99999"); code != 1 {
		t.Errorf("bad port: exit %d, %s", code, errs)
	}
}
