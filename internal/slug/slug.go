// Package slug turns titles, file names and taxonomy terms into URL path
// segments that stay readable in every script the site is written in.
//
// Latin letters lose their accents (Vietnamese "Đường" becomes "duong", with
// đ mapped explicitly since Unicode does not decompose it), while marks on
// other scripts are kept: a Khmer vowel sign or coeng is part of the word,
// not an accent, and dropping it corrupts the text (Hugo's helpers do).
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make returns s as a lowercase, hyphen-separated path segment. Separators
// are only ever written between letters or digits, one at a time, so a slug
// can neither start with a dot (a hidden file) nor hold a ".." run, whatever
// the title or file name was.
func Make(s string) string {
	s = Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	var sep rune // the separator owed before the next letter; 0 for none
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			if sep != 0 && b.Len() > 0 {
				b.WriteRune(sep)
			}
			sep = 0
			b.WriteRune(r)
		case r == '_' || r == '.':
			// Kept between letters: file names like "plan_2024" or "v1.2"
			// read better with them; a hyphen owed wins.
			if sep != '-' {
				sep = r
			}
		default:
			sep = '-'
		}
	}
	return b.String()
}

// Fold lowercases s, normalises it to NFC and strips accents from Latin
// letters only. It is what search and slugs share, so that "duong",
// "đường" and "Đường" (typed precomposed or decomposed) all meet.
func Fold(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	latinBase := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			if latinBase {
				continue
			}
			b.WriteRune(r)
			continue
		}
		switch r {
		case 'đ', 'Đ':
			r = 'd'
		case 'ø', 'Ø':
			r = 'o'
		case 'ß', 'ẞ': // the capital lowercases to ß, which folds to ss
			b.WriteString("ss")
			latinBase = true
			continue
		}
		latinBase = unicode.Is(unicode.Latin, r)
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// Unsafe reports why a path given by an editor (a front matter slug or url)
// cannot be used, or "" when it is safe. It rejects anything that could
// escape the output folder or change the meaning of a URL.
func Unsafe(p string) string {
	switch {
	case strings.ContainsRune(p, '\\'):
		return "contains a backslash"
	case strings.Contains(p, "://") || hasScheme(p):
		return "contains a URL scheme"
	case strings.ContainsAny(p, "?#"):
		return "contains '?' or '#'"
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return "contains a control character"
		}
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "contains a '" + seg + "' segment"
		}
	}
	return ""
}

func hasScheme(p string) bool {
	i := strings.IndexByte(p, ':')
	if i <= 0 {
		return false
	}
	for _, r := range p[:i] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
