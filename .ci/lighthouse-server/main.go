// Command lighthouse-server serves a built site on 127.0.0.1 the way the CDN
// does, for .ci/lighthouse: gzip for text, the strict Content Security
// Policy, long caching for fonts and CSS, and the language's 404 page for
// unknown paths. Measuring behind a plain file server would charge the
// pages for uncompressed bytes no reader ever receives.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'"

func main() {
	dir := flag.String("dir", "public", "the built site")
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The script reads the address from the first line.
	fmt.Printf("http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, handler(*dir)))
}

func handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		name := filepath.Join(dir, filepath.FromSlash(p))
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			name = filepath.Join(name, "index.html")
		}
		status := http.StatusOK
		data, err := os.ReadFile(name)
		if err != nil {
			lang, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
			name = filepath.Join(dir, lang, "404.html")
			if data, err = os.ReadFile(name); err != nil {
				http.NotFound(w, r)
				return
			}
			status = http.StatusNotFound
		}
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		ext := filepath.Ext(name)
		ct := mime.TypeByExtension(ext)
		if ext == ".woff2" {
			ct = "font/woff2" // not in Go's built-in table
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.Set("Content-Type", ct)
		switch ext {
		case ".html", ".xml":
			h.Set("Cache-Control", "public, max-age=600")
		default:
			h.Set("Cache-Control", "public, max-age=31536000")
		}
		compress := strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") || strings.Contains(ct, "javascript") || ext == ".svg"
		if compress && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			h.Set("Vary", "Accept-Encoding")
			w.WriteHeader(status)
			gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			_, _ = gz.Write(data)
			_ = gz.Close()
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write(data)
	})
}
