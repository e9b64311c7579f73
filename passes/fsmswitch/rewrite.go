package fsmswitch

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// The rewrite turns a closed state machine into transition-pointer form:
// the state type becomes a function type, each state constant a function
// holding the case that handled it, and the consumer switch one call of
// the function in the field. Transitions keep their text (r.state =
// readBody now stores a function). docs/design.md gives the rules.

// syntax is the declarations a rewrite edits, found once per machine.
type syntax struct {
	typeSpec   *ast.TypeSpec
	typeDecl   *ast.GenDecl
	typeFile   *ast.File
	field      *ast.Field
	structSpec *ast.TypeSpec
	fieldType  ast.Expr
	constDecls []*ast.GenDecl
	consumer   *ast.File
}

// findSyntax locates the declarations of c's type, struct, field and
// constants.
func (f *finder) findSyntax(c *candidate, consumer *ast.FuncDecl) *syntax {
	s := new(syntax)
	for _, file := range f.pass.Files {
		if file.FileStart <= consumer.Pos() && consumer.Pos() < file.FileEnd {
			s.consumer = file
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					switch f.pass.TypesInfo.Defs[spec.Name] {
					case c.typ:
						s.typeSpec, s.typeDecl, s.typeFile = spec, gd, file
					case c.strct:
						s.structSpec = spec
						s.field = fieldOf(spec, c.field.Name())
						if s.field != nil {
							s.fieldType = s.field.Type
						}
					}
				case *ast.ValueSpec:
					if gd.Tok == token.CONST && slices.ContainsFunc(spec.Names, func(id *ast.Ident) bool {
						return isState(c.states, f.pass.TypesInfo.Defs[id])
					}) && !slices.Contains(s.constDecls, gd) {
						s.constDecls = append(s.constDecls, gd)
					}
				}
			}
		}
	}
	return s
}

func fieldOf(spec *ast.TypeSpec, name string) *ast.Field {
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return nil
	}
	for _, field := range st.Fields.List {
		for _, id := range field.Names {
			if id.Name == name {
				return field
			}
		}
	}
	return nil
}

// A clause is one case of the consumer and the function it becomes.
type clause struct {
	cc     *ast.CaseClause
	name   string         // the function's name
	states []*types.Const // the states it handles, first one naming it
	zero   bool           // it handles the zero value of a machine with no zero state
}

// aliases are the states the clause handles after the one naming its
// function: each gets a function that calls the clause's.
func (cl *clause) aliases() []*types.Const {
	if len(cl.states) == 0 {
		return nil // only the zero value of a machine with no zero state
	}
	return cl.states[1:]
}

// rewriter builds the fix for one machine.
type rewriter struct {
	pass *analysis.Pass
	m    *Machine
	syn  *syntax
	src  []byte // the consumer's file
	sig  signature
	flag bool // state functions report whether the case returned from the method
	// tail is set when the switch ends the method: a state function's
	// results are the method's. With neither tail nor flag, no case
	// returns: a state function returns only the threaded named results.
	tail bool
	// keep is set when a destructor switch reads the state: the enum stays,
	// as a tag written beside a new function field at every transition,
	// and the destructor is left as it is (see docs/design.md).
	keep bool

	inner   []analysis.TextEdit // edits inside case bodies
	clauses []*clause
	byState map[*types.Const]*clause
	zeroFn  string // function for the zero value; "" when no case runs for it
}

// signature is the consumer method's, as text.
type signature struct {
	tparams string // "[T any]" for a generic struct, else ""
	recv    string // "r *frameReader"
	recvArg string // "r"
	params  []string
	args    []string // to pass the params on
	results []string // result types
	named   []string // result names ("" or "_" for unnamed)
	zeros   []string // zero value of each result
}

