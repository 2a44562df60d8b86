package build_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/site"
	"sitegen/internal/testsite"
)

// rebuildOpts are the development server's options, with the tests' clock.
func rebuildOpts(dir string) build.Options {
	return build.Options{Source: dir, Now: now, NoMinify: true, Memory: true}
}

// sameOutput fails unless got is byte for byte the output of a fresh full
// build of dir.
func sameOutput(t *testing.T, dir string, got *build.Result) {
	t.Helper()
	sameOutputOpts(t, rebuildOpts(dir), got)
}

// sameOutputOpts is sameOutput for a build with options opt.
func sameOutputOpts(t *testing.T, opt build.Options, got *build.Result) {
	t.Helper()
	want, err := build.Build(opt)
	if err != nil {
		t.Fatalf("fresh build: %v", err)
	}
	var diffs []string
	for rel, b := range want.Memory {
		g, ok := got.Memory[rel]
		switch {
		case !ok:
			diffs = append(diffs, rel+": missing")
		case !bytes.Equal(g, b):
			diffs = append(diffs, rel+": differs\n"+firstDiff(g, b))
		}
	}
	for rel := range got.Memory {
		if _, ok := want.Memory[rel]; !ok {
			diffs = append(diffs, rel+": not made by a full build")
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("the rebuild's output differs from a full build's in %d files:\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 5)], "\n"))
	}
	if fmt.Sprint(got.Findings) != fmt.Sprint(want.Findings) {
		t.Errorf("findings: got %v; want %v", got.Findings, want.Findings)
	}
}

// firstDiff shows where two files part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("  got  …%q…\n  want …%q…", a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

// edit replaces old with new in a file of the site, which must contain it.
func edit(t *testing.T, dir, file, old, new string) string {
	t.Helper()
	path := filepath.Join(dir, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	testsite.WriteFile(t, path, bytes.Replace(b, []byte(old), []byte(new), 1))
	return path
}

// TestRebuildMatchesFullBuild: after each edit of a series, incremental or
// not, the rebuild's whole output is what a full build of the same files
// makes, and the edits that change only a page's text take the
// incremental path.
func TestRebuildMatchesFullBuild(t *testing.T) {
	dir := fixture(t, "incremental")
	b := build.NewBuilder(rebuildOpts(dir), nil)
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name             string
		file, old, new   string
		incremental, bad bool
		why              string // in FullReason, for a full rebuild
	}{
		{name: "body in the middle", file: "content/news/n08.md", old: "Đoạn thứ hai của tin 08", new: "Đoạn thứ hai, sửa lại, của tin 08", incremental: true},
		{name: "body that makes the summary", file: "content/news/n07.md", old: "Đoạn đầu của tin 07", new: "Mở đầu mới của tin 07", incremental: true},
		{name: "title", file: "content/news/n07.md", old: `title = "Tin số 07"`, new: `title = "Tin số 07, đã sửa"`, incremental: true},
		{name: "description", file: "content/news/n08.md", old: `Mô tả tin 08.`, new: `Mô tả mới cho tin 08.`, incremental: true},
		{name: "translation", file: "content/news/n07.en.md", old: `title = "News 07"`, new: `title = "News 07, corrected"`, incremental: true},
		{name: "first page of the section, shown by its neighbours", file: "content/news/n15.md", old: `title = "Tin số 15"`, new: `title = "Tin số 15 (mới)"`, incremental: true},
		{name: "lastmod", file: "content/news/n03.md", old: "date = 2024-01-03", new: "date = 2024-01-03\nlastmod = 2024-02-01", incremental: true},
		{name: "broken link", file: "content/news/n08.md", old: "(../about.md)", new: "(../missing.md)", bad: true, incremental: true},
		{name: "broken link still there, another edit", file: "content/news/n08.md", old: "Đoạn đầu", new: "Đoạn mở đầu", bad: true, incremental: true},
		{name: "broken link fixed", file: "content/news/n08.md", old: "(../missing.md)", new: "(../about.md)", incremental: true},
		{name: "front matter error", file: "content/news/n09.md", old: `title = "Tin số 09"`, new: `title = "Tin số 09`, bad: true},
		{name: "front matter fixed", file: "content/news/n09.md", old: `title = "Tin số 09`, new: `title = "Tin số 09, sửa"`, incremental: true},
		{name: "title that reorders a tie", file: "content/tie-a.md", old: `title = "Alpha"`, new: `title = "Gamma"`, why: "moved"},
		{name: "date", file: "content/news/n05.md", old: "date = 2024-01-05", new: "date = 2024-02-05", why: "date"},
		{name: "tags", file: "content/news/n04.md", old: "date = 2024-01-04", new: "date = 2024-01-04\ntags = [\"du lịch\"]", why: "terms"},
		{name: "notice", file: "content/notices/storm.md", old: "Hạn chế", new: "Không", why: "notice"},
		{name: "menu page", file: "content/about.md", old: "Về tỉnh.", new: "Về tỉnh Bình Phước.", why: "looked up"},
		{name: "section page", file: "content/news/_index.md", old: `title = "Tin tức"`, new: `title = "Tin"`, why: "section"},
		{name: "layout", file: "layouts/_default/single.html", old: `<article class="page">`, new: `<article class="page single">`, why: "not the source"},
	}
	for _, st := range steps {
		path := edit(t, dir, st.file, st.old, st.new)
		res, err := b.Rebuild([]string{path})
		if st.bad {
			want, werr := build.Build(rebuildOpts(dir))
			if err == nil || werr == nil {
				t.Fatalf("%s: rebuild error %v, full build error %v; want both to fail", st.name, err, werr)
			}
			if fmt.Sprint(res.Findings) != fmt.Sprint(want.Findings) {
				t.Errorf("%s: findings\n%v\nwant those of a full build:\n%v", st.name, res.Findings, want.Findings)
			}
			if res.Incremental != st.incremental {
				t.Errorf("%s: error found incrementally %v (%s); want %v", st.name, res.Incremental, res.FullReason, st.incremental)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if res.Incremental != st.incremental {
			t.Errorf("%s: incremental %v (%s); want %v", st.name, res.Incremental, res.FullReason, st.incremental)
		}
		if st.why != "" && !strings.Contains(res.FullReason, st.why) {
			t.Errorf("%s: full because %q; want a reason with %q", st.name, res.FullReason, st.why)
		}
		sameOutput(t, dir, res)
	}

	// New and removed files.
	added := filepath.Join(dir, "content/news/n16.md")
	testsite.WriteFile(t, added, []byte("+++\ntitle = \"Tin số 16\"\ndate = 2024-01-16\n+++\nMới.\n"))
	res, err := b.Rebuild([]string{added})
	if err != nil || res.Incremental {
		t.Fatalf("new file: incremental %v, %v; want a full build", res.Incremental, err)
	}
	sameOutput(t, dir, res)
	os.Remove(filepath.Join(dir, "content/news/n02.md"))
	res, err = b.Rebuild([]string{filepath.Join(dir, "content/news/n02.md")})
	if err != nil || res.Incremental {
		t.Fatalf("removed file: incremental %v, %v; want a full build", res.Incremental, err)
	}
	sameOutput(t, dir, res)
	// And the incremental path again after them.
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n10.md", "Đoạn đầu", "Đoạn mở đầu")})
	if err != nil || !res.Incremental {
		t.Fatalf("edit after full builds: incremental %v (%s), %v", res.Incremental, res.FullReason, err)
	}
	sameOutput(t, dir, res)
}

// TestRebuildChangesOnlyWhatShowsThePage: a change to the second
// paragraph of a page with a description shows on the page itself and in
// the search index, nowhere else; a title change reaches the lists, the
// neighbours and the translations.
func TestRebuildChangesOnlyWhatShowsThePage(t *testing.T) {
	dir := fixture(t, "incremental")
	b := build.NewBuilder(rebuildOpts(dir), nil)
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	res, err := b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "Đoạn thứ hai", "Đoạn sau")})
	if err != nil || !res.Incremental {
		t.Fatalf("incremental %v (%s), %v", res.Incremental, res.FullReason, err)
	}
	if !slices.Contains(res.Changed, "vi/news/n08/index.html") {
		t.Errorf("changed %v; want the page", res.Changed)
	}
	for _, c := range res.Changed {
		if c != "vi/news/n08/index.html" && !strings.HasPrefix(c, "_search/vi/") {
			t.Errorf("changed %s; want only the page and the Vietnamese search index", c)
		}
	}

	// n14 is the second newest of fifteen: on the section's first pager,
	// among the home page's latest, in the nine-page section navigation
	// of the six newest pages, not in that of the oldest.
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n14.md", `title = "Tin số 14"`, `title = "Tin mười bốn"`)})
	if err != nil || !res.Incremental {
		t.Fatalf("incremental %v (%s), %v", res.Incremental, res.FullReason, err)
	}
	for _, want := range []string{
		"vi/news/n14/index.html", // the page
		"vi/news/n10/index.html", // a neighbour whose section navigation lists it
		"vi/news/index.html",     // its section's first pager
		"vi/index.html",          // the home page's latest
		"vi/news/index.xml", "vi/index.xml", "vi/news/index.json", "vi/index.json",
	} {
		if !slices.Contains(res.Changed, want) {
			t.Errorf("a new title did not change %s; changed: %v", want, res.Changed)
		}
	}
	for _, c := range res.Changed {
		if strings.HasPrefix(c, "km/") || strings.HasPrefix(c, "en/") || c == "vi/news/n01/index.html" || c == "vi/news/page/2/index.html" {
			t.Errorf("a new title changed %s, which does not show the page", c)
		}
	}
	sameOutput(t, dir, res)
}

// TestRebuildOffForLayoutsThatReachFurther: layouts that show other pages
// in ways the incremental rebuild does not follow make every rebuild full,
// with the reason logged once.
func TestRebuildOffForLayoutsThatReachFurther(t *testing.T) {
	for _, tc := range []struct{ name, layout, old, new, why string }{
		{"siblings by field", "layouts/partials/sectionnav.html", `{{ range $near.Pages }}`, `{{ range $.Parent.Children }}`, "Children of another page"},
		{"every page", "layouts/_default/single.html", `<h1>{{ .Title }}</h1>`, `<h1>{{ .Title }}</h1>{{ range .Site.RegularPgs }}{{ .Title }}{{ end }}`, "RegularPgs"},
		{"another page's list", "layouts/_default/single.html", `<h1>{{ .Title }}</h1>`, `<h1>{{ .Title }}</h1>{{ with .Parent }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`, "lists the pages of a page other than"},
		{"siblings through with", "layouts/_default/single.html", `<h1>{{ .Title }}</h1>`, `<h1>{{ .Title }}</h1>{{ with .Parent }}{{ range .Children }}{{ .Title }}{{ end }}{{ end }}`, "Children of another page"},
		{"a listed page's translations by field", "layouts/partials/summary.html", `<h3>`, `<h3>{{ range .Translations }}{{ .Title }}{{ end }}`, "Translations of another page"},
		{"a listed page's translation", "layouts/partials/summary.html", `<h3>`, `<h3>{{ with .Translation "en" }}{{ .Title }}{{ end }}`, "translations of a page other than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixture(t, "incremental")
			edit(t, dir, tc.layout, tc.old, tc.new)
			var log bytes.Buffer
			b := build.NewBuilder(rebuildOpts(dir), &log)
			if _, err := b.Build(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(log.String(), tc.why) {
				t.Errorf("log %q; want the reason %q", log.String(), tc.why)
			}
			res, err := b.Rebuild([]string{edit(t, dir, "content/news/n07.md", `title = "Tin số 07"`, `title = "Tin bảy"`)})
			if err != nil || res.Incremental {
				t.Fatalf("incremental %v, %v; want a full build", res.Incremental, err)
			}
			sameOutput(t, dir, res)
			if strings.Count(log.String(), "\n") != 1 {
				t.Errorf("the reason was logged more than once:\n%s", log.String())
			}
		})
	}
}

// TestRebuildRepositorySite: the repository's own site, with its layouts,
// menus, search pages and notices, rebuilt after edits of a page.
func TestRebuildRepositorySite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole site several times")
	}
	repo := testsite.Repo(t)
	dir := t.TempDir()
	for _, d := range []string{"config.toml", "content", "layouts", "i18n", "static"} {
		testsite.Copy(t, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	var log bytes.Buffer
	b := build.NewBuilder(rebuildOpts(dir), &log)
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	if log.Len() > 0 {
		t.Fatalf("incremental rebuilds are off for the repository's site: %s", log.String())
	}
	file := "content/tourism/ba-ra-mountain.md"
	orig, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	title := string(orig[bytes.Index(orig, []byte("title = ")):])
	title = title[:strings.IndexByte(title, '\n')]
	for i, e := range [][2]string{
		{"\n+++\n", "\n+++\nMột đoạn mới ở đầu trang.\n\n"},
		{title, strings.TrimSuffix(title, `"`) + ` (sửa)"`},
	} {
		res, err := b.Rebuild([]string{edit(t, dir, file, e[0], e[1])})
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if !res.Incremental {
			t.Errorf("edit %d: full build because %s", i, res.FullReason)
		}
		sameOutput(t, dir, res)
	}
}

// TestRebuildSearchLater: with SearchLater the rebuild leaves the search
// index of the edited language behind, and Result.Later brings it up to
// date; an index overtaken by a later rebuild is dropped, and the later
// one covers both edits.
func TestRebuildSearchLater(t *testing.T) {
	dir := fixture(t, "incremental")
	b := build.NewBuilder(rebuildOpts(dir), nil)
	b.SearchLater()
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	first, err := b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "Đoạn thứ hai", "Đoạn sau")})
	if err != nil || !first.Incremental || first.Later == nil {
		t.Fatalf("incremental %v (%s), later %v, %v", first.Incremental, first.FullReason, first.Later != nil, err)
	}
	for _, c := range first.Changed {
		if strings.HasPrefix(c, "_search/") {
			t.Errorf("the rebuild changed %s; want the search index left for later", c)
		}
	}
	second, err := b.Rebuild([]string{edit(t, dir, "content/news/n07.en.md", "The first paragraph", "The opening paragraph")})
	if err != nil || !second.Incremental || second.Later == nil {
		t.Fatalf("incremental %v (%s), %v", second.Incremental, second.FullReason, err)
	}
	apply, err := first.Later()
	if err != nil {
		t.Fatal(err)
	}
	if changed := apply(); changed != nil {
		t.Errorf("an overtaken index changed %v", changed)
	}
	apply, err = second.Later()
	if err != nil {
		t.Fatal(err)
	}
	changed := apply()
	for _, want := range []string{"_search/vi/", "_search/en/"} {
		if !slices.ContainsFunc(changed, func(c string) bool { return strings.HasPrefix(c, want) }) {
			t.Errorf("the later index changed %v; want files under %s", changed, want)
		}
	}
	second.Memory = b.Output()
	sameOutput(t, dir, second)
}

