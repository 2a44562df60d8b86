package build_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sitegen/internal/build"
)

// node is one parsed JSON-LD block.
type node = map[string]any

// headOf is what the metadata tests read from a page: JSON-LD blocks
// (parsed), <meta> values by property or name, and hreflang links.
type headOf struct {
	lang       string
	jsonld     []node
	meta       map[string][]string
	alternates map[string]string
	title      string
}

func parseHead(t *testing.T, path string) headOf {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(read(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	h := headOf{meta: map[string][]string{}, alternates: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch n.Data {
			case "html":
				h.lang = a["lang"]
			case "title":
				h.title = textOf(n)
			case "meta":
				k := a["property"]
				if k == "" {
					k = a["name"]
				}
				h.meta[k] = append(h.meta[k], a["content"])
			case "link":
				if a["rel"] == "alternate" && a["hreflang"] != "" {
					h.alternates[a["hreflang"]] = a["href"]
				}
			case "script":
				if a["type"] == "application/ld+json" {
					var v node
					raw := textOf(n)
					if err := json.Unmarshal([]byte(raw), &v); err != nil {
						t.Errorf("%s: JSON-LD block does not parse: %v\n%s", path, err, raw)
					} else {
						h.jsonld = append(h.jsonld, v)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

// get walks a dotted path through a JSON-LD node.
func get(n any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := n.(map[string]any)
		if !ok {
			return nil
		}
		n = m[k]
	}
	return n
}

func has(n any, path string) bool {
	switch v := get(n, path).(type) {
	case nil:
		return false
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	}
	return true
}

// requiredProps are the properties each type must carry: Google's required
// fields for Event, ClaimReview and breadcrumbs, headline and dates for
// articles, and what makes the rest meaningful.
var requiredProps = map[string][]string{
	"WebPage":                {"name", "url", "inLanguage"},
	"CollectionPage":         {"name", "url", "inLanguage"},
	"WebSite":                {"name", "url", "inLanguage", "publisher"},
	"GovernmentOrganization": {"name", "url", "logo.url", "address.addressCountry", "areaServed.name"},
	"Article":                {"headline", "datePublished", "dateModified", "author.name", "publisher", "image", "inLanguage"},
	"NewsArticle":            {"headline", "datePublished", "dateModified", "author.name", "publisher", "image", "inLanguage"},
	"Report":                 {"headline", "datePublished", "dateModified", "author.name", "publisher", "inLanguage"},
	"Event":                  {"name", "startDate", "location.name", "location.address.addressCountry"},
	"Festival":               {"name", "startDate", "location.name", "location.address.addressCountry"},
	"ClaimReview":            {"url", "claimReviewed", "reviewRating.alternateName", "itemReviewed.appearance", "itemReviewed.datePublished", "author.name", "inLanguage"},
	"Legislation":            {"name", "legislationIdentifier", "legislationDate", "legislationJurisdiction"},
	"GovernmentService":      {"name", "serviceType", "provider.name"},
	"BreadcrumbList":         {"itemListElement"},
}

var placeTypes = []string{"Place", "TouristAttraction", "TouristDestination", "LandmarksOrHistoricalBuildings", "GovernmentBuilding"}

// checkJSONLD checks every HTML page under dest and returns, per language,
// the set of JSON-LD types seen in each section ("" for the home page).
func checkJSONLD(t *testing.T, dest string) map[string]map[string][]string {
	t.Helper()
	seen := map[string]map[string][]string{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		h := parseHead(t, p)
		if len(h.jsonld) == 0 {
			t.Errorf("%s: no JSON-LD block", rel)
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		section := ""
		if len(parts) > 2 {
			section = parts[1]
		}
		if seen[h.lang] == nil {
			seen[h.lang] = map[string][]string{}
		}
		pageNodes := 0
		for _, n := range h.jsonld {
			typ, _ := n["@type"].(string)
			if n["@context"] != "https://schema.org" || typ == "" {
				t.Errorf("%s: block without @context or @type: %v", rel, n)
				continue
			}
			seen[h.lang][section] = append(seen[h.lang][section], typ)
			props := requiredProps[typ]
			if slices.Contains(placeTypes, typ) {
				props = []string{"name", "address.addressCountry"}
				if has(n, "geo") && (get(n, "geo.latitude") == nil || get(n, "geo.longitude") == nil) {
					t.Errorf("%s: %s geo without latitude and longitude", rel, typ)
				}
			}
			for _, prop := range props {
				if !has(n, prop) {
					t.Errorf("%s: %s has no %s", rel, typ, prop)
				}
			}
			if l, ok := n["inLanguage"].(string); ok && l != h.lang {
				t.Errorf("%s: %s inLanguage %q on a page in %q", rel, typ, l, h.lang)
			}
			picker := rel == "index.html" // "/" lists the language homes, it has no translations
			if typ == "BreadcrumbList" && !picker {
				items, _ := n["itemListElement"].([]any)
				for i, it := range items {
					if pos, _ := get(it, "position").(float64); int(pos) != i+1 {
						t.Errorf("%s: breadcrumb %d has position %v", rel, i+1, get(it, "position"))
					}
					if !has(it, "name") || !strings.HasPrefix(fmt.Sprint(get(it, "item")), "https://") {
						t.Errorf("%s: breadcrumb %d lacks a name or an absolute item: %v", rel, i+1, it)
					}
				}
				if last, ok := items[len(items)-1].(map[string]any); ok && h.alternates[h.lang] != "" && last["item"] != h.alternates[h.lang] {
					t.Errorf("%s: the breadcrumb ends at %v, not at the page (%s)", rel, last["item"], h.alternates[h.lang])
				}
			}
			// The node for the page: a WebPage, CollectionPage or
			// SearchResultsPage, or on article pages the article, which
			// carries its WebPage as mainEntityOfPage.
			pageNode := typ == "WebPage" || typ == "CollectionPage" || typ == "SearchResultsPage"
			if has(n, "mainEntityOfPage") {
				pageNode = true
				for _, prop := range []string{"mainEntityOfPage.@id", "mainEntityOfPage.isPartOf.@id", "mainEntityOfPage.breadcrumb.@id"} {
					if !has(n, prop) {
						t.Errorf("%s: %s has no %s", rel, typ, prop)
					}
				}
			}
			if pageNode {
				pageNodes++
				if !picker {
					checkTranslationLinks(t, rel, h, n)
				}
			}
		}
		if pageNodes != 1 {
			t.Errorf("%s: %d nodes describe the page; want 1", rel, pageNodes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return seen
}

// checkTranslationLinks checks that workTranslation / translationOfWork
// agree with the page's hreflang set: the source (Vietnamese) lists every
// other member; a translation points at the Vietnamese member.
func checkTranslationLinks(t *testing.T, rel string, h headOf, n node) {
	t.Helper()
	others := map[string]string{}
	for l, u := range h.alternates {
		if l != h.lang && l != "x-default" {
			others[l] = u
		}
	}
	got := map[string]string{}
	for _, w := range asList(n["workTranslation"]) {
		got[fmt.Sprint(get(w, "inLanguage"))] = fmt.Sprint(get(w, "url"))
	}
	if h.lang == "vi" {
		if !mapsEqual(got, others) {
			t.Errorf("%s: workTranslation %v; the hreflang set says %v", rel, got, others)
		}
		return
	}
	if len(got) > 0 {
		t.Errorf("%s: a translation lists workTranslation %v", rel, got)
	}
	if vi, ok := others["vi"]; ok {
		if u := get(n, "translationOfWork.url"); u != vi {
			t.Errorf("%s: translationOfWork %v; hreflang vi is %s", rel, u, vi)
		}
	} else if n["translationOfWork"] != nil {
		t.Errorf("%s: translationOfWork without a Vietnamese hreflang", rel)
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestStructuredDataOnRepositorySite: every page of the repository's site
// carries valid JSON-LD, and each section carries the types its content
// calls for, in all three languages.
func TestStructuredDataOnRepositorySite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: repoRoot(t), Destination: dest, Now: now, Strict: true}); err != nil {
		t.Fatalf("the repository's site does not build strictly:\n%v", err)
	}
	seen := checkJSONLD(t, dest)
	want := map[string][]string{
		"":                   {"WebSite", "GovernmentOrganization", "BreadcrumbList"},
		"news":               {"NewsArticle", "Event", "Legislation", "BreadcrumbList"},
		"investment":         {"Article", "Place", "GovernmentService", "Legislation"},
		"tourism":            {"TouristAttraction", "TouristDestination"},
		"culture":            {"LandmarksOrHistoricalBuildings"},
		"border-cooperation": {"Event", "GovernmentBuilding"},
		"fact-check":         {"ClaimReview"},
		"documents":          {"Report"},
	}
	for _, lang := range []string{"vi", "en", "km"} {
		for section, types := range want {
			for _, typ := range types {
				if !slices.Contains(seen[lang][section], typ) {
					t.Errorf("%s/%s: no %s node (saw %v)", lang, section, typ, seen[lang][section])
				}
			}
		}
	}
	// A tourist attraction with coordinates, in every language.
	for _, lang := range []string{"vi", "en", "km"} {
		h := parseHead(t, filepath.Join(dest, lang, "tourism/ba-ra-mountain/index.html"))
		found := false
		for _, n := range h.jsonld {
			if n["@type"] == "TouristAttraction" && has(n, "geo.latitude") && has(n, "geo.longitude") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: Bà Rá has no TouristAttraction with geo", lang)
		}
		og := h.meta
		if len(og["og:image"]) != 1 || !strings.HasPrefix(og["og:image"][0], "https://") {
			t.Errorf("%s: og:image %v; want one absolute URL", lang, og["og:image"])
		}
		if len(og["og:locale:alternate"]) != 2 {
			t.Errorf("%s: og:locale:alternate %v; want the two other languages", lang, og["og:locale:alternate"])
		}
		wantLocale := map[string]string{"vi": "vi_VN", "en": "en_US", "km": "km_KH"}[lang]
		if len(og["og:locale"]) != 1 || og["og:locale"][0] != wantLocale {
			t.Errorf("%s: og:locale %v; want %s", lang, og["og:locale"], wantLocale)
		}
		for _, k := range []string{"og:title", "og:description", "og:url", "og:type", "twitter:card", "description"} {
			if len(og[k]) != 1 || og[k][0] == "" {
				t.Errorf("%s: %s is %v", lang, k, og[k])
			}
		}
	}
	// The home's WebSite says how to search the site, in its language.
	for lang, target := range map[string]string{
		"vi": "https://binhphuoc.example.org/vi/tim-kiem/?q={search_term_string}",
		"en": "https://binhphuoc.example.org/en/search/?q={search_term_string}",
	} {
		found := false
		for _, n := range parseHead(t, filepath.Join(dest, lang, "index.html")).jsonld {
			if n["@type"] == "WebSite" && get(n, "potentialAction.@type") == "SearchAction" && get(n, "potentialAction.target") == target {
				found = true
			}
		}
		if !found {
			t.Errorf("%s home: no WebSite SearchAction with target %s", lang, target)
		}
	}
	// The partners' JSON index.
	var idx struct {
		Version, Language string
		Pages             []struct {
			Title, URL, Summary, Section, Date string
			Translations                       map[string]string
			Coordinates                        *struct{ Lat, Lon float64 }
		}
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(dest, "en/tourism/index.json"))), &idx); err != nil {
		t.Fatal(err)
	}
	if idx.Version != "sitegen-index/1" || idx.Language != "en" || len(idx.Pages) < 5 {
		t.Fatalf("en/tourism/index.json: version %q, language %q, %d pages", idx.Version, idx.Language, len(idx.Pages))
	}
	geo := 0
	for _, p := range idx.Pages {
		if p.Section != "tourism" || p.Summary == "" || p.Date == "" || !strings.HasPrefix(p.URL, "https://binhphuoc.example.org/en/tourism/") {
			t.Errorf("index entry %+v", p)
		}
		if p.Coordinates != nil {
			geo++
		}
		if strings.HasSuffix(p.URL, "/ba-ra-mountain/") && p.Translations["vi"] != "https://binhphuoc.example.org/vi/tourism/ba-ra-mountain/" {
			t.Errorf("ba-ra-mountain translations %v", p.Translations)
		}
	}
	if geo == 0 {
		t.Errorf("no entry of en/tourism/index.json has coordinates")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "km/sitemap.xml")), "<loc>https://binhphuoc.example.org/km/index.json</loc>") {
		t.Errorf("km/sitemap.xml does not list km/index.json")
	}
}

// TestHostileText: a title, description, tag and param written to break
// out of every context they land in come out inert and intact.
func TestHostileText(t *testing.T) {
	dir := fixture(t, "hostile")
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	title := `</script><script>alert(1)</script> "Bà Rá" & 'ភ្នំបារ៉ា' <!--`
	desc := `<img src=x onerror=alert(2)> "quoted" javascript:alert(3)`
	checkJSONLD(t, dest)
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		checkInert(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h := parseHead(t, filepath.Join(dest, "vi/news/hostile/index.html"))
	if !strings.HasPrefix(h.title, title) { // the page title, then the site's
		t.Errorf("<title> is %q; want it to start with %q", h.title, title)
	}
	for _, k := range []string{"og:title"} {
		if len(h.meta[k]) != 1 || h.meta[k][0] != title {
			t.Errorf("%s is %q; want %q", k, h.meta[k], title)
		}
	}
	if len(h.meta["description"]) != 1 || h.meta["description"][0] != desc {
		t.Errorf("description is %q; want %q", h.meta["description"], desc)
	}
	headline := false
	for _, n := range h.jsonld {
		if n["@type"] == "NewsArticle" {
			headline = n["headline"] == title && n["description"] == desc
		}
	}
	if !headline {
		t.Errorf("the NewsArticle headline and description are not the title and description, intact")
	}
	var feed struct {
		Items []struct {
			Title string `xml:"title"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(dest, "vi/news/index.xml"))), &feed); err != nil {
		t.Fatalf("feed: %v", err)
	}
	if len(feed.Items) != 1 || feed.Items[0].Title != title {
		t.Errorf("feed items %+v; want one titled %q", feed.Items, title)
	}
	var sm struct {
		URLs []string `xml:"url>loc"`
	}
	decodeXML(t, filepath.Join(dest, "vi/sitemap.xml"), &sm)
	var idx struct{ Pages []struct{ Title string } }
	if err := json.Unmarshal([]byte(read(t, filepath.Join(dest, "vi/news/index.json"))), &idx); err != nil || len(idx.Pages) != 1 || idx.Pages[0].Title != title {
		t.Errorf("vi/news/index.json: %v %+v", err, idx)
	}
}

// checkInert parses a page as a browser would and fails on anything that
// could run: a script that is not JSON-LD or a file of the site, an
// event-handler attribute, a javascript: URL, an element injected by text.
func checkInert(t *testing.T, path string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(read(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(v, "javascript:") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "script" {
				typ, src := "", ""
				for _, a := range n.Attr {
					switch a.Key {
					case "type":
						typ = a.Val
					case "src":
						src = a.Val
					}
				}
				if typ != "application/ld+json" && (src == "" || strings.Contains(src, ":")) {
					t.Errorf("%s: a script that is not JSON-LD: %q", path, textOf(n))
				}
			}
			if n.Data == "img" && n.Parent != nil && n.Parent.Data != "picture" && n.Parent.Data != "figure" && n.Parent.Data != "p" && n.Parent.Data != "a" {
				for _, a := range n.Attr {
					if a.Key == "src" && a.Val == "x" {
						t.Errorf("%s: injected <img src=x>", path)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// TestStructuredFrontMatterChecks: missing required fields are warnings
// at their line (errors with --strict), wrong types and impossible values
// are errors at their line.
func TestStructuredFrontMatterChecks(t *testing.T) {
	dir := fixture(t, "structured")
	res, err := buildSite(t, dir)
	if err != nil {
		t.Fatalf("warnings alone must not fail the build:\n%v", err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Error())
	}
	for _, want := range []string{
		`content/tourism/no-place.md:1:1: warning: required front matter "place" is missing (content type "tourism")`,
		`content/tourism/no-name.md:6:1: warning: required front matter "place.name" is missing`,
		`content/fact-check/claim.md:6:1: warning: required front matter "claim.date" is missing`,
		`content/news/event.md:6:1: warning: required front matter "event.location" is missing`,
		`content/news/no-description.md:1:1: warning: required front matter "description" is missing (content type "news")`,
	} {
		wantFinding(t, got, want)
	}
	if _, err := buildSite(t, dir, func(o *build.Options) { o.Strict = true }); err == nil {
		t.Errorf("--strict passed with missing required fields")
	}
	if _, err := os.Stat(filepath.Join(dir, "public/vi/tourism/no-place/index.html")); err != nil {
		t.Errorf("the non-strict build did not write the page: %v", err)
	}

	bad := fixture(t, "structured")
	writeFile(t, filepath.Join(bad, "content/tourism/bad.md"), []byte(`+++
title = "Bad"
description = "Bad values."
date = 2024-01-01
[place]
type = "Castle"
name = "X"
lat = 95.0
lon = 10.0
[place.address]
country = "Vietnam"
locality = "Lộc Ninh"
+++
`))
	writeFile(t, filepath.Join(bad, "content/news/bad-event.md"), []byte(`+++
title = "Bad event"
description = "Ends before it starts."
date = 2024-01-01
[event]
name = "E"
startDate = "2024-02-30"
location = "Hà Nội"
+++
`))
	_, err = buildSite(t, bad)
	got = findings(t, err)
	for _, want := range []string{
		`content/tourism/bad.md:6:1: error: front matter "place.type" is "Castle"`,
		`content/tourism/bad.md:8:1: error: front matter "place": 95, 10 is not a position on Earth`,
		`content/tourism/bad.md:11:1: error: front matter "place.address.country" is "Vietnam", not a two-letter country code`,
		`content/news/bad-event.md:7:1: error: front matter "event.startDate": `,
		`content/news/bad-event.md:8:1: error: front matter "event.location" must be a table`,
	} {
		wantFinding(t, got, want)
	}
}
