// Package layout loads a site's html/template layouts and picks the one a
// page is rendered with.
//
// Lookup order, first match wins ("S" is the page's section, or its front
// matter type; "L" its front matter layout):
//
//	home        index.html, _default/home.html, _default/list.html
//	section     S/list.html, S/section.html, _default/section.html, _default/list.html
//	page        S/L.html, _default/L.html, S/single.html, _default/single.html
//	taxonomy    _default/taxonomy.html, _default/terms.html, _default/list.html
//	term        _default/term.html, _default/list.html
//	404         404.html
//	languages   languages.html (the language picker at /)
//
// A layout that defines blocks ({{ define "main" }}) is executed through
// S/baseof.html or _default/baseof.html. Partials live in partials/ and are
// called with {{ partial "name.html" . }}; they are executed on their own
// and their output inserted as HTML, as in Hugo.
//
// Templates are parsed once and then cloned per language, so that functions
// such as T translate into the page's language without being passed it.
package layout

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sitegen/internal/fault"
	"sitegen/internal/program"
)

// Set is a site's compiled layouts for every language.
type Set struct {
	dir      string // site-relative layouts directory, for findings
	sources  map[string]string
	base     map[string]*template.Template // layout name → compiled (with baseof if used), language-neutral
	partials map[string]*template.Template
	langs    map[string]*langSet
	// exact holds the layouts as written when langs holds them minified:
	// a page that fails is executed again with these, so that the error
	// names the line of the file the editor sees.
	exact   map[string]*langSet
	bufs    sync.Pool
	metrics map[string]*metric // by layout or partial name, when Options.Metrics
	// interpreted says why a layout or partial, by name, is executed by
	// html/template rather than compiled (package program), in some
	// language.
	interpreted map[string]string
}

// Options change how layouts are prepared.
type Options struct {
	// Minify, when not nil, is applied to each HTML layout before it is
	// parsed for execution (the files are parsed as written too, for
	// errors).
	Minify func(string) (string, error)
	// Metrics times every execution of every layout and partial, for
	// Metrics (sitegen build --templateMetrics, as in Hugo).
	Metrics bool
	// Pure names the functions whose result depends only on their
	// arguments and the language: with Minify, a call of one with constant
	// arguments is made once per language, not on every page (see fold).
	Pure map[string]bool
	// Interpret leaves every layout to html/template instead of compiling
	// it (package program), for comparing the two.
	Interpret bool
}

// metric is one template's executions.
type metric struct {
	count, total, max atomic.Int64 // total and max in nanoseconds
}

// Metric is what Metrics reports of one layout or partial.
type Metric struct {
	Name       string
	Count      int64
	Cumulative time.Duration // partials it called included
	Max        time.Duration
	// Interpreted says why the template is executed by html/template
	// instead of compiled, which is slower; "" when it is compiled.
	Interpreted string
}

