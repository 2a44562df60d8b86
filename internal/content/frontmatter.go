package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gohugoio/hugo/parser/metadecoders"

	"sitegen/internal/config"
	"sitegen/internal/fault"
	"sitegen/internal/slug"
)

// Meta is the front matter sitegen understands, typed and checked.
type Meta struct {
	Title          string
	Description    string
	Summary        string
	Date           time.Time
	Lastmod        time.Time
	PublishDate    time.Time
	ExpiryDate     time.Time
	Draft          bool
	Headless       bool
	Slug           string
	URL            string
	Weight         int
	TranslationKey string
	Aliases        []string
	Terms          map[string][]string // taxonomy plural name → terms as written
	Params         map[string]any      // every key, lower-cased, with [params] merged in (Hugo's .Params)
}

// split separates front matter from the body. It returns the front matter
// text, its format, the line (1-based) on which the front matter text
// starts, and the body with the line it starts on.
func split(b []byte) (fm []byte, format metadecoders.Format, fmLine int, body []byte, bodyLine int, err error) {
	lead := 0
	for lead < len(b) && (b[lead] == '\n' || b[lead] == '\r' || b[lead] == ' ' || b[lead] == '\t') {
		lead++
	}
	startLine := 1 + bytes.Count(b[:lead], []byte("\n"))
	rest := b[lead:]
	switch {
	case bytes.HasPrefix(rest, []byte("+++")), bytes.HasPrefix(rest, []byte("---")):
		delim := rest[:3]
		format = metadecoders.TOML
		if delim[0] == '-' {
			format = metadecoders.YAML
		}
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 || strings.TrimSpace(string(rest[3:nl])) != "" {
			if delim[0] == '-' && nl >= 0 {
				// "--- text" or "- item": Markdown, not front matter.
				return nil, "", 0, b, 1, nil
			}
			return nil, "", 0, nil, 0, fmt.Errorf("line %d: the front matter delimiter %q must stand alone on its line", startLine, delim)
		}
		inner := rest[nl+1:]
		fmLine = startLine + 1
		line := fmLine
		for off := 0; off <= len(inner); {
			end := bytes.IndexByte(inner[off:], '\n')
			var ln []byte
			if end < 0 {
				ln = inner[off:]
			} else {
				ln = inner[off : off+end]
			}
			if t := bytes.TrimRight(ln, " \t\r"); bytes.Equal(t, delim) || (delim[0] == '-' && bytes.Equal(t, []byte("..."))) {
				fm = inner[:off]
				if end < 0 {
					body = nil
				} else {
					body = inner[off+end+1:]
				}
				return fm, format, fmLine, body, line + 1, nil
			}
			if end < 0 {
				break
			}
			off += end + 1
			line++
		}
		return nil, "", 0, nil, 0, fmt.Errorf("line %d: front matter opened with %q is never closed", startLine, delim)
	case bytes.HasPrefix(rest, []byte("{")):
		depth, inStr, esc := 0, false, false
		for i, c := range rest {
			switch {
			case esc:
				esc = false
			case inStr && c == '\\':
				esc = true
			case c == '"':
				inStr = !inStr
			case inStr:
			case c == '{':
				depth++
			case c == '}':
				depth--
				if depth == 0 {
					fm = rest[:i+1]
					body = rest[i+1:]
					bodyLine = startLine + bytes.Count(fm, []byte("\n"))
					if nl := bytes.IndexByte(body, '\n'); nl >= 0 && len(bytes.TrimSpace(body[:nl])) == 0 {
						body = body[nl+1:]
						bodyLine++
					}
					return fm, metadecoders.JSON, startLine, body, bodyLine, nil
				}
			}
		}
		return nil, "", 0, nil, 0, fmt.Errorf("line %d: JSON front matter opened with '{' is never closed", startLine)
	}
	return nil, "", 0, b, 1, nil
}