// suggestedFix returns the rewrite of m, or an error saying why it cannot
// be built (a bug when m has no blocker).
func suggestedFix(pass *analysis.Pass, m *Machine) (*analysis.SuggestedFix, error) {
	rw := &rewriter{pass: pass, m: m, syn: m.syntax}
	tf := pass.Fset.File(m.Consumer.Stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", tf.Name(), err)
	}
	rw.src = src
	if err := rw.signature(); err != nil {
		return nil, err
	}
	rw.tail = isLastStmt(m.Consumer.Decl.Body, m.Consumer.Stmt)
	rw.flag = !rw.tail && anyCaseReturns(m.Consumer.Stmt)
	rw.keep = len(m.Dtors) > 0
	rw.assignClauses()

	var edits []analysis.TextEdit
	if rw.keep {
		edits = append(edits, rw.tagEdits()...)
	} else {
		edits = append(edits, rw.typeEdits()...)
		for _, d := range rw.syn.constDecls {
			edits = append(edits, analysis.TextEdit{Pos: declStart(d), End: d.End()})
		}
	}
	sw := m.Consumer.Stmt
	var inner []analysis.TextEdit // transitions inside the switch move with their case
	for _, e := range rw.transitionEdits() {
		if sw.Pos() <= e.Pos && e.End <= sw.End() {
			inner = append(inner, e)
		} else {
			edits = append(edits, e)
		}
	}
	rw.inner = inner
	edits = append(edits, analysis.TextEdit{Pos: sw.Pos(), End: sw.End(), NewText: []byte(rw.dispatch())})
	funcs, err := rw.stateFuncs()
	if err != nil {
		return nil, err
	}
	edits = append(edits, analysis.TextEdit{Pos: m.Consumer.Decl.End(), End: m.Consumer.Decl.End(), NewText: funcs})
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Rewrite %s to transition-pointer form: one function per state, no switch "+
			"(the machine escapes to the heap through the indirect call; benchmark before keeping it)", m.Name()),
		TextEdits: edits,
	}, nil
}

func (rw *rewriter) text(n ast.Node) string { return rw.textRange(n.Pos(), n.End()) }

func (rw *rewriter) textRange(pos, end token.Pos) string {
	tf := rw.pass.Fset.File(pos)
	return string(rw.src[tf.Offset(pos):tf.Offset(end)])
}

// signature records the consumer method's receiver, parameters and
// results as the state functions will declare them.
func (rw *rewriter) signature() error {
	decl := rw.m.Consumer.Decl
	recv := decl.Recv.List[0]
	rw.sig.recvArg = recv.Names[0].Name
	rw.sig.recv = rw.sig.recvArg + " " + rw.text(recv.Type)
	if tp := rw.syn.structSpec.TypeParams; tp != nil {
		rw.sig.tparams = rw.text(tp)
	}
	for _, field := range decl.Type.Params.List {
		typ := rw.text(field.Type)
		for _, name := range field.Names {
			if name.Name == "_" {
				continue
			}
			rw.sig.params = append(rw.sig.params, name.Name+" "+typ)
			arg := name.Name
			if _, ok := field.Type.(*ast.Ellipsis); ok {
				arg += "..."
			}
			rw.sig.args = append(rw.sig.args, arg)
		}
	}
	if decl.Type.Results != nil {
		for _, field := range decl.Type.Results.List {
			typ := rw.text(field.Type)
			zero := zeroValue(rw.pass.TypesInfo.TypeOf(field.Type), typ)
			names := field.Names
			if len(names) == 0 {
				names = []*ast.Ident{nil}
			}
			for _, name := range names {
				n := ""
				if name != nil {
					n = name.Name
				}
				rw.sig.results = append(rw.sig.results, typ)
				rw.sig.named = append(rw.sig.named, n)
				rw.sig.zeros = append(rw.sig.zeros, zero)
			}
		}
	}
	return nil
}

// threaded returns the named results a state function receives and
// returns, so a case that sets them and returns bare keeps their values.
func (rw *rewriter) threaded() (params, args []string) {
	for i, n := range rw.sig.named {
		if n != "" && n != "_" {
			params = append(params, n+" "+rw.sig.results[i])
			args = append(args, n)
		}
	}
	return params, args
}

// funcType is the state function's signature after "func".
func (rw *rewriter) funcType() string {
	tparams, _ := rw.threaded()
	params := append([]string{rw.sig.recv}, rw.sig.params...)
	params = append(params, tparams...)
	var results []string
	switch {
	case rw.tail:
		results = rw.sig.results
	case rw.flag:
		results = append(slices.Clone(rw.sig.results), "bool")
	default:
		for i, n := range rw.sig.named {
			if n != "" && n != "_" {
				results = append(results, rw.sig.results[i])
			}
		}
	}
	s := "(" + strings.Join(params, ", ") + ")"
	switch len(results) {
	case 0:
	case 1:
		s += " " + results[0]
	default:
		s += " (" + strings.Join(results, ", ") + ")"
	}
	return s
}

