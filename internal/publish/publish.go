// Package publish writes a build's output: minified by media type, into a
// fresh folder beside the destination, swapped into place only when the
// whole build has succeeded. A failed or interrupted build therefore leaves
// the last good site exactly as it was.
//
// The destination is only ever replaced when it is empty or was written by
// sitegen (it carries a marker file), so pointing --destination at a folder
// of one's own by mistake cannot delete it.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Marker is the file that marks a folder as sitegen's output.
const Marker = ".sitegen-output"

// Output is a build's output in progress.
type Output struct {
	dest    string
	tmp     string
	min     *minify.M
	mu      sync.Mutex
	written map[string]bool
	mem     map[string][]byte // in-memory output (the development server); nil for a folder
	files   atomic.Int64
	bytes   atomic.Int64
	dirs    sync.Map // folders known to exist: a page's folder is made once, without MkdirAll's stat calls
	bufs    sync.Pool

	// Minified files are written by their own goroutines, so that the
	// cores keep rendering while a file system that serializes creation
	// in a folder keeps a writer waiting. Their errors are returned by
	// Commit.
	jobs    chan writeJob
	writers sync.WaitGroup
	flushed sync.Once
	errMu   sync.Mutex
	errs    []error
}

// writeJob is a minified file on its way to disk.
type writeJob struct {
	abs, rel string
	buf      *bytes.Buffer
}

// input hands the minifier the caller's bytes as they are: tdewolff/parse
// reads a reader that has Bytes() without copying it (io.ReadAll otherwise).
type input struct {
	io.Reader
	b []byte
}

func (in input) Bytes() []byte { return in.b }