// TestRebuildFullWhenAPageIsDue: a rebuild keeps the Now of the last full
// build, so once a page's publishDate has come, the next rebuild is full
// and publishes it.
func TestRebuildFullWhenAPageIsDue(t *testing.T) {
	dir := fixture(t, "incremental")
	due := time.Now().Add(1500 * time.Millisecond).UTC()
	testsite.WriteFile(t, filepath.Join(dir, "content/news/due.md"),
		fmt.Appendf(nil, "+++\ntitle = \"Sắp đăng\"\ndate = 2024-01-20\npublishDate = %s\n+++\nĐến giờ.\n", due.Format(time.RFC3339)))
	opt := rebuildOpts(dir)
	opt.Now = time.Time{} // the clock
	b := build.NewBuilder(opt, nil)
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Memory["vi/news/due/index.html"]; ok {
		t.Fatal("a page due later was published")
	}
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "Đoạn thứ hai", "Đoạn sau")})
	if err != nil || !res.Incremental {
		t.Fatalf("before the page is due: incremental %v (%s), %v", res.Incremental, res.FullReason, err)
	}
	time.Sleep(time.Until(due.Add(time.Second))) // publishDate has whole seconds
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "Đoạn sau", "Đoạn cuối")})
	if err != nil || res.Incremental {
		t.Fatalf("after the page is due: incremental %v, %v; want a full build", res.Incremental, err)
	}
	if _, ok := res.Memory["vi/news/due/index.html"]; !ok {
		t.Error("the page that came due was not published")
	}
}

