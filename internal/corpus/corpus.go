// Package corpus generates the benchmark site: a deterministic,
// Hugo-compatible multilingual source tree (Vietnamese, English, Khmer) of
// any size, the Go port of ../shared/bench/gencorpus.py that Hugo was
// measured on. Every page exists in vi; about 90% also in en and 80% in km
// (independent draws). Translations share a file name
// (content/<section>/<slug>.<lang>.md) and a translationKey. Bodies have
// 600-1200 words with headings, lists, a table, a quote, in-language links
// and footnotes, so Markdown, templates and minification all do real work.
//
// The same Options give byte-identical files. The random stream is Go's
// PCG rather than Python's Mersenne Twister, so the text differs from the
// Python generator's while the shape (counts, lengths, features) is the same.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Options say what to generate.
type Options struct {
	Pages   int    // Vietnamese (default-language) source pages
	Seed    uint64 // same seed and pages, same corpus
	BaseURL string // default https://example.org/
}

// Stats count what was written.
type Stats struct {
	Files   int            // page files, index files excluded
	PerLang map[string]int // page files per language
	Index   int            // _index files (home and sections)
	Bytes   int64
}

// The probabilities that a page has an English and a Khmer translation.
const (
	pEN = 0.90
	pKM = 0.80
)

// page is one planned page and its translations.
type page struct {
	i       int
	section string
	place   place
	langs   []string
	titles  map[string]string
	slug    string
	date    string
}

// rng draws like Python's random module, on Go's PCG.
type rng struct{ r *rand.Rand }

func (g rng) intn(n int) int               { return g.r.IntN(n) }
func (g rng) randint(lo, hi int) int       { return lo + g.r.IntN(hi-lo+1) }
func (g rng) float() float64               { return g.r.Float64() }
func (g rng) uniform(a, b float64) float64 { return a + (b-a)*g.r.Float64() }
func (g rng) choice(s []string) string     { return s[g.r.IntN(len(s))] }

// sample returns k distinct elements of s in random order.
func sample[T any](g rng, s []T, k int) []T {
	c := append([]T(nil), s...)
	for i := 0; i < k; i++ {
		j := i + g.r.IntN(len(c)-i)
		c[i], c[j] = c[j], c[i]
	}
	return c[:k]
}

