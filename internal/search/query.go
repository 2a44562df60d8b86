package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Searcher queries a built index the way search.js does, reading only the
// files a query needs; it counts the bytes it reads so that tests and
// benchmarks can tell what a browser would download.
type Searcher struct {
	fsys   fs.FS
	dir    string
	meta   Meta
	chunks map[string]map[string]string // file → term → encoded postings
	// Read is the number of compressed bytes read so far.
	Read int
}

// Result is one ranked page.
type Result struct {
	Page       int // the page's number in the index
	URL, Title string
	Matched    int // query terms the page holds
	Adjacent   int // pairs of query terms it holds at the query's distance
	Score      float64
}

// Open reads the meta file of language lang's index from fsys (the output
// folder).
func Open(fsys fs.FS, lang string) (*Searcher, error) {
	s := &Searcher{fsys: fsys, dir: Dir(lang), chunks: map[string]map[string]string{}}
	b, err := s.read("meta.idx")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.meta); err != nil {
		return nil, fmt.Errorf("reading the %s search index: %w", lang, err)
	}
	return s, nil
}

func (s *Searcher) read(name string) ([]byte, error) {
	gz, err := fs.ReadFile(s.fsys, path.Join(s.dir, name))
	if err != nil {
		return nil, err
	}
	s.Read += len(gz)
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return io.ReadAll(r)
}

// lookup returns the encoded postings of term, loading its chunk once.
func (s *Searcher) lookup(term string) (string, error) {
	cs := s.meta.Chunks
	i := sort.Search(len(cs), func(i int) bool { return cs[i][0] > term }) - 1
	if i < 0 {
		return "", nil
	}
	name := cs[i][1]
	c, ok := s.chunks[name]
	if !ok {
		b, err := s.read(name)
		if err != nil {
			return "", err
		}
		c = map[string]string{}
		for line := range strings.SplitSeq(string(b), "\n") {
			if t, p, ok := strings.Cut(line, "\t"); ok {
				c[t] = p
			}
		}
		s.chunks[name] = c
	}
	return c[term], nil
}

type hit struct {
	doc       int
	matched   int
	adjacent  int
	score     float64
	positions map[int][]int // query term index → positions
}

// BM25's constants, and how much each pair of query terms found at the
// query's distance (a phrase, a Khmer word across a space) raises a page.
const (
	k1             = 1.2
	b              = 0.75
	adjacencyBoost = 0.5
)

// Search returns the first limit ranked results of query q and how many
// pages matched, best first: pages holding
// more of the query's terms first, then by BM25 raised by half for each
// pair of terms found at the query's distance (phrases, Khmer words) and
// up to doubled by the share of the terms found in the title. Titles and URLs are read for the
// first limit results only.
func (s *Searcher) Search(q string, limit int) ([]Result, int, error) {
	qt := ParseQuery(s.meta.Lang, q)
	hits := map[int]*hit{}
	for i, t := range qt {
		enc, err := s.lookup(t.Term)
		if err != nil {
			return nil, 0, err
		}
		if enc == "" {
			continue
		}
		ps := strings.Split(enc, " ")
		df := float64(len(ps))
		idf := math.Log(1 + (float64(s.meta.Pages)-df+0.5)/(df+0.5))
		doc := 0
		for _, p := range ps {
			f := strings.Split(p, ".")
			d, _ := strconv.ParseInt(f[0], 36, 64)
			tf, _ := strconv.ParseInt(f[1], 36, 64)
			doc += int(d)
			h := hits[doc]
			if h == nil {
				h = &hit{doc: doc, positions: map[int][]int{}}
				hits[doc] = h
			}
			pos := 0
			for _, x := range f[2:] {
				v, _ := strconv.ParseInt(x, 36, 64)
				pos += int(v)
				h.positions[i] = append(h.positions[i], pos)
			}
			r := float64(strings.IndexByte(lenAlphabet, s.meta.Lens[doc])) / lenScale
			t := float64(tf)
			if qt[i].Bonus {
				h.adjacent++
				continue
			}
			h.score += idf * t * (k1 + 1) / (t + k1*(1-b+b*r))
			h.matched++
		}
	}
	list := make([]*hit, 0, len(hits))
	for _, h := range hits {
		if h.matched == 0 {
			continue // only bonus terms
		}
		for i := 0; i+1 < len(qt); i++ {
			if adjacent(h.positions[i], h.positions[i+1], qt[i+1].Pos-qt[i].Pos) {
				h.adjacent++
			}
		}
		list = append(list, h)
	}
	required := 0
	for _, t := range qt {
		if !t.Bonus {
			required++
		}
	}
	for _, h := range list {
		inTitle := 0
		for i, t := range qt {
			if !t.Bonus && len(h.positions[i]) > 0 && h.positions[i][0] < TitleSpan {
				inTitle++
			}
		}
		h.score *= (1 + adjacencyBoost*float64(h.adjacent)) * (1 + float64(inTitle)/float64(required))
	}
	slices.SortFunc(list, func(a, c *hit) int {
		switch {
		case a.matched != c.matched:
			return c.matched - a.matched
		case a.score != c.score:
			if a.score > c.score {
				return -1
			}
			return 1
		}
		return a.doc - c.doc
	})
	out := make([]Result, 0, min(limit, len(list)))
	for _, h := range list[:min(limit, len(list))] {
		b, err := s.read("p/" + strconv.Itoa(h.doc) + ".idx")
		if err != nil {
			return nil, 0, err
		}
		var f Fragment
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, 0, fmt.Errorf("fragment %d: %w", h.doc, err)
		}
		out = append(out, Result{Page: h.doc, URL: f.URL, Title: f.Title, Matched: h.matched, Adjacent: h.adjacent, Score: h.score})
	}
	return out, len(list), nil
}

// adjacent reports whether some position in a is followed by one in b at
// distance d.
func adjacent(a, b []int, d int) bool {
	for _, x := range a {
		if slices.Contains(b, x+d) {
			return true
		}
	}
	return false
}
