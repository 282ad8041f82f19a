package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entigraph/entigraph/internal/source"
)

// An Output is where a command writes its result: standard output, or a
// file that appears only when the command succeeds. The file is written
// under a temporary name in the same directory and renamed at the end, so
// a failed or interrupted run leaves no partial file and keeps any old one.
type Output struct {
	*bufio.Writer
	file *os.File // nil for standard output
	path string
}

// CreateOutput returns an Output writing to path, or to stdout when path is
// "" or "-".
func CreateOutput(path string, stdout io.Writer) (*Output, error) {
	if path == "" || path == "-" {
		return &Output{Writer: bufio.NewWriterSize(stdout, 64<<10)}, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create: %w", path, source.PathError(err))
	}
	return &Output{Writer: bufio.NewWriterSize(f, 64<<10), file: f, path: path}, nil
}

// Commit flushes the output and, for a file, moves it into place.
func (o *Output) Commit() error {
	if err := o.Flush(); err != nil {
		o.Abort()
		return fmt.Errorf("%s: %w", o.Name(), err)
	}
	if o.file == nil {
		return nil
	}
	// CreateTemp makes the file readable by its owner only; an output
	// file is an ordinary file.
	if err := o.file.Chmod(0o644); err != nil {
		o.Abort()
		return fmt.Errorf("%s: %w", o.path, err)
	}
	if err := o.file.Close(); err != nil {
		os.Remove(o.file.Name())
		return fmt.Errorf("%s: %w", o.path, err)
	}
	if err := os.Rename(o.file.Name(), o.path); err != nil {
		os.Remove(o.file.Name())
		return fmt.Errorf("%s: %w", o.path, source.PathError(err))
	}
	return nil
}

// Abort discards a file output; it is a no-op after Commit.
func (o *Output) Abort() {
	if o.file != nil {
		o.file.Close()
		os.Remove(o.file.Name())
	}
}

// Name names the output in messages: its path, or "standard output".
func (o *Output) Name() string {
	if o.file == nil {
		return "standard output"
	}
	return o.path
}
