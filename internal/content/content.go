// Package content finds a site's Markdown sources and reads them: language
// from the file name or the language's content directory, page bundles,
// section files, and front matter split and decoded with Hugo's parser.
//
// It knows nothing of URLs or templates: it turns files into Sources, with
// every field an editor can get wrong checked and reported at file:line.
package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/config"
	"sitegen/internal/fault"
)

// Kind is what a source file stands for.
type Kind int

const (
	// Page is an ordinary page (slug.md or slug/index.md).
	Page Kind = iota
	// Section is a section's own page (_index.md below the root).
	Section
	// Home is the root _index.md.
	Home
)

// Source is one Markdown file of one language.
type Source struct {
	File      string // slash path relative to the site dir, for findings
	Lang      string
	Kind      Kind
	Key       string   // language-free logical path: "tourism/ba-ra", "tourism" for a section, "" for home
	Dir       string   // logical directory of the page's own files: the bundle folder, or "" when none
	Resources []string // files of a bundle (slash paths relative to the site dir)
	BaseName  string   // the name a URL is made from: file or bundle folder name
	Meta
	Body     []byte // Markdown after the front matter; nil when dropped (see ReadBody)
	BodyLine int    // 1-based line of the site file on which Body starts
	FMLines  []string
	// Where the body is in the file, to read it again after it was
	// dropped (DropBodies, ReadBody): the file's path and size, the
	// body's length (it runs to the end of the file) and checksum. When
	// discovery read only the file's head (headOnly), the body was
	// neither read nor checked: headSum is the checksum of what comes
	// before it, and ReadBody checks the body's UTF-8.
	abs      string
	size     int64
	bodyLen  int
	bodySum  uint32
	headOnly bool
	headSum  uint32
}

// Bodies says whether Discover keeps each file's Markdown.
type Bodies int

const (
	// KeepBodies keeps every body: for the commands that read them all
	// (translations, reports, the preview's rebuilds).
	KeepBodies Bodies = iota
	// DropBodies keeps only where each body is, once the file is read,
	// checked and its front matter parsed: a build reads a body again when
	// its page is rendered (ReadBody), so the sources of a large site
	// are not all held at once.
	DropBodies
)

// checksum tells a body read again from the one first read.
func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

// ReadBody returns the Markdown of the file: Body while it is held,
// otherwise read again from the file into *buf (grown when too small), which
// must be as it was when discovered (an error says it changed during the
// build). A renderer that is done with each body before the next reads
// them all into one buffer.
func (s *Source) ReadBody(buf *[]byte) ([]byte, error) {
	if s.Body != nil || s.abs == "" {
		return s.Body, nil
	}
	changed := errors.New("the file changed during the build; build again")
	f, err := os.Open(s.abs)
	if err != nil {
		return nil, fmt.Errorf("reading the page's text again: %w", err)
	}
	defer f.Close()
	if int64(cap(*buf)) < s.size+1 {
		*buf = make([]byte, s.size+1)
	}
	b := (*buf)[:s.size+1]
	// One byte more than the file had: it must end where it ended.
	n, err := io.ReadFull(f, b)
	switch {
	case err == nil || int64(n) != s.size || n < s.bodyLen:
		return nil, changed
	case err != io.ErrUnexpectedEOF && err != io.EOF:
		return nil, fmt.Errorf("reading the page's text again: %w", err)
	}
	body := b[n-s.bodyLen : n]
	if s.headOnly {
		// The front matter the page was made from must be the file's;
		// the body is the file's as it is now.
		if checksum(b[:n-s.bodyLen]) != s.headSum {
			return nil, changed
		}
		if !utf8.Valid(body) {
			line, col := invalidUTF8At(body)
			return nil, fault.At(s.File, s.BodyLine+line-1, col).Errorf("the file is not valid UTF-8").
				WithHint("save it as UTF-8 in your editor")
		}
		return body, nil
	}
	if checksum(body) != s.bodySum {
		return nil, changed
	}
	return body, nil
}

// Section returns the top-level section of the source, "" for home.
func (s *Source) Section() string {
	sec, _, _ := strings.Cut(s.Key, "/")
	return sec
}

