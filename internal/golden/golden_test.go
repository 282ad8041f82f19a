package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	if d := Diff([]byte("a\nb\n"), []byte("a\nb\n")); d != "" {
		t.Errorf("Diff of equal inputs = %q, want empty", d)
	}
	d := Diff([]byte("a\nb\nc\n"), []byte("a\nB\nc\n"))
	for _, want := range []string{"first difference at line 2", `- "b\n"`, `+ "B\n"`, `  "a\n"`} {
		if !strings.Contains(d, want) {
			t.Errorf("Diff = %q, want it to contain %q", d, want)
		}
	}
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Check(t, path, []byte("same\n"))

	var rec recorder
	Check(&rec, path, []byte("different\n"))
	if !rec.failed || !strings.Contains(rec.msg, "output differs from") {
		t.Errorf("Check of different output: failed=%v, message %q", rec.failed, rec.msg)
	}
}

// recorder records an error instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}
