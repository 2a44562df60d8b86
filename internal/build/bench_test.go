package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/corpus"
	"sitegen/internal/fault"
	"sitegen/internal/i18n"
	"sitegen/internal/layout"
	"sitegen/internal/markdown"
	"sitegen/internal/metadata"
	"sitegen/internal/notice"
	"sitegen/internal/publish"
	"sitegen/internal/site"
)

// The stage benchmarks build a generated corpus (internal/corpus, the
// shape Hugo was measured on) of benchPages Vietnamese pages, about 2.7
// times as many files in all, so that a regression shows in the stage it
// is in. The whole build is BenchmarkBuild; cmd/sitebench measures it
// cold, as a process, against Hugo.
const benchPages = 100

// benchSite generates the corpus with the repository's layouts, i18n and
// static files beside it and returns its folder.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: benchPages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, d := range []string{"layouts", "i18n", "static"} {
		copyTree(b, filepath.Join("..", "..", d), filepath.Join(dir, d))
	}
	return dir
}

func copyTree(b *testing.B, from, to string) {
	b.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
}

// stages holds a site taken as far as a benchmark needs.
type stages struct {
	cfg     *config.Config
	srcs    []*content.Source
	site    *site.Site
	layouts *layout.Set
	md      *markdown.Renderer
}

func load(b *testing.B, dir string, upTo string) *stages {
	b.Helper()
	diags := &fault.List{}
	st := &stages{}
	var err error
	if st.cfg, err = config.Load(dir, diags); err != nil {
		b.Fatal(err)
	}
	st.srcs = content.Discover(st.cfg, diags, content.KeepBodies)
	if upTo == "discover" {
		return st
	}
	st.site = site.Assemble(st.cfg, st.srcs, site.Options{Now: time.Now()}, diags)
	if upTo == "assemble" {
		return st
	}
	st.layouts = loadLayouts(b, st, layout.Options{Minify: publish.MinifyTemplate})
	st.md = markdown.New(markdown.Options{})
	if upTo == "markdown" {
		return st
	}
	renderMarkdown(st.site, st.md, newPictures(), true, diags)
	if diags.Err(false) != nil {
		b.Fatal(diags.Err(false))
	}
	return st
}

// loadLayouts loads the site's layouts with opt.
func loadLayouts(b *testing.B, st *stages, opt layout.Options) *layout.Set {
	diags := &fault.List{}
	langs := make([]string, len(st.site.Langs))
	for i, l := range st.site.Langs {
		langs[i] = l.Code
	}
	ls, err := layout.Load(st.cfg.Dir, st.cfg.LayoutDir, langs, funcs(st.site, i18n.Load(st.cfg, diags), &map[string][]notice.View{}), opt, diags)
	if err == nil {
		err = diags.Err(false)
	}
	if err != nil {
		b.Fatal(err)
	}
	return ls
}

