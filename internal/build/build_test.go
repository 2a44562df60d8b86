package build_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"sitegen/internal/build"
	"sitegen/internal/fault"
	"sitegen/internal/testsite"
)

// now is the fixed clock of every test build.
var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// repoRoot is the repository, whose layouts, i18n and static files a
// fixture uses when it brings none of its own.
func repoRoot(t *testing.T) string { return testsite.Repo(t) }

// fixture writes testdata/<name>.txtar into a temporary site directory.
func fixture(t *testing.T, name string) string {
	return testsite.Txtar(t, filepath.Join("testdata", name+".txtar"), "layouts", "i18n", "static")
}

func writeFile(t *testing.T, path string, data []byte) { testsite.WriteFile(t, path, data) }

func copyDir(t *testing.T, from, to string) { testsite.Copy(t, from, to) }

func buildSite(t *testing.T, dir string, mod ...func(*build.Options)) (*build.Result, error) {
	t.Helper()
	opt := build.Options{Source: dir, Destination: filepath.Join(dir, "public"), Now: now}
	for _, m := range mod {
		m(&opt)
	}
	return build.Build(opt)
}

func mustBuild(t *testing.T, dir string, mod ...func(*build.Options)) *build.Result {
	t.Helper()
	res, err := buildSite(t, dir, mod...)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// page is what a test needs to know of a built HTML page.
type page struct {
	lang, canonical string
	alternates      map[string]string // hreflang → href
	links           []link            // <a> elements
	ids             map[string]bool
}

type link struct{ href, text, class string }

func parsePage(t *testing.T, path string) page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(read(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p := page{alternates: map[string]string{}, ids: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			if a["id"] != "" {
				p.ids[a["id"]] = true
			}
			switch n.Data {
			case "html":
				p.lang = a["lang"]
			case "link":
				if a["rel"] == "canonical" {
					p.canonical = a["href"]
				}
				if a["rel"] == "alternate" && a["hreflang"] != "" {
					p.alternates[a["hreflang"]] = a["href"]
				}
			case "a":
				p.links = append(p.links, link{a["href"], textOf(n), a["class"]})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func TestTranslationsByPathAndKey(t *testing.T) {
	dir := fixture(t, "translations")
	mustBuild(t, dir)
	pub := filepath.Join(dir, "public")

	vi := parsePage(t, filepath.Join(pub, "vi/tourism/ba-ra/index.html"))
	want := map[string]string{
		"vi":        "https://example.org/vi/tourism/ba-ra/",
		"en":        "https://example.org/en/tourism/ba-ra/",
		"km":        "https://example.org/km/tourism/ba-ra/",
		"x-default": "https://example.org/vi/tourism/ba-ra/",
	}
	if !mapsEqual(vi.alternates, want) {
		t.Errorf("hreflang by path: got %v; want %v", vi.alternates, want)
	}
	if vi.lang != "vi" || vi.canonical != want["vi"] {
		t.Errorf("lang %q canonical %q; want vi and %s", vi.lang, vi.canonical, want["vi"])
	}

	// Linked by translationKey although the file names differ.
	news := parsePage(t, filepath.Join(pub, "vi/news/ke-hoach/index.html"))
	if got := news.alternates["en"]; got != "https://example.org/en/news/plan-issued/" {
		t.Errorf("translationKey link: hreflang en = %q; want the plan-issued page", got)
	}
	en := parsePage(t, filepath.Join(pub, "en/news/plan-issued/index.html"))
	if got := en.alternates["vi"]; got != "https://example.org/vi/news/ke-hoach/" {
		t.Errorf("translationKey link is not reciprocal: hreflang vi = %q", got)
	}

	// Thác Mơ has no Khmer page: the switcher leads to the Khmer tourism
	// section with the note shown, and hreflang leaves Khmer out.
	tm := parsePage(t, filepath.Join(pub, "vi/tourism/thac-mo/index.html"))
	if _, ok := tm.alternates["km"]; ok {
		t.Errorf("an untranslated page lists a Khmer alternate: %v", tm.alternates)
	}
	var kmLink *link
	for i, l := range tm.links {
		if l.text == "ភាសាខ្មែរ" {
			kmLink = &tm.links[i]
		}
	}
	if kmLink == nil || kmLink.href != "/km/tourism/#untranslated" || kmLink.class != "fallback" {
		t.Fatalf("switcher link to Khmer: got %+v; want /km/tourism/#untranslated with class fallback", kmLink)
	}
	target := parsePage(t, filepath.Join(pub, "km/tourism/index.html"))
	if !target.ids["untranslated"] {
		t.Errorf("the fallback page has no #untranslated note to show")
	}
	if _, err := os.Stat(filepath.Join(pub, "km/tourism/thac-mo/index.html")); err == nil {
		t.Errorf("a Khmer page was written for a page that has no Khmer translation")
	}

	// The root is the language picker and the homes' x-default.
	root := parsePage(t, filepath.Join(pub, "index.html"))
	home := parsePage(t, filepath.Join(pub, "en/index.html"))
	if home.alternates["x-default"] != "https://example.org/" || root.alternates["km"] != "https://example.org/km/" {
		t.Errorf("picker: home x-default %q, picker km %q", home.alternates["x-default"], root.alternates["km"])
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// findings returns the findings of a failed build, as strings.
func findings(t *testing.T, err error) []string {
	t.Helper()
	fl, ok := err.(*fault.List)
	if !ok {
		t.Fatalf("got error %v (%T); want a *fault.List", err, err)
	}
	var out []string
	for _, f := range fl.All() {
		out = append(out, f.Error())
	}
	return out
}

func wantFinding(t *testing.T, got []string, want string) {
	t.Helper()
	for _, g := range got {
		if strings.Contains(g, want) {
			return
		}
	}
	t.Errorf("no finding contains %q; got:\n%s", want, strings.Join(got, "\n"))
}

func TestBrokenLink(t *testing.T) {
	dir := fixture(t, "broken-link")
	_, err := buildSite(t, dir)
	if err == nil {
		t.Fatal("build succeeded; want a broken-link error")
	}
	got := findings(t, err)
	wantFinding(t, got, `content/a.md:6:5: error: broken link "missing.md"`)
	if len(got) != 1 {
		t.Errorf("got %d findings; want exactly the one broken link:\n%s", len(got), strings.Join(got, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a failed first build created public/")
	}
}

func TestLinksResolveToPageURL(t *testing.T) {
	dir := fixture(t, "broken-link")
	writeFile(t, filepath.Join(dir, "content/a.md"), []byte("+++\ntitle = \"A\"\n+++\nSee [B](b.md).\n"))
	mustBuild(t, dir)
	b := read(t, filepath.Join(dir, "public/b/index.html"))
	if !strings.Contains(b, `href="/a/#top"`) {
		t.Errorf("link to a.md#top not resolved to /a/#top in:\n%s", b)
	}
}

func TestDuplicateURL(t *testing.T) {
	_, err := buildSite(t, fixture(t, "duplicate-url"))
	if err == nil {
		t.Fatal("build succeeded; want a duplicate-URL error")
	}
	wantFinding(t, findings(t, err), "content/news/two.md:3:1: error: content/news/two.md and content/news/one.md both claim the URL /news/one/")
}

func TestBadFrontMatter(t *testing.T) {
	_, err := buildSite(t, fixture(t, "bad-frontmatter"))
	if err == nil {
		t.Fatal("build succeeded; want front matter errors")
	}
	got := findings(t, err)
	wantFinding(t, got, "content/broken.md:3:17: error: cannot decode")
	wantFinding(t, got, `content/baddate.md:3:1: error: front matter "date": "2024-02-30" is not a real date`)
}

// tree hashes every file under dir, for comparing outputs byte for byte.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministicOutput(t *testing.T) {
	dir := fixture(t, "translations")
	mustBuild(t, dir)
	first := tree(t, filepath.Join(dir, "public"))
	mustBuild(t, dir)
	second := tree(t, filepath.Join(dir, "public"))
	if !mapsEqual(first, second) {
		t.Errorf("two builds of the same sources differ")
	}
	if len(first) < 20 {
		t.Errorf("only %d files written", len(first))
	}
}

func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := fixture(t, "translations")
	mustBuild(t, dir)
	before := tree(t, filepath.Join(dir, "public"))
	writeFile(t, filepath.Join(dir, "content/tourism/ba-ra.md"), []byte("+++\ntitle = \"Broken\ndate = 2024-03-01\n+++\nText.\n"))
	if _, err := buildSite(t, dir); err == nil {
		t.Fatal("build of a broken page succeeded")
	}
	after := tree(t, filepath.Join(dir, "public"))
	if !mapsEqual(before, after) {
		t.Errorf("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "sitegen-new") {
			t.Errorf("a failed build left %s behind", e.Name())
		}
	}
}

func TestRefusesForeignDestination(t *testing.T) {
	dir := fixture(t, "translations")
	dest := filepath.Join(t.TempDir(), "mine")
	writeFile(t, filepath.Join(dest, "notes.txt"), []byte("my notes"))
	_, err := buildSite(t, dir, func(o *build.Options) { o.Destination = dest })
	if err == nil || !strings.Contains(err.Error(), "not written by sitegen") {
		t.Fatalf("got %v; want a refusal to replace a folder sitegen did not write", err)
	}
	if read(t, filepath.Join(dest, "notes.txt")) != "my notes" {
		t.Errorf("the foreign folder was changed")
	}
	_, err = buildSite(t, dir, func(o *build.Options) { o.Destination = filepath.Join(dir, "content") })
	if err == nil {
		t.Fatalf("building into content/ was allowed")
	}
}

// TestRepositorySite builds the repository's own site and checks every
// page's language, canonical URL and hreflang set, the sitemaps and feeds.
func TestRepositorySite(t *testing.T) {
	root := repoRoot(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: root, Destination: dest, Now: now})
	if err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	checkSite(t, dest, res)

	vi := 0
	for _, p := range res.Site.Pages {
		if p.Lang.Code == "vi" && p.Kind == "page" {
			vi++
		}
	}
	if vi < 25 {
		t.Errorf("%d Vietnamese pages; want at least 25", vi)
	}
	plan := read(t, filepath.Join(dest, "en/documents/foreign-information-plan-2024/index.html"))
	for _, lang := range []string{"vi", "en", "km"} {
		p := read(t, filepath.Join(dest, lang, "documents/foreign-information-plan-2024/index.html"))
		if n := strings.Count(p, `id="fn:`); n != 11 {
			t.Errorf("%s plan has %d footnotes; want 11", lang, n)
		}
	}
	if !strings.Contains(plan, `href="#fn:1"`) {
		t.Errorf("the English plan has no link to footnote 1")
	}
}

// pagerURL matches the later pagers of a paginated list.
var pagerURL = regexp.MustCompile(`/page/[0-9]+/$`)

// checkSite checks every HTML page under dest: <html lang> matching the
// language folder, a canonical URL that is the page's own, and an hreflang
// set that includes itself and x-default and is reciprocal. The sitemaps
// must list every page, and every feed must parse.
func checkSite(t *testing.T, dest string, res *build.Result) {
	t.Helper()
	base := res.Site.Config.BaseURL
	pages := map[string]page{} // canonical URL → page
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		pg := parsePage(t, p)
		wantURL := base + strings.TrimSuffix(strings.TrimSuffix(rel, "index.html"), "/")
		if strings.HasSuffix(rel, "index.html") && rel != "index.html" {
			wantURL += "/"
		}
		if rel == "index.html" {
			wantURL = base
		}
		if decoded := unescape(pg.canonical); decoded != wantURL {
			t.Errorf("%s: canonical %q; want %q", rel, pg.canonical, wantURL)
		}
		if lang, _, _ := strings.Cut(rel, "/"); lang != "index.html" && pg.lang != lang {
			t.Errorf("%s: <html lang=%q>; want %q", rel, pg.lang, lang)
		}
		if pg.alternates["x-default"] == "" {
			t.Errorf("%s: no x-default alternate", rel)
		}
		if rel != "index.html" && !slices.Contains(values(pg.alternates), pg.canonical) {
			t.Errorf("%s: hreflang set %v does not include the page itself", rel, pg.alternates)
		}
		pages[pg.canonical] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for u, pg := range pages {
		for hl, alt := range pg.alternates {
			if hl == "x-default" {
				continue
			}
			other, ok := pages[alt]
			if !ok {
				t.Errorf("%s: hreflang %s points at %s, which is not a built page", u, hl, alt)
				continue
			}
			if !mapsEqual(pg.alternates, other.alternates) && !strings.HasSuffix(u, base) {
				t.Errorf("hreflang not reciprocal: %s has %v but %s has %v", u, pg.alternates, alt, other.alternates)
			}
		}
	}
	// Sitemaps: the index lists a sitemap per language; together they list
	// every page except 404s and the picker.
	var idx struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	decodeXML(t, filepath.Join(dest, "sitemap.xml"), &idx)
	listed := map[string]int{}
	for _, s := range idx.Sitemaps {
		var us struct {
			URLs []struct {
				Loc   string `xml:"loc"`
				Links []struct {
					HrefLang string `xml:"hreflang,attr"`
				} `xml:"link"`
			} `xml:"url"`
		}
		decodeXML(t, filepath.Join(dest, strings.TrimPrefix(s.Loc, base)), &us)
		for _, u := range us.URLs {
			listed[u.Loc] = len(u.Links)
		}
	}
	for u, pg := range pages {
		if strings.HasSuffix(u, "404.html") || u == base || pagerURL.MatchString(u) {
			continue // pagers after the first are reached from their list
		}
		n, ok := listed[u]
		if !ok {
			t.Errorf("sitemap does not list %s", u)
		} else if len(pg.alternates) > 2 && n != len(pg.alternates) {
			t.Errorf("sitemap entry of %s has %d alternates; the page has %d", u, n, len(pg.alternates))
		}
	}
	feeds := 0
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "index.xml") {
			var rss struct {
				Channel struct {
					Title string `xml:"title"`
					Items []struct {
						Link string `xml:"link"`
					} `xml:"item"`
				} `xml:"channel"`
			}
			decodeXML(t, p, &rss)
			if rss.Channel.Title == "" {
				t.Errorf("%s: feed without a title", p)
			}
			feeds++
		}
		return nil
	})
	if feeds == 0 {
		t.Errorf("no feeds written")
	}
}

func values(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func unescape(u string) string {
	if d, err := url.PathUnescape(u); err == nil {
		return d
	}
	return u
}

func decodeXML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		t.Errorf("%s does not parse as XML: %v", path, err)
	}
}

func TestFrontMatterFormatsAndVisibility(t *testing.T) {
	dir := fixture(t, "formats")
	mustBuild(t, dir)
	pub := filepath.Join(dir, "public")
	for path, want := range map[string]string{
		"vi/news/toml/index.html": "20 tháng 6, 2024",
		"vi/news/yaml/index.html": "20 tháng 6, 2024",
		"vi/news/json/index.html": "20 tháng 6, 2024",
		"km/news/json/index.html": "20 មិថុនា 2024",
	} {
		if s := read(t, filepath.Join(pub, path)); !strings.Contains(s, want) {
			t.Errorf("%s does not show the date %q", path, want)
		}
	}
	for _, hidden := range []string{"draft", "future", "expired"} {
		if _, err := os.Stat(filepath.Join(pub, "vi/news", hidden)); !os.IsNotExist(err) {
			t.Errorf("the %s page was published", hidden)
		}
	}
	if _, err := os.Stat(filepath.Join(pub, "vi/gioi-thieu/index.html")); err != nil {
		t.Errorf("url front matter not honoured: %v", err)
	}
	for _, l := range []string{"vi", "en"} {
		if _, err := os.Stat(filepath.Join(pub, l, "tourism/ba-ra/photo.svg")); err != nil {
			t.Errorf("bundle image not published for %s: %v", l, err)
		}
	}
	// Weight orders the section's list: YAML (1) before TOML (2).
	list := read(t, filepath.Join(pub, "vi/news/index.html"))
	if strings.Index(list, ">YAML<") > strings.Index(list, ">TOML<") || !strings.Contains(list, ">YAML<") {
		t.Errorf("weight did not order the list")
	}
	if !strings.Contains(read(t, filepath.Join(pub, "vi/tags/hoa-lu/index.html")), "YAML") {
		t.Errorf("the term page for tag Hoa Lư (slug hoa-lu) does not list its page")
	}
	// The drafts flag publishes drafts.
	mustBuild(t, dir, func(o *build.Options) { o.Drafts = true })
	if _, err := os.Stat(filepath.Join(pub, "vi/news/draft/index.html")); err != nil {
		t.Errorf("--buildDrafts did not publish the draft: %v", err)
	}
}

func TestMissingUIStringIsReported(t *testing.T) {
	dir := fixture(t, "translations")
	b := read(t, filepath.Join(dir, "i18n/km.toml"))
	writeFile(t, filepath.Join(dir, "i18n/km.toml"), []byte(strings.Replace(b, "backHome =", "# backHome =", 1)))
	res := mustBuild(t, dir)
	if !hasWarning(res, `UI string "backHome" is missing in language "km"`) {
		t.Errorf("no warning for a UI string missing in km; findings: %v", res.Findings)
	}
	if _, err := buildSite(t, dir, func(o *build.Options) { o.Strict = true }); err == nil {
		t.Errorf("--strict passed with a missing UI string")
	}
}

// TestBodiesOnDemand: a page's body is rendered when first asked for,
// by its own page or by another page's layout, and let go of once its page
// is written; a list that shows whole bodies afterwards gets them all the
// same, links resolved. The preview, which keeps bodies, builds the same.
func TestBodiesOnDemand(t *testing.T) {
	dir := fixture(t, "bodies")
	mustBuild(t, dir)
	out := filepath.Join(dir, "public")
	for i := 1; i <= 6; i++ {
		page := read(t, filepath.Join(out, fmt.Sprintf("news/p%d/index.html", i)))
		if !strings.Contains(page, fmt.Sprintf("Cuối-trang-%d", i)) {
			t.Errorf("p%d lacks its own body", i)
		}
		if n := strings.Count(page, `<p class="s">Đoạn mở đầu`); n != 6 {
			t.Errorf("p%d shows %d summaries of its section; want 6", i, n)
		}
	}
	list := read(t, filepath.Join(out, "news/index.html"))
	for i := 1; i <= 6; i++ {
		if !strings.Contains(list, fmt.Sprintf("Cuối-trang-%d", i)) {
			t.Errorf("the list lacks the end of p%d's body", i)
		}
		if !strings.Contains(list, fmt.Sprintf(`href="/news/p%d/"`, i%6+1)) {
			t.Errorf("the list lacks p%d's link, resolved", i)
		}
	}
	res, err := build.Build(build.Options{Source: dir, Memory: true, NoMinify: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"news/index.html", "news/p3/index.html"} {
		if got := string(res.Memory[f]); !strings.Contains(got, "Cuối-trang-3") {
			t.Errorf("in memory, %s lacks p3's body", f)
		}
	}
}

// TestSummaryWithEntities: a body whose first paragraph has characters
// goldmark writes as entities gives its summary and description exactly.
// The minifier decodes entities in the buffer it is given, and the text
// was once taken from that buffer after it: "areas".uot;.uot;.
func TestSummaryWithEntities(t *testing.T) {
	dir := smallSite(t, map[string]string{
		"content/a.md": "+++\ntitle = \"A\"\n+++\nHọ nói: \"hợp tác\" & 'tin cậy' 5 < 6 tại \"cửa khẩu\".\n\nĐoạn hai.\n",
	})
	mustBuild(t, dir)
	page := read(t, filepath.Join(dir, "public/a/index.html"))
	want := `<meta name="description" content="Họ nói: &#34;hợp tác&#34; &amp; &#39;tin cậy&#39; 5 &lt; 6 tại &#34;cửa khẩu&#34;. Đoạn hai.">`
	if !strings.Contains(page, want) {
		i := strings.Index(page, `<meta name="description"`)
		t.Errorf("got %s; want %s", page[i:i+len(want)+20], want)
	}
}

// TestSearchIndexAfterRelease: a build lets go of each page's HTML once it
// is written, keeping its text and headings for the search index; the
// index is byte for byte the one the preview makes, which keeps every
// body whole.
func TestSearchIndexAfterRelease(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: repoRoot(t), Destination: dest, Now: now}); err != nil {
		t.Fatal(err)
	}
	kept, err := build.Build(build.Options{Source: repoRoot(t), Memory: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, want := range kept.Memory {
		if !strings.HasPrefix(name, "_search/") {
			continue
		}
		n++
		if got := read(t, filepath.Join(dest, filepath.FromSlash(name))); got != string(want) {
			t.Errorf("%s differs from the index made with whole bodies", name)
		}
	}
	if n < 10 {
		t.Fatalf("%d search index files; want the three languages' indexes", n)
	}
}
