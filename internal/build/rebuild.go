package build

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

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

// Builder builds a site in memory and rebuilds it after edits: the
// development server's build. It keeps the state of its last good full
// build, and an edit of a page's text that leaves the page graph as it was
// (see site.Update) re-renders only what shows that page: the page, its
// translations, the pages whose section navigation lists it, the pagers of
// the lists it is in, their feeds and JSON indexes, the sitemap of its
// language and the language's search index. Anything else is a full build.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	opt     Options
	log     io.Writer
	later   bool            // leave search indexes to Result.Later
	st      *state          // the last good full build, with the edits applied since; nil before the first
	pending map[string]bool // files of failed rebuilds, tried again with the next
	said    string          // the last reason for incremental rebuilds being off, logged once
}

// NewBuilder prepares a Builder. The output is kept in memory
// (Options.Memory); log receives one line when the site's layouts make
// incremental rebuilds unsafe.
func NewBuilder(opt Options, log io.Writer) *Builder {
	opt.Memory = true
	if log == nil {
		log = io.Discard
	}
	return &Builder{opt: opt, log: log, pending: map[string]bool{}}
}

// SearchLater makes incremental rebuilds leave the search indexes of the
// edited languages to Result.Later. Indexing a language takes seconds on
// a large site, far longer than the rest of a rebuild: a server shows the
// edited page first and switches the indexes in when they are ready.
func (b *Builder) SearchLater() { b.later = true }

// Build builds the whole site. When it fails, the state of the last good
// build is kept, so later rebuilds still start from it.
func (b *Builder) Build() (*Result, error) { return b.full("") }

func (b *Builder) full(why string) (res *Result, err error) {
	opt := b.opt
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	st := &state{}
	res, err = run(opt, st)
	if res == nil {
		res = &Result{}
	}
	res.FullReason = why
	if err != nil {
		return res, err
	}
	b.st = st
	clear(b.pending)
	// Said once per kind of reach; the example page may differ between
	// builds, as pages render in parallel.
	kind, _, _ := strings.Cut(st.off, " (")
	if st.off != "" && kind != b.said {
		fmt.Fprintf(b.log, "every rebuild builds the whole site: %s\n", st.off)
	}
	b.said = kind
	return res, nil
}

// Rebuild rebuilds after the files in changed (absolute, or relative to
// the working directory) were saved, created or removed: incrementally when every one is a local edit
// of a page's Markdown (Result.Incremental, Result.Changed), else fully
// (Result.FullReason says why). Errors are reported as Build reports
// them, and the last good state is kept.
func (b *Builder) Rebuild(changed []string) (res *Result, err error) {
	for _, c := range changed {
		if abs, err := filepath.Abs(c); err == nil {
			b.pending[abs] = true
		}
	}
	if b.st == nil {
		return b.full("no earlier good build")
	}
	defer func() {
		if r := recover(); r != nil {
			b.st = nil // pages may be half updated: the next build is a full one
			panic(r)
		}
	}()
	files := slices.Sorted(maps.Keys(b.pending))
	pages, why := b.st.pagesOf(files)
	if next := b.st.next; why == "" && b.opt.Now.IsZero() && !next.IsZero() && !time.Now().Before(next) {
		why = "a publishDate, expiryDate or notice time has come since the last full build"
	}
	if why == "" {
		res, why, err = b.st.incremental(pages, b.later)
		if err != nil {
			return res, err // the last good state is kept; the files are tried again next time
		}
	}
	if why != "" {
		return b.full(why)
	}
	clear(b.pending)
	return res, nil
}

// Output returns the output of the last good build with the rebuilds
// since, by slash path; nil before the first. The map is not changed
// afterwards: each rebuild makes a new one.
func (b *Builder) Output() map[string][]byte {
	if b.st == nil {
		return nil
	}
	return b.st.files
}

