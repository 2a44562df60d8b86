package program_test

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"testing"
	"time"

	"sitegen/internal/program"
)

// page stands for the values layouts are given: methods on a pointer,
// fields, maps, slices, nested pointers and interfaces.
type page struct {
	Title   string
	URL     string
	Body    template.HTML
	Link    template.URL
	Count   int
	Weight  float64
	Draft   bool
	Tags    []string
	Params  map[string]any
	Parent  *page
	Kids    []*page
	Any     any
	Stringy fmt.Stringer
	When    time.Time
	Ints    map[int]string
	Uints   map[uint8]int
	private string
}

func (p *page) Upper() string                       { return strings.ToUpper(p.Title) }
func (p *page) Add(a, b int) int                    { return a + b }
func (p *page) Join(sep string, s ...string) string { return strings.Join(s, sep) }
func (p *page) Fails() (string, error)              { return "", errors.New("it failed") }
func (p *page) Panics() string                      { panic("boom") }
func (p *page) Self() *page                         { return p }
func (p *page) Nil() *page                          { return nil }
func (p page) ByValue() string                      { return "v:" + p.Title }

type named string

func (n named) String() string { return "named(" + string(n) + ")" }

// templates exercise each construct the compiler ports, in the contexts
// html/template escapes for: text, attributes, URLs, RCDATA.
var templates = []string{
	`<p>{{ .Title }}</p>`,
	`<a href="{{ .URL }}" title="{{ .Title }}">{{ .Body }}</a>`,
	`<a href="{{ .Link }}">x</a><a href="/s?q={{ .Title }}">y</a><a href=/{{ .Title }}>z</a>`,
	`<p title={{ .Title }}>{{ .Count }} {{ .Weight }} {{ .Draft }}</p>`,
	`<p title="{{ .Body }}">{{ .Body }}</p><p title={{ .Body }}>`,
	`<textarea>{{ .Title }}{{ .Body }}</textarea><title>{{ .Body }}</title>`,
	`{{ .Upper }} {{ .Add 2 3 }} {{ .Join "-" "a" "b" .Title }} {{ .Self.Self.Title }} {{ .ByValue }}`,
	`{{ .Fails }}`,
	`{{ .Panics }}`,
	`{{ .Nil.Title }}`,
	`{{ .Missing }}`,
	`{{ .private }}`,
	`{{ .Params.a }} {{ .Params.missing }} {{ .Params.nested.b }} {{ index .Params "a" }} {{ index .Tags 1 }}`,
	`{{ index .Tags 9 }}`,
	`{{ .Parent.Title }} {{ .Parent.Parent.Title }}`,
	`{{ with .Parent }}{{ .Title }}{{ else }}none{{ end }}`,
	`{{ with .Parent }}{{ .Title }}{{ else with .Kids }}{{ len . }}{{ else }}none{{ end }}`,
	`{{ if .Draft }}d{{ else if gt .Count 2 }}many{{ else }}few{{ end }}`,
	`{{ if "x" }}1{{ end }}{{ if .Tags }}2{{ end }}{{ if .Params }}3{{ end }}{{ if .Weight }}4{{ end }}{{ if .Any }}5{{ end }}{{ if .Kids }}6{{ end }}{{ if .Count }}7{{ end }}{{ if .Body }}8{{ end }}`,
	`{{ range .Tags }}[{{ . }}]{{ else }}no tags{{ end }}`,
	`{{ range $i, $t := .Tags }}{{ $i }}={{ $t }};{{ end }}`,
	`{{ range $t := .Tags }}{{ if eq $t "b" }}{{ continue }}{{ end }}{{ if eq $t "d" }}{{ break }}{{ end }}{{ $t }}{{ end }}`,
	`{{ range $k, $v := .Params }}{{ $k }}:{{ $v }};{{ end }}`,
	`{{ range $k, $v := .Ints }}{{ $k }}={{ $v }};{{ end }}{{ range $k, $v := .Uints }}{{ $k }}={{ $v }};{{ end }}`,
	`{{ range .Kids }}{{ .Title }}/{{ $.Title }};{{ end }}`,
	`{{ range 3 }}{{ . }}{{ end }}{{ range .Count }}.{{ end }}`,
	`{{ $x := .Title }}{{ $x }}{{ if true }}{{ $x = "in" }}{{ $y := 1 }}{{ $y }}{{ end }}{{ $x }}`,
	`{{ $n := 0 }}{{ range .Kids }}{{ $n = $.Add $n 1 }}{{ end }}{{ $n }}`,
	`{{ and .Title .Count }} {{ or .Missing .Count "z" }} {{ and .Draft (index .Tags 99) }} {{ not .Draft }} {{ or 0 "" }}`,
	`{{ eq .Count 3 }} {{ eq .Title "a" "b" "Home" }} {{ ne .Weight 1.5 }} {{ lt .Count 5 }} {{ le 2 2 }} {{ ge .Title "A" }} {{ eq .Any nil }}`,
	`{{ eq .Count "x" }}`,
	`{{ len .Tags }} {{ len .Title }} {{ len .Params }} {{ slice .Title 1 3 }} {{ slice .Tags 1 }}`,
	`{{ print .Title 1 2 }} {{ printf "%s-%d-%v" .Title .Count .Tags }} {{ println .Count }}`,
	`{{ .Title | printf "%q" }} {{ "x" | printf "%s%s" .Title }} {{ .Count | .Add 1 }}`,
	`{{ (.Self).Title }} {{ (index .Kids 0).Title }} {{ ($.Parent).Upper }}`,
	`{{ .Any }} {{ .Any.Title }} {{ .Stringy }} {{ .Params.n }}`,
	`{{ template "sub" . }}|{{ template "sub" .Parent }}|{{ block "blk" .Tags }}{{ len . }}{{ end }}`,
	`{{ upper .Title }} {{ wrap "<b>" }} {{ .Title | upper }} {{ fails }} `,
	`{{ upper }}`,
	`{{ tr "x" }} {{ tr "y" .Count .Title }} {{ tr .Title nil }} {{ day .When }} {{ part "p" . .Count }}{{ part "q" }}`,
	`{{ part "bad" }}`,
	`{{ boom .Title }}`,
	`{{ day .Title }}`,
	`{{ nilptr.Title }}`,
	`<script>var x = {{ .Title }};</script>`,
	`<style>p { color: {{ .Title }} }</style>`,
	`<a onclick="f({{ .Title }})">x</a>`,
	`{{/* a comment */}}{{- .Title -}} {{ 1.5 }} {{ 0x10 }} {{ 'a' }} {{ true }}`,
	`{{ .Add 1 }}`,
	`{{ .Title.Foo }}`,
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"upper":  strings.ToUpper,
		"wrap":   func(s string) template.HTML { return template.HTML(s) },
		"fails":  func() (string, error) { return "", errors.New("no") },
		"nilptr": func() *page { return nil },
		"tr":     func(id string, args ...any) string { return fmt.Sprint(id, args) },
		"day":    func(t time.Time) string { return t.Format("2006-01-02") },
		"part": func(name string, d ...any) (template.HTML, error) {
			if name == "bad" {
				return "", errors.New("bad partial")
			}
			return template.HTML("<" + name + fmt.Sprint(d...) + ">"), nil
		},
		"boom": func(string) string { panic("boom") },
	}
}

