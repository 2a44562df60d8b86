// Package metadata writes what describes a page to machines, in Go rather
// than in templates: canonical and hreflang links, Open Graph, JSON-LD,
// sitemaps with alternates, and feeds. Everything is escaped by the
// encoder of its format (html/template's escaper, encoding/json,
// encoding/xml), so a hostile title cannot leave the context it is in.
package metadata

import (
	"encoding/json"
	"html/template"
	"strings"
	"unicode"

	"sitegen/internal/site"
)

// Alternate is one language version of a page for hreflang.
type Alternate struct {
	HrefLang string
	URL      string
}

// Alternates returns the page's hreflang set: itself and every translation
// (absolute URLs, the same set on every member, so they are reciprocal),
// then x-default.
func Alternates(p *site.Page) []Alternate {
	if p.PagerNumber() > 1 {
		// Later pagers of a list have no counterpart in other languages
		// (their pages differ); they stand alone.
		return []Alternate{{HrefLang: HrefLang(p.Lang), URL: p.Permalink}, {HrefLang: "x-default", URL: p.Permalink}}
	}
	var out []Alternate
	set := p.AllTranslations()
	if p.Kind == site.KindLanguages {
		set = set[:0]
		for _, l := range p.Lang.Site.Langs {
			set = append(set, l.Home)
		}
	}
	for _, t := range set {
		out = append(out, Alternate{HrefLang: HrefLang(t.Lang), URL: t.Permalink})
	}
	out = append(out, Alternate{HrefLang: "x-default", URL: XDefault(p)})
	return out
}

// HrefLang is the language tag used in hreflang and <html lang>.
func HrefLang(l *site.Lang) string {
	if l.LanguageCode != "" {
		return l.LanguageCode
	}
	return l.Code
}

// XDefault is where a reader whose language the site lacks should land:
// the language picker for home pages (when the site has one), otherwise the
// page in the default language, or its first translation.
func XDefault(p *site.Page) string {
	s := p.Lang.Site
	if (p.Kind == site.KindHome || p.Kind == site.KindLanguages) && HasPicker(s) {
		return s.AbsURL("/")
	}
	if t := p.Translation(s.Config.DefaultLang); t != nil {
		return t.Permalink
	}
	return p.AllTranslations()[0].Permalink
}

// HasPicker reports whether "/" is a language picker: the case when every
// language, the default included, lives under its own prefix.
func HasPicker(s *site.Site) bool {
	for _, l := range s.Langs {
		if l.Prefix == "" {
			return false
		}
	}
	return true
}

// OGLocale maps a language to an Open Graph locale such as "vi_VN".
func OGLocale(l *site.Lang) string {
	if v, ok := l.Params["oglocale"].(string); ok && v != "" {
		return v
	}
	code := l.LanguageCode
	if base, region, ok := strings.Cut(code, "-"); ok {
		return base + "_" + strings.ToUpper(region)
	}
	switch code {
	case "vi":
		return "vi_VN"
	case "en":
		return "en_US"
	case "km":
		return "km_KH"
	case "fr":
		return "fr_FR"
	case "de":
		return "de_DE"
	case "es":
		return "es_ES"
	}
	return code
}

// Description returns the page's description, falling back to its summary
// text and then to the site's description, never to nothing.
func Description(p *site.Page) string {
	if p.Description != "" {
		return p.Description
	}
	if plain := p.Plain(); plain != "" {
		return Truncate(plain, 160)
	}
	if d, ok := p.Lang.Params["description"].(string); ok && d != "" {
		return d
	}
	return p.Lang.Title
}

// Truncate shortens s to at most n runes at a space where there is one
// (Khmer has none between words, so it may cut inside a phrase), adding "…".
// White space is collapsed first. Only the first n+1 runes are looked at:
// it is called for every card on every list page with a whole page's text.
func Truncate(s string, n int) string {
	if n < 0 {
		n = 0
	}
	r := make([]rune, 0, min(n+1, len(s)))
	space := false
	for _, c := range s {
		if unicode.IsSpace(c) {
			space = len(r) > 0
			continue
		}
		if space {
			r = append(r, ' ')
			space = false
		}
		r = append(r, c)
		if len(r) > n {
			break
		}
	}
	if len(r) <= n { // all of s: short, so the plain way is cheap and exact
		return strings.Join(strings.Fields(s), " ")
	}
	cut := n - 1
	for i := cut; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	if cut < 0 {
		cut = 0
	}
	return strings.TrimRight(string(r[:cut]), " ,.;:") + "…"
}

type headData struct {
	Title, Description, Canonical, SiteName, Locale, OGType, Image, Feed, FeedTitle, Index string
	Alternates                                                                             []Alternate
	LocaleAlts                                                                             []string
	JSONLD                                                                                 []template.JS
}

// Head returns the metadata block of a page's <head>.
func Head(p *site.Page) (template.HTML, error) {
	d := headData{
		Title: p.Title, Description: Description(p), Canonical: p.Permalink, SiteName: p.Lang.Title,
		Locale: OGLocale(p.Lang), OGType: "website", Alternates: Alternates(p),
	}
	if p.Kind == site.KindPage {
		d.OGType = "article"
	}
	for _, t := range p.Translations {
		d.LocaleAlts = append(d.LocaleAlts, OGLocale(t.Lang))
	}
	d.Image = Image(p)
	d.Index = indexLink(p)
	if f := FeedURL(p); f != "" {
		d.Feed = p.Lang.Site.AbsURL(f)
		d.FeedTitle = p.Title
	}
	size := 2048 // the tags, canonical, alternates and Open Graph
	for _, v := range JSONLD(p) {
		b, err := marshal(v)
		if err != nil {
			return "", err
		}
		d.JSONLD = append(d.JSONLD, template.JS(b))
		size += len(b) + 64
	}
	// Sized once: a head is a few kilobytes on every page of the site.
	var buf strings.Builder
	buf.Grow(size + 160*len(d.Alternates))
	writeHead(&buf, d)
	return template.HTML(buf.String()), nil
}

// Image returns the page's absolute image URL: front matter image, else
// the site's default image from params, else "".
func Image(p *site.Page) string {
	for _, params := range []map[string]any{p.Params, p.Lang.Params, p.Lang.Site.Config.Params} {
		if v, ok := params["image"].(string); ok && v != "" {
			if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
				return v
			}
			if !strings.HasPrefix(v, "/") {
				v = p.RelURL + v
			}
			return p.Lang.Site.AbsURL(v)
		}
	}
	return ""
}

// FeedURL is the site-absolute path of the feed a list page has, or "".
func FeedURL(p *site.Page) string {
	switch p.Kind {
	case site.KindHome, site.KindSection:
		return p.RelURL + "index.xml"
	}
	return ""
}

// marshal encodes JSON-LD. encoding/json escapes <, > and & as \u003c etc.,
// so nothing in a value can close the <script> element it is written into.
//
// json.Marshal escapes HTML as an Encoder with SetEscapeHTML(true) does,
// without the trailing newline, from a pooled buffer.
func marshal(v any) ([]byte, error) {
	return json.Marshal(v)
}
