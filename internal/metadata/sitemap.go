package metadata

import (
	"bytes"
	"encoding/xml"
	"time"

	"sitegen/internal/site"
)

type urlset struct {
	XMLName xml.Name   `xml:"urlset"`
	NS      string     `xml:"xmlns,attr"`
	XHTML   string     `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapU `xml:"url"`
}

type sitemapU struct {
	Loc     string      `xml:"loc"`
	Lastmod string      `xml:"lastmod,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapIndex struct {
	XMLName  xml.Name  `xml:"sitemapindex"`
	NS       string    `xml:"xmlns,attr"`
	Sitemaps []sitemap `xml:"sitemap"`
}

type sitemap struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Sitemap returns the sitemap of one language: every page with its
// hreflang alternates.
func Sitemap(l *site.Lang, pages []*site.Page) ([]byte, time.Time) {
	us := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	var newest time.Time
	for _, p := range pages {
		if p.Lang != l {
			continue
		}
		u := sitemapU{Loc: p.Permalink}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.UTC().Format("2006-01-02")
			if p.Lastmod.After(newest) {
				newest = p.Lastmod
			}
		}
		if len(p.Translations) > 0 {
			for _, a := range Alternates(p) {
				u.Links = append(u.Links, xhtmlLink{Rel: "alternate", HrefLang: a.HrefLang, Href: a.URL})
			}
		}
		us.URLs = append(us.URLs, u)
	}
	// The language's JSON index is for machines that start from the
	// sitemap, such as a partner's aggregator.
	if l.Home != nil {
		if f := IndexURL(l.Home); f != "" {
			us.URLs = append(us.URLs, sitemapU{Loc: l.Site.AbsURL(f), Lastmod: dateOnly(newest)})
		}
	}
	return encodeXML(us), newest
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// SitemapIndex lists the per-language sitemaps.
func SitemapIndex(s *site.Site, lastmods map[string]time.Time) []byte {
	si := sitemapIndex{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, l := range s.Langs {
		sm := sitemap{Loc: s.AbsURL(l.Prefix + "/sitemap.xml")}
		if t := lastmods[l.Code]; !t.IsZero() {
			sm.Lastmod = t.UTC().Format("2006-01-02")
		}
		si.Sitemaps = append(si.Sitemaps, sm)
	}
	return encodeXML(si)
}

func encodeXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only unsupported types fail to encode; the types here are fixed.
		panic("metadata: encoding XML: " + err.Error())
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// Robots returns robots.txt pointing at the sitemap index.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("/sitemap.xml") + "\n")
}
