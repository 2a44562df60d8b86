package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one indexed unit of text: a folded word (Latin and other
// space-separated scripts) or one Khmer orthographic syllable (cluster).
// Pos counts tokens from the start of the text, so adjacency in the text is
// Pos+1, whichever script the tokens are in.
type Token struct {
	Term  string
	Pos   int
	Khmer bool
	Gap   Gap // what separates the token from the one before it
}

// Gap is what stands between two tokens.
type Gap uint8

// The gaps, from closest to farthest.
const (
	Touching Gap = iota // nothing: clusters of one Khmer run, or a number written onto a word
	Spaced              // only spaces or zero-width spaces
	Broken              // punctuation or other symbols
)

// Tokenize splits text into tokens in the way of language lang: words are
// case- and accent-folded (Vietnamese đ→d included), English words are
// lightly stemmed, Khmer runs are split into clusters with their vowel
// signs and subscripts intact, and Khmer digits become ASCII digits.
//
// search.js carries the same algorithm; the tests hold both to one table.
func Tokenize(lang, text string) []Token {
	return tokenize(lang, text, func(w string) string {
		w = foldWord(w)
		if lang == "en" {
			w = Stem(w)
		}
		return w
	})
}

// tokenize is Tokenize with the folding of words (and stemming) given, so
// that the indexer can cache it: pages repeat a small vocabulary.
func tokenize(lang, text string, fold func(string) string) []Token {
	text = nfc(text)
	var out []Token
	gap := Broken
	// Over the string's bytes, decoding as it goes: a page's text is not
	// copied into runes, nor its words back into strings.
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isKhmerBase(r) || isKhmerMark(r):
			j, term := khmerCluster(text, i)
			out = append(out, Token{Term: term, Pos: len(out), Khmer: true, Gap: gap})
			gap = Touching
			i = j
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(r) || isKhmerBase(r) || isKhmerMark(r) {
					break
				}
				j += n
			}
			out = append(out, Token{Term: fold(text[i:j]), Pos: len(out), Gap: gap})
			gap = Touching
			i = j
		default:
			switch {
			case unicode.IsSpace(r) || r == zwsp:
				gap = max(gap, Spaced)
			case !isInvisible(r):
				gap = Broken
			}
			i += size
		}
	}
	return out
}

const zwsp = '\u200B'

// nfc returns text in Unicode's composed form. Text made only of
// characters that are composed already and never combine with a
// neighbour (ASCII and the Latin letters below U+0300, Vietnamese's
// precomposed letters, Khmer but for the rare U+17DD, general
// punctuation but for the two quads that NFC replaces, arrows such as the
// footnotes' ↩ and the variation selectors after them) is that form as it
// is; telling so by ranges costs a fraction of norm's table lookups, which
// took a tenth of indexing a large site. Anything else goes through norm.
func nfc(text string) string {
	for _, r := range text {
		switch {
		case r < 0x300, r >= 0x1E00 && r <= 0x1EFF, r >= 0x1780 && r <= 0x17FF && r != 0x17DD, r >= 0x2002 && r <= 0x206F,
			r >= 0x2190 && r <= 0x21FF, r >= 0xFE00 && r <= 0xFE0F:
		default:
			return norm.NFC.String(text)
		}
	}
	return text
}

// isInvisible reports characters that change nothing a reader sees or
// types: joiners and the deprecated Khmer inherent vowels, which Unicode
// advises against using. Dropping them is not stripping a vowel sign.
func isInvisible(r rune) bool {
	return r == '\u200C' || r == '\u200D' || r == '\u17B4' || r == '\u17B5' || r == '\uFEFF' || r == '\u00AD'
}

// isKhmerBase reports a character that starts a Khmer cluster: a
// consonant, an independent vowel, or the avakrahasanya sign.
func isKhmerBase(r rune) bool {
	return r >= 0x1780 && r <= 0x17B3 || r == 0x17DC
}

// isKhmerMark reports dependent vowels, signs and the coeng, which belong
// to the cluster of the base before them.
func isKhmerMark(r rune) bool {
	return r >= 0x17B6 && r <= 0x17D3 || r == 0x17DD
}