// callArgs are the arguments the dispatch passes a state function.
func (rw *rewriter) callArgs() string {
	_, targs := rw.threaded()
	args := append([]string{rw.sig.recvArg}, rw.sig.args...)
	return strings.Join(append(args, targs...), ", ")
}

// typeEdits turn the state type into a function type and, for a generic
// struct, instantiate it in the field.
func (rw *rewriter) typeEdits() []analysis.TextEdit {
	spec := rw.syn.typeSpec
	edits := []analysis.TextEdit{{
		Pos: spec.Name.End(), End: spec.Type.End(),
		NewText: []byte(rw.sig.tparams + " func" + rw.funcType()),
	}}
	if tp := rw.syn.structSpec.TypeParams; tp != nil {
		var names []string
		for _, field := range tp.List {
			for _, n := range field.Names {
				names = append(names, n.Name)
			}
		}
		edits = append(edits, analysis.TextEdit{
			Pos: rw.syn.fieldType.Pos(), End: rw.syn.fieldType.End(),
			NewText: []byte(rw.m.Type.Name() + "[" + strings.Join(names, ", ") + "]"),
		})
	}
	return edits
}

// assignClauses maps each state to the clause that handles it and names
// each clause's function after its first state.
func (rw *rewriter) assignClauses() {
	rw.byState = make(map[*types.Const]*clause)
	var dflt *clause
	zeroCase := false
	for _, stmt := range rw.m.Consumer.Stmt.Body.List {
		cc := stmt.(*ast.CaseClause)
		cl := &clause{cc: cc}
		rw.clauses = append(rw.clauses, cl)
		if cc.List == nil {
			dflt = cl
			continue
		}
		for _, e := range cc.List {
			k := e
			if !rw.m.Consumer.Tagged {
				k = comparedStateIn(rw.pass.TypesInfo, rw.m, e)
			}
			tv := rw.pass.TypesInfo.Types[k]
			if st := stateOfValue(rw.m, tv); st != nil {
				if rw.byState[st] == nil { // a later case naming it again is dead
					rw.byState[st] = cl
					cl.states = append(cl.states, st)
				}
			} else if !zeroCase {
				zeroCase, cl.zero = true, true
			}
		}
	}
	for _, st := range rw.m.States {
		if rw.byState[st] == nil && dflt != nil {
			rw.byState[st] = dflt
			dflt.states = append(dflt.states, st)
		}
	}
	if dflt != nil && !zeroCase && rw.m.ZeroState() == nil {
		dflt.zero = true
	}
	for _, cl := range rw.clauses {
		switch {
		case len(cl.states) > 0:
			cl.name = rw.fnName(cl.states[0])
		case cl.zero:
			cl.name = rw.m.Type.Name() + "Zero"
		}
		if cl.zero {
			rw.zeroFn = cl.name
		}
	}
	if z := rw.m.ZeroState(); z != nil {
		rw.zeroFn = rw.fnName(z)
	}
}

// fnName is the name of the function for state st: the constant's own
// name, which it replaces, or with "Fn" added when the enum is kept.
func (rw *rewriter) fnName(st *types.Const) string {
	if rw.keep {
		return st.Name() + "Fn"
	}
	return st.Name()
}

// fnField is the field that holds the state function.
func (rw *rewriter) fnField() string {
	if rw.keep {
		return rw.m.Field.Name() + "Fn"
	}
	return rw.m.Field.Name()
}

// fnType is the type of the state function: the state type itself, or a
// new one beside it when the enum is kept.
func (rw *rewriter) fnType() string {
	if rw.keep {
		return rw.m.Type.Name() + "Fn"
	}
	return rw.m.Type.Name()
}

// tagEdits declare the function type and the field beside the kept enum.
func (rw *rewriter) tagEdits() []analysis.TextEdit {
	decl := fmt.Sprintf("\n\n// %s is a state of %s as the function that runs it; the %s\n// field keeps %s for %s.\ntype %s%s func%s",
		rw.fnType(), rw.m.Struct.Name(), rw.m.Field.Name(), rw.m.Type.Name(), destructorNames(rw.m),
		rw.fnType(), rw.sig.tparams, rw.funcType())
	field := rw.syn.field
	end := field.End()
	if field.Comment != nil {
		end = field.Comment.End()
	}
	return []analysis.TextEdit{
		{Pos: rw.syn.typeDecl.End(), End: rw.syn.typeDecl.End(), NewText: []byte(decl)},
		{Pos: end, End: end, NewText: []byte("\n" + rw.fnField() + " " + rw.fnType() + typeParamNames(rw.syn.structSpec))},
	}
}

