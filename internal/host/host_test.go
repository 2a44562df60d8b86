package host_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"sitegen/internal/build"
	"sitegen/internal/host"
	"sitegen/internal/testsite"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func buildFixture(t *testing.T, name string) string {
	t.Helper()
	dir := testsite.Txtar(t, filepath.Join("testdata", name+".txtar"), "layouts", "i18n")
	out := filepath.Join(dir, "public")
	if _, err := build.Build(build.Options{Source: dir, Destination: out, Now: now}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

func write(t *testing.T, p string, b []byte) { testsite.WriteFile(t, p, b) }

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// rules parses a _headers file: URL pattern → header lines, in order.
func rules(t *testing.T, text string) (order []string, m map[string]map[string]string) {
	t.Helper()
	m = map[string]map[string]string{}
	cur := ""
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			cur = strings.TrimSpace(line)
			if _, dup := m[cur]; dup {
				t.Errorf("_headers line %d: rule %s twice", i+1, cur)
			}
			m[cur] = map[string]string{}
			order = append(order, cur)
		case strings.HasPrefix(line, "  ") && cur != "":
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				t.Errorf("_headers line %d: %q is not \"Name: value\"", i+1, line)
			}
			m[cur][k] = v
		default:
			t.Errorf("_headers line %d: %q is neither a path, an indented header nor a comment", i+1, line)
		}
	}
	return order, m
}

// matches is Netlify's and Cloudflare's path matching for the patterns
// sitegen writes: exact, or a prefix ending in a /* splat.
func matches(pattern, urlPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return pattern == urlPath
}

