package build

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/corpus"
	"sitegen/internal/testsite"
)

// TestCompiledLayouts: layouts compiled into programs (package program)
// give every file byte for byte as html/template executing them does, and
// the same findings, on the repository's site, every fixture (hostile
// layouts, UI strings, front matter and paths among them), a generated
// corpus and the shared Hugo sites, each built with and without minified
// layouts and with drafts.
func TestCompiledLayouts(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	sites := []string{testsite.Repo(t)}
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
		sites = append(sites, testsite.Txtar(t, f, "layouts", "i18n", "static"))
	}
	gen := t.TempDir()
	if _, err := corpus.Generate(gen, corpus.Options{Pages: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"layouts", "i18n", "static"} {
		testsite.Copy(t, filepath.Join(testsite.Repo(t), d), filepath.Join(gen, d))
	}
	sites = append(sites, gen)
	for _, name := range []string{"hugo_i18n_demo", "hugo-multilingual-boilerplate"} {
		dir := filepath.Join(testsite.Repo(t), "..", "shared", "corpora", name)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		site := t.TempDir()
		testsite.Copy(t, dir, site)
		for _, d := range []string{"layouts", "i18n", "static"} {
			if _, err := os.Stat(filepath.Join(site, d)); os.IsNotExist(err) {
				testsite.Copy(t, filepath.Join(testsite.Repo(t), d), filepath.Join(site, d))
			}
		}
		sites = append(sites, site)
	}
	// Otherwise the comparison below would hold trivially.
	res, err := Build(Options{Source: sites[0], Memory: true, Now: now, TemplateMetrics: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Templates) < 10 {
		t.Errorf("%d templates ran on the repository's site", len(res.Templates))
	}
	for _, m := range res.Templates {
		if m.Interpreted != "" {
			t.Errorf("the repository's %s is not compiled: %s", m.Name, m.Interpreted)
		}
	}
	for _, dir := range sites {
		for _, opt := range []Options{
			{Source: dir, Memory: true, Now: now},
			{Source: dir, Memory: true, Now: now, NoMinify: true, Drafts: true},
		} {
			build := func(interpret bool) (map[string][]byte, string) {
				o := opt
				o.noCompile = interpret
				res, err := Build(o)
				var findings []string
				for _, f := range res.Findings {
					findings = append(findings, f.Error())
				}
				if err != nil {
					findings = append(findings, "error: "+err.Error())
				}
				return res.Memory, strings.Join(findings, "\n")
			}
			compiled, cf := build(false)
			interpreted, inf := build(true)
			name := filepath.Base(dir)
			if cf != inf {
				t.Errorf("%s (minify %v): findings differ:\ncompiled:\n%s\ninterpreted:\n%s", name, !opt.NoMinify, cf, inf)
			}
			for _, n := range slices.Sorted(maps.Keys(interpreted)) {
				a, b := compiled[n], interpreted[n]
				if !bytes.Equal(a, b) {
					i := 0
					for i < len(a) && i < len(b) && a[i] == b[i] {
						i++
					}
					t.Errorf("%s (minify %v): %s differs at byte %d: compiled %q, interpreted %q", name, !opt.NoMinify, n, i,
						a[max(0, i-60):min(len(a), i+60)], b[max(0, i-60):min(len(b), i+60)])
				}
			}
			if len(compiled) != len(interpreted) {
				t.Errorf("%s: %d files compiled, %d interpreted", name, len(compiled), len(interpreted))
			}
		}
	}
}
