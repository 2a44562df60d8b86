package site

import (
	"strconv"
	"sync/atomic"
)

// Pager is one page of a paginated list, with Hugo's names so that Hugo
// layouts work: {{ range .Paginator.Pages }}, .HasNext, .Next.URL, ….
type Pager struct {
	PageNumber int
	TotalPages int
	Pages      []*Page // this pager's share of the list
	URL        string  // site-absolute; page 1 is the list page itself
	// TotalNumberOfElements is the length of the whole list.
	TotalNumberOfElements int
	list                  *Page
	size                  int
}

// HasPrev and HasNext report whether there is a pager before or after.
func (g *Pager) HasPrev() bool { return g.PageNumber > 1 }
func (g *Pager) HasNext() bool { return g.PageNumber < g.TotalPages }

// Prev, Next, First and Last return the neighbouring pagers.
func (g *Pager) Prev() *Pager  { return g.list.pager(g.PageNumber-1, g.size) }
func (g *Pager) Next() *Pager  { return g.list.pager(g.PageNumber+1, g.size) }
func (g *Pager) First() *Pager { return g.list.pager(1, g.size) }
func (g *Pager) Last() *Pager  { return g.list.pager(g.TotalPages, g.size) }

// PagerURL is the site-absolute URL of pager n of a list page.
func PagerURL(list *Page, n int) string {
	if n <= 1 {
		return list.RelURL
	}
	return list.RelURL + "page/" + strconv.Itoa(n) + "/"
}

// pager returns pager n (clamped) of p's list, size pages each.
func (p *Page) pager(n, size int) *Pager {
	list := p.listed()
	total := max(1, (len(list)+size-1)/size)
	n = min(max(n, 1), total)
	lo, hi := (n-1)*size, min(n*size, len(list))
	base := p
	if p.listPage != nil {
		base = p.listPage
	}
	return &Pager{PageNumber: n, TotalPages: total, Pages: list[lo:hi], URL: PagerURL(base, n),
		TotalNumberOfElements: len(list), list: base, size: size}
}

// Paginator returns the pager this rendering of a list page shows: page 1
// for the list page itself, page n for its n-th copy (see PagerCopy). A
// layout that calls it asks for the list to be split, which is how the
// build knows to render the other pagers (as Hugo does).
func (p *Page) Paginator() *Pager {
	p.Lang.Site.traced(Reach{How: "Paginator", From: p})
	if p.usedPager != nil {
		p.usedPager.Store(true)
	}
	return p.pager(max(1, p.pagerNum), p.Lang.Site.Config.PagerSize)
}

// PagerNumber is the pager this page is (1 for an ordinary page).
func (p *Page) PagerNumber() int { return max(1, p.pagerNum) }

// PagerCopy returns the page as rendered for pager n of its list: a copy
// with its own URL. The copy keeps its translations (the language switcher
// leads to the other languages' lists), but metadata treats pagers after
// the first as pages without translations.
func (p *Page) PagerCopy(n int) *Page {
	c := *p
	c.pagerNum = n
	c.listPage = p
	c.usedPager = new(atomic.Bool)
	c.RelURL = PagerURL(p, n)
	c.Permalink = p.Lang.Site.AbsURL(c.RelURL)
	return &c
}

// UsedPaginator reports whether a rendering of this copy called Paginator.
func (p *Page) UsedPaginator() bool { return p.usedPager != nil && p.usedPager.Load() }
