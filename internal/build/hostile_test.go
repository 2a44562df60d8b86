package build_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/tools/txtar"

	"sitegen/internal/build"
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
		`content/case.md:2:1: error: front matter key "title" is given twice (keys are read without regard to case)`,
	)
	if len(got) != 17 {
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

// smallSite writes a one-language site with the repository's layouts and
// the given content files.
func smallSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n"))
	for _, d := range []string{"layouts", "i18n", "static"} {
		copyDir(t, filepath.Join(repoRoot(t), d), filepath.Join(dir, d))
	}
	for name, s := range files {
		writeFile(t, filepath.Join(dir, name), []byte(s))
	}
	return dir
}

// TestInvalidUTF8 points at the first byte that is not UTF-8, also in
// the body of a long file, which discovery does not read past its front
// matter (the build finds the byte when it reads the body to render it).
func TestInvalidUTF8(t *testing.T) {
	dir := smallSite(t, map[string]string{"content/good.md": "+++\ntitle = \"Tốt\"\n+++\n"})
	breakSite(t, dir, map[string][]byte{
		"content/bad.md":   []byte("+++\ntitle = \"Xấu\"\n+++\nChào \xff thế giới\n"),
		"content/latin.md": []byte("+++\ntitle = \"Caf\xe9\"\n+++\n"),
		"content/long.md":  []byte("+++\ntitle = \"Dài\"\n+++\n" + strings.Repeat("Một dòng văn bản tiếng Việt.\n", 400) + "Sai \xff ở đây\n"),
	},
		`content/bad.md:4:6: error: the file is not valid UTF-8`,
		`content/latin.md:2:13: error: the file is not valid UTF-8`,
		`content/long.md:404:5: error: the file is not valid UTF-8`,
	)
}

// TestBOMAndCRLF: files saved by Windows editors, with a byte-order mark
// and CRLF line endings, build like any other, and a finding in one still
// has the right line.
func TestBOMAndCRLF(t *testing.T) {
	crlf := func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") }
	dir := smallSite(t, map[string]string{
		"content/toml.md": crlf("+++\ntitle = \"Núi Bà Rá\"\ndate = 2024-06-20\ntags = [\"du lịch\"]\n+++\n# Đường lên núi\n\nXem [trang kia](yaml.md).\n"),
		"content/yaml.md": crlf("---\ntitle: Trang kia\ndate: 2024-06-21\n---\nText.\n"),
		"content/json.md": crlf("{\n  \"title\": \"JSON\"\n}\nText.\n"),
		"content/long.md": crlf("+++\ntitle = \"Dài\"\n+++\n" + strings.Repeat("Một dòng văn bản tiếng Việt.\n\n", 300) + "Đoạn cuối.\n"),
	})
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	if long := read(t, filepath.Join(dest, "long/index.html")); !strings.Contains(long, "<p>Đoạn cuối.</p>") || strings.Count(long, "<p>Một dòng văn bản tiếng Việt.</p>") != 300 {
		t.Errorf("long/index.html lacks its body: %d paragraphs", strings.Count(long, "<p>Một dòng văn bản tiếng Việt.</p>"))
	}
	h := parseHead(t, filepath.Join(dest, "toml/index.html"))
	if !strings.HasPrefix(h.title, "Núi Bà Rá ·") {
		t.Errorf("title %q; want it to start with \"Núi Bà Rá ·\"", h.title)
	}
	body := read(t, filepath.Join(dest, "toml/index.html"))
	for _, want := range []string{`id="đường-lên-núi"`, `href="/yaml/"`} {
		if !strings.Contains(body, want) {
			t.Errorf("toml/index.html lacks %s", want)
		}
	}
	if strings.Contains(body, "\r") || strings.Contains(body, "\ufeff") {
		t.Errorf("a CR or BOM reached the page")
	}
	if h := parseHead(t, filepath.Join(dest, "json/index.html")); !strings.HasPrefix(h.title, "JSON ·") {
		t.Errorf("JSON title %q", h.title)
	}
	if _, err := os.Stat(filepath.Join(dest, "tags/du-lich/index.html")); err != nil {
		t.Errorf("the tag of a CRLF file has no page: %v", err)
	}
	breakSite(t, dir, map[string][]byte{"content/toml.md": []byte(crlf("+++\ntitle = \"Núi\"\n+++\n\nXem [trang](missing.md).\n"))},
		`content/toml.md:5:5: error: broken link "missing.md"`)
}

