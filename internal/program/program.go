// Package program executes a site's layouts faster than html/template
// while printing exactly what html/template prints.
//
// A layout runs once for every page of the site, and html/template spends
// most of that time finding things again that never change: the method or
// field each .Name means on the value at hand (by name, through
// reflection, on every evaluation), the function each identifier means,
// and the escaper each action ends in, called through reflection with its
// arguments boxed. Compile turns a template, after html/template has
// escaped it, into a tree of Go closures that resolve functions once,
// remember per receiver type what each .Name resolved to, and call the
// escapers directly; everything else (truth, comparison, argument
// conversion, variable scoping, ranging) is text/template's logic, ported.
//
// What a program does not handle it declines, never approximates: Compile
// returns an error for a construct it does not know (the layout is then
// executed by html/template), and Execute returns ErrFallback when a value
// asks for something rare at run time (ranging over a channel, say), so
// that the caller executes html/template instead. Errors, too, are left
// to html/template: when a program fails, the caller runs html/template,
// whose message (file, line and column of the layout) is the one an
// editor sees.
package program

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// ErrFallback is returned by Execute when the data asks for something the
// program does not do itself; what it wrote is to be discarded and the
// template executed by html/template.
var ErrFallback = errors.New("program: execute with html/template")

// Program is a compiled template. It is safe for concurrent use.
type Program struct {
	root *compiled
}

// compiled is one template of a set: the one executed, or one called with
// {{ template }} or {{ block }}.
type compiled struct {
	run nodeFn
}

// compiler holds what compiling a set needs.
type compiler struct {
	set   *template.Template
	funcs map[string]reflect.Value
	named map[string]*compiled
}

// Compile compiles t, which html/template must already have escaped (it
// escapes a template when first executed), with the functions it was
// given. funcs must be the template's own function map.
func Compile(t *template.Template, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: t, funcs: map[string]reflect.Value{}, named: map[string]*compiled{}}
	for name, f := range funcs {
		v := reflect.ValueOf(f)
		if v.Kind() != reflect.Func {
			return nil, fmt.Errorf("function %s is a %s", name, v.Kind())
		}
		c.funcs[name] = v
	}
	root, err := c.template(t.Name())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Name(), err)
	}
	return &Program{root: root}, nil
}

// template compiles the template name of the set, once.
func (c *compiler) template(name string) (*compiled, error) {
	if t, ok := c.named[name]; ok {
		return t, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("template %q is not defined", name)
	}
	ct := &compiled{}
	c.named[name] = ct // before its body, for templates that call themselves
	run, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	ct.run = run
	return ct, nil
}

// Execute writes the template applied to data to w.
func (p *Program) Execute(w io.Writer, data any) (err error) {
	s := &state{w: w, vars: make([]variable, 1, 8)}
	dot := reflect.ValueOf(data)
	s.vars[0] = variable{"$", dot}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(execError); ok {
				err = e.err
				return
			}
			// Whatever else went wrong is html/template's to do, or to
			// fail at, as it would have without the program.
			err = fmt.Errorf("%w: %v", ErrFallback, r)
		}
	}()
	p.root.run(s, dot)
	return nil
}

// state is one execution.
type state struct {
	w     io.Writer
	vars  []variable
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

// execError carries an error up through the closures to Execute.
type execError struct{ err error }

func (s *state) errorf(format string, args ...any) {
	panic(execError{fmt.Errorf(format, args...)})
}

func (s *state) fallback() { panic(execError{ErrFallback}) }

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) {
	clear(s.vars[mark:])
	s.vars = s.vars[:mark]
}

func (s *state) push(name string, v reflect.Value) { s.vars = append(s.vars, variable{name, v}) }

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

func (s *state) setTopVar(n int, v reflect.Value) { s.vars[len(s.vars)-n].value = v }

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return reflect.Value{}
}

func (s *state) write(b []byte) {
	if _, err := s.w.Write(b); err != nil {
		s.errorf("write: %w", err)
	}
}

func (s *state) writeString(str string) {
	if _, err := io.WriteString(s.w, str); err != nil {
		s.errorf("write: %w", err)
	}
}

// ctrl is how a node's execution ends: normally, or by break or continue.
type ctrl uint8

