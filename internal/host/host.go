// Package host holds what a web host must be told about the built site:
// the media type and cache lifetime of every kind of file, and the
// _headers and _redirects files that Netlify and Cloudflare Pages read from
// the output root.
//
// The rules live in one place so that `sitegen deploy` (which sets them as
// object headers in a bucket) and the host files (which set them at the
// edge) can never disagree.
package host

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Cache lifetimes. Fingerprinted files never change under their name, so
// browsers may keep them for a year without asking; pages, feeds and
// sitemaps change with every edit and must be asked for again soon; other
// static files (a stylesheet without a fingerprint, images) sit between.
const (
	CacheImmutable = "public, max-age=31536000, immutable"
	CacheShort     = "public, max-age=300, must-revalidate"
	CacheStatic    = "public, max-age=3600"
)

// Tier orders uploads so that the live site stays consistent while a deploy
// runs: what pages refer to goes up before the pages, and the files that
// announce pages (sitemaps, feeds, robots.txt) go up after them.
type Tier int

// The tiers, in upload order.
const (
	TierFingerprinted Tier = iota // assets whose name carries their digest
	TierAsset                     // other static files: styles, scripts, images, fonts
	TierPage                      // HTML
	TierIndex                     // sitemaps, feeds, robots.txt
)

func (t Tier) String() string {
	return [...]string{"fingerprinted assets", "assets", "pages", "sitemaps and feeds"}[t]
}

// types maps extensions to media types. A fixed table rather than
// mime.TypeByExtension, which reads /etc/mime.types and so differs from one
// CI image to the next.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8", // RFC 9239
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".map":         "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".rss":         "application/rss+xml; charset=utf-8",
	".atom":        "application/atom+xml; charset=utf-8",
	".xsl":         "application/xslt+xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".idx":         "application/gzip", // the search index: gzip data the search script inflates itself
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
	".zip":         "application/zip",
	".wasm":        "application/wasm",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".ogg":         "audio/ogg",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// ContentType is the Content-Type to serve the file at rel with. Text
// types carry charset=utf-8 because sitegen writes UTF-8 and a Vietnamese
// or Khmer page guessed as Latin-1 is unreadable.
func ContentType(rel string) string {
	ext := strings.ToLower(path.Ext(rel))
	if ext == ".xml" && path.Base(rel) != "sitemap.xml" && strings.HasPrefix(path.Base(rel), "index") {
		return "application/rss+xml; charset=utf-8" // sitegen's feeds are RSS 2.0 at …/index.xml
	}
	return cmp.Or(types[ext], "application/octet-stream")
}

// fingerprint matches a name whose last segment before the extension is a
// digest, as in site.3f9a0c1be2.css (8 to 64 lower-case hex digits).
var fingerprint = regexp.MustCompile(`\.([0-9a-f]{8,64})\.[A-Za-z0-9]+$`)

// Fingerprinted reports whether the name carries a content digest. The
// segment must mix digits and letters, so that a date such as
// report.20240115.pdf is not taken for a digest and cached for a year.
func Fingerprinted(rel string) bool {
	m := fingerprint.FindStringSubmatch(path.Base(rel))
	return m != nil && strings.ContainsAny(m[1], "0123456789") && strings.ContainsAny(m[1], "abcdef")
}

// TierOf is the upload tier of the file at rel.
func TierOf(rel string) Tier {
	switch {
	case Fingerprinted(rel):
		return TierFingerprinted
	case isIndex(rel):
		return TierIndex
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		return TierPage
	}
	return TierAsset
}

// isIndex reports files that list pages: sitemaps, feeds and robots.txt.
func isIndex(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".xml", ".rss", ".atom":
		return true
	}
	return rel == "robots.txt"
}

// CacheControl is the Cache-Control to serve the file at rel with.
func CacheControl(rel string) string {
	switch TierOf(rel) {
	case TierFingerprinted:
		return CacheImmutable
	case TierPage, TierIndex:
		return CacheShort
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".json", ".webmanifest", ".txt", ".map", ".idx":
		// Data that pages read (a search index) changes with the pages.
		return CacheShort
	}
	return CacheStatic
}

// FrameSources are the only origins a page may frame: the embeds that
// Markdown's raw-HTML allow-list lets through (internal/markdown).
const FrameSources = "https://www.youtube-nocookie.com https://www.openstreetmap.org"

