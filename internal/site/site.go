// Package site assembles sources into the page graph the templates see:
// pages per language, sections, taxonomies, translations (by path or by
// translationKey), URLs parallel across languages, and the fallbacks a
// reader is sent to when a page is not translated.
//
// Everything an editor can get wrong across files is checked here: two
// pages claiming one URL, a translationKey used twice in one language.
package site

import (
	"cmp"
	"html/template"
	"maps"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/fault"
	"sitegen/internal/schema"
	"sitegen/internal/slug"
)

// Kind is the kind of a page, with Hugo's names.
type Kind string

// The page kinds.
const (
	KindHome     Kind = "home"
	KindSection  Kind = "section"
	KindPage     Kind = "page"
	KindTaxonomy Kind = "taxonomy"
	KindTerm     Kind = "term"
)

// Site is the assembled page graph.
type Site struct {
	Config *config.Config
	Langs  []*Lang
	Pages  []*Page // every page to render, in a stable order
	Now    time.Time
	// Hidden holds sources left out of the build (drafts, future, expired)
	// by file key, so a link to one can say why it is broken.
	Hidden     map[string]*content.Source
	bySrc      map[string]*Page // "lang|key" → page, for link resolution
	byURL      map[string]*Page
	renderBody BodyRenderer
	reach      func(Reach) // see SetReach; nil when nobody listens
}

// Lang is one language of the site with its pages.
type Lang struct {
	*config.Language
	Site       *Site
	IsDefault  bool
	Prefix     string // URL prefix without trailing slash: "/vi", or "" for an unprefixed default language
	Home       *Page
	Sections   []*Page // top-level sections, ordered
	RegularPgs []*Page // regular pages, newest first
	Taxonomies []*Page // taxonomy list pages, ordered by name
}

// Page is one page of one language.
type Page struct {
	Kind         Kind
	Lang         *Lang
	Src          *content.Source // nil for generated pages
	Key          string          // language-free logical path
	Title        string
	Description  string
	Date         time.Time
	Lastmod      time.Time
	Weight       int
	Section      string
	RelURL       string // site-absolute path, e.g. "/en/tourism/ba-ra-mountain/"
	Permalink    string // absolute URL
	Parent       *Page
	Children     []*Page            // regular pages and subsections, ordered
	Translations []*Page            // the same page in other languages, by language order
	Terms        map[string][]*Page // taxonomy plural → term pages this page is tagged with
	Params       map[string]any
	Taxonomy     string // for taxonomy and term pages: the plural name
	TOC          template.HTML
	Data         *schema.Data // what the front matter says about the page's subject; nil for generated pages
	transKey     string
	body         *bodyState   // for pages with a source; shared by pager copies
	pages        []*Page      // what Pages returns, made once by Assemble: templates ask for it per page
	pos          int          // the page's index in its parent's pages, for Neighbours
	pagerNum     int          // for copies rendered as pager n of a list (PagerCopy)
	listPage     *Page        // the list page a pager copy is of
	usedPager    *atomic.Bool // set when a rendering calls Paginator

}

// Listed reports whether a page appears in lists, feeds and indexes.
// Hugo's build option list = "never" (in [build] or [_build]) keeps a
// page such as the search page out of them while it is still rendered.
func Listed(p *Page) bool {
	for _, k := range []string{"build", "_build"} {
		if m, ok := p.Params[k].(map[string]any); ok {
			if v, ok := m["list"]; ok && (v == "never" || v == false) {
				return false
			}
		}
	}
	return true
}

// IsTranslated reports whether the page exists in more than one language.
func (p *Page) IsTranslated() bool { return len(p.Translations) > 0 }

// Translation returns the page in language code, or nil.
func (p *Page) Translation(code string) *Page {
	p.Lang.Site.traced(Reach{How: "Translation", From: p})
	if p.Lang.Code == code {
		return p
	}
	for _, t := range p.Translations {
		if t.Lang.Code == code {
			return t
		}
	}
	return nil
}

