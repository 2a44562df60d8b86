package deploy_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"golang.org/x/tools/txtar"

	"sitegen/internal/build"
	"sitegen/internal/deploy"
	"sitegen/internal/host"
	"sitegen/internal/testsite"
)

const bucketName = "site"

// fake is a real S3-protocol server (gofakes3, in memory) on 127.0.0.1
// behind a handler that records what the client sent (gofakes3 drops
// Cache-Control, so headers are checked as sent) and can fail requests.
type fake struct {
	t       testing.TB
	backend *s3mem.Backend
	s3      http.Handler
	url     string

	mu   sync.Mutex
	reqs []request
	// fail, when set, is asked before each request; a non-zero status
	// answers the request with that status and S3 error code instead.
	fail func(method, key string) (status int, code string)
	// afterPut, when set, is called after each successful upload.
	afterPut func(n int)
}

// request is one request the server answered.
type request struct {
	method, key string
	header      http.Header
	status      int
}

func newFake(t testing.TB) *fake {
	t.Helper()
	be := s3mem.New()
	if err := be.CreateBucket(bucketName); err != nil {
		t.Fatal(err)
	}
	f := &fake{t: t, backend: be, s3: gofakes3.New(be).Server()}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	// The SDK's default credential chain, as in CI: from the environment.
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ENDPOINT_URL_S3", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return f
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/"+bucketName), "/")
	f.mu.Lock()
	fail := f.fail
	f.mu.Unlock()
	if fail != nil && key != "" {
		if status, code := fail(r.Method, key); status != 0 {
			_, _ = io.Copy(io.Discard, r.Body) // so the client reads the answer, not a reset
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(status)
			if r.Method != http.MethodHead {
				_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>`+code+`</Code><Message>injected by the test</Message></Error>`)
			}
			f.record(r, key, status)
			return
		}
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	f.s3.ServeHTTP(sw, r)
	n := f.record(r, key, sw.status)
	if r.Method == http.MethodPut && sw.status == http.StatusOK {
		f.mu.Lock()
		after := f.afterPut
		f.mu.Unlock()
		if after != nil {
			after(n)
		}
	}
}

// record keeps the request and returns how many uploads have succeeded.
func (f *fake) record(r *http.Request, key string, status int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, request{method: r.Method, key: key, header: r.Header.Clone(), status: status})
	n := 0
	for _, q := range f.reqs {
		if q.method == http.MethodPut && q.status == http.StatusOK {
			n++
		}
	}
	return n
}

// reset forgets the recorded requests, so the next run is counted alone.
func (f *fake) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = nil
}

// ok returns the keys of the successful requests with the method, in order.
func (f *fake) ok(method string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var keys []string
	for _, q := range f.reqs {
		if q.method == method && q.status < 300 {
			keys = append(keys, q.key)
		}
	}
	return keys
}

// sent returns the headers of the last successful upload of key.
func (f *fake) sent(key string) http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.reqs) - 1; i >= 0; i-- {
		if q := f.reqs[i]; q.method == http.MethodPut && q.key == key && q.status == http.StatusOK {
			return q.header
		}
	}
	return nil
}

// objects reads back what the bucket holds: key → SHA-256 of the body.
func (f *fake) objects() map[string]string {
	f.t.Helper()
	list, err := f.backend.ListBucket(bucketName, nil, gofakes3.ListBucketPage{})
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]string{}
	for _, o := range list.Contents {
		obj, err := f.backend.GetObject(bucketName, o.Key, nil)
		if err != nil {
			f.t.Fatal(err)
		}
		b, err := io.ReadAll(obj.Contents)
		obj.Contents.Close()
		if err != nil {
			f.t.Fatal(err)
		}
		out[o.Key] = digest(b)
	}
	return out
}

func (f *fake) options(dir string) deploy.Options {
	return deploy.Options{
		Dir:        dir,
		Target:     "s3://" + bucketName + "?endpoint=" + f.url + "&region=us-east-1",
		MaxDeletes: 256,
		Workers:    4,
		BaseURL:    "https://example.org/",
		MaxBackoff: time.Millisecond, // retries are tested, not waited for
	}
}

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// now is the fixed clock of every test build.
var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// newSite writes testdata/site.txtar into a temporary site directory with
// the repository's layouts and i18n, and adds the binary files a site
// serves (a txtar archive holds text).
func newSite(t testing.TB) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	for _, d := range []string{"layouts", "i18n"} {
		copyDir(t, filepath.Join("..", "..", d), filepath.Join(dir, d))
	}
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var pngBuf, jpgBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgBuf, img, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "static/images/map.png"), pngBuf.Bytes())
	writeFile(t, filepath.Join(dir, "static/favicon.ico"), pngBuf.Bytes())
	writeFile(t, filepath.Join(dir, "content/tourism/ba-ra/photo.jpg"), jpgBuf.Bytes())
	writeFile(t, filepath.Join(dir, "static/fonts/noto-sans-khmer.woff2"), []byte("wOF2\x00\x01\x00\x00 test font, not a real one"))
	return dir
}

// buildSite builds the site through the build's public entry point and
// returns the output folder.
func buildSite(t testing.TB, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	if _, err := build.Build(build.Options{Source: dir, Destination: out, Now: now}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// tree is the deployable part of a build: path → SHA-256.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if host.Skip(rel) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = digest(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFile(t testing.TB, path string, data []byte) { testsite.WriteFile(t, path, data) }

func copyDir(t testing.TB, from, to string) { testsite.Copy(t, from, to) }

// sizeOf is the stored size of an object, or -1.
func (f *fake) sizeOf(key string) int64 {
	o, err := f.backend.HeadObject(bucketName, key)
	if err != nil {
		return -1
	}
	return o.Size
}
