package slug_test

import (
	"testing"

	"sitegen/internal/slug"
)

func TestMake(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hoa Lư", "hoa-lu"},
		{"Đường Hồ Chí Minh", "duong-ho-chi-minh"},
		{"Đu\u031bo\u031b\u0300ng", "duong"}, // decomposed Vietnamese folds like precomposed
		{"តំបន់ឧស្សាហកម្ម", "តំបន់ឧស្សាហកម្ម"}, // Khmer keeps vowel signs and coeng
		{"  Kế hoạch / 2024 ", "ke-hoach-2024"},
		{"ba-ra-mountain", "ba-ra-mountain"},
	} {
		if got := slug.Make(tc.in); got != tc.want {
			t.Errorf("Make(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestUnsafe(t *testing.T) {
	for _, p := range []string{"../etc", "/a/../b", `a\b`, "javascript:alert(1)", "https://x.org/", "a\x00b", "a?b"} {
		if slug.Unsafe(p) == "" {
			t.Errorf("Unsafe(%q) = \"\"; want a reason", p)
		}
	}
	for _, p := range []string{"ba-ra", "/gioi-thieu/", "tin-tức", "ទេសចរណ៍"} {
		if why := slug.Unsafe(p); why != "" {
			t.Errorf("Unsafe(%q) = %q; want safe", p, why)
		}
	}
}
