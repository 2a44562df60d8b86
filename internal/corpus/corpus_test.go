package corpus_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/corpus"
)

// readTree returns every file under dir by its relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestShape: the generated corpus has gencorpus.py's shape: every page in
// vi, about 90% in en and 80% in km, 18 index files, bodies with the
// Markdown features the benchmark needs, and front matter with the keys
// Hugo's layouts read.
func TestShape(t *testing.T) {
	dir := t.TempDir()
	st, err := corpus.Generate(dir, corpus.Options{Pages: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st.PerLang["vi"] != 400 {
		t.Errorf("vi pages = %d; want 400", st.PerLang["vi"])
	}
	if en := st.PerLang["en"]; en < 330 || en > 390 {
		t.Errorf("en pages = %d; want about 360", en)
	}
	if km := st.PerLang["km"]; km < 290 || km > 350 {
		t.Errorf("km pages = %d; want about 320", km)
	}
	if st.Index != 18 {
		t.Errorf("index files = %d; want 18", st.Index)
	}
	files := readTree(t, dir)
	if len(files) != st.Files+st.Index+1 {
		t.Errorf("%d files on disk; want %d", len(files), st.Files+st.Index+1)
	}
	features := map[string]int{}
	for name, b := range files {
		if !strings.HasSuffix(name, ".md") || strings.Contains(name, "_index") {
			continue
		}
		s := string(b)
		for _, key := range []string{"title = ", "date = ", "description = ", "tags = [", "translationKey = "} {
			if !strings.Contains(s, "\n"+key) {
				t.Errorf("%s: front matter lacks %q", name, key)
			}
		}
		for f, mark := range map[string]string{"table": "|---|---:|", "footnote": "\n[^1]: ", "link": "](/", "h2": "\n## "} {
			if strings.Contains(s, mark) {
				features[f]++
			}
		}
		if strings.HasSuffix(name, ".km.md") && !strings.ContainsAny(s, "០១២៣៤៥៦៧៨៩") {
			t.Errorf("%s: Khmer page without Khmer digits", name)
		}
	}
	for _, f := range []string{"footnote", "link", "h2"} {
		if features[f] != st.Files {
			t.Errorf("%d of %d pages have a %s", features[f], st.Files, f)
		}
	}
	if features["table"] < st.Files/2 {
		t.Errorf("only %d of %d pages have a table", features["table"], st.Files)
	}
}

// TestDeterministic: the same options give byte-identical files, another
// seed different ones.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []struct {
		dir  string
		seed uint64
	}{{a, 7}, {b, 7}, {c, 8}} {
		if _, err := corpus.Generate(d.dir, corpus.Options{Pages: 30, Seed: d.seed}); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files; then %d", len(fa), len(fb))
	}
	for n, x := range fa {
		if !bytes.Equal(x, fb[n]) {
			t.Errorf("%s differs between two runs with the same seed", n)
		}
	}
	same := 0
	for n, x := range fa {
		if bytes.Equal(x, fc[n]) {
			same++
		}
	}
	if same == len(fa) {
		t.Error("seed 8 gave the same corpus as seed 7")
	}
}
