package browser_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"sitegen/internal/build"
	"sitegen/internal/host"
)

// csp is the policy the site ships in _headers (internal/host), so the
// browser tests check the pages against what readers' browsers enforce.
var csp = policy()

func policy() string {
	for _, h := range host.SecurityHeaders(false) {
		if h[0] == "Content-Security-Policy" {
			return h[1]
		}
	}
	panic("host.SecurityHeaders has no Content-Security-Policy")
}

// langs are the site's languages, in its order.
var langs = []string{"vi", "en", "km"}

// chromium finds the browser, or skips the test saying how to get one.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if abs, err := exec.LookPath(p); err == nil {
			return abs
		}
	}
	t.Skip("chromium not found: browser tests skipped. Install it with `apt-get install -y chromium fonts-noto-core` (Debian/Ubuntu) or set CHROME_PATH")
	return ""
}

// serve builds the repository's site and serves it with the strict CSP.
// Unknown paths get the language's 404 page with status 404, as on the CDN.
func serve(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: root, Destination: pub}); err != nil {
		t.Fatalf("building the site: %v", err)
	}
	files := http.FileServer(http.Dir(pub))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		name := filepath.Join(pub, filepath.FromSlash(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, "index.html")
		}
		if _, err := os.Stat(name); err != nil {
			lang, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
			if !slices.Contains(langs, lang) {
				lang = langs[0]
			}
			b, err := os.ReadFile(filepath.Join(pub, lang, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, pub
}

// newBrowser starts one headless Chromium for the whole test.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// tab is one browser tab that records what went wrong while it loaded.
type tab struct {
	ctx   context.Context
	mu    sync.Mutex
	probs []string
	fonts []string // font files requested
	urls  map[network.RequestID]string
}

func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	// Limit the tab's work, not its start (see chromedp.Run).
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	tb := &tab{ctx: ctx, urls: map[network.RequestID]string{}}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, strings.Trim(string(a.Value), `"`))
				}
				tb.probs = append(tb.probs, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			tb.probs = append(tb.probs, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			// The browser's own messages: CSP violations, failed loads,
			// deprecated features, preloads left unused.
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				tb.probs = append(tb.probs, fmt.Sprintf("%s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			tb.urls[e.RequestID] = e.Request.URL
			if strings.HasSuffix(e.Request.URL, ".woff2") {
				tb.fonts = append(tb.fonts, e.Request.URL)
			}
		case *network.EventLoadingFailed:
			tb.probs = append(tb.probs, fmt.Sprintf("request %s failed: %s %s", tb.urls[e.RequestID], e.ErrorText, e.BlockedReason))
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				tb.probs = append(tb.probs, fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	// Collect CSP violations as the page reports them too, in case the
	// browser's log words them differently. Injected through the protocol,
	// so the policy itself does not apply to this script.
	const collect = `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));`
	// A phone: where most of the readers are.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(412, 915, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: collect})
			return err
		}))
	if err != nil {
		t.Fatalf("setting up the tab: %v", err)
	}
	return tb
}

// load opens url, waits for its fonts, and returns what went wrong.
func (tb *tab) load(url string) ([]string, error) {
	tb.mu.Lock()
	tb.probs, tb.fonts = nil, nil
	tb.mu.Unlock()
	err := chromedp.Do(tb.ctx, chromedp.Navigate(url), waitFonts())
	var violations []string
	if err == nil {
		violations, err = chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	probs := slices.Clone(tb.probs)
	for _, v := range violations {
		probs = append(probs, "CSP violation: "+v)
	}
	return probs, err
}

// fontRequests returns the font files requested since the last load.
func (tb *tab) fontRequests() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.fonts)
}

// waitFonts waits until the fonts the page needs have loaded (or failed).
func waitFonts() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)(ctx, t)
		return err
	})
}

// a11yProblems is run in each page: the landmarks, the skip link, a lang on
// every language name in the switcher, and the current page marked in the
// navigation. (Lighthouse's axe audits cover contrast and names.)
const a11yProblems = `(() => {
  const bad = [];
  const picker = document.body.classList.contains("picker");
  for (const sel of picker ? ["main", "h1"] : ["header", "nav", "main", "footer", "h1", "a.skip[href='#main']", "#main"]) {
    if (!document.querySelector(sel)) bad.push("no " + sel);
  }
  if (!document.documentElement.lang) bad.push("no html lang");
  for (const a of document.querySelectorAll(".langs a, .langs .current, .choices a")) {
    if (!a.lang) bad.push("language name without lang: " + a.textContent.trim());
    if (a.tagName === "A" && !a.hreflang) bad.push("language link without hreflang: " + a.textContent.trim());
  }
  const menu = document.querySelector(".menu");
  if (menu && /\/(investment|tourism|fact-check|documents)\//.test(location.pathname) && !menu.querySelector("[aria-current]")) {
    bad.push("main menu marks no current section");
  }
  return bad;
})()`

