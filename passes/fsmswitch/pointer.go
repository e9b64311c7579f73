package fsmswitch

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/typesx"
)

// The transition-pointer form: the state type becomes a function type,
// each state constant a function holding the case that handled it (or
// the method expression the case only calls), and the consumer switch
// one call of the function in the field. Transitions keep their text
// but for the states whose function has another name. With a destructor
// the enum stays, as a tag written beside a new function field.
// docs/design.md gives the rules.

// pointerForm builds the transition-pointer rewrite of one machine.
type pointerForm struct {
	*stateFuncs
	// keep is set when a destructor switch reads the state: the enum
	// stays as a tag, and the destructor is left as it is.
	keep bool

	exprs    map[*types.Const]string // what a transition to each state stores
	zeroExpr string                  // what the zero value runs; "" when no case does
	// unhandled are the states no clause handles; unhandledFn, when set,
	// is the function they and the zero value share.
	unhandled   []*types.Const
	unhandledFn string
	funcs       strings.Builder // the state functions' declarations
}

// suggestedFix returns the rewrite of m in the form of its fix, or an
// error saying why it cannot be built (a bug: no blocker stops it).
func suggestedFix(pass *analysis.Pass, m *Machine) (*analysis.SuggestedFix, error) {
	e, err := newEmitter(pass, m)
	if err != nil {
		return nil, err
	}
	if m.Fix == TableForm {
		return tableFix(newStateFuncs(e))
	}
	return pointerFix(&pointerForm{stateFuncs: newStateFuncs(e), keep: len(m.Dtors) > 0})
}

func pointerFix(p *pointerForm) (*analysis.SuggestedFix, error) {
	m, sw := p.m, p.m.Consumer
	var edits []analysis.TextEdit
	if p.keep {
		edits = append(edits, p.tagEdits()...)
	} else {
		edits = append(edits, p.typeEdits()...)
		for _, d := range m.decls.constDecls {
			edits = append(edits, analysis.TextEdit{Pos: declStart(d), End: d.End()})
		}
	}
	p.plan()
	start := sw.Stmt.Pos()
	if ls := sw.labeled(); ls != nil {
		start = ls.Pos() // its breaks are gone with it
	}
	for _, te := range p.transitionEdits() {
		if start <= te.Pos && te.Pos < p.end {
			p.inner = append(p.inner, te) // it moves with its case
		} else {
			edits = append(edits, te)
		}
	}
	edits = append(edits, p.driverEdits()...)
	if err := p.declareCases(); err != nil {
		return nil, err
	}
	if err := p.declareUnhandled(); err != nil {
		return nil, err
	}
	funcs, err := formatDecls([]byte(p.funcs.String()))
	if err != nil {
		return nil, err
	}
	if !p.dropConsumer {
		edits = append(edits, analysis.TextEdit{Pos: start, End: p.end, NewText: []byte(p.dispatch())})
	}
	edits = append(edits, analysis.TextEdit{Pos: sw.Decl.End(), End: sw.Decl.End(), NewText: funcs})
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Rewrite %s to transition-pointer form: one function per state, no switch "+
			"(whether it is faster depends on the CPU: measure it with fsmvet verify)", m.Name()),
		TextEdits: edits,
	}, nil
}

// plan decides what each state and the zero value run: the function of
// the clause that handles it, named after the clause's first state, or
// the method expression the clause only calls; the states no clause
// handles share the function of the first of them.
func (p *pointerForm) plan() {
	p.exprs = make(map[*types.Const]string)
	for _, c := range p.m.Consumer.Cases {
		expr, ok := p.methods[c]
		switch {
		case ok:
		case len(c.States) > 0:
			expr = p.fnName(c.States[0])
		case c.Zero:
			expr = p.m.Type.Name() + "Zero"
		}
		for _, st := range c.States {
			p.exprs[st] = expr
		}
		if c.Zero {
			p.zeroExpr = expr
		}
	}
	for _, st := range p.m.States {
		if p.exprs[st] == "" {
			p.unhandled = append(p.unhandled, st)
		}
	}
	if len(p.unhandled) > 0 {
		p.unhandledFn = p.fnName(p.unhandled[0])
		for _, st := range p.unhandled {
			p.exprs[st] = p.unhandledFn
		}
	}
	switch z := p.m.ZeroState(); {
	case z != nil:
		p.zeroExpr = p.exprs[z]
	case p.zeroExpr == "" && len(p.trailing) > 0:
		// No clause handles the zero value: it runs the code after the
		// switch, which moved into the function of the states no clause
		// handles.
		if p.unhandledFn == "" {
			p.unhandledFn = p.m.Type.Name() + "Zero"
		}
		p.zeroExpr = p.unhandledFn
	}
}

