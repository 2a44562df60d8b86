package metadata

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"time"

	"sitegen/internal/site"
)

// IndexVersion names the format of the JSON indexes, so that a partner's
// reader can tell when it changes.
const IndexVersion = "sitegen-index/1"

// Index is a machine-readable list of a language's pages, or of one
// section's, for aggregators and partner sites.
type Index struct {
	Version  string       `json:"version"`
	Language string       `json:"language"`
	Title    string       `json:"title"`
	URL      string       `json:"url"`
	Updated  string       `json:"updated,omitempty"` // the newest page's lastmod
	Pages    []IndexEntry `json:"pages"`
}

// IndexEntry is one page of an Index.
type IndexEntry struct {
	Title        string            `json:"title"`
	URL          string            `json:"url"`
	Summary      string            `json:"summary"`
	Date         string            `json:"date,omitempty"`
	Lastmod      string            `json:"lastmod,omitempty"`
	Section      string            `json:"section"`
	Type         string            `json:"type"` // schema.org type of the page's article
	Tags         []string          `json:"tags,omitempty"`
	Translations map[string]string `json:"translations,omitempty"` // language → URL
	Coordinates  *Coordinates      `json:"coordinates,omitempty"`
	Event        *IndexEvent       `json:"event,omitempty"`
}

// Coordinates is a WGS84 point.
type Coordinates struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// IndexEvent is the dates of an event a page reports.
type IndexEvent struct {
	Name  string `json:"name"`
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
}

// IndexURL is the site-absolute path of a home or section page's JSON
// index, or "".
func IndexURL(p *site.Page) string {
	switch p.Kind {
	case site.KindHome, site.KindSection:
		return p.RelURL + "index.json"
	}
	return ""
}

// JSONIndex returns the index of the regular pages under root (a home or
// section page), newest first, and the time of the newest.
func JSONIndex(root *site.Page) ([]byte, time.Time) {
	idx := Index{Version: IndexVersion, Language: HrefLang(root.Lang), Title: root.Title, URL: root.Permalink, Pages: []IndexEntry{}}
	var pages []*site.Page
	var walk func(p *site.Page)
	walk = func(p *site.Page) {
		for _, c := range p.Children {
			if c.Kind == site.KindPage {
				pages = append(pages, c)
			}
			walk(c)
		}
	}
	walk(root)
	slices.SortStableFunc(pages, func(a, b *site.Page) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Permalink, b.Permalink))
	})
	var newest time.Time
	for _, p := range pages {
		if p.Lastmod.After(newest) {
			newest = p.Lastmod
		}
		idx.Pages = append(idx.Pages, indexEntry(p))
	}
	idx.Updated = isoDate(newest)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	_ = enc.Encode(idx) // only strings, numbers and maps of strings: cannot fail
	return bytes.TrimRight(buf.Bytes(), "\n"), newest
}

// indexEntry is page p's entry in a JSON index.
func indexEntry(p *site.Page) IndexEntry {
	e := IndexEntry{
		Title: p.Title, URL: p.Permalink, Summary: Description(p), Section: p.Section,
		Date: isoDate(p.Date), Lastmod: isoDate(p.Lastmod), Type: "Article",
	}
	if p.Data != nil {
		e.Type = p.Data.Schema
		if pl := p.Data.Place; pl != nil && pl.Geo != nil {
			e.Coordinates = &Coordinates{Lat: pl.Geo.Lat, Lon: pl.Geo.Lon}
		}
		if ev := p.Data.Event; ev != nil && !ev.Start.IsZero() {
			e.Event = &IndexEvent{Name: ev.Name, Start: isoDate(ev.Start), End: isoDate(ev.End)}
		}
	}
	for _, t := range p.Terms["tags"] {
		e.Tags = append(e.Tags, t.Title)
	}
	for _, t := range p.Translations {
		if e.Translations == nil {
			e.Translations = map[string]string{}
		}
		e.Translations[HrefLang(t.Lang)] = t.Permalink
	}
	return e
}

// PatchIndex returns index, a JSON index as JSONIndex made it, with the
// entry of page was replaced by that of page now: the same page after an
// edit that kept its place in the index (date, URL) and its lastmod, for
// a rebuild that need not encode thousands of unchanged entries again.
// It reports false when was's entry is not in index exactly once.
func PatchIndex(index []byte, was, now *site.Page) ([]byte, bool) {
	var a, b bytes.Buffer
	for _, x := range []struct {
		buf *bytes.Buffer
		p   *site.Page
	}{{&a, was}, {&b, now}} {
		// Encoded as the Encoder in JSONIndex encodes the entries.
		if err := json.NewEncoder(x.buf).Encode(indexEntry(x.p)); err != nil {
			return nil, false
		}
	}
	old, repl := bytes.TrimRight(a.Bytes(), "\n"), bytes.TrimRight(b.Bytes(), "\n")
	i := bytes.Index(index, old)
	if i < 0 || bytes.Contains(index[i+len(old):], old) {
		return nil, false
	}
	out := make([]byte, 0, len(index)-len(old)+len(repl))
	return append(append(append(out, index[:i]...), repl...), index[i+len(old):]...), true
}

// indexLink is the <link> that announces a list page's JSON index.
func indexLink(p *site.Page) string {
	if u := IndexURL(p); u != "" {
		return p.Lang.Site.AbsURL(u)
	}
	return ""
}