// TestNFDAndNFC: Vietnamese typed in decomposed form gives the same slugs,
// terms and heading IDs as the precomposed form.
func TestNFDAndNFC(t *testing.T) {
	nfc, nfd := norm.NFC.String("Đầu tư"), norm.NFD.String("Đầu tư")
	if nfc == nfd || norm.NFC.String(nfd) != nfc {
		t.Fatal("the test strings are not NFC and NFD of one text")
	}
	dir := smallSite(t, map[string]string{
		"content/" + norm.NFC.String("tin-tức") + "/a.md": "+++\ntitle = \"A\"\ndate = 2024-06-20\ntags = [\"" + nfc + "\"]\n+++\n## " + nfc + "\n",
		"content/" + norm.NFD.String("tin-tức") + "/b.md": "+++\ntitle = \"B\"\ndate = 2024-06-21\ntags = [\"" + nfd + "\"]\n+++\n## " + nfd + "\n",
		"content/" + norm.NFD.String("Bà-Rá") + ".md":     "+++\ntitle = \"" + norm.NFD.String("Núi Bà Rá") + "\"\n+++\n",
	})
	res := mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	for _, p := range []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html", "ba-ra/index.html", "tags/dau-tu/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	terms := 0
	for _, p := range res.Site.Pages {
		if p.Kind == "term" {
			terms++
			if len(p.Pages()) != 2 {
				t.Errorf("term %s lists %d pages; want both", p.RelURL, len(p.Pages()))
			}
		}
	}
	if terms != 1 {
		t.Errorf("%d term pages; want one for both spellings", terms)
	}
	for _, p := range []string{"tin-tuc/a/index.html", "tin-tuc/b/index.html"} {
		if !strings.Contains(read(t, filepath.Join(dest, p)), `id="đầu-tư"`) {
			t.Errorf("%s: the heading's id is not the NFC one", p)
		}
	}
	// Two files whose names differ only in normalization claim one URL.
	breakSite(t, dir, map[string][]byte{"content/" + norm.NFC.String("Bà-Rá") + ".md": []byte("+++\ntitle = \"x\"\n+++\n")},
		"both claim the URL /ba-ra/")
}

// TestEmptyFiles: an empty page, an empty section file and front matter
// with nothing in it build, titled from their file names.
func TestEmptyFiles(t *testing.T) {
	dir := smallSite(t, map[string]string{
		"content/empty.md":          "",
		"content/section/_index.md": "",
		"content/section/blank.md":  "+++\n+++\n",
		"content/spaces.md":         "\n\n   \n",
	})
	mustBuild(t, dir)
	for _, p := range []string{"empty/index.html", "section/index.html", "section/blank/index.html", "spaces/index.html"} {
		checkInert(t, filepath.Join(dir, "public", p))
	}
}

// TestSymlinksOutside: links in content/ that point out of the site are
// errors; nothing is read through them.
func TestSymlinksOutside(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.md"), []byte("+++\ntitle = \"SECRET\"\n+++\nSECRET\n"))
	dir := smallSite(t, map[string]string{"content/good.md": "+++\ntitle = \"Tốt\"\n+++\n"})
	mustBuild(t, dir)
	before := tree(t, filepath.Join(dir, "public"))
	for link, target := range map[string]string{
		"content/leak.md":   filepath.Join(outside, "secret.md"),
		"content/dir":       outside,
		"content/passwd.md": "/etc/passwd",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	_, err := buildSite(t, dir)
	if err == nil {
		t.Fatal("a site with links out of it built")
	}
	got := findings(t, err)
	wantFinding(t, got, "content/leak.md: error: symbolic link points outside the site ("+filepath.Join(outside, "secret.md")+")")
	wantFinding(t, got, "content/dir: error: symbolic link points outside the site")
	wantFinding(t, got, "content/passwd.md: error: symbolic link points outside the site")
	if after := tree(t, filepath.Join(dir, "public")); !mapsEqual(before, after) || len(after) != len(before) {
		t.Errorf("the failed build changed the previous output")
	}
}