// declareCases declares the function of each clause that has one.
func (p *pointerForm) declareCases() error {
	for _, c := range p.m.Consumer.Cases {
		if _, isMethod := p.methods[c]; isMethod || !p.reached(c.States) && !c.Zero {
			// A method expression, or a clause that runs in no state the
			// machine can be in: dead code, whose function nothing would
			// use.
			continue
		}
		body, err := p.caseBody(c)
		if err != nil {
			return err
		}
		name := p.m.Type.Name() + "Zero"
		if len(c.States) > 0 {
			name = p.fnName(c.States[0])
		}
		p.decl(&p.funcs, name, p.caseDoc(c)+alsoStates(c.States), body)
	}
	return nil
}

// reached reports whether the machine can be in one of the states: a
// transition writes it, or it is the zero state.
func (p *pointerForm) reached(states []*types.Const) bool {
	return slices.ContainsFunc(states, func(st *types.Const) bool {
		return st == p.m.ZeroState() || slices.ContainsFunc(p.m.Transitions, func(t Transition) bool { return t.To == st })
	})
}

// alsoStates says, on a line of a doc comment, which other states a
// clause's function runs.
func alsoStates(states []*types.Const) string {
	switch len(states) {
	case 0, 1:
		return ""
	case 2:
		return "\n// The state " + states[1].Name() + " runs it too."
	}
	var names []string
	for _, st := range states[1:] {
		names = append(names, st.Name())
	}
	return "\n// The states " + strings.Join(names, ", ") + " run it too."
}

// declareUnhandled declares the function of the states no clause
// handles, and of the zero value when no constant is zero and no clause
// handles it.
func (p *pointerForm) declareUnhandled() error {
	if p.unhandledFn == "" || !p.reached(p.unhandled) && p.zeroExpr != p.unhandledFn {
		return nil
	}
	body, err := p.unhandledBody()
	if err != nil {
		return err
	}
	method := p.consumerName()
	doc := "is a state no clause of " + method + " handles."
	if p.unhandled == nil {
		doc = "is the zero value, which no clause of " + method + " handles."
	}
	if p.unhandled != nil && p.zeroExpr == p.unhandledFn {
		doc += "\n// It is also the zero value's."
	}
	if len(p.trailing) > 0 {
		doc += "\n// It runs the code that followed the switch."
	}
	p.decl(&p.funcs, p.unhandledFn, doc+alsoStates(p.unhandled), body)
	return nil
}

// fnName is the name of the function for state st: the constant's own
// name, which it replaces, or with "Fn" added when the enum is kept.
func (p *pointerForm) fnName(st *types.Const) string {
	if p.keep {
		return st.Name() + "Fn"
	}
	return st.Name()
}

// fnField is the field that holds the state function.
func (p *pointerForm) fnField() string {
	if p.keep {
		return p.m.Field.Name() + "Fn"
	}
	return p.m.Field.Name()
}

// fnType is the type of the state function: the state type itself, or a
// new one beside it when the enum is kept.
func (p *pointerForm) fnType() string {
	if p.keep {
		return p.m.Type.Name() + "Fn"
	}
	return p.m.Type.Name()
}

// typeEdits turn the state type into a function type, importing in its
// file what its signature needs, and, for a generic struct, instantiate
// it in the field.
func (p *pointerForm) typeEdits() []analysis.TextEdit {
	spec := p.m.decls.typeSpec
	sig, need := signatureIn(p.pass.Pkg, p.m, p.m.decls.typeFile)
	edits := []analysis.TextEdit{{
		Pos: spec.Name.End(), End: spec.Type.End(),
		NewText: []byte(" func" + p.funcType(sig, true)),
	}}
	return append(edits, edit.Imports(p.m.decls.typeFile, paths(need))...)
}

// tagEdits declare the function type beside the kept enum, importing in
// its file what its signature needs, and the field beside the enum's.
func (p *pointerForm) tagEdits() []analysis.TextEdit {
	sig, need := signatureIn(p.pass.Pkg, p.m, p.m.decls.typeFile)
	decl := fmt.Sprintf("\n\n// %s is a state of %s as the function that runs it; the %s\n// field keeps %s for %s.\ntype %s func%s",
		p.fnType(), p.m.Struct.Name(), p.m.Field.Name(), p.m.Type.Name(), destructorNames(p.m),
		p.fnType(), p.funcType(sig, true))
	field := p.m.decls.field
	end := field.End()
	if field.Comment != nil {
		end = field.Comment.End()
	}
	typeEnd := p.m.decls.typeDecl.End()
	edits := []analysis.TextEdit{
		{Pos: typeEnd, End: typeEnd, NewText: []byte(decl)},
		{Pos: end, End: end, NewText: []byte("\n" + p.fnField() + " " + p.fnType())},
	}
	return append(edits, edit.Imports(p.m.decls.typeFile, paths(need))...)
}

