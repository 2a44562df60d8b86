// Package markdown renders page bodies with one shared goldmark instance:
// tables, footnotes, definition lists, strikethrough, heading IDs that stay
// readable in Vietnamese and Khmer, and relative links to other .md files
// resolved to the target page's URL in the reader's language. Images get
// lazy loading, and local images of a page bundle the responsive srcset,
// width and height the build's Imager gives them.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// Resolver maps a relative link to another Markdown file (as written, e.g.
// "../tourism/ba-ra.md#getting-there") to the URL it should have. It returns
// an error, phrased for an editor, when the target does not exist.
type Resolver func(dest string) (string, error)

// LinkError is a link that could not be resolved, with its line in the
// rendered body (1-based).
type LinkError struct {
	Line, Col int
	Dest      string
	Err       error
}

// Picture is how a local image is shown: its address and, when the build
// made resized copies, their srcset and the intrinsic size that lets the
// browser reserve the image's box before it arrives.
type Picture struct {
	Src           string
	Srcset        string
	Sizes         string
	Width, Height int
}

// Imager maps a local image reference, as written (e.g. "map.png"), to its
// Picture. ok is false for an image the build does not manage, which is
// left as written; err, phrased for an editor, when the file is missing or
// unreadable.
type Imager func(dest string) (pic Picture, ok bool, err error)

// Hooks are the page-specific callbacks of one rendering; either may be nil.
type Hooks struct {
	Links  Resolver
	Images Imager
}

// Renderer renders Markdown. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Options configure the renderer.
type Options struct {
	// UnsafeHTML lets raw HTML through (config markup.goldmark.renderer.unsafe).
	UnsafeHTML bool
}

var resolverKey = parser.NewContextKey()
var errorsKey = parser.NewContextKey()
var imagerKey = parser.NewContextKey()
var imageNotesKey = parser.NewContextKey()

// New returns a renderer.
func New(opt Options) *Renderer {
	rendererOpts := []goldmark.Option{}
	hopts := []renderer.Option{}
	if opt.UnsafeHTML {
		hopts = append(hopts, html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(rawRenderer{embedPolicy()}, 100)))
	}
	rendererOpts = append(rendererOpts,
		// Alignment as an attribute: a style attribute would break the
		// site's Content-Security-Policy (style-src 'self').
		goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), extension.Strikethrough, extension.DefinitionList,
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩︎"))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100))),
		goldmark.WithRendererOptions(hopts...),
	)
	return &Renderer{md: goldmark.New(rendererOpts...)}
}

// Result is a rendered body.
type Result struct {
	HTML  []byte
	Links []LinkError
	// Images are local images that could not be used (missing, unreadable).
	Images []LinkError
	// MissingAlt are images without alt text (Err is nil): a screen reader
	// user learns nothing from them.
	MissingAlt []LinkError
}

// Render converts src to HTML. resolve may be nil when links need no
// rewriting.
func (r *Renderer) Render(src []byte, resolve Resolver) (Result, error) {
	return r.RenderHooks(src, Hooks{Links: resolve})
}

// RenderHooks converts src to HTML with the page's link and image hooks.
func (r *Renderer) RenderHooks(src []byte, h Hooks) (Result, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	res, err := r.RenderTo(&buf, src, h)
	if err != nil {
		return Result{}, err
	}
	res.HTML = buf.Bytes()
	return res, nil
}