func destructorNames(m *Machine) string {
	var names []string
	for _, d := range m.Dtors {
		names = append(names, typesx.MethodName(d.Method))
	}
	return strings.Join(names, " and ")
}

// transitionEdits make every transition store the state function too,
// when the enum is kept. Without it, transitions keep their text.
func (rw *rewriter) transitionEdits() []analysis.TextEdit {
	if !rw.keep {
		return nil
	}
	var edits []analysis.TextEdit
	for _, t := range rw.m.Transitions {
		if t.Kind == ZeroValue {
			continue // both fields zero: the dispatch maps a nil function to the zero state
		}
		fn := rw.fnName(t.To)
		switch t.Kind {
		case Assign:
			sel := t.target.(*ast.SelectorExpr)
			edits = append(edits,
				analysis.TextEdit{Pos: sel.End(), End: sel.End(), NewText: []byte(", " + rw.text(sel.X) + "." + rw.fnField())},
				analysis.TextEdit{Pos: t.value.End(), End: t.value.End(), NewText: []byte(", " + fn)})
		case Literal:
			edits = append(edits, analysis.TextEdit{Pos: t.kv.End(), End: t.kv.End(), NewText: []byte(", " + rw.fnField() + ": " + fn)})
		}
	}
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	return edits
}

// dispatch is the statement that replaces the consumer switch.
func (rw *rewriter) dispatch() string {
	fn := rw.freshName("step")
	load := fmt.Sprintf("%s := %s.%s", fn, rw.sig.recvArg, rw.fnField())
	call := fmt.Sprintf("%s(%s)", fn, rw.callArgs())
	var run string
	_, targs := rw.threaded()
	switch {
	case rw.tail && len(rw.sig.results) == 0:
		run = call
	case rw.tail:
		run = "return " + call
	case rw.flag:
		run = rw.flaggedCall(call)
	case len(targs) > 0:
		run = strings.Join(targs, ", ") + " = " + call
	default:
		run = call
	}
	var b strings.Builder
	if rw.zeroFn != "" {
		fmt.Fprintf(&b, "%s\nif %s == nil {\n%s = %s // the zero value\n}\n%s", load, fn, fn, rw.zeroFn, run)
	} else {
		fmt.Fprintf(&b, "if %s; %s != nil { // nil: no case runs\n%s\n}", load, fn, run)
	}
	if !rw.tail && rw.zeroFn != "" {
		return "{\n" + b.String() + "\n}" // scope the locals; an if with no zero function scopes its own
	}
	return b.String()
}

// flaggedCall runs a state function whose last result says whether the
// case returned from the method; otherwise the method goes on after the
// switch.
func (rw *rewriter) flaggedCall(call string) string {
	done := rw.freshName("done")
	_, targs := rw.threaded()
	switch {
	case len(targs) > 0:
		// Named results are threaded through the state function.
		return fmt.Sprintf("var %s bool\nif %s, %s = %s; %s {\nreturn\n}", done, strings.Join(rw.resultVars(), ", "), done, call, done)
	case len(rw.sig.results) == 0:
		return fmt.Sprintf("if %s {\nreturn\n}", call)
	default:
		var vars []string
		for i := range rw.sig.results {
			vars = append(vars, rw.freshName(fmt.Sprintf("r%d", i)))
		}
		return fmt.Sprintf("if %s, %s := %s; %s {\nreturn %s\n}", strings.Join(vars, ", "), done, call, done, strings.Join(vars, ", "))
	}
}

// resultVars are the named results as assignment targets ("_" for blanks).
func (rw *rewriter) resultVars() []string {
	vars := make([]string, len(rw.sig.named))
	for i, n := range rw.sig.named {
		vars[i] = n
		if n == "" {
			vars[i] = "_"
		}
	}
	return vars
}

