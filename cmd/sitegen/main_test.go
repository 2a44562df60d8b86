package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/testsite"
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
	for _, d := range []string{"config.toml", "layouts", "i18n", "static"} {
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

func copyTree(t *testing.T, from, to string) { testsite.Copy(t, from, to) }

// TestTranslations: a translation marked up to date goes out of date when
// its source's text changes, the listing names the changed paragraph, and
// --mark clears it. New translations start as drafts recorded against
// their source.
func TestTranslations(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", `baseURL = "https://x.org/"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = true
[languages.vi]
weight = 1
[languages.en]
weight = 2
[languages.km]
weight = 3
`)
	write("content/news/a.md", "+++\ntitle = \"Tin A\"\ndate = 2024-01-01\n+++\n\nĐoạn một.\n\nĐoạn hai.\n")
	write("content/news/a.en.md", "---\ntitle: News A\ndate: 2024-01-01\n---\n\nParagraph one.\n\nParagraph two.\n")
	write("content/news/b.md", "+++\ntitle = \"Tin B\"\n+++\nChỉ có tiếng Việt.\n")
	var out, errb bytes.Buffer
	list := func() string {
		t.Helper()
		out.Reset()
		errb.Reset()
		if code := run([]string{"translations", "--source", dir}, &out, &errb); code != 0 {
			t.Fatalf("translations: exit %d\n%s", code, errb.String())
		}
		return out.String()
	}
	got := list()
	for _, want := range []string{
		"not marked content/news/a.en.md",
		"missing    content/news/a.km.md  (create it: sitegen new news/a --lang km)",
		"missing    content/news/b.en.md",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("listing lacks %q:\n%s", want, got)
		}
	}
	if code := run([]string{"translations", "--source", dir, "--mark", filepath.Join(dir, "content/news/a.en.md")}, &out, &errb); code != 0 {
		t.Fatalf("--mark: exit %d\n%s", code, errb.String())
	}
	if got := list(); strings.Contains(got, "a.en.md") || !strings.Contains(got, "1 up to date") {
		t.Errorf("after --mark:\n%s", got)
	}
	// Reflowing a paragraph or retyping it in NFD is not a change.
	write("content/news/a.md", "+++\ntitle = \"Tin A\"\ndate = 2024-01-01\n+++\n\n\u0110o\u1ea1n   m\u00f4\u0323t.\n\nĐoạn hai.\n")
	if got := list(); strings.Contains(got, "  outdated   ") {
		t.Errorf("whitespace and NFD made the translation outdated:\n%s", got)
	}
	write("content/news/a.md", "+++\ntitle = \"Tin A\"\ndate = 2024-01-01\n+++\n\nĐoạn một.\n\nĐoạn hai, đã sửa.\n\nĐoạn ba mới.\n")
	got = list()
	for _, want := range []string{
		"outdated   content/news/a.en.md  (content/news/a.md changed: 2 paragraph(s) new or changed, 1 removed)",
		"content/news/a.md:8: Đoạn hai, đã sửa.",
		"content/news/a.md:10: Đoạn ba mới.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("listing lacks %q:\n%s", want, got)
		}
	}
	out.Reset()
	if code := run([]string{"translations", "--source", dir, "--format", "json"}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"state": "outdated"`) {
		t.Errorf("json: exit %d\n%s", code, out.String())
	}
	if code := run([]string{"translations", "--source", dir, "--mark", "content/news/a.en.md"}, &out, &errb); code != 0 {
		t.Fatalf("--mark: exit %d\n%s", code, errb.String())
	}
	if got := list(); strings.Contains(got, "  outdated   ") {
		t.Errorf("--mark did not clear it:\n%s", got)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/news/a.en.md"))
	if strings.Count(string(b), "translation:") != 1 || !strings.HasSuffix(string(b), "Paragraph one.\n\nParagraph two.\n") {
		t.Errorf("the marked YAML file:\n%s", b)
	}
	// Marking a source, or a file that is not a page, is refused.
	for _, f := range []string{"content/news/a.md", "content/news/nope.en.md"} {
		errb.Reset()
		if code := run([]string{"translations", "--source", dir, "--mark", f}, &out, &errb); code != 1 || errb.Len() == 0 {
			t.Errorf("--mark %s: exit %d, %q", f, code, errb.String())
		}
	}
	// A new translation starts as a draft of the source.
	out.Reset()
	if code := run([]string{"new", "news/a", "--lang", "km", "--source", dir}, &out, &errb); code != 0 {
		t.Fatalf("new --lang km: exit %d\n%s", code, errb.String())
	}
	b, _ = os.ReadFile(filepath.Join(dir, "content/news/a.km.md"))
	if !strings.HasPrefix(string(b), "+++\ndraft = true\ntitle = \"Tin A\"") || !strings.Contains(string(b), "[translation]") || !strings.Contains(string(b), "Đoạn ba mới.") {
		t.Errorf("new translation:\n%s", b)
	}
	if got := list(); !strings.Contains(got, "draft      content/news/a.km.md") {
		t.Errorf("the draft translation is not listed as a draft:\n%s", got)
	}
}

// siteFrom writes a txtar fixture into a temporary site.
func siteFrom(t *testing.T, name string) string {
	return testsite.Txtar(t, filepath.Join("testdata", name))
}

// TestCheck: each planted fault is reported with its file and line, and
// the exit status is 1; the repository's own site passes.
func TestCheck(t *testing.T) {
	var out, errb bytes.Buffer
	repo, _ := filepath.Abs("../..")
	if code := run([]string{"check", "--strict", "--source", repo}, &out, &errb); code != 0 {
		t.Fatalf("the repository's site fails check: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if _, err := os.Stat(filepath.Join(repo, "public", ".sitegen-check")); err == nil {
		t.Errorf("check wrote into public/")
	}

	dir := siteFrom(t, "faults.txtar")
	out.Reset()
	if code := run([]string{"check", "--source", dir}, &out, &errb); code != 1 {
		t.Errorf("faults: exit %d; want 1", code)
	}
	got := out.String()
	for _, want := range []string{
		`content/news/wrong-type.md:4:1: error: front matter "weight" must be a whole number`,
		`content/news/bad-date.md:4:1: error: front matter "date": `,
		`content/news/no-description.md:1:1: warning: required front matter "description" is missing`,
		`content/news/links.md:6:5: error: broken link "nowhere.md"`,
		`content/news/links.md:8:1: error: image "photo.jpg" does not exist`,
		`content/news/links.md:4:1: error: front matter image "/images/missing.png" does not exist`,
		`content/news/links.md:10:6: error: broken link "draft.md": content/news/draft.md is not published (draft)`,
		`content/news/two.md:4:1: error: content/news/two.md and content/news/one.md both claim the URL /vi/news/same/`,
		`content/news/key-b.en.md:4:1: error: translationKey "shared" is used twice in language "en"`,
		`i18n/en.toml: warning: UI string "home" is missing in language "en"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check output lacks %q:\n%s", want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("check created public/")
	}

	dir = siteFrom(t, "output-faults.txtar")
	out.Reset()
	t.Setenv("GITHUB_ACTIONS", "true")
	if code := run([]string{"check", "--source", dir}, &out, &errb); code != 1 {
		t.Errorf("output faults: exit %d; want 1\n%s", code, out.String())
	}
	got = out.String()
	for _, want := range []string{
		`content/page.md: error: <a href="/vi/no-such-page/"> on /vi/page/ leads to no file of the site`,
		`content/page.md: error: hreflang is not reciprocal: https://example.org/vi/page/ lists https://example.org/en/ (fr)`,
		`::error file=content/page.md::<a href="/vi/no-such-page/"> on /vi/page/ leads to no file of the site`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check output lacks %q:\n%s", want, got)
		}
	}
	out.Reset()
	run([]string{"check", "--source", dir, "--format", "json"}, &out, &errb)
	var js struct {
		Errors   int
		Findings []struct{ Severity, File, Message string }
	}
	if err := json.Unmarshal([]byte(strings.Split(out.String(), "\n::")[0]), &js); err != nil || js.Errors < 2 {
		t.Errorf("json: %v %+v\n%s", err, js, out.String())
	}
}

// TestReportOnRepository: the 2024-H1 report of the repository's site
// counts what an independent reading of the sources' dates counts, in all
// three formats.
func TestReportOnRepository(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	want := map[string]int{}
	err := filepath.WalkDir(filepath.Join(repo, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_index") {
			return err
		}
		b, _ := os.ReadFile(p)
		fm := strings.SplitN(string(b), "+++", 3)[1]
		if strings.Contains(fm, "\ndraft = true") {
			return nil
		}
		date := ""
		for _, line := range strings.Split(fm, "\n") {
			if strings.HasPrefix(line, "date = ") {
				date = strings.TrimPrefix(line, "date = ")[:10]
				break // the page's own date comes before any table
			}
		}
		if date >= "2023-11-20" && date <= "2024-06-19" {
			lang := "vi"
			for _, l := range []string{"en", "km"} {
				if strings.HasSuffix(p, "."+l+".md") {
					lang = l
				}
			}
			want[lang]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--period", "2024-H1", "--format", "json", "--source", repo}, &out, &errb); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, errb.String())
	}
	var r struct {
		Counts []struct {
			Lang      string
			Published int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range r.Counts {
		got[c.Lang] += c.Published
	}
	if len(want) != 3 || !mapsEq(got, want) {
		t.Errorf("published in 2024-H1 per language: report %v; sources %v", got, want)
	}
	for _, f := range []string{"markdown", "csv"} {
		out.Reset()
		if code := run([]string{"report", "--period", "2024-H1", "--format", f, "--source", repo}, &out, &errb); code != 0 || out.Len() == 0 {
			t.Errorf("report --format %s: exit %d", f, code)
		}
		if f == "csv" && strings.Count(out.String(), ",published,")+strings.Count(out.String(), "\npublished,") != want["vi"]+want["en"]+want["km"] {
			t.Errorf("CSV rows of published items do not add up:\n%s", out.String())
		}
	}
	if code := run([]string{"report", "--source", repo}, &out, &errb); code != 2 {
		t.Errorf("report without a period: exit %d; want 2", code)
	}
}

func mapsEq(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestTemplateMetrics: --templateMetrics prints each layout and partial
// the build ran, with how often it ran: here the single layout for each
// of three pages and the partial it calls once per page. A template
// package program does not compile (one calling text/template's js) is
// named, with the reason, and no other.
func TestTemplateMetrics(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":                  "baseURL = \"https://x.org/\"\ndefaultContentLanguage = \"en\"\n",
		"layouts/_default/single.html": "<!DOCTYPE html><html lang=\"en\"><title>{{ .Title }}</title>{{ partial \"meta.html\" . }}{{ .Content }}</html>",
		"layouts/_default/list.html":   "<!DOCTYPE html><html lang=\"en\"><title>{{ .Title }}</title>{{ partial \"js.html\" . }}</html>",
		"layouts/partials/meta.html":   "<p>{{ .Date }}</p>",
		"layouts/partials/js.html":     "<p>{{ js .Title }}</p>",
	}
	for _, n := range []string{"a", "b", "c"} {
		files["content/"+n+".md"] = "+++\ntitle = \"" + n + "\"\n+++\nText.\n"
	}
	for name, body := range files {
		testsite.WriteFile(t, filepath.Join(dir, name), []byte(body))
	}
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--source", dir, "--templateMetrics"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}
	counts := map[string]string{}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if len(lines) == 0 || !strings.Contains(lines[0], "cumulative") {
		t.Fatalf("no metrics table:\n%s", errb.String())
	}
	for _, l := range lines[1:] {
		if f := strings.Fields(l); len(f) == 5 {
			counts[f[4]] = f[3]
		}
	}
	for name, want := range map[string]string{"_default/single.html": "3", "partials/meta.html": "3", "_default/list.html": "1", "partials/js.html": "1"} {
		if counts[name] != want {
			t.Errorf("%s ran %q times; want %s\n%s", name, counts[name], want, errb.String())
		}
	}
	var interpreted []string
	for i, l := range lines {
		if strings.Contains(l, "not compiled") {
			interpreted = append(interpreted, strings.Fields(lines[i-1])[4]+": "+strings.TrimSpace(l))
		}
	}
	if len(interpreted) != 1 || !strings.HasPrefix(interpreted[0], "partials/js.html: not compiled, run by html/template: ") ||
		!strings.Contains(interpreted[0], `function "js" is not supported`) {
		t.Errorf("templates reported as not compiled: %q; want partials/js.html, for js\n%s", interpreted, errb.String())
	}
}