// TestPathologicalMarkdown builds pages made to blow up a Markdown parser:
// 10,000 nested lists, block quotes and brackets, 100,000 emphasis
// markers. Each must build; a quadratic or exponential path shows as a
// test that does not finish before the test binary's timeout, and a
// memory blowup as the limit below. Measured on a 2-core machine shared
// with other jobs: each case builds in under a second, in about 100 MiB.
func TestPathologicalMarkdown(t *testing.T) {
	cases := map[string]string{
		"lists":          strings.Repeat("- ", 10000) + "x\n",
		"quotes":         strings.Repeat("> ", 10000) + "x\n",
		"quotes-tight":   strings.Repeat(">", 10000) + "x\n",
		"ordered":        strings.Repeat("1. ", 10000) + "x\n",
		"emphasis":       strings.Repeat("*", 100000) + "x\n",
		"emphasis-mixed": strings.Repeat("*a _b **c __d ", 25000) + "\n",
		"strong-open":    strings.Repeat("**a ", 100000) + "\n",
		"brackets":       strings.Repeat("[", 10000) + "x" + strings.Repeat("](x.html)", 10000) + "\n",
		"images":         strings.Repeat("![", 10000) + "x\n",
		"backticks":      strings.Repeat("`", 100000) + "x\n",
		"entities":       strings.Repeat("&#x", 100000) + "\n",
		"wide-table":     "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|x\n", 150),
		"html":           strings.Repeat("<div>", 10000) + "x\n",
		"footnotes":      strings.Repeat("[^1]", 50000) + "\n\n[^1]: " + strings.Repeat("[^1]", 1000) + "\n",
		"link-refs":      strings.Repeat("[a]: /b\n", 10000) + strings.Repeat("[a]", 50000) + "\n",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			dir := smallSite(t, map[string]string{"content/p.md": "+++\ntitle = \"P\"\n+++\n" + body})
			res := mustBuild(t, dir)
			if fi, err := os.Stat(filepath.Join(dir, "public/p/index.html")); err != nil || fi.Size() == 0 {
				t.Errorf("no page: %v", err)
			}
			_ = res
			checkMemory(t)
		})
	}
	// GFM pads every row to the delimiter row's width: 60 KB asking for
	// 10,000 × 10,000 cells is refused at its line instead of rendered.
	dir := smallSite(t, map[string]string{"content/p.md": "+++\ntitle = \"P\"\n+++\nText.\n"})
	table := "+++\ntitle = \"P\"\n+++\nText.\n\n|" + strings.Repeat("a|", 10000) + "\n|" + strings.Repeat("-|", 10000) + "\n" + strings.Repeat("|x\n", 10000)
	breakSite(t, dir, map[string][]byte{"content/p.md": []byte(table)}, "content/p.md:6:1: error: the table has 10000 columns and 10001 rows: more than 200000 cells, which sitegen does not render")
}

// checkMemory fails when the process took more memory from the system
// than a build of any site here could need: a blowup, not a slowdown.
func checkMemory(t *testing.T) {
	t.Helper()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	const limit = 3 << 30
	if m.Sys > limit {
		t.Errorf("the process holds %d MiB from the system; the limit is %d MiB", m.Sys>>20, limit>>20)
	}
	t.Logf("memory from the system: %d MiB, peak heap in use about %d MiB", m.Sys>>20, m.HeapSys>>20)
}