func data() []any {
	home := &page{Title: "Home", URL: "/"}
	kid := func(t string) *page { return &page{Title: t, Parent: home} }
	hostile := `</script><script>alert(1)</script> "Bà Rá" & 'ភ្នំបារ៉ា' <!-- +`
	return []any{
		nil,
		home,
		&page{Title: "Bà Rá", URL: "javascript:alert(1)", Body: "<b>bold</b> & <i>x</i>", Link: "javascript:ok()",
			Count: 3, Weight: 1.5, Tags: []string{"a", "b", "c", "d", "e"}, Parent: home, Kids: []*page{kid("k1"), kid("k2")},
			Params: map[string]any{"a": 1, "n": nil, "nested": map[string]any{"b": "deep"}, "z": "<z>"},
			Any:    kid("any"), Stringy: named("s"), When: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC),
			Ints: map[int]string{10: "ten", -3: "minus three", 2: "two", 0: "zero"}, Uints: map[uint8]int{200: 1, 3: 2, 17: 3},
			private: "secret"},
		&page{Title: hostile, URL: "/tìm kiếm/?q=" + hostile + "%zz%41", Body: template.HTML(hostile), Tags: []string{hostile},
			Params: map[string]any{"a": hostile}, Any: hostile, Count: -2},
		page{Title: "value", Tags: []string{}},
		map[string]any{"Title": "map", "Tags": []string{"x"}, "Count": 2},
		[]int{1, 2},
		"a string",
		42,
	}
}

// TestEquivalence: for every template and every value, a program prints
// what html/template prints, or declines (ErrFallback), or fails where
// html/template fails.
func TestEquivalence(t *testing.T) {
	compiled := 0
	for i, src := range templates {
		for j, d := range data() {
			ht, err := template.New("t").Funcs(funcs()).Parse(src)
			if err != nil {
				t.Fatalf("template %d: %v", i, err)
			}
			template.Must(ht.New("sub").Parse(`<i title="{{ .Title }}">{{ .Title }}</i>`))
			var want bytes.Buffer
			wantErr := ht.Execute(&want, d)
			p, err := program.Compile(ht, funcs())
			if err != nil {
				if j == 0 {
					t.Logf("template %d not compiled: %v", i, err)
				}
				continue
			}
			compiled++
			var got bytes.Buffer
			gotErr := p.Execute(&got, d)
			switch {
			case errors.Is(gotErr, program.ErrFallback):
			case wantErr != nil && gotErr == nil:
				t.Errorf("template %d, data %d: got %q, no error; want error %v", i, j, got.String(), wantErr)
			case wantErr == nil && gotErr != nil:
				t.Errorf("template %d, data %d: got error %v; want %q", i, j, gotErr, want.String())
			case wantErr == nil && got.String() != want.String():
				t.Errorf("template %d, data %d:\ngot  %q\nwant %q", i, j, got.String(), want.String())
			}
		}
	}
	if compiled < len(templates)*len(data())*3/4 {
		t.Errorf("only %d of %d executions compiled", compiled, len(templates)*len(data()))
	}
}

// TestDeclines: what the program does not port is left to html/template
// at compile time (an escaper or builtin not ported) or at run time (a
// channel to range over), never approximated.
func TestDeclines(t *testing.T) {
	for _, src := range []string{
		`<script>var x = {{ .Title }};</script>`,
		`<p>{{ js .Title }}</p>`,
		`<p>{{ call .F }}</p>`,
	} {
		ht := template.Must(template.New("t").Parse(src))
		_ = ht.Execute(io.Discard, nil)
		if _, err := program.Compile(ht, nil); err == nil {
			t.Errorf("%s compiled; want it declined", src)
		}
	}
	ht := template.Must(template.New("t").Parse(`{{ range . }}{{ . }}{{ end }}`))
	_ = ht.Execute(io.Discard, nil)
	p, err := program.Compile(ht, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan int, 2)
	ch <- 1
	close(ch)
	if err := p.Execute(io.Discard, ch); !errors.Is(err, program.ErrFallback) {
		t.Errorf("range over a channel: %v; want ErrFallback", err)
	}
}
