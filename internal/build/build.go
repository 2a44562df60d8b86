// Package build runs a whole build as one readable list of steps:
// configuration, sources, page graph, Markdown, templates, metadata,
// output. Each step reports into one fault list; the output is swapped into
// place only when no step found an error.
package build

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/fault"
	"sitegen/internal/host"
	"sitegen/internal/i18n"
	"sitegen/internal/layout"
	"sitegen/internal/markdown"
	"sitegen/internal/metadata"
	"sitegen/internal/notice"
	"sitegen/internal/publish"
	"sitegen/internal/schema"
	"sitegen/internal/search"
	"sitegen/internal/site"
)

// Options are what the command line can change.
type Options struct {
	Source      string // site directory
	Destination string // output directory; default Source/publishDir
	Drafts      bool
	Future      bool
	Expired     bool
	Strict      bool      // warnings fail the build
	Now         time.Time // "now" for publishDate and expiryDate; zero means the clock
	BaseURL     string    // replaces the configured baseURL (the development server's address)
	NoMinify    bool      // write files as rendered, for fast rebuilds
	Memory      bool      // keep the output in memory (Result.Memory) instead of writing Destination
	// TemplateMetrics times every layout and partial (Result.Templates).
	TemplateMetrics bool
	noFold          bool // tests: layouts run without their constant calls folded
	noCompile       bool // tests: layouts executed by html/template, not compiled
}

// Result describes a finished (or failed) build.
type Result struct {
	Site     *site.Site
	Findings []fault.Finding
	Dest     string
	Files    int64
	Bytes    int64
	Steps    []Step
	Duration time.Duration
	Memory   map[string][]byte // the output by slash path, when Options.Memory
	// Templates is the time spent in each layout and partial, the most
	// costly first, when Options.TemplateMetrics.
	Templates []layout.Metric
	// Incremental is set by Builder.Rebuild when only what an edit changes
	// was rendered; Changed then lists the output paths whose bytes
	// changed. FullReason says why a Rebuild built the whole site.
	Incremental bool
	Changed     []string
	FullReason  string
	// Later, after an incremental rebuild of a Builder told SearchLater,
	// indexes the edited languages for search; the function it returns
	// (call it where the Builder is not in use) puts the indexes into the
	// Builder's output and returns the paths that changed. See
	// Builder.Output.
	Later func() (func() []string, error)
}

// Step is one timed stage.
type Step struct {
	Name     string
	Duration time.Duration
}

// Build builds the site. The error is a *fault.List when the site itself
// has errors, or another error when the machine failed (disk, permissions).
func Build(opt Options) (*Result, error) { return run(opt, nil) }

