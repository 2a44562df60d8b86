// Package i18n translates the interface strings of templates (i18n/xx.toml,
// Hugo's format, through go-i18n) and formats dates by CLDR per language.
//
// A string missing from a language is reported at build time and falls
// back to the default language, then to English, then to its ID, so that a
// missing translation is a warning to fix, never a blank on the page.
package i18n

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bep/golocales"
	"github.com/gohugoio/hugo/parser/metadecoders"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"sitegen/internal/config"
	"sitegen/internal/fault"
)

// Catalog holds every language's strings.
type Catalog struct {
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	messages   map[string]map[string]bool // lang → IDs defined
	files      map[string]string          // lang → file, for findings
	fallbacks  []string                   // languages tried after the page's own
	mu         sync.Mutex
	missing    map[string]bool // "lang|id" reported at use
}

// Load reads dir/<lang>.(toml|yaml|json) for every configured language.
func Load(cfg *config.Config, diags *fault.List) *Catalog {
	c := &Catalog{
		bundle:     goi18n.NewBundle(language.Make(cfg.DefaultLang)),
		localizers: map[string]*goi18n.Localizer{},
		messages:   map[string]map[string]bool{},
		files:      map[string]string{},
		missing:    map[string]bool{},
	}
	dir := filepath.Join(cfg.Dir, cfg.I18nDir)
	codes := []string{}
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	if cfg.Lang("en") == nil {
		codes = append(codes, "en") // only as a fallback for strings
	}
	for _, code := range codes {
		c.messages[code] = map[string]bool{}
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			rel := filepath.ToSlash(filepath.Join(cfg.I18nDir, code+ext))
			b, err := os.ReadFile(filepath.Join(dir, code+ext))
			if err != nil {
				continue
			}
			c.files[code] = rel
			raw, err := metadecoders.Default.UnmarshalToMap(b, metadecoders.FormatFromString(ext))
			if err != nil {
				diags.Add(config.DecodeFinding(rel, 0, err))
				break
			}
			tag := language.Make(code)
			for _, id := range slices.Sorted(maps.Keys(raw)) {
				msg, err := message(id, raw[id])
				if err != nil {
					diags.Add(fault.At(rel, lineOf(string(b), id), 1).Errorf("string %q: %v", id, err).
						WithHint("write %s = \"text\" or a table with one and other", id))
					continue
				}
				if err := c.bundle.AddMessages(tag, msg); err != nil {
					diags.Add(fault.At(rel, lineOf(string(b), id), 1).Errorf("string %q: %v", id, err))
					continue
				}
				c.messages[code][id] = true
			}
			break
		}
		c.localizers[code] = goi18n.NewLocalizer(c.bundle, code)
	}
	c.fallbacks = []string{cfg.DefaultLang, "en"}
	// Every string defined in any language must be defined in each.
	all := map[string]bool{}
	for _, l := range cfg.Languages {
		for id := range c.messages[l.Code] {
			all[id] = true
		}
	}
	for _, l := range cfg.Languages {
		file := cmp.Or(c.files[l.Code], filepath.ToSlash(filepath.Join(cfg.I18nDir, l.Code+".toml")))
		var missing []string
		for id := range all {
			if !c.messages[l.Code][id] {
				missing = append(missing, id)
			}
		}
		slices.Sort(missing)
		for _, id := range missing {
			diags.Add(fault.At(file, 0, 0).Warnf("UI string %q is missing in language %q", id, l.Code).
				WithHint("add %s = \"…\" to %s; until then readers see the %s text", id, file, cfg.DefaultLang))
		}
	}
	return c
}

// message converts one entry of a Hugo i18n file to a go-i18n message. A
// plain string, or a table with other (and one, few, …). Plural forms a
// language needs but the file leaves out are filled from other: go-i18n
// v2.7 asks for "one" in Vietnamese, which has no such form in speech.
func message(id string, v any) (*goi18n.Message, error) {
	m := &goi18n.Message{ID: id}
	switch t := v.(type) {
	case string:
		m.Other = t
	case map[string]any:
		get := func(k string) string {
			s, _ := t[k].(string)
			return s
		}
		m.Description = get("description")
		m.Zero, m.One, m.Two, m.Few, m.Many, m.Other =
			get("zero"), get("one"), get("two"), get("few"), get("many"), get("other")
		if m.Other == "" && get("translation") != "" {
			m.Other = get("translation")
		}
		if m.Other == "" {
			return nil, fmt.Errorf("has no \"other\" form")
		}
	default:
		return nil, fmt.Errorf("must be a string or a table, not %T", v)
	}
	for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many} {
		if *f == "" {
			*f = m.Other
		}
	}
	for _, f := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if a := actionBeyondPlaceholder(f); a != "" {
			return nil, fmt.Errorf("uses %s; a UI string may hold only placeholders such as {{ .Count }}", a)
		}
	}
	return m, nil
}

