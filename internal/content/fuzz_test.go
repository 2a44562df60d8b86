package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/config"
	"sitegen/internal/fault"
	"sitegen/internal/slug"
)

// fuzzConfig is a two-language configuration for the fuzz targets.
func fuzzConfig(f *testing.F) *config.Config {
	f.Helper()
	dir := f.TempDir()
	cfg := "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\n"
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
		f.Fatal(err)
	}
	diags := &fault.List{}
	c, err := config.Load(dir, diags)
	if err != nil {
		f.Fatalf("config: %v", diags)
	}
	return c
}

// FuzzFrontMatter splits and decodes arbitrary files. Whatever the input,
// parsing must not panic, must be deterministic, must report every problem
// at a line of the file itself, and must never accept a slug or url that
// could leave the output folder.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\ndate = 2024-06-20\ntags = [\"a\", \"b\"]\n+++\nBody\n",
		"---\ntitle: A\ndate: 2024-02-30\n---\nBody\n",
		"{\"title\": \"A\", \"slug\": \"../x\"}\nBody\n",
		"+++\ntitle = \"unterminated\n",
		"\xef\xbb\xbf+++\r\ntitle = \"BOM\"\r\n+++\r\nBody\r\n",
		"---\nurl: javascript:alert(1)\n---\n",
		"+++\nslug = \"a/b\"\nweight = \"x\"\ndraft = \"yes\"\n+++\n",
		"--- not front matter\n",
		"{ \"a\": \"}\" ",
		"",
	} {
		f.Add([]byte(s))
	}
	cfg := fuzzConfig(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		run := func() (*Source, []fault.Finding, error) {
			s := &Source{File: "content/fuzz.md", Lang: "vi", Key: "fuzz", BaseName: "fuzz"}
			diags := &fault.List{}
			err := parse(s, b, cfg, diags)
			return s, diags.All(), err
		}
		s, found, err := run()
		lines := 1 + bytes.Count(b, []byte("\n"))
		for _, fd := range found {
			if fd.File != "content/fuzz.md" {
				t.Errorf("finding names %q; want the file: %v", fd.File, fd)
			}
			if fd.Line < 1 || fd.Line > lines+1 {
				t.Errorf("finding at line %d of a %d-line file: %v", fd.Line, lines, fd)
			}
		}
		if err != nil && len(found) == 0 {
			t.Errorf("parse failed with %v but reported no finding", err)
		}
		if err == nil {
			if s.BodyLine < 1 || s.BodyLine > lines+1 {
				t.Errorf("body starts on line %d of a %d-line file", s.BodyLine, lines)
			}
			if !bytes.HasSuffix(b, s.Body) {
				t.Errorf("body %q is not the end of the file", s.Body)
			}
			for _, v := range []string{s.Slug, s.URL} {
				if v != "" && slug.Unsafe(v) != "" {
					t.Errorf("unsafe slug or url %q accepted", v)
				}
			}
			if strings.Contains(s.Slug, "/") {
				t.Errorf("slug %q with '/' accepted", s.Slug)
			}
		}
		s2, found2, err2 := run()
		if (err == nil) != (err2 == nil) || len(found) != len(found2) || s.Title != s2.Title || s.BodyLine != s2.BodyLine {
			t.Errorf("two parses differ: %v / %v", found, found2)
		}
		for i := range found {
			if i < len(found2) && found[i].Error() != found2[i].Error() {
				t.Errorf("finding %d differs: %v / %v", i, found[i], found2[i])
			}
		}
	})
}
