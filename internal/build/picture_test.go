package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sitegen/internal/fault"
)

// drawPNG writes a w×h PNG with a gradient, so resizing has real work to
// do and a wrong scale would show in the decoded size.
func drawPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.Bytes())
}

// imgAttrs returns the attributes of every <img> in the page at path.
func imgAttrs(t *testing.T, path string) []map[string]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(read(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "img" {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			out = append(out, a)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func imageSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

func TestBundleImagesAreResponsive(t *testing.T) {
	dir := fixture(t, "images")
	drawPNG(t, filepath.Join(dir, "content/tourism/map/map.png"), 2000, 1000)
	drawPNG(t, filepath.Join(dir, "content/tourism/map/small.png"), 300, 200)
	res := mustBuild(t, dir)
	pub := filepath.Join(dir, "public")

	for _, lang := range []string{"vi", "en"} {
		base := filepath.Join(pub, lang, "tourism/map")
		// Resized copies at each width below the original, never larger.
		for _, c := range []struct {
			name string
			w, h int
		}{{"map-480w.png", 480, 240}, {"map-960w.png", 960, 480}, {"map-1440w.png", 1440, 720}, {"map.png", 2000, 1000}, {"small.png", 300, 200}} {
			if w, h := imageSize(t, filepath.Join(base, c.name)); w != c.w || h != c.h {
				t.Errorf("%s/%s: got %d×%d; want %d×%d", lang, c.name, w, h, c.w, c.h)
			}
		}
		for _, absent := range []string{"map-2000w.png", "small-480w.png"} {
			if _, err := os.Stat(filepath.Join(base, absent)); err == nil {
				t.Errorf("%s/%s exists; images must not be enlarged or copied twice", lang, absent)
			}
		}

		imgs := imgAttrs(t, filepath.Join(base, "index.html"))
		if len(imgs) != 2 {
			t.Fatalf("%s: got %d <img>; want 2", lang, len(imgs))
		}
		big, small := imgs[0], imgs[1]
		p := "/" + lang + "/tourism/map/"
		want := map[string]string{
			"src":      p + "map-960w.png",
			"srcset":   p + "map-480w.png 480w, " + p + "map-960w.png 960w, " + p + "map-1440w.png 1440w",
			"width":    "1440",
			"height":   "720",
			"decoding": "async",
		}
		for k, v := range want {
			if big[k] != v {
				t.Errorf("%s: first <img> %s=%q; want %q", lang, k, big[k], v)
			}
		}
		if _, ok := big["loading"]; ok {
			t.Errorf("%s: the first image has loading=%q; it may be in view and must not wait", lang, big["loading"])
		}
		if big["sizes"] == "" {
			t.Errorf("%s: first <img> has srcset but no sizes", lang)
		}
		if small["loading"] != "lazy" || small["width"] != "300" || small["height"] != "200" || small["src"] != p+"small.png" {
			t.Errorf("%s: second <img> = %v; want src %ssmall.png, 300×200, loading=lazy", lang, small, p)
		}
		if _, ok := small["srcset"]; ok {
			t.Errorf("%s: a 300-pixel image got a srcset %q; there is nothing smaller to offer", lang, small["srcset"])
		}
	}

	// The Vietnamese small image has no alt text: a warning at its "!["
	// (columns count bytes, as everywhere in sitegen's findings).
	var found bool
	for _, f := range res.Findings {
		if f.Severity == fault.Warning && strings.Contains(f.Msg, "alt text") {
			found = true
			if f.File != "content/tourism/map/index.md" || f.Line != 8 || f.Col != 24 {
				t.Errorf("missing alt text reported at %s; want content/tourism/map/index.md:8:24", f.Where())
			}
		}
	}
	if !found {
		t.Errorf("no warning for an image without alt text; findings: %v", res.Findings)
	}

	// Same sources, same bytes.
	first := read(t, filepath.Join(pub, "vi/tourism/map/map-480w.png"))
	mustBuild(t, dir)
	if read(t, filepath.Join(pub, "vi/tourism/map/map-480w.png")) != first {
		t.Error("a second build resized map.png to different bytes")
	}
}

func TestMissingBundleImageIsAnError(t *testing.T) {
	dir := fixture(t, "images")
	drawPNG(t, filepath.Join(dir, "content/tourism/map/map.png"), 600, 400)
	// small.png is not there.
	res, err := buildSite(t, dir)
	if err == nil {
		t.Fatal("build succeeded with an image that does not exist")
	}
	want := map[string]bool{"content/tourism/map/index.md:8:24": false, "content/tourism/map/index.en.md:8:18": false}
	for _, f := range res.Findings {
		if f.Severity == fault.Error && strings.Contains(f.Msg, "small.png") {
			if _, ok := want[f.Where()]; !ok {
				t.Errorf("missing image reported at %s; want one of %v", f.Where(), want)
			}
			want[f.Where()] = true
		}
	}
	for where, seen := range want {
		if !seen {
			t.Errorf("no error naming small.png at %s; findings: %v", where, res.Findings)
		}
	}
}
