package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"sitegen/internal/corpus"
	"sitegen/internal/markdown"
	"sitegen/internal/publish"
	"sitegen/internal/testsite"
)

// TestCompact: Compact removes what an HTML minifier removes from
// goldmark's output and nothing that shows. On the rendered bodies of the
// benchmark corpus, the repository's content and the golden files,
// minifying Compact's output with tdewolff/minify gives exactly what
// minifying the original does, and Compact's output is no larger than
// that but for entities the minifier spells shorter.
func TestCompact(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: 20, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{filepath.Join(dir, "content", "*", "*.md"), filepath.Join(testsite.Repo(t), "content", "*", "*.md"), filepath.Join("testdata", "*.md")} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	m := publish.NewMinifier()
	minify := func(dst *bytes.Buffer, src []byte) error { return m.Minify("text/html", dst, bytes.NewReader(src)) }
	for _, unsafe := range []bool{false, true} {
		md := markdown.New(markdown.Options{UnsafeHTML: unsafe})
		total, compact, minified := 0, 0, 0
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if i := bytes.Index(src[min(3, len(src)):], []byte("+++\n")); bytes.HasPrefix(src, []byte("+++")) && i >= 0 {
				src = src[i+7:]
			}
			res, err := md.Render(src, nil)
			if err != nil {
				t.Fatal(err)
			}
			orig := bytes.Clone(res.HTML)
			small := markdown.Compact(nil, orig)
			var want, got bytes.Buffer
			if err := minify(&want, bytes.Clone(orig)); err != nil {
				t.Fatal(err)
			}
			if err := minify(&got, bytes.Clone(small)); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				i := 0
				for i < got.Len() && i < want.Len() && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Errorf("%s (unsafe %v): minified after Compact differs at %d: %q; minified alone: %q", f, unsafe,
					i, got.String()[max(0, i-50):min(got.Len(), i+50)], want.String()[max(0, i-50):min(want.Len(), i+50)])
			}
			total += len(orig)
			compact += len(small)
			minified += want.Len()
		}
		t.Logf("unsafe %v: %d files, %d bytes; Compact %d; tdewolff %d", unsafe, len(files), total, compact, minified)
		if float64(compact) > 1.005*float64(minified) {
			t.Errorf("Compact leaves %d bytes where the minifier leaves %d", compact, minified)
		}
	}
	// White space that shows stays; what cannot show goes.
	for in, want := range map[string]string{
		"<p>a <em>b</em>\n<strong>c</strong></p>\n":                "<p>a <em>b</em>\n<strong>c</strong></p>",
		"<ul>\n<li>x\n<ul>\n<li>y</li>\n</ul>\n</li>\n</ul>\n":     "<ul><li>x<ul><li>y</li></ul></li></ul>",
		"<pre><code>a\n\n  b\n</code></pre>\n<p>&quot;q&quot;</p>": "<pre><code>a\n\n  b\n</code></pre><p>\"q\"</p>",
		"<p><a href=\"x\" title=\"&quot;t&quot; > s\">l</a></p>":   "<p><a href=\"x\" title=\"&quot;t&quot; > s\">l</a></p>",
		"<!-- c -->\n<p>x</p>":                                     "<!-- c --><p>x</p>",
	} {
		if got := string(markdown.Compact(nil, []byte(in))); got != want {
			t.Errorf("Compact(%q) = %q; want %q", in, got, want)
		}
	}
}
