// Package archetype creates new content files from a section's template,
// as Hugo's archetypes do: the template documents the front matter a page
// of that section needs, so an editor starts from a page that says what
// to fill in rather than from a blank file.
//
// Templates live in the site's archetypeDir as <type>.md (the content type
// is the section), with default.md for the rest. They are text/template
// files; .Title, .Date, .Slug, .Lang and .Section are available, and the
// quote function writes a TOML string.
package archetype

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"sitegen/internal/config"
	"sitegen/internal/slug"
)

// Fallback is used when the site has neither <type>.md nor default.md.
const Fallback = `+++
title = {{ quote .Title }}
description = ""
date = {{ .Date }}
draft = true
tags = []
+++

`

// Page is what a template can use.
type Page struct {
	Title   string // from the slug: "ba-ra-mountain" → "Ba ra mountain"
	Date    string // today in the site's time zone, YYYY-MM-DD
	Slug    string
	Lang    string
	Section string
}

// Request says which page to create.
type Request struct {
	Path string // "<section>/<slug>", as on the command line
	Lang string // "" for the default language
	Now  time.Time
}

// New writes the new page and returns its path relative to the site. It
// never overwrites a file.
func New(cfg *config.Config, req Request) (string, error) {
	p := strings.Trim(filepath.ToSlash(req.Path), "/")
	p = strings.TrimSuffix(p, ".md")
	if why := slug.Unsafe(p); why != "" || p == "" {
		return "", fmt.Errorf("the path %q %s; give <section>/<slug>, e.g. tourism/ba-ra-mountain", req.Path, cmp.Or(why, "is empty"))
	}
	lang := req.Lang
	if lang == "" {
		lang = cfg.DefaultLang
	}
	if cfg.Lang(lang) == nil {
		var codes []string
		for _, l := range cfg.Languages {
			codes = append(codes, l.Code)
		}
		return "", fmt.Errorf("language %q is not configured; use one of %s", lang, strings.Join(codes, ", "))
	}
	section, name := path.Split(p)
	section = strings.Trim(section, "/")
	if name != slug.Make(name) {
		return "", fmt.Errorf("the slug %q should be written %q (lower case, no accents, hyphens between words)", name, slug.Make(name))
	}
	rel := path.Join(cfg.ContentDir, p)
	if l := cfg.Lang(lang); l.ContentDir != "" {
		rel = path.Join(l.ContentDir, p)
	} else if lang != cfg.DefaultLang {
		rel += "." + lang
	}
	rel += ".md"
	file := filepath.Join(cfg.Dir, filepath.FromSlash(rel))
	if _, err := os.Stat(file); err == nil {
		return "", fmt.Errorf("%s already exists; edit it, or choose another slug", rel)
	}
	typ, _, _ := strings.Cut(p, "/")
	if section == "" {
		typ = "default"
	}
	tmpl, tmplName, err := find(cfg, typ)
	if err != nil {
		return "", err
	}
	t, err := template.New(tmplName).Funcs(template.FuncMap{"quote": Quote}).Parse(tmpl)
	if err != nil {
		return "", fmt.Errorf("archetype %s: %w", tmplName, err)
	}
	var buf bytes.Buffer
	data := Page{Title: titleOf(name), Date: req.Now.In(cfg.TimeZone).Format(time.DateOnly), Slug: name, Lang: lang, Section: section}
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("archetype %s: %w", tmplName, err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", path.Dir(rel), err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("creating %s: %w", rel, err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return "", fmt.Errorf("writing %s: %w", rel, err)
	}
	return rel, f.Close()
}

// find returns the template for a content type: <type>.md, else
// default.md, else the built-in fallback.
func find(cfg *config.Config, typ string) (text, name string, err error) {
	for _, n := range []string{typ + ".md", "default.md"} {
		rel := path.Join(cfg.ArchetypeDir, n)
		b, err := os.ReadFile(filepath.Join(cfg.Dir, filepath.FromSlash(rel)))
		if err == nil {
			return string(b), rel, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", "", fmt.Errorf("reading archetype: %w", err)
		}
	}
	return Fallback, "built-in archetype", nil
}

// Quote writes s as a TOML basic string.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func titleOf(name string) string {
	t := strings.ReplaceAll(name, "-", " ")
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}
