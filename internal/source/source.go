package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
)

// A record is one document read from the inputs: its text, or a document
// that entigraph extract wrote earlier, or the reason it could not be read.
type record struct {
	seq  int    // position in input order
	name string // where it came from, for messages: "a.txt", "b.jsonl: line 3"
	id   string // the document id: the path, or the JSON Lines id field
	text string
	doc  *extract.Document // already extracted
	err  error             // the document could not be read; text and doc are empty
	// fatal marks an error that is not the document's: -keep-going stops.
	fatal bool
	size  int64 // bytes of input it took
}

// A reader turns the paths of the command line into records, one at a
// time, in a fixed order: paths as given, directories walked in lexical
// order.
type reader struct {
	exts       []string // extensions read in directories, with the dot
	textField  string   // the text of a JSON Lines record
	idField    string   // its id
	maxDoc     int64    // the largest document read, in bytes
	stdin      io.Reader
	skip       string // an absolute path never read: the output file
	countBytes func(int64)
}

// defaultExts are the files read in directories unless -ext says otherwise;
// each may also be gzip-compressed (.gz).
var defaultExts = []string{".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson"}

// read sends the records of paths to emit in order. It stops early and
// returns ctx's error when ctx is done, or emit's error.
func (rd *reader) read(ctx context.Context, paths []string, emit func(*record) error) error {
	seq := 0
	send := func(r *record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.seq = seq
		seq++
		return emit(r)
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			if err := rd.readStream(ctx, "standard input", "-", "", io.NopCloser(rd.stdin), send); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if err := send(&record{name: p, err: pathError(err)}); err != nil {
				return err
			}
			continue
		}
		if !fi.IsDir() {
			if err := rd.readFile(ctx, p, send); err != nil {
				return err
			}
			continue
		}
		if err := rd.walk(ctx, p, send); err != nil {
			return err
		}
	}
	return nil
}

// walk reads the files of directory root whose names end in one of the
// extensions. Hidden files and directories (.git) are left out; symbolic
// links to files are followed, links to directories are not, so that a
// loop cannot trap the walk.
func (rd *reader) walk(ctx context.Context, root string, send func(*record) error) error {
	found := false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			// An unreadable directory: report it and go on with the rest.
			return send(&record{name: path, err: pathError(err)})
		}
		if hidden(root, path, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !rd.wanted(path) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			switch {
			case err != nil:
				found = true
				return send(&record{name: path, err: fmt.Errorf("symbolic link: %w", pathError(err))})
			case !fi.Mode().IsRegular():
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if rd.skip != "" {
			if abs, err := filepath.Abs(path); err == nil && abs == rd.skip {
				return nil
			}
		}
		found = true
		return rd.readFile(ctx, path, send)
	})
	if err != nil {
		return err
	}
	if !found {
		return send(&record{name: root, err: fmt.Errorf("no files ending in %s in this directory (see -ext)", strings.Join(rd.exts, ", "))})
	}
	return nil
}

// hidden reports whether a walk of root leaves path out: hidden files and
// directories (.git), never root itself.
func hidden(root, path string, d fs.DirEntry) bool {
	return path != root && strings.HasPrefix(d.Name(), ".")
}

// docExt returns the extension that says how a file is read, in lower
// case, looking through a .gz: ".txt" for "a.txt.gz".
func docExt(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	return ext
}

// wanted reports whether a file found in a directory is read.
func (rd *reader) wanted(path string) bool {
	ext := docExt(path)
	for _, e := range rd.exts {
		if ext == e {
			return true
		}
	}
	return false
}

// readFile reads the records of one file.
func (rd *reader) readFile(ctx context.Context, path string, send func(*record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return send(&record{name: path, err: pathError(err)})
	}
	return rd.readStream(ctx, path, path, docExt(path), f, send)
}

// readStream reads the records of one input, closing it: a text or HTML
// document, or JSON Lines; gzip-compressed or not. ext is the input's
// docExt, "" when there is none to go by (standard input).
func (rd *reader) readStream(ctx context.Context, name, id, ext string, rc io.ReadCloser, send func(*record) error) error {
	defer rc.Close()
	cr := &countingReader{r: rc, count: rd.countBytes}
	br := bufio.NewReaderSize(cr, 64<<10)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return send(&record{name: name, err: fmt.Errorf("gzip: %w", err)})
		}
		defer zr.Close()
		r = zr
	}
	br = bufio.NewReaderSize(r, 64<<10)
	kind := kindOf(ext, br)
	if kind == "jsonl" {
		return rd.readJSONL(ctx, name, br, cr, send)
	}
	b, err := readAtMost(br, rd.maxDoc)
	if err != nil {
		return send(&record{name: name, err: rd.readError(err)})
	}
	text, err := checkText(b)
	if err == nil && kind == "html" {
		text, err = htmlText(text)
	}
	if err != nil {
		return send(&record{name: name, err: err})
	}
	return send(&record{name: name, id: id, text: text, size: int64(len(b))})
}

// kindOf tells text, HTML and JSON Lines apart: by extension, or for
// standard input by the first bytes.
func kindOf(ext string, br *bufio.Reader) string {
	switch ext {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".html", ".htm", ".xhtml":
		return "html"
	case "":
		b, _ := br.Peek(512)
		s := strings.TrimLeft(string(b), " \t\r\n\ufeff")
		switch {
		case strings.HasPrefix(s, "{"):
			return "jsonl"
		case len(s) > 5 && s[0] == '<' && (strings.HasPrefix(strings.ToLower(s), "<!doctype html") || strings.HasPrefix(strings.ToLower(s), "<html")):
			return "html"
		}
	}
	return "text"
}