// pageCount reports pages per second for comparison across sizes.
func pageCount(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkDiscover(b *testing.B) {
	dir := benchSite(b)
	st := load(b, dir, "discover")
	for b.Loop() {
		content.Discover(st.cfg, &fault.List{}, content.KeepBodies)
	}
	pageCount(b, len(st.srcs))
}

func BenchmarkAssemble(b *testing.B) {
	dir := benchSite(b)
	st := load(b, dir, "discover")
	for b.Loop() {
		site.Assemble(st.cfg, st.srcs, site.Options{Now: time.Now()}, &fault.List{})
	}
	pageCount(b, len(st.srcs))
}

func BenchmarkMarkdown(b *testing.B) {
	st := load(b, benchSite(b), "markdown")
	// renderMarkdown releases each body once rendered; give them back.
	bodies := map[*content.Source][]byte{}
	for _, src := range st.srcs {
		bodies[src] = src.Body
	}
	for b.Loop() {
		for src, body := range bodies {
			src.Body = body
		}
		renderMarkdown(st.site, st.md, newPictures(), true, &fault.List{})
	}
	pageCount(b, len(st.srcs))
}

// BenchmarkTemplates executes every page's layout (metadata included, as
// the layouts call head) into a discarded buffer.
func BenchmarkTemplates(b *testing.B) {
	st := load(b, benchSite(b), "")
	for _, interpret := range []bool{false, true} {
		// compiled: the layouts as programs (package program), as a build
		// runs them; interpreted: executed by html/template.
		b.Run(map[bool]string{false: "compiled", true: "interpreted"}[interpret], func(b *testing.B) {
			ls := loadLayouts(b, st, layout.Options{Minify: publish.MinifyTemplate, Interpret: interpret})
			var buf bytes.Buffer
			for b.Loop() {
				for _, p := range st.site.Pages {
					if name := layoutFor(ls, p); name != "" {
						buf.Reset()
						if err := ls.Execute(&buf, p.Lang.Code, name, p); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			pageCount(b, len(st.site.Pages))
		})
	}
}

// BenchmarkMetadata builds each page's head block (canonical, hreflang,
// Open Graph, JSON-LD), then the sitemaps and feeds.
func BenchmarkMetadata(b *testing.B) {
	st := load(b, benchSite(b), "")
	for b.Loop() {
		for _, p := range st.site.Pages {
			if _, err := metadata.Head(p); err != nil {
				b.Fatal(err)
			}
		}
		for _, l := range st.site.Langs {
			metadata.Sitemap(l, st.site.Pages)
		}
		for _, p := range st.site.Pages {
			if metadata.FeedURL(p) != "" {
				metadata.Feed(p, 50)
			}
		}
	}
	pageCount(b, len(st.site.Pages))
}

// renderedPages returns every page's unminified HTML.
func renderedPages(b *testing.B, st *stages) [][]byte {
	var out [][]byte
	for _, p := range st.site.Pages {
		if name := layoutFor(st.layouts, p); name != "" {
			var buf bytes.Buffer
			if err := st.layouts.Execute(&buf, p.Lang.Code, name, p); err != nil {
				b.Fatal(err)
			}
			out = append(out, buf.Bytes())
		}
	}
	return out
}

// BenchmarkMinify compacts every page's rendered body, which the build
// does once per page (layouts are minified once, when loaded, and pages
// are written as they come out of them).
func BenchmarkMinify(b *testing.B) {
	st := load(b, benchSite(b), "markdown")
	var bodies [][]byte
	n := 0
	for _, src := range st.srcs {
		res, err := st.md.Render(src.Body, nil)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, res.HTML)
		n += len(res.HTML)
	}
	var out []byte
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, body := range bodies {
			out = markdown.Compact(out[:0], body)
		}
	}
	pageCount(b, len(bodies))
}

// BenchmarkWrite writes every page as the build does, already minified,
// into a fresh output folder (then discarded): the file system's share.
func BenchmarkWrite(b *testing.B) {
	st := load(b, benchSite(b), "")
	pages := renderedPages(b, st)
	rels := make([]string, len(pages))
	for i, p := range st.site.Pages[:len(pages)] {
		rels[i] = outputPath(p.RelURL)
	}
	root := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		out, err := publish.Open(filepath.Join(root, "out", string(rune('a'+i%26))+time.Now().Format("150405.000000")))
		if err != nil {
			b.Fatal(err)
		}
		for j, p := range pages {
			buf := out.Buffer()
			buf.Write(p)
			if err := out.WriteBuffer(rels[j], buf); err != nil {
				b.Fatal(err)
			}
		}
		out.Abort()
	}
	pageCount(b, len(pages))
}

// BenchmarkBuild is a whole build, output swapped in.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	dest := filepath.Join(b.TempDir(), "public")
	var pages int
	for b.Loop() {
		res, err := Build(Options{Source: dir, Destination: dest})
		if err != nil {
			b.Fatal(err)
		}
		pages = len(res.Site.Pages)
	}
	pageCount(b, pages)
}

// renderMarkdown renders every page's body now, on every core. The build
// does not: it renders each body when its page is rendered, or a list
// first asks for its summary. The stage benchmarks time Markdown alone
// with it.
func renderMarkdown(s *site.Site, md *markdown.Renderer, pics *pictures, compact bool, diags *fault.List) {
	s.SetBodyRenderer(bodies(s, md, pics, compact, diags))
	var pages []*site.Page
	for _, p := range s.Pages {
		if p.Src != nil {
			pages = append(pages, p)
		}
	}
	workers(pages, func(p *site.Page) { p.BodyFailed() })
}
