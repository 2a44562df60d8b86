package publish

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWriteCommit: minified files written in the background are all there,
// counted, once Commit returns.
func TestWriteCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	out, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	page := []byte("<!DOCTYPE html>\n<html>  <body>\n  <p>  hello   world </p>\n</body></html>\n")
	for i := range 200 {
		if err := out.Write(filepath.Join("s", strings.Repeat("x", i%7)+string(rune('a'+i%26)), "p"+strconv.Itoa(i), "index.html"), page); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.Write("raw.txt", []byte("as is  ")); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := out.Files(); got != 201 {
		t.Errorf("Files() = %d; want 201", got)
	}
	b, err := os.ReadFile(filepath.Join(dest, "s", "a", "p0", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "  ") || !strings.Contains(string(b), "hello world") {
		t.Errorf("not minified: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "raw.txt")); string(b) != "as is  " {
		t.Errorf("raw.txt = %q; want it as written", b)
	}
}

// TestWriteErrorAtCommit: a file that cannot be written fails Commit, and
// the previous output stays in place.
func TestWriteErrorAtCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dest, Marker), nil, 0o644)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	out, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Write("a", []byte("a file where a folder is needed")); err != nil {
		t.Fatal(err)
	}
	if err := out.Write("a/index.html", []byte("<p>x</p>")); err != nil {
		t.Fatal(err) // the failure shows at Commit
	}
	err = out.Commit()
	if err == nil || !strings.Contains(err.Error(), "a/index.html") {
		t.Fatalf("Commit() = %v; want an error naming a/index.html", err)
	}
	out.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "old.html")); string(b) != "old" {
		t.Errorf("previous output changed: old.html = %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.sitegen-new-*"))
	if len(left) != 0 {
		t.Errorf("build folders left behind: %v", left)
	}
}

// TestAbort removes everything queued, even files still being written.
func TestAbort(t *testing.T) {
	parent := t.TempDir()
	out, err := Open(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if err := out.Write(filepath.Join("p"+strconv.Itoa(i), "index.html"), []byte("<p>x</p>")); err != nil {
			t.Fatal(err)
		}
	}
	out.Abort()
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Errorf("after Abort the parent holds %d entries; want none", len(entries))
	}
}