const (
	ctrlNone ctrl = iota
	ctrlBreak
	ctrlContinue
)

type nodeFn func(s *state, dot reflect.Value) ctrl

// valueFn evaluates a pipeline, a command or an argument.
type valueFn func(s *state, dot reflect.Value) reflect.Value

// cmdFn evaluates a command given the previous command's value (missing
// for the first).
type cmdFn func(s *state, dot, final reflect.Value) reflect.Value

var (
	reflectValueType = reflect.TypeFor[reflect.Value]()
	stringType       = reflect.TypeFor[string]()
	missingVal       = reflect.ValueOf(missingValType{})
	missingType      = reflect.TypeFor[missingValType]()
)

// missingValType marks a pipeline's missing final value, as in
// text/template.
type missingValType struct{}

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingType
}

func (c *compiler) list(l *parse.ListNode) (nodeFn, error) {
	if l == nil {
		return func(*state, reflect.Value) ctrl { return ctrlNone }, nil
	}
	var fns []nodeFn
	for _, n := range l.Nodes {
		f, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if f != nil {
			fns = append(fns, f)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, reflect.Value) ctrl { return ctrlNone }, nil
	case 1:
		return fns[0], nil
	}
	return func(s *state, dot reflect.Value) ctrl {
		for _, f := range fns {
			if r := f(s, dot); r != ctrlNone {
				return r
			}
		}
		return ctrlNone
	}, nil
}

func (c *compiler) node(n parse.Node) (nodeFn, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) ctrl { s.write(text); return ctrlNone }, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(false, n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		return c.ifOrWith(true, n.Pipe, n.List, n.ElseList)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.ListNode:
		return c.list(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) ctrl { return ctrlBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) ctrl { return ctrlContinue }, nil
	}
	return nil, fmt.Errorf("unsupported node %s", n)
}

// action compiles {{ pipeline }}. When the pipeline ends in escapers, as
// every printing action html/template has escaped does, their string is
// written as it is: fmt.Fprint of a string is the string.
func (c *compiler) action(n *parse.ActionNode) (nodeFn, error) {
	p := n.Pipe
	if len(p.Decl) > 0 {
		pipe, err := c.pipeline(p)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) ctrl { pipe(s, dot); return ctrlNone }, nil
	}
	cmds := p.Cmds
	k := len(cmds)
	for k > 0 && len(cmds[k-1].Args) == 1 && escaperOf(cmds[k-1].Args[0]) != nil {
		k--
	}
	if k < len(cmds) && k > 0 {
		var chain []func(...any) string
		for _, cmd := range cmds[k:] {
			chain = append(chain, escaperOf(cmd.Args[0]))
		}
		head, err := c.commands(cmds[:k])
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) ctrl {
			v := head(s, dot)
			s.writeString(escape(chain, v))
			return ctrlNone
		}, nil
	}
	// html/template ends every action that prints in an escaper; one
	// that does not was not escaped, or by an escaper not ported here.
	return nil, fmt.Errorf("action %s does not end in a known escaper", n)
}

// escape applies a chain of escapers to v as text/template calls the
// first (v validated for a parameter of type any) and passes each result
// to the next.
func escape(chain []func(...any) string, v reflect.Value) string {
	var arg any
	if v.IsValid() {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		arg = v.Interface()
	}
	var str string
	if arg == nil {
		str = chain[0]() // an untyped nil argument is skipped
	} else {
		str = chain[0](arg)
	}
	for _, e := range chain[1:] {
		str = e(str)
	}
	return str
}

// escaperOf returns the escaper an identifier names, or nil.
func escaperOf(n parse.Node) func(...any) string {
	id, ok := n.(*parse.IdentifierNode)
	if !ok {
		return nil
	}
	switch id.Ident {
	case "_html_template_htmlescaper":
		return htmlEscaper
	case "_html_template_attrescaper":
		return attrEscaper
	case "_html_template_rcdataescaper":
		return rcdataEscaper
	case "_html_template_nospaceescaper":
		return htmlNospaceEscaper
	case "_html_template_urlfilter":
		return urlFilter
	case "_html_template_urlnormalizer":
		return urlNormalizer
	case "_html_template_urlescaper":
		return urlEscaper
	}
	return nil
}