func files(t *testing.T, out string) []string {
	t.Helper()
	var ps []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		ps = append(ps, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestHeadersFile(t *testing.T) {
	out := buildFixture(t, "three-languages")
	order, rs := rules(t, read(t, filepath.Join(out, "_headers")))
	all := rs["/*"]
	if all == nil || order[0] != "/*" {
		t.Fatalf("_headers does not start with a /* rule: %v", order)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"} {
		if all[h] == "" {
			t.Errorf("/* lacks %s", h)
		}
	}
	if _, ok := all["Cache-Control"]; ok {
		t.Error("/* sets Cache-Control; hosts would join it with every other rule's")
	}
	// Every file is covered by exactly one Cache-Control rule, with the
	// lifetime the deploy gives it or a shorter one, and pages short.
	rank := map[string]int{host.CacheShort: 0, host.CacheStatic: 1, host.CacheImmutable: 2}
	for _, f := range files(t, out) {
		if host.Skip(f) {
			continue
		}
		url := "/" + f
		if f == "index.html" {
			url = "/"
		}
		var got []string
		for _, p := range order {
			if cc, ok := rs[p]["Cache-Control"]; ok && matches(p, url) {
				got = append(got, cc)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s: %d Cache-Control rules match (%v); want 1", url, len(got), got)
			continue
		}
		if rank[got[0]] > rank[host.CacheControl(f)] {
			t.Errorf("%s: cached as %q, longer than its rule %q", url, got[0], host.CacheControl(f))
		}
		if strings.HasSuffix(f, ".html") && got[0] != host.CacheShort {
			t.Errorf("%s: a page cached as %q", url, got[0])
		}
	}
	if rs["/js/*"]["Cache-Control"] != host.CacheImmutable {
		t.Errorf("/js/* (only fingerprinted files) = %q; want %q", rs["/js/*"]["Cache-Control"], host.CacheImmutable)
	}
	if rs["/css/*"]["Cache-Control"] != host.CacheStatic {
		t.Errorf("/css/* = %q; want %q", rs["/css/*"]["Cache-Control"], host.CacheStatic)
	}
}

func TestLanguageRedirectOnlyAtRoot(t *testing.T) {
	out := buildFixture(t, "three-languages")
	var got []string
	for _, line := range strings.Split(read(t, filepath.Join(out, "_redirects")), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 4 {
			t.Errorf("%q: want from, to, status and a Language condition", line)
			continue
		}
		if f[0] != "/" {
			t.Errorf("%q redirects %s; only / may be redirected", line, f[0])
		}
		if f[2] != "302!" {
			t.Errorf("%q: status %s; want 302! (temporary, and forced over /index.html)", line, f[2])
		}
		got = append(got, f[1]+" "+f[3])
	}
	want := []string{"/vi/ Language=vi", "/en/ Language=en", "/km/ Language=km"}
	if !slices.Equal(got, want) {
		t.Errorf("redirects %v; want %v", got, want)
	}
	// Every target exists, and / itself is still the picker.
	for _, l := range []string{"vi", "en", "km"} {
		if _, err := os.Stat(filepath.Join(out, l, "index.html")); err != nil {
			t.Errorf("redirect target /%s/ was not built", l)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error("the language picker / was not built")
	}
}

func TestNoRedirectWhenRootIsAHomePage(t *testing.T) {
	out := buildFixture(t, "default-at-root")
	for _, line := range strings.Split(read(t, filepath.Join(out, "_redirects")), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			t.Errorf("redirect %q although / is the default language's home page", line)
		}
	}
	if got := read(t, filepath.Join(out, "_headers")); got != "/*\n  X-Site: own\n" {
		t.Errorf("the site's own _headers was replaced:\n%s", got)
	}
}

func TestContentTypeAndCache(t *testing.T) {
	tests := []struct {
		path, contentType, cache string
		tier                     host.Tier
	}{
		{"vi/index.html", "text/html; charset=utf-8", host.CacheShort, host.TierPage},
		{"css/site.css", "text/css; charset=utf-8", host.CacheStatic, host.TierAsset},
		{"css/site.5d41402abc4b2a76.css", "text/css; charset=utf-8", host.CacheImmutable, host.TierFingerprinted},
		{"js/search.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.js", "text/javascript; charset=utf-8", host.CacheImmutable, host.TierFingerprinted},
		{"docs/report.20240115.pdf", "application/pdf", host.CacheStatic, host.TierAsset},              // a date, not a digest
		{"images/logo.deadbeef.svg", "image/svg+xml; charset=utf-8", host.CacheStatic, host.TierAsset}, // no digit: not taken for a digest
		{"sitemap.xml", "application/xml; charset=utf-8", host.CacheShort, host.TierIndex},
		{"km/sitemap.xml", "application/xml; charset=utf-8", host.CacheShort, host.TierIndex},
		{"km/news/index.xml", "application/rss+xml; charset=utf-8", host.CacheShort, host.TierIndex},
		{"robots.txt", "text/plain; charset=utf-8", host.CacheShort, host.TierIndex},
		{"search/index.json", "application/json; charset=utf-8", host.CacheShort, host.TierAsset},
		{"site.webmanifest", "application/manifest+json; charset=utf-8", host.CacheShort, host.TierAsset},
		{"fonts/NotoSansKhmer.woff2", "font/woff2", host.CacheStatic, host.TierAsset},
		{"images/MAP.PNG", "image/png", host.CacheStatic, host.TierAsset},
		{"files/unknown.xyz", "application/octet-stream", host.CacheStatic, host.TierAsset},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := host.ContentType(tt.path); got != tt.contentType {
				t.Errorf("ContentType = %q; want %q", got, tt.contentType)
			}
			if got := host.CacheControl(tt.path); got != tt.cache {
				t.Errorf("CacheControl = %q; want %q", got, tt.cache)
			}
			if got := host.TierOf(tt.path); got != tt.tier {
				t.Errorf("TierOf = %s; want %s", got, tt.tier)
			}
		})
	}
}

// TestPolicyFitsTheSite builds the repository's site and checks that the
// Content-Security-Policy in _headers allows what its pages need: no inline
// script or style, nothing from another origin. When a layout changes
// that, change host.SecurityHeaders with it.
func TestPolicyFitsTheSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: filepath.Join("..", ".."), Destination: out, Now: now})
	if err != nil {
		t.Fatalf("building the repository's site: %v", err)
	}
	base := res.Site.Config.BaseURL
	sameOrigin := func(u string) bool {
		return !strings.Contains(u, "//") || strings.HasPrefix(u, base)
	}
	for _, f := range files(t, out) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(read(t, filepath.Join(out, f))))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				a := map[string]string{}
				for _, at := range n.Attr {
					a[at.Key] = at.Val
					if strings.HasPrefix(at.Key, "on") {
						t.Errorf("%s: <%s %s> is an inline event handler; script-src 'self' blocks it", f, n.Data, at.Key)
					}
				}
				if _, ok := a["style"]; ok {
					t.Errorf("%s: <%s style=…>; style-src 'self' blocks inline styles", f, n.Data)
				}
				switch n.Data {
				case "style":
					t.Errorf("%s: a <style> element; style-src 'self' blocks it", f)
				case "script":
					if a["src"] == "" && a["type"] != "application/ld+json" {
						t.Errorf("%s: an inline <script>; script-src 'self' blocks it", f)
					}
					if a["src"] != "" && !sameOrigin(a["src"]) {
						t.Errorf("%s: script from %s; the policy allows only 'self'", f, a["src"])
					}
				case "iframe":
					if a["src"] != "" && !sameOrigin(a["src"]) && !strings.HasPrefix(a["src"], "https://www.youtube-nocookie.com/") && !strings.HasPrefix(a["src"], "https://www.openstreetmap.org/") {
						t.Errorf("%s: <iframe> from %s; the policy allows only %s", f, a["src"], host.FrameSources)
					}
				case "img", "video", "audio", "source":
					if a["src"] != "" && !sameOrigin(a["src"]) {
						t.Errorf("%s: <%s> from %s; the policy allows only 'self'", f, n.Data, a["src"])
					}
				case "link":
					if (a["rel"] == "stylesheet" || a["rel"] == "icon" || a["rel"] == "manifest") && !sameOrigin(a["href"]) {
						t.Errorf("%s: <link rel=%s> from %s; the policy allows only 'self'", f, a["rel"], a["href"])
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	if !strings.Contains(read(t, filepath.Join(out, "_headers")), "Content-Security-Policy: default-src 'none'; script-src 'self'") {
		t.Error("the repository's build has no Content-Security-Policy in _headers")
	}
}
