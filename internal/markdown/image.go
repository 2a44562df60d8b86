package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// imageNotes collects what the image decorator found in one document.
type imageNotes struct {
	errs  []LinkError
	noAlt []LinkError
}

// imageDecorator gives every image lazy loading and asynchronous
// decoding, except the first, which may be the largest thing in view and
// should not wait; local images go through the page's Imager for srcset,
// width and height. goldmark's own image renderer writes these attributes
// (they are in html.ImageAttributeFilter), so no renderer is replaced.
type imageDecorator struct {
	imager Imager
	notes  *imageNotes
	src    []byte
	first  bool
}

func newImageDecorator(pc parser.Context, src []byte) imageDecorator {
	imager, _ := pc.Get(imagerKey).(Imager)
	notes, _ := pc.Get(imageNotesKey).(*imageNotes)
	if notes == nil {
		notes = &imageNotes{}
	}
	return imageDecorator{imager: imager, notes: notes, src: src, first: true}
}

func (d *imageDecorator) decorate(img *ast.Image) {
	dest := string(img.Destination)
	if strings.TrimSpace(altText(img, d.src)) == "" {
		line, col := imagePosition(img, d.src)
		d.notes.noAlt = append(d.notes.noAlt, LinkError{Line: line, Col: col, Dest: dest})
	}
	if d.imager != nil && IsLocalImage(dest) {
		pic, ok, err := d.imager(dest)
		switch {
		case err != nil:
			line, col := imagePosition(img, d.src)
			d.notes.errs = append(d.notes.errs, LinkError{Line: line, Col: col, Dest: dest, Err: err})
		case ok:
			img.Destination = []byte(pic.Src)
			if pic.Srcset != "" {
				img.SetAttributeString("srcset", []byte(pic.Srcset))
				if pic.Sizes != "" {
					img.SetAttributeString("sizes", []byte(pic.Sizes))
				}
			}
			if pic.Width > 0 && pic.Height > 0 {
				img.SetAttributeString("width", []byte(strconv.Itoa(pic.Width)))
				img.SetAttributeString("height", []byte(strconv.Itoa(pic.Height)))
			}
		}
	}
	if !d.first {
		img.SetAttributeString("loading", []byte("lazy"))
	}
	img.SetAttributeString("decoding", []byte("async"))
	d.first = false
}

// IsLocalImage reports whether dest names a file beside the page (a
// relative path without scheme or host), which the build can resize.
func IsLocalImage(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || IsMarkdownLink(dest) {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// altText is the plain text of an image's description.
func altText(img *ast.Image, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			b.WriteString("code")
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// imagePosition is the line and column of the image's "![": the n-th "!["
// in its block for the block's n-th image, since an image with empty alt
// text has no text node to take a position from.
func imagePosition(img *ast.Image, src []byte) (int, int) {
	var blk ast.Node
	for p := img.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			blk = p
			break
		}
	}
	if blk == nil {
		return position(img, src)
	}
	index := 0
	_ = ast.Walk(blk, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n == img {
			return ast.WalkStop, nil
		}
		if _, ok := n.(*ast.Image); ok && entering {
			index++
		}
		return ast.WalkContinue, nil
	})
	lines := blk.Lines()
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	off := start
	for i := 0; i <= index; i++ {
		j := bytes.Index(src[off:end], []byte("!["))
		if j < 0 {
			return position(img, src)
		}
		off += j
		if i < index {
			off += 2
		}
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}