// SecurityHeaders are sent with every response. The policy allows only the
// site's own scripts, styles, images and fonts: the layouts have no inline
// script or style (JSON-LD is a data block, which CSP does not govern) and
// load nothing from other origins. A layout that needs more must change
// this policy, and TestPolicyFitsTheSite says so.
func SecurityHeaders(secure bool) [][2]string {
	h := [][2]string{
		{"Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
			"connect-src 'self'; manifest-src 'self'; media-src 'self'; frame-src " + FrameSources + "; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"X-Frame-Options", "DENY"},
		{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
		{"Cross-Origin-Opener-Policy", "same-origin"},
	}
	if secure {
		// Without includeSubDomains: the province's other hosts are not ours to pin.
		h = append(h, [2]string{"Strict-Transport-Security", "max-age=31536000"})
	}
	return h
}

// Headers returns a _headers file for the output files at paths (slash
// paths relative to the output root). secure adds HSTS for an https site.
//
// Netlify and Cloudflare Pages join the values of a header set by several
// matching rules, so Cache-Control is set by rules that never overlap: one
// per top-level folder (the shortest lifetime of its files, so a page is
// never cached too long), and one per file at the root.
func Headers(paths []string, secure bool) []byte {
	var b strings.Builder
	b.WriteString("# Written by sitegen for hosts that read _headers (Netlify, Cloudflare Pages).\n")
	b.WriteString("# Cache lifetimes are the ones `sitegen deploy` sets on objects.\n")
	b.WriteString("/*\n")
	for _, h := range SecurityHeaders(secure) {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	dirs := map[string]string{} // top-level folder → Cache-Control
	var root []string
	for _, p := range paths {
		if Skip(p) {
			continue
		}
		dir, _, ok := strings.Cut(p, "/")
		if !ok {
			root = append(root, p)
			continue
		}
		cc := CacheControl(p)
		if old, seen := dirs[dir]; seen {
			cc = shorter(old, cc)
		}
		dirs[dir] = cc
	}
	names := slices.Sorted(maps.Keys(dirs))
	slices.Sort(root)
	for _, d := range names {
		fmt.Fprintf(&b, "\n/%s/*\n  Cache-Control: %s\n", d, dirs[d])
	}
	for _, f := range root {
		url := "/" + f
		if f == "index.html" {
			url = "/"
		}
		fmt.Fprintf(&b, "\n%s\n  Cache-Control: %s\n", url, CacheControl(f))
	}
	return []byte(b.String())
}

// shorter returns the Cache-Control with the shorter lifetime.
func shorter(a, b string) string {
	rank := map[string]int{CacheShort: 0, CacheStatic: 1, CacheImmutable: 2}
	if rank[b] < rank[a] {
		return b
	}
	return a
}

// Lang is what the language redirect needs to know of a language.
type Lang struct {
	Code   string // e.g. "vi"
	Prefix string // URL prefix without a trailing slash, e.g. "/vi"; "" for an unprefixed language
}

// Redirects returns a _redirects file. When every language lives under its
// own prefix, / is a language picker; then a reader whose browser asks for
// one of the site's languages is sent from / (and only from /) to that
// language's home with Netlify's Language= condition. Readers of other
// languages, and search engines, which send no Accept-Language, stay on the
// picker, which is the x-default of the hreflang set.
//
// Cloudflare Pages has no language condition. It ignores a line with more
// than three fields, so there the rules are inert and / stays the picker;
// a Cloudflare site that wants the redirect needs a Worker or a Redirect
// Rule matching on the Accept-Language header.
func Redirects(langs []Lang) []byte {
	var b strings.Builder
	b.WriteString("# Written by sitegen for hosts that read _redirects (Netlify, Cloudflare Pages).\n")
	prefixed := len(langs) > 1
	for _, l := range langs {
		if l.Prefix == "" {
			prefixed = false
		}
	}
	if !prefixed {
		b.WriteString("# No language redirect: / is a language's home page, not a language picker.\n")
		return []byte(b.String())
	}
	b.WriteString("# / is the language picker. Netlify sends a browser that asks for one of the site's\n")
	b.WriteString("# languages to its home page (302, forced over /index.html); nothing else is redirected.\n")
	b.WriteString("# Cloudflare Pages has no language conditions and ignores these lines, so / stays the picker.\n")
	for _, l := range langs {
		fmt.Fprintf(&b, "/  %s/  302!  Language=%s\n", l.Prefix, strings.ToLower(l.Code))
	}
	return []byte(b.String())
}

// Skip reports output files that are instructions to a host or to sitegen,
// not pages of the site, so an object store must not serve them.
func Skip(rel string) bool {
	switch rel {
	case "_headers", "_redirects", ".sitegen-output":
		return true
	}
	return false
}

// Output is the part of the build output the host files need.
type Output interface {
	Paths() []string
	Written(rel string) bool
	WriteRaw(rel string, data []byte) error
}

// Write adds _headers and _redirects to the build output, unless the site
// brings its own in static/ (then the site's are kept as they are).
func Write(out Output, langs []Lang, secure bool) error {
	if !out.Written("_headers") {
		if err := out.WriteRaw("_headers", Headers(out.Paths(), secure)); err != nil {
			return fmt.Errorf("writing _headers: %w", err)
		}
	}
	if !out.Written("_redirects") {
		if err := out.WriteRaw("_redirects", Redirects(langs)); err != nil {
			return fmt.Errorf("writing _redirects: %w", err)
		}
	}
	return nil
}