// Patch replaces output files outside a build (nil: removes them), as the
// server does for static files, which are copied as they are; later
// rebuilds keep them. It returns the whole output, or nil before a good
// build.
func (b *Builder) Patch(files map[string][]byte) map[string][]byte {
	if b.st == nil {
		return nil
	}
	next := maps.Clone(b.st.files)
	for rel, data := range files {
		b.st.bytes -= int64(len(next[rel]))
		if data == nil {
			delete(next, rel)
			continue
		}
		next[rel] = data
		b.st.bytes += int64(len(data))
	}
	b.st.files = next
	return next
}

// state is what a full build leaves for incremental rebuilds.
type state struct {
	opt      Options // with the Now of the full build
	site     *site.Site
	layouts  *layout.Set
	cat      *i18n.Catalog
	md       *markdown.Renderer
	notices  map[string][]notice.View
	files    map[string][]byte
	bytes    int64
	findings []fault.Finding
	missing  int // UI strings missing, which a rendering could add to
	trace    *tracer
	byFile   map[string]*site.Page // source file → page
	listed   []*site.Page          // the pages sitemaps list, as writeMetadata gives them
	newest   map[*site.Lang]time.Time
	off      string              // why every rebuild must be full, or ""
	search   map[*site.Lang]bool // languages with a search index
	stale    map[*site.Lang]bool // languages whose search index is behind their pages
	gen      int                 // incremental rebuilds so far
	// next is the first time after the build's Now at which a page
	// appears or expires, or a notice starts or ends: an incremental
	// rebuild keeps the build's Now, so from then on rebuilds are full.
	next time.Time
}

// keep records a successful full build.
func (st *state) keep(opt Options, res *Result, ls *layout.Set, cat *i18n.Catalog, md *markdown.Renderer, notices map[string][]notice.View) {
	s := res.Site
	st.opt, st.site, st.layouts, st.cat, st.md, st.notices = opt, s, ls, cat, md, notices
	st.files, st.bytes, st.findings, st.missing = res.Memory, res.Bytes, res.Findings, len(cat.Missing())
	st.byFile = map[string]*site.Page{}
	for _, p := range s.Pages {
		if p.Src != nil {
			st.byFile[p.Src.File] = p
		}
		if p.Kind != site.Kind404 && p.Kind != site.KindLanguages {
			st.listed = append(st.listed, p)
		}
	}
	st.newest = map[*site.Lang]time.Time{}
	for _, l := range s.Langs {
		_, st.newest[l] = metadata.Sitemap(l, st.listed)
	}
	later := func(t time.Time) {
		if t.After(opt.Now) && (st.next.IsZero() || t.Before(st.next)) {
			st.next = t
		}
	}
	for _, src := range s.Hidden {
		later(src.PublishDate)
		later(src.Date) // a future date hides a page without a publishDate
	}
	for _, p := range s.Pages {
		if p.Src != nil {
			later(p.Src.ExpiryDate)
		}
		if p.Data != nil && p.Data.Notice != nil {
			later(p.Data.Notice.Start)
			later(p.Data.Notice.End)
		}
	}
	st.search, st.stale = search.Languages(s), map[*site.Lang]bool{}
	st.off = st.trace.off
	if st.off == "" {
		st.off = staticReach(filepath.Join(s.Config.Dir, filepath.FromSlash(s.Config.LayoutDir)))
	}
}

// pagesOf maps changed files to the regular pages they are the sources
// of, or says why the change is not an edit of such pages.
func (st *state) pagesOf(files []string) ([]*site.Page, string) {
	if st.off != "" {
		return nil, st.off
	}
	dir, err := filepath.Abs(st.site.Config.Dir)
	if err != nil {
		return nil, err.Error()
	}
	var out []*site.Page
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, f + " is outside the site"
		}
		rel = filepath.ToSlash(rel)
		p := st.byFile[rel]
		switch {
		case p == nil:
			return nil, rel + " is not the source of a page of the last build"
		case p.Kind != site.KindPage:
			return nil, rel + " is a " + string(p.Kind) + " page, whose title other pages show"
		}
		if fi, err := os.Stat(f); err != nil || !fi.Mode().IsRegular() {
			return nil, rel + " was removed or renamed"
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, "nothing to rebuild"
	}
	return out, ""
}