// TestRebuildRandomEdits: a seeded series of random edits of pages' text
// (body at the end, body at the start, title, description), on the
// incremental fixture and on the two real Hugo sites in ../shared/corpora
// when they are beside the checkout; after each, the output equals a full
// build's, and most take the incremental path.
func TestRebuildRandomEdits(t *testing.T) {
	type fixtureSite struct {
		name        string
		incremental bool // most random edits can be incremental
		dir         func(t *testing.T) string
	}
	sites := []fixtureSite{
		{"incremental", true, func(t *testing.T) string { return fixture(t, "incremental") }},
		{"repository", true, func(t *testing.T) string {
			dir := t.TempDir()
			for _, d := range []string{"config.toml", "content", "layouts", "i18n", "static"} {
				testsite.Copy(t, filepath.Join(testsite.Repo(t), d), filepath.Join(dir, d))
			}
			return dir
		}},
	}
	corpora := filepath.Join(testsite.Repo(t), "..", "shared", "corpora")
	// Every regular page of the boilerplate is in its menu, which every
	// page shows: each edit is a full build there.
	for _, name := range []string{"hugo_i18n_demo", "hugo-multilingual-boilerplate"} {
		sites = append(sites, fixtureSite{name, name == "hugo_i18n_demo", func(t *testing.T) string {
			if _, err := os.Stat(filepath.Join(corpora, name)); err != nil {
				t.Skip("../shared/corpora is not beside the checkout")
			}
			dir := t.TempDir()
			testsite.Copy(t, filepath.Join(corpora, name), dir)
			for _, d := range []string{"layouts", "static"} {
				testsite.Copy(t, filepath.Join(testsite.Repo(t), d), filepath.Join(dir, d))
			}
			return dir
		}})
	}
	for _, fs := range sites {
		t.Run(fs.name, func(t *testing.T) {
			dir := fs.dir(t)
			opt := rebuildOpts(dir)
			opt.Drafts = true
			bl := build.NewBuilder(opt, nil)
			res, err := bl.Build()
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for _, p := range res.Site.Pages {
				if p.Src != nil && p.Kind == site.KindPage {
					files = append(files, filepath.Join(dir, filepath.FromSlash(p.Src.File)))
				}
			}
			slices.Sort(files)
			rng := rand.New(rand.NewPCG(7, uint64(len(files))))
			incremental := 0
			const steps = 12
			for i := range steps {
				file := files[rng.IntN(len(files))]
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				kind := rng.IntN(4)
				testsite.WriteFile(t, file, randomEdit(src, kind, i))
				res, err := bl.Rebuild([]string{file})
				if err != nil {
					t.Fatalf("edit %d (%d) of %s: %v", i, kind, file, err)
				}
				if res.Incremental {
					incremental++
				} else {
					t.Logf("edit %d (%d) of %s: full, %s", i, kind, file, res.FullReason)
				}
				sameOutputOpts(t, opt, res)
			}
			if fs.incremental && incremental < steps/2 {
				t.Errorf("%d of %d edits were incremental; want most", incremental, steps)
			}
		})
	}
}

