package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sitegen/internal/host"
	"sitegen/internal/search"
)

// browser starts headless Chromium for t, or skips t when it is absent.
func browser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		t.Skip("chromium not found; install it with: apt-get install -y chromium fonts-noto-core (or set CHROMIUM)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("chromium at %s does not start (%v); install it with: apt-get install -y chromium fonts-noto-core", bin, err)
	}
	return ctx
}

// serve serves dir on 127.0.0.1 under a strict Content-Security-Policy, so
// that inline scripts, styles or handlers would fail the tests.
func serve(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range host.SecurityHeaders(false) {
			w.Header().Set(h[0], h[1]) // the headers the site ships in _headers
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// searchPage are the search pages of the repository's site.
var searchPage = map[string]string{"vi": "/vi/tim-kiem/", "en": "/en/search/", "km": "/km/ស្វែងរក/"}

// results waits for the results of a search and returns their links, the
// milliseconds the script took and the bytes it fetched.
func results(ctx context.Context) ([]string, int, int, error) {
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#search-results[data-ms] li a`))); err != nil {
		return nil, 0, 0, err
	}
	var r struct {
		Links     []string
		MS, Bytes int
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Links     []string
		MS, Bytes int
	}](`({Links: Array.from(document.querySelectorAll('#search-results li h2 a')).map(a => a.getAttribute('href')),
		MS: +document.getElementById('search-results').dataset.ms,
		Bytes: +document.getElementById('search-results').dataset.bytes})`))
	return r.Links, r.MS, r.Bytes, err
}

// TestBrowser types queries into the search pages of the repository's site
// in Chromium and checks that the page that holds the words is in the top
// three, with the match highlighted; it also opens a result list from a
// ?q= link.
func TestBrowser(t *testing.T) {
	ctx := browser(t, 2*time.Minute)
	dest := filepath.Join(t.TempDir(), "public")
	buildTo(t, repoRoot(t), dest)
	srv := serve(t, dest)

	for _, tt := range repoQueries {
		t.Run("type "+tt.lang+" "+tt.q, func(t *testing.T) {
			err := chromedp.Do(ctx,
				chromedp.Navigate(srv.URL+searchPage[tt.lang]),
				chromedp.WaitReady(chromedp.ID("search-q")),
				chromedp.SendKeys(chromedp.ID("search-q"), tt.q+"\n"),
			)
			if err != nil {
				t.Fatal(err)
			}
			links, _, _, err := results(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := (&url.URL{Path: tt.want}).EscapedPath()
			if i := slices.Index(links, want); i < 0 || i > 2 {
				t.Errorf("%s not in the top three: %v", want, links[:min(5, len(links))])
			}
			if marked, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#search-results mark`))); err != nil || marked == "" {
				t.Errorf("no highlighted match (%v)", err)
			}
		})
	}

	t.Run("link with q", func(t *testing.T) {
		u := srv.URL + searchPage["vi"] + "?q=" + url.QueryEscape("khu công nghiệp")
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		links, _, _, err := results(ctx)
		if err != nil {
			t.Fatal(err)
		}
		value, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("search-q")))
		if err != nil {
			t.Fatal(err)
		}
		if value != "khu công nghiệp" || len(links) == 0 || links[0] != "/vi/investment/industrial-parks/" {
			t.Errorf("input %q, results %v; want the query in the input and the industrial parks first", value, links)
		}
	})

	t.Run("header form", func(t *testing.T) {
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/en/"),
			chromedp.SendKeys(chromedp.CSS(`.site-search input[name=q]`), "border gate\n"),
			chromedp.WaitVisible(chromedp.CSS(`#search-results[data-ms] li a`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(loc, "/en/search/?q=border+gate") {
			t.Errorf("the header form led to %s", loc)
		}
	})
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestScriptMatchesGo holds search.js to the Go implementation: the same
// query terms for a table of strings, and the same ranking for the
// repository's queries.
func TestScriptMatchesGo(t *testing.T) {
	ctx := browser(t, 2*time.Minute)
	dest := filepath.Join(t.TempDir(), "public")
	buildTo(t, repoRoot(t), dest)
	srv := serve(t, dest)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+searchPage["vi"]), chromedp.WaitReady(chromedp.ID("search-q"))); err != nil {
		t.Fatal(err)
	}
	inputs := []struct{ lang, s string }{
		{"vi", "Đường Khu CÔNG nghiệp, Đồng Xoài!"},
		{"vi", "Đ\u0300uong ĐƯỜNG Phu\u031b\u031bo\u031bc 2024"},
		{"en", "Investing in industries: parks, hoping, hopping, agreed, Phước's gates"},
		{"km", "ខេត្តប៊ិញភឿក\u200bតំបន់ឧស្សាហកម្ម ឆ្នាំ២០២៤។ ស\u17C1\u17B8 ក\u200Cា"},
		{"km", "អង្រែ បុក\u200bស្រូវ ក"},
		{"vi", "Mixed ខ្មែរ text và tiếng Việt"},
	}
	for _, in := range inputs {
		js := fmt.Sprintf(`sitegenSearch.parseQuery(%s, %s).map(t => ({Term: t.term, Pos: t.pos, Bonus: t.bonus}))`, jsString(in.lang), jsString(in.s))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]search.QueryTerm](js))
		if err != nil {
			t.Fatal(err)
		}
		if want := search.ParseQuery(in.lang, in.s); !slices.Equal(got, want) {
			t.Errorf("%s %q:\n js %+v\n go %+v", in.lang, in.s, got, want)
		}
	}
	for _, tt := range repoQueries {
		s, err := search.Open(os.DirFS(dest), tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		rs, _, err := s.Search(tt.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		for _, r := range rs {
			want = append(want, r.Page)
		}
		js := fmt.Sprintf(`new sitegenSearch.Index(%s).search(%s, %s).then(r => r.hits.slice(0, 10).map(h => h.doc))`,
			jsString("/"+search.Dir(tt.lang)), jsString(tt.lang), jsString(tt.q))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %q: js ranks %v; go ranks %v", tt.lang, tt.q, got, want)
		}
	}
}
