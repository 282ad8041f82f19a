package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/source"
)

// A badInput is one kind of input that users feed entigraph by mistake or
// because that is what they scraped, with what the command must do.
type badInput struct {
	name  string
	files map[string]string // relative path: content; a content of "->X" is a symbolic link to X
	setup func(t *testing.T, dir string)
	args  []string // after "extract -o OUT"; "$D" is the test directory
	stdin string
	code  int
	msg   string // in stderr; "" for none
	docs  int    // documents in the output, when code is 0 or -keep-going is given; -1: don't check
}

func badInputs() []badInput {
	para := "Secretary of State Marco Rubio met Viktor Orbán in Brussels on Monday. NATO said the talks went well.\n"
	return []badInput{
		{name: "empty file", files: map[string]string{"a.txt": ""}, args: []string{"$D/a.txt"}, docs: 1},
		{name: "white space only", files: map[string]string{"a.txt": " \n\t\r\n  \n"}, args: []string{"$D/a.txt"}, docs: 1},
		{name: "NUL bytes", files: map[string]string{"a.txt": "Marco Rubio\x00\x01\x02"}, args: []string{"$D/a.txt"}, code: 1, msg: "a.txt: binary file, not text (NUL byte at line 1, column 12)"},
		{name: "PNG image named .txt", files: map[string]string{"img.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, args: []string{"$D/img.txt"}, code: 1, msg: "img.txt: binary file"},
		{name: "invalid UTF-8", files: map[string]string{"l.txt": "Line one.\nCaf\xe9 in M\xfcnchen"}, args: []string{"$D/l.txt"}, code: 1, msg: "l.txt: not UTF-8 text (byte 0xE9 at line 2, column 4)"},
		{name: "byte order mark", files: map[string]string{"a.txt": "\ufeff" + para}, args: []string{"$D/a.txt"}, docs: 1},
		{name: "CRLF line ends", files: map[string]string{"a.txt": strings.ReplaceAll("HEADLINE HERE\n\n"+para+"\n"+para, "\n", "\r\n")}, args: []string{"$D/a.txt"}, docs: 1},
		{name: "over the size limit", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "big.txt"), strings.Repeat("word ", 1<<20/5+1))
		}, args: []string{"-max-doc-bytes", "1M", "$D/big.txt"}, code: 1, msg: "big.txt: document larger than 1 MiB, the limit of -max-doc-bytes"},
		{name: "one line, no punctuation", setup: func(t *testing.T, dir string) {
			var b strings.Builder
			for b.Len() < 2<<20 {
				b.WriteString("the minister told Marco Rubio and the council of Europe that Germany and France agreed ")
			}
			writeFile(t, filepath.Join(dir, "line.txt"), b.String())
		}, args: []string{"$D/line.txt"}, docs: 1},
		{name: "a 1 MB word", files: map[string]string{"w.txt": strings.Repeat("A", 1<<20)}, args: []string{"$D/w.txt"}, docs: 1},
		{name: "long run of capitalised words", files: map[string]string{"c.txt": strings.Repeat("Alpha Bravo Charlie Delta Echo Foxtrot ", 20000)}, args: []string{"$D/c.txt"}, docs: 1},
		{name: "mixed scripts", files: map[string]string{"m.txt": "東京で岸田文雄首相が会見した。\nمرحبا بكم في القاهرة 🎉 Joe Biden 👍 met Xi Jinping in Beijing. Ünïcödé Çafé in Zürich.\n"}, args: []string{"$D/m.txt"}, docs: 1},
		{name: "missing path", args: []string{"$D/nope.txt"}, code: 1, msg: "nope.txt: no such file or directory"},
		{name: "directory without text files", files: map[string]string{"d/x.bin": "x"}, args: []string{"$D/d"}, code: 1, msg: "d: no files ending in"},
		{name: "symbolic link loop given", files: map[string]string{"loop": "->loop"}, args: []string{"$D/loop"}, code: 1, msg: "loop: too many levels of symbolic links"},
		{name: "symbolic link loop in a directory", files: map[string]string{"d/a.txt": para, "d/sub/up": "->..", "d/sub/b.txt": para}, args: []string{"$D/d"}, docs: 2},
		{name: "symbolic link to a file", files: map[string]string{"d/a.txt": para, "d/b.txt": "->a.txt"}, args: []string{"$D/d"}, docs: 2},
		{name: "dangling symbolic link", files: map[string]string{"d/a.txt": para, "d/gone.txt": "->nowhere.txt"}, args: []string{"$D/d"}, code: 1, msg: "gone.txt: symbolic link: no such file or directory"},
		{name: "dangling symbolic link, keep going", files: map[string]string{"d/a.txt": para, "d/gone.txt": "->nowhere.txt"}, args: []string{"-keep-going", "$D/d"}, code: 1, msg: "skipped 1 of 2 documents:\n\t" + "$D/d/gone.txt: symbolic link", docs: 1},
		{name: "deep directories", setup: func(t *testing.T, dir string) {
			p := filepath.Join(dir, "deep")
			for range 100 {
				p = filepath.Join(p, "d")
			}
			writeFile(t, filepath.Join(p, "a.txt"), para)
		}, args: []string{"$D/deep"}, docs: 1},
		{name: "unreadable file", files: map[string]string{"a.txt": para}, setup: func(t *testing.T, dir string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads every file")
			}
			os.Chmod(filepath.Join(dir, "a.txt"), 0)
		}, args: []string{"$D/a.txt"}, code: 1, msg: "a.txt: permission denied"},
		{name: "file that fails on read", files: map[string]string{"d/a.txt": para, "d/mem.txt": "->/proc/self/mem"}, setup: func(t *testing.T, dir string) {
			if _, err := os.Stat("/proc/self/mem"); err != nil {
				t.Skip("no /proc/self/mem to fail a read")
			}
		}, args: []string{"-keep-going", "$D/d"}, code: 1, msg: "mem.txt: input/output error", docs: 1},
		{name: "hidden files and directories skipped", files: map[string]string{"d/a.txt": para, "d/.git/x.txt": "\x00", "d/.b.txt": "\x00"}, args: []string{"$D/d"}, docs: 1},
		{name: "JSON Lines with a broken line", files: map[string]string{"r.jsonl": `{"id": "a", "text": "` + strings.TrimSpace(para) + `"}` + "\n{\"id\": \"b\", \"text\": \n"}, args: []string{"$D/r.jsonl"}, code: 1, msg: "r.jsonl: line 2: not a JSON object"},
		{name: "JSON Lines without the text field", files: map[string]string{"r.jsonl": `{"id": "a", "body": "x"}` + "\n"}, args: []string{"$D/r.jsonl"}, code: 1, msg: `r.jsonl: line 1: no "text" field`},
		{name: "JSON Lines, keep going", files: map[string]string{"r.jsonl": "{\"id\": 7, \"text\": \"Marco Rubio spoke.\"}\n[1, 2]\n\n{\"text\": 3}\n{\"id\": \"z\", \"text\": \"NATO met.\"}\n"}, args: []string{"-keep-going", "$D/r.jsonl"}, code: 1, msg: "skipped 2 of 4 documents:\n\t$D/r.jsonl: line 2: not a JSON object", docs: 2},
		{name: "JSON Lines, line over the size limit", files: map[string]string{"r.jsonl": `{"text": "` + strings.Repeat("x", 2000) + "\"}\n{\"text\": \"NATO met.\"}\n"}, args: []string{"-keep-going", "-max-doc-bytes", "1K", "$D/r.jsonl"}, code: 1, msg: "line 1: document larger than 1 KiB", docs: 1},
		{name: "JSON Lines on standard input", stdin: "{\"id\": \"s1\", \"text\": \"" + strings.TrimSpace(para) + "\"}\n", args: []string{"-"}, docs: 1},
		{name: "corrupt gzip", setup: func(t *testing.T, dir string) {
			z := gzipped(t, para)
			z[len(z)-5] ^= 0xff // the checksum
			writeFile(t, filepath.Join(dir, "a.txt.gz"), string(z))
		}, args: []string{"$D/a.txt.gz"}, code: 1, msg: "a.txt.gz: gzip: "},
		{name: "gzip", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "d", "a.txt.gz"), string(gzipped(t, para)))
		}, args: []string{"$D/d"}, docs: 1},
		{name: "HTML page", files: map[string]string{"p.html": `<!DOCTYPE html><html><head><title>x</title><script>var who = "Donald Trump";</script></head>
<body><nav><a href="/">Home</a> <a>Joe Biden news</a></nav><article><h1>Rubio Defends NATO Ties</h1><p>` + para + `</p></article>
<footer>Copyright Reuters</footer></body></html>`}, args: []string{"$D/p.html"}, docs: 1},
		{name: "bad -j", args: []string{"-j", "-2", "testdata/articles"}, code: 2, msg: "-j -2"},
		{name: "bad -max-doc-bytes", args: []string{"-max-doc-bytes", "lots", "testdata/articles"}, code: 2, msg: "-max-doc-bytes"},
		{name: "standard input twice", args: []string{"-", "-"}, code: 2, msg: "standard input (-) given twice"},
		{name: "named pipe in a directory", files: map[string]string{"d/a.txt": para}, setup: func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "d", "fifo.txt"), 0o644); err != nil {
				t.Skip(err)
			}
		}, args: []string{"$D/d"}, docs: 1},
		{name: "output is a directory", args: []string{"-o", "$D", "testdata/articles"}, code: 1, msg: "is a directory"},
	}
}