// incremental applies local edits of pages and renders what shows them.
// It returns a reason, and leaves the state as it was, when the edits are
// not local: a full build is needed. Errors in the edited pages' front
// matter data or Markdown are returned as a full build returns them (it
// stops after the Markdown), with the state left as it was.
func (st *state) incremental(pages []*site.Page, later bool) (*Result, string, error) {
	start := time.Now()
	s, cfg := st.site, st.site.Config
	res := &Result{Site: s, Incremental: true}
	step := func(name string, t0 time.Time) { res.Steps = append(res.Steps, Step{name, time.Since(t0)}) }
	diags := &fault.List{}
	type edit struct {
		p     *site.Page
		saved site.Page
	}
	var edits []edit
	undo := func(why string) (*Result, string, error) {
		for i := len(edits) - 1; i >= 0; i-- {
			*edits[i].p = edits[i].saved
		}
		return nil, why, nil
	}

	t0 := time.Now()
	edited := map[string]bool{}
	for _, p := range pages {
		src := content.Reread(cfg, p.Src, diags)
		if src == nil {
			return undo(p.Src.File + " does not parse")
		}
		saved := *p
		if why := s.Update(p, src); why != "" {
			return undo(p.Src.File + ": " + why)
		}
		edits = append(edits, edit{p, saved})
		edited[p.Src.File] = true
		p.Data = schema.Decode(cfg, src, diags)
		if saved.Data != nil && saved.Data.Notice != nil || p.Data != nil && p.Data.Notice != nil {
			return undo(p.Src.File + " is an urgent notice, shown on every page")
		}
		if st.trace.lookups[p] {
			return undo(p.Src.File + " is looked up by the layouts (a menu, the search box), so other pages show it")
		}
	}
	step("read", t0)

	t0 = time.Now()
	pics := newPictures()
	// Bodies report into this rebuild's findings from now on; the edited
	// pages' were reset by Update, every other page's is kept from the
	// full build (Options.Memory keeps them).
	s.SetBodyRenderer(bodies(s, st.md, pics, !st.opt.NoMinify, diags))
	for _, p := range pages {
		p.BodyFailed()
	}
	if len(pics.files) > 0 {
		return undo("the page shows images of its bundle")
	}
	if why, err := st.mergeFindings(res, diags, edited); why != "" {
		return undo(why)
	} else if err != nil {
		undo("")
		res.Duration = time.Since(start)
		return res, "", err
	}
	step("markdown", t0)

	t0 = time.Now()
	out := publish.OpenMemory()
	if st.opt.NoMinify {
		out.DisableMinify()
	}
	rdiags := &fault.List{}
	tr := newTracer()
	jobs := st.renderAround(&renderer{s: s, ls: st.layouts, out: out, diags: rdiags, trace: tr}, pages)
	s.SetReach(tr.reach)
	workers(jobs, func(job func()) { job() })
	s.SetReach(nil)
	tr.stop()
	if len(rdiags.All()) > 0 {
		return undo("rendering the edit reported findings")
	}
	if tr.off != "" {
		return undo(tr.off)
	}
	for p := range tr.lookups {
		if !st.trace.lookups[p] {
			return undo("the layouts looked up a page the last full build did not")
		}
	}
	for _, n := range tr.ns {
		if !slices.Contains(st.trace.ns, n) {
			return undo("the layouts asked for a new number of neighbours")
		}
	}
	if len(st.cat.Missing()) != st.missing {
		return undo("the layouts used a UI string that is missing")
	}
	step("templates", t0)

	t0 = time.Now()
	lastmod := map[*site.Lang]bool{} // languages whose sitemap an edit changes
	was := map[*site.Page]*site.Page{}
	for _, e := range edits {
		if !e.p.Lastmod.Equal(e.saved.Lastmod) {
			lastmod[e.p.Lang] = true
		}
		was[e.p] = &e.saved
	}
	newest := st.writeMetadata(out, was, lastmod, rdiags)
	step("metadata", t0)
	if len(rdiags.All()) > 0 {
		return undo("writing metadata reported findings")
	}

	t0 = time.Now()
	changed, ok := st.switchOutput(out.Memory(), nil)
	if !ok {
		return undo("the edit makes a file the last build did not")
	}
	step("switch output", t0)

	t0 = time.Now()
	st.gen++
	for _, p := range pages {
		if st.search[p.Lang] {
			st.stale[p.Lang] = true
		}
	}
	index := st.indexLater()
	if later {
		res.Later = index
	} else if apply, err := index(); err != nil {
		return nil, err.Error(), nil // the pages are in; a full build reports it
	} else if more := apply(); more != nil {
		changed = append(changed, more...)
		slices.Sort(changed)
	}
	step("search index", t0)
	res.Changed = changed
	res.Memory, res.Files, res.Bytes = st.files, int64(len(st.files)), st.bytes
	st.findings = res.Findings
	maps.Copy(st.newest, newest)
	res.Duration = time.Since(start)
	return res, "", nil
}

