package search

import (
	"errors"
	"fmt"
	"sync"

	"sitegen/internal/site"
)

// Layout is the layout name of a site's search pages; such pages are left
// out of the index, as are the 404 pages, the language picker and taxonomy
// lists, which only repeat other pages' titles.
const Layout = "search"

// IsPage reports whether p is a search page (its layout is Layout).
func IsPage(p *site.Page) bool {
	l, _ := p.Params["layout"].(string)
	return l == Layout
}

// Indexed reports whether page p belongs in the search index.
func Indexed(p *site.Page) bool {
	switch p.Kind {
	case site.KindPage, site.KindSection, site.KindHome:
	default:
		return false
	}
	return !IsPage(p)
}

// Write builds the index of every language that has a search page (a page
// with layout "search"; a language without one has nowhere to use an
// index) from the rendered pages of s, and writes its files with write,
// under Dir(lang). Languages are indexed in parallel.
func Write(s *site.Site, write func(rel string, b []byte) error) error {
	searchable := Languages(s)
	errs := make([]error, len(s.Langs))
	var wg sync.WaitGroup
	for i, l := range s.Langs {
		if !searchable[l] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = writeLang(s, l, write)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Languages returns the languages that have a search page, and so an
// index: only their pages' whole text is needed after rendering.
func Languages(s *site.Site) map[*site.Lang]bool {
	searchable := map[*site.Lang]bool{}
	for _, p := range s.Pages {
		if IsPage(p) {
			searchable[p.Lang] = true
		}
	}
	return searchable
}

func writeLang(s *site.Site, l *site.Lang, write func(rel string, b []byte) error) error {
	x := New(l.Code)
	for _, d := range Docs(s, l) {
		x.Add(d)
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
	return nil
}