func (c *compiler) ifOrWith(with bool, pipe *parse.PipeNode, list, elseList *parse.ListNode) (nodeFn, error) {
	p, err := c.pipeline(pipe)
	if err != nil {
		return nil, err
	}
	then, err := c.list(list)
	if err != nil {
		return nil, err
	}
	var els nodeFn
	if elseList != nil {
		if els, err = c.list(elseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) ctrl {
		mark := s.mark()
		val := p(s, dot)
		truth, ok := isTrue(indirectInterface(val))
		if !ok {
			s.errorf("if/with can't use %v", val)
		}
		var r ctrl
		if truth {
			if with {
				r = then(s, val)
			} else {
				r = then(s, dot)
			}
		} else if els != nil {
			r = els(s, dot)
		}
		s.pop(mark)
		return r
	}, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (nodeFn, error) {
	p, err := c.pipeline(r.Pipe)
	if err != nil {
		return nil, err
	}
	body, err := c.list(r.List)
	if err != nil {
		return nil, err
	}
	var els nodeFn
	if r.ElseList != nil {
		if els, err = c.list(r.ElseList); err != nil {
			return nil, err
		}
	}
	decl := r.Pipe.Decl
	assign := r.Pipe.IsAssign
	return func(s *state, dot reflect.Value) ctrl {
		outer := s.mark()
		defer s.pop(outer)
		val, _ := indirectValue(p(s, dot))
		mark := s.mark()
		// one runs the body once; false when it ended with break.
		one := func(index, elem reflect.Value) bool {
			if len(decl) > 0 {
				if assign {
					if len(decl) > 1 {
						s.setVar(decl[0].Ident[0], index)
					} else {
						s.setVar(decl[0].Ident[0], elem)
					}
				} else {
					s.setTopVar(1, elem)
				}
			}
			if len(decl) > 1 {
				if assign {
					s.setVar(decl[1].Ident[0], elem)
				} else {
					s.setTopVar(2, index)
				}
			}
			r := body(s, elem)
			s.pop(mark)
			return r != ctrlBreak
		}
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			if val.Len() == 0 {
				break
			}
			for i := 0; i < val.Len(); i++ {
				if !one(reflect.ValueOf(i), val.Index(i)) {
					break
				}
			}
			return ctrlNone
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if len(decl) > 1 {
				s.fallback() // text/template's error
			}
			n := val.Int()
			if n <= 0 {
				break
			}
			for i := int64(0); i < n; i++ {
				if !one(reflect.Value{}, reflect.ValueOf(i).Convert(val.Type())) {
					break
				}
			}
			return ctrlNone
		case reflect.Map:
			if val.Len() == 0 {
				break
			}
			keys := val.MapKeys()
			if !sortKeys(keys) {
				s.fallback() // keys fmtsort orders in ways not ported here
			}
			for _, k := range keys {
				if !one(k, val.MapIndex(k)) {
					break
				}
			}
			return ctrlNone
		case reflect.Invalid:
			// a nil map or the like: as an empty one
		default:
			s.fallback() // channels, iterator functions, and text/template's errors
		}
		if els != nil {
			return els(s, dot)
		}
		return ctrlNone
	}, nil
}

// sortKeys orders map keys as text/template does (internal/fmtsort) for
// the kinds of keys a layout meets: strings and integers. It reports false
// for any other kind.
func sortKeys(keys []reflect.Value) bool {
	if len(keys) == 0 {
		return true
	}
	switch keys[0].Kind() {
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Uint(), b.Uint()) })
	default:
		return false
	}
	return true
}

// maxDepth bounds {{ template }} calls within calls, below
// text/template's own limit, so that runaway recursion is reported by
// html/template rather than by the program.
const maxDepth = 10000

func (c *compiler) templateNode(n *parse.TemplateNode) (nodeFn, error) {
	callee, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	p, err := c.pipeline(n.Pipe)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) ctrl {
		if s.depth >= maxDepth {
			s.fallback()
		}
		dot = p(s, dot)
		inner := &state{w: s.w, vars: []variable{{"$", dot}}, depth: s.depth + 1}
		callee.run(inner, dot)
		return ctrlNone
	}, nil
}

