package slug_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/slug"
)

// FuzzSlug checks what every URL segment sitegen makes relies on: a slug
// is one path segment that cannot climb (no '/', '\', "." or ".." and no
// leading dot that would hide the file), has no control characters or
// spaces, is stable when made again, and does not depend on whether the
// text was typed precomposed (NFC) or decomposed (NFD). Unsafe must reject
// every path that path cleaning would take above its root.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Hoa Lư", "Đường Hồ Chí Minh", "Đu\u031bo\u031b\u0300ng", "តំបន់ឧស្សាហកម្ម", "../../etc/passwd",
		"a\\b", "javascript:alert(1)", "..", ".hidden", "v1.2_final", "a\x00b\x7f", "\u200b\u200d", "ǅ ǈ ﬁ",
		"/a/./b/", "C:\\Windows", "%2e%2e/x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := slug.Make(s)
		if strings.ContainsAny(m, "/\\") || m == "." || m == ".." || strings.HasPrefix(m, ".") {
			t.Errorf("Make(%q) = %q: not a safe path segment", s, m)
		}
		for _, r := range m {
			if unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError {
				t.Errorf("Make(%q) = %q contains %U", s, m, r)
			}
		}
		if !utf8.ValidString(m) {
			t.Errorf("Make(%q) = %q is not UTF-8", s, m)
		}
		if utf8.ValidString(s) {
			if again := slug.Make(m); again != m {
				t.Errorf("Make is not stable: Make(%q) = %q, Make(%q) = %q", s, m, m, again)
			}
			if d, c := slug.Make(norm.NFD.String(s)), slug.Make(norm.NFC.String(s)); d != c {
				t.Errorf("Make(NFD %q) = %q but Make(NFC) = %q", s, d, c)
			}
			if d, c := slug.Fold(norm.NFD.String(s)), slug.Fold(norm.NFC.String(s)); d != c {
				t.Errorf("Fold(NFD %q) = %q but Fold(NFC) = %q", s, d, c)
			}
		}
		if slug.Unsafe(s) == "" {
			for _, seg := range strings.Split(s, "/") {
				if seg == ".." || seg == "." || strings.ContainsAny(seg, "\\?#") {
					t.Errorf("Unsafe(%q) accepted the segment %q", s, seg)
				}
			}
			for _, r := range s {
				if unicode.IsControl(r) {
					t.Errorf("Unsafe(%q) accepted the control character %U", s, r)
				}
			}
		}
	})
}