// TestHugeMarkdown builds a 50 MB page. Measured on a 2-core machine
// shared with other jobs: 8.4 s, 1.7 GiB of heap (1.8 GB resident) for
// 50 MiB of Markdown, nearly all of it goldmark's syntax tree; the limit
// in checkMemory catches a blowup, not this.
func TestHugeMarkdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB page; run without -short")
	}
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Lớn\"\n+++\n")
	para := "Tỉnh Bình Phước có **cửa khẩu quốc tế** Hoa Lư, xem [trang](other.md) và _khu công nghiệp_ `Minh Hưng`.\n"
	for i := 0; b.Len() < 50<<20; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "\n## Phần %d\n\n", i/50)
		}
		b.WriteString(para)
		if i%10 == 9 {
			b.WriteString("\n- một\n- hai\n\n")
		}
	}
	dir := smallSite(t, map[string]string{"content/big.md": b.String(), "content/other.md": "+++\ntitle = \"Khác\"\n+++\n"})
	start := time.Now()
	res := mustBuild(t, dir)
	fi, err := os.Stat(filepath.Join(dir, "public/big/index.html"))
	if err != nil || fi.Size() < 50<<20 {
		t.Fatalf("big page: %v", err)
	}
	t.Logf("%d MiB of Markdown built in %v (%d files)", b.Len()>>20, time.Since(start).Round(time.Millisecond), res.Files)
	checkMemory(t)
}

// snapshot hashes every file and names every folder and link under root,
// for proving that a build changed nothing but its destination.
func snapshot(t *testing.T, root, skip string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == skip {
			return fs.SkipDir
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = hashOf(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNothingWrittenOutsideDestination builds, fails and rebuilds a site
// whose pages and bundle resources have names made to climb, and checks
// that everything around the destination (the site itself, the folders
// beside and above the output) is byte for byte as it was.
func TestNothingWrittenOutsideDestination(t *testing.T) {
	sandbox := t.TempDir()
	dir := filepath.Join(sandbox, "site")
	files := map[string]string{
		"content/_index.md":                  "+++\ntitle = \"Home\"\n+++\n",
		"content/bundle/index.md":            "+++\ntitle = \"Bundle\"\nurl = \"/a/b/c/\"\n+++\n![x](a..b.png)\n",
		"content/bundle/a..b.png":            "png",
		"content/bundle/%2e%2e%2fescape.png": "png",
		"content/bundle/..\\evil.txt":        "backslash",
		"content/tags/_index.md":             "+++\ntitle = \"Tags\"\n+++\n",
		"content/t.md":                       "+++\ntitle = \"..\"\ntags = [\"..\", \"../..\", \"/etc\", \".hidden\"]\n+++\n",
	}
	for name, s := range files {
		writeFile(t, filepath.Join(dir, name), []byte(s))
	}
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"vi\"\n[languages.vi]\nweight = 1\n"))
	for _, d := range []string{"layouts", "i18n", "static"} {
		copyDir(t, filepath.Join(repoRoot(t), d), filepath.Join(dir, d))
	}
	dest := filepath.Join(sandbox, "out", "public")
	before := snapshot(t, sandbox, dest)
	opt := func(o *build.Options) { o.Destination = dest }
	mustBuild(t, dir, opt)
	for _, p := range []string{"a/b/c/index.html", "a/b/c/a..b.png", "a/b/c/%2e%2e%2fescape.png", "tags/hidden/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("%v", err)
		}
	}
	before["out"] = "dir" // the destination's parent, made by the build
	if after := snapshot(t, sandbox, dest); !mapsEqual(before, after) {
		t.Errorf("the build changed files outside its destination:\nbefore %v\nafter  %v", before, after)
	}
	writeFile(t, filepath.Join(dir, "content/t.md"), []byte("+++\nurl = \"/../../site/content/\"\n+++\n"))
	if _, err := buildSite(t, dir, opt); err == nil {
		t.Fatal("a url climbing out of the output was accepted")
	}
	delete(before, filepath.Join("site", "content", "t.md"))
	after := snapshot(t, sandbox, dest)
	delete(after, filepath.Join("site", "content", "t.md"))
	if !mapsEqual(before, after) {
		t.Errorf("the failed build changed files outside its destination")
	}
}