// Generate writes the corpus into dir: config.toml and content/. An
// existing dir/content is replaced; nothing else in dir is touched.
func Generate(dir string, opt Options) (Stats, error) {
	if opt.Pages < 1 {
		return Stats{}, fmt.Errorf("corpus: pages must be at least 1, not %d", opt.Pages)
	}
	if opt.BaseURL == "" {
		opt.BaseURL = "https://example.org/"
	}
	st := Stats{PerLang: map[string]int{}}
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		return st, fmt.Errorf("corpus: clearing content: %w", err)
	}
	g := rng{rand.New(rand.NewPCG(opt.Seed, 0x5eed))}

	// Plan pages first so links only target pages that exist in the link's language.
	pages := make([]*page, opt.Pages)
	for i := range pages {
		sec := sections[i%len(sections)]
		if i >= len(sections) {
			sec = g.choice(sections)
		}
		pl := places[g.intn(len(places))]
		ls := []string{"vi"}
		if g.float() < pEN {
			ls = append(ls, "en")
		}
		if g.float() < pKM {
			ls = append(ls, "km")
		}
		y, mo, d := g.randint(2015, 2025), g.randint(1, 12), g.randint(1, 28)
		hh, mm := g.randint(6, 21), g.randint(0, 59)
		titles := map[string]string{}
		for _, l := range ls {
			titles[l] = titleFor(g, l, sec, pl)
		}
		vi := titles["vi"]
		if _, after, ok := strings.Cut(vi, ":"); ok {
			vi = after
		}
		s := slugify(vi)
		if len(s) > 60 {
			s = s[:60]
		}
		pages[i] = &page{i: i, section: sec, place: pl, langs: ls, titles: titles,
			slug: strings.Trim(s, "-") + "-" + strconv.Itoa(i+1),
			date: fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00+07:00", y, mo, d, hh, mm)}
	}
	byLang := map[string][]*page{}
	for _, p := range pages {
		for _, l := range p.langs {
			byLang[l] = append(byLang[l], p)
		}
	}
	url := func(p *page, lang string) string {
		prefix := ""
		if lang != "vi" {
			prefix = "/" + lang
		}
		return prefix + "/" + p.section + "/" + p.slug + "/"
	}

	write := func(rel, text string) error {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		st.Bytes += int64(len(text))
		return nil
	}
	if err := write("config.toml", config(opt.BaseURL)); err != nil {
		return st, err
	}
	for _, l := range langs {
		if err := write("content/_index."+l+".md", fmt.Sprintf("+++\ntitle = %s\ndescription = %s\n+++\n\n%s\n",
			tomlStr(siteTitles[l]), tomlStr(siteDescs[l]), siteDescs[l])); err != nil {
			return st, err
		}
		st.Index++
		for _, s := range sections {
			if err := write("content/"+s+"/_index."+l+".md", fmt.Sprintf("+++\ntitle = %s\ntranslationKey = %s\n+++\n",
				tomlStr(sectionTitles[s][l]), tomlStr("section-"+s))); err != nil {
				return st, err
			}
			st.Index++
		}
	}

	for _, p := range pages {
		for _, l := range p.langs {
			pool := byLang[l]
			var links [][2]string
			for n := g.randint(3, 6); n > 0; n-- {
				q := pool[g.intn(len(pool))]
				if q != p {
					links = append(links, [2]string{q.titles[l], url(q, l)})
				}
			}
			target := g.randint(600, 1200)
			desc := (&writer{g: g, lang: l}).sentence(false)
			tags := sample(g, tagNames[l], g.randint(2, 4))
			var fm strings.Builder
			fm.WriteString("+++\n")
			fmt.Fprintf(&fm, "title = %s\n", tomlStr(p.titles[l]))
			fmt.Fprintf(&fm, "date = %s\n", p.date)
			fmt.Fprintf(&fm, "description = %s\n", tomlStr(desc))
			qt := make([]string, len(tags))
			for i, t := range tags {
				qt[i] = tomlStr(t)
			}
			fmt.Fprintf(&fm, "tags = [%s]\n", strings.Join(qt, ", "))
			fmt.Fprintf(&fm, "translationKey = %s\n", tomlStr(fmt.Sprintf("%s-%06d", p.section, p.i+1)))
			if p.section == "tourism" {
				fmt.Fprintf(&fm, "lat = %.5f\n", p.place.lat+g.uniform(-0.2, 0.2))
				fmt.Fprintf(&fm, "lon = %.5f\n", p.place.lon+g.uniform(-0.2, 0.2))
			}
			fm.WriteString("+++\n\n")
			fm.WriteString(body(g, l, links, p.place, target))
			if err := write("content/"+p.section+"/"+p.slug+"."+l+".md", fm.String()); err != nil {
				return st, err
			}
			st.Files++
			st.PerLang[l]++
		}
	}
	return st, nil
}

