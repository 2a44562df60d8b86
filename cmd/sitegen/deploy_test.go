package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// TestDeployCommand runs build and deploy as CI does, against an S3
// server on 127.0.0.1, with the target named in config.toml and the
// credentials in the environment.
func TestDeployCommand(t *testing.T) {
	be := s3mem.New()
	if err := be.CreateBucket("site"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(be).Server())
	defer srv.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")

	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	target := "s3://site?endpoint=" + srv.URL + "&region=us-east-1"
	write("config.toml", "baseURL = \"https://x.org/\"\ndefaultContentLanguage = \"en\"\n"+
		"[deployment]\nmaxDeletes = 0\n[[deployment.targets]]\nname = \"production\"\nurl = \""+target+"\"\n")
	write("layouts/_default/single.html", "<!DOCTYPE html><html lang=\"{{ .Lang.Code }}\"><title>{{ .Title }}</title>{{ .Content }}</html>")
	write("layouts/_default/list.html", "<!DOCTYPE html><html lang=\"{{ .Lang.Code }}\"><title>{{ .Title }}</title></html>")
	write("content/a.md", "+++\ntitle = \"A\"\n+++\nHello.\n")
	write("content/b.md", "+++\ntitle = \"B\"\n+++\nBye.\n")

	var out, errb bytes.Buffer
	sitegen := func(want int, args ...string) string {
		t.Helper()
		out.Reset()
		errb.Reset()
		if code := run(args, &out, &errb); code != want {
			t.Fatalf("sitegen %s: exit %d; want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out.String(), errb.String())
		}
		return out.String() + errb.String()
	}
	sitegen(0, "build", "--quiet", "--source", dir)

	got := sitegen(0, "deploy", "--source", dir, "--target", "production")
	for _, want := range []string{"0 to replace, 0 to delete, 0 unchanged", "  upload   a/index.html", "changed URLs", "https://x.org/a/"} {
		if !strings.Contains(got, want) {
			t.Errorf("first deploy output lacks %q:\n%s", want, got)
		}
	}
	if got := sitegen(0, "deploy", "--source", dir); !strings.Contains(got, "0 to upload, 0 to replace, 0 to delete") || !strings.Contains(got, "no URLs changed") {
		t.Errorf("second deploy (default target) did something:\n%s", got)
	}

	// maxDeletes = 0 in config.toml stops a deletion; the flag overrides it.
	os.Remove(filepath.Join(dir, "content/b.md"))
	sitegen(0, "build", "--quiet", "--source", dir)
	if got := sitegen(1, "deploy", "--source", dir); !strings.Contains(got, "more than the limit of 0") {
		t.Errorf("deletion beyond maxDeletes = 0 not refused:\n%s", got)
	}
	if got := sitegen(0, "deploy", "--source", dir, "--dry-run", "--max-deletes", "1", "--target", target); !strings.Contains(got, "  delete   b/index.html") {
		t.Errorf("dry run does not show the deletion:\n%s", got)
	}
	if _, err := be.HeadObject("site", "b/index.html"); err != nil {
		t.Errorf("the dry run deleted b/index.html: %v", err)
	}
	sitegen(0, "deploy", "--source", dir, "--max-deletes", "1")
	if _, err := be.HeadObject("site", "b/index.html"); err == nil {
		t.Error("b/index.html is still in the bucket")
	}

	if got := sitegen(2, "deploy", "--source", dir, "--target", "staging"); !strings.Contains(got, `no deployment target named "staging"`) {
		t.Errorf("unknown target name:\n%s", got)
	}
	if got := sitegen(1, "deploy", "--source", dir, "--target", "s3://site?regoin=x"); !strings.Contains(got, `unknown parameter "regoin"`) {
		t.Errorf("misspelt target parameter:\n%s", got)
	}
	sitegen(0, "deploy", "--help")
}