// parse splits and decodes a file's front matter into s.
func parse(s *Source, b []byte, cfg *config.Config, diags *fault.List) error {
	fm, format, fmLine, body, bodyLine, err := split(b)
	if err != nil {
		line := 1
		fmt.Sscanf(err.Error(), "line %d", &line)
		f := fault.At(s.File, line, 1).Errorf("%s", strings.SplitN(err.Error(), ": ", 2)[1]).
			WithHint("front matter starts and ends with a line of +++ (TOML) or --- (YAML)")
		diags.Add(f)
		return f
	}
	s.Body, s.BodyLine = body, bodyLine
	raw := map[string]any{}
	if fm != nil {
		s.FMLines = strings.Split(strings.ReplaceAll(string(fm), "\r\n", "\n"), "\n")
		if format == metadecoders.JSON {
			s.FMLines = append([]string{""}, s.FMLines...)
		}
		raw, err = metadecoders.Default.UnmarshalToMap(fm, format)
		if err != nil {
			f := config.DecodeFinding(s.File, fmLine-1, err)
			if line, col, msg, ok := decodePos(fm, err); ok {
				f.Line, f.Col, f.Msg = fmLine-1+line, col, "cannot decode: "+msg
			}
			diags.Add(f)
			return f
		}
	}
	return s.decodeMeta(raw, cfg, diags)
}

// yamlPos is the "[line:col] " with which the YAML decoder starts its
// messages.
var yamlPos = regexp.MustCompile(`^\[(\d+):(\d+)\] `)

// decodePos finds the position within the front matter of errors whose
// position Hugo's decoders leave in the text (YAML) or as a byte offset
// (JSON), so that the finding points at the faulty line rather than the
// first one.
func decodePos(fm []byte, err error) (line, col int, msg string, ok bool) {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 && int(se.Offset) <= len(fm) {
		before := fm[:se.Offset-1]
		line = 1 + bytes.Count(before, []byte("\n"))
		col = 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
		return line, col, se.Error(), true
	}
	text := err.Error()
	for _, part := range strings.Split(text, ": ") {
		if m := yamlPos.FindStringSubmatch(part); m != nil {
			line, _ = strconv.Atoi(m[1])
			col, _ = strconv.Atoi(m[2])
			_, msg, _ = strings.Cut(text, m[0])
			msg, _, _ = strings.Cut(msg, "\n")
			return line, col, msg, line > 0
		}
	}
	return 0, 0, "", false
}

// decodeMeta types the well-known keys and keeps the rest as params.
func (s *Source) decodeMeta(raw map[string]any, cfg *config.Config, diags *fault.List) error {
	m := &s.Meta
	var dups []string
	m.Params = lowerKeys(raw, "", &dups)
	bad := 0
	for _, k := range dups {
		bad++
		diags.Add(s.Pos(k).Errorf("front matter key %q is given twice (keys are read without regard to case)", k).
			WithHint("keep one of them"))
	}
	if p, ok := m.Params["params"].(map[string]any); ok {
		for k, v := range p {
			if _, exists := m.Params[k]; !exists {
				m.Params[k] = v
			}
		}
	}
	m.Terms = map[string][]string{}
	wrongType := func(key, want string, v any) {
		bad++
		diags.Add(s.Pos(key).Errorf("front matter %q must be %s, not %s", key, want, describe(v)).
			WithHint("write it like %s", example(want, key)))
	}
	str := func(key string) string {
		v, ok := m.Params[strings.ToLower(key)]
		if !ok || v == nil {
			return ""
		}
		switch t := v.(type) {
		case string:
			return t
		case int, int64, float64, uint64:
			return fmt.Sprint(t)
		}
		wrongType(key, "a string", v)
		return ""
	}
	m.Title = str("title")
	m.Description = str("description")
	m.Summary = str("summary")
	m.Slug = str("slug")
	m.URL = str("url")
	m.TranslationKey = str("translationKey")
	for _, d := range []struct {
		key string
		dst *time.Time
	}{{"date", &m.Date}, {"lastmod", &m.Lastmod}, {"publishDate", &m.PublishDate}, {"expiryDate", &m.ExpiryDate}} {
		v, ok := m.Params[strings.ToLower(d.key)]
		if !ok || v == nil {
			continue
		}
		t, err := ToTime(v, cfg.TimeZone)
		if err != nil {
			bad++
			diags.Add(s.Pos(d.key).Errorf("front matter %q: %v", d.key, err).
				WithHint("write a real date as YYYY-MM-DD, e.g. %s = 2024-06-20", d.key))
			continue
		}
		*d.dst = t
		m.Params[strings.ToLower(d.key)] = t
	}
	if m.Lastmod.IsZero() {
		m.Lastmod = m.Date
	}
	if m.Date.IsZero() && !m.PublishDate.IsZero() {
		m.Date = m.PublishDate
	}
	for _, b := range []struct {
		key string
		dst *bool
	}{{"draft", &m.Draft}, {"headless", &m.Headless}} {
		if v, ok := m.Params[b.key]; ok {
			if bv, ok := v.(bool); ok {
				*b.dst = bv
			} else {
				wrongType(b.key, "true or false", v)
			}
		}
	}
	if v, ok := m.Params["weight"]; ok {
		switch n := v.(type) {
		case int64:
			m.Weight = int(n)
		case int:
			m.Weight = n
		case uint64:
			m.Weight = int(n)
		case float64:
			m.Weight = int(n)
		default:
			wrongType("weight", "a whole number", v)
		}
	}
	if v, ok := m.Params["aliases"]; ok {
		if list, ok := stringList(v); ok {
			m.Aliases = list
		} else {
			wrongType("aliases", "a list of strings", v)
		}
	}
	for _, t := range cfg.Taxonomies {
		for _, key := range []string{t.Plural, t.Singular} {
			v, ok := m.Params[strings.ToLower(key)]
			if !ok {
				continue
			}
			list, ok := stringList(v)
			if !ok {
				wrongType(key, "a list of strings", v)
				continue
			}
			m.Terms[t.Plural] = append(m.Terms[t.Plural], list...)
		}
	}
	for _, key := range []string{"slug", "url"} {
		val := m.Slug
		if key == "url" {
			val = m.URL
		}
		if val == "" {
			continue
		}
		if why := slug.Unsafe(val); why != "" {
			bad++
			diags.Add(s.Pos(key).Errorf("front matter %s %q %s", key, val, why).
				WithHint("use a plain path such as \"my-page\" for slug or \"/about/\" for url"))
		} else if key == "slug" && strings.Contains(val, "/") {
			bad++
			diags.Add(s.Pos(key).Errorf("front matter slug %q contains '/'", val).
				WithHint("a slug is one path segment; use url for a whole path"))
		}
	}
	if bad > 0 {
		return fmt.Errorf("%s: bad front matter", s.File)
	}
	return nil
}

