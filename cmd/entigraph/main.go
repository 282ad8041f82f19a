package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/entigraph/entigraph/internal/cli"
	"github.com/entigraph/entigraph/internal/gctune"
)

//go:embed doc.go
var manual string

// usage returns the manual: the package comment of doc.go.
func usage() string {
	s := manual
	if i := strings.Index(s, "/*"); i >= 0 {
		s = s[i+2:]
	}
	if i := strings.Index(s, "*/"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s) + "\n"
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	// The knowledge base is most of the live heap: see package gctune.
	stopGC := gctune.Start(gctune.DefaultHeadroom)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopGC()
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// errUsage marks errors in the command line; they exit with status 2.
var errUsage = cli.ErrUsage

// run runs the command line args and returns the exit code. It is main
// without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	var err error
	switch args[0] {
	case "extract":
		err = runExtract(ctx, args[1:], stdin, stdout, stderr)
	case "graph":
		err = runGraph(ctx, args[1:], stdin, stdout, stderr)
	case "train":
		err = runTrain(ctx, args[1:], stdout, stderr)
	case "tag":
		err = runTag(ctx, args[1:], stdin, stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	default:
		fmt.Fprintf(stderr, "entigraph: unknown command %q; run 'entigraph help'\n", args[0])
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "entigraph %s: %v\n", args[0], strings.TrimPrefix(err.Error(), "usage: "))
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "entigraph: interrupted")
		return exitFailure
	default:
		fmt.Fprintf(stderr, "entigraph: %v\n", err)
		return exitFailure
	}
}

// usageError wraps a command-line mistake so that run exits with status 2.
func usageError(format string, a ...any) error {
	return cli.UsageError(format, a...)
}

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting, and prints its usage to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: entigraph %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after the paths too
// ("entigraph extract a.txt -o out.jsonl").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		// "-" is a path (stdin); "--" ends the flags.
		i := 0
		for i < len(args) && (args[i] == "-" || !strings.HasPrefix(args[i], "-")) {
			i++
		}
		paths = append(paths, args[:i]...)
		args = args[i:]
		if len(args) > 0 && args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		if len(args) == 0 {
			return paths, nil
		}
	}
}