// Pos returns the position of a front matter key in the file, for
// findings. A dotted key ("place.address.country") is looked for inside its
// TOML table ([place.address]) or indented under its YAML parent; when it is
// not there, the position of the nearest table that is, or of the front
// matter's first line, is returned, so a finding always points somewhere
// useful.
func (s *Source) Pos(key string) fault.Pos {
	parts := strings.Split(strings.ToLower(key), ".")
	lines := make([]string, len(s.FMLines))
	for i, l := range s.FMLines {
		lines[i] = strings.ToLower(l)
	}
	at := func(i int) fault.Pos {
		l := s.FMLines[i]
		return fault.At(s.File, i+2, len(l)-len(strings.TrimLeft(l, " \t"))+1)
	}
	isKey := func(line, k string) bool {
		t := strings.TrimLeft(line, " \t\"'")
		if !strings.HasPrefix(t, k) {
			return false
		}
		rest := strings.TrimLeft(t[len(k):], " \t\"'")
		return strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ":")
	}
	header := func(line string) (string, bool) {
		t := strings.TrimSpace(line)
		if i := strings.Index(t, "]"); i > 0 && strings.HasPrefix(strings.TrimSpace(t[i+1:]), "#") {
			t = t[:i+1] // a comment after the header
		}
		if strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[[") && strings.HasSuffix(t, "]") {
			return strings.TrimSpace(t[1 : len(t)-1]), true
		}
		return "", false
	}
	best := fault.At(s.File, 1, 1)
	for i, l := range lines {
		if h, ok := header(l); ok && h == strings.Join(parts, ".") {
			return at(i)
		}
	}
	// TOML: find the deepest [table] that is a prefix of the key, then the
	// rest of the key within it.
	for depth := len(parts) - 1; depth >= 0; depth-- {
		start := -1
		if depth > 0 {
			table := strings.Join(parts[:depth], ".")
			for i, l := range lines {
				if h, ok := header(l); ok && h == table {
					start = i
					break
				}
			}
			if start < 0 {
				continue
			}
		}
		want := strings.Join(parts[depth:], ".")
		for i := start + 1; i < len(lines); i++ {
			if _, ok := header(lines[i]); ok {
				break
			}
			if isKey(lines[i], want) {
				return at(i)
			}
		}
		if depth > 0 {
			return at(start)
		}
	}
	// YAML: each part is a key indented deeper than its parent.
	from, indent := 0, -1
	for _, k := range parts {
		found := false
		for i := from; i < len(lines); i++ {
			l := lines[i]
			ind := len(l) - len(strings.TrimLeft(l, " "))
			if strings.TrimSpace(l) == "" {
				continue
			}
			if ind <= indent {
				break
			}
			if isKey(l, k) {
				best, from, indent, found = at(i), i+1, ind, true
				break
			}
		}
		if !found {
			break
		}
	}
	return best
}

// Discover walks the site's content directories and reads every Markdown
// file, in parallel. Findings go to diags; unreadable files are left out.
func Discover(cfg *config.Config, diags *fault.List, bodies Bodies) []*Source {
	type job struct {
		root, rel, lang string // rel is relative to root
	}
	var jobs []job
	resources := map[string][]string{} // bundle dir (site-relative) → files
	roots := map[string]string{}       // content root → language it implies ("" = from file name)
	for _, l := range cfg.Languages {
		if l.ContentDir != "" {
			roots[l.ContentDir] = l.Code
		}
	}
	if len(roots) == 0 || cfg.Lang(cfg.DefaultLang).ContentDir == "" {
		roots[cfg.ContentDir] = ""
	}
	rootNames := slices.Sorted(maps.Keys(roots))
	for _, root := range rootNames {
		abs := filepath.Join(cfg.Dir, filepath.FromSlash(root))
		fsys := os.DirFS(abs)
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				diags.Add(fault.At(path.Join(root, p), 0, 0).Errorf("cannot read: %v", err))
				return nil
			}
			name := d.Name()
			if p != "." && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil // editors' swap and backup files
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if reason := symlinkEscapes(abs, p); reason != "" {
					diags.Add(fault.At(path.Join(root, p), 0, 0).Errorf("symbolic link %s", reason).
						WithHint("copy the file into the site instead of linking to it"))
				} else {
					diags.Add(fault.At(path.Join(root, p), 0, 0).Warnf("symbolic link skipped").
						WithHint("sitegen does not follow links; copy the file into the site"))
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if isMarkdown(name) {
				jobs = append(jobs, job{root, p, roots[root]})
			} else {
				dir := path.Join(root, path.Dir(p))
				resources[dir] = append(resources[dir], path.Join(root, p))
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			diags.Add(fault.At(root, 0, 0).Errorf("cannot walk content: %v", err))
		}
	}

	srcs := make([]*Source, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			srcs[i] = read(cfg, j.root, j.rel, j.lang, bodies, diags)
			if srcs[i] != nil && bodies == DropBodies {
				srcs[i].Body = nil
			}
		}()
	}
	wg.Wait()
	out := srcs[:0]
	for _, s := range srcs {
		if s == nil {
			continue
		}
		if s.Dir != "" {
			s.Resources = resources[s.Dir]
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Source) int { return cmp.Compare(a.File, b.File) })
	return out
}