// pageTypes lists one page of each type in a language; the term is the
// first tag the taxonomy page lists, whatever the content's tags are.
func pageTypes(t *testing.T, pub, lang string) map[string]string {
	t.Helper()
	terms, err := os.ReadDir(filepath.Join(pub, lang, "tags"))
	if err != nil {
		t.Fatal(err)
	}
	term := ""
	for _, d := range terms {
		if d.IsDir() {
			term = d.Name()
			break
		}
	}
	if term == "" {
		t.Fatalf("no term pages under %s/tags", lang)
	}
	p := "/" + lang + "/"
	return map[string]string{
		"home":      p,
		"section":   p + "tourism/",
		"article":   p + "tourism/ba-ra-mountain/",
		"factcheck": p + "fact-check/border-not-demarcated/",
		"documents": p + "documents/foreign-information-plan-2024/",
		"taxonomy":  p + "tags/",
		"term":      p + "tags/" + term + "/",
		"404":       p + "no-such-page/",
	}
}

func shotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SITEGEN_SCREENSHOTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "sitegen-screenshots-"); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s (set SITEGEN_SCREENSHOTS to choose)", dir)
	return dir
}

func TestReaderExperience(t *testing.T) {
	exe := chromium(t)
	srv, pub := serve(t)
	browser := newBrowser(t, exe)
	shots := shotDir(t)

	t.Run("every page type loads cleanly", func(t *testing.T) {
		tb := newTab(t, browser)
		check := func(name, path string, wantStatus int) {
			probs, err := tb.load(srv.URL + path)
			if err != nil {
				t.Errorf("%s (%s): %v", name, path, err)
				return
			}
			var real []string
			for _, p := range probs {
				// The 404 page itself is meant to answer 404; nothing else may.
				if wantStatus == 404 && strings.Contains(p, "404") && strings.HasSuffix(strings.TrimSpace(p), srv.URL+path) {
					continue
				}
				real = append(real, p)
			}
			if len(real) > 0 {
				t.Errorf("%s (%s):\n  %s", name, path, strings.Join(real, "\n  "))
			}
			if bad, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](a11yProblems)); err != nil || len(bad) > 0 {
				t.Errorf("%s (%s): accessibility: %v %v", name, path, bad, err)
			}
			png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Errorf("screenshot of %s: %v", path, err)
				return
			}
			if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
		}
		check("picker", "/", 200)
		for _, lang := range langs {
			types := pageTypes(t, pub, lang)
			for _, name := range slices.Sorted(maps.Keys(types)) {
				status := 200
				if name == "404" {
					status = 404
				}
				check(lang+"-"+name, types[name], status)
			}
		}
	})

	t.Run("switcher leads to the translation and to the fallback", func(t *testing.T) {
		tb := newTab(t, browser)
		err := chromedp.Do(tb.ctx,
			chromedp.Navigate(srv.URL+"/vi/tourism/ba-ra-mountain/"),
			chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="en"]`)),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] main`)),
		)
		if err != nil {
			t.Fatalf("switching vi → en: %v", err)
		}
		loc, err := chromedp.Run(tb.ctx, chromedp.Location())
		if err != nil || loc != srv.URL+"/en/tourism/ba-ra-mountain/" {
			t.Errorf("vi → en led to %s (%v); want /en/tourism/ba-ra-mountain/", loc, err)
		}

		// Bù Lạch grassland exists only in Vietnamese: the Khmer entry leads
		// to the Khmer tourism section, which says why.
		err = chromedp.Do(tb.ctx,
			chromedp.Navigate(srv.URL+"/vi/tourism/bu-lach-grassland/"),
			chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="km"]`)),
			chromedp.WaitVisible(chromedp.ID("untranslated")),
		)
		if err != nil {
			t.Fatalf("switching to an untranslated page: %v", err)
		}
		loc, _ = chromedp.Run(tb.ctx, chromedp.Location())
		note, _ := chromedp.Run(tb.ctx, chromedp.Text(chromedp.ID("untranslated")))
		if loc != srv.URL+"/km/tourism/#untranslated" || !strings.Contains(note, "ភាសាខ្មែរ") {
			t.Errorf("vi → km fallback: at %s with note %q; want /km/tourism/#untranslated showing the Khmer note", loc, note)
		}
		if err := chromedp.Do(tb.ctx, chromedp.Navigate(srv.URL+"/km/tourism/")); err != nil {
			t.Fatal(err)
		}
		display, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("untranslated")).display`))
		if err != nil || display != "none" {
			t.Errorf("the untranslated note shows on a page reached normally (display %q, %v)", display, err)
		}
	})

	t.Run("Khmer is drawn with the Khmer web font", func(t *testing.T) {
		// A Vietnamese page has one Khmer word (the switcher's ភាសាខ្មែរ),
		// drawn with an installed font: no download. (First, in a fresh
		// tab: once a Khmer page has loaded the fonts, they are cached.)
		tb := newTab(t, browser)
		if _, err := tb.load(srv.URL + "/vi/tourism/ba-ra-mountain/"); err != nil {
			t.Fatal(err)
		}
		if f := tb.fontRequests(); len(f) > 0 {
			t.Errorf("the Vietnamese page downloaded fonts: %v", f)
		}
		fonts := usedFonts(t, tb.ctx, `nav.langs [lang="km"]`)
		for _, f := range fonts {
			if !strings.Contains(f.FamilyName, "Khmer") || f.IsCustomFont {
				t.Errorf("the switcher's Khmer name on a vi page uses %s; want an installed Khmer font (fonts-noto-core)", describe(fonts))
				break
			}
		}

		if _, err := tb.load(srv.URL + "/km/tourism/ba-ra-mountain/"); err != nil {
			t.Fatal(err)
		}
		for _, sel := range []string{"h1", ".content p", ".menu a"} {
			fonts := usedFonts(t, tb.ctx, sel)
			var khmer, total float64
			for _, f := range fonts {
				total += f.GlyphCount
				if f.IsCustomFont && strings.Contains(f.FamilyName, "Khmer") {
					khmer += f.GlyphCount
				}
			}
			// Digits and Latin names in Khmer text come from the system font.
			if total == 0 || khmer/total < 0.8 {
				t.Errorf("%s on a Khmer page: %.0f of %.0f glyphs from the web Khmer font; fonts %s", sel, khmer, total, describe(fonts))
			}
		}
		if len(tb.fontRequests()) == 0 {
			t.Error("the Khmer page requested no font file")
		}
	})

	t.Run("print: an investor's printout has the text and no menus", func(t *testing.T) {
		tb := newTab(t, browser)
		if _, err := tb.load(srv.URL + "/en/investment/why-invest/"); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		hidden, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[".menu", ".langs", ".crumbs", ".section-nav", ".skip"].filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; })`))
		if err != nil || len(hidden) > 0 {
			t.Errorf("printed page still shows %v (%v)", hidden, err)
		}
		if png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot()); err == nil {
			_ = os.WriteFile(filepath.Join(shots, "en-article-print.png"), png, 0o644)
		}
	})

	t.Run("keyboard: the skip link comes first and shows on focus", func(t *testing.T) {
		tb := newTab(t, browser)
		if err := chromedp.Do(tb.ctx, chromedp.Navigate(srv.URL+"/en/"), chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		cls, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.activeElement.className`))
		if err != nil {
			t.Fatal(err)
		}
		top, err := chromedp.Run(tb.ctx, chromedp.Evaluate[float64](`document.activeElement.getBoundingClientRect().top`))
		if err != nil {
			t.Fatal(err)
		}
		if cls != "skip" || top < 0 {
			t.Errorf("after one Tab the focus is on class %q at top %.0f; want the skip link, on screen", cls, top)
		}
	})
}

// usedFonts asks Chromium which fonts drew the text of the first element
// matching sel: the fonts actually used, not the CSS asked for.
func usedFonts(t *testing.T, ctx context.Context, sel string) []*css.PlatformFontUsage {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.QueryNodeIDs(chromedp.CSS(sel)))
	if err != nil || len(ids) == 0 {
		t.Fatalf("finding %s: %v", sel, err)
	}
	res, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: ids[0]})
	if err != nil {
		t.Fatalf("fonts of %s: %v", sel, err)
	}
	return res.Fonts
}

func describe(fonts []*css.PlatformFontUsage) string {
	var s []string
	for _, f := range fonts {
		s = append(s, fmt.Sprintf("%s (custom %v, %.0f glyphs)", f.FamilyName, f.IsCustomFont, f.GlyphCount))
	}
	return strings.Join(s, ", ")
}
