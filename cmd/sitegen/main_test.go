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