// randomEdit changes a page's text in one of four ways: a paragraph at
// the end, one at the start of the body (the summary), the title, or the
// description (added when there is none), in TOML or YAML front matter.
func randomEdit(src []byte, kind, n int) []byte {
	text := string(src)
	delim := "+++"
	if strings.HasPrefix(text, "---") {
		delim = "---"
	}
	end := strings.Index(text[3:], "\n"+delim) + 3 // the closing delimiter
	if end < 3 {
		return append(src, fmt.Sprintf("\nMore text %d.\n", n)...)
	}
	fm, body := text[:end], text[end:]
	assign := " = "
	if delim == "---" {
		assign = ": "
	}
	switch kind {
	case 0:
		return []byte(text + fmt.Sprintf("\nMore text %d.\n", n))
	case 1:
		nl := strings.Index(body[1:], "\n") + 2 // after the closing delimiter's line
		return []byte(fm + body[:nl] + fmt.Sprintf("\nA first paragraph %d.\n", n) + body[nl:])
	case 2:
		lines := strings.Split(fm, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "title") {
				if strings.HasSuffix(l, "\"") || strings.HasSuffix(l, "'") {
					lines[i] = l[:len(l)-1] + fmt.Sprintf(" v%d", n) + l[len(l)-1:]
				} else {
					lines[i] = l + fmt.Sprintf(" v%d", n)
				}
				return []byte(strings.Join(lines, "\n") + body)
			}
		}
		return []byte(text + fmt.Sprintf("\nMore text %d.\n", n))
	default:
		lines := strings.Split(fm, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "description") {
				lines = slices.Delete(lines, i, i+1)
				break
			}
		}
		// Right after the opening delimiter, before any table.
		lines = slices.Insert(lines, 1, fmt.Sprintf("description%s\"Description %d\"", assign, n))
		return []byte(strings.Join(lines, "\n") + body)
	}
}

