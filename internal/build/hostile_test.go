package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// hostileSite writes testdata/<name>.txtar as fixture does, except files
// under after/, which it returns (by their path in the site) to be added
// once a first build has succeeded.
func hostileSite(t *testing.T, name string) (dir string, after map[string][]byte) {
	t.Helper()
	dir = fixture(t, name)
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	after = map[string][]byte{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "after/"); ok {
			after[rest] = f.Data
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "after")); err != nil {
		t.Fatal(err)
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
	got := breakSite(t, dir, after,
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
