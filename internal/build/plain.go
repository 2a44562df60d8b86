package build

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"
)

// plainText strips tags from rendered HTML for summaries and descriptions:
// tags become spaces, entities are decoded and runs of white space
// collapse to one space.
func plainText(b []byte) string {
	var sc plainScratch
	return sc.plainText(b)
}

// plainScratch holds plainText's working buffers, so that a worker that
// reuses one allocates only the resulting string: the text of every page
// passes through here once.
type plainScratch struct {
	text, out []byte
}

// plainPrefix is the text of the start of b, at least minRunes long when
// b has that much: what summaries and descriptions are cut from, for
// pages no search index reads whole. Stripping a page's whole text only to
// keep 240 characters of it cost a tenth of a large build, and holding it
// a third of its memory.
func (sc *plainScratch) plainPrefix(b []byte, minRunes int) string {
	for n := 4 * minRunes; n < len(b); n *= 2 {
		cut := bytes.LastIndexByte(b[:n], '<') // never inside a tag or an entity
		if cut <= 0 {
			continue
		}
		if t := sc.plainText(b[:cut]); utf8.RuneCountInString(t) >= minRunes {
			return t
		}
	}
	return sc.plainText(b)
}

func (sc *plainScratch) plainText(b []byte) string {
	if !utf8.Valid(b) {
		return plainTextSlow(b)
	}
	// '<' and '>' never occur inside a UTF-8 sequence, so bytes will do.
	text := sc.text[:0]
	in := false
	for i := 0; i < len(b); {
		if in {
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				break
			}
			i += j + 1
			in = false
			continue
		}
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			text = append(text, b[i:]...)
			break
		}
		text = append(text, b[i:i+j]...)
		text = append(text, ' ')
		i += j + 1
		in = true
	}
	sc.text = text
	if bytes.IndexByte(text, '&') >= 0 {
		if knownEntities(text) {
			text = unescapeKnown(text)
		} else {
			text = []byte(html.UnescapeString(string(text)))
		}
	}
	sc.out = collapseSpace(sc.out[:0], text)
	return string(sc.out)
}

// entities are those goldmark writes into text (the footnote backlink's
// &#160;, escaped quotes and brackets), with what html.UnescapeString
// makes of each.
var entities = [...]struct{ name, text string }{
	{"&#160;", "\u00a0"}, {"&quot;", `"`}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"},
}

// entityAt returns the index in entities of the entity at b[i:], or -1.
func entityAt(b []byte, i int) int {
	for k, e := range entities {
		if bytes.HasPrefix(b[i:], []byte(e.name)) {
			return k
		}
	}
	return -1
}

// knownEntities reports whether every '&' in b starts one of entities.
func knownEntities(b []byte) bool {
	for i := 0; i < len(b); i++ {
		k := bytes.IndexByte(b[i:], '&')
		if k < 0 {
			return true
		}
		i += k
		if entityAt(b, i) < 0 {
			return false
		}
	}
	return true
}

// unescapeKnown decodes entities in place (each decodes to fewer bytes);
// left to right, one entity at a time, as html.UnescapeString does.
func unescapeKnown(b []byte) []byte {
	w := 0
	for i := 0; i < len(b); {
		if b[i] == '&' {
			e := entities[entityAt(b, i)]
			w += copy(b[w:], e.text)
			i += len(e.name)
			continue
		}
		b[w] = b[i]
		w++
		i++
	}
	return b[:w]
}

// collapseSpace appends strings.Join(strings.Fields(b), " ") for valid
// UTF-8 to out, copying runs of text whole.
func collapseSpace(out, b []byte) []byte {
	for i := 0; i < len(b); {
		for i < len(b) {
			n := spaceLen(b, i)
			if n == 0 {
				break
			}
			i += n
		}
		if i == len(b) {
			break
		}
		j := i + 1
	scan:
		for j < len(b) {
			// Printable ASCII, continuation bytes and characters whose first
			// byte no space starts with are skipped whole (b is valid UTF-8);
			// Khmer's E1 9E/9F lead is told from U+1680's E1 9A here too.
			switch c := b[j]; {
			case c > ' ' && c < 0xC2:
				j++
			case c == 0xE1 && j+1 < len(b) && b[j+1] != 0x9A:
				j += 3
			case c >= 0xC3 && c < 0xE0:
				j += 2
			case c >= 0xE4 && c < 0xF0:
				j += 3
			case c >= 0xF0:
				j += 4
			case spaceLen(b, j) == 0:
				j++
			default:
				break scan
			}
		}
		j = min(j, len(b))
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, b[i:j]...)
		i = j
	}
	return out
}

// spaceLen is the length of the white space character (unicode.IsSpace)
// starting at b[i], or 0. The non-ASCII ones are U+0085, U+00A0, U+1680,
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, so text in
// Vietnamese or Khmer is told from space by its bytes, without decoding.
func spaceLen(b []byte, i int) int {
	switch b[i] {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return 1
	case 0xC2:
		if i+1 < len(b) && (b[i+1] == 0x85 || b[i+1] == 0xA0) {
			return 2
		}
	case 0xE1:
		if i+2 < len(b) && b[i+1] == 0x9A && b[i+2] == 0x80 {
			return 3
		}
	case 0xE2:
		if i+2 < len(b) {
			c1, c2 := b[i+1], b[i+2]
			if c1 == 0x80 && (c2 >= 0x80 && c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) || c1 == 0x81 && c2 == 0x9F {
				return 3
			}
		}
	case 0xE3:
		if i+2 < len(b) && b[i+1] == 0x80 && b[i+2] == 0x80 {
			return 3
		}
	}
	return 0
}

// plainTextSlow is plainText for invalid UTF-8, which ranging over a
// string turns into U+FFFD.
func plainTextSlow(b []byte) string {
	var out strings.Builder
	in := false
	for _, c := range string(b) {
		switch {
		case c == '<':
			in = true
			out.WriteByte(' ')
		case c == '>':
			in = false
		case !in:
			out.WriteRune(c)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(out.String())), " ")
}