// NewMinifier returns the minifier registry, keyed by media type as
// tdewolff/minify is.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", htmlMinifier())
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// Open starts an output that will replace dest on Commit.
func Open(dest string) (*Output, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("destination: %w", err)
	}
	if err := checkOwned(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	prefix := "." + filepath.Base(dest) + ".sitegen-new-"
	removeStale(parent, prefix)
	tmp, err := os.MkdirTemp(parent, fmt.Sprintf("%s%d-", prefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("creating build folder: %w", err)
	}
	o := &Output{dest: dest, tmp: tmp, min: NewMinifier(), written: map[string]bool{}, jobs: make(chan writeJob, 64)}
	o.dirs.Store(tmp, true)
	for range max(4, 4*runtime.GOMAXPROCS(0)) {
		o.writers.Add(1)
		go o.writer()
	}
	return o, nil
}

func (o *Output) writer() {
	defer o.writers.Done()
	for j := range o.jobs {
		if err := o.writeFile(j.abs, j.buf.Bytes()); err != nil {
			o.errMu.Lock()
			o.errs = append(o.errs, fmt.Errorf("writing %s: %w", j.rel, err))
			o.errMu.Unlock()
		}
		o.bufs.Put(j.buf)
	}
}

// flush waits for the files queued so far and returns their errors.
func (o *Output) flush() error {
	o.flushed.Do(func() {
		close(o.jobs)
		o.writers.Wait()
	})
	o.errMu.Lock()
	defer o.errMu.Unlock()
	return errors.Join(o.errs...)
}

// removeStale removes build folders beside the destination that a killed
// build left behind. They are sitegen's own by name, which carries the
// building process's id; one whose process is alive (another build
// running now) is left alone.
func removeStale(parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// checkOwned refuses a destination that holds files sitegen did not write.
func checkOwned(dest string) error {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("destination %s: %w", dest, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("destination %s is not empty and was not written by sitegen; it would be replaced, so sitegen leaves it alone (choose another --destination, or empty it yourself)", dest)
}

// Files and Bytes count what was written (all of it once Commit returns).
func (o *Output) Files() int64 { return o.files.Load() }

// OpenMemory starts an output kept in memory: the development server
// serves it from there, which spares the disk a few hundred file creations
// per save and needs no cleaning up.
func OpenMemory() *Output {
	return &Output{min: NewMinifier(), written: map[string]bool{}, mem: map[string][]byte{}}
}

// Memory returns the files of an in-memory output by slash path, or nil.
func (o *Output) Memory() map[string][]byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.mem
}
func (o *Output) Bytes() int64 { return o.bytes.Load() }

// claim records that rel is written once; a second writer is a bug in the
// site (two things claiming one file) that must not pass silently.
func (o *Output) claim(rel string) (string, error) {
	if climbs(filepath.ToSlash(rel)) {
		return "", fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	rel = path.Clean("/" + filepath.ToSlash(rel))[1:]
	if rel == "" {
		return "", fmt.Errorf("refusing to write %q: not a file name", rel)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.written[rel] {
		return "", fmt.Errorf("two outputs claim %s", rel)
	}
	o.written[rel] = true
	if o.mem != nil {
		return rel, nil
	}
	return filepath.Join(o.tmp, filepath.FromSlash(rel)), nil
}

// climbs reports whether a slash path goes above its root at any point.
// Cleaning alone would quietly turn "../x" into "x", hiding the bug that
// produced it and perhaps overwriting another file.
func climbs(rel string) bool {
	depth := 0
	for _, seg := range strings.Split(rel, "/") {
		switch seg {
		case "", ".":
		case "..":
			if depth--; depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// Written reports whether rel has been written.
func (o *Output) Written(rel string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.written[strings.TrimPrefix(rel, "/")]
}

// Paths lists the files written so far, sorted, as slash paths relative
// to the output root.
func (o *Output) Paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	ps := slices.Sorted(maps.Keys(o.written))
	return ps
}

// Write minifies data by the file's extension and writes it to rel. The
// caller may reuse data when Write returns, but not read it: minifying
// rewrites it in place. A minified file is written in
// the background: an error writing it is returned by Commit.
func (o *Output) Write(rel string, data []byte) error {
	abs, err := o.claim(rel)
	if err != nil {
		return err
	}
	mt := MediaType(rel)
	if mt == "" || o.min == nil {
		return o.writeFile(abs, data)
	}
	buf := o.buffer(len(data))
	if err := o.min.Minify(mt, buf, input{bytes.NewReader(data), data}); err != nil {
		o.bufs.Put(buf)
		return fmt.Errorf("minifying %s: %w", rel, err)
	}
	return o.queue(abs, rel, buf)
}

// Buffer returns an empty buffer from the output's pool, for a page to be
// rendered into and handed to WriteBuffer without a copy.
func (o *Output) Buffer() *bytes.Buffer { return o.buffer(0) }

// WriteBuffer writes buf as it is (a page made of minified layouts and
// bodies) to rel in the background, and takes it: the caller must not use
// buf afterwards, even on an error. Pages made this way are neither parsed
// a second time only to remove what is no longer in them, nor copied.
func (o *Output) WriteBuffer(rel string, buf *bytes.Buffer) error {
	abs, err := o.claim(rel)
	if err != nil {
		o.bufs.Put(buf)
		return err
	}
	return o.queue(abs, rel, buf)
}

func (o *Output) buffer(size int) *bytes.Buffer {
	buf, _ := o.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	buf.Grow(size)
	return buf
}

// queue hands buf to the writers (in memory: stores it at once).
func (o *Output) queue(abs, rel string, buf *bytes.Buffer) error {
	if o.mem != nil {
		err := o.writeFile(abs, buf.Bytes())
		o.bufs.Put(buf)
		return err
	}
	o.jobs <- writeJob{abs: abs, rel: rel, buf: buf}
	return nil
}

// DisableMinify makes Write store files as they are: for the development
// server, where a fast rebuild matters more than bytes.
func (o *Output) DisableMinify() { o.min = nil }

// htmlMinifier is how HTML is minified, pages and layouts alike: document
// and end tags and attribute quotes kept.
func htmlMinifier() *html.Minifier {
	return &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

// MinifyTemplate minifies the HTML of an html/template layout, leaving its
// {{ actions }} as they are and keeping white space next to them, where
// what an action prints may need it. Pages rendered from minified layouts
// need no minifying of their own except for the values put into them;
// the error is tdewolff/minify's, and the caller keeps the source as it is.
func MinifyTemplate(src string) (string, error) {
	hm := htmlMinifier()
	hm.TemplateDelims = html.GoTemplateDelims
	var out bytes.Buffer
	if err := hm.Minify(minify.New(), &out, strings.NewReader(src), nil); err != nil {
		return src, err
	}
	return out.String(), nil
}

// WriteRaw writes data to rel as it is.
func (o *Output) WriteRaw(rel string, data []byte) error {
	abs, err := o.claim(rel)
	if err != nil {
		return err
	}
	return o.writeFile(abs, data)
}

// mkdir makes dir and its parents, remembering what exists.
func (o *Output) mkdir(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if _, ok := o.dirs.Load(filepath.Dir(dir)); ok {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for d := dir; len(d) > len(o.tmp); d = filepath.Dir(d) {
		o.dirs.Store(d, true)
	}
	return nil
}

func (o *Output) writeFile(abs string, data []byte) error {
	if o.mem != nil {
		b := bytes.Clone(data) // callers reuse their buffers
		o.mu.Lock()
		o.mem[abs] = b
		o.mu.Unlock()
		o.files.Add(1)
		o.bytes.Add(int64(len(b)))
		return nil
	}
	if err := o.mkdir(filepath.Dir(abs)); err != nil {
		return err
	}
	if err := os.WriteFile(abs, data, 0o644); err != nil {
		return err
	}
	o.files.Add(1)
	o.bytes.Add(int64(len(data)))
	return nil
}

// Copy copies the file at src to rel, minifying CSS, JS and SVG.
func (o *Output) Copy(rel, src string) error {
	if mt := MediaType(rel); mt != "" && mt != "text/html" {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return o.Write(rel, b)
	}
	if o.mem != nil {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		return o.WriteRaw(rel, b)
	}
	abs, err := o.claim(rel)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := o.mkdir(filepath.Dir(abs)); err != nil {
		return err
	}
	out, err := os.Create(abs)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	o.files.Add(1)
	o.bytes.Add(n)
	return err
}

// MediaType returns the media type sitegen minifies for a file name, or "".
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".json", ".webmanifest":
		return "application/json"
	case ".xml", ".rss":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}

// Commit waits for the files still being written and swaps the new
// output into place.
func (o *Output) Commit() error {
	if o.mem != nil {
		return nil
	}
	if err := o.flush(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.tmp, Marker), []byte("This folder is written by sitegen; it is replaced on every build.\n"), 0o644); err != nil {
		return fmt.Errorf("marking output: %w", err)
	}
	if fi, err := os.Lstat(o.dest); err == nil && fi.IsDir() {
		if err := exchange(o.tmp, o.dest); err == nil {
			// o.tmp now holds the previous output.
			if err := os.RemoveAll(o.tmp); err != nil {
				return fmt.Errorf("removing previous output: %w", err)
			}
			return nil
		}
	}
	old := ""
	if _, err := os.Stat(o.dest); err == nil {
		old = o.tmp + ".old"
		if err := os.Rename(o.dest, old); err != nil {
			return fmt.Errorf("moving previous output aside: %w", err)
		}
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, o.dest)
		}
		return fmt.Errorf("putting new output in place: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing previous output: %w", err)
		}
	}
	return nil
}

// Abort discards the new output; the destination is untouched.
func (o *Output) Abort() {
	if o.mem != nil {
		return
	}
	_ = o.flush() // no writer may recreate the folder once it is removed
	_ = os.RemoveAll(o.tmp)
}
