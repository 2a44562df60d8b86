package search_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"sitegen/internal/search"
)

// measureQueries are typical queries on the benchmark corpus
// (/work/shared/bench/gencorpus.py), whose pages draw on a small vocabulary.
var measureQueries = map[string][]string{
	"vi": {"cửa khẩu", "khu cong nghiep", "nông nghiệp Campuchia", "đầu tư"},
	"en": {"border gate", "rice", "investment cooperation"},
	"km": {"ឧស្សាហកម្ម", "កសិកម្ម", "ព្រំដែន កម្ពុជា"},
}

// TestMeasure reports, for a built site in $SEARCH_MEASURE, the bytes of
// each language's index (and Pagefind's, when _pagefind/ is there too),
// the bytes a query downloads, and the time to the first results in
// Chromium. It is a measurement, not a check: testdata/measure.sh runs it.
func TestMeasure(t *testing.T) {
	dir := os.Getenv("SEARCH_MEASURE")
	if dir == "" {
		t.Skip("set SEARCH_MEASURE to a built site's output folder to measure (see testdata/measure.sh)")
	}
	sum := func(root, match string) (int64, int) {
		var n int64
		files := 0
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(filepath.Base(p), match) {
				if fi, err := d.Info(); err == nil {
					n += fi.Size()
					files++
				}
			}
			return nil
		})
		return n, files
	}
	fmt.Printf("%-4s %14s %8s %14s %8s\n", "lang", "sitegen bytes", "files", "pagefind bytes", "files")
	for _, lang := range []string{"vi", "en", "km"} {
		ours, nf := sum(filepath.Join(dir, search.Dir(lang)), "")
		pf, npf := sum(filepath.Join(dir, "_pagefind"), lang+"_")
		fmt.Printf("%-4s %14d %8d %14d %8d\n", lang, ours, nf, pf, npf)
	}

	ctx := browser(t, 10*time.Minute)
	// The server counts what it sends, the Web Worker Pagefind fetches in
	// included, and forbids caching so that every query starts cold.
	var served atomic.Int64
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if strings.Contains(r.URL.Path, "/_search/") || strings.Contains(r.URL.Path, "/_pagefind/") || strings.HasSuffix(r.URL.Path, "/search.js") {
			files.ServeHTTP(counter{w, &served}, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	pages := map[string]string{}
	for _, lang := range []string{"vi", "en", "km"} {
		fsys := os.DirFS(dir)
		// measure.sh copies the repository's search pages into the corpus,
		// whose default language may have no prefix.
		pages[lang] = searchPage[lang]
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(pages[lang]), "index.html")); err != nil {
			pages[lang] = strings.TrimPrefix(pages[lang], "/"+lang)
		}
		for _, q := range measureQueries[lang] {
			s2, err := search.Open(fsys, lang) // a fresh searcher: nothing cached
			if err != nil {
				t.Fatal(err)
			}
			meta := s2.Read
			_, total, err := s2.Search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			// Cold, in a new tab with the cache off.
			served.Store(0)
			tab, cancelTab := chromedp.NewContext(ctx)
			tab, cancel := context.WithTimeout(tab, time.Minute)
			_, err = chromedp.Call(tab, networkSetCacheDisabled, cacheOff)
			if err == nil {
				err = chromedp.Do(tab, chromedp.Navigate(srv.URL+pages[lang]+"?q="+urlQuery(q)))
			}
			var ms, jsBytes int
			if err == nil {
				_, ms, jsBytes, err = results(tab)
			}
			line := fmt.Sprintf("sitegen  %s %-24q results=%-5d go-read=%7d B (meta %d)  browser: %4d ms, %7d B index+fragments, served %7d B", lang, q, total, s2.Read, meta, ms, jsBytes, served.Swap(0))
			if err != nil {
				line += fmt.Sprintf(" (browser: %v)", err)
			}
			fmt.Println(line)
			if _, err := os.Stat(filepath.Join(dir, "_pagefind")); err == nil {
				served.Store(0)
				fmt.Println(pagefind(tab, srv.URL, lang, q), fmt.Sprintf("served %7d B", served.Swap(0)))
			}
			cancel()
			cancelTab()
		}
	}
}

// counter counts the bytes of responses.
type counter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c counter) Write(b []byte) (int, error) {
	c.n.Add(int64(len(b)))
	return c.ResponseWriter.Write(b)
}

var (
	networkSetCacheDisabled = network.SetCacheDisabled
	cacheOff                = network.SetCacheDisabledParams{CacheDisabled: true}
)

func urlQuery(q string) string { return url.QueryEscape(q) }

// pagefind runs query q through Pagefind's own script in a page of
// language lang and reports its time to the data of the first ten results
// and the bytes it fetched: the index files, and all of _pagefind/ with its
// script and WebAssembly.
func pagefind(ctx context.Context, base, lang, q string) string {
	js := fmt.Sprintf(`(async () => {
		const t0 = performance.now();
		const pf = await import('/_pagefind/pagefind.js');
		await pf.init();
		const r = await pf.search(%s);
		await Promise.all(r.results.slice(0, 10).map(x => x.data()));
		const ms = Math.round(performance.now() - t0);
		const res = performance.getEntriesByType('resource').filter(e => e.name.includes('/_pagefind/'));
		const all = res.reduce((a, e) => a + e.encodedBodySize, 0);
		const idx = res.filter(e => /pf_(index|fragment|meta)/.test(e.name)).reduce((a, e) => a + e.encodedBodySize, 0);
		return {MS: ms, All: all, Index: idx, N: r.results.length};
	})()`, jsString(q))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/")); err != nil {
		return "pagefind: " + err.Error()
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ MS, All, Index, N int }](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return "pagefind: " + err.Error()
	}
	return fmt.Sprintf("pagefind %s %-24q results=%-5d browser: %4d ms,", lang, q, r.N, r.MS)
}