// run is Build; with keep, it also keeps in keep what an incremental
// rebuild needs of a successful build (see Builder).
func run(opt Options, keep *state) (*Result, error) {
	start := time.Now()
	res := &Result{}
	diags := &fault.List{}
	step := func(name string, t0 time.Time) { res.Steps = append(res.Steps, Step{name, time.Since(t0)}) }
	finish := func(err error) (*Result, error) {
		res.Findings = diags.All()
		res.Duration = time.Since(start)
		if err == nil {
			err = diags.Err(opt.Strict)
		}
		return res, err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}

	// A build reads each page's Markdown again when it renders the page,
	// rather than hold every file from the start; the preview keeps them
	// for its rebuilds.
	held := content.DropBodies
	if opt.Memory {
		held = content.KeepBodies
	}
	s, err := loadSite(opt, held, diags, step)
	if err != nil {
		return finish(diags)
	}
	res.Site = s
	cfg := s.Config
	dest := cmp.Or(opt.Destination, filepath.Join(opt.Source, cfg.PublishDir))
	res.Dest = dest
	if err := checkDestination(cfg, dest); err != nil {
		diags.Add(fault.Finding{Severity: fault.Error, File: cfg.File, Msg: err.Error(),
			Hint: "choose an output folder that is neither the site, its content, nor a parent of them"})
		return finish(diags)
	}

	t0 := time.Now()
	cat := i18n.Load(cfg, diags)
	langs := make([]string, len(s.Langs))
	for i, l := range s.Langs {
		langs[i] = l.Code
	}
	notices := map[string][]notice.View{} // filled once summaries exist, before templates run
	// Layouts and page bodies are minified where they are made, once, so
	// that pages are written as they come out of the templates.
	var minifyLayout func(string) (string, error)
	if !opt.NoMinify {
		minifyLayout = publish.MinifyTemplate
	}
	pure := pureFuncs()
	if opt.noFold {
		pure = nil
	}
	layouts, err := layout.Load(cfg.Dir, cfg.LayoutDir, langs, funcs(s, cat, &notices),
		layout.Options{Minify: minifyLayout, Metrics: opt.TemplateMetrics, Pure: pure, Interpret: opt.noCompile}, diags)
	if err != nil {
		return finish(err)
	}
	step("load templates", t0)

	t0 = time.Now()
	pics := newPictures()
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	s.SetBodyRenderer(bodies(s, md, pics, !opt.NoMinify, diags))
	notices = notice.Active(s, opt.Now)
	var out *publish.Output
	if opt.Memory {
		out = publish.OpenMemory()
	} else if out, err = publish.Open(dest); err != nil {
		return finish(err)
	}
	if opt.NoMinify {
		out.DisableMinify()
	}
	committed := false
	defer func() {
		if !committed {
			out.Abort()
		}
	}()
	// A page's HTML is let go of once it is written, unless the preview
	// keeps it for its next rebuild; a search index reads only its text
	// and headings, which are kept.
	r := &renderer{s: s, ls: layouts, out: out, diags: diags, release: !opt.Memory}
	if keep != nil {
		keep.trace = newTracer()
		r.trace = keep.trace
		s.SetReach(keep.trace.reach)
	}
	renderPages(r)
	if keep != nil {
		keep.trace.stop()
	}
	res.Templates = layouts.Metrics()
	pics.write(out, diags)
	step("pages", t0)

	t0 = time.Now()
	writeMetadata(s, out, notices, diags)
	copyStatic(cfg, s, out, diags)
	step("metadata and static", t0)

	t0 = time.Now()
	if err := search.Write(s, out.WriteRaw); err != nil {
		return finish(err)
	}
	step("search index", t0)

	// Last: _headers lists every file the build wrote.
	if err := host.Write(out, hostLangs(s), strings.HasPrefix(cfg.BaseURL, "https:")); err != nil {
		f := fault.Finding{Severity: fault.Error, Msg: err.Error()}
		for _, name := range []string{"_headers", "_redirects"} {
			if strings.HasPrefix(err.Error(), "writing "+name+":") {
				f = collision(s, name, err)
			}
		}
		diags.Add(f)
	}

	for _, m := range cat.Missing() {
		lang, id, _ := strings.Cut(m, "|")
		diags.Add(fault.At(path.Join(cfg.I18nDir, lang+".toml"), 0, 0).Warnf("UI string %q used by the layouts is missing in language %q", id, lang).
			WithHint("add %s = \"…\" to %s/%s.toml", id, cfg.I18nDir, lang))
	}
	if diags.Err(opt.Strict) != nil {
		return finish(nil)
	}
	t0 = time.Now()
	if err := out.Commit(); err != nil {
		return finish(err)
	}
	committed = true
	res.Files, res.Bytes, res.Memory = out.Files(), out.Bytes(), out.Memory()
	step("swap output", t0)
	res, err = finish(nil)
	if keep != nil && err == nil {
		keep.keep(opt, res, layouts, cat, md, notices)
	}
	return res, err
}

// checkDestination refuses an output folder whose replacement would
// destroy sources.
func checkDestination(cfg *config.Config, dest string) error {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	absSite, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return err
	}
	protected := []string{absSite}
	for _, d := range []string{cfg.ContentDir, cfg.LayoutDir, cfg.I18nDir, cfg.StaticDir} {
		protected = append(protected, filepath.Join(absSite, d))
	}
	for _, l := range cfg.Languages {
		if l.ContentDir != "" {
			protected = append(protected, filepath.Join(absSite, l.ContentDir))
		}
	}
	for _, p := range protected {
		if absDest == p || within(p, absDest) {
			return fmt.Errorf("the destination %s is %s or a folder above it; building there would replace sources", dest, p)
		}
		if within(absDest, p) && p != absSite {
			return fmt.Errorf("the destination %s is inside the sources in %s; building there would mix output into them", dest, p)
		}
	}
	return nil
}

