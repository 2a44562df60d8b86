package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/build"
)

// writeHugoCorpus writes a Hugo-style multilingual site in the shape of
// ../shared/bench/gencorpus.py: config.toml with [languages], and
// content/<section>/<slug>.<lang>.md with a translationKey, English and
// Khmer for most pages but not all.
func writeHugoCorpus(t *testing.T, dir string, n int) map[string][]string {
	t.Helper()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte(`baseURL = "https://corpus.example.org/"
title = "Corpus"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = true
enableRobotsTXT = true

[languages.vi]
languageName = "Tiếng Việt"
weight = 1
title = "Cổng thông tin"
[languages.en]
languageName = "English"
weight = 2
title = "Portal"
[languages.km]
languageName = "ភាសាខ្មែរ"
weight = 3
title = "វិបផតថល"
`))
	sections := []string{"investment", "culture", "tourism", "border-cooperation", "news"}
	exists := map[string][]string{} // slug path → languages
	for i := range n {
		sec := sections[i%len(sections)]
		slug := fmt.Sprintf("bai-viet-%03d", i)
		key := sec + "/" + slug
		langs := []string{"vi"}
		if i%10 != 3 {
			langs = append(langs, "en")
		}
		if i%5 != 1 {
			langs = append(langs, "km")
		}
		for _, l := range langs {
			name := slug + "." + l + ".md"
			body := fmt.Sprintf("+++\ntitle = \"%s %d\"\ndate = 2024-%02d-%02dT08:00:00+07:00\ntranslationKey = \"tk-%d\"\ntags = [\"t%d\"]\n+++\n\n## Tiêu đề %d\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nVăn bản[^1].\n\n[^1]: Chú thích.\n",
				l, i, 1+i%12, 1+i%28, i, i%4, i)
			writeFile(t, filepath.Join(dir, "content", sec, name), []byte(body))
		}
		exists[key] = langs
	}
	for _, sec := range sections {
		for _, l := range []string{"vi", "en", "km"} {
			writeFile(t, filepath.Join(dir, "content", sec, "_index."+l+".md"), []byte("+++\ntitle = \""+sec+" "+l+"\"\n+++\n"))
		}
	}
	for _, l := range []string{"vi", "en", "km"} {
		writeFile(t, filepath.Join(dir, "content", "_index."+l+".md"), []byte("+++\ntitle = \"Home "+l+"\"\n+++\n"))
	}
	for _, d := range []string{"layouts", "i18n", "static"} {
		copyDir(t, filepath.Join(repoRoot(t), d), filepath.Join(dir, d))
	}
	return exists
}

func TestHugoStyleCorpus(t *testing.T) {
	dir := t.TempDir()
	exists := writeHugoCorpus(t, dir, 40)
	res := mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	checkSite(t, dest, res)
	for key, langs := range exists {
		for _, l := range langs {
			pg := parsePage(t, filepath.Join(dest, l, key, "index.html"))
			for _, other := range langs {
				want := "https://corpus.example.org/" + other + "/" + key + "/"
				if pg.alternates[other] != want {
					t.Errorf("%s/%s: hreflang %s = %q; want %q", l, key, other, pg.alternates[other], want)
				}
			}
			if len(pg.alternates) != len(langs)+1 {
				t.Errorf("%s/%s: %d alternates; want %d", l, key, len(pg.alternates), len(langs)+1)
			}
		}
	}
	if !hasWarning(res, `config key "enableRobotsTXT" is a Hugo setting that sitegen does not implement`) {
		t.Errorf("no warning for the unimplemented Hugo key enableRobotsTXT")
	}
}

func hasWarning(res *build.Result, s string) bool {
	for _, f := range res.Findings {
		if strings.Contains(f.Error(), s) {
			return true
		}
	}
	return false
}

// TestSharedHugoCorpora builds the two real Hugo sites in ../shared/corpora
// (config/_default/ with per-language contentDir and permalinks; a YAML
// config with page bundles) with the repository's layouts copied in.
func TestSharedHugoCorpora(t *testing.T) {
	corpora := filepath.Join(repoRoot(t), "..", "shared", "corpora")
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("../shared/corpora is not beside the checkout")
	}
	for _, tc := range []struct {
		name  string
		pages map[string][]string // a page's path in each language that must link to the others
	}{
		{"hugo_i18n_demo", map[string][]string{"ann": {"fr/nouvelles/annonce/", "de/nachricht/ankundigung/"}}},
		{"hugo-multilingual-boilerplate", map[string][]string{"about": {"en/about/", "es/about/"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, filepath.Join(corpora, tc.name), dir)
			for _, d := range []string{"layouts", "static"} {
				copyDir(t, filepath.Join(repoRoot(t), d), filepath.Join(dir, d))
			}
			res := mustBuild(t, dir, func(o *build.Options) { o.Drafts = true })
			dest := filepath.Join(dir, "public")
			checkSite(t, dest, res)
			for _, paths := range tc.pages {
				for _, p := range paths {
					pg := parsePage(t, filepath.Join(dest, p, "index.html"))
					for _, q := range paths {
						lang, _, _ := strings.Cut(q, "/")
						if !strings.HasSuffix(unescape(pg.alternates[lang]), "/"+q) {
							t.Errorf("%s: hreflang %s = %q; want …/%s", p, lang, pg.alternates[lang], q)
						}
					}
				}
			}
		})
	}
}
