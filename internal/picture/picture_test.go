package picture_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"slices"
	"strconv"
	"testing"

	"sitegen/internal/picture"
)

func encode(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "png":
		err = png.Encode(&buf, img)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMake(t *testing.T) {
	widths := []int{480, 960, 1440}
	for _, tc := range []struct {
		name, format string
		w, h         int
		want         []string // variant name:width×height
	}{
		{"photo.jpg", "jpeg", 1500, 1000, []string{"photo-480w.jpg:480×320", "photo-960w.jpg:960×640", "photo-1440w.jpg:1440×960"}},
		{"mid.png", "png", 1000, 333, []string{"mid-480w.png:480×160", "mid-960w.png:960×320", "mid.png:1000×333"}},
		{"exact.png", "png", 960, 100, []string{"exact-480w.png:480×50", "exact.png:960×100"}},
		{"tiny.jpg", "jpeg", 200, 100, []string{"tiny.jpg:200×100"}},
		{"anim.gif", "gif", 600, 300, []string{"anim.gif:600×300"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im, err := picture.Make(tc.name, encode(t, tc.format, tc.w, tc.h), widths)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range im.Variants {
				got = append(got, v.Name+":"+strconv.Itoa(v.Width)+"×"+strconv.Itoa(v.Height))
				if v.Data == nil {
					continue
				}
				cfg, format, err := image.DecodeConfig(bytes.NewReader(v.Data))
				if err != nil || cfg.Width != v.Width || cfg.Height != v.Height || format != tc.format {
					t.Errorf("%s decodes as %s %d×%d (%v); want %s %d×%d", v.Name, format, cfg.Width, cfg.Height, err, tc.format, v.Width, v.Height)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
			again, _ := picture.Make(tc.name, encode(t, tc.format, tc.w, tc.h), widths)
			for i := range im.Variants {
				if !bytes.Equal(im.Variants[i].Data, again.Variants[i].Data) {
					t.Errorf("%s: two runs gave different bytes", im.Variants[i].Name)
				}
			}
		})
	}
}

func TestMakeRefuses(t *testing.T) {
	if _, err := picture.Make("map.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), nil); !errors.Is(err, picture.ErrUnsupported) {
		t.Errorf("SVG: got %v; want ErrUnsupported", err)
	}
	// A PNG header claiming 20000×20000 pixels is refused before decoding.
	ihdr := []byte("IHDR\x00\x00\x4e\x20\x00\x00\x4e\x20\x08\x00\x00\x00\x00")
	huge := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d"), ihdr...)
	huge = binary.BigEndian.AppendUint32(huge, crc32.ChecksumIEEE(ihdr))
	if _, err := picture.Make("huge.png", huge, []int{480}); err == nil {
		t.Error("a 400-megapixel image was accepted")
	}
}