// config is the site configuration, Hugo's keys as gencorpus.py writes
// them, and the pager size the benchmark's Hugo theme asks for in its list
// layout (.Paginate .Pages 20), which sitegen's layouts take from here, so
// that both tools split lists into the same pagers.
func config(baseURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "baseURL = %s\n", tomlStr(baseURL))
	b.WriteString(`defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = false
enableRobotsTXT = true
timeZone = "Asia/Ho_Chi_Minh"

[params]
  default_lang = "vi"
  organization = "Vietnam Cambodia Cooperation Portal"

[taxonomies]
  tag = "tags"

[sitemap]
  changeFreq = "weekly"
  priority = 0.5

[services.rss]
  limit = 20

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]

[markup.goldmark.extensions]
  footnote = true
  table = true

[pagination]
  pagerSize = 20

[languages]
`)
	locales := map[string]string{"vi": "vi_VN", "en": "en_US", "km": "km_KH"}
	names := map[string]string{"vi": "Tiếng Việt", "en": "English", "km": "ភាសាខ្មែរ"}
	for w, l := range langs {
		fmt.Fprintf(&b, "  [languages.%s]\n", l)
		fmt.Fprintf(&b, "    weight = %d\n", w+1)
		fmt.Fprintf(&b, "    title = %s\n", tomlStr(siteTitles[l]))
		fmt.Fprintf(&b, "    [languages.%s.params]\n", l)
		fmt.Fprintf(&b, "      description = %s\n", tomlStr(siteDescs[l]))
		fmt.Fprintf(&b, "      og_locale = %s\n", tomlStr(locales[l]))
		fmt.Fprintf(&b, "      lang_label = %s\n", tomlStr(names[l]))
	}
	return b.String()
}

func tomlStr(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// slugify is gencorpus.py's: đ→d, accents dropped, ASCII letters and
// digits kept, everything else one dash.
func slugify(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
	s = norm.NFKD.String(s)
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case unicode.Is(unicode.Mn, c):
		case c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			b.WriteRune(c)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

func titleFor(g rng, lang, section string, pl place) string {
	w := &writer{g: g, lang: lang}
	sec := sectionTitles[section][lang]
	pn := pl.name[lang]
	body := w.phrase(g.randint(3, 6))
	switch lang {
	case "km":
		return sec + " " + body + " នៅ" + pn
	case "vi":
		return sec + ": " + body + " tại " + pn
	}
	return sec + ": " + body + " in " + pn
}

// writer builds Markdown for one page in one language, counting words.
type writer struct {
	g         rng
	lang      string
	links     [][2]string // (title, url) in the same language
	words     int
	footnotes int
}

func (w *writer) phrase(n int) string {
	v := vocab[w.lang]
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.g.choice(v)
	}
	// "words": whitespace tokens for en; lexical items for vi (compounds
	// such as "hợp tác" count once) and km (no inter-word spaces).
	if w.lang == "en" {
		for _, x := range ws {
			w.words += len(strings.Fields(x))
		}
	} else {
		w.words += n
	}
	if w.lang == "km" {
		// Khmer: no spaces within a phrase; chunks of 2-4 words.
		var chunks []string
		for i := 0; i < len(ws); {
			k := w.g.randint(2, 4)
			chunks = append(chunks, strings.Join(ws[i:min(i+k, len(ws))], ""))
			i += k
		}
		return strings.Join(chunks, " ")
	}
	return strings.Join(ws, " ")
}

// splitLast splits off the last rune (the sentence's full stop).
func splitLast(s string) (string, string) {
	r := []rune(s)
	return string(r[:len(r)-1]), string(r[len(r)-1:])
}

func (w *writer) sentence(decorate bool) string {
	g := w.g
	left := g.randint(8, 20)
	var parts []string
	for left > 0 {
		k := min(left, g.randint(2, 6))
		p := w.phrase(k)
		if decorate {
			x := g.float()
			switch {
			case x < 0.06:
				p = "**" + p + "**"
			case x < 0.11:
				p = "*" + p + "*"
			case x < 0.14 && len(w.links) > 0:
				l := w.links[g.intn(len(w.links))]
				p = "[" + p + "](" + l[1] + ")"
			}
		}
		parts = append(parts, p)
		left -= k
	}
	s := strings.Join(parts, " ")
	if w.lang == "km" {
		s += "។"
	} else {
		// Capitalise the first letter, skipping markup.
		for i, c := range s {
			if unicode.IsLetter(c) {
				s = s[:i] + string(unicode.ToUpper(c)) + s[i+len(string(c)):]
				break
			}
		}
		s += "."
	}
	if decorate && g.float() < 0.05 && w.footnotes < 4 {
		w.footnotes++
		head, stop := splitLast(s)
		s = head + "[^" + strconv.Itoa(w.footnotes) + "]" + stop
	}
	return s
}

func (w *writer) paragraph(lo, hi int) string {
	n := w.g.randint(lo, hi)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = w.sentence(true)
	}
	return strings.Join(ss, " ")
}