// TestDestinationChecks: the destination may not be the site, a source
// folder or a folder above them, even through a symbolic link; a folder
// of someone's files is refused, not emptied.
func TestDestinationChecks(t *testing.T) {
	dir := fixture(t, "translations")
	link := filepath.Join(t.TempDir(), "link-to-site")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	contentLink := filepath.Join(t.TempDir(), "link-to-content")
	if err := os.Symlink(filepath.Join(dir, "content"), contentLink); err != nil {
		t.Fatal(err)
	}
	own := t.TempDir()
	writeFile(t, filepath.Join(own, "thesis.txt"), []byte("years of work"))
	writeFile(t, filepath.Join(own, ".git", "HEAD"), []byte("ref: refs/heads/main"))
	before := snapshot(t, filepath.Dir(dir), "")
	for _, dest := range []string{
		dir, filepath.Join(dir, "content"), filepath.Join(dir, "content", "tourism"), filepath.Join(dir, "layouts"),
		filepath.Join(dir, "static"), filepath.Join(dir, "i18n"), filepath.Dir(dir), "/", link, contentLink, own,
		filepath.Join(dir, "content") + "/../content",
	} {
		_, err := buildSite(t, dir, func(o *build.Options) { o.Destination = dest })
		if err == nil {
			t.Errorf("building into %s was allowed", dest)
		} else if !strings.Contains(err.Error(), "replace sources") && !strings.Contains(err.Error(), "inside the sources") && !strings.Contains(err.Error(), "not written by sitegen") {
			t.Errorf("building into %s: %v; want a refusal that says why", dest, err)
		}
	}
	if after := snapshot(t, filepath.Dir(dir), ""); !mapsEqual(before, after) {
		t.Errorf("a refused build changed the site or the folders around it")
	}
	if read(t, filepath.Join(own, "thesis.txt")) != "years of work" {
		t.Errorf("the foreign folder was changed")
	}
	// A folder inside the site that is not a source folder is fine.
	mustBuild(t, dir, func(o *build.Options) { o.Destination = filepath.Join(dir, "out", "site") })
}

// TestInterruptedBuildKeepsOutput: a build that fails while writing (here
// a page and a static file both claim one path, so one of the writes
// fails with the operating system's error halfway through the output)
// leaves the previous output exactly as it was and no half-built folder.
func TestInterruptedBuildKeepsOutput(t *testing.T) {
	dir := fixture(t, "translations")
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	before := tree(t, dest)
	writeFile(t, filepath.Join(dir, "static", "vi", "tourism"), []byte("a file where a folder of pages goes"))
	writeFile(t, filepath.Join(dir, "static", "robots.txt"), []byte("two writers"))
	_, err := buildSite(t, dir)
	if err == nil {
		t.Fatal("a build with colliding outputs succeeded")
	}
	got := findings(t, err)
	wantFinding(t, got, "two outputs claim robots.txt")
	if after := tree(t, dest); !mapsEqual(before, after) || len(before) != len(after) {
		t.Errorf("the interrupted build changed the previous output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "sitegen-new") {
			t.Errorf("the interrupted build left %s behind", e.Name())
		}
	}
}

