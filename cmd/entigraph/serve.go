package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/serve"
	"github.com/entigraph/entigraph/internal/source"
)

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [-addr HOST:PORT] [-max-body SIZE] [-model FILE|prose] [-aliases FILE] [-demonyms] [input flags] [PATH...]", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; a port of 0 picks a free one")
	maxBody := fs.String("max-body", "8M", "refuse requests larger than `SIZE` (K, M, G: powers of 1024)")
	ef := addExtractFlags(fs)
	inf := addInputFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	limit, err := source.ParseBytes(*maxBody)
	if err != nil || limit <= 0 {
		return usageError("-max-body %q: want a size such as 8M", *maxBody)
	}
	p, err := inf.pipeline(stdin, stderr, "", ef.extractor)
	if err != nil {
		return err
	}
	// One extractor for the corpus and every request.
	x, err := p.extractor()
	if err != nil {
		return err
	}
	srv, err := serve.New(serve.Options{Extractor: x, MaxBody: limit, LocalOnly: loopbackAddr(*addr)})
	if err != nil {
		return err
	}
	if len(paths) > 0 {
		var docs []*extract.Document
		err := p.run(ctx, paths, func(d *extract.Document) error {
			docs = append(docs, d)
			return nil
		})
		var skipped *skippedError
		if err != nil && !errors.As(err, &skipped) {
			return err
		}
		if skipped != nil {
			fmt.Fprintf(stderr, "entigraph: %v\n", skipped)
		}
		srv.Add(docs...)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stderr, "entigraph: %d documents; serving http://%s/ (Ctrl-C stops)\n", srv.Len(), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		hs.Close()
	}
	fmt.Fprintln(stderr, "entigraph: stopped")
	return nil
}

// loopbackAddr reports whether addr listens on this machine only.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
