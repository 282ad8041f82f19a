package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// An output is where a command writes its result: standard output, or a
// file that appears only when the command succeeds. The file is written
// under a temporary name in the same directory and renamed at the end, so
// a failed or interrupted run leaves no partial file and keeps any old one.
type output struct {
	*bufio.Writer
	file *os.File // nil for standard output
	path string
}

// createOutput returns an output writing to path, or to stdout when path is
// "" or "-".
func createOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: bufio.NewWriterSize(stdout, 64<<10)}, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create: %w", path, pathError(err))
	}
	return &output{Writer: bufio.NewWriterSize(f, 64<<10), file: f, path: path}, nil
}

// commit flushes the output and, for a file, moves it into place.
func (o *output) commit() error {
	if err := o.Flush(); err != nil {
		o.abort()
		return fmt.Errorf("%s: %w", o.name(), err)
	}
	if o.file == nil {
		return nil
	}
	// CreateTemp makes the file readable by its owner only; an output
	// file is an ordinary file.
	if err := o.file.Chmod(0o644); err != nil {
		o.abort()
		return fmt.Errorf("%s: %w", o.path, err)
	}
	if err := o.file.Close(); err != nil {
		os.Remove(o.file.Name())
		return fmt.Errorf("%s: %w", o.path, err)
	}
	if err := os.Rename(o.file.Name(), o.path); err != nil {
		os.Remove(o.file.Name())
		return fmt.Errorf("%s: %w", o.path, pathError(err))
	}
	return nil
}

// abort discards a file output; it is a no-op after commit.
func (o *output) abort() {
	if o.file != nil {
		o.file.Close()
		os.Remove(o.file.Name())
	}
}

func (o *output) name() string {
	if o.file == nil {
		return "standard output"
	}
	return o.path
}
