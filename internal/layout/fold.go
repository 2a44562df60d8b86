package layout

import (
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"

	"sitegen/internal/escape"
)

// fold replaces, in t and the templates it defines, each action that prints
// the same text on every page of a language with that text: a call of a
// function named in pure with constant string arguments ({{ T "tags" }},
// {{ relURL "css/site.css" }}), escaped for where it stands.
//
// A layout is executed on every page and each such action costs two calls
// through reflection (the function and html/template's escaper), about a
// twentieth of a large build's time. The escaping must be html/template's
// own, so t must be escaped first (see escapeLayout), and only the escaper
// chains package escape reproduces are folded: text, attribute and RCDATA,
// and a URL in an attribute.
func fold(t *template.Template, fm template.FuncMap, pure map[string]bool) {
	for _, d := range t.Templates() {
		if d.Tree != nil && d.Tree.Root != nil {
			foldList(d.Tree.Root, fm, pure)
		}
	}
}

func foldList(l *parse.ListNode, fm template.FuncMap, pure map[string]bool) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := constant(n.Pipe, fm, pure); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			foldList(n.List, fm, pure)
			foldList(n.ElseList, fm, pure)
		case *parse.RangeNode:
			foldList(n.List, fm, pure)
			foldList(n.ElseList, fm, pure)
		case *parse.WithNode:
			foldList(n.List, fm, pure)
			foldList(n.ElseList, fm, pure)
		case *parse.ListNode:
			foldList(n, fm, pure)
		}
	}
}

// constant evaluates an escaped action's pipeline when it is a pure call
// with string arguments followed by escapers package escape knows.
func constant(p *parse.PipeNode, fm template.FuncMap, pure map[string]bool) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false
	}
	call := p.Cmds[0].Args
	fn, ok := call[0].(*parse.IdentifierNode)
	if !ok || !pure[fn.Ident] || fm[fn.Ident] == nil {
		return "", false
	}
	var args []reflect.Value
	for _, a := range call[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return "", false
		}
		args = append(args, reflect.ValueOf(s.Text))
	}
	f := reflect.ValueOf(fm[fn.Ident])
	ft := f.Type()
	if ft.NumOut() != 1 || ft.Out(0) != reflect.TypeFor[string]() ||
		ft.IsVariadic() && len(args) != ft.NumIn()-1 || !ft.IsVariadic() && len(args) != ft.NumIn() {
		return "", false // a result that is not a plain string, or not called with exactly its own arguments
	}
	for i := range args {
		if ft.In(i).Kind() != reflect.String {
			return "", false
		}
	}
	v := f.Call(args)[0].String()
	var b strings.Builder
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		esc, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok {
			return "", false
		}
		switch esc.Ident {
		case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
			b.Reset()
			escape.HTML(&b, v)
			v = b.String()
		case "_html_template_urlfilter":
			v = escape.URLFilter(v)
		case "_html_template_urlnormalizer":
			v = escape.URLNormalize(v)
		default:
			return "", false
		}
	}
	return v, true
}
