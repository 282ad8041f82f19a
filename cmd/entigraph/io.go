package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// An input is one document source: a file, or standard input.
type input struct {
	name string // the path as given, or "-" for standard input
	path string // "" for standard input
}

// expandInputs turns the paths of the command line into inputs: files as
// given, directories walked in lexical order for files with one of the
// extensions, and "-" (or no path at all) for standard input.
func expandInputs(paths []string, exts []string) ([]input, error) {
	if len(paths) == 0 {
		return []input{{name: "-"}}, nil
	}
	var out []input
	stdin := false
	for _, p := range paths {
		if p == "-" {
			if stdin {
				return nil, usageError("standard input (-) given twice")
			}
			stdin = true
			out = append(out, input{name: "-"})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !fi.IsDir() {
			out = append(out, input{name: p, path: p})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", path, unwrapPathError(err))
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir // .git and the like
				}
				return nil
			}
			if d.Type().IsRegular() && hasExt(path, exts) {
				out = append(out, input{name: path, path: path})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no %s files in this directory", p, strings.Join(exts, " or "))
		}
	}
	return out, nil
}

func hasExt(path string, exts []string) bool {
	for _, e := range exts {
		if strings.EqualFold(filepath.Ext(path), e) {
			return true
		}
	}
	return false
}

// unwrapPathError drops the path from an *fs.PathError, which the caller
// puts first in its own message.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// open opens an input for reading.
func (in input) open(stdin io.Reader) (io.ReadCloser, error) {
	if in.path == "" {
		return io.NopCloser(stdin), nil
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.name, unwrapPathError(err))
	}
	return f, nil
}

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
		return nil, fmt.Errorf("%s: cannot create: %w", path, unwrapPathError(err))
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
		return fmt.Errorf("%s: %w", o.path, unwrapPathError(err))
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