// AllTranslations returns the page and its translations in language order.
func (p *Page) AllTranslations() []*Page {
	p.Lang.Site.traced(Reach{How: "AllTranslations", From: p})
	out := make([]*Page, 0, len(p.Translations)+1)
	for _, l := range p.Lang.Site.Langs {
		if t := p.Translation(l.Code); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// Ancestors returns the page's parents, nearest first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	return out
}

// Fallback returns where a reader of language code should go from this
// page: the translation itself when there is one, otherwise the nearest
// ancestor that is translated. The second result is false for a fallback.
func (p *Page) Fallback(code string) (*Page, bool) {
	p.Lang.Site.traced(Reach{How: "Fallback", From: p})
	if t := p.Translation(code); t != nil {
		return t, true
	}
	for _, a := range p.Ancestors() {
		if t := a.Translation(code); t != nil {
			return t, false
		}
	}
	for _, l := range p.Lang.Site.Langs {
		if l.Code == code {
			return l.Home, false
		}
	}
	return nil, false
}

// Neighbourhood is a page's place in its section, for navigation.
type Neighbourhood struct {
	Pages []*Page // at most n pages around the page, in the section's order
	Total int     // how many pages the section lists
}

// Neighbours returns at most n pages of p's section around p (p included)
// and the section's size: a neighbourhood whose size does not grow with
// the section, so that a section of thousands of pages does not put
// thousands of links on each of them. {{ with .Neighbours 9 }}…{{ end }}
func (p *Page) Neighbours(n int) Neighbourhood {
	p.Lang.Site.traced(Reach{How: "Neighbours", From: p, N: n})
	if p.Parent == nil || n <= 0 {
		return Neighbourhood{}
	}
	all := p.Parent.listed()
	if len(all) <= n {
		return Neighbourhood{Pages: all, Total: len(all)}
	}
	i := p.pos
	if i >= len(all) || all[i] != p { // not listed (build.list = "never"), or a pager copy
		i = slices.Index(all, p)
	}
	start := max(0, min(i-n/2, len(all)-n))
	return Neighbourhood{Pages: all[start : start+n], Total: len(all)}
}

// Pages returns the regular pages below a list page, recursively for the
// home page, ordered newest first.
func (p *Page) Pages() []*Page {
	p.Lang.Site.traced(Reach{How: "Pages", From: p})
	return p.listed()
}

// listed is Pages without telling the rebuild's tracer.
func (p *Page) listed() []*Page {
	switch p.Kind {
	case KindHome:
		return p.Lang.RegularPgs
	case KindPage:
		return nil
	}
	return p.pages
}

// indexLists makes every list page's Pages once, and records each page's
// place in its parent's, so that a section's sidebar on each of its
// thousand pages costs neither a new slice nor a search.
func (s *Site) indexLists() {
	for _, p := range s.Pages {
		if p.Kind == KindHome || p.Kind == KindPage {
			continue
		}
		p.pages = childPages(p)
	}
	for _, p := range s.Pages {
		for i, c := range p.listed() {
			if c.Parent == p {
				c.pos = i
			}
		}
	}
}

func childPages(p *Page) []*Page {
	var out []*Page
	for _, c := range p.Children {
		if c.Kind == KindPage || c.Kind == KindTerm {
			out = append(out, c)
		}
	}
	return out
}

// Sections returns the subsections of a list page.
func (p *Page) Sections() []*Page {
	if p.Kind == KindHome {
		return p.Lang.Sections
	}
	var out []*Page
	for _, c := range p.Children {
		if c.Kind == KindSection {
			out = append(out, c)
		}
	}
	return out
}

// IsHome and friends let templates test a page's kind.
func (p *Page) IsHome() bool    { return p.Kind == KindHome }
func (p *Page) IsPage() bool    { return p.Kind == KindPage }
func (p *Page) IsSection() bool { return p.Kind == KindSection }
func (p *Page) IsList() bool    { return p.Kind != KindPage }

// File is the page's source file, relative to the site, or "".
func (p *Page) File() string {
	if p.Src == nil {
		return ""
	}
	return p.Src.File
}

// Lookup returns the page of language lang for a content key, or nil.
func (s *Site) Lookup(lang, key string) *Page {
	p := s.bySrc[lang+"|"+key]
	s.traced(Reach{How: "Lookup", Got: p})
	return p
}

// Find is Lookup without telling the rebuild's tracer (SetReach): for the
// links in pages' Markdown, which show only the target's URL, and an edit
// that changes a URL rebuilds the whole site anyway.
func (s *Site) Find(lang, key string) *Page { return s.bySrc[lang+"|"+key] }

// ByURL returns the page at a site-absolute path, or nil.
func (s *Site) ByURL(u string) *Page {
	p := s.byURL[u]
	s.traced(Reach{How: "ByURL", Got: p})
	return p
}

// Owns reports whether p may be written at its URL: false when an
// earlier page claims it too (an error checkURLs reports), so that which
// of the two is written, and what is said of it, does not depend on which
// is rendered first.
func (s *Site) Owns(p *Page) bool {
	q, ok := s.byURL[p.RelURL]
	return !ok || q == p
}

// Lang returns the language with the code.
func (s *Site) Lang(code string) *Lang {
	for _, l := range s.Langs {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// Options control which sources are published.
type Options struct {
	Drafts, Future, Expired bool
	Now                     time.Time
}

// Assemble builds the page graph from sources.
func Assemble(cfg *config.Config, srcs []*content.Source, opt Options, diags *fault.List) *Site {
	s := &Site{Config: cfg, Now: opt.Now, Hidden: map[string]*content.Source{}, bySrc: map[string]*Page{}, byURL: map[string]*Page{}}
	for _, cl := range cfg.Languages {
		l := &Lang{Language: cl, Site: s, IsDefault: cl.Code == cfg.DefaultLang}
		if !l.IsDefault || cfg.DefaultInSubdir {
			l.Prefix = "/" + cl.Code
		}
		s.Langs = append(s.Langs, l)
	}
	for _, l := range s.Langs {
		var mine []*content.Source
		for _, src := range srcs {
			if src.Lang != l.Code {
				continue
			}
			if why := hidden(src, opt); why != "" {
				s.Hidden[src.Lang+"|"+src.Key] = src
				continue
			}
			mine = append(mine, src)
		}
		s.assembleLang(l, mine, diags)
	}
	s.addSpecialPages()
	s.linkTranslations(diags)
	s.checkURLs(diags)
	s.indexLists()
	for _, p := range s.Pages {
		if p.Src != nil {
			p.body = new(bodyState)
		}
	}
	return s
}

func hidden(src *content.Source, opt Options) string {
	switch {
	case src.Draft && !opt.Drafts:
		return "draft"
	case src.Headless:
		return "headless"
	case !opt.Future && !src.PublishDate.IsZero() && src.PublishDate.After(opt.Now):
		return "future"
	case !opt.Future && src.PublishDate.IsZero() && !src.Date.IsZero() && src.Date.After(opt.Now):
		return "future"
	case !opt.Expired && !src.ExpiryDate.IsZero() && !src.ExpiryDate.After(opt.Now):
		return "expired"
	}
	return ""
}

// HiddenReason says why a hidden source is left out of the build.
func (s *Site) HiddenReason(src *content.Source) string {
	return hidden(src, Options{Now: s.Now})
}

func (s *Site) assembleLang(l *Lang, srcs []*content.Source, diags *fault.List) {
	sections := map[string]*Page{}         // key → section page
	taxSrc := map[string]*content.Source{} // content/tags/_index.md and content/tags/x/_index.md, as in Hugo
	var pages []*Page
	for _, src := range srcs {
		if src.Kind == content.Section && s.isTaxonomyKey(src.Key) {
			taxSrc[src.Key] = src
			continue
		}
		p := s.newPage(l, src)
		switch src.Kind {
		case content.Home:
			if l.Home != nil {
				diags.Add(fault.At(src.File, 1, 1).Errorf("a second home page for language %q; the first is %s", l.Code, l.Home.File()).
					WithHint("keep one of _index.md and index.md at the content root"))
				continue
			}
			p.Kind = KindHome
			l.Home = p
		case content.Section:
			p.Kind = KindSection
			sections[src.Key] = p
		default:
			pages = append(pages, p)
		}
	}
	if l.Home == nil {
		l.Home = &Page{Kind: KindHome, Lang: l, Title: l.Title, Params: map[string]any{}}
	}
	// Every folder with pages is a section, with or without an _index file,
	// so lists, breadcrumbs and fallbacks have somewhere to go.
	var ensure func(key string) *Page
	ensure = func(key string) *Page {
		if key == "" {
			return l.Home
		}
		if sp, ok := sections[key]; ok {
			return sp
		}
		sp := &Page{Kind: KindSection, Lang: l, Key: key, Title: titleFromKey(key), Params: map[string]any{}}
		sections[key] = sp
		return sp
	}
	for _, p := range pages {
		if dir := path.Dir(p.Key); dir != "." {
			ensure(dir)
		}
	}
	for key := range sections {
		for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
			ensure(dir)
		}
	}
	keys := slices.Sorted(maps.Keys(sections))
	for _, k := range keys {
		sp := sections[k]
		parent := ensure(parentKey(k))
		sp.Parent = parent
		parent.Children = append(parent.Children, sp)
		if !strings.Contains(k, "/") {
			l.Sections = append(l.Sections, sp)
		}
	}
	for _, p := range pages {
		parent := ensure(parentKey(p.Key))
		p.Parent = parent
		if Listed(p) {
			parent.Children = append(parent.Children, p)
		}
	}
	all := append([]*Page{l.Home}, pages...)
	for _, k := range keys {
		all = append(all, sections[k])
	}
	for _, p := range all {
		p.Section, _, _ = strings.Cut(p.Key, "/")
		sortPages(p.Children)
	}
	sortPages(l.Sections)
	l.RegularPgs = slices.DeleteFunc(slices.Clone(pages), func(p *Page) bool { return !Listed(p) })
	slices.SortStableFunc(l.RegularPgs, byDateDesc)
	s.assembleTaxonomies(l, pages, taxSrc)
	for _, p := range all {
		s.setURL(p, diags)
	}
	for _, t := range l.Taxonomies {
		s.setURL(t, diags)
		for _, term := range t.Children {
			s.setURL(term, diags)
		}
	}
	s.Pages = append(s.Pages, all...)
	for _, t := range l.Taxonomies {
		s.Pages = append(s.Pages, t)
		s.Pages = append(s.Pages, t.Children...)
	}
	for _, p := range all {
		s.bySrc[l.Code+"|"+p.Key] = p
	}
}

func parentKey(key string) string {
	if d := path.Dir(key); d != "." {
		return d
	}
	return ""
}

func titleFromKey(key string) string {
	b := strings.ReplaceAll(path.Base(key), "-", " ")
	if b == "" {
		return b
	}
	r := []rune(b)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func (s *Site) newPage(l *Lang, src *content.Source) *Page {
	p := &Page{
		Kind: KindPage, Lang: l, Src: src, Key: src.Key, Title: src.Title, Description: src.Description,
		Date: src.Date, Lastmod: src.Lastmod, Weight: src.Weight, Params: src.Params, transKey: src.TranslationKey,
	}
	if p.Title == "" && src.Kind == content.Page {
		p.Title = titleFromKey(src.Key)
	}
	if p.Title == "" && src.Kind == content.Home {
		p.Title = l.Title
	}
	if p.Title == "" {
		p.Title = titleFromKey(src.Key)
	}
	return p
}

// sortPages orders as Hugo does: weight (unweighted last), newest first,
// then title, then URL key for a stable result.
func sortPages(ps []*Page) { slices.SortStableFunc(ps, sortOrder) }

func sortOrder(a, b *Page) int {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(wa, wb), b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Key, b.Key))
}

func byDateDesc(a, b *Page) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Key, b.Key))
}

