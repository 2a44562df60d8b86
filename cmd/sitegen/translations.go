package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"sitegen/internal/build"
	"sitegen/internal/metadata"
	"sitegen/internal/translation"
)

// fileList collects a repeatable flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func runTranslations(args []string, stdout, stderr io.Writer) int {
	var source, format string
	var mark fileList
	fs := newFlags("translations", `Usage: sitegen translations [--mark FILE]... [flags]

Lists, per language, the pages that have no translation, the translations
whose source changed since they were made (with the source's changed
paragraphs), and translations never marked. --mark FILE records that the
translation in FILE is now up to date with its source.`, stderr)
	fs.StringVar(&source, "source", ".", "the site directory")
	fs.StringVar(&source, "s", ".", "shorthand for --source")
	fs.StringVar(&format, "format", "text", "output format: text or json")
	fs.Var(&mark, "mark", "a translation file to mark as up to date with its source (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	mark = append(mark, fs.Args()...) // "--mark a.km.md b.km.md" marks both
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "sitegen translations: unknown --format %q; use text or json\n", format)
		return 2
	}
	s, findings, err := build.Load(build.Options{Source: source, Drafts: true, Future: true})
	if err != nil {
		printFindings(stderr, findings)
		fmt.Fprintln(stderr, "sitegen translations: the site has errors; fix them first")
		return 1
	}
	if len(mark) > 0 {
		code := 0
		for _, f := range mark {
			rel := f
			if abs, err := filepath.Abs(f); err == nil {
				if root, err := filepath.Abs(source); err == nil {
					if r, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(r, "..") {
						rel = r
					}
				}
			}
			t, src, err := translation.SourceOf(s, rel)
			if err != nil {
				fmt.Fprintf(stderr, "sitegen translations: %v\n", err)
				code = 1
				continue
			}
			rec, _ := translation.Of(src.Src)
			if err := translation.Write(filepath.Join(source, filepath.FromSlash(t.Src.File)), rec); err != nil {
				fmt.Fprintf(stderr, "sitegen translations: %v\n", err)
				code = 1
				continue
			}
			fmt.Fprintf(stdout, "marked %s as translated from %s (%s)\n", t.Src.File, src.Src.File, rec.Digest)
		}
		return code
	}
	entries, sums := translation.Status(s)
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"summary": sums, "pages": entries}); err != nil {
			fmt.Fprintf(stderr, "sitegen translations: %v\n", err)
			return 1
		}
		return 0
	}
	for _, sum := range sums {
		name := sum.Lang
		if l := s.Lang(sum.Lang); l != nil && l.Name != "" {
			name = l.Name + " (" + sum.Lang + ")"
		}
		fmt.Fprintf(stdout, "%s: %d of %d pages translated; %d up to date, %d outdated, %d not marked, %d drafts, %d missing\n",
			name, sum.Sources-sum.Missing-sum.Draft, sum.Sources, sum.Current, sum.Outdated, sum.Untracked, sum.Draft, sum.Missing)
		for _, e := range entries {
			if e.Lang != sum.Lang || e.State == translation.Current {
				continue
			}
			switch e.State {
			case translation.Missing:
				fmt.Fprintf(stdout, "  missing    %s  (create it: sitegen new %s --lang %s)\n", e.File, newPath(e.Source), e.Lang)
			case translation.Draft:
				fmt.Fprintf(stdout, "  draft      %s  (remove draft = true when it is done)\n", e.File)
			case translation.Untracked:
				fmt.Fprintf(stdout, "  not marked %s  (when it matches %s: sitegen translations --mark %s)\n", e.File, e.Source, e.File)
			case translation.Outdated:
				fmt.Fprintf(stdout, "  outdated   %s  (%s changed:", e.File, e.Source)
				if len(e.Changed) > 0 {
					fmt.Fprintf(stdout, " %d paragraph(s) new or changed", len(e.Changed))
				}
				if e.Removed > 0 {
					fmt.Fprintf(stdout, ", %d removed", e.Removed)
				}
				if len(e.Changed) == 0 && e.Removed == 0 {
					fmt.Fprint(stdout, " title or description")
				}
				fmt.Fprintln(stdout, ")")
				for _, p := range e.Changed {
					fmt.Fprintf(stdout, "      %s:%d: %s\n", e.Source, p.Line, metadata.Truncate(p.Text, 100))
				}
			}
		}
	}
	return 0
}

// newPath turns content/tourism/ba-ra.md into the argument of sitegen new.
func newPath(file string) string {
	_, rest, ok := strings.Cut(file, "/")
	if !ok {
		return file
	}
	rest = strings.TrimSuffix(rest, filepath.Ext(rest))
	rest = strings.TrimSuffix(rest, "/index")
	return rest
}
