// Package golden compares test output with golden files.
//
// Importing it defines the -update flag in the test binary, so that
//
//	go test ./... -update
//
// works in every package whose tests use it: Check then rewrites the golden
// files instead of comparing. Review the diff of rewritten files before
// committing them.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Update reports whether the test binary runs with -update.
func Update() bool { return *update }

// Check compares got with the contents of the golden file at path. With
// -update it writes got to path instead, creating the directory if needed.
// On a mismatch it reports the first differing line and the line counts.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("golden: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test with -update to rewrite it):\n%s", path, Diff(want, got))
	}
}

// Diff describes the first difference between want and got, line by line,
// with a few lines of context. It returns "" if they are equal.
func Diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	wl := strings.SplitAfter(string(want), "\n")
	gl := strings.SplitAfter(string(got), "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (want %d lines, got %d):\n", i+1, len(wl), len(gl))
	for j := max(0, i-2); j < i; j++ {
		fmt.Fprintf(&b, "  %q\n", wl[j])
	}
	for j := i; j < min(i+3, len(wl)); j++ {
		fmt.Fprintf(&b, "- %q\n", wl[j])
	}
	for j := i; j < min(i+3, len(gl)); j++ {
		fmt.Fprintf(&b, "+ %q\n", gl[j])
	}
	return b.String()
}
