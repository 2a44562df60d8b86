package config_test

import (
	"strings"
	"testing"

	"sitegen/internal/config"
)

func TestDeploymentInHugosShape(t *testing.T) {
	cfg, got, err := load(t, map[string]string{"config.toml": `baseURL = "https://x.org/"
[deployment]
maxDeletes = 40
workers = 4
order = [".jpg$"]

[[deployment.targets]]
name = "staging"
url = "s3://staging-bucket?region=ap-southeast-1"

[[deployment.targets]]
name = "production"
URL = "s3://site?endpoint=https://acc.r2.cloudflarestorage.com&region=auto"
cloudFrontDistributionID = "E1234"
exclude = "**.pdf"

[[deployment.matchers]]
pattern = "^.+\\.(js|css|svg|woff2)$"
cacheControl = "max-age=31536000, no-transform, public"
gzip = true

[[deployment.matchers]]
pattern = "^sitemap\\.xml$"
contentType = "application/xml"
`})
	if err != nil {
		t.Fatal(err)
	}
	wantFindings := []string{`config.toml:5:1: warning: config key "deployment.order" is a Hugo setting that sitegen does not implement; it has no effect`}
	if strings.Join(got, "\n") != strings.Join(wantFindings, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFindings, "\n"))
	}
	d := cfg.Deployment
	if d.MaxDeletes != 40 || d.Workers != 4 || len(d.Targets) != 2 || len(d.Matchers) != 2 {
		t.Fatalf("got %+v", d)
	}
	prod, err := d.Target("production")
	if err != nil {
		t.Fatal(err)
	}
	if prod.URL != "s3://site?endpoint=https://acc.r2.cloudflarestorage.com&region=auto" || prod.CloudFrontDistributionID != "E1234" {
		t.Errorf("production = %+v", prod)
	}
	if prod.Exclude == nil || !prod.Exclude.Match("docs/plan.pdf") || prod.Exclude.Match("vi/index.html") {
		t.Error("exclude glob **.pdf does not match as Hugo's does")
	}
	if first, _ := d.Target(""); first.Name != "staging" {
		t.Errorf("default target %q; want the first, staging", first.Name)
	}
	if _, err := d.Target("prod"); err == nil || !strings.Contains(err.Error(), `"production"`) {
		t.Errorf("unknown target error %v does not list the known ones", err)
	}
	m := d.Matchers[0]
	if !m.Pattern.MatchString("css/site.css") || m.Pattern.MatchString("vi/index.html") || !m.Gzip || m.CacheControl != "max-age=31536000, no-transform, public" {
		t.Errorf("matcher %+v", m)
	}
}

func TestDeploymentDefaultsAndMistakes(t *testing.T) {
	cfg, got, err := load(t, map[string]string{"config.toml": "baseURL = \"https://x.org/\"\n"})
	if err != nil || len(got) > 0 {
		t.Fatalf("err %v, findings %v", err, got)
	}
	if cfg.Deployment.MaxDeletes != 256 || config.DefaultMaxDeletes != 256 {
		t.Errorf("default maxDeletes %d; want 256", cfg.Deployment.MaxDeletes)
	}
	if _, err := cfg.Deployment.Target(""); err == nil {
		t.Error("no targets configured, yet Target found one")
	}

	_, got, _ = load(t, map[string]string{"config.toml": `baseURL = "https://x.org/"
[deployment]
maxDeletes = -5
[[deployment.targets]]
name = "a"
[[deployment.targets]]
name = "a"
url = "s3://b"
[[deployment.matchers]]
pattern = "^(unclosed"
cachecontrol = "x"
[[deployment.matchers]]
patern = "x"
`})
	text := strings.Join(got, "\n")
	for _, want := range []string{
		`config.toml:3:1: error: deployment.maxDeletes is -5`,
		`error: deployment target "a" has no url`,
		`error: two deployment targets are named "a"`,
		`config.toml:10:12: error: deployment matcher: bad pattern "^(unclosed"`,
		`error: unknown config key "deployment.matchers.patern" (did you mean "pattern"?)`,
		`error: deployment matcher without a pattern`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("findings lack %q:\n%s", want, text)
		}
	}
}
