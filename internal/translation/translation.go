// Package translation tracks whether translations keep up with their
// source. A translator who finishes a page records, in the translation's
// front matter, a digest of the source's title, description and body and a
// short digest of each of its paragraphs:
//
//	[translation]
//	source = "vi"
//	digest = "5d41402abc4b2a76"
//	paragraphs = ["a1b2c3d4", "…"]
//
// When the source changes, its digest no longer matches, and the
// paragraph digests say which of its paragraphs are new or changed, so the
// translator knows what to redo without diffing by hand.
package translation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/content"
	"sitegen/internal/site"
)

// Record is what a translation remembers of its source.
type Record struct {
	Source     string   `json:"source"`
	Digest     string   `json:"digest"`
	Paragraphs []string `json:"paragraphs"`
}

// Paragraph is one block of a source's Markdown body.
type Paragraph struct {
	Line   int    // line in the source file
	Text   string // as written
	Digest string
}

// Of computes the record of a source as it is now.
func Of(src *content.Source) (Record, []Paragraph) {
	h := sha256.New()
	for _, s := range []string{src.Title, src.Description} {
		h.Write([]byte(normalize(s)))
		h.Write([]byte{0})
	}
	paras := Paragraphs(src)
	r := Record{Source: src.Lang, Paragraphs: []string{}}
	for _, p := range paras {
		h.Write([]byte(p.Digest))
		r.Paragraphs = append(r.Paragraphs, p.Digest)
	}
	r.Digest = hex.EncodeToString(h.Sum(nil))[:16]
	return r, paras
}

