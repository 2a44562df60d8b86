// Package search builds, at build time, a static full-text index per
// language that the browser queries without a server: the last step of the
// pipeline, after pages are rendered.
//
// The index is split so a query downloads little: a small meta file (the
// term ranges of the chunks, page lengths), term chunks holding the
// postings of a sorted range of terms, and one fragment per page (URL,
// title, text for excerpts) fetched only for the results shown. Every file
// is gzip-compressed by the build, as Pagefind's are, so that bytes on disk
// are bytes on the wire whatever the CDN does.
//
// Text is split per language: Vietnamese and English words are case- and
// accent-folded (đ→d), English lightly stemmed, Khmer split into clusters
// indexed singly and in pairs, so that a word inside an unspaced Khmer run
// is found. static/js/search.js implements the query side; Query in this
// package implements the same ranking for tests and tools.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"maps"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
)

// Dir is where a language's index is written, below the output root; the
// search layout passes the same path to search.js.
func Dir(lang string) string { return "_search/" + lang + "/" }

// Weights of a term occurrence by where it stands.
const (
	weightTitle   = 6
	weightHeading = 2 // added to the body occurrence the heading also is
	weightBody    = 1
	maxPositions  = 8 // positions kept per term and page, for adjacency
	chunkTarget   = 32 << 10
	lenScale      = 16 // page length / average length, in 1/16, one char per page
)

// TitleSpan is where body positions start: a position below it is in the
// page's title (for titles of fewer tokens).
const TitleSpan = 64

// Doc is one page to index.
type Doc struct {
	URL   string
	Title string
	// HTML is the rendered body, or only its headings (Headings):
	// headings are all that is read from it.
	HTML string
	// Text is the body as plain text, shown in excerpts.
	Text string
}

// Index collects the documents of one language.
type Index struct {
	lang  string
	docs  []Doc
	folds sync.Map  // word as written → term
	gzips sync.Pool // *gzip.Writer
}

// fold folds and stems a word as Tokenize does, remembering the result.
func (x *Index) fold(w string) string {
	if t, ok := x.folds.Load(w); ok {
		return t.(string)
	}
	t := foldWord(w)
	if x.lang == "en" {
		t = Stem(t)
	}
	x.folds.Store(w, t)
	return t
}

// New returns an empty index for language lang.
func New(lang string) *Index { return &Index{lang: lang} }

// Add adds a page. Pages are numbered in the order added, so callers add
// them in a stable order for reproducible output.
func (x *Index) Add(d Doc) { x.docs = append(x.docs, d) }

// Len is the number of pages added.
func (x *Index) Len() int { return len(x.docs) }

type posting struct {
	doc       int
	tf        int
	positions []int
}

// Meta is the entry file of a language's index.
type Meta struct {
	Version string      `json:"v"`
	Lang    string      `json:"lang"`
	Pages   int         `json:"n"`
	Lens    string      `json:"lens"`   // one char per page: its length against the average, see lenScale
	Chunks  [][2]string `json:"chunks"` // first term, file name
}

// Fragment is what a result shows.
type Fragment struct {
	URL   string `json:"u"`
	Title string `json:"t"`
	Text  string `json:"x"`
}

var headingRE = regexp.MustCompile(`(?s)<h[1-6][^>]*>(.*?)</h[1-6]>`)