// within reports whether child is inside parent.
func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// workers runs f over items on every core.
func workers[T any](items []T, f func(T)) {
	n := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	ch := make(chan T)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				f(it)
			}
		}()
	}
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
}

// bodies returns how a page's body is rendered: its Markdown to HTML
// (compacted, unless for the preview), links resolved, images sized, and
// the summary and text made from it. Pages ask for it when first needed
// (site.Page.Content and friends).
func bodies(s *site.Site, md *markdown.Renderer, pics *pictures, compact bool, diags *fault.List) site.BodyRenderer {
	type scratch struct {
		src   []byte // the page's Markdown, read again
		html  bytes.Buffer
		small []byte
		plain plainScratch
	}
	pool := sync.Pool{New: func() any { return new(scratch) }}
	searchable := search.Languages(s)
	return func(p *site.Page, report bool) site.Body {
		sc := pool.Get().(*scratch)
		defer pool.Put(sc)
		sc.html.Reset()
		src, err := p.Src.ReadBody(&sc.src)
		if err != nil {
			var f fault.Finding
			if !errors.As(err, &f) {
				f = fault.At(p.Src.File, 0, 0).Errorf("%v", err)
			}
			diags.Add(f)
			return site.Body{Failed: true}
		}
		res, err := md.RenderTo(&sc.html, src, markdown.Hooks{Links: resolver(s, p), Images: imager(s, p, pics)})
		if err != nil {
			line := p.Src.BodyLine
			var le *markdown.LimitError
			if errors.As(err, &le) {
				line += le.Line - 1
			}
			diags.Add(fault.At(p.Src.File, line, 1).Errorf("%v", err))
			return site.Body{Failed: true}
		}
		var b site.Body
		if report {
			reportImages(p, res, diags)
			for _, le := range res.Links {
				diags.Add(fault.At(p.Src.File, p.Src.BodyLine+le.Line-1, le.Col).Errorf("broken link %q: %v", le.Dest, le.Err).
					WithHint("link to an existing .md file, relative to this file"))
			}
			b.Failed = len(res.Links) > 0
		}
		if searchable[p.Lang] {
			b.Plain = sc.plain.plainText(sc.html.Bytes())
		} else {
			b.Plain = sc.plain.plainPrefix(sc.html.Bytes(), plainKept)
		}
		if compact {
			sc.small = markdown.Compact(sc.small[:0], sc.html.Bytes())
			b.Content = template.HTML(sc.small)
		} else {
			b.Content = template.HTML(sc.html.String())
		}
		if searchable[p.Lang] {
			b.Headings = search.Headings(string(b.Content))
		}
		if p.Src.Summary != "" {
			b.Summary = template.HTML(html.EscapeString(p.Src.Summary))
		} else {
			b.Summary = template.HTML(html.EscapeString(metadata.Truncate(b.Plain, 240)))
		}
		return b
	}
}

// plainKept is how much of a page's text is kept when no search index
// needs all of it: summaries take 240 characters and descriptions 160.
const plainKept = 600

