package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/corpus"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// BenchmarkRebuild measures Builder.Rebuild after an edit of a page's body
// in the benchmark corpus (internal/corpus) of SITEGEN_BENCH_PAGES
// Vietnamese pages (default 100; SITEGEN_BENCH_SEARCH=1 adds search pages,
// whose indexes the rebuild then updates), without the server and its file
// watcher:
// the median of the whole rebuild (ms-median) and of each of its steps
// (ms-read, ms-markdown, ms-templates, ms-metadata, ms-search, ms-switch),
// and the full build it replaces (ms-full).
//
//	SITEGEN_BENCH_PAGES=5000 go test ./internal/build -run '^$' -bench Rebuild -benchtime 30x
func BenchmarkRebuild(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("SITEGEN_BENCH_PAGES"))
	if n <= 0 {
		n = 100
	}
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	repo := testsite.Repo(b)
	for _, d := range []string{"layouts", "i18n", "static"} {
		testsite.Copy(b, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	if os.Getenv("SITEGEN_BENCH_SEARCH") != "" {
		// The site's search pages, which make the build index every
		// language for search.
		for _, l := range []string{"", ".en", ".km"} {
			testsite.WriteFile(b, filepath.Join(dir, "content", "search"+l+".md"),
				[]byte("+++\ntitle = \"Search\"\nlayout = \"search\"\n[build]\nlist = \"never\"\n+++\n"))
		}
	}
	bl := build.NewBuilder(build.Options{Source: dir, NoMinify: true}, nil)
	t0 := time.Now()
	res, err := bl.Build()
	if err != nil {
		b.Fatal(err)
	}
	full := time.Since(t0)
	var pages []*site.Page
	for _, p := range res.Site.Pages {
		if p.Kind == site.KindPage && p.Lang.IsDefault && p.Src != nil {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *site.Page) int { return strings.Compare(a.Src.File, b.Src.File) })
	file := filepath.Join(dir, filepath.FromSlash(pages[len(pages)/2].Src.File))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	steps := map[string][]time.Duration{}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := os.WriteFile(file, fmt.Appendf(slices.Clone(orig), "\nĐoạn thêm %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		res, err := bl.Rebuild([]string{file})
		d := time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		if !res.Incremental {
			b.Fatalf("not incremental: %s", res.FullReason)
		}
		steps["median"] = append(steps["median"], d)
		for _, s := range res.Steps {
			steps[strings.Fields(s.Name)[0]] = append(steps[strings.Fields(s.Name)[0]], s.Duration)
		}
	}
	b.StopTimer()
	for name, ds := range steps {
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-"+name)
	}
	b.ReportMetric(float64(full.Microseconds())/1000, "ms-full")
}