func destructorNames(m *Machine) string {
	var names []string
	for _, d := range m.Dtors {
		names = append(names, typesx.MethodName(d.Method))
	}
	return strings.Join(names, " and ")
}

// transitionEdits make every transition store the state's function: when
// the enum is kept, beside it; else in its place, where the function has
// another name than the constant (a method expression, a function shared
// by a case list).
func (p *pointerForm) transitionEdits() []analysis.TextEdit {
	var edits []analysis.TextEdit
	for _, t := range p.m.Transitions {
		expr := p.exprs[t.To]
		switch {
		case t.Kind == ZeroValue:
			// A zero value leaves the field nil: the dispatch maps nil
			// to the zero state.
		case p.keep && t.Kind == Assign:
			sel := t.target
			edits = append(edits,
				analysis.TextEdit{Pos: sel.End(), End: sel.End(), NewText: []byte(", " + p.text(sel.X) + "." + p.fnField())},
				analysis.TextEdit{Pos: t.value.End(), End: t.value.End(), NewText: []byte(", " + expr)})
		case p.keep:
			edits = append(edits, analysis.TextEdit{Pos: t.kv.End(), End: t.kv.End(), NewText: []byte(", " + p.fnField() + ": " + expr)})
		case p.text(t.value) != expr:
			edits = append(edits, analysis.TextEdit{Pos: t.value.Pos(), End: t.value.End(), NewText: []byte(expr)})
		}
	}
	return edits // no two at one position: applying them sorts them
}

// dispatch is the code that replaces the consumer switch: a call of the
// function in the field, a nil field being the zero value.
func (p *pointerForm) dispatch() string {
	field := p.sig.recvArg + "." + p.fnField()
	run := p.run(fmt.Sprintf("%s(%s)", field, p.callArgs()))
	if p.zeroExpr == "" {
		return fmt.Sprintf("if %s != nil { // nil: no case runs\n%s\n}", field, run)
	}
	return fmt.Sprintf("if %s == nil {\n%s = %s // the zero value\n}\n%s", field, field, p.zeroExpr, run)
}

// driverEdits rewrite each loop of the package (not of its tests) that
// drives the machine a step an iteration (for i, c := range data { p.step(c) }) to call the
// state's function itself, the nil field mapped to the zero state once,
// before the loop: made at every step, in the consumer the compiler
// inlines there, that check cost the HTTP parser of docs/performance.md
// a tenth of its time. State functions never store nil, so the check
// before the loop holds for every step of it when:
//
//   - the consumer is nothing but the dispatch (no code around the
//     switch), returns what the state's function returns, and threads no
//     named results, so a call of it is a call of the state's function;
//   - the zero value runs a function (with none, nil is a state: no case
//     runs);
//   - no code of the package assigns a whole struct value of the machine
//     (*p = T{} would make the field nil again in the middle of the loop);
//   - the call is in the loop's body, on a variable the loop does not
//     assign, with arguments that are variables or literals (no call that
//     could make a transition before the state is loaded);
//   - a statement before the loop, in its block, reads a field of that
//     variable (so the check, which reads the field, cannot be the first
//     to dereference a nil pointer, in a loop that might not run).
func (p *pointerForm) driverEdits() []analysis.TextEdit {
	sw := p.m.Consumer
	if _, targs := p.threaded(); p.zeroExpr == "" || !p.tail || len(targs) > 0 ||
		sw.Decl.Body.List[0] != ast.Stmt(sw.Stmt) || p.assignsWholeMachine() {
		return nil
	}
	var edits []analysis.TextEdit
	hoisted := make(map[ast.Node]bool)
	root := p.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	rewritten := 0
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if fn := typeutil.StaticCallee(p.pass.TypesInfo, call); fn == nil || fn.Origin() != sw.Method || encloses(sw.Decl, call.Pos()) ||
			inTestFile(p.pass.Fset, call.Pos()) {
			continue // a test's loop drives the machine as its users do
		}
		x, loop, ok := p.driverLoop(cur)
		if !ok {
			continue
		}
		rewritten++
		args := []string{x.Name}
		for _, a := range call.Args {
			args = append(args, p.text(a))
		}
		field := x.Name + "." + p.fnField()
		edits = append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(),
			NewText: []byte(field + "(" + strings.Join(args, ", ") + ")")})
		if at := loopStart(loop); !hoisted[at.Node()] {
			hoisted[at.Node()] = true
			edits = append(edits, analysis.TextEdit{Pos: at.Node().Pos(), End: at.Node().Pos(),
				NewText: []byte(fmt.Sprintf("if %s == nil {\n%s = %s // the zero value\n}\n", field, field, p.zeroExpr))})
		}
	}
	if rewritten > 0 && p.unusedAfter(rewritten) {
		// Every use of the consumer was a driver's call: the method
		// would be left unused.
		start := sw.Decl.Pos()
		if sw.Decl.Doc != nil {
			start = sw.Decl.Doc.Pos()
		}
		p.dropConsumer = true
		edits = append(edits, analysis.TextEdit{Pos: start, End: sw.Decl.End()})
	}
	return edits
}