// RenderTo is RenderHooks into buf, appended to what it holds, with
// Result.HTML left empty: a caller that keeps a copy of the HTML can reuse
// one buffer for every page.
func (r *Renderer) RenderTo(buf *bytes.Buffer, src []byte, h Hooks) (Result, error) {
	if err := checkLimits(src); err != nil {
		return Result{}, err
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	var errs []LinkError
	notes := &imageNotes{}
	ctx.Set(resolverKey, h.Links)
	ctx.Set(errorsKey, &errs)
	ctx.Set(imagerKey, h.Images)
	ctx.Set(imageNotesKey, notes)
	if err := r.md.Convert(src, buf, parser.WithContext(ctx)); err != nil {
		return Result{}, fmt.Errorf("rendering markdown: %w", err)
	}
	return Result{Links: errs, Images: notes.errs, MissingAlt: notes.noAlt}, nil
}

// transformer is the renderer's one walk over the document. At each link
// and image it does, in this order, what three transformers with a walk
// each did before (goldmark ran them by priority, lowest first): resolve a
// link to a .md file, give an image its loading attributes and picture,
// and empty a destination that would run script. Each step reads the
// destination the step before left on the same node, so doing all three
// at a node before going on gives what the three walks gave; no step reads
// what another changes elsewhere in the tree (the image step reads the
// image's own text and the images before it in its block, which none of
// them changes). The one change to the tree's shape, a dangerous autolink
// replaced by its text, still waits until the walk is over: the image step
// read alt text with the autolink in it, and ast.Walk would stop at a node
// taken out from under it (RemoveChild clears its next sibling). The three
// walks were 0.32 s of a 13,600-page build's 11.9 s of CPU.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	links := newLinkRewriter(pc, src)
	images := newImageDecorator(pc, src)
	urls := urlGuard{src: src}
	// An image inside another's description was never decorated: the
	// image walk skipped descriptions. Links and URLs in one were handled.
	var outer *ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == outer {
				outer = nil
			}
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
		default:
			return ast.WalkContinue, nil
		}
		links.rewrite(n)
		if img, ok := n.(*ast.Image); ok && outer == nil {
			images.decorate(img)
			outer = img
		}
		urls.check(n)
		return ast.WalkContinue, nil
	})
	urls.replaceAutolinks()
}

// linkRewriter rewrites links to .md files.
type linkRewriter struct {
	resolve Resolver
	errs    *[]LinkError
	src     []byte
}

func newLinkRewriter(pc parser.Context, src []byte) linkRewriter {
	resolve, _ := pc.Get(resolverKey).(Resolver)
	errs, _ := pc.Get(errorsKey).(*[]LinkError)
	return linkRewriter{resolve: resolve, errs: errs, src: src}
}

func (lr linkRewriter) rewrite(n ast.Node) {
	if lr.resolve == nil {
		return
	}
	var dest []byte
	switch l := n.(type) {
	case *ast.Link:
		dest = l.Destination
	case *ast.Image:
		dest = l.Destination
	default:
		return
	}
	d := string(dest)
	if !IsMarkdownLink(d) {
		return
	}
	u, err := lr.resolve(d)
	if err != nil {
		line, col := position(n, lr.src)
		*lr.errs = append(*lr.errs, LinkError{Line: line, Col: col, Dest: d, Err: err})
		return
	}
	switch l := n.(type) {
	case *ast.Link:
		l.Destination = []byte(u)
	case *ast.Image:
		l.Destination = []byte(u)
	}
}

// IsMarkdownLink reports whether dest is a relative link to a Markdown file.
func IsMarkdownLink(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return false
	}
	ext := strings.ToLower(path.Ext(u.Path))
	return ext == ".md" || ext == ".markdown"
}

// position finds the line and column of a link from the first text it holds,
// or the block it is in.
func position(n ast.Node, src []byte) (int, int) {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 1, 1
	}
	// The text starts after "[", so step back to it for the column.
	if off > 0 && src[off-1] == '[' {
		off--
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

// ids makes heading IDs that keep letters, marks and digits of every
// script, so "Thu hút đầu tư" becomes "thu-hút-đầu-tư" rather than
// goldmark's "thu-ht-u-t", and Khmer headings keep their vowel signs.
type ids struct {
	seen map[string]int
}

func newIDs() *ids { return &ids{seen: map[string]int{}} }

// HeadingID returns the ID for a heading's text, without de-duplication.
func HeadingID(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || unicode.IsSpace(r):
			dash = true
		case r == '\u200b' || r == '\u200c' || r == '\u200d':
			// Zero-width (non-)joiners and spaces are invisible in Khmer text.
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	id := HeadingID(string(value))
	if id == "" {
		id = "section"
	}
	base := id
	for n := s.seen[base]; ; n++ {
		if n > 0 {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		if _, taken := s.seen[id]; !taken {
			s.seen[base] = n + 1
			s.seen[id] = 1
			return []byte(id)
		}
	}
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = 1 }
