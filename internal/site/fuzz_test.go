package site_test

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/fault"
	"sitegen/internal/site"
	"sitegen/internal/slug"
)

// FuzzURL gives pages arbitrary file paths, titles, slugs, urls and tags
// (slugs and urls only when content would accept them) and checks every
// URL the page graph makes: a clean, absolute path with no '..' segment,
// backslash or control character, whose permalink stays on the site's
// host, the same on every run.
func FuzzURL(f *testing.F) {
	for _, s := range [][4]string{
		{"tourism/ba-ra", "Núi Bà Rá", "", ""},
		{"tin-tức/Đường", "Đường", "đường-mới", ""},
		{"a/b/c", "x", "", "/gioi-thieu/"},
		{"../../x", "..", "..", "/../../etc/"},
		{"sec/page", "t", "a.b", "/a/b.html"},
		{"ទេសចរណ៍/ភ្នំ", "ភ្នំបារ៉ា", "", "ក/ខ"},
		{"x", "y", "", "//evil.example/"},
		{"x", "\x00", "", "/%2e%2e/"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	dir := f.TempDir()
	cfgText := "baseURL = \"https://example.org/sub/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n[languages.km]\nweight = 2\n[permalinks]\nnews = \"/:year/:slug/\"\n"
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfgText), 0o644); err != nil {
		f.Fatal(err)
	}
	cfg, err := config.Load(dir, &fault.List{})
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, key, title, sl, u string) {
		key = strings.Trim(path.Clean("/"+key), "/") // content keys are clean slash paths below content/
		if key == "" || strings.HasPrefix(key, "_") {
			return
		}
		if slug.Unsafe(sl) != "" || strings.Contains(sl, "/") {
			sl = ""
		}
		if slug.Unsafe(u) != "" {
			u = ""
		}
		mk := func(lang, key string, m content.Meta) *content.Source {
			m.Title = title
			m.Date = time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC)
			m.Terms = map[string][]string{"tags": {title, sl}}
			m.Params = map[string]any{}
			return &content.Source{File: "content/" + key + ".md", Lang: lang, Key: key, BaseName: path.Base(key), Meta: m}
		}
		srcs := []*content.Source{
			mk("vi", key, content.Meta{Slug: sl, URL: u}),
			mk("km", key, content.Meta{Slug: sl}),
			mk("vi", "news/"+path.Base(key), content.Meta{Slug: sl}),
		}
		run := func() map[string]string {
			s := site.Assemble(cfg, srcs, site.Options{Now: now}, &fault.List{})
			got := map[string]string{}
			for _, p := range s.Pages {
				r := p.RelURL
				if !strings.HasPrefix(r, "/") || path.Clean(r) != strings.TrimSuffix(r, "/") && r != "/" {
					t.Errorf("%s page %q: URL %q is not a clean absolute path", p.Kind, p.Key, r)
				}
				for _, seg := range strings.Split(r, "/") {
					if seg == ".." || seg == "." {
						t.Errorf("%s page %q: URL %q has a %q segment", p.Kind, p.Key, r, seg)
					}
				}
				if strings.ContainsAny(r, "\\?#") || strings.IndexFunc(r, unicode.IsControl) >= 0 {
					t.Errorf("%s page %q: URL %q", p.Kind, p.Key, r)
				}
				pu, err := url.Parse(p.Permalink)
				if err != nil || pu.Host != "example.org" || pu.Scheme != "https" || !strings.HasPrefix(pu.Path, "/sub/") {
					t.Errorf("%s page %q: permalink %q leaves the site (%v)", p.Kind, p.Key, p.Permalink, err)
				}
				got[string(p.Kind)+"|"+p.Lang.Code+"|"+p.Key] += p.RelURL + " "
			}
			return got
		}
		a, b := run(), run()
		if len(a) != len(b) {
			t.Fatalf("two assemblies differ: %v / %v", a, b)
		}
		for k, v := range a {
			if b[k] != v {
				t.Errorf("%s: %q then %q", k, v, b[k])
			}
		}
	})
}