// unusedAfter reports whether the consumer is unexported, a method of no
// interface of the package, and used only by the n calls the drivers'
// rewrite replaces.
func (p *pointerForm) unusedAfter(n int) bool {
	method := p.m.Consumer.Method
	if method.Exported() {
		return false
	}
	uses := 0
	for _, obj := range p.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Origin() == method {
			uses++
		}
	}
	sig := method.Signature()
	bare := types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
	for _, tn := range typeNames(p.pass.Pkg) {
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			for m := range iface.Methods() {
				if m.Name() == method.Name() && types.Identical(m.Type(), bare) {
					return false // the struct may implement it through the consumer
				}
			}
		}
	}
	return uses == n
}

// driverLoop returns, for a call x.consumer(args) at cur, x and the loop
// whose body makes it, when the call can become a call of the state's
// function with the zero value mapped before that loop (driverEdits).
func (p *pointerForm) driverLoop(cur inspector.Cursor) (*ast.Ident, inspector.Cursor, bool) {
	info := p.pass.TypesInfo
	call := cur.Node().(*ast.CallExpr)
	x, ok := ast.Unparen(call.Fun.(*ast.SelectorExpr).X).(*ast.Ident)
	if !ok || !isVar(info.Uses[x]) {
		return nil, inspector.Cursor{}, false
	}
	for _, a := range call.Args {
		switch ast.Unparen(a).(type) {
		case *ast.Ident, *ast.BasicLit:
		default:
			return nil, inspector.Cursor{}, false
		}
	}
	var loop inspector.Cursor
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		loop = c
		break
	}
	if !loop.Valid() {
		return nil, inspector.Cursor{}, false
	}
	if _, isLit := loop.Node().(*ast.FuncLit); isLit || !encloses(bodyOf(loop.Node()), call.Pos()) {
		return nil, inspector.Cursor{}, false
	}
	if assigns(info, loop.Node(), info.Uses[x]) || !readBefore(info, loopStart(loop), info.Uses[x]) {
		return nil, inspector.Cursor{}, false
	}
	return x, loop, true
}

// loopStart is the statement a loop is, with its label if it has one.
func loopStart(loop inspector.Cursor) inspector.Cursor {
	if loop.ParentEdgeKind() == edge.LabeledStmt_Stmt {
		return loop.Parent()
	}
	return loop
}

// readBefore reports whether a statement before stmt in its block reads
// a field of v, outside function literals and the right of && and ||.
func readBefore(info *types.Info, stmt inspector.Cursor, v types.Object) bool {
	if stmt.ParentEdgeKind() != edge.BlockStmt_List {
		return false
	}
	for prev, ok := stmt.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
		found := false
		ast.Inspect(prev.Node(), func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BinaryExpr:
				if n.Op == token.LAND || n.Op == token.LOR {
					ast.Inspect(n.X, func(n ast.Node) bool {
						found = found || readsField(info, n, v)
						return !found
					})
					return false
				}
			}
			found = found || readsField(info, n, v)
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// readsField reports whether n selects a field of v.
func readsField(info *types.Info, n ast.Node, v types.Object) bool {
	sel, ok := n.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := info.Selections[sel]
	id, isIdent := ast.Unparen(sel.X).(*ast.Ident)
	return ok && s.Kind() == types.FieldVal && isIdent && info.Uses[id] == v
}

// assigns reports whether n assigns v.
func assigns(info *types.Info, n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok && info.ObjectOf(id) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// assignsWholeMachine reports whether the package assigns a whole value
// of the machine's struct somewhere (*p = T{}, *p = *q): the field could
// become nil in the middle of a driver loop.
func (p *pointerForm) assignsWholeMachine() bool {
	info := p.pass.TypesInfo
	for _, file := range p.pass.Files {
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN {
				for _, lhs := range as.Lhs {
					if named, ok := types.Unalias(info.TypeOf(lhs)).(*types.Named); ok && named.Origin().Obj() == p.m.Struct {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func isVar(obj types.Object) bool {
	_, ok := obj.(*types.Var)
	return ok
}

// paths returns the import paths of pkgs.
func paths(pkgs []*types.Package) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.Path())
	}
	return out
}
