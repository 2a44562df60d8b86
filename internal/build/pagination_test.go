package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/build"
)

// TestPagination: a list of 23 pages with pagerSize 10 is split into
// /news/, /news/page/2/ and /news/page/3/, newest first, linked to each
// other; the short English list and the term list behave alike; pagers
// after the first stand alone in hreflang and are not in the sitemap.
func TestPagination(t *testing.T) {
	dir := fixture(t, "pagination")
	res := mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	checkSite(t, dest, res)
	checkJSONLD(t, dest)
	count := func(path string) int { return strings.Count(read(t, filepath.Join(dest, path)), `class="card"`) }
	for path, want := range map[string]int{
		"vi/news/index.html":        10,
		"vi/news/page/2/index.html": 10,
		"vi/news/page/3/index.html": 3,
		"en/news/index.html":        3,
		"vi/tags/chung/index.html":  10,
	} {
		if got := count(path); got != want {
			t.Errorf("%s: %d cards; want %d", path, got, want)
		}
	}
	p1 := read(t, filepath.Join(dest, "vi/news/index.html"))
	p2 := read(t, filepath.Join(dest, "vi/news/page/2/index.html"))
	p3 := read(t, filepath.Join(dest, "vi/news/page/3/index.html"))
	if !strings.Contains(p1, "Bài 23") || !strings.Contains(p3, "Bài 01") {
		t.Errorf("pagers are not newest first")
	}
	for _, c := range []struct{ page, want string }{
		{p1, `rel="next" href="/vi/news/page/2/"`},
		{p2, `rel="prev" href="/vi/news/"`},
		{p2, `rel="next" href="/vi/news/page/3/"`},
		{p3, `Trang 3/3`},
		{p2, `<link rel="canonical" href="https://example.org/vi/news/page/2/">`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("a pager lacks %q", c.want)
		}
	}
	// The section sidebar of an article lists nine pages around it, not
	// the whole section, and links to the whole section.
	art := read(t, filepath.Join(dest, "vi/news/p12/index.html"))
	nav := art[strings.Index(art, `<nav class="section-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	if n := strings.Count(nav, "<li>"); n != 9 || !strings.Contains(nav, `aria-current="page"`) || !strings.Contains(nav, "Tất cả 23 bài") {
		t.Errorf("section sidebar: %d items, want 9 around the page and a link to all 23:\n%s", n, nav)
	}
	if strings.Contains(p2, `<link rel="alternate" hreflang="en"`) {
		t.Errorf("pager 2 claims an English counterpart")
	}
	if _, err := os.Stat(filepath.Join(dest, "en/news/page/2/index.html")); err == nil {
		t.Errorf("a 3-page English list has a second pager")
	}
	if strings.Contains(read(t, filepath.Join(dest, "vi/sitemap.xml")), "/page/2/") {
		t.Errorf("the sitemap lists a pager")
	}
	// A site whose list layout never asks for .Paginator gets no pagers.
	writeFile(t, filepath.Join(dir, "layouts/_default/list.html"), []byte(`{{ define "main" }}{{ range .Pages }}<p class="card">{{ .Title }}</p>{{ end }}{{ end }}`))
	mustBuild(t, dir, func(o *build.Options) {})
	if _, err := os.Stat(filepath.Join(dest, "vi/news/page/2/index.html")); err == nil {
		t.Errorf("pagers were written for a layout that does not paginate")
	}
	if got := count("vi/news/index.html"); got != 23 {
		t.Errorf("unpaginated list: %d cards; want 23", got)
	}
}