// TestHostileInjection: with raw HTML switched on, hostile text in menus,
// params, language settings, tags and every UI string, and hostile raw
// HTML and links in Markdown, come out inert in every page, and every
// feed, sitemap and JSON file still parses; the allowed embeds survive.
func TestHostileInjection(t *testing.T) {
	dir := fixture(t, "hostile-injection")
	for _, lang := range []string{"en", "vi"} {
		src := read(t, filepath.Join(repoRoot(t), "i18n", lang+".toml"))
		var out strings.Builder
		for _, line := range strings.Split(src, "\n") {
			key, _, ok := strings.Cut(line, " = ")
			if !ok || strings.HasPrefix(line, "#") || strings.Contains(line, "{{") {
				out.WriteString(line + "\n")
				continue
			}
			fmt.Fprintf(&out, "%s = '''\"></a></script><script>alert(\"%s\")</script><img src=x onerror=alert(1)> javascript:alert(1)'''\n", key, key)
		}
		writeFile(t, filepath.Join(dir, "i18n", lang+".toml"), []byte(out.String()))
	}
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b := read(t, p)
		switch filepath.Ext(p) {
		case ".html":
			pages++
			checkInert(t, p)
			for _, s := range []string{"<style", "<form", "<iframe src=\"https://evil", "style=\"position"} {
				if strings.Contains(b, s) {
					t.Errorf("%s contains %s", p, s)
				}
			}
		case ".xml":
			dec := xml.NewDecoder(strings.NewReader(b))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s does not parse: %v", p, err)
					break
				}
			}
		case ".json":
			if !json.Valid([]byte(b)) {
				t.Errorf("%s is not JSON", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 8 {
		t.Errorf("only %d pages checked", pages)
	}
	raw := read(t, filepath.Join(dest, "news/raw/index.html"))
	for _, want := range []string{
		`<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Allowed" allowfullscreen=""></iframe>`,
		`<details><summary>Allowed</summary>`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("news/raw/index.html lacks %s", want)
		}
	}
	// A UI string lands intact, as an attribute value and as text.
	doc, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	hostile := func(key string) string {
		return `"></a></script><script>alert("` + key + `")</script><img src=x onerror=alert(1)> javascript:alert(1)`
	}
	var label, skip string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if n.Data == "nav" && a.Key == "aria-label" && strings.Contains(a.Val, "mainMenu") {
				label = a.Val
			}
		}
		if n.Data == "a" && strings.Contains(textOf(n), "skipToContent") {
			skip = textOf(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if label != hostile("mainMenu") {
		t.Errorf("the menu's aria-label is %q; want %q", label, hostile("mainMenu"))
	}
	if strings.TrimSpace(skip) != hostile("skipToContent") {
		t.Errorf("the skip link reads %q; want %q", skip, hostile("skipToContent"))
	}
}

// TestHostileI18n: UI strings run as templates, so a translation that does
// more than fill in a placeholder (a loop of a hundred million turns, a
// template that calls itself, a function call) is refused at its line,
// as is a file that does not parse.
func TestHostileI18n(t *testing.T) {
	dir := smallSite(t, map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\n"})
	vi := read(t, filepath.Join(dir, "i18n/vi.toml"))
	for _, key := range []string{"mainMenu", "rssFeed", "sitemap"} {
		vi = strings.Replace(vi, "\n"+key+" = ", "\n"+key+"Old = ", 1)
	}
	hostile := "# Hostile strings first, so their lines are known.\n" +
		"mainMenu = '{{range 100000000}}x{{end}}'\n" +
		"rssFeed = '{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}'\n" +
		"sitemap = '{{ printf \"%s\" .Tag }} and {{ .Count }}'\n" + vi
	breakSite(t, dir, map[string][]byte{"i18n/vi.toml": []byte(hostile)},
		`i18n/vi.toml:2:1: error: string "mainMenu": uses {{range 100000000}}; a UI string may hold only placeholders such as {{ .Count }}`,
		`i18n/vi.toml:3:1: error: string "rssFeed": uses {{define "a"}}`,
		`i18n/vi.toml:4:1: error: string "sitemap": uses {{ printf "%s" .Tag }}`,
	)
	writeFile(t, filepath.Join(dir, "i18n/vi.toml"), []byte(read(t, filepath.Join(repoRoot(t), "i18n/vi.toml"))))
	breakSite(t, dir, map[string][]byte{"i18n/vi.toml": []byte("# broken\nmainMenu = \"unterminated\n")},
		`i18n/vi.toml:2:`)
}

// TestYAMLAliasBomb: nine levels of nine aliases would expand to 387
// million strings; the decoder refuses them.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	b.WriteString("---\nBody.\n")
	dir := smallSite(t, map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\n"})
	breakSite(t, dir, map[string][]byte{"content/a.md": []byte(b.String())},
		`content/a.md:1: error: cannot decode: too many YAML aliases for non-scalar nodes`)
}

// TestKilledBuildKeepsOutput kills a build (a child process running this
// test binary) while it writes its output: the previous output must be
// exactly as it was, and the next build removes the half-written folder
// the killed one left beside it.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if dir := os.Getenv("SITEGEN_TEST_KILLED_BUILD"); dir != "" {
		_, err := build.Build(build.Options{Source: dir, Destination: filepath.Join(dir, "public"), Now: now})
		fmt.Println("child finished:", err)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("builds a 20 MB page; run without -short")
	}
	dir := smallSite(t, map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\nText.\n"})
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	before := tree(t, dest)
	var big strings.Builder
	big.WriteString("+++\ntitle = \"Big\"\n+++\n")
	for big.Len() < 20<<20 {
		big.WriteString("Một đoạn văn **dài** về tỉnh Bình Phước, với [liên kết](a.md).\n\n")
	}
	writeFile(t, filepath.Join(dir, "content/big.md"), []byte(big.String()))
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuildKeepsOutput$")
	cmd.Env = append(os.Environ(), "SITEGEN_TEST_KILLED_BUILD="+dir)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	killed := false
	for !killed {
		select {
		case err := <-done:
			t.Skipf("the build finished (%v) before it could be killed while writing:\n%s", err, out.String())
		default:
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".public.sitegen-new-*", "*")); len(m) > 0 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-done
			killed = true
		}
	}
	if strings.Contains(out.String(), "child finished") {
		t.Skip("the build finished before the kill")
	}
	if after := tree(t, dest); !mapsEqual(before, after) {
		t.Errorf("the killed build changed the previous output")
	}
	stale, _ := filepath.Glob(filepath.Join(dir, ".public.sitegen-new-*"))
	if len(stale) == 0 {
		t.Fatal("the killed build left no folder: it was not killed while writing")
	}
	mustBuild(t, dir)
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.sitegen-new-*")); len(left) != 0 {
		t.Errorf("the next build left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dest, "big/index.html")); err != nil {
		t.Errorf("the next build: %v", err)
	}
}