// Headings returns the heading elements of a rendered body, which is all
// of Doc.HTML an index reads: a build keeps them, not the whole body, for
// the pages it indexes once they are written.
func Headings(html string) string {
	var b strings.Builder
	for _, m := range headingRE.FindAllStringIndex(html, -1) {
		b.WriteString(html[m[0]:m[1]])
	}
	return b.String()
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

const lenAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// Files returns the index's files by path relative to Dir(lang). The same
// documents give byte-identical files.
func (x *Index) Files() (map[string][]byte, error) {
	// Pages are analyzed in parallel batches and their postings encoded
	// straight away, in page order, so memory holds the encoded index and
	// one batch, not every page's terms.
	type encoded struct {
		buf  []byte
		prev int
	}
	post := map[string]*encoded{}
	lens := make([]int, len(x.docs))
	const batch = 256
	analyzed := make([]map[string]*posting, batch)
	for lo := 0; lo < len(x.docs); lo += batch {
		n := min(batch, len(x.docs)-lo)
		parallel(n, func(k int) { analyzed[k], lens[lo+k] = x.analyze(lo + k) })
		for k := range n {
			for term, p := range analyzed[k] {
				e := post[term]
				if e == nil {
					e = &encoded{}
					post[term] = e
				} else {
					e.buf = append(e.buf, ' ')
				}
				e.buf = strconv.AppendInt(e.buf, int64(p.doc-e.prev), 36)
				e.prev = p.doc
				e.buf = append(e.buf, '.')
				e.buf = strconv.AppendInt(e.buf, int64(p.tf), 36)
				last := 0
				for _, pos := range p.positions {
					e.buf = append(e.buf, '.')
					e.buf = strconv.AppendInt(e.buf, int64(pos-last), 36)
					last = pos
				}
			}
			analyzed[k] = nil
		}
	}
	terms := slices.Sorted(maps.Keys(post))

	var raw [][]byte
	var firsts []string
	var chunk bytes.Buffer
	for _, t := range terms {
		if chunk.Len() == 0 {
			firsts = append(firsts, t)
		}
		chunk.WriteString(t)
		chunk.WriteByte('\t')
		chunk.Write(post[t].buf)
		chunk.WriteByte('\n')
		if chunk.Len() >= chunkTarget {
			raw = append(raw, bytes.Clone(chunk.Bytes()))
			chunk.Reset()
		}
	}
	if chunk.Len() > 0 {
		raw = append(raw, chunk.Bytes())
	}
	frags := make([][]byte, len(x.docs))
	for id, d := range x.docs {
		b, err := json.Marshal(Fragment{URL: d.URL, Title: d.Title, Text: d.Text})
		if err != nil {
			return nil, err
		}
		frags[id] = b
	}
	gzChunks := make([][]byte, len(raw))
	gzFrags := make([][]byte, len(frags))
	parallel(len(raw)+len(frags), func(i int) {
		if i < len(raw) {
			gzChunks[i] = x.gzip(raw[i])
		} else {
			gzFrags[i-len(raw)] = x.gzip(frags[i-len(raw)])
		}
	})

	files := map[string][]byte{}
	meta := Meta{Lang: x.lang, Pages: len(x.docs), Lens: lenString(lens)}
	version := sha256.New()
	for i, gz := range gzChunks {
		sum := sha256.Sum256(gz)
		name := "t/" + hex.EncodeToString(sum[:6]) + ".idx"
		files[name] = gz
		version.Write(sum[:])
		meta.Chunks = append(meta.Chunks, [2]string{firsts[i], name})
	}
	for id, gz := range gzFrags {
		version.Write(gz)
		files["p/"+strconv.Itoa(id)+".idx"] = gz
	}
	meta.Version = hex.EncodeToString(version.Sum(nil)[:6])
	b, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	files["meta.idx"] = x.gzip(b)
	return files, nil
}

// analyze returns the weighted term frequencies (with the first
// positions) of document id, and its length in tokens.
func (x *Index) analyze(id int) (map[string]*posting, int) {
	d := x.docs[id]
	tf := map[string]*posting{}
	add := func(term string, w, pos int) {
		p := tf[term]
		if p == nil {
			p = &posting{doc: id}
			tf[term] = p
		}
		p.tf += w
		if pos >= 0 && len(p.positions) < maxPositions {
			p.positions = append(p.positions, pos)
		}
	}
	// Body positions start at TitleSpan, so that the query side can tell
	// a title match from a body match. Khmer terms keep positions in the
	// title only: in the body, pairs of clusters already say what is
	// adjacent, and positions would double the index.
	title := tokenize(x.lang, d.Title, x.fold)
	for _, t := range Terms(title) {
		add(t.Term, weightTitle, t.Pos)
	}
	base := max(TitleSpan, len(title)+1)
	body := tokenize(x.lang, d.Text, x.fold)
	for _, t := range Terms(body) {
		pos := base + t.Pos
		if t.Khmer {
			pos = -1
		}
		add(t.Term, weightBody, pos)
	}
	for _, m := range headingRE.FindAllStringSubmatch(d.HTML, -1) {
		h := html.UnescapeString(tagRE.ReplaceAllString(m[1], " "))
		for _, t := range Terms(tokenize(x.lang, h, x.fold)) {
			add(t.Term, weightHeading, -1)
		}
	}
	return tf, len(title) + len(body)
}

// parallel runs f(0..n-1) on every core.
func parallel(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// lenString encodes each page's length against the average in one char.
func lenString(lens []int) string {
	total := 0
	for _, n := range lens {
		total += n
	}
	if len(lens) == 0 || total == 0 {
		return strings.Repeat(string(lenAlphabet[lenScale]), len(lens))
	}
	avg := float64(total) / float64(len(lens))
	b := make([]byte, len(lens))
	for i, n := range lens {
		q := int(math.Round(float64(n) / avg * lenScale))
		b[i] = lenAlphabet[min(max(q, 1), len(lenAlphabet)-1)]
	}
	return string(b)
}

// gzip compresses b with no name or time in the header, so the output is
// deterministic. Compressors are costly to set up and reused across the
// thousands of small files of an index. Writing to memory cannot fail.
func (x *Index) gzip(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := x.gzips.Get().(*gzip.Writer)
	if w == nil {
		w = gzip.NewWriter(&buf)
	} else {
		w.Reset(&buf)
	}
	w.Write(b)
	w.Close()
	x.gzips.Put(w)
	return buf.Bytes()
}
