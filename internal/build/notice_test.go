package build_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitegen/internal/build"
)

// TestNotices: a valid notice is on every page of every language, in the
// page's language where translated and otherwise in Vietnamese marked as
// such, and in every feed; expired and future notices are nowhere; after
// its end, the notice is gone at the next build.
func TestNotices(t *testing.T) {
	dir := fixture(t, "notices")
	mustBuild(t, dir)
	dest := filepath.Join(dir, "public")
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		b := read(t, p)
		if strings.Contains(b, "<strong>Thông báo cũ</strong>") || strings.Contains(b, "<strong>Thông báo sau</strong>") ||
			strings.Contains(b, "old/#notice") || strings.Contains(b, "later/#notice") {
			t.Errorf("%s shows an expired or future notice", rel)
		}
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
			lang := strings.Split(filepath.ToSlash(rel), "/")[0]
			switch lang {
			case "en":
				if !strings.Contains(b, `<p class="notice"><strong>Road closed</strong>`) {
					t.Errorf("%s: no English notice", rel)
				}
			case "km":
				if !strings.Contains(b, `<p class="notice" lang="vi"><strong>Đường tạm đóng</strong>`) || !strings.Contains(b, `(Tiếng Việt)`) {
					t.Errorf("%s: no Vietnamese notice marked as Vietnamese", rel)
				}
			default: // vi and the language picker
				if !strings.Contains(b, "<strong>Đường tạm đóng</strong>") {
					t.Errorf("%s: no notice", rel)
				}
			}
		case strings.HasSuffix(p, "index.xml"):
			if !strings.Contains(b, "/notices/road/#notice</guid>") {
				t.Errorf("%s: the feed lacks the notice", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	// After its end (08:00 on 27 November in Hồ Chí Minh City) it is gone.
	mustBuild(t, dir, func(o *build.Options) { o.Now = time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC) })
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(read(t, p), `class="notice"`) {
			t.Errorf("%s still shows a notice after its end", p)
		}
		return nil
	})
}
