package search_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"sitegen/internal/markdown"
	"sitegen/internal/search"
	"sitegen/internal/testsite"
)

// TestHeadings: an index made from pages' headings alone (what a build
// keeps once a page is written) is byte for byte the one made from their
// whole HTML, in three languages; and the headings matter, so the check
// is not empty.
func TestHeadings(t *testing.T) {
	md := markdown.New(markdown.Options{})
	for _, lang := range []string{"vi", "en", "km"} {
		pattern := "*.md"
		if lang != "vi" {
			pattern = "*." + lang + ".md"
		}
		files, _ := filepath.Glob(filepath.Join(testsite.Repo(t), "content", "*", pattern))
		whole, heads, none := search.New(lang), search.New(lang), search.New(lang)
		for _, f := range files {
			if lang == "vi" && (bytes.Count([]byte(filepath.Base(f)), []byte(".")) > 1) {
				continue // a translation
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := md.Render(src, nil)
			if err != nil {
				t.Fatal(err)
			}
			html := string(res.HTML)
			url := "/" + lang + "/" + filepath.Base(f) + "/"
			whole.Add(search.Doc{URL: url, Title: filepath.Base(f), HTML: html, Text: "text " + url})
			heads.Add(search.Doc{URL: url, Title: filepath.Base(f), HTML: search.Headings(html), Text: "text " + url})
			none.Add(search.Doc{URL: url, Title: filepath.Base(f), Text: "text " + url})
		}
		a, err := whole.Files()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := heads.Files()
		c, _ := none.Files()
		if whole.Len() < 5 {
			t.Fatalf("%s: %d pages", lang, whole.Len())
		}
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s: %s differs when made from the headings alone", lang, name)
			}
		}
		if bytes.Equal(a["meta.idx"], c["meta.idx"]) {
			t.Errorf("%s: the headings change nothing in the index; the test shows nothing", lang)
		}
	}
}
