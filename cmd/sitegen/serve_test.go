//go:build unix

package main

import (
	"bytes"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a buffer that the server's goroutines and the test can
// share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeBindsLoopback: without --bind, "sitegen serve" listens on
// 127.0.0.1 only, so a preview of unpublished pages is not offered to the
// network. The server is stopped with the interrupt a user would send.
func TestServeBindsLoopback(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"config.toml":                  "baseURL = \"https://x.org/\"\ndefaultContentLanguage = \"en\"\n",
		"layouts/_default/single.html": "<!DOCTYPE html><html><title>{{ .Title }}</title></html>",
		"layouts/_default/list.html":   "<!DOCTYPE html><html><title>{{ .Title }}</title></html>",
		"content/a.md":                 "+++\ntitle = \"A\"\n+++\nHello.\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb syncBuffer
	done := make(chan int)
	go func() { done <- run([]string{"serve", "--source", dir, "--port", "0"}, &out, &errb) }()
	re := regexp.MustCompile(`at (http://\S+/)`)
	var addr string
	for addr == "" {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d:\n%s", code, errb.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := re.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
		}
	}
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	if host := u.Hostname(); host != "127.0.0.1" {
		t.Errorf("serve listens on %s; want 127.0.0.1", host)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		t.Errorf("serve listens on %s, which is not a loopback address", u.Host)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != 0 {
		t.Errorf("serve exited with %d after an interrupt", code)
	}
}