// isTaxonomyKey reports whether a section key is a taxonomy's own folder
// ("tags") or a term's ("tags/hoa-lu"), whose _index files give those
// pages their text.
func (s *Site) isTaxonomyKey(key string) bool {
	first, _, _ := strings.Cut(key, "/")
	for _, tx := range s.Config.Taxonomies {
		if first == tx.Plural && strings.Count(key, "/") <= 1 {
			return true
		}
	}
	return false
}

func (s *Site) assembleTaxonomies(l *Lang, pages []*Page, taxSrc map[string]*content.Source) {
	for _, tx := range s.Config.Taxonomies {
		terms := map[string]*Page{}
		for key, src := range taxSrc {
			plural, term, ok := strings.Cut(key, "/")
			if !ok || plural != tx.Plural {
				continue
			}
			sl := slug.Make(term)
			t := &Page{Kind: KindTerm, Lang: l, Key: tx.Plural + "/" + sl, Title: src.Title, Taxonomy: tx.Plural, Params: src.Params}
			t.Src, t.Description, t.Weight = src, src.Description, src.Weight
			if t.Title == "" {
				t.Title = term
			}
			terms[sl] = t
		}
		for _, p := range pages {
			if p.Src == nil {
				continue
			}
			seen := map[string]bool{}
			for _, name := range p.Src.Terms[tx.Plural] {
				sl := slug.Make(name)
				if sl == "" || seen[sl] {
					continue
				}
				seen[sl] = true
				t, ok := terms[sl]
				if !ok {
					t = &Page{Kind: KindTerm, Lang: l, Key: tx.Plural + "/" + sl, Title: name, Taxonomy: tx.Plural, Params: map[string]any{}}
					terms[sl] = t
				}
				t.Children = append(t.Children, p)
				if t.Date.Before(p.Date) {
					t.Date, t.Lastmod = p.Date, p.Date
				}
				if p.Terms == nil {
					p.Terms = map[string][]*Page{}
				}
				p.Terms[tx.Plural] = append(p.Terms[tx.Plural], t)
			}
		}
		if len(terms) == 0 && taxSrc[tx.Plural] == nil {
			continue
		}
		tp := &Page{Kind: KindTaxonomy, Lang: l, Key: tx.Plural, Title: titleFromKey(tx.Plural), Taxonomy: tx.Plural, Params: map[string]any{}, Parent: l.Home}
		if src := taxSrc[tx.Plural]; src != nil {
			tp.Src, tp.Params, tp.Description = src, src.Params, src.Description
			if src.Title != "" {
				tp.Title = src.Title
			}
		}
		for _, sl := range slices.Sorted(maps.Keys(terms)) {
			t := terms[sl]
			t.Parent = tp
			slices.SortStableFunc(t.Children, byDateDesc)
			tp.Children = append(tp.Children, t)
			if tp.Date.Before(t.Date) {
				tp.Date, tp.Lastmod = t.Date, t.Date
			}
			s.bySrc[l.Code+"|"+t.Key] = t
		}
		slices.SortStableFunc(tp.Children, func(a, b *Page) int {
			return cmp.Or(cmp.Compare(len(b.Children), len(a.Children)), cmp.Compare(a.Key, b.Key))
		})
		s.bySrc[l.Code+"|"+tp.Key] = tp
		l.Taxonomies = append(l.Taxonomies, tp)
	}
}
