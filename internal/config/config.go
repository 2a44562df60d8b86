// Package config reads a site's configuration: config.toml (or .yaml,
// .json, hugo.*, or Hugo's config/_default/ directory) with Hugo's key names
// where Hugo has the concept, so that a Hugo site builds without edits.
//
// Keys are matched case-insensitively, as Hugo does. A Hugo key that
// sitegen does not implement is a warning naming it; a key that neither
// knows is an error with the nearest known key as a suggestion, because a
// misspelt key silently ignored is the worst kind of configuration bug.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // sites name their time zone; CI images may lack zoneinfo

	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/parser/metadecoders"

	"sitegen/internal/fault"
)

// Config is a site's configuration after defaults are applied.
type Config struct {
	Dir             string // the site directory
	File            string // the main config file, relative to Dir
	BaseURL         string // absolute, ending in "/"
	Title           string
	Copyright       string
	DefaultLang     string
	DefaultInSubdir bool
	Languages       []*Language // ordered by weight, then code
	Taxonomies      []Taxonomy  // ordered by plural name
	Params          map[string]any
	Permalinks      map[string]string // section → pattern for its pages
	SectionLinks    map[string]string // section → pattern for the section page
	UnsafeHTML      bool              // markup.goldmark.renderer.unsafe
	TimeZone        *time.Location
	ContentDir      string
	LayoutDir       string
	I18nDir         string
	StaticDir       string
	PublishDir      string
	ArchetypeDir    string                 // page templates for "sitegen new", Hugo's archetypes
	ContentTypes    map[string]ContentType // by type: a page's "type" or its section
	Deployment      Deployment             // [deployment], read by sitegen deploy
	PagerSize       int                    // pages per pager of a paginated list (pagination.pagerSize; Hugo's default 10)
}

// ContentType is what a kind of page must say about itself. The structured
// tables a page may carry ([place], [event], …) have rules of their own;
// these are the rules a site adds per section, because only the site knows
// that every fact-check needs a [claim] or every news item a description.
type ContentType struct {
	Schema   string   // schema.org type of the page's article node: "Article", "NewsArticle", …
	Required []string // front matter keys that must be set, dotted for tables: "place.address"
}

// Language is one of the site's languages.
type Language struct {
	Code         string
	Name         string // languageName, in its own script
	Title        string // the site's title in this language
	LanguageCode string // e.g. "vi-VN"; defaults to Code
	Direction    string // "ltr" or "rtl"
	Weight       int
	Params       map[string]any
	ContentDir   string // per-language content root, relative to the site dir; "" means the shared one
	Menus        map[string][]MenuEntry
	Permalinks   map[string]string
	SectionLinks map[string]string
}

// Taxonomy is a classification such as tags.
type Taxonomy struct {
	Singular string // front matter may use either name
	Plural   string // the front matter key and URL segment
}

// MenuEntry is one item of a configured menu.
type MenuEntry struct {
	Name       string
	URL        string // as written; may be relative to the language root
	PageRef    string
	Identifier string
	Weight     int
}

