package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func terms(lang, s string) []string {
	var out []string
	for _, t := range Tokenize(lang, s) {
		out = append(out, t.Term)
	}
	return out
}

func TestVietnameseFolding(t *testing.T) {
	for _, s := range []string{"Đường", "đường", "ĐƯỜNG", "duong", "Duong"} {
		for name, in := range map[string]string{"NFC": norm.NFC.String(s), "NFD": norm.NFD.String(s)} {
			if got := terms("vi", in); !slices.Equal(got, []string{"duong"}) {
				t.Errorf("%s %q: got %q; want [duong]", name, s, got)
			}
		}
	}
	got := terms("vi", "Khu công nghiệp Đồng Xoài, tỉnh Bình Phước.")
	want := []string{"khu", "cong", "nghiep", "dong", "xoai", "tinh", "binh", "phuoc"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestEnglishStemming(t *testing.T) {
	for in, want := range map[string]string{
		"parks": "park", "Industrial": "industrial", "industries": "industri", "industry": "industri",
		"investing": "invest", "invested": "invest", "investment": "investment", "caresses": "caress",
		"agreed": "agree", "hoping": "hope", "hopping": "hop", "falling": "fall", "gates": "gate",
		"crossings": "cross", "is": "is", "Phước's": "phuoc",
	} {
		if got := terms("en", in); len(got) == 0 || got[0] != want {
			t.Errorf("%q: got %q; want %q first", in, got, want)
		}
	}
	if got := terms("vi", "parks"); got[0] != "parks" {
		t.Errorf("Vietnamese pages are stemmed as English: got %q", got)
	}
}

func TestKhmerClusters(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Subscript consonants (coeng + consonant) stay in their cluster.
		{"coeng", "ឧស្សាហកម្ម", "ឧ|ស្សា|ហ|ក|ម្ម"},
		{"coeng and vowel", "ខេត្តប៊ិញភឿក", "ខេ|ត្ត|ប៊ិ|ញ|ភឿ|ក"},
		{"robat and signs", "សម្ពោធ ព័ត៌មាន", "ស|ម្ពោ|ធ|ព័|ត៌|មា|ន"},
		// Zero-width spaces separate words and are not part of any term.
		{"zwsp", "តំបន់\u200bឧស្សាហកម្ម", "តំ|ប|ន់|ឧ|ស្សា|ហ|ក|ម្ម"},
		// Khmer digits are ASCII digits; khan (។) is punctuation.
		{"digits", "ឆ្នាំ២០២៤។", "ឆ្នាំ|2024"},
		// The two-part spelling of the vowel oe is the one-character vowel.
		{"split vowel", "ស\u17C1\u17B8", "ស\u17BE"},
		// Joiners are invisible and dropped, vowel signs never.
		{"joiner", "ក\u200Cា", "កា"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(terms("km", tt.in), "|"); got != tt.want {
				t.Errorf("got %s; want %s", got, tt.want)
			}
		})
	}
}

// TestKhmerWordInRun checks that a word written inside a longer unspaced
// run, or across a zero-width space, yields every term its query needs.
func TestKhmerWordInRun(t *testing.T) {
	texts := map[string]string{
		"run":  "ភូមិបុមបូ និងសំឡេងអង្រែបុកស្រូវ",
		"zwsp": "សំឡេង\u200bអង្រែ\u200bបុក\u200bស្រូវ",
	}
	queries := []string{"អង្រែ", "អង្រែបុកស្រូវ", "អង្រែ\u200bបុក", "បុក ស្រូវ", "សំឡេងអង្រែ"}
	for name, text := range texts {
		have := map[string]bool{}
		for _, tok := range Terms(Tokenize("km", text)) {
			have[tok.Term] = true
		}
		for _, q := range queries {
			qt := ParseQuery("km", q)
			if len(qt) == 0 {
				t.Fatalf("query %q has no terms", q)
			}
			for _, term := range qt {
				if !term.Bonus && !have[term.Term] {
					t.Errorf("%s: query %q needs %q, which %q does not index", name, q, term.Term, text)
				}
			}
		}
	}
	// A word the text does not hold is not found through its clusters.
	have := map[string]bool{}
	for _, tok := range Terms(Tokenize("km", texts["run"])) {
		have[tok.Term] = true
	}
	missing := 0
	for _, term := range ParseQuery("km", "ឧស្សាហកម្ម") {
		if !have[term.Term] {
			missing++
		}
	}
	if missing == 0 {
		t.Errorf("every term of ឧស្សាហកម្ម is in a text without it")
	}
}

