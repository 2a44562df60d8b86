package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/config"
	"sitegen/internal/deploy"
	"sitegen/internal/host"
)

func run(t testing.TB, opt deploy.Options) *deploy.Result {
	t.Helper()
	var log bytes.Buffer
	opt.Log = &log
	res, err := deploy.Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("deploy: %v\n%s", err, log.String())
	}
	return res
}

// changedFiles lists the paths whose bytes differ between two builds
// (added or modified; not removed).
func changedFiles(before, after map[string]string) []string {
	var out []string
	for p, d := range after {
		if before[p] != d {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestFirstDeployThenUnchangedUploadsNothing(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	want := tree(t, out)

	res := run(t, f.options(out))
	if got := f.objects(); !maps.Equal(got, want) {
		t.Fatalf("bucket after first deploy differs from the build:\n got %d objects %v\nwant %d objects %v", len(got), sorted(slices.Collect(maps.Keys(got))), len(want), sorted(slices.Collect(maps.Keys(want))))
	}
	if res.Uploaded != len(want) || len(f.ok(http.MethodPut)) != len(want) {
		t.Errorf("first deploy uploaded %d (server saw %d); want %d", res.Uploaded, len(f.ok(http.MethodPut)), len(want))
	}
	for _, k := range []string{"_headers", "_redirects", ".sitegen-output"} {
		if _, ok := f.objects()[k]; ok {
			t.Errorf("%s was uploaded; it is for other hosts or for sitegen, not for readers", k)
		}
	}

	// Upload order: no file of a tier goes up before every file of the
	// tiers before it is up.
	last := host.TierFingerprinted
	for _, k := range f.ok(http.MethodPut) {
		tier := host.TierOf(k)
		if tier < last {
			t.Errorf("%s (%s) was uploaded after a file of tier %s", k, tier, last)
		}
		last = tier
	}

	f.reset()
	res = run(t, f.options(out))
	if n := len(f.ok(http.MethodPut)); n != 0 || res.Uploaded != 0 {
		t.Errorf("second deploy of an unchanged build uploaded %d objects (%v); want 0", n, f.ok(http.MethodPut))
	}
	if n := len(f.ok(http.MethodDelete)); n != 0 {
		t.Errorf("second deploy deleted %d objects; want 0", n)
	}
	if len(res.Plan.Unchanged) != len(want) {
		t.Errorf("second deploy found %d unchanged; want %d", len(res.Plan.Unchanged), len(want))
	}
	if len(res.Changed) != 0 {
		t.Errorf("second deploy reports changed URLs %v; want none", res.Changed)
	}
}

func TestOneEditUploadsOnlyChangedBytes(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	before := tree(t, out)
	run(t, f.options(out))

	page := filepath.Join(dir, "content/tourism/bu-gia-map.en.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, []byte("\nIt borders Cambodia.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, dir)
	after := tree(t, out)
	want := changedFiles(before, after)
	if !slices.Contains(want, "en/tourism/bu-gia-map/index.html") {
		t.Fatalf("the edited page did not change in the build: %v", want)
	}
	if len(want) > len(after)/2 {
		t.Fatalf("a one-line edit changed %d of %d files; the test needs a build where most files stay the same", len(want), len(after))
	}

	f.reset()
	res := run(t, f.options(out))
	if got := sorted(f.ok(http.MethodPut)); !slices.Equal(got, want) {
		t.Errorf("uploaded %v;\nwant exactly the files whose bytes changed: %v", got, want)
	}
	added := 0 // files the edit created (a search index chunk for a new word)
	for p := range after {
		if _, ok := before[p]; !ok {
			added++
		}
	}
	if len(res.Plan.Upload) != added || len(res.Plan.Replace) != len(want)-added {
		t.Errorf("plan: %d new, %d replaced; want %d new, %d replaced", len(res.Plan.Upload), len(res.Plan.Replace), added, len(want)-added)
	}
	if !slices.Contains(res.Changed, "/en/tourism/bu-gia-map/") {
		t.Errorf("changed URLs %v lack the edited page's URL /en/tourism/bu-gia-map/", res.Changed)
	}
	if !maps.Equal(f.objects(), after) {
		t.Error("bucket differs from the build after the edit")
	}
}

func TestDeletionRemovesGoneFiles(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	before := tree(t, out)
	run(t, f.options(out))

	if err := os.Remove(filepath.Join(dir, "content/news/plan-2024.en.md")); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, dir)
	after := tree(t, out)
	var gone []string
	for p := range before {
		if _, ok := after[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	if !slices.Contains(gone, "en/news/plan-2024/index.html") {
		t.Fatalf("removing the page did not remove its output: gone = %v", gone)
	}

	f.reset()
	res := run(t, f.options(out))
	if got := sorted(f.ok(http.MethodDelete)); !slices.Equal(got, gone) {
		t.Errorf("deleted %v; want %v", got, gone)
	}
	if got := sorted(f.ok(http.MethodPut)); !slices.Equal(got, changedFiles(before, after)) {
		t.Errorf("uploaded %v; want %v", got, changedFiles(before, after))
	}
	if !slices.Contains(res.Changed, "/en/news/plan-2024/") {
		t.Errorf("changed URLs %v lack the deleted page /en/news/plan-2024/", res.Changed)
	}
	if !maps.Equal(f.objects(), after) {
		t.Error("bucket differs from the build after the deletion")
	}
	// Deletions come after every upload.
	f.mu.Lock()
	lastPut, firstDelete := -1, len(f.reqs)
	for i, q := range f.reqs {
		if q.method == http.MethodPut {
			lastPut = i
		}
		if q.method == http.MethodDelete && i < firstDelete {
			firstDelete = i
		}
	}
	f.mu.Unlock()
	if lastPut > firstDelete {
		t.Errorf("an upload (request %d) came after a deletion (request %d)", lastPut, firstDelete)
	}
}

func TestDeletionLimitStopsBeforeAnyChange(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	run(t, f.options(out))
	stored := f.objects()

	// A broken build: a whole section is missing, and a page is edited.
	if err := os.RemoveAll(filepath.Join(dir, "content/news")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/tourism/bu-gia-map.md"), []byte("+++\ntitle = \"Bù Gia Mập\"\n+++\nĐã sửa.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, dir)
	wouldDelete := 0
	for p := range stored {
		if _, ok := tree(t, out)[p]; !ok {
			wouldDelete++
		}
	}
	if wouldDelete < 3 {
		t.Fatalf("the broken build would delete only %d objects; the test needs more", wouldDelete)
	}

	for _, limit := range []int{0, wouldDelete - 1} {
		f.reset()
		opt := f.options(out)
		opt.MaxDeletes = limit
		var log bytes.Buffer
		opt.Log = &log
		_, err := deploy.Run(context.Background(), opt)
		if !errors.Is(err, deploy.ErrTooManyDeletes) {
			t.Fatalf("limit %d: err = %v; want ErrTooManyDeletes", limit, err)
		}
		if !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("limit %d: the error does not say nothing was changed: %v", limit, err)
		}
		if puts, dels := f.ok(http.MethodPut), f.ok(http.MethodDelete); len(puts)+len(dels) != 0 {
			t.Errorf("limit %d: the stopped deploy uploaded %v and deleted %v; want nothing", limit, puts, dels)
		}
		if !maps.Equal(f.objects(), stored) {
			t.Errorf("limit %d: the bucket changed", limit)
		}
	}

	f.reset()
	opt := f.options(out)
	opt.MaxDeletes = wouldDelete
	run(t, opt)
	if n := len(f.ok(http.MethodDelete)); n != wouldDelete {
		t.Errorf("at the limit, deleted %d; want %d", n, wouldDelete)
	}
}

func TestInterruptedDeployIsFinishedByARerun(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	before := tree(t, out)
	run(t, f.options(out))

	// The next build changes pages and removes one.
	for _, p := range []string{"content/_index.md", "content/_index.en.md", "content/tourism/_index.km.md"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), append(b, "\nMới.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(dir, "content/news/plan-2024.en.md")); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, dir)
	after := tree(t, out)
	changed := changedFiles(before, after)
	if len(changed) < 4 {
		t.Fatalf("only %d files changed; the test needs more", len(changed))
	}

	// The CI job is cancelled after two uploads.
	f.reset()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.afterPut = func(n int) {
		if n >= 2 {
			cancel()
		}
	}
	opt := f.options(out)
	opt.Workers = 1
	opt.Log = io.Discard
	res, err := deploy.Run(ctx, opt)
	if err == nil {
		t.Fatal("the interrupted deploy reported success")
	}
	if !strings.Contains(err.Error(), "run the deploy again") {
		t.Errorf("the error does not say to run again: %v", err)
	}
	landed := sorted(f.ok(http.MethodPut))
	if len(landed) < 2 || len(landed) >= len(changed) {
		t.Fatalf("the interrupted deploy uploaded %d of %d; the test wants it stopped part-way", len(landed), len(changed))
	}
	// The upload in flight when the job was cancelled may have landed
	// without the client hearing so; the re-run finds it by its digest.
	if res.Uploaded > len(landed) || res.Uploaded < len(landed)-1 {
		t.Errorf("result says %d uploaded; the server saw %d", res.Uploaded, len(landed))
	}
	if dels := f.ok(http.MethodDelete); len(dels) != 0 {
		t.Errorf("the interrupted deploy deleted %v; deletions must wait for every upload", dels)
	}

	f.reset()
	f.afterPut = nil
	run(t, f.options(out))
	rest := sorted(f.ok(http.MethodPut))
	for _, k := range rest {
		if slices.Contains(landed, k) {
			t.Errorf("the re-run uploaded %s again; it had landed before the interruption", k)
		}
	}
	if all := sorted(append(slices.Clone(landed), rest...)); !slices.Equal(all, changed) {
		t.Errorf("the two runs together uploaded %v; want %v", all, changed)
	}
	if dels := f.ok(http.MethodDelete); len(dels) == 0 {
		t.Error("the re-run did not delete the removed page")
	}
	if !maps.Equal(f.objects(), after) {
		t.Error("after the re-run the bucket differs from the build")
	}
}

func TestTransientErrorsAreRetried(t *testing.T) {
	f := newFake(t)
	out := buildSite(t, newSite(t))
	failed := map[string]int{}
	f.fail = func(method, key string) (int, string) {
		if method != http.MethodPut {
			return 0, ""
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		failed[key]++
		switch failed[key] {
		case 1:
			return http.StatusServiceUnavailable, "SlowDown"
		case 2:
			return http.StatusInternalServerError, "InternalError"
		}
		return 0, ""
	}
	run(t, f.options(out))
	if !maps.Equal(f.objects(), tree(t, out)) {
		t.Error("after retries the bucket differs from the build")
	}
	for k, n := range failed {
		if n != 3 {
			t.Errorf("%s was tried %d times; want 3 (two transient failures, then success)", k, n)
		}
	}
}

func TestPermanentErrorFailsLoudly(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	run(t, f.options(out))
	if err := os.Remove(filepath.Join(dir, "content/news/plan-2024.en.md")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/_index.en.md"))
	writeFile(t, filepath.Join(dir, "content/_index.en.md"), append(b, "\nEdited.\n"...))
	out = buildSite(t, dir)

	f.reset()
	tries := 0
	f.fail = func(method, key string) (int, string) {
		if method == http.MethodPut && key == "en/index.html" {
			tries++
			return http.StatusForbidden, "AccessDenied"
		}
		return 0, ""
	}
	opt := f.options(out)
	opt.Log = io.Discard
	_, err := deploy.Run(context.Background(), opt)
	if err == nil {
		t.Fatal("a deploy refused by the server reported success")
	}
	for _, want := range []string{"en/index.html", "AccessDenied", "nothing deleted"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not mention %q:\n%v", want, err)
		}
	}
	if tries != 1 {
		t.Errorf("a permanent error was tried %d times; want 1", tries)
	}
	if dels := f.ok(http.MethodDelete); len(dels) != 0 {
		t.Errorf("a failed deploy deleted %v", dels)
	}
	for _, k := range f.ok(http.MethodPut) {
		if host.TierOf(k) == host.TierIndex {
			t.Errorf("%s (a sitemap or feed) was uploaded although a page failed", k)
		}
	}
}

// TestHeadersForEveryKindOfFile checks Content-Type and Cache-Control, as
// the client sent them, for each kind of file the site produces.
func TestHeadersForEveryKindOfFile(t *testing.T) {
	f := newFake(t)
	out := buildSite(t, newSite(t))
	run(t, f.options(out))
	const (
		short     = "public, max-age=300, must-revalidate"
		static    = "public, max-age=3600"
		immutable = "public, max-age=31536000, immutable"
	)
	tests := []struct{ key, contentType, cache string }{
		{"index.html", "text/html; charset=utf-8", short},
		{"vi/index.html", "text/html; charset=utf-8", short},
		{"en/tourism/ba-ra/index.html", "text/html; charset=utf-8", short},
		{"vi/404.html", "text/html; charset=utf-8", short},
		{"css/site.css", "text/css; charset=utf-8", static},
		{"js/menu.js", "text/javascript; charset=utf-8", static},
		{"js/app.3f9a0c1be2d4.js", "text/javascript; charset=utf-8", immutable},
		{"images/favicon.svg", "image/svg+xml; charset=utf-8", static},
		{"images/map.png", "image/png", static},
		{"vi/tourism/ba-ra/photo.jpg", "image/jpeg", static},
		{"favicon.ico", "image/x-icon", static},
		{"fonts/noto-sans-khmer.woff2", "font/woff2", static},
		{"sitemap.xml", "application/xml; charset=utf-8", short},
		{"vi/sitemap.xml", "application/xml; charset=utf-8", short},
		{"vi/index.xml", "application/rss+xml; charset=utf-8", short},
		{"en/tourism/index.xml", "application/rss+xml; charset=utf-8", short},
		{"robots.txt", "text/plain; charset=utf-8", short},
		{"humans.txt", "text/plain; charset=utf-8", short},
		{"data/places.json", "application/json; charset=utf-8", short},
		{"site.webmanifest", "application/manifest+json; charset=utf-8", short},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			h := f.sent(tt.key)
			if h == nil {
				t.Fatalf("%s was not uploaded", tt.key)
			}
			if got := h.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q; want %q", got, tt.contentType)
			}
			if got := h.Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control = %q; want %q", got, tt.cache)
			}
			if got := h.Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding = %q; want none without a gzip matcher", got)
			}
			if got := h.Get("X-Amz-Meta-Sha256"); got != tree(t, out)[tt.key] {
				t.Errorf("x-amz-meta-sha256 = %q; want the file's digest %q", got, tree(t, out)[tt.key])
			}
		})
	}
	// Every file of the build has a known type and one of the three rules.
	for key := range tree(t, out) {
		h := f.sent(key)
		if ct := h.Get("Content-Type"); ct == "" || ct == "application/octet-stream" {
			t.Errorf("%s: Content-Type %q; every kind of file the site produces needs a type", key, ct)
		}
		if cc := h.Get("Cache-Control"); cc != short && cc != static && cc != immutable {
			t.Errorf("%s: Cache-Control %q is none of the rules", key, cc)
		}
		if strings.HasSuffix(key, ".html") && h.Get("Cache-Control") != short {
			t.Errorf("%s: a page cached as %q", key, h.Get("Cache-Control"))
		}
	}
}

func TestMatchersGzipAndHeaderChanges(t *testing.T) {
	f := newFake(t)
	out := buildSite(t, newSite(t))
	opt := f.options(out)
	opt.Matchers = []config.DeployMatcher{
		{Pattern: regexp.MustCompile(`^.+\.(html|css|xml)$`), Gzip: true},
		{Pattern: regexp.MustCompile(`^fonts/`), CacheControl: "public, max-age=604800"},
	}
	run(t, opt)
	h := f.sent("vi/index.html")
	if h.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q; want gzip", h.Get("Content-Encoding"))
	}
	if h.Get("Cache-Control") != host.CacheShort || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("a gzip matcher changed the other headers: %q, %q", h.Get("Content-Type"), h.Get("Cache-Control"))
	}
	obj, err := f.backend.GetObject(bucketName, "vi/index.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(obj.Contents)
	if err != nil {
		t.Fatalf("stored page is not gzip: %v", err)
	}
	plain, _ := io.ReadAll(zr)
	obj.Contents.Close()
	if digest(plain) != tree(t, out)["vi/index.html"] {
		t.Error("the stored page does not decompress to the built page")
	}
	if got := f.sent("fonts/noto-sans-khmer.woff2").Get("Cache-Control"); got != "public, max-age=604800" {
		t.Errorf("matcher Cache-Control for a font = %q", got)
	}
	if got := f.sent("images/map.png").Get("Content-Encoding"); got != "" {
		t.Errorf("an unmatched PNG got Content-Encoding %q", got)
	}

	f.reset()
	run(t, opt)
	if n := len(f.ok(http.MethodPut)); n != 0 {
		t.Errorf("an unchanged gzipped deploy uploaded %d objects: %v", n, f.ok(http.MethodPut))
	}

	// A changed rule re-uploads the files it covers, and only those.
	f.reset()
	opt.Matchers[1].CacheControl = "public, max-age=86400"
	run(t, opt)
	if got := f.ok(http.MethodPut); !slices.Equal(got, []string{"fonts/noto-sans-khmer.woff2"}) {
		t.Errorf("after changing the fonts' Cache-Control, uploaded %v; want only the font", got)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	run(t, f.options(out))
	if err := os.Remove(filepath.Join(dir, "content/news/plan-2024.en.md")); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, dir)

	f.reset()
	opt := f.options(out)
	opt.DryRun = true
	var log bytes.Buffer
	opt.Log = &log
	res, err := deploy.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if puts, dels := f.ok(http.MethodPut), f.ok(http.MethodDelete); len(puts)+len(dels) > 0 {
		t.Errorf("a dry run uploaded %v and deleted %v", puts, dels)
	}
	text := log.String()
	for _, want := range []string{
		"to upload", "to replace", "to delete", "unchanged",
		"  delete   en/news/plan-2024/index.html",
		"  same     css/site.css",
		"https://example.org/en/news/plan-2024/",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("dry-run output lacks %q:\n%s", want, text)
		}
	}
	if len(res.Plan.Delete) == 0 || len(res.Plan.Unchanged) == 0 {
		t.Errorf("plan: %d deletions, %d unchanged", len(res.Plan.Delete), len(res.Plan.Unchanged))
	}
}