// freshName returns base, or base with a digit, unused in the consumer.
func (rw *rewriter) freshName(base string) string {
	used := make(map[string]bool)
	ast.Inspect(rw.m.Consumer.Decl, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	name := base
	for i := 2; used[name] || rw.pass.Pkg.Scope().Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// stateFuncs returns the declarations of the state functions, formatted.
func (rw *rewriter) stateFuncs() ([]byte, error) {
	var b bytes.Buffer
	method := typesx.MethodName(rw.m.Consumer.Method)
	tparamNames := typeParamNames(rw.syn.structSpec)
	for _, cl := range rw.clauses {
		if cl.name == "" {
			continue // a default no state reaches
		}
		body := strings.TrimLeft(rw.clauseBody(cl), " \t\r\n")
		doc := fmt.Sprintf("// %s runs the %q clause of %s.", cl.name, caseText(rw, cl)+":", method)
		fmt.Fprintf(&b, "\n\n%s\nfunc %s%s%s {\n%s\n}", doc, cl.name, rw.sig.tparams, rw.funcType(), body)
		for _, st := range cl.aliases() {
			fmt.Fprintf(&b, "\n\n// %s is handled as %s is, by the same clause of %s.\nfunc %s%s%s {\nreturn %s%s(%s)\n}",
				rw.fnName(st), cl.name, method, rw.fnName(st), rw.sig.tparams, rw.funcType(), cl.name, tparamNames, rw.callArgs())
		}
	}
	for _, st := range rw.m.States {
		if rw.byState[st] == nil {
			fmt.Fprintf(&b, "\n\n// %s is a state no clause of %s handles.\nfunc %s%s%s {\n%s\n}",
				rw.fnName(st), method, rw.fnName(st), rw.sig.tparams, rw.funcType(), rw.fallOff())
		}
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the state functions: %w\n%s", err, b.Bytes())
	}
	return append([]byte("\n\n"), bytes.TrimSpace(out)...), nil
}

// caseText describes a clause as its source does.
func caseText(rw *rewriter, cl *clause) string {
	if cl.cc.List == nil {
		return "default"
	}
	return strings.TrimSpace(rw.textRange(cl.cc.Case, cl.cc.Colon))
}

// fallOff is what a state function returns when its case ends without
// returning from the method: the method goes on after the switch.
func (rw *rewriter) fallOff() string {
	switch {
	case rw.tail:
		return ""
	case rw.flag:
		return "return " + strings.Join(append(rw.currentResults(), "false"), ", ")
	}
	if _, targs := rw.threaded(); len(targs) > 0 {
		return "return " + strings.Join(targs, ", ")
	}
	return ""
}

// anyCaseReturns reports whether a case of the switch returns from the
// method; if none does, state functions need not say so.
func anyCaseReturns(sw *ast.SwitchStmt) bool {
	found := false
	ast.Inspect(sw.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// currentResults are the values of the results at a bare return: the
// threaded named results, or zero values.
func (rw *rewriter) currentResults() []string {
	vals := make([]string, len(rw.sig.results))
	for i, n := range rw.sig.named {
		if n != "" && n != "_" {
			vals[i] = n
		} else {
			vals[i] = rw.sig.zeros[i]
		}
	}
	return vals
}

// clauseBody returns the statements of a case rewritten for a function of
// their own: returns report that the method returns, and a break out of
// the switch, like the end of the case, falls off.
func (rw *rewriter) clauseBody(cl *clause) string {
	if len(cl.cc.Body) == 0 {
		return rw.fallOff()
	}
	start, end := cl.cc.Colon+1, cl.cc.End()
	var edits []analysis.TextEdit
	var walk func(n ast.Node, breakable bool)
	walk = func(n ast.Node, breakable bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				for _, child := range innerBodies(n) {
					walk(child, true)
				}
				return false
			case *ast.ReturnStmt:
				if r := rw.rewriteReturn(n); r != "" {
					edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(r)})
				}
			case *ast.BranchStmt:
				if n.Tok == token.BREAK && (n.Label == nil && !breakable || n.Label != nil && rw.labelsSwitch(n.Label)) {
					edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(rw.breakText())})
				}
			}
			return true
		})
	}
	for _, s := range cl.cc.Body {
		walk(s, false)
	}
	for _, e := range rw.inner {
		if start <= e.Pos && e.End <= end {
			edits = append(edits, e)
		}
	}
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	var b strings.Builder
	pos := start
	for _, e := range edits {
		b.WriteString(rw.textRange(pos, e.Pos))
		b.Write(e.NewText)
		pos = e.End
	}
	b.WriteString(rw.textRange(pos, end))
	if fall := rw.fallOff(); fall != "" && !isTerminating(cl.cc.Body[len(cl.cc.Body)-1]) {
		b.WriteString("\n" + fall)
	}
	return b.String()
}