func (w *writer) number(lo, hi int) string {
	s := strconv.Itoa(w.g.randint(lo, hi))
	if w.lang == "km" { // Khmer digits ០-៩ are U+17E0-U+17E9
		return strings.Map(func(r rune) rune { return r - '0' + '\u17e0' }, s)
	}
	return s
}

func body(g rng, lang string, links [][2]string, pl place, target int) string {
	w := &writer{g: g, lang: lang, links: links}
	var out []string
	out = append(out, w.paragraph(3, 5), "", w.paragraph(2, 4))
	heads := sample(g, headings[lang], len(headings[lang]))
	features := sample(g, []string{"ul", "ol", "table", "quote", "h3"}, 5)
	hi := 0
	// The last section (plus "see also" and footnotes) overshoots by ~100-150 words.
	for w.words < target-130 {
		out = append(out, "", "## "+heads[hi%len(heads)], "", w.paragraph(3, 6))
		hi++
		feat := ""
		if len(features) > 0 {
			feat, features = features[len(features)-1], features[:len(features)-1]
		}
		switch feat {
		case "ul":
			out = append(out, "")
			for n := g.randint(4, 7); n > 0; n-- {
				out = append(out, "- "+w.sentence(true))
			}
		case "ol":
			out = append(out, "")
			n := g.randint(3, 6)
			for i := range n {
				out = append(out, strconv.Itoa(i+1)+". "+w.sentence(true))
			}
		case "table":
			out = append(out, "", "| "+strings.Join(tableHead[lang], " | ")+" |", "|---|---:|---:|---:|")
			for n := g.randint(4, 8); n > 0; n-- {
				a, b := w.number(100, 9000), w.number(100, 9000)
				sign := "-"
				if g.float() < 0.7 {
					sign = "+"
				}
				c := sign + w.number(1, 40) + "%"
				out = append(out, "| "+w.phrase(g.randint(2, 4))+" | "+a+" | "+b+" | "+c+" |")
			}
		case "quote":
			out = append(out, "", "> "+w.sentence(false)+" "+w.sentence(false), ">",
				"> — *"+quoteAttr[lang]+" "+pl.name[lang]+"*")
		case "h3":
			out = append(out, "", "### "+pl.name[lang], "", w.paragraph(2, 4))
		}
		if g.float() < 0.5 {
			out = append(out, "", w.paragraph(2, 5))
		}
	}
	// At least two in-language links per page.
	if len(links) > 0 {
		rel := map[string]string{"vi": "Xem thêm", "en": "See also", "km": "សូមមើលផងដែរ"}[lang]
		var ls []string
		for _, l := range sample(g, links, min(3, len(links))) {
			ls = append(ls, "["+l[0]+"]("+l[1]+")")
		}
		out = append(out, "", "**"+rel+":** "+strings.Join(ls, ", "))
	}
	if w.footnotes == 0 {
		head, stop := splitLast(out[0])
		out[0] = head + "[^1]" + stop
		w.footnotes = 1
	}
	out = append(out, "")
	for i := 1; i <= w.footnotes; i++ {
		year := w.number(2015, 2025)
		out = append(out, "[^"+strconv.Itoa(i)+"]: "+footnoteSrc[lang]+" "+pl.name[lang]+", "+year+".")
	}
	out = append(out, "")
	return strings.Join(out, "\n")
}
