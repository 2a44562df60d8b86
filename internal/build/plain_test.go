package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"sitegen/internal/corpus"
	"sitegen/internal/markdown"
	"sitegen/internal/metadata"
)

// TestPlainText: the byte-level plainText agrees with the plain definition
// (strip tags, unescape, collapse white space) on hand-made edge cases and
// on rendered Markdown in three scripts.
func TestPlainText(t *testing.T) {
	inputs := []string{
		"", "<p></p>", "<p>a</p><p>b</p>", "a<br>b", "x &amp; y &lt;z&gt; &nbsp;&nbsp;w &#8203; q",
		"<p>Đầu tư <em>vào</em> Bình Phước</p>\n<table><tr><td>1</td><td>2</td></tr></table>",
		"<p>ការវិនិយោគ<strong>វប្បធម៌</strong> និងទេសចរណ៍។</p>", "  lead\t\n", "bad \xff\xfe<b>utf8</b>",
		"unterminated <a href='x", "&unknown; &amp &#xZZ;",
		"&#160;&quot;&amp;&lt;&gt;&#39; &amp;amp; &#1600; &#160 &quotx &amp;&#160;", "x&#39;s &lt;b&gt; &quot;q&quot;", "&amp; &copy;",
	}
	md := markdown.New(markdown.Options{})
	for _, src := range []string{
		"# Tiêu đề\n\nĐoạn **một** với [liên kết](https://x.org/) và chú thích[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Nguồn: báo cáo.\n",
		"## សាវតា\n\n> ការវិនិយោគ វប្បធម៌\n\n- មួយ\n- ពីរ\n",
		"Plain \"quotes\" & <angles> and `code <b>` here.\n",
	} {
		res, err := md.Render([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(res.HTML))
	}
	for _, in := range inputs {
		if got, want := plainText([]byte(in)), plainTextSlow([]byte(in)); got != want {
			t.Errorf("plainText(%q) = %q; want %q", in, got, want)
		}
	}
	// Every white space character Unicode has, between and around words.
	var spaces []rune
	for r := rune(0); r < 0x3100; r++ {
		if unicode.IsSpace(r) {
			spaces = append(spaces, r)
		}
	}
	for _, sp := range spaces {
		for _, in := range []string{"a" + string(sp) + "b", string(sp) + "ក" + string(sp) + string(sp) + "ẩ" + string(sp)} {
			if got, want := plainText([]byte(in)), plainTextSlow([]byte(in)); got != want {
				t.Errorf("plainText(%q) = %q; want %q", in, got, want)
			}
		}
	}
	// Characters whose UTF-8 starts like a space's but are not spaces.
	for _, r := range []rune{0x84, 0x86, 0x9F, 0xA1, 0x1681, 0x167F, 0x200B, 0x200C, 0x2027, 0x202A, 0x202E, 0x2030, 0x205E, 0x2060, 0x3001, 0x17D4} {
		in := "x" + string(r) + "y " + string(r)
		if got, want := plainText([]byte(in)), plainTextSlow([]byte(in)); got != want {
			t.Errorf("plainText(%q) = %q; want %q", in, got, want)
		}
	}
	if got := plainText([]byte("<p>a &amp; b</p>\n<p>c</p>")); got != "a & b c" {
		t.Errorf("got %q; want %q", got, "a & b c")
	}
}

// BenchmarkPlainText takes the text of rendered Khmer, Vietnamese and
// English pages of the benchmark corpus.
func BenchmarkPlainText(b *testing.B) {
	pages := renderedCorpus(b, 1)
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	b.SetBytes(int64(n))
	var sc plainScratch
	for b.Loop() {
		for _, p := range pages {
			sc.plainText(p)
		}
	}
}

// renderedCorpus renders the Markdown of a ten-page benchmark corpus
// (about 27 files in three languages; front matter rendered as text).
func renderedCorpus(t testing.TB, seed uint64) [][]byte {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Pages: 10, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	md := markdown.New(markdown.Options{})
	var pages [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := md.Render(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, res.HTML)
	}
	return pages
}

// TestPlainPrefix: the start of a page's text that is kept when no search
// index needs the whole gives the same summaries and descriptions as the
// whole text, for pages of the benchmark corpus in three scripts and for
// pages shorter than what is kept.
func TestPlainPrefix(t *testing.T) {
	var sc plainScratch
	short := 0
	for f, page := range renderedCorpus(t, 3) {
		for _, h := range [][]byte{page, page[:len(page)/7]} {
			whole := plainText(h)
			prefix := sc.plainPrefix(h, plainKept)
			if len(prefix) < len(whole) {
				short++
			}
			if !strings.HasPrefix(whole, prefix) {
				t.Errorf("page %d: the kept text is not the start of the whole:\n%q\n%q", f, prefix, whole)
			}
			for _, n := range []int{160, 240} {
				if got, want := metadata.Truncate(prefix, n), metadata.Truncate(whole, n); got != want {
					t.Errorf("page %d: Truncate(kept, %d) = %q; want %q", f, n, got, want)
				}
			}
		}
	}
	if short == 0 {
		t.Fatal("no page was longer than what is kept; the test shows nothing")
	}
}