// rewriteReturn returns the new text of a return in a case, or "" to keep it.
func (rw *rewriter) rewriteReturn(ret *ast.ReturnStmt) string {
	var vals []string
	switch {
	case len(ret.Results) > 0:
		if !rw.flag {
			return ""
		}
		vals = []string{rw.textRange(ret.Results[0].Pos(), ret.Results[len(ret.Results)-1].End())}
	case len(rw.sig.results) > 0:
		vals = rw.currentResults() // a bare return of named results
	case !rw.flag:
		return ""
	}
	if rw.flag {
		vals = append(vals, "true")
	}
	return "return " + strings.Join(vals, ", ")
}

// breakText is what a break out of the consumer switch becomes.
func (rw *rewriter) breakText() string {
	if fall := rw.fallOff(); fall != "" {
		return fall
	}
	return "return"
}

// labelsSwitch reports whether label names the consumer switch.
func (rw *rewriter) labelsSwitch(label *ast.Ident) bool {
	obj := rw.pass.TypesInfo.Uses[label]
	if obj == nil {
		return false
	}
	var labeled *ast.LabeledStmt
	ast.Inspect(rw.m.Consumer.Decl.Body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && rw.pass.TypesInfo.Defs[ls.Label] == obj {
			labeled = ls
		}
		return labeled == nil
	})
	return labeled != nil && labeled.Stmt == rw.m.Consumer.Stmt
}

func innerBodies(n ast.Node) []ast.Node {
	switch n := n.(type) {
	case *ast.ForStmt:
		return []ast.Node{n.Body}
	case *ast.RangeStmt:
		return []ast.Node{n.Body}
	case *ast.SwitchStmt:
		return []ast.Node{n.Body}
	case *ast.TypeSwitchStmt:
		return []ast.Node{n.Body}
	case *ast.SelectStmt:
		return []ast.Node{n.Body}
	}
	return nil
}

// isTerminating reports whether a statement never completes normally, for
// the common forms: a return, a panic, a block or if/else ending in one.
func isTerminating(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "panic"
	case *ast.BlockStmt:
		return len(s.List) > 0 && isTerminating(s.List[len(s.List)-1])
	case *ast.IfStmt:
		return s.Else != nil && isTerminating(s.Body) && isTerminating(s.Else)
	}
	return false
}

func isLastStmt(body *ast.BlockStmt, s ast.Stmt) bool {
	return len(body.List) > 0 && body.List[len(body.List)-1] == s
}

// declStart is where a declaration's text begins, its doc comment included.
func declStart(d *ast.GenDecl) token.Pos {
	if d.Doc != nil {
		return d.Doc.Pos()
	}
	return d.Pos()
}

func typeParamNames(spec *ast.TypeSpec) string {
	if spec.TypeParams == nil {
		return ""
	}
	var names []string
	for _, field := range spec.TypeParams.List {
		for _, n := range field.Names {
			names = append(names, n.Name)
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// stateOfValue returns the state constant with the value tv holds.
func stateOfValue(m *Machine, tv types.TypeAndValue) *types.Const {
	if tv.Value == nil {
		return nil
	}
	for _, st := range m.States {
		if constant.Compare(st.Val(), token.EQL, tv.Value) {
			return st
		}
	}
	return nil
}

func isZeroValue(tv types.TypeAndValue) bool {
	if tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value) == ""
	}
	return constant.Sign(tv.Value) == 0
}

// comparedStateIn returns K in a tagless case r.field == K or K ==
// r.field, or nil if e is not such a comparison.
func comparedStateIn(info *types.Info, m *Machine, e ast.Expr) ast.Expr {
	cmp, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || cmp.Op != token.EQL {
		return nil
	}
	isField := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		s, ok := info.Selections[sel]
		return ok && originField(s.Obj()) == m.Field
	}
	switch {
	case isField(cmp.X):
		return cmp.Y
	case isField(cmp.Y):
		return cmp.X
	}
	return nil
}

// zeroValue returns the zero value of t as Go source, text being how the
// source writes t.
func zeroValue(t types.Type, text string) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		case u.Kind() == types.UnsafePointer:
			return "nil"
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		if _, isParam := t.(*types.TypeParam); !isParam {
			return "nil"
		}
	case *types.Struct, *types.Array:
		return text + "{}"
	}
	return "*new(" + text + ")"
}