// placeholder is the one template action a UI string may use: a field of
// the data the layout passes ({{ .Count }}, {{.Tag}}) or the data itself.
var placeholder = regexp.MustCompile(`^\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)?\s*-?\}\}`)

// actionBeyondPlaceholder returns the first template action in s that is
// more than a placeholder, or "". go-i18n runs UI strings as Go
// templates, so a translation could otherwise loop ({{ range 1000000000 }}),
// recurse or call functions on every page of every build.
func actionBeyondPlaceholder(s string) string {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return ""
		}
		s = s[i:]
		m := placeholder.FindString(s)
		if m == "" {
			a, _, _ := strings.Cut(s, "}}")
			return a + "}}"
		}
		s = s[len(m):]
	}
}

// T translates id into lang. arg may be nil, a count (any number), or a
// map of template data whose "Count" key, if present, picks the plural.
func (c *Catalog) T(lang, id string, arg any) string {
	lc := &goi18n.LocalizeConfig{MessageID: id}
	switch a := arg.(type) {
	case nil:
	case map[string]any:
		lc.TemplateData = a
		if n, ok := a["Count"]; ok {
			lc.PluralCount = n
		}
	case int, int64, float64, uint64, int32:
		lc.PluralCount = a
		lc.TemplateData = map[string]any{"Count": a}
	default:
		lc.TemplateData = a
	}
	for _, code := range append([]string{lang}, c.fallbacks...) {
		if !c.messages[code][id] {
			continue
		}
		loc := c.localizers[code]
		if loc == nil {
			continue
		}
		s, err := loc.Localize(lc)
		if err == nil {
			if code != lang {
				c.noteMissing(lang, id)
			}
			return s
		}
	}
	c.noteMissing(lang, id)
	return id
}

func (c *Catalog) noteMissing(lang, id string) {
	c.mu.Lock()
	c.missing[lang+"|"+id] = true
	c.mu.Unlock()
}

// Missing returns "lang|id" for every string a template asked for that a
// language lacked, sorted.
func (c *Catalog) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Sorted(maps.Keys(c.missing))
	return out
}

// IDs returns the string IDs defined for lang, sorted.
func (c *Catalog) IDs(lang string) []string {
	out := make([]string, 0, len(c.messages[lang]))
	for id := range c.messages[lang] {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// Localize is T without fallbacks, reporting errors: for tests that every
// message works in every language with every count.
// data may carry further template values besides Count.
func (c *Catalog) Localize(lang, id string, count int, data map[string]any) (string, error) {
	loc := c.localizers[lang]
	if loc == nil {
		return "", fmt.Errorf("no language %q", lang)
	}
	td := map[string]any{"Count": count}
	for k, v := range data {
		td[k] = v
	}
	return loc.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: td})
}

// kmMonths are CLDR's Khmer month names, used to check what the CLDR
// library printed: golocales leaves the Khmer abbreviated months empty, so
// its medium date reads "20  2024"; sitegen prints the long form and falls
// back to these names if a library update ever drops them there too.
var kmMonths = [12]string{"មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"}

// FormatDate formats t as CLDR's long date for lang: "20 tháng 6, 2024",
// "June 20, 2024", "20 មិថុនា 2024".
func FormatDate(lang string, t time.Time) string {
	s := golocales.New(lang).FormatDateLong(t)
	base, _, _ := strings.Cut(lang, "-")
	if base == "km" && !strings.Contains(s, kmMonths[t.Month()-1]) {
		return fmt.Sprintf("%d %s %d", t.Day(), kmMonths[t.Month()-1], t.Year())
	}
	if s == "" || !strings.Contains(s, fmt.Sprint(t.Year())) {
		return t.Format("2006-01-02")
	}
	return s
}

func lineOf(text, key string) int {
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, key) || strings.HasPrefix(t, "["+key+"]") || strings.HasPrefix(t, "\""+key+"\"") {
			return i + 1
		}
	}
	return 0
}