// TestBadInputs runs each bad input through entigraph extract and checks
// the promises: the exit status; an error that names the file (and line)
// and the problem; no output file after a failure, except with
// -keep-going, whose file holds every good document; output that is valid
// JSON Lines whose mentions are the text at their offsets.
func TestBadInputs(t *testing.T) {
	for _, tc := range badInputs() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				p := filepath.Join(dir, name)
				if target, ok := strings.CutPrefix(content, "->"); ok {
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.Symlink(target, p); err != nil {
						t.Fatal(err)
					}
					continue
				}
				writeFile(t, p, content)
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			out := filepath.Join(dir, "out", "result.jsonl")
			os.Mkdir(filepath.Dir(out), 0o755)
			args := []string{"extract", "-o", out}
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "$D", dir))
			}
			code, _, stderr := entigraph(t, tc.stdin, args...)
			msg := strings.ReplaceAll(tc.msg, "$D", dir)
			if code != tc.code || !strings.Contains(stderr, msg) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, msg)
			}
			if code == 0 && stderr != "" {
				t.Errorf("a good run wrote to stderr: %q", stderr)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, "out", ".*")); len(leftovers) > 0 {
				t.Errorf("temporary files left behind: %v", leftovers)
			}
			keepGoing := strings.Contains(strings.Join(tc.args, " "), "-keep-going")
			b, err := os.ReadFile(out)
			if code != 0 && !keepGoing {
				if err == nil {
					t.Errorf("a failed run left %s", out)
				}
				return
			}
			if code == 2 {
				return
			}
			if err != nil {
				t.Fatalf("no output: %v", err)
			}
			checkOutput(t, b, tc.docs, dir, tc.stdin)
		})
	}
}

