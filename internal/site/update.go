package site

import (
	"reflect"
	"slices"

	"sitegen/internal/content"
	"sitegen/internal/fault"
)

// Reach is one way a layout went from a page to other pages while the
// build rendered. An incremental rebuild re-renders, for an edited page,
// only the pages that can show it; the build listens to these during a
// full build to learn whether the layouts reach pages in other ways.
type Reach struct {
	How  string // the method: Pages, Paginator, Neighbours, Translation, AllTranslations, Fallback, Lookup, ByURL
	From *Page  // the page the method was called on; nil for the site's lookups
	N    int    // Neighbours' n
	Got  *Page  // what a lookup found, or nil
}

// SetReach makes every call of a method that reaches other pages call f
// (nil: none). Set it before rendering starts; f must be safe for
// concurrent use.
func (s *Site) SetReach(f func(Reach)) { s.reach = f }

func (s *Site) traced(r Reach) {
	if s.reach != nil {
		s.reach(r)
	}
}

// IsPagerCopy reports whether p is a copy made by PagerCopy for rendering
// one pager of a list: such a copy is only seen by its own rendering.
func (p *Page) IsPagerCopy() bool { return p.listPage != nil }

// Update replaces regular page p's source with src, an edit of the same
// file, when the edit is local: it leaves the page graph as it was (the
// page's language, key, URL, visibility, date, weight, taxonomy terms,
// aliases, translations and the order of every list it is in), so that
// only what shows the page's own text changes. p is changed in place, so
// every pointer to it stays valid. Otherwise p is left as it was and the
// reason is returned.
//
// The fields are set as Assemble sets them (through newPage); what the
// build derives later (its body, Data) is the build's to redo.
func (s *Site) Update(p *Page, src *content.Source) (why string) {
	old := p.Src
	switch {
	case p.Kind != KindPage || old == nil || src.Kind != content.Page:
		return "not a regular page"
	case src.File != old.File || src.Lang != old.Lang || src.Key != old.Key || p.Lang.Code != src.Lang:
		return "the page's language or key changed"
	case src.Slug != old.Slug || src.URL != old.URL:
		return "slug or url changed"
	case src.TranslationKey != old.TranslationKey:
		return "translationKey changed"
	case src.Draft != old.Draft || src.Headless != old.Headless || !src.PublishDate.Equal(old.PublishDate) || !src.ExpiryDate.Equal(old.ExpiryDate):
		return "draft, headless, publishDate or expiryDate changed"
	case !src.Date.Equal(old.Date) || src.Date.Location().String() != old.Date.Location().String():
		return "date changed"
	case src.Weight != old.Weight:
		return "weight changed"
	case !reflect.DeepEqual(src.Terms, old.Terms):
		return "taxonomy terms changed"
	case !slices.Equal(src.Aliases, old.Aliases):
		return "aliases changed"
	case !slices.Equal(src.Resources, old.Resources):
		return "the bundle's files changed"
	}
	for _, k := range []string{"menu", "menus", "layout", "type", "build", "_build", "notice", "outputs", "cascade"} {
		if !reflect.DeepEqual(src.Params[k], old.Params[k]) {
			return "front matter " + k + " changed"
		}
	}
	saved := *p
	np := s.newPage(p.Lang, src)
	p.Src, p.Title, p.Description, p.Date, p.Lastmod, p.Weight, p.Params, p.transKey =
		np.Src, np.Title, np.Description, np.Date, np.Lastmod, np.Weight, np.Params, np.transKey
	p.body = new(bodyState) // the new text is rendered when first asked for
	restore := func(why string) string { *p = saved; return why }

	probe := *p
	s.setURL(&probe, &fault.List{})
	if probe.RelURL != p.RelURL || probe.Permalink != p.Permalink {
		return restore("the URL changed")
	}
	// The lists the page is in must keep their order: a new title can
	// move it past a neighbour with the same weight and date.
	if p.Parent != nil && slices.Contains(p.Parent.Children, p) && !inPlace(p.Parent.Children, p, sortOrder) {
		return restore("the page moved in its section's order")
	}
	if slices.Contains(p.Lang.RegularPgs, p) && !inPlace(p.Lang.RegularPgs, p, byDateDesc) {
		return restore("the page moved in the list of the language's pages")
	}
	for _, terms := range p.Terms {
		for _, t := range terms {
			if !inPlace(t.Children, p, byDateDesc) {
				return restore("the page moved in the list of " + t.Key)
			}
		}
	}
	return ""
}

// inPlace reports whether p is strictly ordered against its neighbours in
// list by cmp: a tie would leave the order to the sort's input order,
// which a full build might not reproduce.
func inPlace(list []*Page, p *Page, order func(a, b *Page) int) bool {
	i := slices.Index(list, p)
	if i < 0 {
		return true
	}
	if i > 0 && order(list[i-1], p) >= 0 {
		return false
	}
	if i+1 < len(list) && order(p, list[i+1]) >= 0 {
		return false
	}
	return true
}
