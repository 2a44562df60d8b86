// Package server is the editor's preview: it builds the site into a
// private folder, serves it on the loopback interface, watches the sources
// and rebuilds when they change, and tells open pages to reload.
//
// Every build is kept in memory and the server switches to it only when
// the build succeeded, so a reader never sees a half-written page and
// a broken save leaves the last good site on screen, with the error shown
// over it, until the next good save. The reload script is added to HTML
// responses as they are served; it is never written into the built files.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"sitegen/internal/build"
	"sitegen/internal/fault"
)

// prefix is the server's own URL space, which no site page can use.
const prefix = "/__sitegen/"

// Server builds, serves and watches one site.
type Server struct {
	opt     build.Options
	log     io.Writer
	builder *build.Builder                             // keeps the last good build, for incremental rebuilds
	build   func(build.Options) (*build.Result, error) // nil: the builder; tests put a failing one here
	static  string                                     // the static folder, from the configuration of the last good build

	cur     atomic.Pointer[generation]
	failure atomic.Pointer[string] // the last build's error report, or nil when it succeeded
	gen     int
	buildMu sync.Mutex

	mu      sync.Mutex
	clients map[chan string]bool

	laterMu    sync.Mutex
	later      func() (func() []string, error) // the newest rebuild's search indexing, waiting to run
	laterAt    time.Time                       // when it was asked for
	indexing   bool                            // a goroutine waits for or runs s.later
	indexQuiet time.Duration                   // how long the saves must pause before indexing starts
}

// generation is one successful build: its files by slash path.
type generation struct {
	files map[string][]byte
	n     int
}

// New prepares a server for the site opt.Source. Nothing is written to
// disk: builds are kept in memory, and opt.Destination is only used to
// leave the usual output folder out of the watch.
func New(opt build.Options, log io.Writer) (*Server, error) {
	opt.NoMinify = true
	opt.Memory = true
	b := build.NewBuilder(opt, log)
	b.SearchLater() // the edited page first; its search index when ready
	return &Server{opt: opt, log: log, builder: b, clients: map[chan string]bool{}, indexQuiet: time.Second}, nil
}

// Close releases the server's builds.
func (s *Server) Close() error { s.cur.Store(nil); return nil }

// Build builds the whole site and, when it succeeds, switches readers to
// it and tells open pages to reload. A failed build keeps the last good
// site and shows its findings on every page.
func (s *Server) Build() error { return s.rebuild(nil) }

// rebuild is Build after the files changed changed: the builder renders
// only what they change when it can (nil: build everything).
func (s *Server) rebuild(changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	s.gen++
	n := s.gen
	start := time.Now()
	res, err := s.safeBuild(changed)
	if err != nil {
		var b strings.Builder
		for _, f := range res.Findings {
			b.WriteString(f.Error())
			b.WriteByte('\n')
		}
		var fl *fault.List
		if !errors.As(err, &fl) {
			b.WriteString(err.Error())
		}
		report := b.String()
		s.failure.Store(&report)
		fmt.Fprintf(s.log, "build failed; still serving the last good build:\n%s", report)
		s.broadcast("error")
		return err
	}
	for _, f := range res.Findings {
		fmt.Fprintln(s.log, f.Error())
	}
	s.cur.Store(&generation{files: res.Memory, n: n})
	if res.Site != nil {
		s.static = res.Site.Config.StaticDir
	}
	s.failure.Store(nil)
	if res.Later != nil {
		s.indexLater(res.Later)
	}
	switch {
	case res.Incremental:
		fmt.Fprintf(s.log, "rebuilt %d changed files in %d ms\n", len(res.Changed), time.Since(start).Milliseconds())
	case res.FullReason != "":
		fmt.Fprintf(s.log, "built %d files in %d ms (all of them: %s)\n", res.Files, time.Since(start).Milliseconds(), res.FullReason)
	default:
		fmt.Fprintf(s.log, "built %d files in %d ms\n", res.Files, time.Since(start).Milliseconds())
	}
	s.broadcast(reloadMessage(res))
	return nil
}

// indexLater runs a rebuild's search indexing in the background, once the
// saves have paused for s.indexQuiet, and switches readers to the output
// with the new indexes. Indexing a language of a large site takes seconds
// of both cores: started on every save, it would slow down the rebuilds
// of the next saves, which the editor is waiting for. Only the newest
// waits: it covers the languages of the ones before it.
func (s *Server) indexLater(later func() (func() []string, error)) {
	s.laterMu.Lock()
	defer s.laterMu.Unlock()
	s.later, s.laterAt = later, time.Now()
	if s.indexing {
		return
	}
	s.indexing = true
	go func() {
		for {
			s.laterMu.Lock()
			later := s.later
			if later == nil {
				s.indexing = false
				s.laterMu.Unlock()
				return
			}
			if wait := time.Until(s.laterAt.Add(s.indexQuiet)); wait > 0 {
				s.laterMu.Unlock()
				time.Sleep(wait)
				continue
			}
			s.later = nil
			s.laterMu.Unlock()
			s.applyIndex(later)
		}
	}()
}