// ToTime accepts what TOML, YAML and JSON give for a date: a time.Time or
// a string in one of the usual layouts. Local times are in the site's zone.
func ToTime(v any, loc *time.Location) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case string:
		s := strings.TrimSpace(t)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00",
			"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
			if d, err := time.ParseInLocation(layout, s, loc); err == nil {
				return d, nil
			}
		}
		for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05"} {
			if len(s) >= len(layout) {
				if _, err := time.Parse(layout, s[:len(layout)]); err != nil && strings.Contains(err.Error(), "out of range") {
					return time.Time{}, fmt.Errorf("%q is not a real date (%v)", s, err)
				}
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	case fmt.Stringer: // TOML local dates and times
		return ToTime(t.String(), loc)
	}
	return time.Time{}, fmt.Errorf("%s is not a date", describe(v))
}

func stringList(v any) ([]string, bool) {
	switch t := v.(type) {
	case string:
		return []string{t}, true
	case []string:
		return t, true
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// lowerKeys lower-cases keys, as Hugo reads them, in sorted order so that
// the result never depends on map order; keys that differ only in case
// ("Tags" and "tags") are returned in dups, as dotted paths, to be
// reported rather than one of them silently winning.
func lowerKeys(m map[string]any, prefix string, dups *[]string) map[string]any {
	out := make(map[string]any, len(m))
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		v := m[k]
		lk := strings.ToLower(k)
		if sub, ok := v.(map[string]any); ok {
			v = lowerKeys(sub, prefix+lk+".", dups)
		}
		if _, seen := out[lk]; seen {
			*dups = append(*dups, prefix+lk)
			continue
		}
		out[lk] = v
	}
	return out
}

func describe(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", t)
	case bool:
		return fmt.Sprintf("%v", t)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case int64, int, float64, uint64:
		return fmt.Sprintf("the number %v", t)
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

func example(want, key string) string {
	switch want {
	case "a string":
		return key + ` = "text"`
	case "true or false":
		return key + " = true"
	case "a whole number":
		return key + " = 10"
	case "a list of strings":
		return key + ` = ["one", "two"]`
	}
	return key
}