// pipeline compiles a pipeline; a nil one evaluates to the zero Value.
func (c *compiler) pipeline(p *parse.PipeNode) (valueFn, error) {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }, nil
	}
	cmds, err := c.commands(p.Cmds)
	if err != nil {
		return nil, err
	}
	if len(p.Decl) == 0 {
		return cmds, nil
	}
	var names []string
	for _, v := range p.Decl {
		names = append(names, v.Ident[0])
	}
	assign := p.IsAssign
	return func(s *state, dot reflect.Value) reflect.Value {
		v := cmds(s, dot)
		for _, name := range names {
			if assign {
				s.setVar(name, v)
			} else {
				s.push(name, v)
			}
		}
		return v
	}, nil
}

// commands compiles the commands of a pipeline, each given the previous
// one's value.
func (c *compiler) commands(cmds []*parse.CommandNode) (valueFn, error) {
	var fns []cmdFn
	for _, cmd := range cmds {
		f, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		fns = append(fns, f)
	}
	digest := func(v reflect.Value) reflect.Value {
		// If the object has type interface{}, dig down one level to the thing inside.
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
		return v
	}
	if len(fns) == 1 {
		f := fns[0]
		return func(s *state, dot reflect.Value) reflect.Value { return digest(f(s, dot, missingVal)) }, nil
	}
	return func(s *state, dot reflect.Value) reflect.Value {
		v := missingVal
		for _, f := range fns {
			v = digest(f(s, dot, v))
		}
		return v
	}, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (cmdFn, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(nil, n.Ident, cmd.Args)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, fmt.Errorf("indirection through explicit nil in %s", n)
		}
		recv, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		return c.fieldChain(recv, n.Field, cmd.Args)
	case *parse.VariableNode:
		name := n.Ident[0]
		get := func(s *state, _ reflect.Value) reflect.Value { return s.varValue(name) }
		if len(n.Ident) == 1 {
			if len(cmd.Args) > 1 {
				return nil, fmt.Errorf("can't give argument to non-function %s", n)
			}
			return func(s *state, dot, final reflect.Value) reflect.Value {
				if !isMissing(final) {
					s.fallback() // text/template's error
				}
				return get(s, dot)
			}, nil
		}
		return c.fieldChain(get, n.Ident[1:], cmd.Args)
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args)
	case *parse.PipeNode:
		if len(cmd.Args) > 1 {
			return nil, fmt.Errorf("can't give argument to non-function %s", n)
		}
		p, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if !isMissing(final) {
				s.fallback()
			}
			return p(s, dot)
		}, nil
	}
	if len(cmd.Args) > 1 {
		return nil, fmt.Errorf("can't give argument to non-function %s", cmd.Args[0])
	}
	var v reflect.Value
	switch word := cmd.Args[0].(type) {
	case *parse.BoolNode:
		v = reflect.ValueOf(word.True)
	case *parse.DotNode:
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if !isMissing(final) {
				s.fallback()
			}
			return dot
		}, nil
	case *parse.NumberNode:
		var err error
		if v, err = idealConstant(word); err != nil {
			return nil, err
		}
	case *parse.StringNode:
		v = reflect.ValueOf(word.Text)
	default:
		return nil, fmt.Errorf("can't evaluate command %q", cmd.Args[0])
	}
	return func(s *state, _, final reflect.Value) reflect.Value {
		if !isMissing(final) {
			s.fallback()
		}
		return v
	}, nil
}

// idealConstant is text/template's typing of a number in a context that
// does not give it a type.
func idealConstant(n *parse.NumberNode) (reflect.Value, error) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), nil
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), nil
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
		}
		return reflect.ValueOf(i), nil
	case n.IsUint:
		return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
	}
	return reflect.Value{}, nil
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// fieldChain compiles .X.Y.Z (on dot when recv is nil) possibly followed
// by arguments, which go to the last name when it is a method.
func (c *compiler) fieldChain(recv valueFn, names []string, args []parse.Node) (cmdFn, error) {
	argFns, err := c.args(args[1:])
	if err != nil {
		return nil, err
	}
	steps := make([]*field, len(names))
	for i, n := range names {
		steps[i] = &field{name: n}
	}
	last := len(steps) - 1
	hasArgs := len(args) > 1
	return func(s *state, dot, final reflect.Value) reflect.Value {
		r := dot
		if recv != nil {
			r = recv(s, dot)
		}
		for _, f := range steps[:last] {
			r = f.eval(s, dot, nil, false, missingVal, r)
		}
		return steps[last].eval(s, dot, argFns, hasArgs, final, r)
	}, nil
}

