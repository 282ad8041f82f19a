// Package source reads the documents that entigraph's commands take: text,
// HTML and JSON Lines files, gzip-compressed or not, in a fixed order, each
// named as the commands name it (by its path, or by the id field of its
// JSON Lines record, or by file:line), so that every command and the
// pipeline of cmd/entigraph-beam see the same documents under the same
// names.
package source

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
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/entigraph/entigraph/extract"
)

// A Record is one document read from the inputs: its text, or a document
// that entigraph extract wrote earlier, or the reason it could not be read.
type Record struct {
	Seq  int    // position in input order
	Name string // where it came from, for messages: "a.txt", "b.jsonl: line 3"
	ID   string // the document id: the path, or the JSON Lines id field
	Text string
	Doc  *extract.Document // already extracted
	Line []byte            // Doc as a line of JSON, when a pipeline encodes in its workers (Doc is then nil)
	Err  error             // the document could not be read; Text and Doc are empty
	// Fatal marks an error that is not the document's: -keep-going stops.
	Fatal bool
	Size  int64 // bytes of input it took
}

// A Reader turns the paths of the command line into records, one at a
// time, in a fixed order: paths as given, directories walked in lexical
// order.
type Reader struct {
	Exts       []string // extensions read in directories, with the dot
	TextField  string   // the text of a JSON Lines record
	IDField    string   // its id
	MaxDoc     int64    // the largest document read, in bytes
	Stdin      io.Reader
	Skip       string      // an absolute path never read: the output file
	CountBytes func(int64) // if not nil, told the bytes read as they are read
}

// DefaultExts are the files read in directories unless -ext says otherwise;
// each may also be gzip-compressed (.gz).
var DefaultExts = []string{".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson"}

