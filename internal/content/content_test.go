package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/fault"
	"sitegen/internal/testsite"
)

// TestDropBodies: with DropBodies, Discover keeps no Markdown, and
// ReadBody reads each body again exactly as it was (a BOM and CRLF
// file included); a file edited since gives an error saying so, not the
// new text under the old front matter.
func TestDropBodies(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":        "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n",
		"content/a.md":       "+++\ntitle = \"A\"\n+++\nThân bài **A**.\n",
		"content/bom.md":     "\xef\xbb\xbf+++\r\ntitle = \"BOM\"\r\n+++\r\nDòng một\r\nDòng hai\r\n",
		"content/yaml.md":    "---\ntitle: Y\n---\n\nសួស្តី\n",
		"content/empty.md":   "+++\ntitle = \"Rỗng\"\n+++\n",
		"content/changed.md": "+++\ntitle = \"C\"\n+++\nCũ.\n",
	}
	for name, body := range files {
		testsite.WriteFile(t, filepath.Join(dir, name), []byte(body))
	}
	diags := &fault.List{}
	cfg, err := config.Load(dir, diags)
	if err != nil {
		t.Fatal(diags)
	}
	kept := map[string]string{}
	for _, s := range content.Discover(cfg, diags, content.KeepBodies) {
		kept[s.File] = string(s.Body)
	}
	dropped := content.Discover(cfg, diags, content.DropBodies)
	if len(dropped) != len(files)-1 {
		t.Fatalf("%d sources; want %d", len(dropped), len(files)-1)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/changed.md"), []byte("+++\ntitle = \"C\"\n+++\nCú.\n") /* the same size: the checksum tells */, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range dropped {
		if s.Body != nil {
			t.Errorf("%s: the body is held", s.File)
		}
		var buf []byte
		body, err := s.ReadBody(&buf)
		if s.File == "content/changed.md" {
			if err == nil || !strings.Contains(err.Error(), "changed during the build") {
				t.Errorf("%s edited: got %q, %v; want an error that it changed", s.File, body, err)
			}
			continue
		}
		if err != nil || string(body) != kept[s.File] {
			t.Errorf("%s: read again %q, %v; want %q", s.File, body, err, kept[s.File])
		}
	}
}