// switchOutput makes the state's output the last output with mem's files
// in place of theirs. The search indexes in dirs are replaced whole (their
// file names are digests of their contents), and _headers, which lists the
// site's folders and root files, follows. It returns the paths that
// changed, or false when mem holds a file the last build did not make.
func (st *state) switchOutput(mem map[string][]byte, dirs []string) ([]string, bool) {
	searched := func(rel string) bool {
		for _, d := range dirs {
			if strings.HasPrefix(rel, d) {
				return true
			}
		}
		return false
	}
	next := maps.Clone(st.files)
	size := st.bytes
	var changed []string
	moved := false // a file came or went
	if len(dirs) > 0 {
		for rel, b := range next {
			if searched(rel) {
				if _, ok := mem[rel]; !ok {
					changed = append(changed, rel)
					moved = true
				}
				delete(next, rel)
				size -= int64(len(b))
			}
		}
	}
	for rel, b := range mem {
		old, ok := st.files[rel]
		switch {
		case !ok && !searched(rel):
			return nil, false
		case !ok:
			moved = true
		}
		if !ok || !bytes.Equal(old, b) {
			changed = append(changed, rel)
		}
		if _, kept := next[rel]; kept {
			size -= int64(len(old))
		}
		next[rel] = b
		size += int64(len(b))
	}
	if moved {
		if rel, b := st.headers(next); b != nil && !bytes.Equal(b, next[rel]) {
			size += int64(len(b) - len(next[rel]))
			changed = append(changed, rel)
			next[rel] = b
		}
	}
	slices.Sort(changed)
	st.files, st.bytes = next, size
	return changed, true
}

// headers returns the _headers file for the output files, when the last
// build's _headers was the one host.Write makes (a site may bring its own).
func (st *state) headers(files map[string][]byte) (string, []byte) {
	s := st.site
	secure := strings.HasPrefix(s.Config.BaseURL, "https:")
	redirects := host.Redirects(hostLangs(s))
	paths := func(m map[string][]byte) []string {
		var ps []string
		for rel, b := range m {
			if rel == "_headers" || rel == "_redirects" && bytes.Equal(b, redirects) {
				continue
			}
			ps = append(ps, rel)
		}
		slices.Sort(ps)
		return ps
	}
	if !bytes.Equal(st.files["_headers"], host.Headers(paths(st.files), secure)) {
		return "", nil
	}
	return "_headers", host.Headers(paths(files), secure)
}

// mergeFindings gives res the findings a full build would report: those
// of the last build, with the edited files' replaced by what reading and
// rendering them found now, and the error to return is made of them. A
// finding of the last build about an
// edited file that was not found again (one that only the whole site
// could reproduce) is a reason for a full build.
func (st *state) mergeFindings(res *Result, diags *fault.List, edited map[string]bool) (string, error) {
	found := diags.All()
	all := &fault.List{}
	for _, f := range st.findings {
		if edited[f.File] {
			if !slices.Contains(found, f) {
				return "a finding about " + f.File + " went away or needs the whole site", nil
			}
			continue
		}
		all.Add(f)
	}
	all.Add(found...)
	res.Findings = all.All()
	return "", all.Err(st.opt.Strict)
}

