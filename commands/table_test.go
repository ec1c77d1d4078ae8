package commands

import (
	"courtyard/commands/core"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestEveryCommandHasARow: a command without a usable rule is a command
// nobody may use, or anybody anywhere by accident.
func TestEveryCommandHasARow(t *testing.T) {
	a := registered(t)
	seen := map[string]bool{}
	for _, c := range a.Commands() {
		if seen[c.Name] {
			t.Errorf("/%s has two rows in commandTable", c.Name)
		}
		seen[c.Name] = true
		if c.Rule.Min == "" || c.Rule.Chats == 0 {
			t.Errorf("/%s has no permission row: give it rule{min, chats, scope} in commandTable", c.Name)
		}
	}
}

// TestEveryButtonActionHasARow reads the routers named in buttonTable and
// every CallbackData the handlers build, and fails for a verb a router
// takes or a button shows that has no row in buttonTable, and for a row no
// router takes.
func TestEveryButtonActionHasARow(t *testing.T) {
	src := parseCommands(t)
	families := map[string]core.Buttons{}
	for _, b := range registered(t).ButtonFamilies() {
		families[b.Prefix] = b
	}
	routers := routerNames(t, src)
	carried := map[string]bool{} // prefix+verb of every button the source builds
	for _, data := range src.callbackLiterals() {
		for prefix := range families {
			if strings.HasPrefix(data, prefix) {
				carried[prefix+core.ButtonVerb(prefix, data)] = true
			}
		}
	}
	for prefix, b := range families {
		if strings.HasPrefix(prefix, "fl:") {
			continue // a dialog's buttons: the conversation engine routes them
		}
		router, ok := routers[prefix]
		if !ok && ownHandlers(b) {
			continue // the table is the router: each verb names its handler
		}
		if !ok {
			t.Fatalf("no router found for %q in buttonTable", prefix)
		}
		taken := src.verbsOf(router, map[string]bool{"parts": true, "verb": true, "data": true}, 0)
		delete(taken, "")
		if _, any := b.Verbs["*"]; any {
			continue
		}
		for v := range taken {
			if _, ok := b.Verbs[v]; !ok {
				t.Errorf("button action %s%s (routed by %s) has no row in buttonTable: add %q: {min, chats, scope}", prefix, v, router, v)
			}
		}
		for v := range b.Verbs {
			if !taken[v] && !carried[prefix+v] {
				t.Errorf("buttonTable row %s%s is routed by no case of %s and carried by no button: remove it, or route it in a switch on the verb", prefix, v, router)
			}
		}
	}
	for _, data := range src.callbackLiterals() {
		i := strings.Index(data, ":")
		if i < 1 || strings.Trim(data[:i], "abcdefghijklmnopqrstuvwxyz") != "" {
			continue // a suffix: ":" + id
		}
		b, ok := families[data[:i+1]]
		if !ok {
			t.Errorf("a button carries %q: no buttonTable family routes %q", data, data[:i+1])
			continue
		}
		if _, ok := b.RuleFor(data); !ok && strings.TrimPrefix(data, b.Prefix) != "" {
			t.Errorf("a button carries %q: %s%s has no row in buttonTable", data, b.Prefix, core.ButtonVerb(b.Prefix, data))
		}
	}
}

type goSource struct {
	funcs map[string]*ast.FuncDecl
	rows  []*ast.FuncDecl // every capability's …ButtonRows
	files []*ast.File
}

func parseCommands(t *testing.T) *goSource {
	t.Helper()
	s := &goSource{funcs: map[string]*ast.FuncDecl{}}
	fset := token.NewFileSet()
	for _, f := range commandSources(t) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		pf, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		s.files = append(s.files, pf)
		for _, d := range pf.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				s.funcs[fd.Name.Name] = fd
				if strings.HasSuffix(fd.Name.Name, "ButtonRows") {
					s.rows = append(s.rows, fd)
				}
			}
		}
	}
	return s
}

// routerNames reads the capabilities' button rows (the literals of every
// …ButtonRows function): prefix → router method name.
func routerNames(t *testing.T, s *goSource) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, fd := range s.rows {
		routersIn(fd, out)
	}
	if len(out) == 0 {
		t.Fatal("no button rows found")
	}
	return out
}