func symlinkEscapes(root, rel string) string {
	target, err := filepath.EvalSymlinks(filepath.Join(root, rel))
	if err != nil {
		return "is broken"
	}
	absRoot, _ := filepath.EvalSymlinks(root)
	if r, err := filepath.Rel(absRoot, target); err != nil || strings.HasPrefix(r, "..") {
		return "points outside the site (" + target + ")"
	}
	return ""
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// headSize is how much of a file discovery reads when bodies are dropped:
// front matter is rarely longer, and a build reads the body when it
// renders the page anyway. A file whose front matter does not end within
// it is read whole.
const headSize = 4 << 10

// read parses one file. lang is the language implied by its content root,
// or "" to take it from the file name. With DropBodies, only the file's
// head is read when its front matter ends there.
func read(cfg *config.Config, root, rel, rootLang string, bodies Bodies, diags *fault.List) *Source {
	file := path.Join(root, rel)
	abs := filepath.Join(cfg.Dir, filepath.FromSlash(file))
	b, size, err := readHead(abs, bodies == DropBodies)
	if err != nil {
		diags.Add(fault.At(file, 0, 0).Errorf("cannot read: %v", err))
		return nil
	}
	s := &Source{File: file}
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	stem := strings.TrimSuffix(name, path.Ext(name))
	lang := rootLang
	if base, suffix, ok := cutLast(stem, "."); ok {
		switch {
		case cfg.Lang(suffix) != nil:
			lang, stem = suffix, base
		case looksLikeLang(suffix):
			codes := make([]string, len(cfg.Languages))
			for i, l := range cfg.Languages {
				codes[i] = l.Code
			}
			diags.Add(fault.At(file, 0, 0).Warnf("language suffix %q is not a configured language (%s); the file is skipped",
				suffix, strings.Join(codes, ", ")).WithHint("rename the file or add [languages.%s] to %s", suffix, cfg.File))
			return nil
		}
	}
	s.Lang = cmp.Or(lang, cfg.DefaultLang)
	switch stem {
	case "_index":
		s.Key = dir
		s.Kind = Section
		if dir == "" {
			s.Kind = Home
		}
		s.Dir = path.Join(root, dir)
		s.BaseName = path.Base(dir)
	case "index":
		s.Key = dir
		s.Dir = path.Join(root, dir)
		s.BaseName = path.Base(dir)
		if dir == "" {
			// index.md at the root is Hugo's home page too.
			s.Kind = Home
		}
	default:
		s.Key = path.Join(dir, stem)
		s.BaseName = stem
	}
	// Names typed in decomposed form (macOS, some keyboards) are the same
	// page or section as their precomposed spelling: "tin-tức" is one
	// section whichever way each editor's system wrote the folder name.
	s.Key, s.BaseName = norm.NFC.String(s.Key), norm.NFC.String(s.BaseName)
	if int64(len(b)) < size {
		// Only the head: its front matter must end in it, on a whole
		// line, or the file is read whole.
		_, _, _, body, _, err := split(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
		if err != nil || body == nil {
			if b, err = os.ReadFile(abs); err != nil {
				diags.Add(fault.At(file, 0, 0).Errorf("cannot read: %v", err))
				return nil
			}
			size = int64(len(b))
		} else {
			s.headOnly = true
			b = b[:len(b)-len(body)] // front matter and all before the body
		}
	}
	if !utf8.Valid(b) {
		line, col := invalidUTF8At(b)
		diags.Add(fault.At(file, line, col).Errorf("the file is not valid UTF-8").
			WithHint("save it as UTF-8 in your editor"))
		return nil
	}
	// A BOM is harmless; it is stripped (below) from what is parsed.
	if err := parse(s, bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), cfg, diags); err != nil {
		return nil
	}
	s.abs, s.size = abs, size
	if s.headOnly {
		s.bodyLen = int(size) - len(b)
		s.headSum = checksum(b)
		s.Body = nil
		return s
	}
	s.bodyLen = len(s.Body)
	s.bodySum = checksum(s.Body)
	return s
}

// readHead returns the file's first headSize bytes when head is set and
// the file is longer, otherwise all of it, and the file's size.
func readHead(abs string, head bool) ([]byte, int64, error) {
	if !head {
		b, err := os.ReadFile(abs)
		return b, int64(len(b)), err
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	size := st.Size()
	b := make([]byte, min(size, headSize))
	n, err := io.ReadFull(f, b)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, 0, err
	}
	if n < len(b) {
		size = int64(n) // shorter than it said: what was read is the file
	}
	return b[:n], size, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// looksLikeLang tells a language suffix ("fr", "pt-br") from a dotted name
// ("v1.2", "plan.final").
func looksLikeLang(s string) bool {
	base, region, _ := strings.Cut(s, "-")
	if len(base) < 2 || len(base) > 3 || len(region) > 4 {
		return false
	}
	for _, r := range base + region {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func invalidUTF8At(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[n:]
	}
	return line, col
}

// String describes a source for debugging.
func (s *Source) String() string { return fmt.Sprintf("%s[%s]", s.File, s.Lang) }
