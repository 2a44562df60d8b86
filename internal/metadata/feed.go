package metadata

import (
	"encoding/xml"
	"time"

	"sitegen/internal/site"
)

type rss struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	Channel channel  `xml:"channel"`
}

type channel struct {
	Title         string   `xml:"title"`
	Link          string   `xml:"link"`
	Description   string   `xml:"description"`
	Language      string   `xml:"language"`
	LastBuildDate string   `xml:"lastBuildDate,omitempty"`
	Self          atomLink `xml:"atom:link"`
	Items         []item   `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type item struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate,omitempty"`
	Description string `xml:"description"`
	Category    string `xml:"category,omitempty"`
}

// FeedItem is an extra entry a feed carries besides pages (an urgent notice).
type FeedItem struct {
	Title, Link, Description string
	Date                     time.Time
}

// Feed returns the RSS 2.0 feed of a home or section page: its regular
// pages, newest first, at most limit of them.
func Feed(p *site.Page, limit int, extra ...FeedItem) []byte {
	s := p.Lang.Site
	pages := p.Pages()
	if p.Kind == site.KindSection {
		pages = descendants(p)
	}
	title := p.Title
	if p.Kind == site.KindSection {
		title = p.Title + " · " + p.Lang.Title
	}
	c := channel{
		Title: title, Link: p.Permalink, Description: Description(p), Language: HrefLang(p.Lang),
		Self: atomLink{Href: s.AbsURL(FeedURL(p)), Rel: "self", Type: "application/rss+xml"},
	}
	var newest time.Time
	for _, e := range extra {
		// The notice's own page may be in the feed too; its GUID must differ.
		c.Items = append(c.Items, item{Title: e.Title, Link: e.Link, GUID: e.Link + "#notice", PubDate: e.Date.Format(time.RFC1123Z), Description: e.Description})
	}
	for i, q := range pages {
		if i == limit {
			break
		}
		it := item{Title: q.Title, Link: q.Permalink, GUID: q.Permalink, Description: Description(q), Category: q.Section}
		if !q.Date.IsZero() {
			it.PubDate = q.Date.Format(time.RFC1123Z)
			if q.Date.After(newest) {
				newest = q.Date
			}
		}
		c.Items = append(c.Items, it)
	}
	if !newest.IsZero() {
		c.LastBuildDate = newest.Format(time.RFC1123Z)
	}
	return encodeXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: c})
}

// descendants returns every regular page below a section, newest first.
func descendants(p *site.Page) []*site.Page {
	var out []*site.Page
	for _, q := range p.Lang.RegularPgs {
		for a := q.Parent; a != nil; a = a.Parent {
			if a == p {
				out = append(out, q)
				break
			}
		}
	}
	return out
}
