package metadata

import "strings"

// writeHead writes a page's metadata block: description, canonical,
// hreflang alternates, feed and index links, Open Graph and JSON-LD, with
// no white space between the tags (pages are not minified after their
// layouts run).
//
// It was an html/template, executed on every page of the site: a tenth
// of the time spent in templates. The values are escaped here as
// html/template escapes them in the same places (attrEscape, urlAttr), and
// TestHeadEscaping holds the two to the same bytes on hostile values.
func writeHead(b *strings.Builder, d headData) {
	attr := func(prefix, value, suffix string) {
		b.WriteString(prefix)
		attrEscape(b, value)
		b.WriteString(suffix)
	}
	url := func(prefix, value, suffix string) {
		b.WriteString(prefix)
		urlAttr(b, value)
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

// attrEscape writes s escaped for a quoted attribute value, as
// html/template's attribute escaper does (NUL becomes U+FFFD; " & ' + < >
// become entities).
func attrEscape(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// urlAttr writes URL u as html/template writes it into an href: a URL
// with a scheme other than http, https or mailto becomes "#ZgotmplZ";
// bytes outside RFC 3986's unreserved and reserved sets are
// percent-encoded (an existing escape is kept); then it is escaped for the
// attribute.
func urlAttr(b *strings.Builder, u string) {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		u = "#ZgotmplZ"
	}
	var n strings.Builder
	written := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue // a valid escape stays as it is
		}
		n.WriteString(u[written:i])
		n.WriteByte('%')
		n.WriteByte(hexLower[c>>4])
		n.WriteByte(hexLower[c&15])
		written = i + 1
	}
	if written == 0 {
		attrEscape(b, u)
		return
	}
	n.WriteString(u[written:])
	attrEscape(b, n.String())
}

const hexLower = "0123456789abcdef"

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