// isWordRune reports letters, digits and marks of words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// khmerCluster reads the cluster (orthographic syllable) starting at
// rs[i]: a base followed by its signs, vowels and coeng+consonant pairs,
// returning where it ends and its folded form. A mark with no base before
// it stands alone rather than being dropped.
func khmerCluster(text string, i int) (int, string) {
	_, n := utf8.DecodeRuneInString(text[i:])
	j := i + n
	var b strings.Builder // only when an invisible character is left out
	cut := false
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == 0x17D2 && j+n < len(text) && isKhmerBase(runeAt(text, j+n)):
			_, m := utf8.DecodeRuneInString(text[j+n:])
			if cut {
				b.WriteString(text[j : j+n+m])
			}
			j += n + m
		case isKhmerMark(r):
			if cut {
				b.WriteString(text[j : j+n])
			}
			j += n
		case isInvisible(r):
			if !cut {
				b.WriteString(text[i:j])
				cut = true
			}
			j += n
		default:
			return j, foldKhmer(cluster(text[i:j], &b, cut))
		}
	}
	return j, foldKhmer(cluster(text[i:j], &b, cut))
}

// cluster is a Khmer cluster as read: the text itself, or what was kept
// of it when invisible characters were left out.
func cluster(text string, b *strings.Builder, cut bool) string {
	if cut {
		return b.String()
	}
	return text
}

// runeAt decodes the character at text[i].
func runeAt(text string, i int) rune {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// foldKhmer replaces two-part spellings of vowels that look the same as
// their one-character forms (e + ii for oe, e + aa for oo), since readers
// type either.
func foldKhmer(s string) string {
	if !strings.ContainsRune(s, '\u17C1') {
		return s
	}
	return strings.NewReplacer("\u17C1\u17B8", "\u17BE", "\u17C1\u17B6", "\u17C4").Replace(s)
}

// khmerDigit maps a Khmer digit to its ASCII digit.
func khmerDigit(r rune) (rune, bool) {
	if r >= 0x17E0 && r <= 0x17E9 {
		return '0' + (r - 0x17E0), true
	}
	return r, false
}

// foldWord lowercases a word, maps Khmer and other decimal digits to ASCII,
// and strips accents from Latin letters only (đ→d, since Unicode does not
// decompose it). Marks on other scripts are part of their letters.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	w = norm.NFD.String(w)
	var b strings.Builder
	b.Grow(len(w))
	latin := false
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) {
			if !latin {
				b.WriteRune(r)
			}
			continue
		}
		if isInvisible(r) {
			continue
		}
		if d, ok := khmerDigit(r); ok {
			r = d
		}
		switch r {
		case 'đ', 'Đ':
			r = 'd'
		case 'ø', 'Ø':
			r = 'o'
		}
		latin = unicode.Is(unicode.Latin, r)
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// Terms returns the index terms of tokens: every word; every Khmer cluster
// on its own and, when it follows another cluster with at most spaces or
// zero-width spaces between them, the pair of them. A query of two or more
// clusters looks up pairs, which are far more selective than single
// clusters and find a word anywhere inside a run, whether or not the writer
// put zero-width spaces between words.
func Terms(toks []Token) []Token {
	out := make([]Token, 0, len(toks)*2)
	for i, t := range toks {
		out = append(out, t)
		if t.Khmer && i+1 < len(toks) && toks[i+1].Khmer && toks[i+1].Gap <= Spaced {
			out = append(out, Token{Term: t.Term + toks[i+1].Term, Pos: t.Pos, Khmer: true})
		}
	}
	return out
}

// QueryTerm is one term a query looks up, with its position in the query
// so that pages holding the terms at the same distances rank first.
type QueryTerm struct {
	Term string
	Pos  int
	// Bonus terms are not required: the pair of clusters that spans a
	// space between two Khmer words of the query, which ranks first the
	// pages where the words stand together.
	Bonus bool
}

// ParseQuery turns a query into the terms to look up: words as they are
// indexed; a Khmer run of one cluster as that cluster, of more as its
// consecutive pairs. A space or zero-width space in a Khmer query is a word
// boundary: the words on either side are looked up separately, and the
// pair across the boundary is a bonus term.
func ParseQuery(lang, q string) []QueryTerm {
	toks := Tokenize(lang, q)
	var out []QueryTerm
	seen := map[string]bool{}
	add := func(t QueryTerm) {
		if !seen[t.Term] {
			seen[t.Term] = true
			out = append(out, t)
		}
	}
	for i, t := range toks {
		next := i+1 < len(toks) && toks[i+1].Khmer
		switch {
		case !t.Khmer:
			add(QueryTerm{Term: t.Term, Pos: t.Pos})
		case next && toks[i+1].Gap == Touching:
			add(QueryTerm{Term: t.Term + toks[i+1].Term, Pos: t.Pos})
		case i == 0 || !toks[i-1].Khmer || t.Gap != Touching:
			add(QueryTerm{Term: t.Term, Pos: t.Pos}) // a one-cluster word
		}
		if t.Khmer && next && toks[i+1].Gap == Spaced {
			add(QueryTerm{Term: t.Term + toks[i+1].Term, Pos: t.Pos, Bonus: true})
		}
	}
	return out
}
