package markdown_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"sitegen/internal/markdown"
)

// benchSection is one section of a page as editors write them: a heading,
// prose with links to other pages and the outside world, a list, a local
// image and a remote one, and a small table.
const benchSection = `## Cửa khẩu và giao thương

Cửa khẩu Quốc tế Hoa Lư nằm trên Quốc lộ 13, phía bắc Lộc Ninh, đối diện cửa khẩu Trapeang Sre thuộc tỉnh Kratié, Campuchia. Quanh cửa khẩu là [Khu kinh tế cửa khẩu Hoa Lư](../investment/hoa-lu-border-economic-zone.md), nơi phát triển **thương mại**, logistics và chế biến nông sản[^1].

![Cổng cửa khẩu Hoa Lư nhìn từ phía Việt Nam](hoa-lu-gate.jpg)

- Mang hộ chiếu còn hạn và thị thực phù hợp cho cả hai nước; xem [quy định nhập cảnh](https://evisa.gov.vn/) trước khi đi.
- Hàng hóa xuất nhập khẩu làm thủ tục hải quan tại cửa khẩu, theo [hướng dẫn](../documents/customs-procedures.md#hang-hoa).
- Giờ làm việc có thể thay đổi; không nên đến sát giờ đóng cửa.

| Chỉ tiêu | 2023 | 2024 |
|---|--:|--:|
| Kim ngạch (triệu USD) | 412 | 455 |
| Lượt người qua lại | 1.2 triệu | 1.4 triệu |

Bản đồ khu vực: ![](https://www.openstreetmap.org/export/map.png) và [Biên giới với Campuchia](../border-cooperation/border-with-cambodia.md), [Hỏi – đáp về các cửa khẩu](../fact-check/border-gates-open-to-all.md).

`

// benchBody is a page of about 10 KB, the median of a generated corpus.
var benchBody = []byte(strings.Repeat(benchSection, 8) + "[^1]: Số liệu của Ban quản lý khu kinh tế tỉnh.\n")

// BenchmarkRender renders one page with the build's two hooks, into a
// reused buffer as the build does.
func BenchmarkRender(b *testing.B) {
	r := markdown.New(markdown.Options{})
	hooks := markdown.Hooks{
		Links: func(dest string) (string, error) {
			if strings.HasPrefix(dest, "../documents/") {
				return "", errors.New("no such page")
			}
			return "/vi/" + strings.TrimSuffix(strings.TrimPrefix(dest, "../"), ".md") + "/", nil
		},
		Images: func(dest string) (markdown.Picture, bool, error) {
			return markdown.Picture{Src: "/vi/p/" + dest, Srcset: "/vi/p/480-" + dest + " 480w, /vi/p/" + dest + " 960w", Sizes: "100vw", Width: 960, Height: 640}, true, nil
		},
	}
	var buf bytes.Buffer
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		buf.Reset()
		if _, err := r.RenderTo(&buf, benchBody, hooks); err != nil {
			b.Fatal(err)
		}
	}
}
