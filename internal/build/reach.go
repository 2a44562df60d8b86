package build

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template/parse"
)

// staticReach looks through the layouts for what the tracer cannot see,
// because templates read fields without calling anything: fields that
// lead from a page other than the one being rendered to regular pages
// (.Children of a list page reached through .Parent or range,
// .Translations of a listed page), and .Site.RegularPgs, .Site.Pages or
// .Hidden anywhere. It reports the first such use, or "".
//
// It follows the dot: in a page's layout (and its baseof) the dot and $
// are the page being rendered; inside range, and inside with of anything
// but the dot, they are something else; a partial or template is followed
// with what it is given. Variables other than $ are taken to be other
// pages. The length of a list (len .Children) shows no page and is allowed.
func staticReach(dir string) string {
	sets := map[string]map[string]*parse.Tree{} // layout file → its templates by name
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if ext := filepath.Ext(p); ext != ".html" && ext != ".xml" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		trees := map[string]*parse.Tree{}
		t := parse.New(rel)
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(string(b), "", "", trees); err != nil {
			return nil // the build reports it
		}
		sets[rel] = trees
		return nil
	})
	c := &reachCheck{sets: sets, seen: map[string]bool{}}
	for _, file := range slices.Sorted(func(yield func(string) bool) {
		for f := range sets {
			if !yield(f) {
				return
			}
		}
	}) {
		if strings.HasPrefix(file, "partials/") || strings.HasPrefix(file, "_partials/") {
			continue // followed from their callers
		}
		for name := range sets[file] {
			c.tree(file, name, true)
		}
	}
	return c.why
}

// reachCheck walks layouts for staticReach.
type reachCheck struct {
	sets map[string]map[string]*parse.Tree
	seen map[string]bool // file|template|dot is the page
	why  string
}

// tree checks template name of file with the dot (and $) being the page
// rendered or not.
func (c *reachCheck) tree(file, name string, self bool) {
	key := fmt.Sprint(file, "|", name, "|", self)
	t := c.sets[file][name]
	if t == nil || t.Root == nil || c.seen[key] || c.why != "" {
		return
	}
	c.seen[key] = true
	c.list(file, t.Root, self, self)
}

func (c *reachCheck) list(file string, l *parse.ListNode, dot, dollar bool) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(file, n, dot, dollar)
	}
}

func (c *reachCheck) node(file string, n parse.Node, dot, dollar bool) {
	switch n := n.(type) {
	case *parse.ActionNode:
		c.pipe(file, n.Pipe, dot, dollar)
	case *parse.IfNode:
		c.pipe(file, n.Pipe, dot, dollar)
		c.list(file, n.List, dot, dollar)
		c.list(file, n.ElseList, dot, dollar)
	case *parse.WithNode:
		c.pipe(file, n.Pipe, dot, dollar)
		c.list(file, n.List, dot && isDot(n.Pipe), dollar)
		c.list(file, n.ElseList, dot, dollar)
	case *parse.RangeNode:
		c.pipe(file, n.Pipe, dot, dollar)
		c.list(file, n.List, false, dollar)
		c.list(file, n.ElseList, dot, dollar)
	case *parse.TemplateNode:
		c.pipe(file, n.Pipe, dot, dollar)
		c.tree(file, n.Name, n.Pipe != nil && dot && isDot(n.Pipe))
	}
}

// isDot reports whether a pipeline is just the dot.
func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

func (c *reachCheck) pipe(file string, p *parse.PipeNode, dot, dollar bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		args := cmd.Args
		if len(args) == 0 {
			continue
		}
		if id, ok := args[0].(*parse.IdentifierNode); ok {
			switch id.Ident {
			case "len":
				continue // a count shows no page
			case "partial", "partialCached":
				if len(args) >= 2 {
					if name, ok := args[1].(*parse.StringNode); ok {
						self := len(args) >= 3 && isDotArg(args[2], dot, dollar)
						for _, dir := range []string{"partials/", "_partials/"} {
							c.tree(path.Join(dir, name.Text), path.Join(dir, name.Text), self)
						}
					}
				}
			}
		}
		for _, a := range args {
			c.arg(file, a, dot, dollar)
		}
	}
}

// isDotArg reports whether an argument is the page being rendered.
func isDotArg(a parse.Node, dot, dollar bool) bool {
	switch a := a.(type) {
	case *parse.DotNode:
		return dot
	case *parse.VariableNode:
		return len(a.Ident) == 1 && a.Ident[0] == "$" && dollar
	}
	return false
}

func (c *reachCheck) arg(file string, a parse.Node, dot, dollar bool) {
	switch a := a.(type) {
	case *parse.FieldNode:
		c.idents(file, a.Ident, dot, false)
	case *parse.VariableNode:
		c.idents(file, a.Ident[1:], a.Ident[0] == "$" && dollar, false)
	case *parse.ChainNode:
		c.arg(file, a.Node, dot, dollar)
		c.idents(file, a.Field, false, true)
	case *parse.PipeNode:
		c.pipe(file, a, dot, dollar)
	}
}

// idents checks a chain of field names read from a value that is the page
// being rendered (self) or not.
func (c *reachCheck) idents(file string, ids []string, self, chained bool) {
	for i, id := range ids {
		if c.why != "" {
			return
		}
		prev := ""
		if i > 0 {
			prev = ids[i-1]
		}
		switch {
		case id == "RegularPgs" || id == "Hidden":
			c.why = fmt.Sprintf("layout %s uses .%s, which reaches every page", file, id)
		case id == "Pages" && prev == "Site":
			c.why = fmt.Sprintf("layout %s uses .Site.Pages, which reaches every page", file)
		case (id == "Children" || id == "Translations") && (i > 0 || !self || chained):
			c.why = fmt.Sprintf("layout %s uses .%s of another page than the one it renders (.%s)", file, id, strings.Join(ids, "."))
		}
	}
}