// Metrics returns the executions of each layout and partial, the most
// costly first, when Options.Metrics asked for them.
func (s *Set) Metrics() []Metric {
	var out []Metric
	for n, m := range s.metrics {
		if c := m.count.Load(); c > 0 {
			out = append(out, Metric{Name: n, Count: c, Cumulative: time.Duration(m.total.Load()), Max: time.Duration(m.max.Load()), Interpreted: s.interpreted[n]})
		}
	}
	slices.SortFunc(out, func(a, b Metric) int {
		return cmp.Or(cmp.Compare(b.Cumulative, a.Cumulative), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// timed records one execution of name that started at t0.
func (s *Set) timed(name string, t0 time.Time) {
	m := s.metrics[name]
	if m == nil {
		return
	}
	d := int64(time.Since(t0))
	m.count.Add(1)
	m.total.Add(d)
	for {
		old := m.max.Load()
		if d <= old || m.max.CompareAndSwap(old, d) {
			return
		}
	}
}

type langSet struct {
	pages    map[string]*template.Template
	partials map[string]*template.Template
	// progs are the layouts and partials compiled, by template; a
	// template missing here is executed by html/template.
	progs map[*template.Template]*program.Program
}

// Load reads and parses every .html file under dir. funcs gives the
// function map for a language; it is called with "" once to parse.
func Load(siteDir, dir string, langs []string, funcs func(lang string) template.FuncMap, opt Options, diags *fault.List) (*Set, error) {
	minify := opt.Minify
	s := &Set{dir: dir, sources: map[string]string{}, interpreted: map[string]string{}}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	root := filepath.Join(siteDir, filepath.FromSlash(dir))
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		s.sources[p] = string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading layouts: %w", err)
	}
	parseFuncs := funcs("")
	parseFuncs["partial"] = func(string, ...any) (template.HTML, error) { return "", nil }
	parseFuncs["partialCached"] = parseFuncs["partial"]
	s.base, s.partials = s.parse(s.sources, parseFuncs, diags)
	// Metrics are counted from the first page on, not while folding runs
	// the layouts once.
	defer func() {
		if opt.Metrics {
			s.metrics = map[string]*metric{}
			for n := range s.base {
				s.metrics[n] = new(metric)
			}
			for n := range s.partials {
				s.metrics["partials/"+n] = new(metric)
			}
		}
	}()
	compile := !opt.Interpret && diags.Err(false) == nil
	if s.langs, err = s.perLang(s.base, s.partials, langs, funcs, nil, compile && minify == nil); err != nil {
		return nil, err
	}
	if minify == nil || diags.Err(false) != nil {
		return s, nil
	}
	small := map[string]string{}
	for n, src := range s.sources {
		small[n] = src
		if strings.HasSuffix(n, ".html") {
			if m, err := minify(src); err == nil {
				small[n] = m
			}
		}
	}
	// A layout the minifier broke is used as written.
	base, partials := s.parse(small, parseFuncs, &fault.List{})
	for n, t := range s.base {
		if base[n] == nil {
			base[n] = t
		}
	}
	for n, t := range s.partials {
		if partials[n] == nil {
			partials[n] = t
		}
	}
	s.exact = s.langs
	if s.langs, err = s.perLang(base, partials, langs, funcs, opt.Pure, compile); err != nil {
		return nil, err
	}
	return s, nil
}

// parse compiles layouts and partials from sources, reporting errors.
func (s *Set) parse(sources map[string]string, parseFuncs template.FuncMap, diags *fault.List) (base, partials map[string]*template.Template) {
	base, partials = map[string]*template.Template{}, map[string]*template.Template{}
	names := slices.Sorted(maps.Keys(sources))
	for _, n := range names {
		if strings.HasPrefix(n, "partials/") || strings.HasPrefix(n, "_partials/") {
			t, err := template.New(n).Funcs(parseFuncs).Parse(sources[n])
			if err != nil {
				diags.Add(s.finding(err))
				continue
			}
			partials[strings.TrimPrefix(strings.TrimPrefix(n, "_partials/"), "partials/")] = t
			continue
		}
		if path.Base(n) == "baseof.html" {
			continue
		}
		t, err := compile(sources, n, parseFuncs)
		if err != nil {
			diags.Add(s.finding(err))
			continue
		}
		base[n] = t
	}
	return base, partials
}

// perLang clones the compiled layouts for each language, with that
// language's functions, folds the calls of pure ones (nil: none) and,
// when compile is set, compiles them into programs.
func (s *Set) perLang(base, partials map[string]*template.Template, langs []string, funcs func(lang string) template.FuncMap, pure map[string]bool, compile bool) (map[string]*langSet, error) {
	out := map[string]*langSet{}
	for _, lang := range langs {
		ls := &langSet{pages: map[string]*template.Template{}, partials: map[string]*template.Template{}, progs: map[*template.Template]*program.Program{}}
		fm := funcs(lang)
		fm["partial"] = s.partialFunc(ls)
		fm["partialCached"] = fm["partial"]
		for n, t := range base {
			c, err := t.Clone()
			if err != nil {
				return nil, fmt.Errorf("cloning %s: %w", n, err)
			}
			ls.pages[n] = c.Funcs(fm)
		}
		for n, t := range partials {
			c, err := t.Clone()
			if err != nil {
				return nil, fmt.Errorf("cloning partial %s: %w", n, err)
			}
			ls.partials[n] = c.Funcs(fm)
		}
		if pure != nil || compile {
			prepare := func(name string, t *template.Template) {
				err := escapeLayout(t)
				if pure != nil {
					fold(t, fm, pure)
				}
				if !compile {
					return
				}
				if err == nil {
					err = ls.compile(t, fm)
				}
				if err != nil {
					s.interpreted[name] = err.Error()
				}
			}
			for n, t := range ls.pages {
				prepare(n, t)
			}
			for n, t := range ls.partials {
				prepare("partials/"+n, t)
			}
		}
		out[lang] = ls
	}
	return out, nil
}

var definesBlock = regexp.MustCompile(`\{\{-?\s*define\s`)

// compile parses a layout, through its baseof when it defines blocks.
func compile(sources map[string]string, name string, funcs template.FuncMap) (*template.Template, error) {
	src := sources[name]
	if definesBlock.MatchString(src) {
		for _, b := range []string{path.Join(path.Dir(name), "baseof.html"), "_default/baseof.html"} {
			bs, ok := sources[b]
			if !ok {
				continue
			}
			t, err := template.New(b).Funcs(funcs).Parse(bs)
			if err != nil {
				return nil, err
			}
			if _, err := t.New(name).Parse(src); err != nil {
				return nil, err
			}
			return t, nil
		}
	}
	return template.New(name).Funcs(funcs).Parse(src)
}

func (s *Set) partialFunc(ls *langSet) func(string, ...any) (template.HTML, error) {
	return func(name string, data ...any) (template.HTML, error) {
		key := name
		t, ok := ls.partials[key]
		if !ok {
			key += ".html"
			t, ok = ls.partials[key]
		}
		if !ok {
			return "", fmt.Errorf("partial %q not found in %s/partials", name, s.dir)
		}
		var d any
		if len(data) > 0 {
			d = data[0]
		}
		if s.metrics != nil {
			defer s.timed("partials/"+key, time.Now())
		}
		buf := s.bufs.Get().(*bytes.Buffer)
		buf.Reset()
		defer s.bufs.Put(buf)
		if err := ls.run(t, buf, d); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	}
}

// Find returns the first existing layout of candidates, or "".
func (s *Set) Find(candidates ...string) string {
	for _, c := range candidates {
		if _, ok := s.base[c]; ok {
			return c
		}
	}
	return ""
}

// Execute renders layout name for lang into w. When it fails, the
// error is that of the layouts as written (see Set.exact), and what was
// written to w is to be discarded.
func (s *Set) Execute(w io.Writer, lang, name string, data any) error {
	err := s.execute(s.langs, w, lang, name, data)
	if err != nil && s.exact != nil {
		if exactErr := s.execute(s.exact, io.Discard, lang, name, data); exactErr != nil {
			return exactErr
		}
	}
	return err
}

func (s *Set) execute(langs map[string]*langSet, w io.Writer, lang, name string, data any) error {
	ls := langs[lang]
	if ls == nil {
		return fmt.Errorf("no templates for language %q", lang)
	}
	t := ls.pages[name]
	if t == nil {
		return fmt.Errorf("layout %s/%s not found", s.dir, name)
	}
	if s.metrics != nil {
		defer s.timed(name, time.Now())
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		return ls.run(t, buf, data)
	}
	return t.Execute(w, data)
}

// escapeLayout has html/template escape t and the templates it calls, which it
// does when it first executes a template: here with no data, which fails
// at once and writes nothing that is kept. Folding and compiling work on
// the escaped trees. The error is html/template's when t cannot be
// escaped (it reports it again when executing t).
func escapeLayout(t *template.Template) error {
	var escapeErr *template.Error
	if err := t.Execute(io.Discard, nil); errors.As(err, &escapeErr) {
		return escapeErr
	}
	return nil
}

// compile compiles t, escaped, into a program, when package program can:
// a layout it declines is executed by html/template.
func (ls *langSet) compile(t *template.Template, fm template.FuncMap) error {
	p, err := program.Compile(t, fm)
	if err != nil {
		return err
	}
	ls.progs[t] = p
	return nil
}

// run executes t into buf through its program, or html/template when it
// has none. When the program fails or declines the data, what it wrote is
// taken back and html/template executes t: its output, and its error with
// the layout's line, are the ones that count.
func (ls *langSet) run(t *template.Template, buf *bytes.Buffer, data any) error {
	if p := ls.progs[t]; p != nil {
		n := buf.Len()
		if err := p.Execute(buf, data); err == nil {
			return nil
		}
		buf.Truncate(n)
	}
	return t.Execute(buf, data)
}

var tmplPos = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// finding turns a template error into a finding at layouts/<file>:line:col.
func (s *Set) finding(err error) fault.Finding {
	return ErrorFinding(s.dir, err)
}

// ErrorFinding converts an html/template parse or execution error into a
// finding that names the layout file and line. The innermost template
// position in the message wins: that is where the fault is.
func ErrorFinding(dir string, err error) fault.Finding {
	msg := err.Error()
	all := tmplPos.FindAllStringSubmatchIndex(msg, -1)
	if len(all) == 0 {
		return fault.Finding{Severity: fault.Error, File: dir, Msg: msg}
	}
	m := all[len(all)-1]
	name := msg[m[2]:m[3]]
	line, _ := strconv.Atoi(msg[m[4]:m[5]])
	col := 0
	if m[6] >= 0 {
		col, _ = strconv.Atoi(msg[m[6]:m[7]])
	}
	text := msg[m[8]:m[9]]
	if strings.HasPrefix(name, "partials/") || strings.HasPrefix(name, "_partials/") {
		name = strings.TrimPrefix(name, "_")
	}
	return fault.At(path.Join(dir, name), line, col).Errorf("template: %s", text)
}
