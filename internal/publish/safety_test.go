package publish_test

import (
	"os"
	"path/filepath"
	"testing"

	"sitegen/internal/publish"
)

// TestCommitReplacesWholly: a second commit replaces the first output
// completely and leaves nothing beside the destination.
func TestCommitReplacesWholly(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for i, files := range []map[string]string{
		{"index.html": "<p>one</p>", "old.txt": "gone next time"},
		{"index.html": "<p>two</p>", "a/b.txt": "b"},
	} {
		out, err := publish.Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range files {
			if err := out.WriteRaw(name, []byte(s)); err != nil {
				t.Fatal(err)
			}
		}
		if err := out.Commit(); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "public" {
		t.Errorf("beside the destination: %v; want only public", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "<p>two</p>" {
		t.Errorf("index.html is %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "old.txt")); !os.IsNotExist(err) {
		t.Errorf("a file of the previous output survived: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, publish.Marker)); err != nil {
		t.Errorf("no marker: %v", err)
	}
}

// TestWriteRefusesEscapes: no path given to the output can leave it.
func TestWriteRefusesEscapes(t *testing.T) {
	out := publish.OpenMemory()
	for _, rel := range []string{"../x", "a/../../x", "/../x", "..", "", "."} {
		if err := out.WriteRaw(rel, []byte("x")); err == nil {
			t.Errorf("WriteRaw(%q) was accepted", rel)
		}
	}
	for _, rel := range []string{"/a/../b", "./c", "d//e"} {
		if err := out.WriteRaw(rel, []byte("x")); err != nil {
			t.Errorf("WriteRaw(%q): %v", rel, err)
		}
	}
	for p := range out.Memory() {
		if p != "b" && p != "c" && p != "d/e" {
			t.Errorf("written as %q", p)
		}
	}
}
