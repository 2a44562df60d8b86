package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/publish"
)

// TestPagesAreMinified: pages are written as their minified layouts and
// bodies make them, without a minifying pass of their own. Each HTML page
// of the repository's site must therefore be what minifying it once more
// gives, byte for byte, but for how quotes are written (html/template
// writes &#39; and &#34; in the values it escapes, which the minifier
// would spell as characters): white space a layout leaves between its
// actions shows here, as does a body that was not minified.
func TestPagesAreMinified(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: repoRoot(t), Destination: dest, Now: now}); err != nil {
		t.Fatal(err)
	}
	m := publish.NewMinifier()
	pages, bad := 0, 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		var again bytes.Buffer
		if err := m.Minify("text/html", &again, bytes.NewReader(b)); err != nil {
			return err
		}
		if got, want := quotes.Replace(string(b)), quotes.Replace(again.String()); got != want {
			bad++
			if bad <= 5 {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				rel, _ := filepath.Rel(dest, p)
				t.Errorf("%s is not minified: at byte %d it has %q; minified: %q", rel, i, snippet(got, i), snippet(want, i))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("%d pages; want the whole site", pages)
	}
	if bad > 0 {
		t.Errorf("%d of %d pages are not minified", bad, pages)
	}
}

var quotes = strings.NewReplacer("&#39;", "'", "&#34;", `"`, "&quot;", `"`)

func snippet(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}
