// Package cli holds the parts of the entigraph command line that the
// pipeline of cmd/entigraph-beam shares with it, so that both read the
// same flags into the same graph.Config and write the same files: the
// flags of entigraph graph, the output file that appears only when a
// command succeeds, and the writers of each graph format.
package cli

import (
	"errors"
	"fmt"
)

// ErrUsage marks errors in the command line.
var ErrUsage = errors.New("usage")

// UsageError returns an error in the command line, which wraps ErrUsage.
func UsageError(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, a...))
}