// field is one name of a chain, with what it meant on the last receiver
// type it was evaluated on.
type field struct {
	name  string
	cache atomic.Pointer[resolution]
}

// resolution is what a name means on a type: a method of the type's
// pointer (or of the type itself when not addressable), or a struct field.
type resolution struct {
	typ    reflect.Type
	method int   // index in typ's method set, or -1
	index  []int // the struct field, when method < 0 and typ is a struct
}

// eval is text/template's evalField, with the method and field lookups
// remembered.
func (f *field) eval(s *state, dot reflect.Value, args []argFn, hasArgs bool, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	typ := receiver.Type()
	receiver, isNil := indirectValue(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		s.errorf("nil pointer evaluating %s.%s", typ, f.name)
	}
	ptr := receiver
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	res := f.resolve(ptr.Type())
	if res.method >= 0 {
		return s.call(dot, &function{fn: ptr.Method(res.method)}, f.name, args, final)
	}
	hasArgs = hasArgs || !isMissing(final)
	switch receiver.Kind() {
	case reflect.Struct:
		if res.index != nil {
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", f.name)
			}
			field, err := receiver.FieldByIndexErr(res.index)
			if err != nil {
				s.errorf("%v", err)
			}
			return field
		}
	case reflect.Map:
		nameVal := reflect.ValueOf(f.name)
		if nameVal.Type().AssignableTo(receiver.Type().Key()) {
			if hasArgs {
				s.errorf("%s is not a method but has arguments", f.name)
			}
			return receiver.MapIndex(nameVal)
		}
	case reflect.Pointer:
		if isNil {
			s.fallback() // text/template's "nil pointer evaluating" or "can't evaluate"
		}
	}
	s.errorf("can't evaluate field %s in type %s", f.name, typ)
	return reflect.Value{}
}

// resolve returns what f.name means on ptrType, the type methods are
// looked up on.
func (f *field) resolve(ptrType reflect.Type) *resolution {
	if r := f.cache.Load(); r != nil && r.typ == ptrType {
		return r
	}
	r := &resolution{typ: ptrType, method: -1}
	// A struct receiver's type is ptrType's element, or ptrType itself
	// when the struct is not addressable: either way fixed by ptrType.
	st := ptrType
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if m, ok := ptrType.MethodByName(f.name); ok {
		r.method = m.Index
	} else if st.Kind() == reflect.Struct {
		if sf, ok := st.FieldByName(f.name); ok && sf.IsExported() {
			r.index = sf.Index
		}
	}
	f.cache.Store(r)
	return r
}

// argFn evaluates an argument for a parameter of type typ.
type argFn func(s *state, dot reflect.Value, typ reflect.Type) reflect.Value

