package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/server"
)

// newServer builds the test site once and returns the server, without a
// watcher, so that a test decides when rebuilds happen.
func newServer(t *testing.T, dir string) *server.Server {
	t.Helper()
	writeSite(t, dir)
	srv, err := server.New(build.Options{Source: dir}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.Build(); err != nil {
		t.Fatalf("first build: %v", err)
	}
	return srv
}

// serve answers one request whose target is sent exactly as written,
// without a client cleaning it first, parsed as net/http's server parses
// a request line.
func serve(h http.Handler, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	u, err := url.ParseRequestURI(target)
	if err != nil { // net/http answers 400 before any handler runs
		w.Code = http.StatusBadRequest
		return w
	}
	r := httptest.NewRequest("GET", "http://127.0.0.1:1313/", nil)
	r.RequestURI, r.URL = target, u
	h.ServeHTTP(w, r)
	return w
}

// TestServesOnlyItsBuild asks for the site's sources, files beside the
// site and system files through every spelling of a climb out of the
// output: none may be served, and a redirect may only lead to a path of
// the same server.
func TestServesOnlyItsBuild(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	srv := newServer(t, dir)
	const secret = "SECRET-beside-the-site"
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	configText, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	if w := serve(h, "/vi/news/a/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Version 1") {
		t.Fatalf("the site itself is not served: %d %q", w.Code, w.Body.String())
	}
	abs := filepath.ToSlash(filepath.Join(parent, "secret.txt"))
	for _, target := range []string{
		"/config.toml", "/static.txt", "/content/news/a.md", "/../secret.txt", "/../site/config.toml",
		"/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
		"/vi/..%2f..%2f..%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/vi/news/..\\..\\..\\config.toml",
		"/vi/../../config.toml", "//secret.txt", "/" + abs, "/%2f" + strings.TrimPrefix(abs, "/"), abs,
		"/etc/passwd", "/../../../../../../etc/passwd", "/%00/../config.toml", "/.%2e/.%2e/etc/passwd",
		"/vi/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/__sitegen/../config.toml", "/\\\\example.org/",
	} {
		w := serve(h, target)
		body := w.Body.String()
		if strings.Contains(body, secret) || strings.Contains(body, string(configText)) || strings.Contains(body, "root:x:0:0") {
			t.Errorf("GET %s served a file outside the build (%d)", target, w.Code)
		}
		switch w.Code {
		case http.StatusNotFound, http.StatusBadRequest:
		case http.StatusMovedPermanently, http.StatusPermanentRedirect, http.StatusFound, http.StatusTemporaryRedirect:
			loc := w.Header().Get("Location")
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Errorf("GET %s redirects to %q, off the server", target, loc)
			}
		default:
			t.Errorf("GET %s: status %d; want 404, 400 or a redirect within the site", target, w.Code)
		}
	}
}

// TestRebuildPanicKeepsServing: a rebuild that crashes is a failed build
// like any other: the server keeps the last good site, shows the crash
// as the error, and the next good build recovers.
func TestRebuildPanicKeepsServing(t *testing.T) {
	srv := newServer(t, t.TempDir())
	h := srv.Handler()
	srv.SetBuild(func(build.Options) (*build.Result, error) { panic("boom in a template function") })
	err := srv.Build()
	if err == nil || !strings.Contains(err.Error(), "boom in a template function") {
		t.Fatalf("a crashing rebuild returned %v; want the crash as an error", err)
	}
	if w := serve(h, "/vi/news/a/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Version 1") {
		t.Errorf("after a crashed rebuild: %d %q; want the last good page", w.Code, w.Body.String())
	}
	if w := serve(h, "/__sitegen/error"); !strings.Contains(w.Body.String(), "crashed") {
		t.Errorf("the error page does not report the crash: %q", w.Body.String())
	}
	srv.SetBuild(build.Build)
	if err := srv.Build(); err != nil {
		t.Fatalf("the next good build failed: %v", err)
	}
	if w := serve(h, "/__sitegen/error"); w.Body.Len() != 0 {
		t.Errorf("the error is still reported after a good build: %q", w.Body.String())
	}
}

// TestAnswersDuringRebuild: while a rebuild is running (here, held until
// the test lets it go), every request is answered from the last good
// build. A server that waited for the build would hang this test.
func TestAnswersDuringRebuild(t *testing.T) {
	srv := newServer(t, t.TempDir())
	h := srv.Handler()
	started, release := make(chan struct{}), make(chan struct{})
	srv.SetBuild(func(o build.Options) (*build.Result, error) {
		close(started)
		<-release
		return build.Build(o)
	})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Build(); err != nil {
			t.Errorf("rebuild: %v", err)
		}
	}()
	<-started
	for range 20 {
		if w := serve(h, "/vi/news/a/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Version 1") {
			t.Fatalf("during a rebuild: %d %q", w.Code, w.Body.String())
		}
	}
	close(release)
	wg.Wait()
}

// TestRefusesForeignHosts: a preview on loopback answers only requests
// addressed to a loopback name, so a site that rebinds its own name to
// 127.0.0.1 cannot read the preview from the editor's browser.
func TestRefusesForeignHosts(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir)
	srv, err := server.New(build.Options{Source: dir, BaseURL: "http://127.0.0.1:1313/"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Build(); err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	for host, want := range map[string]int{
		"127.0.0.1:1313": 200, "localhost:1313": 200, "[::1]:1313": 200, "127.0.0.1": 200,
		"evil.example:1313": 403, "evil.example": 403, "127.0.0.1.evil.example:1313": 403, "192.168.1.10:1313": 403,
	} {
		r := httptest.NewRequest("GET", "/vi/news/a/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: status %d; want %d", host, w.Code, want)
		}
	}
}