// applyIndex indexes and, unless a build overtook it, switches readers to
// the output with the new indexes.
func (s *Server) applyIndex(later func() (func() []string, error)) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.log, "the search index crashed (a bug in sitegen; please report it): %v\n%s", r, debug.Stack())
		}
	}()
	t0 := time.Now()
	apply, err := later()
	if err != nil {
		fmt.Fprintf(s.log, "search index: %v\n", err)
		return
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	changed := apply()
	if len(changed) == 0 || s.failure.Load() != nil {
		return
	}
	s.gen++
	s.cur.Store(&generation{files: s.builder.Output(), n: s.gen})
	fmt.Fprintf(s.log, "updated the search index in %d ms\n", time.Since(t0).Milliseconds())
}

// safeBuild runs one build and turns a panic into a failed build: a bug
// that an edit provokes must not take the preview down, and the editor
// should see it like any other error while the last good site stays up.
func (s *Server) safeBuild(changed []string) (res *build.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res = &build.Result{}
			err = fmt.Errorf("the build crashed (a bug in sitegen; please report it with the change that caused it): %v\n%s", r, debug.Stack())
		}
	}()
	switch {
	case s.build != nil:
		opt := s.opt
		opt.Now = time.Now()
		res, err = s.build(opt)
	case changed == nil:
		res, err = s.builder.Build()
	default:
		res, err = s.builder.Rebuild(changed)
	}
	if res == nil {
		res = &build.Result{}
	}
	return res, err
}

// reloadMessage tells open pages to reload: after an incremental rebuild,
// only the pages it changed ("reload:" and their paths as a JSON list), so
// that the other tabs an editor has open keep their place.
func reloadMessage(res *build.Result) string {
	if !res.Incremental {
		return "reload"
	}
	var paths []string
	for _, c := range res.Changed {
		if strings.HasSuffix(c, ".html") {
			paths = append(paths, "/"+strings.TrimSuffix(c, "index.html"))
		}
	}
	b, err := json.Marshal(paths)
	if err != nil || len(paths) == 0 {
		return "reload:[]"
	}
	return "reload:" + string(b)
}

func (s *Server) broadcast(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- msg:
		default: // a slow client gets the next one
		}
	}
}

// Handler serves the current build, the reload events and the reload
// script.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(prefix+"events", s.events)
	mux.HandleFunc(prefix+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
	})
	mux.HandleFunc(prefix+"error", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if f := s.failure.Load(); f != nil {
			io.WriteString(w, *f)
		}
	})
	mux.HandleFunc("/", s.file)
	return hostGuard(s.opt.BaseURL, mux)
}

// hostGuard answers only requests addressed to a loopback name when the
// server listens on loopback: a web page the editor visits could otherwise
// point a name of its own at 127.0.0.1 (DNS rebinding) and read the
// preview, drafts included. A server bound elsewhere on purpose (--bind)
// is left open.
func hostGuard(base string, h http.Handler) http.Handler {
	u, err := url.Parse(base)
	if err != nil || !isLoopback(u.Hostname()) {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hn, _, err := net.SplitHostPort(host); err == nil {
			host = hn
		}
		if !isLoopback(strings.Trim(host, "[]")) {
			http.Error(w, "this preview answers only to localhost and 127.0.0.1", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan string, 1)
	s.mu.Lock()
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	if s.failure.Load() != nil {
		fmt.Fprint(w, "data: error\n\n")
	}
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-c:
			fmt.Fprintf(w, "data: %s\n\n", msg)
			fl.Flush()
		}
	}
}

// file serves a file of the current build; HTML gets the reload script.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	g := s.cur.Load()
	if g == nil {
		http.Error(w, "the site has not built yet:\n"+s.failureText(), http.StatusServiceUnavailable)
		return
	}
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	name := p
	b, ok := g.files[p]
	if !ok && p != "" {
		if _, isDir := g.files[p+"/index.html"]; isDir && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if !ok {
		name = path.Join(p, "index.html")
		b, ok = g.files[name]
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		first, _, _ := strings.Cut(p, "/")
		name = path.Join(first, "404.html")
		if b, ok = g.files[name]; !ok {
			name = "404.html"
			if b, ok = g.files[name]; !ok {
				http.Error(w, "not found", http.StatusNotFound)
				return
			}
		}
	}
	full := name
	ct := mime.TypeByExtension(filepath.Ext(full))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(ct, "text/html") {
		b = inject(b)
	}
	w.WriteHeader(status)
	w.Write(b)
}

