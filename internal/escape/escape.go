// Package escape writes values into HTML attributes and text exactly as
// html/template does in the same places, for the code that writes HTML
// without executing a template on every page: the head block (package
// metadata) and the parts of layouts that are the same on every page of a
// language (package layout). Their tests hold them to html/template's
// bytes.
package escape

import "strings"

// HTML writes s escaped as html/template's HTML, attribute and RCDATA
// escapers do for a plain string: NUL becomes U+FFFD; " & ' + < > become
// entities.
func HTML(b *strings.Builder, s string) {
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

// URLFilter is html/template's URL filter: a URL with a scheme other than
// http, https or mailto becomes "#ZgotmplZ".
func URLFilter(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return u
}

// URLNormalize is html/template's URL normaliser: bytes outside RFC 3986's
// unreserved and reserved sets are percent-encoded; a valid escape is
// kept.
func URLNormalize(u string) string {
	var n strings.Builder
	written := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue
		}
		n.WriteString(u[written:i])
		n.WriteByte('%')
		n.WriteByte(hexLower[c>>4])
		n.WriteByte(hexLower[c&15])
		written = i + 1
	}
	if written == 0 {
		return u
	}
	n.WriteString(u[written:])
	return n.String()
}

// URLAttr writes u as html/template writes it into an href: filtered,
// normalised, then escaped for the attribute.
func URLAttr(b *strings.Builder, u string) { HTML(b, URLNormalize(URLFilter(u))) }

const hexLower = "0123456789abcdef"

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