func TestPrefixAndIncludeExclude(t *testing.T) {
	f := newFake(t)
	out := buildSite(t, newSite(t))
	// Someone else's object beside the site must survive every deploy.
	writeObject(t, f, "other/keep.txt", "not the site's")
	opt := f.options(out)
	opt.Target = "s3://" + bucketName + "/www?endpoint=" + f.url + "&region=us-east-1"
	run(t, opt)
	objs := f.objects()
	if _, ok := objs["www/vi/index.html"]; !ok {
		t.Errorf("nothing under the prefix www/: %v", sorted(slices.Collect(maps.Keys(objs))))
	}
	if _, ok := objs["other/keep.txt"]; !ok {
		t.Error("an object outside the prefix was deleted")
	}
	for k := range objs {
		if !strings.HasPrefix(k, "www/") && k != "other/keep.txt" {
			t.Errorf("%s written outside the prefix", k)
		}
	}
}

func writeObject(t *testing.T, f *fake, key, body string) {
	t.Helper()
	if _, err := f.backend.PutObject(bucketName, key, map[string]string{}, strings.NewReader(body), int64(len(body)), nil); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesWhatIsNotABuild(t *testing.T) {
	f := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.html"), []byte("<p>hand-made</p>"))
	_, err := deploy.Run(context.Background(), f.options(dir))
	if err == nil || !strings.Contains(err.Error(), "not a sitegen build") {
		t.Errorf("err = %v; want a refusal naming the folder as not a sitegen build", err)
	}
	for _, target := range []string{"https://bucket", "s3://bucket?endpiont=http://x", "s3://?region=x"} {
		opt := f.options(buildSite(t, newSite(t)))
		opt.Target = target
		if _, err := deploy.Run(context.Background(), opt); err == nil {
			t.Errorf("target %q accepted", target)
		}
	}
}

func TestCloudFrontInvalidation(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	cf := newCloudFront(t)
	opt := f.options(out)
	opt.CloudFrontDistribution = "EDFDVBD6EXAMPLE"
	opt.CloudFrontEndpoint = cf.url
	res := run(t, opt)
	if len(cf.batches) != 1 {
		t.Fatalf("%d invalidation requests; want 1", len(cf.batches))
	}
	if got := sorted(cf.batches[0]); !slices.Equal(got, res.Changed) {
		t.Errorf("first deploy invalidated %v; want the changed URLs %v", got, res.Changed)
	}
	if !slices.Contains(res.Changed, "/vi/tourism/ba-ra/") || !slices.Contains(res.Changed, "/") {
		t.Errorf("changed URLs lack page folders: %v", res.Changed)
	}
	first := run(t, opt) // nothing changed: no second request
	if len(cf.batches) != 1 || len(first.Changed) != 0 {
		t.Fatalf("an unchanged deploy asked CloudFront to invalidate %v", first.Changed)
	}
	if cf.paths[0] != "/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation" {
		t.Errorf("request path %s", cf.paths[0])
	}

	b, _ := os.ReadFile(filepath.Join(dir, "content/tourism/bu-gia-map.en.md"))
	writeFile(t, filepath.Join(dir, "content/tourism/bu-gia-map.en.md"), append(b, "\nEdited.\n"...))
	out = buildSite(t, dir)
	opt.Dir = out
	res = run(t, opt)
	if len(cf.batches) != 2 {
		t.Fatalf("%d invalidation requests; want 2", len(cf.batches))
	}
	if got := sorted(cf.batches[1]); !slices.Equal(got, res.Changed) {
		t.Errorf("invalidated %v; want the changed URLs %v", got, res.Changed)
	}
	if !slices.Contains(cf.batches[1], "/en/tourism/bu-gia-map/") {
		t.Errorf("the edited page's URL is not invalidated: %v", cf.batches[1])
	}
	if res.Invalidation != "I2J0I21PCUYOIK" {
		t.Errorf("invalidation id %q", res.Invalidation)
	}

}

// outputs names every path the fixture's build produces, for the tests
// that need a file of each kind.
func TestFixtureHasEveryKindOfFile(t *testing.T) {
	exts := map[string]bool{}
	for p := range tree(t, buildSite(t, newSite(t))) {
		exts[path.Ext(p)] = true
	}
	for _, e := range []string{".html", ".css", ".js", ".svg", ".png", ".jpg", ".ico", ".xml", ".json", ".txt", ".woff2", ".webmanifest"} {
		if !exts[e] {
			t.Errorf("the fixture's build has no %s file", e)
		}
	}
}

// TestRepositorySite deploys the repository's own site: every file the
// real site produces gets a type and a rule, a second deploy uploads
// nothing, and a CDN is asked to forget everything at once ("/*") rather
// than hundreds of paths.
func TestRepositorySite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole site")
	}
	f := newFake(t)
	cf := newCloudFront(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: filepath.Join("..", ".."), Destination: out, Now: now}); err != nil {
		t.Fatalf("building the repository's site: %v", err)
	}
	want := tree(t, out)
	opt := f.options(out)
	opt.CloudFrontDistribution, opt.CloudFrontEndpoint = "EDFDVBD6EXAMPLE", cf.url
	res := run(t, opt)
	if !maps.Equal(f.objects(), want) {
		t.Fatal("bucket differs from the repository's build")
	}
	if len(cf.batches) != 1 || !slices.Equal(cf.batches[0], []string{"/*"}) {
		t.Errorf("%d changed URLs invalidated as %v; want one request for /*", len(res.Changed), cf.batches)
	}
	for key := range want {
		h := f.sent(key)
		if ct := h.Get("Content-Type"); ct == "" || ct == "application/octet-stream" {
			t.Errorf("%s: Content-Type %q", key, ct)
		}
		if strings.HasPrefix(h.Get("Content-Type"), "text/") && !strings.HasSuffix(h.Get("Content-Type"), "charset=utf-8") {
			t.Errorf("%s: text without charset: %q", key, h.Get("Content-Type"))
		}
		if want := host.CacheControl(key); h.Get("Cache-Control") != want {
			t.Errorf("%s: Cache-Control %q; want %q", key, h.Get("Cache-Control"), want)
		}
	}
	f.reset()
	run(t, opt)
	if n := len(f.ok(http.MethodPut)); n != 0 {
		t.Errorf("an unchanged repository build uploaded %d objects", n)
	}
	if len(cf.batches) != 1 {
		t.Error("an unchanged deploy invalidated the CDN")
	}
}

