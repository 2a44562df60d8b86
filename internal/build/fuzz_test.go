package build_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/fault"
)

// fuzzSite writes a two-language site with the repository's layouts and
// one page, content/page.md, that each fuzz input replaces.
func fuzzSite(f *testing.F) string {
	f.Helper()
	dir := f.TempDir()
	cfg := "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n" +
		"[languages.vi]\nweight = 1\ntitle = \"Thử\"\n[languages.en]\nweight = 2\ntitle = \"Test\"\n"
	files := map[string]string{
		"config.toml":         cfg,
		"content/_index.md":   "+++\ntitle = \"Trang chủ\"\n+++\n",
		"content/other.md":    "+++\ntitle = \"Khác\"\ndate = 2024-01-02\n+++\nText.\n",
		"content/other.en.md": "+++\ntitle = \"Other\"\ndate = 2024-01-02\n+++\nText.\n",
	}
	for name, s := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		f.Fatal(err)
	}
	for _, d := range []string{"layouts", "i18n", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			f.Fatal(err)
		}
	}
	return dir
}

// FuzzBuild builds a site whose one page is arbitrary bytes. Whatever the
// page holds, the build must not panic; a failed build must say why at a
// line of the page; a build writes nothing but its destination (nothing
// beside it, nothing into the site); every output path is a clean path
// inside the destination; and the same sources give the same bytes.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"Trang\"\ndate = 2024-06-20\ntags = [\"Đầu tư\", \"Đầu tư\"]\n+++\nSee [other](other.md#x) and [home](_index.md).\n",
		"+++\ntitle = \"</script><script>alert(1)</script>\"\ndescription = \"<img src=x onerror=alert(2)>\"\n+++\n[x](javascript:alert(1)) <script>alert(3)</script>\n",
		"+++\nurl = \"/../../../../tmp/escape/\"\n+++\n",
		"+++\nslug = \"..\"\n+++\n",
		"+++\nurl = \"/a/b.html\"\ntranslationKey = \"k\"\n+++\n",
		"---\ntitle: [unterminated\n---\n",
		"{\"title\": \"JSON\", \"tags\": [\"../x\", \"\\u0000\"]}\n\n# Heading\n",
		"+++\ntitle = \"missing link\"\n+++\n[m](missing.md)\n",
		"> > > > > deep\n\n- a\n  - b\n    - c\n\n***x***\n",
		"\xef\xbb\xbf+++\r\ntitle = \"CRLF\"\r\n+++\r\nBody\r\n",
		"",
	} {
		f.Add([]byte(s))
	}
	site := fuzzSite(f)
	page := filepath.Join(site, "content", "page.md")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(page, b, 0o644); err != nil {
			t.Fatal(err)
		}
		sandbox := t.TempDir()
		dest := filepath.Join(sandbox, "public")
		res, err := build.Build(build.Options{Source: site, Destination: dest, Now: now})
		var fl *fault.List
		if err != nil && !errors.As(err, &fl) {
			t.Fatalf("the build failed without findings: %v", err)
		}
		for _, fd := range res.Findings {
			if fd.Severity != fault.Error {
				continue
			}
			if fd.File != "content/page.md" || fd.Line < 1 {
				t.Errorf("an error that does not point at a line of the page: %v", fd)
			}
		}
		entries, _ := os.ReadDir(sandbox)
		for _, e := range entries {
			if e.Name() != "public" {
				t.Errorf("the build left %s beside its destination", e.Name())
			}
		}
		if err != nil {
			if len(entries) != 0 {
				t.Errorf("a failed build created its destination")
			}
			return
		}
		disk := tree(t, dest)
		mem, err := build.Build(build.Options{Source: site, Destination: dest, Now: now, Memory: true})
		if err != nil {
			t.Fatalf("the same site built on disk but not in memory: %v", err)
		}
		for rel, data := range mem.Memory {
			if rel != path.Clean(rel) || strings.HasPrefix(rel, "../") || rel == ".." || strings.HasPrefix(rel, "/") || strings.ContainsAny(rel, "\\\x00") {
				t.Errorf("output path %q is not a clean path inside the destination", rel)
			}
			if disk[rel] == "" {
				t.Errorf("%s is in the memory build but not on disk", rel)
			} else if disk[rel] != hashOf(data) {
				t.Errorf("%s differs between two builds of the same sources", rel)
			}
		}
		if len(disk) != len(mem.Memory)+1 { // + the marker file
			t.Errorf("%d files on disk, %d in memory", len(disk), len(mem.Memory))
		}
		for _, rel := range keys(disk) {
			for _, seg := range strings.Split(rel, "/") {
				if seg == ".." || seg == "." || seg == "" {
					t.Errorf("output path %q has a %q segment", rel, seg)
				}
			}
		}
	})
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
