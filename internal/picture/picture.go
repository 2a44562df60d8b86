// Package picture makes the resized copies of a page bundle's images that
// responsive <img srcset> needs: a reader on a phone downloads a 480-pixel
// image, not the editor's 4000-pixel original. It runs between Markdown
// (which asks for an image's sizes) and publishing (which writes the
// copies). Resizing uses golang.org/x/image/draw's Catmull-Rom filter, the
// best of its kernels for downscaling photographs and diagrams alike, and
// the standard library's JPEG and PNG encoders, so the same source always
// gives the same bytes.
package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registers the GIF decoder for DecodeConfig
	"image/jpeg"
	"image/png"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/draw"
)

// maxPixels refuses images whose decoded size would be unreasonable; a
// 40-megapixel photo is already 160 MB in memory.
const maxPixels = 50_000_000

// jpegQuality is visually lossless for photographs at a third of the bytes
// of quality 100.
const jpegQuality = 82

// Variant is one resized copy.
type Variant struct {
	Name   string // file name, e.g. "map-480w.png"
	Width  int
	Height int
	Data   []byte // encoded image; nil for the original itself
}

// Image is a source image and the copies made of it, narrowest first. The
// last entry is the largest (the original itself when it is no wider than
// the widest size), so every width in the srcset exists.
type Image struct {
	Width, Height int // of the original
	Variants      []Variant
}

// Srcset returns the srcset attribute value with each name passed through
// url (which makes it an address the page can use).
func (im *Image) Srcset(url func(name string) string) string {
	var b strings.Builder
	for i, v := range im.Variants {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %dw", url(v.Name), v.Width)
	}
	return b.String()
}

// Default is the variant for the src attribute of browsers without srcset:
// the widest one no wider than 960 pixels.
func (im *Image) Default() Variant {
	d := im.Variants[0]
	for _, v := range im.Variants {
		if v.Width <= 960 {
			d = v
		}
	}
	return d
}

// Largest is the widest variant; its size is what width and height
// attributes give, so the browser reserves the right box before loading.
func (im *Image) Largest() Variant { return im.Variants[len(im.Variants)-1] }

// ErrUnsupported is returned for files that are not JPEG, PNG or GIF; the
// page then links the file as it is.
var ErrUnsupported = errors.New("not a JPEG, PNG or GIF image")

// Store resizes each source file once, however many pages and languages
// show it. It is safe for concurrent use.
type Store struct {
	widths []int
	mu     sync.Mutex
	images map[string]*entry
}

type entry struct {
	once sync.Once
	img  *Image
	err  error
}

// NewStore returns a store that makes the given widths; without any, 480,
// 960 and 1440 pixels: a phone, a phone at 2x or a laptop, and a
// high-density laptop.
func NewStore(widths ...int) *Store {
	if len(widths) == 0 {
		widths = []int{480, 960, 1440}
	}
	return &Store{widths: widths, images: map[string]*entry{}}
}

// Get returns the image at file with its variants, making them on first
// use.
func (s *Store) Get(file string) (*Image, error) {
	s.mu.Lock()
	e := s.images[file]
	if e == nil {
		e = &entry{}
		s.images[file] = e
	}
	s.mu.Unlock()
	e.once.Do(func() {
		data, err := os.ReadFile(file)
		if err != nil {
			e.err = err
			return
		}
		e.img, e.err = Make(path.Base(strings.ReplaceAll(file, "\\", "/")), data, s.widths)
	})
	return e.img, e.err
}

// Make decodes data (the file called name) and returns it with a copy at
// each width narrower than the original. Images are never enlarged: the
// original itself is the last variant when it is no wider than the widest
// width, and is used as it is (Data nil). GIFs are not resized (an
// animation would lose its frames); they come back as their one original.
func Make(name string, data []byte, widths []int) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, ErrUnsupported)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%s: image has no size", name)
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("%s: %d×%d pixels is too large to resize; scale it down below %d megapixels", name, cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	im := &Image{Width: cfg.Width, Height: cfg.Height}
	original := Variant{Name: name, Width: cfg.Width, Height: cfg.Height}
	if format == "gif" {
		im.Variants = []Variant{original}
		return im, nil
	}
	if format != "jpeg" && format != "png" {
		return nil, fmt.Errorf("%s: %w", name, ErrUnsupported)
	}
	var src image.Image
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for _, w := range widths {
		if w >= cfg.Width {
			continue
		}
		if src == nil {
			if src, _, err = image.Decode(bytes.NewReader(data)); err != nil {
				return nil, fmt.Errorf("decoding %s: %w", name, err)
			}
		}
		h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
		b, err := resize(src, w, h, format)
		if err != nil {
			return nil, fmt.Errorf("resizing %s to %d pixels: %w", name, w, err)
		}
		im.Variants = append(im.Variants, Variant{Name: fmt.Sprintf("%s-%dw%s", base, w, ext), Width: w, Height: h, Data: b})
	}
	if len(widths) == 0 || cfg.Width <= slices.Max(widths) {
		im.Variants = append(im.Variants, original)
	}
	return im, nil
}

// resize scales src to w×h and encodes it in format.
func resize(src image.Image, w, h int, format string) ([]byte, error) {
	var dst draw.Image
	if _, opaque := src.(*image.YCbCr); opaque || format == "jpeg" {
		dst = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		dst = image.NewNRGBA(image.Rect(0, 0, w, h))
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	switch format {
	case "jpeg":
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality}); err != nil {
			return nil, err
		}
	default:
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, dst); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}