// TestSameSizeEditIsFound: an edit that keeps every file's size is found
// by the digest, not missed by a size comparison.
func TestSameSizeEditIsFound(t *testing.T) {
	f := newFake(t)
	dir := newSite(t)
	out := buildSite(t, dir)
	before := tree(t, out)
	run(t, f.options(out))

	page := filepath.Join(dir, "content/tourism/bu-gia-map.en.md")
	b, _ := os.ReadFile(page)
	edited := strings.Replace(string(b), "north", "south", 1)
	if edited == string(b) {
		t.Fatal("the fixture changed; the word to edit is gone")
	}
	writeFile(t, page, []byte(edited))
	out = buildSite(t, dir)
	after := tree(t, out)
	want := changedFiles(before, after)
	if !slices.Contains(want, "en/tourism/bu-gia-map/index.html") {
		t.Fatalf("the edit did not change the page: %v", want)
	}
	// The page keeps its size, so only its digest can tell it changed. (The
	// compressed search index around it changes size; that is fine.)
	for _, p := range want {
		if strings.HasPrefix(p, "_search/") {
			continue
		}
		if fi, err := os.Stat(filepath.Join(out, p)); err != nil || f.sizeOf(p) != fi.Size() {
			t.Fatalf("%s changed size; the test needs an edit that keeps sizes", p)
		}
	}

	f.reset()
	run(t, f.options(out))
	if got := sorted(f.ok(http.MethodPut)); !slices.Equal(got, want) {
		t.Errorf("uploaded %v; want %v", got, want)
	}
}

// BenchmarkUnchangedDeploy measures the common CI case, a deploy of the
// repository's site where nothing changed: one listing, a metadata request
// per object, no uploads. The server is in-process, so this measures
// sitegen's side (digests, planning, the SDK), not a network.
func BenchmarkUnchangedDeploy(b *testing.B) {
	f := newFake(b)
	out := filepath.Join(b.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: filepath.Join("..", ".."), Destination: out, Now: now}); err != nil {
		b.Fatal(err)
	}
	opt := f.options(out)
	run(b, opt)
	b.ResetTimer()
	for b.Loop() {
		if res := run(b, opt); res.Uploaded != 0 {
			b.Fatalf("uploaded %d", res.Uploaded)
		}
	}
	b.ReportMetric(float64(len(tree(b, out))), "objects")
}
