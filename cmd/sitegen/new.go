package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"sitegen/internal/archetype"
	"sitegen/internal/build"
	"sitegen/internal/config"
	"sitegen/internal/fault"
	"sitegen/internal/translation"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	var source, lang string
	fs := newFlags("new", "Usage: sitegen new <section>/<slug> [--lang xx] [flags]\n\nCreates content/<section>/<slug>.md from the section's template in the\narchetype folder (archetypeDir, default archetypes/), with the front matter\nthe section needs. It never overwrites a file.", stderr)
	fs.StringVar(&source, "source", ".", "the site directory")
	fs.StringVar(&source, "s", ".", "shorthand for --source")
	fs.StringVar(&lang, "lang", "", "the language of the new page (default: the site's default language)")
	// Let the path come before or after the flags.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "sitegen new: give exactly one <section>/<slug>, e.g. sitegen new tourism/ba-ra-mountain")
		return 2
	}
	diags := &fault.List{}
	cfg, err := config.Load(source, diags)
	printFindings(stderr, diags.All())
	if err != nil || diags.Err(false) != nil {
		return 1
	}
	lang = strings.TrimSpace(lang)
	if lang != "" && lang != cfg.DefaultLang && cfg.Lang(lang) != nil {
		if rel, ok, err := newTranslation(cfg, source, pos[0], lang); ok {
			if err != nil {
				fmt.Fprintf(stderr, "sitegen new: %v\n", err)
				return 1
			}
			fmt.Fprintf(stdout, "created %s: a draft translation of its source, to translate in place\n", rel)
			return 0
		}
	}
	rel, err := archetype.New(cfg, archetype.Request{Path: pos[0], Lang: lang, Now: time.Now()})
	if err != nil {
		fmt.Fprintf(stderr, "sitegen new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s\n", rel)
	return 0
}

// newTranslation starts a translation of an existing source page: its
// front matter and body copied, marked draft and recorded as made from the
// source as it is now. ok is false when the page has no source to start
// from.
func newTranslation(cfg *config.Config, source, p, lang string) (rel string, ok bool, err error) {
	p = strings.Trim(filepath.ToSlash(p), "/")
	p = strings.TrimSuffix(p, ".md")
	var srcFile string
	for _, c := range []string{p + ".md", p + "/index.md", p + "/_index.md"} {
		f := path.Join(cfg.ContentDir, c)
		if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(f))); err == nil {
			srcFile = f
			break
		}
	}
	if srcFile == "" {
		return "", false, nil
	}
	s, findings, err := build.Load(build.Options{Source: source, Drafts: true, Future: true, Expired: true})
	if err != nil {
		for _, f := range findings {
			if f.Severity == fault.Error {
				return "", true, fmt.Errorf("the site has errors; fix them first: %v", f)
			}
		}
		return "", true, err
	}
	for _, pg := range s.Pages {
		if pg.Src == nil || pg.Src.File != srcFile {
			continue
		}
		if t := pg.Translation(lang); t != nil && t.Src != nil {
			return "", true, fmt.Errorf("%s already has a translation in %s: %s", srcFile, lang, t.Src.File)
		}
		raw, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(srcFile)))
		if err != nil {
			return "", true, err
		}
		rec, _ := translation.Of(pg.Src)
		text, err := translation.Start(raw, rec)
		if err != nil {
			return "", true, fmt.Errorf("%s: %w", srcFile, err)
		}
		rel = translation.TargetFile(s, pg.Src, lang)
		f, err := os.OpenFile(filepath.Join(source, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return "", true, fmt.Errorf("creating %s: %w", rel, err)
		}
		if _, err := f.Write(text); err != nil {
			f.Close()
			return "", true, err
		}
		return rel, true, f.Close()
	}
	return "", false, nil
}