// TestURLTakesGeneratedFile: a page whose url is a file the build writes
// itself (robots.txt, a sitemap, a feed, _headers, a static file) is an
// error at the page's url line, and the previous output stays.
func TestURLTakesGeneratedFile(t *testing.T) {
	for u, want := range map[string]string{
		"/robots.txt":   "content/a.md:3:1: error: this page's URL /robots.txt takes robots.txt, which sitegen writes itself",
		"/sitemap.xml":  "content/a.md:3:1: error: this page's URL /sitemap.xml takes sitemap.xml, which sitegen writes itself",
		"/index.xml":    "content/a.md:3:1: error: this page's URL /index.xml takes index.xml, which sitegen writes itself",
		"/_headers":     "content/a.md:3:1: error: this page's URL /_headers/ takes _headers, which sitegen writes itself",
		"/css/site.css": "content/a.md:3:1: error: this page's URL /css/site.css takes css/site.css, which sitegen writes itself",
		"/index.json":   "content/a.md:3:1: error: this page's URL /index.json takes index.json, which sitegen writes itself",
	} {
		t.Run(strings.TrimPrefix(u, "/"), func(t *testing.T) {
			dir := smallSite(t, map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\n"})
			breakSite(t, dir, map[string][]byte{"content/a.md": []byte("+++\ntitle = \"A\"\nurl = \"" + u + "\"\n+++\n")}, want)
		})
	}
}
