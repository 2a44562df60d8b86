package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/config"
	"sitegen/internal/fault"
)

func load(t *testing.T, files map[string]string) (*config.Config, []string, error) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	diags := &fault.List{}
	cfg, err := config.Load(dir, diags)
	var out []string
	for _, f := range diags.All() {
		out = append(out, f.Error())
	}
	return cfg, out, err
}

func TestKeys(t *testing.T) {
	_, got, _ := load(t, map[string]string{"config.toml": "baseURL = \"https://x.org/\"\ntitle = \"T\"\nbuildFuture = true\ntitel = \"x\"\n"})
	want := []string{
		`config.toml:3:1: warning: config key "buildFuture" is a Hugo setting that sitegen does not implement; it has no effect`,
		`config.toml:4:1: error: unknown config key "titel" (did you mean "title"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLanguagesAndDefaults(t *testing.T) {
	cfg, got, err := load(t, map[string]string{"config.toml": `baseURL = "https://x.org"
defaultContentLanguage = "vi"
[languages.km]
languageName = "ភាសាខ្មែរ"
weight = 3
[languages.vi]
languageName = "Tiếng Việt"
weight = 1
`})
	if err != nil || len(got) > 0 {
		t.Fatalf("err %v, findings %v", err, got)
	}
	if cfg.BaseURL != "https://x.org/" || cfg.Languages[0].Code != "vi" || cfg.Languages[1].Name != "ភាសាខ្មែរ" {
		t.Errorf("got base %q, languages %v", cfg.BaseURL, cfg.Languages)
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, got, err := load(t, map[string]string{"config.toml": "baseURL = \"https://x.org/\"\ntitle = \"unterminated\n"})
	if err == nil || len(got) != 1 || !strings.HasPrefix(got[0], "config.toml:2:") {
		t.Errorf("got %v, %v; want one error at config.toml:2", err, got)
	}
}

func TestHugoConfigDirectory(t *testing.T) {
	cfg, got, err := load(t, map[string]string{
		"config/_default/hugo.toml":         "baseURL = 'https://x.org/'\ndefaultContentLanguage = 'fr'\n",
		"config/_default/languages.fr.toml": "languageName = 'français'\ncontentDir = 'content/fr'\n",
		"config/_default/languages.de.toml": "languageName = 'Deutsch'\ncontentDir = 'content/de'\n[permalinks.page]\nnews = '/nachricht/:filename'\n",
	})
	if err != nil {
		t.Fatalf("%v %v", err, got)
	}
	de := cfg.Lang("de")
	if de == nil || de.ContentDir != "content/de" || de.Permalinks["news"] != "/nachricht/:filename" {
		t.Errorf("de = %+v", de)
	}
}