// renderAround returns the renderings of what shows the edited pages.
func (st *state) renderAround(r *renderer, pages []*site.Page) []func() {
	s := st.site
	single := map[*site.Page]bool{}
	lists := map[*site.Page]map[int]bool{} // list → its pagers with edited pages
	for _, p := range pages {
		single[p] = true
		for _, t := range p.Translations {
			single[t] = true
		}
		if p.Parent != nil && len(st.trace.ns) > 0 {
			all := p.Parent.Pages()
			if i := slices.Index(all, p); i >= 0 {
				for _, n := range st.trace.ns {
					for j := max(0, i-n); j < min(len(all), i+n+1); j++ {
						if q := all[j]; !single[q] && slices.Contains(q.Neighbours(n).Pages, p) {
							single[q] = true
						}
					}
				}
			}
		}
		var in []*site.Page
		if p.Parent != nil && p.Parent.Kind == site.KindSection {
			in = append(in, p.Parent)
		}
		in = append(in, p.Lang.Home)
		for _, terms := range p.Terms {
			in = append(in, terms...)
		}
		for _, l := range in {
			if i := slices.Index(l.Pages(), p); i >= 0 {
				if lists[l] == nil {
					lists[l] = map[int]bool{}
				}
				lists[l][i/s.Config.PagerSize+1] = true
			}
		}
	}
	var jobs []func()
	for q := range single {
		if name := layoutFor(r.ls, q); name != "" {
			jobs = append(jobs, func() { r.render(q, name) })
		}
	}
	for l, pagers := range lists {
		name := layoutFor(r.ls, l)
		if name == "" {
			continue
		}
		jobs = append(jobs, func() {
			// Pager 1 is the list page; the others exist when its
			// layout asked for the Paginator.
			first := l.PagerCopy(1)
			if !r.render(first, name) || !first.UsedPaginator() {
				return
			}
			for n := range pagers {
				if n > 1 {
					r.render(l.PagerCopy(n), name)
				}
			}
		})
	}
	return jobs
}

// writeMetadata writes the feeds and JSON indexes of the lists the edited
// pages are in, and the sitemaps of the languages in langs, as
// writeMetadata makes them. Sitemaps carry no titles or text, only URLs,
// alternates and lastmod: an edit that keeps the page graph changes a
// sitemap only through a page's lastmod, and only in the page's language.
//
// A JSON index lists every page of its list: when no lastmod changed, the
// edited pages' entries are replaced in the last build's index
// (metadata.PatchIndex) instead of encoding it all again.
//
// It returns the newest lastmod of each language whose sitemap it made.
func (st *state) writeMetadata(out *publish.Output, was map[*site.Page]*site.Page, langs map[*site.Lang]bool, diags *fault.List) map[*site.Lang]time.Time {
	s := st.site
	write := func(rel string, b []byte) {
		if err := out.Write(rel, b); err != nil {
			diags.Add(collision(s, rel, fmt.Errorf("writing %s: %w", rel, err)))
		}
	}
	lists := map[*site.Page][]*site.Page{} // list → the edited pages below it
	for p := range was {
		for a := p.Parent; a != nil; a = a.Parent {
			lists[a] = append(lists[a], p)
		}
	}
	var jobs []func()
	for a, below := range lists {
		if f := metadata.FeedURL(a); f != "" {
			extra := notice.FeedItems(s, st.notices[a.Lang.Code])
			jobs = append(jobs, func() { write(strings.TrimPrefix(f, "/"), metadata.Feed(a, 50, extra...)) })
		}
		if f := metadata.IndexURL(a); f != "" {
			rel := strings.TrimPrefix(f, "/")
			jobs = append(jobs, func() {
				b, ok := st.files[rel], !langs[a.Lang]
				for _, p := range below {
					if !ok {
						break
					}
					b, ok = metadata.PatchIndex(b, was[p], p)
				}
				if !ok {
					b, _ = metadata.JSONIndex(a)
				}
				write(rel, b)
			})
		}
	}
	var mu sync.Mutex
	newest := map[*site.Lang]time.Time{}
	for l := range langs {
		jobs = append(jobs, func() {
			b, t := metadata.Sitemap(l, st.listed)
			mu.Lock()
			newest[l] = t
			mu.Unlock()
			write(strings.TrimPrefix(l.Prefix+"/sitemap.xml", "/"), b)
		})
	}
	workers(jobs, func(job func()) { job() })
	if len(langs) > 0 && !out.Written("sitemap.xml") && st.files["sitemap.xml"] != nil {
		lastmods := map[string]time.Time{}
		for _, l := range s.Langs {
			lastmods[l.Code] = st.newest[l]
			if t, ok := newest[l]; ok {
				lastmods[l.Code] = t
			}
		}
		write("sitemap.xml", metadata.SitemapIndex(s, lastmods))
	}
	return newest
}

