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
// new text under the old front matter. A file longer than discovery reads
// of it (its head) may have its body edited in between: the body read is
// then the file's as it is, under front matter that is still the file's.
func TestDropBodies(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n",
		"content/a.md":          "+++\ntitle = \"A\"\n+++\nThân bài **A**.\n",
		"content/bom.md":        "\xef\xbb\xbf+++\r\ntitle = \"BOM\"\r\n+++\r\nDòng một\r\nDòng hai\r\n",
		"content/yaml.md":       "---\ntitle: Y\n---\n\nសួស្តី\n",
		"content/empty.md":      "+++\ntitle = \"Rỗng\"\n+++\n",
		"content/changed.md":    "+++\ntitle = \"C\"\n+++\nCũ.\n",
		"content/long.md":       "+++\ntitle = \"L\"\n+++\n" + strings.Repeat("Văn bản dài.\n", 600),
		"content/longfm.md":     "+++\ntitle = \"F\"\n[params]\nnote = \"" + strings.Repeat("x", 6000) + "\"\n+++\nThân.\n",
		"content/longbom.md":    "\xef\xbb\xbf+++\r\ntitle = \"B\"\r\n+++\r\n" + strings.Repeat("Dòng.\r\n", 1000),
		"content/longedit.md":   "+++\ntitle = \"E\"\n+++\n" + strings.Repeat("Cũ.\n", 2000),
		"content/longfmedit.md": "+++\ntitle = \"G\"\n+++\n" + strings.Repeat("Cũ.\n", 2000),
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
	edited := strings.Repeat("Cú.\n", 2000) // the same size
	if err := os.WriteFile(filepath.Join(dir, "content/longedit.md"), []byte("+++\ntitle = \"E\"\n+++\n"+edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/longfmedit.md"), []byte("+++\ntitle = \"H\"\n+++\n"+strings.Repeat("Cũ.\n", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range dropped {
		if s.Body != nil {
			t.Errorf("%s: the body is held", s.File)
		}
		var buf []byte
		body, err := s.ReadBody(&buf)
		switch s.File {
		case "content/changed.md", "content/longfmedit.md":
			if err == nil || !strings.Contains(err.Error(), "changed during the build") {
				t.Errorf("%s edited: got %q, %v; want an error that it changed", s.File, body, err)
			}
			continue
		case "content/longedit.md":
			if err != nil || string(body) != edited {
				t.Errorf("%s: body edited, front matter not: got %.20q…, %v; want the edited body", s.File, body, err)
			}
			continue
		}
		if err != nil || string(body) != kept[s.File] {
			t.Errorf("%s: read again %q, %v; want %q", s.File, body, err, kept[s.File])
		}
	}
}
