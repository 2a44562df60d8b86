// Package fault carries what a build has to say about a site: errors and
// warnings that point at a file, line and column, and say what to do.
//
// Every stage reports into a List instead of stopping at the first problem,
// so an editor sees all of a commit's mistakes in one run.
package fault

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a finding fails the build.
type Severity int

const (
	// Warning is reported but does not fail the build unless --strict.
	Warning Severity = iota
	// Error fails the build.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Finding is one thing wrong with the site.
type Finding struct {
	Severity Severity
	File     string // slash path relative to the site directory; empty when the site as a whole is meant
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Msg      string // what is wrong
	Hint     string // what to do about it; may be empty
}

// Where formats the position as file:line:col, leaving out what is unknown.
func (f Finding) Where() string {
	switch {
	case f.File == "":
		return ""
	case f.Line == 0:
		return f.File
	case f.Col == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
}

// Error implements error so that a finding can travel through ordinary
// error returns.
func (f Finding) Error() string {
	var b strings.Builder
	if w := f.Where(); w != "" {
		b.WriteString(w)
		b.WriteString(": ")
	}
	b.WriteString(f.Severity.String())
	b.WriteString(": ")
	b.WriteString(f.Msg)
	if f.Hint != "" {
		b.WriteString(" (")
		b.WriteString(f.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// At starts a finding at a position; use its Errorf or Warnf.
func At(file string, line, col int) Pos { return Pos{file, line, col} }

// Pos is a place in a source file.
type Pos struct {
	File      string
	Line, Col int
}

// Errorf makes an error finding at p.
func (p Pos) Errorf(format string, args ...any) Finding {
	return Finding{Severity: Error, File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning finding at p.
func (p Pos) Warnf(format string, args ...any) Finding {
	return Finding{Severity: Warning, File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns f with a hint on what to do.
func (f Finding) WithHint(format string, args ...any) Finding {
	f.Hint = fmt.Sprintf(format, args...)
	return f
}

// List collects findings from concurrent stages. The zero value is ready.
type List struct {
	mu    sync.Mutex
	items []Finding
}

// Add records findings.
func (l *List) Add(fs ...Finding) {
	l.mu.Lock()
	l.items = append(l.items, fs...)
	l.mu.Unlock()
}

// AddErr records an error; a Finding (or a *List) keeps its position,
// anything else becomes a site-level error.
func (l *List) AddErr(err error) {
	if err == nil {
		return
	}
	switch e := err.(type) {
	case Finding:
		l.Add(e)
	case *List:
		l.Add(e.All()...)
	default:
		l.Add(Finding{Severity: Error, Msg: err.Error()})
	}
}

// All returns the findings sorted by file, line, column and message, so that
// output is the same from run to run whatever the scheduling.
func (l *List) All() []Finding {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(out, func(a, b Finding) bool { return a == b })
}

// Count returns how many findings have severity s.
func (l *List) Count(s Severity) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, f := range l.items {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Err returns the list as an error when it holds at least one error (or,
// with strict, any finding); otherwise nil.
func (l *List) Err(strict bool) error {
	if l.Count(Error) > 0 || (strict && l.Count(Warning) > 0) {
		return l
	}
	return nil
}

// Error lists every finding, one a line.
func (l *List) Error() string {
	var b strings.Builder
	for i, f := range l.All() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Error())
	}
	return b.String()
}
