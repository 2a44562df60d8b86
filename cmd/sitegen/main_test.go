package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 2 {
		t.Errorf("no command: exit %d; want 2", code)
	}
	if code := run([]string{"frobnicate"}, &out, &errb); code != 2 {
		t.Errorf("unknown command: exit %d; want 2", code)
	}
	if code := run([]string{"build", "--no-such-flag"}, &out, &errb); code != 2 {
		t.Errorf("unknown flag: exit %d; want 2", code)
	}
	if code := run([]string{"build", "--help"}, &out, &errb); code != 0 {
		t.Errorf("build --help: exit %d; want 0", code)
	}

	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "baseURL = \"https://x.org/\"\ndefaultContentLanguage = \"en\"\n")
	write("layouts/_default/single.html", "<!DOCTYPE html><html lang=\"{{ .Lang.Code }}\"><title>{{ .Title }}</title>{{ .Content }}</html>")
	write("layouts/_default/list.html", "<!DOCTYPE html><html lang=\"{{ .Lang.Code }}\"><title>{{ .Title }}</title></html>")
	write("content/a.md", "+++\ntitle = \"A\"\n+++\nHello.\n")
	out.Reset()
	if code := run([]string{"build", "--source", dir}, &out, &errb); code != 0 {
		t.Fatalf("good site: exit %d; stderr:\n%s", code, errb.String())
	}
	if !strings.Contains(out.String(), "Pages") || !strings.Contains(out.String(), "Total in") {
		t.Errorf("no summary printed:\n%s", out.String())
	}
	write("content/b.md", "+++\ntitle = \"B\n+++\n")
	errb.Reset()
	if code := run([]string{"build", "--source", dir}, &out, &errb); code != 1 {
		t.Errorf("broken site: exit %d; want 1", code)
	}
	if !strings.Contains(errb.String(), "content/b.md:2:") {
		t.Errorf("stderr does not name content/b.md:2:\n%s", errb.String())
	}
}

// TestNew: "sitegen new" copies the section's archetype for every section
// of the repository's site; the page it writes builds, and the warnings
// name exactly the required fields the editor still has to fill in.
func TestNew(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	dir := t.TempDir()
	for _, d := range []string{"config.toml", ".archetypes", "layouts", "i18n", "static"} {
		copyTree(t, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	var out, errb bytes.Buffer
	for _, section := range []string{"tourism", "fact-check", "news", "investment", "culture", "border-cooperation", "documents"} {
		out.Reset()
		errb.Reset()
		if code := run([]string{"new", section + "/test-page", "--source", dir}, &out, &errb); code != 0 {
			t.Fatalf("new %s: exit %d\n%s", section, code, errb.String())
		}
		want := "created content/" + section + "/test-page.md"
		if strings.TrimSpace(out.String()) != want {
			t.Errorf("new %s printed %q; want %q", section, out.String(), want)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/tourism/test-page.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title = "Test page"`, "[place]", "[place.address]", `type = "TouristAttraction"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("tourism page lacks %q:\n%s", want, b)
		}
	}
	// A translation, flags before the path.
	if code := run([]string{"new", "--lang", "km", "--source", dir, "tourism/test-page"}, &out, &errb); code != 0 {
		t.Fatalf("new --lang km: exit %d\n%s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content/tourism/test-page.km.md")); err != nil {
		t.Errorf("no Khmer file: %v", err)
	}
	// Never overwrite; refuse bad paths and languages.
	for _, args := range [][]string{
		{"new", "tourism/test-page", "--source", dir},
		{"new", "tourism/Bà-Rá", "--source", dir},
		{"new", "../escape", "--source", dir},
		{"new", "tourism/x", "--lang", "fr", "--source", dir},
	} {
		errb.Reset()
		if code := run(args, &out, &errb); code != 1 {
			t.Errorf("%v: exit %d; want 1", args, code)
		}
		if errb.Len() == 0 {
			t.Errorf("%v: no message", args)
		}
	}
	if code := run([]string{"new", "--source", dir}, &out, &errb); code != 2 {
		t.Errorf("new without a path: exit %d; want 2", code)
	}
	// The new pages build with drafts; each warning names a field to fill.
	errb.Reset()
	out.Reset()
	if code := run([]string{"build", "-D", "--source", dir, "--quiet"}, &out, &errb); code != 0 {
		t.Fatalf("build of new pages: exit %d\n%s", code, errb.String())
	}
	for _, want := range []string{
		`content/tourism/test-page.md:5:1: warning: required front matter "description" is missing`,
		`content/tourism/test-page.md:16:1: warning: required front matter "place.name" is missing`,
		`content/fact-check/test-page.md:14:1: warning: required front matter "claim.text" is missing`,
	} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("build output lacks %q:\n%s", want, errb.String())
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