// indexLater takes what the stale search indexes hold now and returns
// the function that indexes it, which returns the function that puts the
// indexes into the output (the changed paths; none when a later rebuild
// overtook it, whose own indexing covers these languages too). Only
// applying needs the state: indexing can run while the Builder rebuilds.
func (st *state) indexLater() func() (func() []string, error) {
	docs := map[*site.Lang][]search.Doc{}
	for l := range st.stale {
		docs[l] = search.Docs(st.site, l)
	}
	gen := st.gen
	return func() (func() []string, error) {
		files := map[string][]byte{}
		var dirs []string
		for l, ds := range docs {
			x := search.New(l.Code)
			for _, d := range ds {
				x.Add(d)
			}
			fs, err := x.Files()
			if err != nil {
				return nil, fmt.Errorf("search index for %s: %w", l.Code, err)
			}
			for name, b := range fs {
				files[search.Dir(l.Code)+name] = b
			}
			dirs = append(dirs, search.Dir(l.Code))
		}
		return func() []string {
			if st.gen != gen || len(docs) == 0 {
				return nil
			}
			changed, _ := st.switchOutput(files, dirs)
			clear(st.stale)
			return changed
		}, nil
	}
}

// tracer listens to the reaches of templates while pages render (see
// site.Reach) and decides whether the rules of renderAround cover them:
// a page's own lists, neighbours and translations are covered; lists,
// neighbours or translations of other pages are not. Lookups are
// recorded, so that an edit of a page found that way (the search page,
// a menu entry) is built in full.
type tracer struct {
	mu        sync.Mutex
	on        bool
	rendering map[*site.Page]int // the pages being rendered now
	lookups   map[*site.Page]bool
	ns        []int  // the n of every Neighbours call
	off       string // the first reach the rules do not cover
}

func newTracer() *tracer {
	return &tracer{on: true, rendering: map[*site.Page]int{}, lookups: map[*site.Page]bool{}}
}

func (t *tracer) enter(p *site.Page) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.rendering[p]++
	t.mu.Unlock()
}

func (t *tracer) leave(p *site.Page) {
	if t == nil {
		return
	}
	t.mu.Lock()
	if t.rendering[p]--; t.rendering[p] == 0 {
		delete(t.rendering, p)
	}
	t.mu.Unlock()
}

func (t *tracer) stop() {
	t.mu.Lock()
	t.on = false
	t.mu.Unlock()
}

func (t *tracer) reach(r site.Reach) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.on {
		return
	}
	self := r.From != nil && (t.rendering[r.From] > 0 || r.From.IsPagerCopy())
	uncovered := func(what string) {
		if t.off == "" {
			t.off = fmt.Sprintf("a layout %s (%s on %s)", what, r.How, cmpOr(r.From.File(), r.From.RelURL))
		}
	}
	switch r.How {
	case "Lookup", "ByURL":
		if r.Got != nil {
			t.lookups[r.Got] = true
		}
	case "Neighbours":
		if !self {
			uncovered("lists the neighbours of a page other than the one it renders")
		} else if !slices.Contains(t.ns, r.N) {
			t.ns = append(t.ns, r.N)
		}
	case "Pages", "Paginator":
		if !self && r.From.Kind != site.KindPage {
			uncovered("lists the pages of a page other than the one it renders")
		}
	case "Translation", "AllTranslations", "Fallback":
		if !self && r.From.Kind == site.KindPage {
			uncovered("shows translations of a page other than the one it renders")
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