func (c *compiler) args(nodes []parse.Node) ([]argFn, error) {
	var out []argFn
	for _, n := range nodes {
		f, err := c.typedArg(n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// arg compiles a node evaluated with no type to convert to (the receiver
// of a chain).
func (c *compiler) arg(n parse.Node) (valueFn, error) {
	f, err := c.typedArg(n)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, nil) }, nil
}

// typedArg is text/template's evalArg.
func (c *compiler) typedArg(n parse.Node) (argFn, error) {
	var (
		eval valueFn
		cmd  cmdFn
		err  error
	)
	switch arg := n.(type) {
	case *parse.DotNode:
		eval = func(_ *state, dot reflect.Value) reflect.Value { return dot }
	case *parse.NilNode:
		return func(s *state, _ reflect.Value, typ reflect.Type) reflect.Value {
			if canBeNil(typ) {
				return reflect.Zero(typ)
			}
			s.errorf("cannot assign nil to %s", typ)
			return reflect.Value{}
		}, nil
	case *parse.FieldNode:
		cmd, err = c.fieldChain(nil, arg.Ident, []parse.Node{n})
	case *parse.VariableNode, *parse.ChainNode:
		cmd, err = c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
	case *parse.IdentifierNode:
		cmd, err = c.function(arg.Ident, []parse.Node{arg})
	case *parse.PipeNode:
		eval, err = c.pipeline(arg)
	}
	if err != nil {
		return nil, err
	}
	if cmd != nil {
		eval = func(s *state, dot reflect.Value) reflect.Value { return cmd(s, dot, missingVal) }
	}
	if eval != nil {
		return func(s *state, dot reflect.Value, typ reflect.Type) reflect.Value {
			return s.validateType(eval(s, dot), typ)
		}, nil
	}
	return c.literal(n)
}

// literal compiles a constant argument, converted to the parameter's type
// as text/template converts it.
func (c *compiler) literal(n parse.Node) (argFn, error) {
	var ideal reflect.Value // for an empty-interface parameter
	switch n := n.(type) {
	case *parse.BoolNode:
		ideal = reflect.ValueOf(n.True)
	case *parse.StringNode:
		ideal = reflect.ValueOf(n.Text)
	case *parse.NumberNode:
		v, err := idealConstant(n)
		if err != nil {
			return nil, err
		}
		ideal = v
	default:
		return nil, fmt.Errorf("can't handle %s as an argument", n)
	}
	return func(s *state, _ reflect.Value, typ reflect.Type) reflect.Value {
		if typ == nil {
			return ideal
		}
		switch typ.Kind() {
		case reflect.Bool:
			if b, ok := n.(*parse.BoolNode); ok {
				v := reflect.New(typ).Elem()
				v.SetBool(b.True)
				return v
			}
		case reflect.String:
			if str, ok := n.(*parse.StringNode); ok {
				if typ == stringType {
					return ideal
				}
				v := reflect.New(typ).Elem()
				v.SetString(str.Text)
				return v
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if num, ok := n.(*parse.NumberNode); ok && num.IsInt {
				v := reflect.New(typ).Elem()
				v.SetInt(num.Int64)
				return v
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if num, ok := n.(*parse.NumberNode); ok && num.IsUint {
				v := reflect.New(typ).Elem()
				v.SetUint(num.Uint64)
				return v
			}
		case reflect.Float32, reflect.Float64:
			if num, ok := n.(*parse.NumberNode); ok && num.IsFloat {
				v := reflect.New(typ).Elem()
				v.SetFloat(num.Float64)
				return v
			}
		case reflect.Interface:
			if typ.NumMethod() == 0 {
				return ideal
			}
		case reflect.Struct:
			if typ == reflectValueType {
				return reflect.ValueOf(ideal)
			}
		}
		s.fallback() // text/template's error, or a complex constant
		return reflect.Value{}
	}, nil
}

// canBeNil reports whether an untyped nil can be assigned to the type.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType is text/template's.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				s.errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			s.errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

// function compiles a call of the function name with args (args[0] is
// the name itself).
func (c *compiler) function(name string, args []parse.Node) (cmdFn, error) {
	argFns, err := c.args(args[1:])
	if err != nil {
		return nil, err
	}
	switch name {
	case "and", "or":
		isOr := name == "or"
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if len(argFns) == 0 && isMissing(final) {
				s.fallback() // text/template's "wrong number of args"
			}
			var v reflect.Value
			for _, a := range argFns {
				v = unwrap(a(s, dot, reflectValueType))
				if truth(v) == isOr {
					return v
				}
			}
			if !isMissing(final) {
				v = unwrap(s.validateType(final, reflectValueType))
			}
			return v
		}, nil
	}
	fn, ok := c.funcs[name]
	if !ok {
		if fn, ok = builtin(name); !ok {
			return nil, fmt.Errorf("function %q is not supported", name)
		}
	}
	if err := goodFunc(fn.Type()); err != nil {
		return nil, fmt.Errorf("function %s: %w", name, err)
	}
	f := &function{fn: fn, direct: direct(fn), checked: true}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		return s.call(dot, f, name, argFns, final)
	}, nil
}

// function is a function a layout calls, with a way to call it without
// reflect.Value.Call when its signature is a common one.
type function struct {
	fn      reflect.Value
	direct  func(args []reflect.Value) (reflect.Value, error)
	checked bool // its results were checked when compiled (not a method's)
}

// direct returns a caller of fn for the signatures layouts call on every
// page (comparisons, not, len; T, date, relURL, partial and the like),
// given the arguments as text/template prepares them for fn's parameters;
// nil for any other signature.
func direct(fn reflect.Value) func([]reflect.Value) (reflect.Value, error) {
	switch f := fn.Interface().(type) {
	case func(reflect.Value, ...reflect.Value) (bool, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			var small [4]reflect.Value
			rest := small[:0]
			for _, v := range a[1:] {
				rest = append(rest, unwrap(v))
			}
			b, err := f(unwrap(a[0]), rest...)
			return reflect.ValueOf(b), err
		}
	case func(reflect.Value, reflect.Value) (bool, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			b, err := f(unwrap(a[0]), unwrap(a[1]))
			return reflect.ValueOf(b), err
		}
	case func(reflect.Value) bool:
		return func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(unwrap(a[0]))), nil }
	case func(reflect.Value) (int, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			n, err := f(unwrap(a[0]))
			return reflect.ValueOf(n), err
		}
	case func(string) string:
		return func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(a[0].String())), nil }
	case func(time.Time) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].Interface().(time.Time))), nil
		}
	case func(string, ...any) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].String(), interfaces(a[1:])...)), nil
		}
	case func(string, ...any) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			h, err := f(a[0].String(), interfaces(a[1:])...)
			return reflect.ValueOf(h), err
		}
	}
	return nil
}

