package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML is dropped unless the site sets markup.goldmark.renderer.unsafe.
// Even then it goes through embedPolicy, an allow-list: the formatting
// elements bluemonday's UGC policy allows (its attribute and URL checks
// included, so no event handler, style, script or javascript: URL gets
// through), and a few embeds an official site needs:
//
//	<figure>, <figcaption>, <details>, <summary>, <picture>
//	<video>, <audio>, <source>, <track>   files of the site itself (relative or /path URLs)
//	<iframe>                              https://www.youtube-nocookie.com/embed/…
//	                                      https://www.openstreetmap.org/export/embed.html?…
//	                                      (other origins, so they cannot reach the page; the
//	                                      Content-Security-Policy allows these two frames and no other)
//
// bluemonday is the sanitizer Go projects rely on for user HTML (Gitea,
// Forgejo); it works on tokens, so each raw fragment goldmark hands over is
// cleaned on its own.
func embedPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false) // the editors are the province's own
	p.AllowElements("figure", "figcaption", "details", "summary", "picture")
	p.AllowAttrs("open").OnElements("details")
	sameSite := regexp.MustCompile(`^(/[^/\\]|[^:/\\?#]+(/|$))[^\s"'<>\\]*$`)
	p.AllowAttrs("src").Matching(sameSite).OnElements("video", "audio", "source", "track")
	p.AllowAttrs("poster").Matching(sameSite).OnElements("video")
	p.AllowAttrs("controls", "preload", "muted", "loop", "playsinline").OnElements("video", "audio")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("video", "iframe")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^(video|audio)/[a-z0-9.+-]+$`)).OnElements("source")
	p.AllowAttrs("srcset").Matching(sameSite).OnElements("source")
	p.AllowAttrs("kind", "srclang", "label").OnElements("track")
	p.AllowAttrs("src").Matching(regexp.MustCompile(`^https://(www\.youtube-nocookie\.com/embed/|www\.openstreetmap\.org/export/embed\.html\?)[^\s"'<>\\]*$`)).OnElements("iframe")
	p.AllowAttrs("title", "loading", "allowfullscreen").OnElements("iframe")
	p.AllowElements("video", "audio", "source", "track", "iframe")
	return p
}

// rawRenderer writes raw HTML through the policy instead of as it is.
type rawRenderer struct{ policy *bluemonday.Policy }

func (r rawRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.inline)
	reg.Register(ast.KindHTMLBlock, r.block)
}

func (r rawRenderer) inline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		var b bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(source))
		}
		_, _ = w.Write(r.policy.SanitizeBytes(b.Bytes()))
	}
	return ast.WalkSkipChildren, nil
}

func (r rawRenderer) block(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	var b bytes.Buffer
	if entering {
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(source))
		}
	} else if n.HasClosure() {
		b.Write(n.ClosureLine.Value(source))
	}
	_, _ = w.Write(r.policy.SanitizeBytes(b.Bytes()))
	return ast.WalkContinue, nil
}

// urlGuard empties link and image destinations that would run script or
// load a document of their own, whatever the unsafe setting: goldmark
// lets them through when raw HTML is allowed. An autolink to one becomes
// its text, once the walk is over (see transformer).
type urlGuard struct {
	src       []byte
	autolinks []*ast.AutoLink
}

func (g *urlGuard) check(n ast.Node) {
	switch l := n.(type) {
	case *ast.Link:
		if DangerousURL(string(l.Destination)) {
			l.Destination = nil
		}
	case *ast.Image:
		if DangerousURL(string(l.Destination)) {
			l.Destination = nil
		}
	case *ast.AutoLink:
		if DangerousURL(string(l.URL(g.src))) {
			g.autolinks = append(g.autolinks, l)
		}
	}
}

func (g *urlGuard) replaceAutolinks() {
	for _, l := range g.autolinks {
		l.Parent().ReplaceChild(l.Parent(), l, ast.NewString(l.Label(g.src)))
	}
}

// DangerousURL reports whether a link's URL would run script or open a
// document made by the link itself (javascript:, vbscript:, file:, data:
// except images), read as a browser reads it: ignoring case, leading
// spaces and the tabs and newlines it strips.
func DangerousURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(u))
	switch {
	case strings.HasPrefix(u, "data:image/png"), strings.HasPrefix(u, "data:image/gif"),
		strings.HasPrefix(u, "data:image/jpeg"), strings.HasPrefix(u, "data:image/webp"):
		return false
	}
	for _, s := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(u, s) {
			return true
		}
	}
	return false
}
