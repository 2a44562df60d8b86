package build

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"sitegen/internal/testsite"
)

// TestFoldedLayouts: layouts whose constant calls ({{ T "tags" }},
// {{ relURL "css/site.css" }}) are made once per language give every page
// byte for byte as executing them on each page does, on the repository's
// site and on the fixtures with hostile UI strings, menus and URLs.
func TestFoldedLayouts(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	sites := []string{testsite.Repo(t)}
	for _, f := range []string{"hostile-injection", "pagination", "translations"} {
		sites = append(sites, testsite.Txtar(t, filepath.Join("testdata", f+".txtar"), "layouts", "i18n", "static"))
	}
	for _, dir := range sites {
		build := func(noFold bool) map[string][]byte {
			res, err := Build(Options{Source: dir, Memory: true, Now: now, noFold: noFold})
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			return res.Memory
		}
		folded, plain := build(false), build(true)
		var names []string
		for n := range plain {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			if !bytes.Equal(folded[n], plain[n]) {
				i := 0
				for i < len(folded[n]) && i < len(plain[n]) && folded[n][i] == plain[n][i] {
					i++
				}
				t.Errorf("%s: %s differs at byte %d: folded %q, executed %q", filepath.Base(dir), n, i,
					folded[n][max(0, i-40):min(len(folded[n]), i+40)], plain[n][max(0, i-40):min(len(plain[n]), i+40)])
			}
		}
		if len(folded) != len(plain) {
			t.Errorf("%s: %d files folded, %d executed", filepath.Base(dir), len(folded), len(plain))
		}
	}
}