// errTooBig reports a document over the -max-doc-bytes limit.
var errTooBig = errors.New("too big")

// readAtMost reads r to the end, or fails with errTooBig when it holds more
// than max bytes (max <= 0: no limit).
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		return io.ReadAll(r)
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, errTooBig
	}
	return b, nil
}

func (rd *reader) readError(err error) error {
	if errors.Is(err, errTooBig) {
		return fmt.Errorf("document larger than %s, the limit of -max-doc-bytes; split it, or raise the limit", formatBytes(rd.maxDoc))
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gzip: %w", err)
	}
	return pathError(err)
}

// checkText returns b as text, or says why it is not UTF-8 text. A byte
// order mark becomes three spaces, so that offsets still count the bytes
// of the file.
func checkText(b []byte) (string, error) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		line, col := position(b, i)
		return "", fmt.Errorf("binary file, not text (NUL byte at line %d, column %d)", line, col)
	}
	if !utf8.Valid(b) {
		i := invalidUTF8(b)
		line, col := position(b, i)
		return "", fmt.Errorf("not UTF-8 text (byte 0x%02X at line %d, column %d); convert it first, for example with iconv -f WINDOWS-1252 -t UTF-8", b[i], line, col)
	}
	s := string(b)
	if strings.HasPrefix(s, "\ufeff") {
		s = "   " + s[3:]
	}
	return s, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// position returns the 1-based line and column (in characters) of byte
// offset i of b.
func position(b []byte, i int) (line, col int) {
	start := bytes.LastIndexByte(b[:i], '\n') + 1
	return bytes.Count(b[:start], []byte{'\n'}) + 1, utf8.RuneCount(b[start:i]) + 1
}

// readJSONL reads JSON Lines: each line a document written by entigraph
// extract, or a record whose text field holds a document's text.
func (rd *reader) readJSONL(ctx context.Context, name string, br *bufio.Reader, cr *countingReader, send func(*record) error) error {
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		where := fmt.Sprintf("%s: line %d", name, line)
		b, err := readLine(br, rd.maxDoc)
		if len(b) == 0 && err == io.EOF {
			return nil
		}
		if err != nil && err != io.EOF {
			if serr := send(&record{name: where, err: rd.readError(err)}); serr != nil || !errors.Is(err, errTooBig) {
				return serr
			}
			continue
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		r := rd.parseLine(b, where, fmt.Sprintf("%s:%d", name, line))
		r.size = int64(len(b))
		if serr := send(r); serr != nil {
			return serr
		}
	}
}

// parseLine turns one JSON line into a record.
func (rd *reader) parseLine(b []byte, where, fallbackID string) *record {
	if !utf8.Valid(b) {
		return &record{name: where, err: errors.New("not UTF-8 text")}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return &record{name: where, err: fmt.Errorf("not a JSON object: %v", jsonMessage(err))}
	}
	if _, ok := fields["entities"]; ok {
		if _, ok := fields["document"]; ok {
			doc, err := extract.NewDecoder(bytes.NewReader(b)).Decode()
			if err != nil {
				var pe *extract.ParseError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				return &record{name: where, err: err}
			}
			return &record{name: where, id: doc.ID, doc: doc}
		}
	}
	raw, ok := fields[rd.textField]
	if !ok {
		return &record{name: where, err: fmt.Errorf("no %q field (name the text field with -text-field)", rd.textField)}
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return &record{name: where, err: fmt.Errorf("field %q is not a string", rd.textField)}
	}
	if strings.IndexByte(text, 0) >= 0 {
		return &record{name: where, err: fmt.Errorf("field %q holds a NUL character: binary, not text", rd.textField)}
	}
	id := fallbackID
	if rawID, ok := fields[rd.idField]; ok {
		var s string
		var n json.Number
		switch {
		case json.Unmarshal(rawID, &s) == nil && s != "":
			id = s
		case json.Unmarshal(rawID, &n) == nil:
			id = n.String()
		}
	}
	return &record{name: where, id: id, text: text}
}

// jsonMessage shortens the errors of encoding/json.
func jsonMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

// readLine reads one line of at most max bytes besides its newline (max
// <= 0: no limit). A longer line is read to its end and dropped, and
// errTooBig returned.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	tooBig := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooBig {
			if max > 0 && int64(len(line)+len(chunk)) > max+1 {
				tooBig, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooBig && (err == nil || err == io.EOF) {
			return nil, errTooBig
		}
		return line, err
	}
}

// pathError drops the operation and path from an *fs.PathError: messages
// name the file first.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// A countingReader reports the bytes read through it.
type countingReader struct {
	r     io.Reader
	count func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.count != nil && n > 0 {
		c.count(int64(n))
	}
	return n, err
}

// formatBytes writes a size as people read it: 16 MiB, 512 KiB, 100 bytes.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// parseBytes reads a size: a number of bytes, or one with a suffix K, M or
// G (powers of 1024), with or without "iB" or "B".
func parseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, t[:len(t)-1]
	}
	var n int64
	if _, err := fmt.Sscan(strings.TrimSpace(t), &n); err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size (such as 16M or 1048576)", s)
	}
	return n * mult, nil
}
