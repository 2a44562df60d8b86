package search

import (
	"fmt"

	"sitegen/internal/site"
)

// Layout is the layout name of a site's search pages; such pages are left
// out of the index, as are the 404 pages, the language picker and taxonomy
// lists, which only repeat other pages' titles.
const Layout = "search"

// Indexed reports whether page p belongs in the search index.
func Indexed(p *site.Page) bool {
	switch p.Kind {
	case site.KindPage, site.KindSection, site.KindHome:
	default:
		return false
	}
	l, _ := p.Params["layout"].(string)
	return l != Layout
}

// Write builds every language's index from the rendered pages of s and
// writes its files with write, under Dir(lang).
func Write(s *site.Site, write func(rel string, b []byte) error) error {
	for _, l := range s.Langs {
		x := New(l.Code)
		for _, p := range s.Pages {
			if p.Lang == l && Indexed(p) {
				x.Add(Doc{URL: p.RelURL, Title: p.Title, HTML: string(p.Content), Text: p.Plain})
			}
		}
		files, err := x.Files()
		if err != nil {
			return fmt.Errorf("search index for %s: %w", l.Code, err)
		}
		for name, b := range files {
			if err := write(Dir(l.Code)+name, b); err != nil {
				return fmt.Errorf("writing the search index: %w", err)
			}
		}
	}
	return nil
}