// checkOutput checks extract's JSON Lines: the number of documents, and
// that each mention is the text at its offsets in the file it names.
func checkOutput(t *testing.T, out []byte, want int, dir, stdin string) {
	t.Helper()
	dec := extract.NewDecoder(bytes.NewReader(out))
	n := 0
	for {
		doc, err := dec.Decode()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("output line %d: %v", n+1, err)
			}
			break
		}
		n++
		text := documentText(t, doc.ID, dir, stdin)
		for _, e := range doc.Entities {
			if !utf8.ValidString(e.Name) || e.Name == "" {
				t.Errorf("%s: bad name %q", doc.ID, e.Name)
			}
			for _, m := range e.Mentions {
				if text == "" {
					continue
				}
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
					t.Errorf("%s: mention %q at %d:%d is not the text there", doc.ID, m.Text, m.Start, m.End)
				}
			}
		}
	}
	if want >= 0 && n != want {
		t.Errorf("%d documents in the output, want %d", n, want)
	}
}

// documentText returns the text a document was extracted from, when it is
// a plain text file; "" when the test cannot tell (HTML, JSON Lines, gzip).
func documentText(t *testing.T, id, dir, stdin string) string {
	if !strings.HasPrefix(id, dir) || !strings.HasSuffix(id, ".txt") {
		return ""
	}
	b, err := os.ReadFile(id)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	// The byte order mark is read as three spaces, so that offsets count
	// the bytes of the file.
	return strings.Replace(string(b), "\ufeff", "   ", 1)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHTMLText checks what is read of an HTML page: the article, its
// headline and paragraphs as blocks, and none of the scripts, navigation,
// banners and footers.
func TestHTMLText(t *testing.T) {
	page := `<html><head><title>Site</title><style>p{}</style></head><body>
<header class="site">World News Today</header><nav>Home | Politics</nav>
<article><header><h1>Rubio Defends NATO Ties</h1><p class="byline">By Jane Roe</p></header>
<p>Secretary of State <b>Marco</b>&nbsp;<i>Rubio</i> spoke.<br>Then he left.</p>
<ul><li>One</li><li>Two</li></ul><figure><img src="x.jpg"><figcaption>Photo: NATO</figcaption></figure>
<aside>Read more</aside><script>track()</script></article><footer>Copyright</footer></body></html>`
	got, err := source.HTMLText(page)
	if err != nil {
		t.Fatal(err)
	}
	want := "Rubio Defends NATO Ties\n\nBy Jane Roe\n\nSecretary of State Marco Rubio spoke.\n\nThen he left.\n\nOne\n\nTwo\n\nPhoto: NATO"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestJobsSameOutput checks that the output does not depend on the number
// of workers, over text, JSON Lines and gzip inputs.
func TestJobsSameOutput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "r.jsonl"), "{\"id\": \"r1\", \"text\": \"Angela Merkel visited Paris.\"}\n{\"id\": \"r2\", \"text\": \"NATO met in Brussels.\"}\n")
	writeFile(t, filepath.Join(dir, "z.txt.gz"), string(gzipped(t, "Boris Johnson met Olaf Scholz in London.")))
	var first string
	for _, j := range []string{"1", "2", "7"} {
		code, out, stderr := entigraph(t, "", "extract", "-j", j, "testdata/articles", dir)
		if code != 0 {
			t.Fatalf("-j %s: exit %d: %s", j, code, stderr)
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("-j %s output differs from -j 1", j)
		}
	}
}