// Lang returns the language with the code, or nil.
func (c *Config) Lang(code string) *Language {
	for _, l := range c.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// Load reads the configuration of the site in dir. Findings (warnings and
// errors, with file:line) are added to diags; the returned error is set when
// the configuration cannot be used at all.
func Load(dir string, diags *fault.List) (*Config, error) {
	raw, file, err := readRaw(dir, diags)
	if err != nil {
		return nil, err
	}
	c := &Config{
		Dir: dir, File: file,
		Params: map[string]any{}, Permalinks: map[string]string{}, SectionLinks: map[string]string{},
		ContentDir: "content", LayoutDir: "layouts", I18nDir: "i18n", StaticDir: "static", PublishDir: "public",
		ArchetypeDir: "archetypes", ContentTypes: map[string]ContentType{},
		TimeZone: time.UTC,
	}
	src := sourceOf(dir, file)
	checkKeys(raw, topKeys, "", src, diags)
	get := func(k string) any { return lookup(raw, k) }

	c.BaseURL = str(get("baseURL"))
	c.Title = str(get("title"))
	c.Copyright = str(get("copyright"))
	c.DefaultLang = cmp.Or(str(get("defaultContentLanguage")), "en")
	c.DefaultInSubdir = truthy(get("defaultContentLanguageInSubdir"))
	if p, ok := get("params").(map[string]any); ok {
		c.Params = p
	}
	readContentTypes(get("contentTypes"), c.ContentTypes, src, diags)
	c.PagerSize = 10
	if n := toInt(get("paginate")); n > 0 { // Hugo before v0.128
		c.PagerSize = n
	}
	if m, ok := get("pagination").(map[string]any); ok {
		if n := toInt(lookup(m, "pagerSize")); n > 0 {
			c.PagerSize = n
		}
	}
	for _, k := range []string{"contentDir", "layoutDir", "i18nDir", "staticDir", "publishDir", "archetypeDir"} {
		if v := str(get(k)); v != "" {
			switch k {
			case "contentDir":
				c.ContentDir = v
			case "layoutDir":
				c.LayoutDir = v
			case "i18nDir":
				c.I18nDir = v
			case "staticDir":
				c.StaticDir = v
			case "publishDir":
				c.PublishDir = v
			case "archetypeDir":
				c.ArchetypeDir = v
			}
		}
	}
	if tz := str(get("timeZone")); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			diags.Add(src.at("timeZone").Errorf("unknown timeZone %q", tz).WithHint("use an IANA name such as \"Asia/Ho_Chi_Minh\""))
		} else {
			c.TimeZone = loc
		}
	}
	if m, ok := get("markup").(map[string]any); ok {
		if g, ok := lookup(m, "goldmark").(map[string]any); ok {
			if r, ok := lookup(g, "renderer").(map[string]any); ok {
				c.UnsafeHTML = truthy(lookup(r, "unsafe"))
			}
		}
	}
	readPermalinks(get("permalinks"), c.Permalinks, c.SectionLinks)
	c.Deployment = readDeployment(get("deployment"), src, diags)

	c.Taxonomies = []Taxonomy{{"category", "categories"}, {"tag", "tags"}}
	if t, ok := get("taxonomies").(map[string]any); ok {
		c.Taxonomies = c.Taxonomies[:0]
		for sing, plural := range t {
			if p := str(plural); p != "" {
				c.Taxonomies = append(c.Taxonomies, Taxonomy{Singular: sing, Plural: p})
			}
		}
		slices.SortFunc(c.Taxonomies, func(a, b Taxonomy) int { return cmp.Compare(a.Plural, b.Plural) })
	}

	siteMenus := readMenus(cmp.Or(get("menus"), get("menu")))
	langs, _ := get("languages").(map[string]any)
	if len(langs) == 0 {
		langs = map[string]any{c.DefaultLang: map[string]any{}}
	}
	for code, v := range langs {
		m, _ := v.(map[string]any)
		l := &Language{Code: code, Params: map[string]any{}, Permalinks: map[string]string{}, SectionLinks: map[string]string{}}
		checkKeys(m, langKeys, "languages."+code+".", src, diags)
		l.Name = cmp.Or(str(lookup(m, "languageName")), code)
		l.Title = cmp.Or(str(lookup(m, "title")), c.Title)
		l.LanguageCode = cmp.Or(str(lookup(m, "languageCode")), str(get("languageCode")), code)
		l.Direction = cmp.Or(str(lookup(m, "languageDirection")), "ltr")
		l.Weight = toInt(lookup(m, "weight"))
		l.ContentDir = filepath.ToSlash(str(lookup(m, "contentDir")))
		if p, ok := lookup(m, "params").(map[string]any); ok {
			l.Params = p
		}
		l.Menus = readMenus(cmp.Or(lookup(m, "menus"), lookup(m, "menu")))
		for name, entries := range siteMenus {
			if _, ok := l.Menus[name]; !ok {
				l.Menus[name] = entries
			}
		}
		readPermalinks(get("permalinks"), l.Permalinks, l.SectionLinks)
		readPermalinks(lookup(m, "permalinks"), l.Permalinks, l.SectionLinks)
		c.Languages = append(c.Languages, l)
	}
	slices.SortFunc(c.Languages, func(a, b *Language) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Code, b.Code))
	})
	if c.Lang(c.DefaultLang) == nil {
		codes := make([]string, len(c.Languages))
		for i, l := range c.Languages {
			codes[i] = l.Code
		}
		diags.Add(src.at("defaultContentLanguage").Errorf("defaultContentLanguage %q is not one of the configured languages (%s)",
			c.DefaultLang, strings.Join(codes, ", ")).WithHint("add [languages.%s] or change defaultContentLanguage", c.DefaultLang))
		return nil, diags
	}
	if c.BaseURL == "" || c.BaseURL == "/" {
		diags.Add(src.at("baseURL").Warnf("baseURL is not an absolute URL; canonical and hreflang links need one").
			WithHint("set baseURL = \"https://example.org/\""))
		c.BaseURL = "http://localhost/"
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return c, nil
}

