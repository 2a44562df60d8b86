package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/corpus"
	"sitegen/internal/server"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

func writeSite(t testing.TB, dir string) {
	t.Helper()
	testsite.Copy(t, testsite.Txtar(t, filepath.Join("testdata", "site.txtar")), dir)
}

// syncLog is the server's log, written by the watcher's goroutine and read
// by the test.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(b)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// start builds the site in dir and serves it, watching for changes.
func start(t testing.TB, dir string) (*httptest.Server, *syncLog) {
	t.Helper()
	log := &syncLog{}
	srv, err := server.New(build.Options{Source: dir}, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.Build(); err != nil {
		t.Fatalf("first build: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go srv.Watch(ctx, 20*time.Millisecond)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	time.Sleep(50 * time.Millisecond) // let the watcher add its folders
	return hs, log
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls url until its body contains want.
func waitFor(t testing.TB, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, body := get(t, url); strings.Contains(body, want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, body := get(t, url)
	t.Fatalf("%s never contained %q; last body:\n%s", url, want, body)
}

func TestServeRebuildsOnEdits(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir)
	hs, log := start(t, dir)
	page := hs.URL + "/vi/news/a/"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "Version 1.") {
		t.Fatalf("first page: %d\n%s", code, body)
	}
	if !strings.Contains(body, `<script src="/__sitegen/reload.js" defer></script></body>`) {
		t.Errorf("no reload script injected:\n%s", body)
	}
	file := filepath.Join(dir, "content/news/a.md")
	edit := func(text string) {
		t.Helper()
		if err := os.WriteFile(file, []byte("+++\ntitle = \"Tin A\"\n+++\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// An editor that writes in place.
	edit("Version 2.")
	waitFor(t, page, "Version 2.")

	// An editor that writes a temporary file and renames it over the page.
	tmp := filepath.Join(dir, "content/news/.a.md.swp")
	os.WriteFile(tmp, []byte("+++\ntitle = \"Tin A\"\n+++\nVersion 3.\n"), 0o644)
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitFor(t, page, "Version 3.")

	// A broken save: the last good page stays, the error is served.
	edit("") // valid
	os.WriteFile(file, []byte("+++\ntitle = \"Tin A\n+++\nVersion 4.\n"), 0o644)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, e := get(t, hs.URL+"/__sitegen/error"); strings.Contains(e, "content/news/a.md:2") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the error of the broken save was never served")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code, body := get(t, page); code != 200 || strings.Contains(body, "Version 4.") {
		t.Errorf("after a broken save the page is %d:\n%s", code, body)
	}

	// The next good save recovers.
	edit("Version 5.")
	waitFor(t, page, "Version 5.")
	if _, e := get(t, hs.URL+"/__sitegen/error"); e != "" {
		t.Errorf("the error is still served after a good build: %q", e)
	}

	// A new folder with a page in it.
	os.MkdirAll(filepath.Join(dir, "content/tourism"), 0o755)
	time.Sleep(50 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "content/tourism/b.md"), []byte("+++\ntitle = \"B\"\n+++\nNew section.\n"), 0o644)
	waitFor(t, hs.URL+"/vi/tourism/b/", "New section.")

	// A static file changes without a rebuild of the pages.
	os.MkdirAll(filepath.Join(dir, "static/css"), 0o755)
	time.Sleep(50 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "static/css/site.css"), []byte("body{color:red}"), 0o644)
	waitFor(t, hs.URL+"/css/site.css", "color:red")
	os.WriteFile(filepath.Join(dir, "static/css/site.css"), []byte("body{color:blue}"), 0o644)
	waitFor(t, hs.URL+"/css/site.css", "color:blue")
	if !strings.Contains(log.String(), "updated 1 static file(s) without a rebuild") {
		t.Errorf("the edit of a static file rebuilt the site:\n%s", log.String())
	}
	waitFor(t, page, "Version 5.")

	if code, _ := get(t, hs.URL+"/vi/no-such-page/"); code != 404 {
		t.Errorf("missing page: %d; want 404", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote public/")
	}
	_, js := get(t, hs.URL+"/__sitegen/reload.js")
	if !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %q", js)
	}
}

// BenchmarkSaveToPage measures the time from saving a page's body to the
// server returning its new text, through the file watcher with the quiet
// time of `sitegen serve`. It reports the median (ms-median) and the 90th
// percentile (ms-p90), and the full build's time for comparison
// (ms-full). The site is the repository's own, or with
// SITEGEN_BENCH_PAGES=N the benchmark corpus (internal/corpus) of N
// Vietnamese pages with the repository's layouts (SITEGEN_BENCH_SEARCH=1
// adds search pages, and so search indexes, to it):
//
//	SITEGEN_BENCH_PAGES=5000 go test ./internal/server -run '^$' -bench SaveToPage -benchtime 30x
func BenchmarkSaveToPage(b *testing.B) {
	dir, file, url := benchSite(b)
	log := &syncLog{}
	srv, err := server.New(build.Options{Source: dir}, log)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	t0 := time.Now()
	if err := srv.Build(); err != nil {
		b.Fatalf("first build: %v", err)
	}
	full := time.Since(t0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx, 30*time.Millisecond) // as cmd/sitegen/serve.go
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	time.Sleep(200 * time.Millisecond) // let the watcher add its folders
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	page := hs.URL + url
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		token := fmt.Sprintf("token-%d-%d", time.Now().UnixNano(), i)
		t0 := time.Now()
		if err := os.WriteFile(file, append(append([]byte{}, orig...), []byte("\n"+token+"\n")...), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			if _, body := get(b, page); strings.Contains(body, token) {
				break
			}
			if time.Since(t0) > 60*time.Second {
				b.Fatalf("%s never showed the edit; log:\n%s", page, log.String())
			}
			time.Sleep(time.Millisecond)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	if testing.Verbose() {
		b.Logf("server log:\n%s", log.String())
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
	b.ReportMetric(ms(times[len(times)*9/10]), "ms-p90")
	b.ReportMetric(ms(full), "ms-full")
}

// benchSite makes the site a benchmark edits: the repository's, or the
// corpus of SITEGEN_BENCH_PAGES Vietnamese pages. It returns the folder,
// the file of a Vietnamese page in the middle of the site, and its URL.
func benchSite(b *testing.B) (dir, file, url string) {
	repo, _ := filepath.Abs("../..")
	dir = b.TempDir()
	n, _ := strconv.Atoi(os.Getenv("SITEGEN_BENCH_PAGES"))
	if n <= 0 {
		for _, d := range []string{"config.toml", "content", "layouts", "i18n", "static"} {
			copyTree(b, filepath.Join(repo, d), filepath.Join(dir, d))
		}
		return dir, filepath.Join(dir, "content/tourism/ba-ra-mountain.md"), "/vi/tourism/ba-ra-mountain/"
	}
	if _, err := corpus.Generate(dir, corpus.Options{Pages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, d := range []string{"layouts", "i18n", "static"} {
		copyTree(b, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	if os.Getenv("SITEGEN_BENCH_SEARCH") != "" {
		// Search pages, which make the build index every language.
		for _, l := range []string{"", ".en", ".km"} {
			testsite.WriteFile(b, filepath.Join(dir, "content", "search"+l+".md"),
				[]byte("+++\ntitle = \"Search\"\nlayout = \"search\"\n[build]\nlist = \"never\"\n+++\n"))
		}
	}
	s, _, err := build.Load(build.Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if p.Kind == site.KindPage && p.Lang.IsDefault && p.Src != nil {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *site.Page) int { return strings.Compare(a.Src.File, b.Src.File) })
	p := pages[len(pages)/2]
	return dir, filepath.Join(dir, filepath.FromSlash(p.Src.File)), p.RelURL
}

func copyTree(t testing.TB, from, to string) { testsite.Copy(t, from, to) }

// TestServeRebuildsOnlyTheEdit: a save that changes a page's text is
// rebuilt incrementally, a static file replaced in between stays, and a
// save that changes more (a new date) builds the whole site.
func TestServeRebuildsOnlyTheEdit(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir)
	hs, log := start(t, dir)
	page := hs.URL + "/vi/news/a/"
	file := filepath.Join(dir, "content/news/a.md")
	save := func(front, body string) {
		t.Helper()
		if err := os.WriteFile(file, []byte("+++\ntitle = \"Tin A\"\n"+front+"+++\n"+body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save("", "Version 2.")
	waitFor(t, page, "Version 2.")
	if !regexp.MustCompile(`rebuilt \d+ changed files`).MatchString(log.String()) {
		t.Errorf("a text edit was not rebuilt incrementally:\n%s", log.String())
	}

	os.MkdirAll(filepath.Join(dir, "static/css"), 0o755)
	time.Sleep(50 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "static/css/site.css"), []byte("body{color:red}"), 0o644)
	waitFor(t, hs.URL+"/css/site.css", "color:red")
	save("", "Version 3.")
	waitFor(t, page, "Version 3.")
	waitFor(t, hs.URL+"/css/site.css", "color:red")

	save("date = 2024-01-01\n", "Version 4.")
	waitFor(t, page, "Version 4.")
	if !strings.Contains(log.String(), "(all of them: content/news/a.md: date changed)") {
		t.Errorf("a date edit did not build the whole site, saying why:\n%s", log.String())
	}
}

// TestServeIndexesAfterTheEdit: the search index of an edited page's
// language follows the page once the saves pause, and is then what a full
// build makes.
func TestServeIndexesAfterTheEdit(t *testing.T) {
	dir := testsite.Txtar(t, filepath.Join("..", "build", "testdata", "incremental.txtar"), "layouts", "i18n", "static")
	log := &syncLog{}
	srv, err := server.New(build.Options{Source: dir}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetIndexQuiet(50 * time.Millisecond)
	if err := srv.Build(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx, 20*time.Millisecond)
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	time.Sleep(50 * time.Millisecond)
	file := filepath.Join(dir, "content/news/n08.md")
	b, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(b, []byte("Đoạn thứ hai"), []byte("Đoạn chót"), 1), 0o644)
	waitFor(t, hs.URL+"/vi/news/n08/", "Đoạn chót")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "updated the search index") {
		if time.Now().After(deadline) {
			t.Fatalf("the search index was not updated:\n%s", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	want, err := build.Build(build.Options{Source: dir, NoMinify: true, Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rel, data := range want.Memory {
		if !strings.HasPrefix(rel, "_search/vi/") {
			continue
		}
		n++
		if _, got := get(t, hs.URL+"/"+rel); got != string(data) {
			t.Errorf("%s differs from a full build's", rel)
		}
	}
	if n == 0 {
		t.Fatal("the full build has no Vietnamese search index")
	}
}

// TestServeReloadsOnlyChangedPages: after an incremental rebuild the open
// pages are told which of them changed; after a full build, all reload.
func TestServeReloadsOnlyChangedPages(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir)
	hs, _ := start(t, dir)
	resp, err := http.Get(hs.URL + "/__sitegen/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				lines <- strings.TrimPrefix(sc.Text(), "data: ")
			}
		}
	}()
	next := func() string {
		t.Helper()
		select {
		case l := <-lines:
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
			return ""
		}
	}
	file := filepath.Join(dir, "content/news/a.md")
	os.WriteFile(file, []byte("+++\ntitle = \"Tin A\"\n+++\nVersion 2.\n"), 0o644)
	if got := next(); got != `reload:["/vi/news/a/"]` {
		t.Errorf("after a text edit: %q; want the page alone", got)
	}
	os.WriteFile(file, []byte("+++\ntitle = \"Tin A\"\ndate = 2024-01-01\n+++\nVersion 3.\n"), 0o644)
	if got := next(); got != "reload" {
		t.Errorf("after a full build: %q; want every page", got)
	}
}