// Paragraphs splits a body into blocks at blank lines (fenced code kept
// whole), each with a digest of its normalised text, so that reflowing a
// paragraph or typing it in NFD does not count as a change.
func Paragraphs(src *content.Source) []Paragraph {
	var out []Paragraph
	var cur []string
	start, fence := 0, ""
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := strings.Join(cur, "\n")
		sum := sha256.Sum256([]byte(normalize(text)))
		out = append(out, Paragraph{Line: src.BodyLine + start, Text: text, Digest: hex.EncodeToString(sum[:])[:8]})
		cur = nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src.Body), "\r\n", "\n"), "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
			fence = t[:3]
		} else if fence != "" && strings.HasPrefix(t, fence) {
			fence = ""
		}
		if t == "" && fence == "" {
			flush()
			continue
		}
		if len(cur) == 0 {
			start = i
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

func normalize(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Recorded reads the record a translation carries, if any.
func Recorded(src *content.Source) (Record, bool) {
	m, ok := src.Params["translation"].(map[string]any)
	if !ok {
		return Record{}, false
	}
	r := Record{}
	r.Source, _ = m["source"].(string)
	r.Digest, _ = m["digest"].(string)
	switch ps := m["paragraphs"].(type) {
	case []any:
		for _, p := range ps {
			if s, ok := p.(string); ok {
				r.Paragraphs = append(r.Paragraphs, s)
			}
		}
	case []string:
		r.Paragraphs = ps
	}
	return r, r.Digest != ""
}

// State is how a translation stands against its source.
type State string

// The states of a translation.
const (
	Current   State = "current"   // made from the source as it is
	Outdated  State = "outdated"  // the source changed since
	Untracked State = "untracked" // exists, but never marked
	Draft     State = "draft"     // started (draft = true), not published yet
	Missing   State = "missing"   // no translation at all
)

// Entry is one source page in one target language.
type Entry struct {
	Lang    string      `json:"lang"`
	State   State       `json:"state"`
	Source  string      `json:"source"`            // file of the source page
	File    string      `json:"file,omitempty"`    // file of the translation, or where it would go
	Title   string      `json:"title"`             // of the source
	URL     string      `json:"url,omitempty"`     // of the source page
	Changed []Paragraph `json:"changed,omitempty"` // source paragraphs new or changed since the translation
	Removed int         `json:"removed,omitempty"` // paragraphs the source no longer has
}

// Summary counts entries by state for one language.
type Summary struct {
	Lang                                                  string
	Sources, Current, Outdated, Untracked, Draft, Missing int
}

// Status compares every page of the default language with its
// translations in every other language. Generated pages (taxonomies) and
// headless sources are left out.
func Status(s *site.Site) ([]Entry, []Summary) {
	def := s.Config.DefaultLang
	var entries []Entry
	var sums []Summary
	for _, l := range s.Langs {
		if l.Code == def {
			continue
		}
		sum := Summary{Lang: l.Code}
		for _, p := range s.Pages {
			if p.Lang.Code != def || p.Src == nil {
				continue
			}
			sum.Sources++
			e := Entry{Lang: l.Code, Source: p.Src.File, Title: p.Title, URL: p.Permalink}
			t := p.Translation(l.Code)
			if t == nil || t.Src == nil {
				e.State, e.File = Missing, TargetFile(s, p.Src, l.Code)
				sum.Missing++
				entries = append(entries, e)
				continue
			}
			e.File = t.Src.File
			now, paras := Of(p.Src)
			rec, ok := Recorded(t.Src)
			switch {
			case t.Src.Draft:
				e.State = Draft
				sum.Draft++
			case !ok:
				e.State = Untracked
				sum.Untracked++
			case rec.Digest == now.Digest:
				e.State = Current
				sum.Current++
			default:
				e.State = Outdated
				sum.Outdated++
				for _, para := range paras {
					if !slices.Contains(rec.Paragraphs, para.Digest) {
						e.Changed = append(e.Changed, para)
					}
				}
				for _, d := range rec.Paragraphs {
					if !slices.ContainsFunc(paras, func(p Paragraph) bool { return p.Digest == d }) {
						e.Removed++
					}
				}
			}
			entries = append(entries, e)
		}
		sums = append(sums, sum)
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if a.Lang != b.Lang {
			return strings.Compare(a.Lang, b.Lang)
		}
		return strings.Compare(a.Source, b.Source)
	})
	return entries, sums
}

// TargetFile is where the translation of src into lang lives (or would).
func TargetFile(s *site.Site, src *content.Source, lang string) string {
	if l := s.Config.Lang(lang); l != nil && l.ContentDir != "" {
		rel := strings.TrimPrefix(src.File, s.Config.ContentDir+"/")
		return filepath.ToSlash(filepath.Join(l.ContentDir, rel))
	}
	ext := filepath.Ext(src.File)
	return strings.TrimSuffix(src.File, ext) + "." + lang + ext
}

// SourceOf returns the default-language source of the translation in
// file (a path relative to the site), or an error that says why not.
func SourceOf(s *site.Site, file string) (*site.Page, *site.Page, error) {
	file = filepath.ToSlash(filepath.Clean(file))
	for _, p := range s.Pages {
		if p.Src == nil || p.Src.File != file {
			continue
		}
		if p.Lang.Code == s.Config.DefaultLang {
			return nil, nil, fmt.Errorf("%s is in the default language (%s); it is a source, not a translation", file, p.Lang.Code)
		}
		src := p.Translation(s.Config.DefaultLang)
		if src == nil || src.Src == nil {
			return nil, nil, fmt.Errorf("%s has no %s source page: give it the same file name or the same translationKey as its source", file, s.Config.DefaultLang)
		}
		return p, src, nil
	}
	return nil, nil, fmt.Errorf("%s is not a published page of the site (check the path, relative to the site folder, and draft/date settings)", file)
}

// Write rewrites the front matter of the file at path (on disk) so that it
// carries rec, replacing any record it had. The rest of the file is kept
// byte for byte.
func Write(path string, rec Record) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := withRecord(b, rec)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp := path + ".sitegen-tmp"
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// withRecord puts rec into a file's front matter.
func withRecord(b []byte, rec Record) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(b, []byte("\r\n")) {
		nl = "\r\n"
	}
	text := string(b)
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n\ufeff"))
	body := text[lead:]
	switch {
	case strings.HasPrefix(body, "+++"), strings.HasPrefix(body, "---"):
		delim := body[:3]
		lines := strings.SplitAfter(body, "\n")
		end := -1
		for i := 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i], " \t\r\n") == delim {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, fmt.Errorf("front matter opened with %q is never closed", delim)
		}
		fm := removeRecord(lines[1:end], delim == "+++")
		for len(fm) > 0 && strings.TrimSpace(fm[len(fm)-1]) == "" {
			fm = fm[:len(fm)-1]
		}
		var rb strings.Builder
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		var ps []string
		for _, p := range rec.Paragraphs {
			ps = append(ps, q(p))
		}
		if delim == "+++" {
			fmt.Fprintf(&rb, "%s[translation]%ssource = %s%sdigest = %s%sparagraphs = [%s]%s", nl, nl, q(rec.Source), nl, q(rec.Digest), nl, strings.Join(ps, ", "), nl)
		} else {
			fmt.Fprintf(&rb, "translation:%s  source: %s%s  digest: %s%s  paragraphs: [%s]%s", nl, q(rec.Source), nl, q(rec.Digest), nl, strings.Join(ps, ", "), nl)
		}
		return []byte(text[:lead] + lines[0] + strings.Join(fm, "") + rb.String() + strings.Join(lines[end:], "")), nil
	case strings.HasPrefix(body, "{"):
		return nil, fmt.Errorf("JSON front matter cannot be marked without reformatting it; convert the front matter to TOML (+++) or YAML (---)")
	}
	return nil, fmt.Errorf("the file has no front matter; add a +++ block with at least a title")
}

// Start returns the text of a new translation of the source file: the
// source's front matter and body, to be translated in place, marked
// draft = true (so it is not published half done) and recorded as made
// from the source as it is now.
func Start(source []byte, rec Record) ([]byte, error) {
	b, err := withRecord(source, rec)
	if err != nil {
		return nil, err
	}
	text := string(b)
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n\ufeff"))
	delim := text[lead : lead+3]
	nl := strings.IndexByte(text[lead:], '\n') + lead + 1
	draft := "draft = true\n"
	if delim == "---" {
		draft = "draft: true\n"
	}
	lines := strings.SplitAfter(text[nl:], "\n")
	var kept []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "draft =") || strings.HasPrefix(t, "draft:") {
			continue // the root key; tables come later and do not use it
		}
		kept = append(kept, l)
	}
	return []byte(text[:nl] + draft + strings.Join(kept, "")), nil
}

// removeRecord drops an existing [translation] table (TOML) or
// translation: block (YAML) from front matter lines.
func removeRecord(lines []string, toml bool) []string {
	var out []string
	skipping := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if toml {
			if strings.HasPrefix(t, "[") {
				skipping = t == "[translation]"
			}
		} else if len(l) > 0 && l[0] != ' ' && l[0] != '\t' && t != "" {
			skipping = strings.HasPrefix(t, "translation:")
		}
		if !skipping {
			out = append(out, l)
		}
	}
	return out
}
