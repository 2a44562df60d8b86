package program_test

import (
	"bytes"
	"errors"
	"html/template"
	"testing"
	"time"

	"sitegen/internal/program"
)

// FuzzProgram: for any template html/template parses and escapes, and any
// of the test values, a compiled program prints what html/template
// prints, declines, or fails where html/template fails.
func FuzzProgram(f *testing.F) {
	for _, src := range templates {
		f.Add(src, uint8(2))
	}
	values := data()
	f.Fuzz(func(t *testing.T, src string, which uint8) {
		d := values[int(which)%len(values)]
		ht, err := template.New("t").Funcs(funcs()).Parse(src)
		if err != nil {
			return
		}
		if ht.Lookup("sub") == nil {
			if _, err := ht.New("sub").Parse(`<i title="{{ .Title }}">{{ .Title }}</i>`); err != nil {
				return
			}
		}
		var want bytes.Buffer
		wantErr := execute(ht, &want, d)
		p, err := program.Compile(ht, funcs())
		if err != nil {
			return
		}
		var got bytes.Buffer
		gotErr := p.Execute(&limited{w: &got, max: 1 << 20}, d)
		switch {
		case errors.Is(gotErr, program.ErrFallback):
		case wantErr != nil && gotErr == nil:
			t.Errorf("%q on value %d: got %q, no error; want error %v", src, int(which)%len(values), got.String(), wantErr)
		case wantErr == nil && gotErr != nil:
			t.Errorf("%q on value %d: got error %v; want %q", src, int(which)%len(values), gotErr, want.String())
		case wantErr == nil && got.String() != want.String():
			t.Errorf("%q on value %d:\ngot  %q\nwant %q", src, int(which)%len(values), got.String(), want.String())
		}
	})
}

// execute runs html/template, stopping a template that loops for long
// (a fuzzed {{ range 1e9 }}) by its output growing past a bound.
func execute(t *template.Template, w *bytes.Buffer, d any) error {
	done := make(chan error, 1)
	lw := &limited{w: w, max: 1 << 20}
	go func() { done <- t.Execute(lw, d) }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("timeout")
	}
}

type limited struct {
	w   *bytes.Buffer
	max int
}

func (l *limited) Write(b []byte) (int, error) {
	if l.w.Len()+len(b) > l.max {
		return 0, errors.New("too much output")
	}
	return l.w.Write(b)
}

// FuzzEscapers: any string, plain or typed as HTML or URL, printed in
// text, quoted and unquoted attributes, URLs and RCDATA, comes out of a
// program as out of html/template.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">&amp; 'q' +</a>`, "Bà Rá ភ្នំបារ៉ា", "javascript:alert(1)",
		"/tìm kiếm/?q=a b&c=%41%zz%4", "\x00\xff\xfe\ufdd0 \t\n=`", "mailto:x@y", "%", "%4", "a%41", "C++", "a\"b", "it's", "1<2", "x>y", "a\x00b", "a&b"} {
		f.Add(s)
	}
	contexts := []string{`{{.}}`, `<p title="{{.}}">`, `<p title={{.}}>`, `<a href="{{.}}">`, `<a href='/x?q={{.}}&r={{.}}'>`,
		`<a href=/{{.}}>`, `<textarea>{{.}}</textarea>`, `<title>{{.}}</title>`, `<img srcset="{{.}}">`}
	f.Fuzz(func(t *testing.T, s string) {
		for _, src := range contexts {
			for _, v := range []any{s, template.HTML(s), template.URL(s), template.HTMLAttr(s), []string{s, s}} {
				ht := template.Must(template.New("t").Parse(src))
				var want bytes.Buffer
				if err := ht.Execute(&want, v); err != nil {
					continue
				}
				p, err := program.Compile(ht, nil)
				if err != nil {
					continue
				}
				var got bytes.Buffer
				if err := p.Execute(&got, v); err != nil {
					t.Errorf("%s with %T %q: %v", src, v, s, err)
					continue
				}
				if got.String() != want.String() {
					t.Errorf("%s with %T %q:\ngot  %q\nwant %q", src, v, s, got.String(), want.String())
				}
			}
		}
	})
}