// Read sends the records of paths to emit in order. It stops early and
// returns ctx's error when ctx is done, or emit's error.
func (rd *Reader) Read(ctx context.Context, paths []string, emit func(*Record) error) error {
	seq := 0
	send := func(r *Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Seq = seq
		seq++
		return emit(r)
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			if err := rd.ReadStream(ctx, "standard input", "-", "", io.NopCloser(rd.Stdin), send); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if err := send(&Record{Name: p, Err: PathError(err)}); err != nil {
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
func (rd *Reader) walk(ctx context.Context, root string, send func(*Record) error) error {
	found := false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			// An unreadable directory: report it and go on with the rest.
			return send(&Record{Name: path, Err: PathError(err)})
		}
		if Hidden(root, path, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !rd.Wanted(path) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			switch {
			case err != nil:
				found = true
				return send(&Record{Name: path, Err: fmt.Errorf("symbolic link: %w", PathError(err))})
			case !fi.Mode().IsRegular():
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if rd.Skip != "" {
			if abs, err := filepath.Abs(path); err == nil && abs == rd.Skip {
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
		return send(&Record{Name: root, Err: fmt.Errorf("no files ending in %s in this directory (see -ext)", strings.Join(rd.Exts, ", "))})
	}
	return nil
}

// Hidden reports whether a walk of root leaves path out: hidden files and
// directories (.git), never root itself.
func Hidden(root, path string, d fs.DirEntry) bool {
	return path != root && strings.HasPrefix(d.Name(), ".")
}

// Ext returns the extension that says how a file is read, in lower
// case, looking through a .gz: ".txt" for "a.txt.gz".
func Ext(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	return ext
}

// Wanted reports whether a file found in a directory is read.
func (rd *Reader) Wanted(path string) bool {
	ext := Ext(path)
	for _, e := range rd.Exts {
		if ext == e {
			return true
		}
	}
	return false
}

// readFile reads the records of one file.
func (rd *Reader) readFile(ctx context.Context, path string, send func(*Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return send(&Record{Name: path, Err: PathError(err)})
	}
	return rd.ReadStream(ctx, path, path, Ext(path), f, send)
}

// ReadStream reads the records of one input, closing it: a text or HTML
// document, or JSON Lines; gzip-compressed or not. ext is the input's
// docExt, "" when there is none to go by (standard input).
func (rd *Reader) ReadStream(ctx context.Context, name, id, ext string, rc io.ReadCloser, send func(*Record) error) error {
	defer rc.Close()
	cr := &countingReader{r: rc, count: rd.CountBytes}
	br := getBufReader(cr)
	defer putBufReader(br)
	size := int64(-1) // the size of the text, if known
	if f, ok := rc.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return send(&Record{Name: name, Err: fmt.Errorf("gzip: %w", err)})
		}
		defer zr.Close()
		br = getBufReader(zr)
		defer putBufReader(br)
		size = -1
	}
	kind := kindOf(ext, br)
	if kind == "jsonl" {
		return rd.readJSONL(ctx, name, br, cr, send)
	}
	b, err := readAtMost(br, rd.MaxDoc, size)
	if err != nil {
		return send(&Record{Name: name, Err: rd.readError(err)})
	}
	text, err := checkText(b)
	if err == nil && kind == "html" {
		text, err = HTMLText(text)
	}
	if err != nil {
		return send(&Record{Name: name, Err: err})
	}
	return send(&Record{Name: name, ID: id, Text: text, Size: int64(len(b))})
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
//
// size is the number of bytes r is expected to hold, or -1: with it, the
// bytes are read into one buffer of their size.
func readAtMost(r io.Reader, max, size int64) ([]byte, error) {
	if max > 0 {
		r = io.LimitReader(r, max+1)
	}
	if size < 0 || max > 0 && size > max {
		size = 0
	}
	b := make([]byte, 0, size+1) // +1: to see the end without growing
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if max > 0 && int64(len(b)) > max {
		return nil, errTooBig
	}
	return b, nil
}

// bufReaders holds the buffered readers of inputs read before, for the
// next: a buffer each input, for thousands of small files, was most of
// the memory the reader allocated.
var bufReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

func getBufReader(r io.Reader) *bufio.Reader {
	br := bufReaders.Get().(*bufio.Reader)
	br.Reset(r)
	return br
}

func putBufReader(br *bufio.Reader) {
	br.Reset(nil) // not to keep the input
	bufReaders.Put(br)
}

func (rd *Reader) readError(err error) error {
	if errors.Is(err, errTooBig) {
		return fmt.Errorf("document larger than %s, the limit of -max-doc-bytes; split it, or raise the limit", FormatBytes(rd.MaxDoc))
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gzip: %w", err)
	}
	return PathError(err)
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
	// b is the caller's and is not used again: the text is b itself, not
	// a copy.
	s := unsafe.String(unsafe.SliceData(b), len(b))
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
func (rd *Reader) readJSONL(ctx context.Context, name string, br *bufio.Reader, cr *countingReader, send func(*Record) error) error {
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		where := fmt.Sprintf("%s: line %d", name, line)
		b, err := readLine(br, rd.MaxDoc)
		if len(b) == 0 && err == io.EOF {
			return nil
		}
		if err != nil && err != io.EOF {
			if serr := send(&Record{Name: where, Err: rd.readError(err)}); serr != nil || !errors.Is(err, errTooBig) {
				return serr
			}
			continue
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		r := rd.parseLine(b, where, fmt.Sprintf("%s:%d", name, line))
		r.Size = int64(len(b))
		if serr := send(r); serr != nil {
			return serr
		}
	}
}

// parseLine turns one JSON line into a record.
func (rd *Reader) parseLine(b []byte, where, fallbackID string) *Record {
	if !utf8.Valid(b) {
		return &Record{Name: where, Err: errors.New("not UTF-8 text")}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return &Record{Name: where, Err: fmt.Errorf("not a JSON object: %v", jsonMessage(err))}
	}
	if _, ok := fields["entities"]; ok {
		if _, ok := fields["document"]; ok {
			doc, err := extract.NewDecoder(bytes.NewReader(b)).Decode()
			if err != nil {
				var pe *extract.ParseError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				return &Record{Name: where, Err: err}
			}
			return &Record{Name: where, ID: doc.ID, Doc: doc}
		}
	}
	raw, ok := fields[rd.TextField]
	if !ok {
		return &Record{Name: where, Err: fmt.Errorf("no %q field (name the text field with -text-field)", rd.TextField)}
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return &Record{Name: where, Err: fmt.Errorf("field %q is not a string", rd.TextField)}
	}
	if strings.IndexByte(text, 0) >= 0 {
		return &Record{Name: where, Err: fmt.Errorf("field %q holds a NUL character: binary, not text", rd.TextField)}
	}
	id := fallbackID
	if rawID, ok := fields[rd.IDField]; ok {
		var s string
		var n json.Number
		switch {
		case json.Unmarshal(rawID, &s) == nil && s != "":
			id = s
		case json.Unmarshal(rawID, &n) == nil:
			id = n.String()
		}
	}
	return &Record{Name: where, ID: id, Text: text}
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

// PathError drops the operation and path from an *fs.PathError: messages
// name the file first.
func PathError(err error) error {
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

// FormatBytes writes a size as people read it: 16 MiB, 512 KiB, 100 bytes.
func FormatBytes(n int64) string {
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

// ParseBytes reads a size: a number of bytes, or one with a suffix K, M or
// G (powers of 1024), with or without "iB" or "B".
func ParseBytes(s string) (int64, error) {
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
