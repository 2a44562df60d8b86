package markdown_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"errors"
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
	src := []byte("a <script>alert(1)</script> <b>b</b>\n\n[x](javascript:alert(1))\n\n<details><summary>S</summary>\n\nD\n\n</details>\n")
	res, _ := markdown.New(markdown.Options{}).Render(src, nil)
	if strings.Contains(string(res.HTML), "<script") || strings.Contains(string(res.HTML), "javascript:") ||
		strings.Contains(string(res.HTML), "<b>") || strings.Contains(string(res.HTML), "<details>") {
		t.Errorf("raw HTML or a javascript: link came through: %s", res.HTML)
	}
	res, _ = markdown.New(markdown.Options{UnsafeHTML: true}).Render(src, nil)
	if !strings.Contains(string(res.HTML), "<b>b</b>") || !strings.Contains(string(res.HTML), "<details><summary>S</summary>") {
		t.Errorf("with unsafe HTML allowed, allowed raw HTML was dropped: %s", res.HTML)
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

// TestImages checks the Imager hook: local images get the picture it
// returns, remote ones are left alone, and missing alt text and missing
// files are reported at the image's "![".
func TestImages(t *testing.T) {
	src := []byte("Intro.\n\n![Bản đồ](map.png) and ![](https://example.org/x.png)\n\nGone: ![lost](lost.png)\n")
	var asked []string
	imager := func(dest string) (markdown.Picture, bool, error) {
		asked = append(asked, dest)
		if dest == "lost.png" {
			return markdown.Picture{}, false, os.ErrNotExist
		}
		return markdown.Picture{Src: "/vi/p/map-960w.png", Srcset: "/vi/p/map-480w.png 480w, /vi/p/map-960w.png 960w", Sizes: "100vw", Width: 960, Height: 480}, true, nil
	}
	res, err := markdown.New(markdown.Options{}).RenderHooks(src, markdown.Hooks{Images: imager})
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.HTML)
	for _, want := range []string{
		`<img src="/vi/p/map-960w.png" alt="Bản đồ" srcset="/vi/p/map-480w.png 480w, /vi/p/map-960w.png 960w" sizes="100vw" width="960" height="480" decoding="async">`,
		`<img src="https://example.org/x.png" alt="" loading="lazy" decoding="async">`,
		`<img src="lost.png" alt="lost" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got:\n%s\nwant it to contain:\n%s", got, want)
		}
	}
	if strings.Join(asked, " ") != "map.png lost.png" {
		t.Errorf("the imager was asked for %q; want only the local images map.png and lost.png", asked)
	}
	if len(res.MissingAlt) != 1 || res.MissingAlt[0].Line != 3 || res.MissingAlt[0].Col != 29 {
		t.Errorf("missing alt: got %+v; want one at 3:29 (byte columns)", res.MissingAlt)
	}
	if len(res.Images) != 1 || res.Images[0].Line != 5 || res.Images[0].Col != 7 || res.Images[0].Dest != "lost.png" {
		t.Errorf("missing file: got %+v; want lost.png at 5:7", res.Images)
	}
}

// TestEmbedAllowList: with raw HTML allowed, the documented embeds come
// through and everything that could run script or load another site's
// content does not, in block and inline HTML alike.
func TestEmbedAllowList(t *testing.T) {
	r := markdown.New(markdown.Options{UnsafeHTML: true})
	for _, tc := range []struct{ in, want, not string }{
		{`<iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" title="Video" allowfullscreen></iframe>`,
			`<iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" title="Video" allowfullscreen=""></iframe>`, ""},
		{`<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=106.5,11.5,107.0,12.0&layer=mapnik"></iframe>`,
			`src="https://www.openstreetmap.org/export/embed.html?bbox=106.5,11.5,107.0,12.0&amp;layer=mapnik"`, ""},
		{`<iframe src="https://www.youtube.com/embed/abc"></iframe>`, "", "youtube.com"},
		{`<iframe src="https://evil.example/?https://www.youtube-nocookie.com/embed/"></iframe>`, "", "evil"},
		{`<iframe srcdoc="<script>alert(1)</script>"></iframe>`, "", "script"},
		{`<video controls src="/media/clip.mp4" poster="/media/clip.jpg"><track kind="captions" src="clip.vi.vtt" srclang="vi"></video>`,
			`<video controls="" src="/media/clip.mp4" poster="/media/clip.jpg"><track kind="captions" src="clip.vi.vtt" srclang="vi"></video>`, ""},
		{`<video src="https://evil.example/x.mp4" autoplay></video>`, "", "evil"},
		{`<audio controls><source src="a.mp3" type="audio/mpeg"></audio>`, `<audio controls=""><source src="a.mp3" type="audio/mpeg"></audio>`, ""},
		{`<audio src="//evil.example/a.mp3"></audio>`, "", "evil"},
		{`<figure><img src="/images/logo.png" alt="Logo"><figcaption>Cap</figcaption></figure>`, `<figure><img src="/images/logo.png" alt="Logo"><figcaption>Cap</figcaption></figure>`, ""},
		{`<details open><summary>More</summary>Text</details>`, `<details open=""><summary>More</summary>Text</details>`, ""},
		{`<script>alert(1)</script>`, "", "script"},
		{`<img src=x onerror=alert(1)>`, "", "onerror"},
		{`<a href="javascript:alert(1)">x</a>`, "", "javascript"},
		{`<a href="jav&#x09;ascript:alert(1)">x</a>`, "", "ascript:"},
		{`<div style="background:url(javascript:alert(1))" onclick="x()">d</div>`, "", "style"},
		{`<svg><script>alert(1)</script></svg>`, "", "script"},
		{`<object data="x.swf"></object><embed src="x.swf"><form action="/x"><input name=a></form>`, "", "swf"},
		{`<style>body{display:none}</style>`, "", "display"},
		{`<meta http-equiv="refresh" content="0;url=https://evil.example/">`, "", "evil"},
		{`<base href="https://evil.example/">`, "", "evil"},
		{"[x](javascript:alert(1)) ![y](VBScript:x) [z](<java	script:alert(1)>) <javascript:alert(2)> [d](data:text/html,<script>)", `<a href="">x</a> <img src="" alt="y" decoding="async"> <a href="">z</a> javascript:alert(2) <a href="">d</a>`, ""},
		{"Text <span>inline <b onclick=x>bold</b></span> <iframe src=\"https://evil.example/\"></iframe>.", "<span>inline <b>bold</b></span>", "evil"},
	} {
		res, err := r.Render([]byte(tc.in+"\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := string(res.HTML)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s\n got %s\nwant %s", tc.in, got, tc.want)
		}
		lower := strings.ToLower(got)
		if tc.not != "" && strings.Contains(lower, strings.ToLower(tc.not)) {
			t.Errorf("%s\n got %s\n which still has %q", tc.in, got, tc.not)
		}
		for _, bad := range []string{"onerror", "onclick", "<script", `="javascript:`, `="vbscript:`, `="data:`, "<object", "<embed", "<form", "<style", "<meta", "<base", " style="} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s\n got %s\n with %s", tc.in, got, bad)
			}
		}
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
