package metadata

import (
	"html/template"
	"strings"
	"testing"
)

// headTemplate is how the head block was written before writeHead: the
// reference for its escaping, which html/template chooses per context.
var headTemplate = template.Must(template.New("head").Parse(`<meta name="description" content="{{.Description}}">` +
	`<link rel="canonical" href="{{.Canonical}}">` +
	`{{range .Alternates}}<link rel="alternate" hreflang="{{.HrefLang}}" href="{{.URL}}">` +
	`{{end}}{{with .Feed}}<link rel="alternate" type="application/rss+xml" title="{{$.FeedTitle}}" href="{{.}}">` +
	`{{end}}{{with .Index}}<link rel="alternate" type="application/json" title="{{$.Title}} (JSON)" href="{{.}}">` +
	`{{end}}<meta property="og:type" content="{{.OGType}}">` +
	`<meta property="og:title" content="{{.Title}}">` +
	`<meta property="og:description" content="{{.Description}}">` +
	`<meta property="og:url" content="{{.Canonical}}">` +
	`<meta property="og:site_name" content="{{.SiteName}}">` +
	`<meta property="og:locale" content="{{.Locale}}">` +
	`{{range .LocaleAlts}}<meta property="og:locale:alternate" content="{{.}}">` +
	`{{end}}{{with .Image}}<meta property="og:image" content="{{.}}">` +
	`<meta property="og:image:alt" content="{{$.Title}}">` +
	`{{end}}<meta name="twitter:card" content="{{if .Image}}summary_large_image{{else}}summary{{end}}">` +
	`{{range .JSONLD}}<script type="application/ld+json">{{.}}</script>` +
	`{{end}}`))

// TestHeadEscaping: writeHead writes the same bytes as html/template does
// for the same block, on values an editor or an attacker could put in a
// title, a description, an image URL or a page URL.
func TestHeadEscaping(t *testing.T) {
	hostile := []string{
		"", "Bà Rá", "ភ្នំបារ៉ា", `"quoted" & 'single' <b>tags</b> a+b=c`, "nul\x00byte", "bad \xff\xfe utf8",
		"javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "data:text/html,<script>", "mailto:a@b.org",
		"https://example.org/km/ទេសចរណ៍/ភ្នំ/?q=a b&c=d#frag", "https://x.org/%E1%9E%80%zz/", "/a/b c/", "//evil.org/",
		"http://x.org/\"><script>alert(1)</script>", "tab\tnew\nline", "ftp://x/", "a:b/c", "/x:y",
		"{{ .Title }}", "</script><script>alert(1)</script>", "`backtick` =eq", "¶§ ©®", "%", "%4", "x%41", "/a%2" + "0b/",
	}
	for _, v := range hostile {
		for _, d := range []headData{
			{Title: v, Description: v, Canonical: v, SiteName: v, Locale: v, OGType: "article", Image: v, Feed: v, FeedTitle: v, Index: v,
				Alternates: []Alternate{{HrefLang: v, URL: v}, {HrefLang: "x-default", URL: "https://x.org/" + v}}, LocaleAlts: []string{v, "en_US"},
				JSONLD: []template.JS{`{"@type":"WebPage","name":"\u003c/script\u003e"}`}},
			{Title: v, Description: v, Canonical: "https://example.org/" + v, OGType: "website"},
		} {
			var want, got strings.Builder
			if err := headTemplate.Execute(&want, d); err != nil {
				t.Fatal(err)
			}
			writeHead(&got, d)
			if got.String() != want.String() {
				t.Errorf("value %q:\n got %s\nwant %s", v, got.String(), want.String())
			}
		}
	}
}
