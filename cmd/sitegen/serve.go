package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"time"

	"sitegen/internal/server"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	port := 1313
	bind := "127.0.0.1"
	fs := newFlags("serve", `Usage: sitegen serve [flags]

Builds the site, serves it on http://127.0.0.1:1313/ and rebuilds when
content/, layouts/, i18n/, static/ or the configuration change; open pages
reload by themselves. A broken save keeps the last good pages on screen with
the error shown over them. Nothing is written into public/.`, stderr)
	sf.register(fs)
	fs.IntVar(&port, "port", port, "the port to listen on (0 picks a free one)")
	fs.IntVar(&port, "p", port, "shorthand for --port")
	fs.StringVar(&bind, "bind", bind, "the interface to listen on; only loopback unless you ask")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintf(stderr, "sitegen serve: %v (is another server on port %d? try --port)\n", err, port)
		return 1
	}
	opt := sf.options()
	addr := "http://" + ln.Addr().String() + "/"
	opt.BaseURL = addr
	srv, err := server.New(opt, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "sitegen serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	_ = srv.Build() // a broken site still starts; the next good save recovers
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		if err := srv.Watch(ctx, 30*time.Millisecond); err != nil {
			fmt.Fprintf(stderr, "sitegen serve: %v\n", err)
			stop()
		}
	}()
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl+C to stop)\n", opt.Source, addr)
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "sitegen serve: %v\n", err)
		return 1
	}
	return 0
}
