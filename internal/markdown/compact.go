package markdown

import "bytes"

// Compact appends src, HTML as goldmark writes it, to dst without the white
// space that cannot show: the line breaks goldmark puts around block
// elements (a whitespace run next to a block-level tag, on either side),
// and the trailing newline. Text keeps its own white space, as inline
// elements' does, and the content of pre, textarea, script and style, and
// comments, are copied as they are. &quot; in text becomes a quote.
//
// This is what an HTML minifier does to goldmark's output, in one pass
// over bytes: tdewolff/minify, which the build used for bodies before,
// tokenises every attribute and text node, and took a tenth of a large
// build's CPU. TestCompact holds the two to the same result.
func Compact(dst, src []byte) []byte {
	lastBlock := false // the last thing copied was a block-level tag
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '<':
			end := tagEnd(src, i)
			name, closing := tagName(src[i+1 : end])
			isBlock := blockTag(name)
			if isBlock {
				// White space before a block tag cannot show.
				dst = bytes.TrimRight(dst, " \t\n\r\f")
			}
			dst = append(dst, src[i:end]...)
			i = end
			if !closing && rawTag(name) {
				// Copy the element's content and its end tag unchanged.
				j := rawEnd(src, i, name)
				dst = append(dst, src[i:j]...)
				i = j
			}
			lastBlock = isBlock
		case c == '&' && bytes.HasPrefix(src[i:], []byte("&quot;")):
			dst = append(dst, '"')
			i += len("&quot;")
			lastBlock = false
		case lastBlock && isSpace(c):
			i++ // white space after a block tag cannot show either
		default:
			// Text up to the next tag or entity, found with IndexByte,
			// which looks at many bytes at a time.
			j := len(src)
			if k := bytes.IndexByte(src[i+1:], '<'); k >= 0 {
				j = i + 1 + k
			}
			if k := bytes.IndexByte(src[i+1:j], '&'); k >= 0 {
				j = i + 1 + k
			}
			dst = append(dst, src[i:j]...)
			i = j
			lastBlock = false
		}
	}
	return bytes.TrimRight(dst, " \t\n\r\f")
}

// tagEnd returns the index after the tag or comment starting at src[i]:
// after its '>' outside quoted attribute values, or len(src).
func tagEnd(src []byte, i int) int {
	if bytes.HasPrefix(src[i:], []byte("<!--")) {
		if k := bytes.Index(src[i+4:], []byte("-->")); k >= 0 {
			return i + 4 + k + 3
		}
		return len(src)
	}
	var quote byte
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return len(src)
}

// tagName returns the name of a tag from the bytes after its '<', and
// whether it is an end tag. Comments and declarations have none.
func tagName(t []byte) ([]byte, bool) {
	closing := len(t) > 0 && t[0] == '/'
	if closing {
		t = t[1:]
	}
	n := 0
	for n < len(t) && (t[n] >= 'a' && t[n] <= 'z' || t[n] >= 'A' && t[n] <= 'Z' || t[n] >= '0' && t[n] <= '9') {
		n++
	}
	return t[:n], closing
}

// lower returns name in lower case, in buf when it fits (tag names are
// short); a longer name is no tag of block or raw.
func lower(buf *[12]byte, name []byte) string {
	if len(name) > len(buf) {
		return ""
	}
	for i, c := range name {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(name)])
}

func blockTag(name []byte) bool {
	var buf [12]byte
	return block[lower(&buf, name)]
}

func rawTag(name []byte) bool {
	var buf [12]byte
	return raw[lower(&buf, name)]
}

// rawEnd returns the index after the end tag of the raw-text element
// name whose content starts at src[i], or len(src).
func rawEnd(src []byte, i int, name []byte) int {
	for j := i; j < len(src); j++ {
		if src[j] == '<' && j+1 < len(src) && src[j+1] == '/' {
			if n, _ := tagName(src[j+1 : min(len(src), j+2+len(name)+1)]); bytes.EqualFold(n, name) {
				return tagEnd(src, j)
			}
		}
	}
	return len(src)
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// block holds the elements around which white space never shows.
var block = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "caption": true, "col": true,
	"colgroup": true, "dd": true, "details": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true, "tbody": true,
	"td": true, "tfoot": true, "th": true, "thead": true, "tr": true, "ul": true,
}

// raw holds the elements whose content is copied as it is.
var raw = map[string]bool{"pre": true, "textarea": true, "script": true, "style": true}