func TestParseQuery(t *testing.T) {
	got := ParseQuery("km", "អង្រែ បុក")
	want := []QueryTerm{
		{Term: "អង្រែ", Pos: 0}, {Term: "ង្រែបុ", Pos: 1, Bonus: true}, {Term: "បុក", Pos: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
	if got := ParseQuery("km", "ក"); !slices.Equal(got, []QueryTerm{{Term: "ក"}}) {
		t.Errorf("one cluster: got %+v", got)
	}
}

// TestNFCShortcut: text the tokenizer takes as composed without asking
// norm is composed, and text with anything else is composed by norm: on
// every character of the ranges it trusts, alone and around combining
// marks, and on the repository's content.
func TestNFCShortcut(t *testing.T) {
	var samples []string
	for r := rune(0); r < 0x10000; r++ {
		s := string(r)
		samples = append(samples, s, "e"+s, s+"\u0301", s+"\u17D2\u1780", "\u17DD"+s, s+"\u0323\u0302")
	}
	samples = append(samples, "Bình Phước", "Bi\u0300nh Phu\u031Bo\u031Bc", "ភ្នំបារ៉ា", "\u17DD\u17D2", "a\u2000b")
	for _, s := range samples {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Errorf("nfc(%+q) = %+q; want %+q", s, got, want)
		}
	}
}

// tokenizeRunes is the tokenizer as it was written over []rune, the
// reference the byte-wise one must agree with.
func tokenizeRunes(lang, text string, fold func(string) string) []Token {
	text = norm.NFC.String(text)
	var out []Token
	rs := []rune(text)
	gap := Broken
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isKhmerBase(r) || isKhmerMark(r):
			var b strings.Builder
			b.WriteRune(rs[i])
			j := i + 1
		cluster:
			for j < len(rs) {
				r := rs[j]
				switch {
				case r == 0x17D2 && j+1 < len(rs) && isKhmerBase(rs[j+1]):
					b.WriteRune(r)
					b.WriteRune(rs[j+1])
					j += 2
				case isKhmerMark(r):
					b.WriteRune(r)
					j++
				case isInvisible(r):
					j++
				default:
					break cluster
				}
			}
			out = append(out, Token{Term: foldKhmer(b.String()), Pos: len(out), Khmer: true, Gap: gap})
			gap = Touching
			i = j
		case isWordRune(r):
			j := i
			for j < len(rs) && isWordRune(rs[j]) && !isKhmerBase(rs[j]) && !isKhmerMark(rs[j]) {
				j++
			}
			out = append(out, Token{Term: fold(string(rs[i:j])), Pos: len(out), Gap: gap})
			gap = Touching
			i = j
		default:
			switch {
			case unicode.IsSpace(r) || r == zwsp:
				gap = max(gap, Spaced)
			case !isInvisible(r):
				gap = Broken
			}
			i++
		}
	}
	return out
}

// TestTokenizeBytes: the tokenizer that reads bytes gives the same tokens
// as the one that read runes, on random text of Khmer clusters (with
// coeng, invisible joiners, the two-part vowels), Vietnamese in both
// forms, spaces, zero-width spaces, punctuation and invalid bytes.
func TestTokenizeBytes(t *testing.T) {
	parts := []string{"ក", "ខ្មែរ", "\u17D2", "\u17D2ក", "\u200C", "\u200D", "\u200B", "\u17C1\u17B8", "\u17B4", "ា", "ំ", "\u17DD",
		"Bình", "Phu\u031Bo\u031Bc", "đường", " ", "  ", "\n", ".", ",", "–", "↩︎", "\xff", "\xe1\x9e", "123", "១២", "a\u0301", "ABC"}
	r := rand.New(rand.NewPCG(1, 2))
	fold := func(s string) string { return strings.ToLower(s) }
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		for _, lang := range []string{"vi", "km"} {
			got, want := tokenize(lang, s, fold), tokenizeRunes(lang, s, fold)
			if !slices.Equal(got, want) {
				t.Fatalf("tokenize(%+q) = %v; over runes %v", s, got, want)
			}
		}
	}
}
