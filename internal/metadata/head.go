package metadata

import (
	"strings"

	"sitegen/internal/escape"
)

// writeHead writes a page's metadata block: description, canonical,
// hreflang alternates, feed and index links, Open Graph and JSON-LD, with
// no white space between the tags (pages are not minified after their
// layouts run).
//
// It was an html/template, executed on every page of the site: a tenth
// of the time spent in templates. The values are escaped here as
// html/template escapes them in the same places (package escape), and
// TestHeadEscaping holds the two to the same bytes on hostile values.
func writeHead(b *strings.Builder, d headData) {
	attr := func(prefix, value, suffix string) {
		b.WriteString(prefix)
		escape.HTML(b, value)
		b.WriteString(suffix)
	}
	url := func(prefix, value, suffix string) {
		b.WriteString(prefix)
		escape.URLAttr(b, value)
		b.WriteString(suffix)
	}
	attr(`<meta name="description" content="`, d.Description, `">`)
	url(`<link rel="canonical" href="`, d.Canonical, `">`)
	for _, a := range d.Alternates {
		attr(`<link rel="alternate" hreflang="`, a.HrefLang, `"`)
		url(` href="`, a.URL, `">`)
	}
	if d.Feed != "" {
		attr(`<link rel="alternate" type="application/rss+xml" title="`, d.FeedTitle, `"`)
		url(` href="`, d.Feed, `">`)
	}
	if d.Index != "" {
		attr(`<link rel="alternate" type="application/json" title="`, d.Title, ` (JSON)"`)
		url(` href="`, d.Index, `">`)
	}
	attr(`<meta property="og:type" content="`, d.OGType, `">`)
	attr(`<meta property="og:title" content="`, d.Title, `">`)
	attr(`<meta property="og:description" content="`, d.Description, `">`)
	attr(`<meta property="og:url" content="`, d.Canonical, `">`)
	attr(`<meta property="og:site_name" content="`, d.SiteName, `">`)
	attr(`<meta property="og:locale" content="`, d.Locale, `">`)
	for _, l := range d.LocaleAlts {
		attr(`<meta property="og:locale:alternate" content="`, l, `">`)
	}
	card := "summary"
	if d.Image != "" {
		attr(`<meta property="og:image" content="`, d.Image, `">`)
		attr(`<meta property="og:image:alt" content="`, d.Title, `">`)
		card = "summary_large_image"
	}
	b.WriteString(`<meta name="twitter:card" content="` + card + `">`)
	for _, j := range d.JSONLD {
		// Marshalled with HTML escaping: no "<" can end the script.
		b.WriteString(`<script type="application/ld+json">`)
		b.WriteString(string(j))
		b.WriteString(`</script>`)
	}
}