// resolver resolves relative .md links of page p: to the target page in the
// reader's language when it exists, or in the language the link names
// (page.en.md), or else in whatever language the target exists.
func resolver(s *site.Site, p *site.Page) markdown.Resolver {
	dir := path.Dir(p.Key)
	if p.Src.Dir != "" { // bundles and sections: links are relative to their folder
		dir = p.Key
	}
	if dir == "." {
		dir = ""
	}
	return func(dest string) (string, error) {
		target, frag, _ := strings.Cut(dest, "#")
		if i := strings.IndexByte(target, '?'); i >= 0 {
			target = target[:i]
		}
		var key string
		if strings.HasPrefix(target, "/") {
			key = strings.TrimPrefix(target, "/")
			key = strings.TrimPrefix(key, s.Config.ContentDir+"/")
		} else {
			key = path.Join(dir, target)
		}
		if strings.HasPrefix(key, "../") || key == ".." {
			return "", errors.New("the link leaves the content folder")
		}
		key = norm.NFC.String(strings.TrimSuffix(key, path.Ext(key))) // as content keys are
		lang := ""
		if i := strings.LastIndexByte(key, '.'); i >= 0 && s.Lang(key[i+1:]) != nil {
			lang, key = key[i+1:], key[:i]
		}
		switch path.Base(key) {
		case "index", "_index":
			key = path.Dir(key)
			if key == "." {
				key = ""
			}
		}
		var t *site.Page
		for _, l := range []string{lang, p.Lang.Code, s.Config.DefaultLang} {
			if l != "" && t == nil {
				t = s.Find(l, key)
			}
		}
		if t == nil {
			for _, l := range s.Langs {
				if t = s.Find(l.Code, key); t != nil {
					break
				}
			}
		}
		if t == nil {
			for _, l := range []string{p.Lang.Code, s.Config.DefaultLang} {
				if h := s.Hidden[l+"|"+key]; h != nil {
					return "", fmt.Errorf("%s is not published (%s)", h.File, s.HiddenReason(h))
				}
			}
			return "", fmt.Errorf("no page %s in the content", target)
		}
		u := site.EscapePath(t.RelURL)
		if frag != "" {
			u += "#" + frag
		}
		return u, nil
	}
}

// outputPath is the file a page is written to.
func outputPath(rel string) string {
	rel = strings.TrimPrefix(rel, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel + "index.html"
	}
	return rel
}

// layoutFor picks a page's layout by the documented lookup order.
func layoutFor(ls *layout.Set, p *site.Page) string {
	sec := p.Section
	if t, ok := p.Params["type"].(string); ok && t != "" {
		sec = t
	}
	switch p.Kind {
	case site.KindHome:
		return ls.Find("index.html", "_default/home.html", "_default/list.html")
	case site.KindSection:
		return ls.Find(sec+"/list.html", sec+"/section.html", "_default/section.html", "_default/list.html")
	case site.KindTaxonomy:
		return ls.Find("_default/taxonomy.html", "_default/terms.html", "_default/list.html")
	case site.KindTerm:
		return ls.Find("_default/term.html", "_default/list.html")
	case site.Kind404:
		return ls.Find("404.html")
	case site.KindLanguages:
		return ls.Find("languages.html")
	}
	var c []string
	if l, ok := p.Params["layout"].(string); ok && l != "" {
		c = append(c, sec+"/"+l+".html", "_default/"+l+".html")
	}
	return ls.Find(append(c, sec+"/single.html", "_default/single.html")...)
}

// renderer executes layouts and writes what they make.
type renderer struct {
	s       *site.Site
	ls      *layout.Set
	out     *publish.Output
	diags   *fault.List
	release bool    // let go of a regular page's HTML once it is written
	trace   *tracer // nil unless a Builder listens
}

// render executes layout name for p (a page, or a pager copy of a list)
// and writes the result.
func (r *renderer) render(p *site.Page, name string) bool {
	s, ls, out, diags := r.s, r.ls, r.out, r.diags
	// Rendered into one of the output's buffers, which the output takes:
	// the page goes to its file as the layouts make it (minified layouts
	// and bodies, or neither for the preview), without a copy.
	buf := out.Buffer()
	r.trace.enter(p)
	err := ls.Execute(buf, p.Lang.Code, name, p)
	r.trace.leave(p)
	if err != nil {
		f := layout.ErrorFinding(s.Config.LayoutDir, err)
		f.Msg += " (rendering " + cmp.Or(p.File(), p.RelURL) + ")"
		diags.Add(f)
		return false
	}
	if err := out.WriteBuffer(outputPath(p.RelURL), buf); err != nil {
		pos := fault.At(p.File(), 0, 0)
		if p.Src != nil && p.Src.URL != "" {
			pos = p.Src.Pos("url") // the url named a file the page cannot be
		}
		diags.Add(pos.Errorf("writing %s: %v", p.RelURL, err))
		return false
	}
	return true
}