func routersIn(fd *ast.FuncDecl, out map[string]string) {
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		var prefix, run string
		for _, e := range cl.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			k, ok := kv.Key.(*ast.Ident)
			switch {
			case !ok:
			case k.Name == "Prefix":
				prefix, _ = strLit(kv.Value)
			case k.Name == "Run":
				if sel, ok := kv.Value.(*ast.SelectorExpr); ok {
					run = sel.Sel.Name
				}
			}
		}
		if prefix != "" && run != "" {
			out[prefix] = run
		}
		return true
	})
}

func strLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// verbsOf collects the verbs function name switches on: case labels and
// == comparisons of the verb (a variable in vars, or its first fields),
// following calls that pass the verb on, two levels deep.
func (s *goSource) verbsOf(name string, vars map[string]bool, depth int) map[string]bool {
	out := map[string]bool{}
	fd := s.funcs[name]
	if fd == nil || depth > 2 {
		return out
	}
	isVerb := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.Ident:
			return vars[x.Name]
		case *ast.IndexExpr:
			id, ok := x.X.(*ast.Ident)
			lit, okl := x.Index.(*ast.BasicLit)
			return ok && okl && vars[id.Name] && (lit.Value == "0" || lit.Value == "1")
		case *ast.CallExpr:
			sel, ok := x.Fun.(*ast.SelectorExpr)
			return ok && sel.Sel.Name == "TrimPrefix"
		}
		return false
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SwitchStmt:
			if x.Tag == nil || !isVerb(x.Tag) {
				break
			}
			for _, c := range x.Body.List {
				for _, e := range c.(*ast.CaseClause).List {
					if v, ok := strLit(e); ok {
						out[v] = true
					}
				}
			}
		case *ast.BinaryExpr:
			if v, ok := strLit(x.Y); ok && x.Op == token.EQL && isVerb(x.X) {
				out[v] = true
			}
		case *ast.CallExpr:
			sel, ok := x.Fun.(*ast.SelectorExpr)
			if !ok {
				break
			}
			if (sel.Sel.Name == "CutPrefix" || sel.Sel.Name == "HasPrefix") && len(x.Args) == 2 && isVerb(x.Args[0]) {
				if v, ok := strLit(x.Args[1]); ok {
					out[strings.TrimSuffix(v, ":")] = true
				}
				break
			}
			callee := s.funcs[sel.Sel.Name]
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "a" || callee == nil {
				break
			}
			sub := map[string]bool{}
			i := 0
			for _, fld := range callee.Type.Params.List {
				for _, nm := range fld.Names {
					if i < len(x.Args) && isVerb(x.Args[i]) {
						sub[nm.Name] = true
					}
					i++
				}
			}
			if len(sub) > 0 {
				for v := range s.verbsOf(sel.Sel.Name, sub, depth+1) {
					out[v] = true
				}
			}
		}
		return true
	})
	return out
}

// callbackLiterals are the string literals given as CallbackData.
func (s *goSource) callbackLiterals() []string {
	seen := map[string]bool{}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "CallbackData" {
				return true
			}
			ast.Inspect(kv.Value, func(m ast.Node) bool {
				if be, ok := m.(*ast.BinaryExpr); ok && be.Op == token.ADD {
					// "mt:post:" + id, or prefix + "a:" + …: only the
					// leftmost operand begins the data.
					var left ast.Expr = be
					for b, ok := left.(*ast.BinaryExpr); ok; b, ok = left.(*ast.BinaryExpr) {
						left = b.X
					}
					if v, ok := strLit(left); ok && strings.Contains(v, ":") {
						seen[v] = true
					}
					return false
				}
				if v, ok := strLit(asExpr(m)); ok && strings.Contains(v, ":") {
					seen[v] = true
					return false
				}
				return true
			})
			return true
		})
	}
	var out []string
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// ownHandlers reports a family whose every verb carries its own handler.
func ownHandlers(b core.Buttons) bool {
	for _, ru := range b.Verbs {
		if ru.Run == nil {
			return false
		}
	}
	return b.Run == nil && len(b.Verbs) > 0
}

// commandSources are the Go files of commands and of every package below
// it, tests left out.
func commandSources(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"*.go", "*/*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				out = append(out, f)
			}
		}
	}
	return out
}