func (s *Server) failureText() string {
	if f := s.failure.Load(); f != nil {
		return *f
	}
	return ""
}

// inject adds the reload script before </body> (or at the end).
func inject(b []byte) []byte {
	tag := []byte(`<script src="` + prefix + `reload.js" defer></script>`)
	if i := bytes.LastIndex(b, []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, b[:i]...), tag...), b[i:]...)
	}
	return append(b, tag...)
}

// reloadJS reloads the page after a good build and shows the findings of a
// failed one over the page, without touching the page's own scripts.
const reloadJS = `(function () {
  var box;
  function show(text) {
    if (!box) {
      box = document.createElement("pre");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#7a0010;color:#fff;font:14px/1.5 monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed; this is the last good version of the page.\n\n" + text;
  }
  var es = new EventSource("` + prefix + `events");
  es.onmessage = function (e) {
    if (e.data === "reload") { location.reload(); return; }
    if (e.data.indexOf("reload:") === 0) {
      var here = decodeURI(location.pathname);
      if (JSON.parse(e.data.slice(7)).indexOf(here) >= 0) { location.reload(); }
      return;
    }
    if (e.data === "error") {
      fetch("` + prefix + `error", {cache: "no-store"}).then(function (r) { return r.text(); }).then(show);
    }
  };
})();
`

// Watch rebuilds when the site's sources change, until ctx is done. Events
// come in bursts (an editor's save is often write, chmod, rename); they are
// gathered until the sources have been quiet for a moment, then built once.
func (s *Server) Watch(ctx context.Context, quiet time.Duration) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching the sources: %w", err)
	}
	defer w.Close()
	src, err := filepath.Abs(s.opt.Source)
	if err != nil {
		return err
	}
	dest := s.opt.Destination
	if dest == "" {
		dest = filepath.Join(src, "public")
	}
	skip := func(p string) bool {
		base := filepath.Base(p)
		if p != src && strings.HasPrefix(base, ".") {
			return true
		}
		if abs, _ := filepath.Abs(dest); p == abs || strings.HasPrefix(p, abs+string(filepath.Separator)) {
			return true
		}
		return base == "node_modules" || base == "resources"
	}
	var add func(dir string)
	add = func(dir string) {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if skip(p) {
				return filepath.SkipDir
			}
			if err := w.Add(p); err != nil {
				fmt.Fprintf(s.log, "not watching %s: %v\n", p, err)
			}
			return nil
		})
	}
	add(src)
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			fmt.Fprintf(s.log, "watch: %v\n", err)
		case ev := <-w.Events:
			if skip(ev.Name) || editorTemp(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name) // a new folder, and whatever was already put in it
				}
			}
			changed[ev.Name] = true
			if timer == nil {
				timer = time.AfterFunc(quiet, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(quiet)
			}
		case <-fire:
			timer = nil
			if !s.updateStatic(src, changed) {
				paths := make([]string, 0, len(changed))
				for p := range changed {
					paths = append(paths, p)
				}
				_ = s.rebuild(paths)
			}
			changed = map[string]bool{}
		}
	}
}

// updateStatic handles a batch of changes that touch only files under
// static/, which the build copies as they are: the current build is
// copied with those files replaced, without rebuilding any page. It
// reports false when the batch needs a full build.
func (s *Server) updateStatic(src string, changed map[string]bool) bool {
	g := s.cur.Load()
	if g == nil || s.failure.Load() != nil {
		return false
	}
	static, err := filepath.Abs(filepath.Join(src, s.staticDir()))
	if err != nil {
		return false
	}
	files := map[string][]byte{}
	for p := range changed {
		rel, err := filepath.Rel(static, p)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			return false
		}
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			files[filepath.ToSlash(rel)] = nil // removed
		case err != nil || fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0:
			return false
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return false
			}
			files[filepath.ToSlash(rel)] = b
		}
	}
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	next := s.builder.Patch(files) // the builder's next rebuild starts from them
	if next == nil || s.build != nil {
		next = make(map[string][]byte, len(g.files))
		for k, v := range g.files {
			next[k] = v
		}
		for rel, b := range files {
			if b == nil {
				delete(next, rel)
			} else {
				next[rel] = b
			}
		}
	}
	s.gen++
	s.cur.Store(&generation{files: next, n: s.gen})
	fmt.Fprintf(s.log, "updated %d static file(s) without a rebuild\n", len(files))
	s.broadcast("reload")
	return true
}

// staticDir is the site's static folder name, as configured.
func (s *Server) staticDir() string {
	if s.static != "" {
		return s.static
	}
	return "static"
}

// editorTemp recognises the scratch files editors write while saving.
func editorTemp(p string) bool {
	base := filepath.Base(p)
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") || base == "4913" ||
		strings.HasSuffix(base, ".tmp") || strings.Contains(base, ".sitegen-tmp")
}