// renderPages executes every page's layout and writes it: first the
// regular pages, each right after its body is rendered, its HTML let go
// of when r.release says so; then the lists, which show the regular
// pages' summaries.
func renderPages(r *renderer) {
	var regular, lists []*site.Page
	for _, p := range r.s.Pages {
		if p.Kind == site.KindPage {
			regular = append(regular, p)
		} else {
			lists = append(lists, p)
		}
	}
	workers(regular, func(p *site.Page) {
		r.page(p)
		if r.release {
			p.ReleaseContent()
		}
	})
	workers(lists, r.page)
}

// page renders page p: a regular page, or every pager of a list, and
// copies its bundle's files.
func (r *renderer) page(p *site.Page) {
	s, ls, out, diags, render := r.s, r.ls, r.out, r.diags, r.render
	if !s.Owns(p) {
		return // another page has its URL: reported, the build will fail
	}
	if p.BodyFailed() {
		return // its findings are reported; the build will fail
	}
	name := layoutFor(ls, p)
	if name == "" {
		if p.Kind == site.Kind404 || p.Kind == site.KindLanguages {
			return // optional pages
		}
		diags.Add(fault.At(p.File(), 0, 0).Errorf("no layout for this %s page", p.Kind).
			WithHint("add %s/_default/%s.html", s.Config.LayoutDir, map[bool]string{true: "single", false: "list"}[p.Kind == site.KindPage]))
		return
	}
	switch p.Kind {
	case site.KindHome, site.KindSection, site.KindTerm, site.KindTaxonomy:
		// A list is split into pagers only when its layout asks for
		// .Paginator, as in Hugo: render page 1, then the rest.
		first := p.PagerCopy(1)
		if !render(first, name) {
			return
		}
		if first.UsedPaginator() {
			for n := 2; n <= first.Paginator().TotalPages; n++ {
				render(p.PagerCopy(n), name)
			}
		}
	default:
		if !render(p, name) {
			return
		}
	}
	if p.Src != nil {
		for _, r := range p.Src.Resources {
			rel := strings.TrimPrefix(p.RelURL, "/") + path.Base(r)
			if err := out.Copy(rel, filepath.Join(s.Config.Dir, filepath.FromSlash(r))); err != nil {
				diags.Add(fault.At(r, 0, 0).Errorf("copying page resource: %v", err))
			}
		}
	}
}

// collision turns a failed write of a file the build makes itself (a
// sitemap, a feed, robots.txt, _headers, a static file) into a finding at
// the page whose url took that path or a folder on it, which is the
// editor's to change; without such a page it is a finding about the site.
func collision(s *site.Site, rel string, err error) fault.Finding {
	for _, p := range s.Pages {
		if p.Src == nil {
			continue
		}
		own := outputPath(p.RelURL)
		if own == rel || strings.HasPrefix(own, rel+"/") {
			pos := p.Src.Pos("url")
			if p.Src.URL == "" {
				pos = p.Src.Pos("slug")
			}
			return pos.Errorf("this page's URL %s takes %s, which sitegen writes itself (%v)", p.RelURL, rel, err).
				WithHint("choose another url or slug")
		}
	}
	return fault.Finding{Severity: fault.Error, Msg: err.Error()}
}

