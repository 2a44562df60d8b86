package build

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"sitegen/internal/i18n"
	"sitegen/internal/metadata"
	"sitegen/internal/notice"
	"sitegen/internal/site"
	"sitegen/internal/slug"
)

// funcs returns the template function map for a language. This is the one
// place the functions available to layouts are defined:
//
//	T id [count|dict]     the UI string id in the page's language (i18n/xx.toml)
//	date t                t as CLDR's long date: "20 tháng 6, 2024", "June 20, 2024", "20 មិថុនា 2024"
//	isodate t             t as 2006-01-02, for <time datetime>
//	head page             canonical, hreflang, Open Graph and JSON-LD for <head>
//	notices               the urgent notices valid at build time, in the page's language where translated
//	relURL path           a site-absolute path, percent-encoded
//	absURL path           an absolute URL under baseURL
//	relLangURL path       path under the page language's prefix (/vi/…)
//	absLangURL path       absolute URL under the language's prefix
//	langName code         the language's name in its own script
//	urlize s              a slug made from s
//	plainify html         text without tags
//	truncate n s          s cut to n runes at a word boundary, with "…"
//	safeHTML s            trust s as HTML (only for strings the site itself controls)
//	dict k v …            a map, for passing several values to a partial
//	slice a b …           a list
//	add, sub a b          integer arithmetic
//	default d v           v, or d when v is empty
//	upper, lower s        case mapping
//	partial name data     another layout from partials/, as HTML (defined by package layout)

func funcs(s *site.Site, cat *i18n.Catalog, notices *map[string][]notice.View) func(lang string) template.FuncMap {
	return func(lang string) template.FuncMap {
		l := s.Lang(lang)
		prefix := ""
		if l != nil {
			prefix = l.Prefix
		}
		return template.FuncMap{
			"T": func(id string, args ...any) string {
				var arg any
				if len(args) > 0 {
					arg = args[0]
				}
				return cat.T(lang, id, arg)
			},
			"date": func(t time.Time) string {
				if t.IsZero() {
					return ""
				}
				return i18n.FormatDate(lang, t)
			},
			"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
			"head":    metadata.Head,
			"notices": func() []notice.View { return (*notices)[lang] },
			"relURL":  func(p string) string { return site.EscapePath("/" + strings.TrimPrefix(p, "/")) },
			"absURL":  func(p string) string { return s.AbsURL("/" + strings.TrimPrefix(p, "/")) },
			"relLangURL": func(p string) string {
				return site.EscapePath(prefix + "/" + strings.TrimPrefix(p, "/"))
			},
			"absLangURL": func(p string) string { return s.AbsURL(prefix + "/" + strings.TrimPrefix(p, "/")) },
			"langName": func(code string) string {
				if l := s.Lang(code); l != nil {
					return l.Name
				}
				return code
			},
			"urlize":   slug.Make,
			"plainify": func(h any) string { return plainText([]byte(fmt.Sprint(h))) },
			"truncate": func(n int, s any) string { return metadata.Truncate(fmt.Sprint(s), n) },
			"safeHTML": func(s string) template.HTML { return template.HTML(s) },
			"dict": func(kv ...any) (map[string]any, error) {
				if len(kv)%2 != 0 {
					return nil, fmt.Errorf("dict needs key and value pairs")
				}
				m := make(map[string]any, len(kv)/2)
				for i := 0; i < len(kv); i += 2 {
					k, ok := kv[i].(string)
					if !ok {
						return nil, fmt.Errorf("dict key %v is not a string", kv[i])
					}
					m[k] = kv[i+1]
				}
				return m, nil
			},
			"slice": func(v ...any) []any { return v },
			"add":   func(a, b int) int { return a + b },
			"sub":   func(a, b int) int { return a - b },
			"default": func(d, v any) any {
				switch t := v.(type) {
				case nil:
					return d
				case string:
					if t == "" {
						return d
					}
				}
				return v
			},
			"upper": strings.ToUpper,
			"lower": strings.ToLower,
		}
	}
}

// pureFuncs are the functions whose result depends only on their
// arguments and the page's language: a call with constant arguments is
// made once per language when layouts are loaded (layout.Options.Pure).
func pureFuncs() map[string]bool {
	return map[string]bool{"T": true, "relURL": true, "absURL": true, "relLangURL": true, "absLangURL": true, "langName": true, "urlize": true}
}
