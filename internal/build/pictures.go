package build

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"sitegen/internal/fault"
	"sitegen/internal/markdown"
	"sitegen/internal/picture"
	"sitegen/internal/publish"
	"sitegen/internal/site"
)

// imageSizes tells the browser how wide a content image is drawn before it
// has the stylesheet: the text column (.content, 44rem) on a wide screen,
// the screen less the page margins on a phone. Keep in step with site.css.
const imageSizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"

// pictures are the resized images of page bundles: made once per source
// file by the store, written once per page folder that shows them.
type pictures struct {
	store *picture.Store
	mu    sync.Mutex
	files map[string][]byte // output path → encoded image
}

func newPictures() *pictures {
	return &pictures{store: picture.NewStore(), files: map[string][]byte{}}
}

func (ps *pictures) add(rel string, data []byte) {
	ps.mu.Lock()
	ps.files[rel] = data
	ps.mu.Unlock()
}

// write writes every resized copy, in a fixed order.
func (ps *pictures) write(out *publish.Output, diags *fault.List) {
	rels := slices.Sorted(maps.Keys(ps.files))
	for _, r := range rels {
		if err := out.WriteRaw(r, ps.files[r]); err != nil {
			diags.Add(fault.Finding{Severity: fault.Error, Msg: fmt.Sprintf("writing %s: %v", r, err)})
		}
	}
}

// imager gives the local images of bundle page p their resized copies,
// srcset and size. Pages that are not bundles have no files of their own,
// so their images are left as written.
func imager(s *site.Site, p *site.Page, ps *pictures) markdown.Imager {
	if p.Src == nil || p.Src.Dir == "" {
		return nil
	}
	return func(dest string) (markdown.Picture, bool, error) {
		u, err := url.Parse(dest)
		if err != nil {
			return markdown.Picture{}, false, fmt.Errorf("not a valid address: %v", err)
		}
		rel := path.Join(p.Src.Dir, u.Path)
		if !slices.Contains(p.Src.Resources, rel) {
			return markdown.Picture{}, false, fmt.Errorf("there is no file %s in the page's folder %s", u.Path, p.Src.Dir)
		}
		im, err := ps.store.Get(filepath.Join(s.Config.Dir, filepath.FromSlash(rel)))
		if errors.Is(err, picture.ErrUnsupported) {
			return markdown.Picture{}, false, nil // SVG and the like: no pixels to resize
		}
		if err != nil {
			return markdown.Picture{}, false, err
		}
		// Resources are published flat beside the page (see renderPages).
		dir := strings.TrimPrefix(p.RelURL, "/")
		urlOf := func(name string) string { return site.EscapePath(p.RelURL + name) }
		for _, v := range im.Variants {
			if v.Data != nil {
				ps.add(dir+v.Name, v.Data)
			}
		}
		large := im.Largest()
		pic := markdown.Picture{Src: urlOf(im.Default().Name), Width: large.Width, Height: large.Height}
		if len(im.Variants) > 1 {
			pic.Srcset, pic.Sizes = im.Srcset(urlOf), imageSizes
		}
		return pic, true, nil
	}
}

// reportImages adds a page's image findings: a missing file is an error,
// a missing alt text a warning (the page works, but not for everyone).
func reportImages(p *site.Page, res markdown.Result, diags *fault.List) {
	for _, e := range res.Images {
		diags.Add(fault.At(p.Src.File, p.Src.BodyLine+e.Line-1, e.Col).Errorf("image %q: %v", e.Dest, e.Err).
			WithHint("put the image in the page's folder (a page bundle) and refer to it by its file name"))
	}
	for _, e := range res.MissingAlt {
		diags.Add(fault.At(p.Src.File, p.Src.BodyLine+e.Line-1, e.Col).Warnf("image %q has no alt text", e.Dest).
			WithHint("say what the image shows between the brackets: ![what it shows](%s)", e.Dest))
	}
}
