package build

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"sitegen/internal/markdown"
	"sitegen/internal/site"
)

// FuzzLinks renders arbitrary Markdown on a page of a small two-language
// site with the build's link resolver. Every link the resolver accepts
// must become the URL of a page of the site (never a path that climbs),
// every link it refuses must be reported at a line of the body, and no
// javascript: URL may come out as a link or image.
func FuzzLinks(f *testing.F) {
	for _, s := range []string{
		"[a](a.md) [b](../b.en.md#x) [c](/content/sec/c.md?x=1) [i](sec/_index.md) [h](index.md)",
		"[up](../../../../etc/passwd.md) [abs](/../../x.md) [bs](..\\x.md) [enc](%2e%2e/x.md)",
		"[js](javascript:alert(1)) ![img](JaVaScRiPt:alert(2)) <javascript:alert(3)> [d](data:text/html,x)",
		"[x](a.md \"t\")\n\n[ref]: sec/c.md\n\n[r][ref]",
		"> [q](missing.md)\n\n- [l](sec/../a.md)",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	files := map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\n",
		"content/_index.md":     "+++\ntitle = \"Home\"\n+++\n",
		"content/a.md":          "+++\ntitle = \"A\"\n+++\n",
		"content/b.en.md":       "+++\ntitle = \"B\"\n+++\n",
		"content/sec/_index.md": "+++\ntitle = \"Sec\"\n+++\n",
		"content/sec/c.md":      "+++\ntitle = \"C\"\nslug = \"cê\"\n+++\n",
		"content/sec/d.md":      "+++\ntitle = \"D\"\ndraft = true\n+++\n",
	}
	for name, s := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	s, _, err := Load(Options{Source: dir, Now: timeForFuzz})
	if err != nil {
		f.Fatal(err)
	}
	urls := map[string]bool{}
	for _, p := range s.Pages {
		urls[site.EscapePath(p.RelURL)] = true
	}
	from := s.Lookup("vi", "sec/c")
	if from == nil {
		f.Fatal("no page sec/c")
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body string) {
		inner := resolver(s, from)
		check := func(dest string) (string, error) {
			u, err := inner(dest)
			if err == nil {
				p, _, _ := strings.Cut(u, "#")
				if !urls[p] {
					t.Errorf("link %q resolved to %q, which is no page of the site", dest, u)
				}
				if strings.Contains(p, "..") {
					t.Errorf("link %q resolved to %q", dest, u)
				}
			}
			return u, err
		}
		res, err := md.Render([]byte(body), check)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		lines := 1 + strings.Count(body, "\n")
		for _, le := range res.Links {
			if le.Line < 1 || le.Line > lines || le.Col < 1 {
				t.Errorf("broken link %q reported at %d:%d of a %d-line body", le.Dest, le.Line, le.Col, lines)
			}
		}
		doc, err := html.Parse(bytes.NewReader(res.HTML))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if u, err := url.PathUnescape(v); err == nil {
					v = u
				}
				v = strings.Map(func(r rune) rune {
					if r < 0x20 || r == 0x7f {
						return -1
					}
					return r
				}, v)
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") {
					t.Errorf("<%s %s=%q> from %q", n.Data, a.Key, a.Val, body)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}

// timeForFuzz is the fixed clock of the fuzzed builds.
var timeForFuzz = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
