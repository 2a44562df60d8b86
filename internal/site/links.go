package site

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"sitegen/internal/fault"
	"sitegen/internal/slug"
)

// linkTranslations joins pages across languages: by translationKey where
// one is set, otherwise by their language-free path, as Hugo does.
func (s *Site) linkTranslations(diags *fault.List) {
	groups := map[string][]*Page{}
	var order []string
	claimed := map[string]*Page{} // lang|group → first page, to catch duplicates
	for _, p := range s.Pages {
		if p.Kind == KindLanguages {
			continue // the picker is every language's x-default, no one's translation
		}
		g := "path:" + string(p.Kind) + ":" + p.Key
		if p.transKey != "" {
			g = "key:" + p.transKey
		}
		ck := p.Lang.Code + "|" + g
		if first, ok := claimed[ck]; ok {
			if p.transKey != "" {
				diags.Add(p.Src.Pos("translationKey").Errorf("translationKey %q is used twice in language %q: here and in %s",
					p.transKey, p.Lang.Code, first.File()).WithHint("give each page of a language its own translationKey"))
			}
			continue
		}
		claimed[ck] = p
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], p)
	}
	langIdx := map[string]int{}
	for i, l := range s.Langs {
		langIdx[l.Code] = i
	}
	for _, g := range order {
		ps := groups[g]
		if len(ps) < 2 {
			continue
		}
		slices.SortFunc(ps, func(a, b *Page) int { return cmp.Compare(langIdx[a.Lang.Code], langIdx[b.Lang.Code]) })
		for _, p := range ps {
			for _, q := range ps {
				if q != p {
					p.Translations = append(p.Translations, q)
				}
			}
		}
	}
}

// setURL gives a page its site-absolute path and permalink.
func (s *Site) setURL(p *Page, diags *fault.List) {
	l := p.Lang
	var rel string
	switch {
	case p.Kind == KindHome:
		rel = l.Prefix + "/"
	case p.Src != nil && p.Src.URL != "":
		u := "/" + strings.Trim(p.Src.URL, "/")
		if l.Prefix != "" && u != l.Prefix && !strings.HasPrefix(u, l.Prefix+"/") {
			u = l.Prefix + u
		}
		rel = u // a trailing slash is added below unless the url names a file
	case p.Kind == KindSection && l.SectionLinks[p.Section] != "" && !strings.Contains(p.Key, "/"):
		rel = l.Prefix + expand(l.SectionLinks[p.Section], p)
	case p.Kind == KindPage && l.Permalinks[p.Section] != "":
		rel = l.Prefix + expand(l.Permalinks[p.Section], p)
	default:
		rel = l.Prefix + "/" + p.pathSegments() + "/"
	}
	rel = path.Clean(rel)
	if !strings.HasSuffix(rel, "/") && path.Ext(rel) == "" {
		rel += "/"
	}
	p.RelURL = rel
	p.Permalink = s.AbsURL(rel)
}

// pathSegments is the page's path below the language root: parent folders
// from the content tree, then its slug.
func (p *Page) pathSegments() string {
	dir := parentKey(p.Key)
	var segs []string
	if dir != "" {
		for _, d := range strings.Split(dir, "/") {
			segs = append(segs, segment(d))
		}
	}
	last := path.Base(p.Key) // for terms, already a slug
	if p.Kind != KindTerm && p.Src != nil && p.Src.Slug != "" {
		last = p.Src.Slug
	} else if p.Kind != KindTerm && p.Src != nil {
		last = p.Src.BaseName
	}
	segs = append(segs, segment(last))
	return strings.Join(segs, "/")
}

func segment(s string) string {
	if m := slug.Make(s); m != "" {
		return m
	}
	return "-"
}

// expand fills a Hugo permalink pattern such as "/:year/:slug/".
func expand(pattern string, p *Page) string {
	base := path.Base(p.Key)
	if p.Src != nil {
		base = p.Src.BaseName
	}
	sl := base
	if p.Src != nil && p.Src.Slug != "" {
		sl = p.Src.Slug
	}
	r := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", p.Date.Year()), ":month", fmt.Sprintf("%02d", int(p.Date.Month())),
		":day", fmt.Sprintf("%02d", p.Date.Day()), ":contentbasename", segment(base), ":filename", segment(base),
		":slugorcontentbasename", segment(sl), ":slugorfilename", segment(sl), ":slug", segment(sl),
		":title", segment(p.Title), ":sections", parentKey(p.Key), ":section", p.Section,
	)
	out := r.Replace(pattern)
	if !strings.HasPrefix(out, "/") {
		out = "/" + out
	}
	return out
}

// AbsURL makes a site-absolute path absolute with the base URL, escaping
// what must be escaped (Khmer and Vietnamese letters in paths).
func (s *Site) AbsURL(rel string) string {
	base := strings.TrimSuffix(s.Config.BaseURL, "/")
	return base + EscapePath(rel)
}

// EscapePath percent-encodes a path for use in links and sitemaps.
func EscapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// checkURLs reports two pages that would be written to one place.
func (s *Site) checkURLs(diags *fault.List) {
	for _, p := range s.Pages {
		if first, ok := s.byURL[p.RelURL]; ok {
			pos := fault.At(p.File(), 1, 1)
			if p.Src != nil && p.Src.URL != "" {
				pos = p.Src.Pos("url")
			} else if p.Src != nil && p.Src.Slug != "" {
				pos = p.Src.Pos("slug")
			}
			other := first.File()
			if other == "" {
				other = "the generated " + string(first.Kind) + " page " + first.Title
			}
			diags.Add(pos.Errorf("%s and %s both claim the URL %s", orGenerated(p), other, p.RelURL).
				WithHint("change the slug or url of one of them"))
			continue
		}
		s.byURL[p.RelURL] = p
	}
}

func orGenerated(p *Page) string {
	if f := p.File(); f != "" {
		return f
	}
	return "the generated " + string(p.Kind) + " page " + p.Title
}