// interfaces is the variadic ...any arguments of a call.
func interfaces(a []reflect.Value) []any {
	if len(a) == 0 {
		return nil
	}
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = v.Interface()
	}
	return out
}

// builtin returns text/template's built-in function name, for those
// ported.
func builtin(name string) (reflect.Value, bool) {
	var f any
	switch name {
	case "not":
		f = not
	case "len":
		f = length
	case "index":
		f = index
	case "slice":
		f = slice
	case "eq":
		f = eq
	case "ne":
		f = ne
	case "lt":
		f = lt
	case "le":
		f = le
	case "gt":
		f = gt
	case "ge":
		f = ge
	case "print":
		f = fmt.Sprint
	case "printf":
		f = fmt.Sprintf
	case "println":
		f = fmt.Sprintln
	default:
		return reflect.Value{}, false
	}
	return reflect.ValueOf(f), true
}

// goodFunc is text/template's check of a function's results.
func goodFunc(typ reflect.Type) error {
	switch {
	case typ.NumOut() == 1:
		return nil
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
		return nil
	case typ.NumOut() == 2:
		return fmt.Errorf("second return value must be error; is %s", typ.Out(1))
	}
	return fmt.Errorf("has %d return values; should be 1 or 2", typ.NumOut())
}

func unwrap(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// call is text/template's evalCall, for a function or a method with its
// receiver bound (whose results are checked here, a function's when
// compiled).
func (s *state) call(dot reflect.Value, f *function, name string, args []argFn, final reflect.Value) reflect.Value {
	fun := f.fn
	typ := fun.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			s.errorf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		s.errorf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	if !f.checked {
		if err := goodFunc(typ); err != nil {
			s.errorf("%s: %v", name, err)
		}
	}
	var small [4]reflect.Value
	argv := small[:0]
	if numIn > len(small) {
		argv = make([]reflect.Value, 0, numIn)
	}
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv = append(argv, args[i](s, dot, typ.In(i)))
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv = append(argv, args[i](s, dot, argType))
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv = append(argv, s.validateType(final, t))
	}
	v, err := safeCall(f, argv)
	if err != nil {
		s.errorf("error calling %s: %w", name, err)
	}
	return unwrap(v)
}

// safeCall is text/template's: a panic in the function is an error.
func safeCall(f *function, args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(execError); ok {
				panic(r)
			}
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	if f.direct != nil {
		return f.direct(args)
	}
	ret := f.fn.Call(args)
	if len(ret) == 2 && !ret[1].IsNil() {
		return ret[0], ret[1].Interface().(error)
	}
	return ret[0], nil
}

// isTrue is text/template's definition of truth.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// indirectValue is text/template's indirect.
func indirectValue(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is text/template's.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}