// TestInterrupted checks that a run stopped by its context (Ctrl-C) leaves
// no output file.
func TestInterrupted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"extract", "-o", out, "testdata/articles"}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 1 and interrupted", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an interrupted run left its output file")
	}
}

// TestManyFiles reads 100,000 tiny files, in order.
func TestManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 files")
	}
	dir := t.TempDir()
	const n = 100000
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			os.Mkdir(sub, 0o755)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.txt", i)), []byte("Paris."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := entigraph(t, "", "extract", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if lines := strings.Count(out, "\n"); lines != n {
		t.Errorf("%d documents, want %d", lines, n)
	}
	if !strings.HasPrefix(out, `{"document":"`+filepath.Join(dir, "000", "00000.txt")) {
		t.Errorf("output does not start with the first file: %.100s", out)
	}
}

// TestProgress checks the progress line: documents, megabytes, speed, and
// the time left once the total is known.
func TestProgress(t *testing.T) {
	var b bytes.Buffer
	pr := &progress{w: &b, start: time.Now().Add(-2 * time.Second)}
	pr.docs.Store(120)
	pr.bytes.Store(4_000_000)
	pr.show()
	if got := b.String(); !strings.Contains(got, "120 documents, 4.0 MB, 2.0 MB/s") || strings.Contains(got, "left") {
		t.Errorf("without a total: %q", got)
	}
	b.Reset()
	pr.total.Store(8_000_000)
	pr.show()
	if got := b.String(); !strings.Contains(got, ", 2s left") {
		t.Errorf("with a total: %q", got)
	}
}