// writeMetadata writes sitemaps, feeds (with the urgent notices), JSON
// indexes and robots.txt. Each file is independent of the others, so they
// are made on every core; only the sitemap index waits for the languages'
// newest dates.
func writeMetadata(s *site.Site, out *publish.Output, notices map[string][]notice.View, diags *fault.List) {
	var listed []*site.Page
	for _, p := range s.Pages {
		if p.Kind != site.Kind404 && p.Kind != site.KindLanguages {
			listed = append(listed, p)
		}
	}
	write := func(rel string, b []byte) {
		if err := out.Write(rel, b); err != nil {
			diags.Add(collision(s, rel, fmt.Errorf("writing %s: %w", rel, err)))
		}
	}
	newest := make([]time.Time, len(s.Langs))
	var jobs []func()
	for i, l := range s.Langs {
		jobs = append(jobs, func() {
			b, t := metadata.Sitemap(l, listed)
			newest[i] = t
			write(strings.TrimPrefix(l.Prefix+"/sitemap.xml", "/"), b)
		})
		for _, p := range listed {
			if p.Lang == l {
				if f := metadata.FeedURL(p); f != "" {
					extra := notice.FeedItems(s, notices[l.Code])
					jobs = append(jobs, func() { write(strings.TrimPrefix(f, "/"), metadata.Feed(p, 50, extra...)) })
				}
				if f := metadata.IndexURL(p); f != "" {
					jobs = append(jobs, func() {
						b, _ := metadata.JSONIndex(p)
						write(strings.TrimPrefix(f, "/"), b)
					})
				}
			}
		}
	}
	workers(jobs, func(job func()) { job() })
	lastmods := map[string]time.Time{}
	for i, l := range s.Langs {
		lastmods[l.Code] = newest[i]
	}
	// With one unprefixed language its sitemap is already /sitemap.xml.
	if !out.Written("sitemap.xml") {
		write("sitemap.xml", metadata.SitemapIndex(s, lastmods))
	}
	write("robots.txt", metadata.Robots(s))
}

// copyStatic copies static/ to the output root.
func copyStatic(cfg *config.Config, s *site.Site, out *publish.Output, diags *fault.List) {
	root := filepath.Join(cfg.Dir, cfg.StaticDir)
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			rel, _ := filepath.Rel(cfg.Dir, p)
			diags.Add(fault.At(filepath.ToSlash(rel), 0, 0).Warnf("symbolic link in static/ skipped").
				WithHint("copy the file instead of linking to it"))
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Add(fault.Finding{Severity: fault.Error, File: cfg.StaticDir, Msg: err.Error()})
	}
	workers(files, func(p string) {
		rel, _ := filepath.Rel(root, p)
		if err := out.Copy(filepath.ToSlash(rel), p); err != nil {
			f := collision(s, filepath.ToSlash(rel), fmt.Errorf("copying static file %s: %w", path.Join(cfg.StaticDir, filepath.ToSlash(rel)), err))
			if f.File == "" {
				f = fault.At(path.Join(cfg.StaticDir, filepath.ToSlash(rel)), 0, 0).Errorf("copying static file: %v", err)
			}
			diags.Add(f)
		}
	})
}

// Load reads a site's configuration and sources and assembles its page
// graph without rendering anything: what the commands that only look at
// the sources (translations, report) need. The error is a *fault.List when
// the sources have errors.
func Load(opt Options) (*site.Site, []fault.Finding, error) {
	diags := &fault.List{}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	s, err := loadSite(opt, content.KeepBodies, diags, func(string, time.Time) {})
	if err != nil {
		return nil, diags.All(), diags
	}
	return s, diags.All(), diags.Err(opt.Strict)
}

// loadSite is the first part of every build and of Load: configuration,
// sources, page graph and what the pages say about their subjects, each
// step timed by step.
func loadSite(opt Options, bodies content.Bodies, diags *fault.List, step func(string, time.Time)) (*site.Site, error) {
	t0 := time.Now()
	cfg, err := config.Load(opt.Source, diags)
	if err != nil {
		return nil, err
	}
	if opt.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opt.BaseURL, "/") + "/"
	}
	step("config", t0)

	t0 = time.Now()
	srcs := content.Discover(cfg, diags, bodies)
	step("read content", t0)

	t0 = time.Now()
	s := site.Assemble(cfg, srcs, site.Options{Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired, Now: opt.Now}, diags)
	decodeData(s, diags)
	step("assemble", t0)
	return s, nil
}

// decodeData reads what each page's front matter says about its subject.
func decodeData(s *site.Site, diags *fault.List) {
	for _, p := range s.Pages {
		if p.Src != nil {
			p.Data = schema.Decode(s.Config, p.Src, diags)
		}
	}
}

// hostLangs is what the _redirects language redirect needs of each language.
func hostLangs(s *site.Site) []host.Lang {
	ls := make([]host.Lang, len(s.Langs))
	for i, l := range s.Langs {
		ls[i] = host.Lang{Code: l.Code, Prefix: l.Prefix}
	}
	return ls
}
