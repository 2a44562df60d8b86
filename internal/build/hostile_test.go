package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// hostileSite writes testdata/<name>.txtar as fixture does, except the
// files in folders named after…/, which it returns by folder (by their
// path in the site) to be added once a first build has succeeded.
func hostileSite(t *testing.T, name string) (dir string, after map[string]map[string][]byte) {
	t.Helper()
	dir = fixture(t, name)
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	after = map[string]map[string][]byte{}
	for _, f := range ar.Files {
		if group, rest, ok := strings.Cut(f.Name, "/"); ok && strings.HasPrefix(group, "after") {
			if after[group] == nil {
				after[group] = map[string][]byte{}
			}
			after[group][rest] = f.Data
			if err := os.RemoveAll(filepath.Join(dir, group)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir, after
}

// breakSite builds the good site, adds the hostile files, and builds
// again: the second build must fail, every finding in want must be
// reported (each is the start of a finding, "file:line:col: error: …"),
// and the output of the first build must be exactly as it was.
func breakSite(t *testing.T, dir string, after map[string][]byte, want ...string) []string {
	t.Helper()
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	before := tree(t, dest)
	for name, data := range after {
		writeFile(t, filepath.Join(dir, name), data)
	}
	_, err := buildSite(t, dir)
	if err == nil {
		t.Fatal("the build of the broken site succeeded")
	}
	got := findings(t, err)
	for _, w := range want {
		wantFinding(t, got, w)
	}
	if after := tree(t, dest); !mapsEqual(before, after) || len(after) != len(before) {
		t.Errorf("the failed build changed the previous output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "sitegen-new") {
			t.Errorf("the failed build left %s behind", e.Name())
		}
	}
	return got
}

func TestHostileFrontMatter(t *testing.T) {
	dir, after := hostileSite(t, "hostile-frontmatter")
	got := breakSite(t, dir, after["after"],
		`content/toml-open.md:1:1: error: front matter opened with "+++" is never closed`,
		`content/toml-bad.md:3:17: error: cannot decode: unmarshal failed: toml: array is incomplete`,
		`content/toml-string.md:2:22: error: cannot decode: unmarshal failed: toml: basic strings cannot have new lines`,
		`content/yaml-bad.md:3:7: error: cannot decode: sequence end token ']' not found`,
		`content/yaml-indent.md:2:8: error: cannot decode: mapping value is not allowed in this context`,
		`content/json-bad.md:3:16: error: cannot decode: invalid character ']' looking for beginning of value`,
		`content/json-open.md:1:1: error: JSON front matter opened with '{' is never closed`,
		`content/types.md:2:1: error: front matter "title" must be a string, not a list`,
		`content/types.md:3:1: error: front matter "date": "soon" is not a date`,
		`content/types.md:4:1: error: front matter "tags" must be a list of strings, not the number 5`,
		`content/types.md:5:1: error: front matter "draft" must be true or false, not the string "yes"`,
		`content/types.md:6:1: error: front matter "weight" must be a whole number, not the string "heavy"`,
		`content/dates.md:3:1: error: front matter "date": "2024-02-30" is not a real date`,
		`content/dates.md:4:1: error: front matter "lastmod": "2023-13-01" is not a real date`,
		`content/dates.md:5:1: error: front matter "expiryDate": "2024-04-31" is not a real date`,
		`content/dates.md:6:1: error: front matter "publishDate": "2024-06-20T25:00:00" is not a real date`,
	)
	if len(got) != 16 {
		t.Errorf("got %d findings; want one per mistake:\n%s", len(got), strings.Join(got, "\n"))
	}
}

func TestHostilePaths(t *testing.T) {
	dir, after := hostileSite(t, "hostile-paths")
	got := breakSite(t, dir, after["after"],
		`content/dotdot-slug.md:3:1: error: front matter slug ".." contains a '..' segment`,
		`content/dotdot-url.md:3:1: error: front matter url "/../../../../tmp/sitegen-escape/" contains a '..' segment`,
		`content/abs-slug.md:3:1: error: front matter slug "/etc/passwd" contains '/'`,
		`content/backslash.md:3:1: error: front matter url "..\\..\\outside\\" contains a backslash`,
		`content/scheme.md:3:1: error: front matter url "javascript:alert(1)" contains a URL scheme`,
		`content/remote.md:3:1: error: front matter url "https://evil.example/page/" contains a URL scheme`,
		`content/control.md:3:1: error: front matter slug "a\x00b" contains a control character`,
		`content/newline.md:3:1: error: front matter url "/a\r\nSet-Cookie: x=1/" contains a control character`,
		// A file name has no line: the finding names the file.
		`content/page.fr.md: warning: language suffix "fr" is not a configured language (vi, en); the file is skipped`,
		`content/two.md:3:1: error: translationKey "shared" is used twice in language "vi": here and in content/one.md`,
	)
	if len(got) != 10 {
		t.Errorf("got %d findings; want one per mistake:\n%s", len(got), strings.Join(got, "\n"))
	}
	if _, err := os.Stat("/tmp/sitegen-escape"); err == nil {
		t.Errorf("the build wrote /tmp/sitegen-escape")
	}
}

// TestHostileTemplates: a template that does not parse, calls a missing
// partial or fails while executing is reported at the template's line,
// with the page being rendered.
func TestHostileTemplates(t *testing.T) {
	for group, want := range map[string]string{
		"after-parse":   `layouts/_default/single.html:5: error: template: unexpected EOF`,
		"after-partial": `layouts/_default/single.html:3:3: error: template: executing "main" at <partial "missing.html" .>: error calling partial: partial "missing.html" not found in layouts/partials (rendering content/page.md)`,
		"after-exec":    `layouts/_default/single.html:4:3: error: template: executing "main" at <index .Params.list 5>: error calling index: index out of range: 5 (rendering content/page.md)`,
		"after-field":   `layouts/_default/list.html:2:3: error: template: executing "main" at <.NoSuchField>: can't evaluate field NoSuchField in type *site.Page (rendering /)`,
	} {
		t.Run(group, func(t *testing.T) {
			dir, after := hostileSite(t, "hostile-templates")
			breakSite(t, dir, after[group], want)
		})
	}
}
