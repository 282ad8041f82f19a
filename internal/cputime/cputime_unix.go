//go:build unix

// Package cputime reads the CPU time of the process, which on a busy
// machine says more about a benchmark's own cost than wall time.
package cputime

import (
	"syscall"
	"time"
)

// Used returns the CPU time the process has used, user and system, or 0
// where it cannot be read.
func Used() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