// source is a config file's text, kept so findings can point at a line.
type source struct {
	name string
	text string
}

func sourceOf(dir, file string) source {
	b, _ := os.ReadFile(filepath.Join(dir, file))
	return source{name: file, text: string(b)}
}

// at finds the line on which key is set, for findings. It is a text search,
// so it may miss in unusual layouts; then the finding names only the file.
func (s source) at(key string) fault.Pos {
	low := strings.ToLower(key)
	for i, line := range strings.Split(s.text, "\n") {
		t := strings.ToLower(strings.TrimSpace(line))
		t = strings.Trim(t, "'\"")
		if strings.HasPrefix(t, low) {
			rest := strings.TrimLeft(strings.TrimPrefix(t, low), "'\" \t")
			if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ":") {
				return fault.At(s.name, i+1, strings.Index(strings.ToLower(line), low)+1)
			}
		}
		if t == "["+low+"]" || strings.HasPrefix(t, "["+low+".") || strings.HasPrefix(t, "[["+low) {
			return fault.At(s.name, i+1, 1)
		}
	}
	return fault.At(s.name, 0, 0)
}

// readRaw finds and decodes the configuration, merging Hugo's
// config/_default/ directory when there is one.
func readRaw(dir string, diags *fault.List) (map[string]any, string, error) {
	for _, name := range []string{"config.toml", "config.yaml", "config.yml", "config.json", "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			m, err := decodeFile(dir, name)
			if err != nil {
				diags.AddErr(err)
				return nil, name, diags
			}
			return m, name, nil
		}
	}
	cdir := filepath.Join(dir, "config", "_default")
	entries, err := os.ReadDir(cdir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Add(fault.Finding{Severity: fault.Error, File: filepath.ToSlash(dir),
				Msg:  "no site configuration found",
				Hint: "create config.toml (or hugo.toml, or config/_default/) in the site directory, or point --source at one"})
			return nil, "", diags
		}
		return nil, "", fmt.Errorf("reading config directory: %w", err)
	}
	raw := map[string]any{}
	main := ""
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() || metadecoders.FormatFromString(ext) == "" {
			continue
		}
		rel := "config/_default/" + name
		m, err := decodeFile(dir, rel)
		if err != nil {
			diags.AddErr(err)
			continue
		}
		base := strings.ToLower(strings.TrimSuffix(name, ext))
		switch {
		case base == "hugo" || base == "config":
			main = rel
			for k, v := range m {
				raw[k] = v
			}
		case strings.Contains(base, "."): // languages.de, menus.en, params.fr
			kind, lang, _ := strings.Cut(base, ".")
			switch kind {
			case "languages":
				langs := ensureMap(raw, "languages")
				langs[lang] = m
			case "menus", "menu":
				langs := ensureMap(raw, "languages")
				lm := ensureMap(langs, lang)
				lm["menus"] = m
			case "params":
				langs := ensureMap(raw, "languages")
				lm := ensureMap(langs, lang)
				lm["params"] = m
			}
		default:
			raw[base] = m
		}
	}
	if diags.Count(fault.Error) > 0 {
		return nil, main, diags
	}
	return raw, cmp.Or(main, "config/_default"), nil
}

func ensureMap(m map[string]any, k string) map[string]any {
	if v, ok := lookup(m, k).(map[string]any); ok {
		return v
	}
	v := map[string]any{}
	m[k] = v
	return v
}

// decodeFile decodes one config file, turning a decoder's position into a
// finding at file:line:col.
func decodeFile(dir, rel string) (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	m, err := metadecoders.Default.UnmarshalToMap(b, metadecoders.FormatFromString(filepath.Ext(rel)))
	if err != nil {
		return nil, DecodeFinding(rel, 0, err)
	}
	return m, nil
}

