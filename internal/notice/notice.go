// Package notice gathers the urgent notices valid at build time: pages
// with a [notice] table whose start has come and whose end has not. The
// plan behind the site asks for quick answers to sudden events; a notice
// reaches every page of every language without anyone editing those pages,
// and leaves at the first build after its end.
package notice

import (
	"cmp"
	"html/template"
	"slices"
	"time"

	"sitegen/internal/metadata"
	"sitegen/internal/site"
)

// View is a notice as one language shows it.
type View struct {
	Title    string
	Text     template.HTML // the notice's summary
	URL      string        // site-absolute or external
	Lang     string        // the language of Title and Text
	Fallback bool          // the page's language has no translation; the text is in Lang
	Start    time.Time
	End      time.Time
	page     *site.Page
}

// Active returns, per language code, the notices valid at now, newest
// first. A language without a translation of a notice gets the default
// language's text, marked as such.
func Active(s *site.Site, now time.Time) map[string][]View {
	out := map[string][]View{}
	seen := map[*site.Page]bool{}
	for _, p := range s.Pages {
		if p.Data == nil || p.Data.Notice == nil || seen[p] {
			continue
		}
		group := p.AllTranslations()
		for _, t := range group {
			seen[t] = true
		}
		src := p.Translation(s.Config.DefaultLang)
		if src == nil {
			src = group[0]
		}
		n := src.Data.Notice
		if n == nil || now.Before(n.Start) || !now.Before(n.End) {
			continue
		}
		for _, l := range s.Langs {
			t := p.Translation(l.Code)
			v := View{Fallback: t == nil}
			if t == nil {
				t = src
			}
			v.Title, v.Text, v.Lang, v.Start, v.End, v.page = t.Title, t.Summary(), t.Lang.Code, n.Start, n.End, t
			v.URL = cmp.Or(n.Link, t.RelURL)
			if tn := t.Data.Notice; tn != nil && tn.Link != "" {
				v.URL = tn.Link
			}
			out[l.Code] = append(out[l.Code], v)
		}
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b View) int {
			return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.URL, b.URL))
		})
	}
	return out
}

// FeedItems turns a language's notices into feed entries.
func FeedItems(s *site.Site, vs []View) []metadata.FeedItem {
	var items []metadata.FeedItem
	for _, v := range vs {
		link := v.URL
		if len(link) > 0 && link[0] == '/' {
			link = s.AbsURL(link)
		}
		items = append(items, metadata.FeedItem{Title: v.Title, Link: link, Description: metadata.Description(v.page), Date: v.Start})
	}
	return items
}
