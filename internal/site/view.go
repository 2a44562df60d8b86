package site

import (
	"strings"

	"sitegen/internal/config"
)

// The kinds of generated pages that are not in any list.
const (
	Kind404       Kind = "404"
	KindLanguages Kind = "languages" // the language picker at "/"
)

// Site returns the language site the page belongs to, as Hugo's .Site.
func (p *Page) Site() *Lang { return p.Lang }

// Languages returns every language of the site, in order.
func (l *Lang) Languages() []*Lang { return l.Site.Langs }

// BaseURL is the site's base URL.
func (l *Lang) BaseURL() string { return l.Site.Config.BaseURL }

// Copyright is the configured copyright line.
func (l *Lang) Copyright() string { return l.Site.Config.Copyright }

// MenuItem is a menu entry with its URL resolved.
type MenuItem struct {
	Name   string
	URL    string
	Page   *Page // the page it leads to, when it is one of the site's
	Weight int
}

// Menu returns a configured menu with URLs resolved: a pageRef or url that
// names a page of the site leads to that page in this language.
func (l *Lang) Menu(name string) []MenuItem {
	var out []MenuItem
	for _, e := range l.Menus[name] {
		out = append(out, l.resolveMenu(e))
	}
	return out
}

func (l *Lang) resolveMenu(e config.MenuEntry) MenuItem {
	it := MenuItem{Name: e.Name, Weight: e.Weight}
	ref := e.PageRef
	if ref == "" {
		ref = e.URL
	}
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		it.URL = ref
		return it
	}
	key := strings.Trim(ref, "/")
	key = strings.TrimPrefix(strings.TrimPrefix(key, l.Code+"/"), l.Code)
	key = strings.Trim(key, "./")
	key = strings.TrimSuffix(strings.TrimSuffix(key, ".md"), "/_index")
	if key == "" || key == "_index" {
		it.Page = l.Home
	} else if p := l.Site.Lookup(l.Code, key); p != nil {
		it.Page = p
	} else if p := l.Site.ByURL(l.Prefix + "/" + key + "/"); p != nil {
		it.Page = p
	} else if p := l.Site.ByURL("/" + key + "/"); p != nil {
		it.Page = p
	}
	if it.Page != nil {
		it.URL = it.Page.RelURL
		return it
	}
	if strings.HasPrefix(ref, "/") {
		it.URL = ref
	} else {
		it.URL = l.Prefix + "/" + ref
	}
	return it
}

// SwitchItem is one entry of a page's language switcher.
type SwitchItem struct {
	Lang       *Lang
	URL        string // where the entry leads
	Current    bool   // the page's own language
	Translated bool   // false when URL is a fallback to an ancestor
}

// Switcher returns the language switcher of a page: for each language the
// translation, or the nearest translated ancestor with a fragment that
// makes that page show a "not available in this language" note. A reader
// never lands on a 404.
func (p *Page) Switcher() []SwitchItem {
	var out []SwitchItem
	for _, l := range p.Lang.Site.Langs {
		if p.Kind == KindLanguages {
			out = append(out, SwitchItem{Lang: l, URL: l.Home.RelURL, Translated: true})
			continue
		}
		t, ok := p.Fallback(l.Code)
		it := SwitchItem{Lang: l, Current: l == p.Lang, Translated: ok}
		if t != nil {
			it.URL = t.RelURL
			if !ok {
				it.URL += "#untranslated"
			}
		}
		out = append(out, it)
	}
	return out
}

// Breadcrumbs returns the trail from home to the page, home first.
func (p *Page) Breadcrumbs() []*Page {
	a := p.Ancestors()
	out := make([]*Page, 0, len(a)+1)
	for i := len(a) - 1; i >= 0; i-- {
		out = append(out, a[i])
	}
	return append(out, p)
}

// Param returns a front matter param, or nil.
func (p *Page) Param(key string) any { return p.Params[strings.ToLower(key)] }

// addSpecialPages adds each language's 404 page and, when every language
// has a prefix, the language picker at "/".
func (s *Site) addSpecialPages() {
	for _, l := range s.Langs {
		p := &Page{Kind: Kind404, Lang: l, Key: "404", Title: "404", Params: map[string]any{}, Parent: l.Home}
		p.RelURL = l.Prefix + "/404.html"
		p.Permalink = s.AbsURL(p.RelURL)
		s.Pages = append(s.Pages, p)
	}
	for _, l := range s.Langs {
		if l.Prefix == "" {
			return
		}
	}
	def := s.Lang(s.Config.DefaultLang)
	p := &Page{Kind: KindLanguages, Lang: def, Key: "", Title: s.Config.Title, Params: map[string]any{}}
	p.RelURL = "/"
	p.Permalink = s.AbsURL("/")
	s.Pages = append(s.Pages, p)
}