// DecodeFinding turns an error from Hugo's metadecoders into a finding at
// the right line of file; lineOffset is added to the decoder's line (front
// matter starts below a delimiter line).
func DecodeFinding(file string, lineOffset int, err error) fault.Finding {
	line, col := 0, 0
	var fe herrors.FileError
	if errors.As(err, &fe) {
		pos := fe.Position()
		line, col = pos.LineNumber, pos.ColumnNumber
	}
	msg := err.Error()
	// The decoders prefix their message with a synthetic file name and
	// position that mean nothing to an editor.
	if i := strings.Index(msg, "\"_stream."); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			msg = msg[i+j+2:]
		}
	}
	if line > 0 {
		line += lineOffset
	} else {
		line = lineOffset
	}
	return fault.At(file, line, col).Errorf("cannot decode: %s", firstLine(msg)).
		WithHint("fix the syntax at this line; TOML needs key = \"value\", YAML needs key: value")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func readPermalinks(v any, page, section map[string]string) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for k, pat := range m {
		switch strings.ToLower(k) {
		case "page":
			if pm, ok := pat.(map[string]any); ok {
				for s, p := range pm {
					page[s] = str(p)
				}
			}
		case "section":
			if pm, ok := pat.(map[string]any); ok {
				for s, p := range pm {
					section[s] = str(p)
				}
			}
		default:
			if s := str(pat); s != "" {
				page[k] = s
			}
		}
	}
}

func readMenus(v any) map[string][]MenuEntry {
	out := map[string][]MenuEntry{}
	m, ok := v.(map[string]any)
	if !ok {
		return out
	}
	for name, list := range m {
		items, _ := list.([]any)
		for _, it := range items {
			e, _ := it.(map[string]any)
			out[name] = append(out[name], MenuEntry{
				Name: str(lookup(e, "name")), URL: str(lookup(e, "url")), PageRef: str(lookup(e, "pageRef")),
				Identifier: str(lookup(e, "identifier")), Weight: toInt(lookup(e, "weight")),
			})
		}
		slices.SortStableFunc(out[name], func(a, b MenuEntry) int {
			return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Name, b.Name))
		})
	}
	return out
}

// lookup reads a key case-insensitively, as Hugo does.
func lookup(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func str(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func truthy(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return b == "true"
	}
	return false
}

func toInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case uint64:
		return int(n)
	case float64:
		return int(n)
	}
	return 0
}

// readContentTypes reads [contentTypes.<type>] tables: schema and required.
func readContentTypes(v any, into map[string]ContentType, src source, diags *fault.List) {
	if v == nil {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		diags.Add(src.at("contentTypes").Errorf("contentTypes must be a table of tables, one per section").
			WithHint("write [contentTypes.news] with schema = \"NewsArticle\" and required = [\"description\"]"))
		return
	}
	for name, raw := range m {
		t, ok := raw.(map[string]any)
		if !ok {
			diags.Add(src.at("contentTypes").Errorf("contentTypes.%s must be a table", name).
				WithHint("write [contentTypes.%s] with schema and required keys", name))
			continue
		}
		ct := ContentType{Schema: str(lookup(t, "schema"))}
		for k := range t {
			switch strings.ToLower(k) {
			case "schema", "required":
			default:
				diags.Add(src.at(k).Errorf("unknown key %q in contentTypes.%s", k, name).
					WithHint("contentTypes tables know only schema and required"))
			}
		}
		switch r := lookup(t, "required").(type) {
		case nil:
		case []any:
			for _, x := range r {
				if s, ok := x.(string); ok && s != "" {
					ct.Required = append(ct.Required, s)
				} else {
					diags.Add(src.at("required").Errorf("contentTypes.%s.required must list front matter keys as strings", name).
						WithHint("required = [\"description\", \"place.address\"]"))
				}
			}
		case []string:
			ct.Required = r
		default:
			diags.Add(src.at("required").Errorf("contentTypes.%s.required must be a list of strings", name).
				WithHint("required = [\"description\", \"place.address\"]"))
		}
		into[strings.ToLower(name)] = ct
	}
}
