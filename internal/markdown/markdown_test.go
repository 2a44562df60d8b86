package markdown_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden renders testdata/*.md and compares with the .html beside it.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	r := markdown.New(markdown.Options{})
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Render(src, nil)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, res.HTML, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(res.HTML) != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", res.HTML, want)
			}
		})
	}
}

func TestHeadingID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Thu hút đầu tư", "thu-hút-đầu-tư"},
		{"I. MỤC ĐÍCH, YÊU CẦU", "i-mục-đích-yêu-cầu"},
		{"កិច្ចសហប្រតិបត្តិការព្រំដែន", "កិច្ចសហប្រតិបត្តិការព្រំដែន"},
		{"ផែនការ\u200bការងារ", "ផែនការការងារ"},
		{"Thu hu\u0301t", "thu-hút"}, // decomposed input gives the same ID as precomposed
	} {
		if got := markdown.HeadingID(tc.in); got != tc.want {
			t.Errorf("HeadingID(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestRawHTMLDroppedUnlessAllowed(t *testing.T) {
	src := []byte("a <script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
	res, _ := markdown.New(markdown.Options{}).Render(src, nil)
	if strings.Contains(string(res.HTML), "<script") || strings.Contains(string(res.HTML), "javascript:") {
		t.Errorf("raw HTML or a javascript: link came through: %s", res.HTML)
	}
	res, _ = markdown.New(markdown.Options{UnsafeHTML: true}).Render(src, nil)
	if !strings.Contains(string(res.HTML), "<script>") {
		t.Errorf("with unsafe HTML allowed, raw HTML was dropped: %s", res.HTML)
	}
}

func TestLinkPositions(t *testing.T) {
	src := []byte("Para.\n\nSee [one](a.md) and\n[two](../b.md#x) and [ext](https://example.org/c.md).\n")
	var seen []string
	res, _ := markdown.New(markdown.Options{}).Render(src, func(d string) (string, error) {
		seen = append(seen, d)
		if d == "a.md" {
			return "/a/", nil
		}
		return "", os.ErrNotExist
	})
	if len(seen) != 2 {
		t.Fatalf("resolver saw %v; want the two relative .md links only", seen)
	}
	if len(res.Links) != 1 || res.Links[0].Line != 4 || res.Links[0].Col != 1 {
		t.Errorf("link errors %+v; want one at line 4, column 1", res.Links)
	}
	if !strings.Contains(string(res.HTML), `href="/a/"`) {
		t.Errorf("resolved link not written: %s", res.HTML)
	}
}

// TestTableLimit: a table whose padded size is out of bounds is refused
// at the line of its header, before goldmark allocates its cells; a wide
// but bounded table renders.
func TestTableLimit(t *testing.T) {
	r := markdown.New(markdown.Options{})
	huge := "Text.\n\n|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|x\n", 300)
	_, err := r.Render([]byte(huge), nil)
	var le *markdown.LimitError
	if !errors.As(err, &le) || le.Line != 3 {
		t.Fatalf("got %v; want a LimitError at line 3", err)
	}
	wide := "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|x\n", 150)
	res, err := r.Render([]byte(wide), nil)
	if err != nil || strings.Count(string(res.HTML), "<td>") != 150*1000 {
		t.Errorf("a 1000 × 150 table: %v, %d cells", err, strings.Count(string(res.HTML), "<td>"))
	}
}