// TestRebuildReportsErrorsAsAFullBuild: a build with errors stops after the
// Markdown, so the warnings of later steps (here a UI string the layouts
// use and i18n/ lacks) are not among its findings; a rebuild that finds an
// error reports exactly the same, then recovers with the fix.
func TestRebuildReportsErrorsAsAFullBuild(t *testing.T) {
	dir := fixture(t, "incremental")
	edit(t, dir, "layouts/_default/single.html", `<article class="page">`, `<article class="page" title="{{ T "noSuchString" }}">`)
	b := build.NewBuilder(rebuildOpts(dir), nil)
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(res.Findings), "noSuchString") {
		t.Fatalf("findings %v; want the missing UI string", res.Findings)
	}
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "(../about.md)", "(../missing.md)")})
	want, werr := build.Build(rebuildOpts(dir))
	if err == nil || werr == nil {
		t.Fatalf("rebuild error %v, full build error %v; want both to fail", err, werr)
	}
	if !res.Incremental || fmt.Sprint(res.Findings) != fmt.Sprint(want.Findings) || err.Error() != werr.Error() {
		t.Errorf("incremental %v (%s), findings\n%v\nerror %v\nwant those of a full build:\n%v\n%v", res.Incremental, res.FullReason, res.Findings, err, want.Findings, werr)
	}
	res, err = b.Rebuild([]string{edit(t, dir, "content/news/n08.md", "(../missing.md)", "(../about.md)")})
	if err != nil || !res.Incremental {
		t.Fatalf("the fix: incremental %v (%s), %v", res.Incremental, res.FullReason, err)
	}
	sameOutput(t, dir, res)
}
