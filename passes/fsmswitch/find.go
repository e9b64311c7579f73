package fsmswitch

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// This file finds machines: it walks every use of every state field and
// decides, for each, whether it is a transition, a switch, or a use that
// blocks a rewrite; then which switch consumes the machine.

// A candidate is a state field with every use of it found so far.
type candidate struct {
	*stateField
	switches     []*Switch
	transitions  []Transition
	writes       []token.Pos          // constant writes inside methods of the struct
	writeMethods map[*types.Func]bool // the methods holding them
	blockers     []Blocker
	anyValue     bool // the field may hold a value no constant names

	// covered holds the uses of state constants already accounted for:
	// written as transitions, or compared with the field (a case of a
	// switch, or a comparison another blocker reports).
	covered map[token.Pos]bool
}

// finder holds what one run of the analyzer needs while it walks the
// package. It lives for one pass and is never shared.
type finder struct {
	pass        *analysis.Pass
	destructors map[string]bool
	forms       []Form       // the rewrite forms allowed, preferred first
	cands       []*candidate // in field declaration order
	byField     map[*types.Var]*candidate
	stack       *stackAnalysis
}

// findMachines returns the closed state machines declared in the package,
// each with the first of forms that no blocker stops as its fix.
func findMachines(pass *analysis.Pass, destructors map[string]bool, forms []Form) []*Machine {
	f := &finder{pass: pass, destructors: destructors, forms: forms, byField: make(map[*types.Var]*candidate)}
	for _, sf := range stateFields(pass.Pkg) {
		c := &candidate{stateField: sf, writeMethods: make(map[*types.Func]bool), covered: make(map[token.Pos]bool)}
		f.cands = append(f.cands, c)
		f.byField[sf.field] = c
	}
	if len(f.cands) == 0 {
		return nil
	}
	f.walk(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	var ms []*Machine
	for _, c := range f.cands {
		if m := f.machine(c); m != nil {
			ms = append(ms, m)
		}
	}
	return ms
}

// walk records every use of every state field, and the zero values of
// the structs holding them.
func (f *finder) walk(in *inspector.Inspector) {
	info := f.pass.TypesInfo
	for cur := range in.Root().Preorder((*ast.SelectorExpr)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok && sel.Kind() == types.FieldVal {
				if v, ok := sel.Obj().(*types.Var); ok && f.byField[v.Origin()] != nil {
					f.fieldUse(f.byField[v.Origin()], cur)
				}
			}
		case *ast.CompositeLit:
			for _, c := range f.candidatesOf(info.TypeOf(n)) {
				f.literalState(c, n, enclosingFunc(cur))
			}
		case *ast.CallExpr:
			f.newCall(n)
			f.reflected(n)
		case *ast.ValueSpec:
			f.varDecl(n)
		}
	}
}

// fieldUse classifies one selection x.field by where it stands.
func (f *finder) fieldUse(c *candidate, cur inspector.Cursor) {
	sel := cur.Node().(*ast.SelectorExpr)
	decl := enclosingFunc(cur)
	use := outerParens(cur)
	parent := use.Parent()
	kind, index := use.ParentEdge()
	info := f.pass.TypesInfo
	switch kind {
	case edge.SwitchStmt_Tag:
		f.addSwitch(c, parent, decl, sel, true)
		return
	case edge.AssignStmt_Lhs:
		if as := parent.Node().(*ast.AssignStmt); as.Tok == token.ASSIGN && len(as.Lhs) == len(as.Rhs) {
			f.write(c, Transition{Pos: sel.Pos(), Kind: Assign, target: sel, value: as.Rhs[index]}, decl)
		} else {
			c.anyValue = true
			f.block(c, sel.Pos(), "the field is assigned a computed value")
		}
		return
	case edge.AssignStmt_Rhs:
		f.block(c, sel.Pos(), "the field is copied into a variable")
		return
	case edge.IncDecStmt_X:
		c.anyValue = true
		f.block(c, sel.Pos(), "the field is incremented or decremented")
		return
	case edge.UnaryExpr_X:
		if parent.Node().(*ast.UnaryExpr).Op == token.AND {
			c.anyValue = true // written through the pointer, maybe
			if passedToAtomic(info, parent) {
				f.block(c, sel.Pos(), "the field is accessed atomically")
			} else {
				f.block(c, sel.Pos(), "the field's address is taken")
			}
			return
		}
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		if cmp := parent.Node().(*ast.BinaryExpr); isComparison(cmp.Op) {
			c.cover(cmp.X)
			c.cover(cmp.Y)
			if sw, ok := f.taglessCase(c, parent); ok {
				f.addSwitch(c, sw, decl, sel, false)
				return
			}
			f.block(c, sel.Pos(), "the field is compared outside the consumer switch")
			return
		}
	case edge.CallExpr_Args:
		if call := parent.Node().(*ast.CallExpr); info.Types[call.Fun].IsType() {
			f.block(c, sel.Pos(), "the field is converted to "+types.ExprString(call.Fun))
		} else {
			f.block(c, sel.Pos(), "the field is passed to "+types.ExprString(call.Fun))
		}
		return
	case edge.ReturnStmt_Results, edge.ValueSpec_Values, edge.KeyValueExpr_Key, edge.KeyValueExpr_Value,
		edge.CompositeLit_Elts, edge.SendStmt_Chan, edge.SendStmt_Value:
		f.block(c, sel.Pos(), "the field is stored or returned")
		return
	}
	f.block(c, sel.Pos(), "the field is read outside the consumer switch")
}

// taglessCase returns the tagless switch in one of whose case lists the
// comparison at cur stands, through ||, && and parentheses, when it
// compares with == the field and a constant of the state type.
func (f *finder) taglessCase(c *candidate, cur inspector.Cursor) (inspector.Cursor, bool) {
	cmp := cur.Node().(*ast.BinaryExpr)
	_, x := stateOf(f.pass.TypesInfo, c.typ, c.states, cmp.X)
	_, y := stateOf(f.pass.TypesInfo, c.typ, c.states, cmp.Y)
	if cmp.Op != token.EQL || !x && !y {
		return inspector.Cursor{}, false
	}
	for ; ; cur = cur.Parent() {
		switch cur.ParentEdgeKind() {
		case edge.ParenExpr_X:
		case edge.BinaryExpr_X, edge.BinaryExpr_Y:
			if op := cur.Parent().Node().(*ast.BinaryExpr).Op; op != token.LOR && op != token.LAND {
				return inspector.Cursor{}, false
			}
		case edge.CaseClause_List:
			// CaseClause, in the switch's body, in the switch.
			sw := cur.Parent().Parent().Parent()
			s, ok := sw.Node().(*ast.SwitchStmt)
			return sw, ok && s.Tag == nil
		default:
			return inspector.Cursor{}, false
		}
	}
}

// passedToAtomic reports whether the expression at cur is an argument,
// through parentheses and conversions, of a call of package sync/atomic
// (atomic.LoadInt32((*int32)(&r.state))).
func passedToAtomic(info *types.Info, cur inspector.Cursor) bool {
	for ; ; cur = cur.Parent() {
		switch cur.ParentEdgeKind() {
		case edge.ParenExpr_X:
		case edge.CallExpr_Args:
			call := cur.Parent().Node().(*ast.CallExpr)
			if info.Types[call.Fun].IsType() {
				continue // a conversion
			}
			fn := typeutil.Callee(info, call)
			return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic"
		default:
			return false
		}
	}
}

// outerParens returns the outermost parenthesised form of the expression
// at cur.
func outerParens(cur inspector.Cursor) inspector.Cursor {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur
}

// enclosingFunc returns the function declaration around cur, or nil at
// package level.
func enclosingFunc(cur inspector.Cursor) *ast.FuncDecl {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return fd.Node().(*ast.FuncDecl)
	}
	return nil
}

// write records an assignment of value to the field.
func (f *finder) write(c *candidate, t Transition, decl *ast.FuncDecl) {
	to, _ := stateOf(f.pass.TypesInfo, c.typ, c.states, t.value)
	if to == nil {
		c.anyValue = true
		f.block(c, t.Pos, "the field is assigned a computed value ("+types.ExprString(t.value)+")")
		return
	}
	t.To = to
	c.transitions = append(c.transitions, t)
	c.cover(t.value)
	if m := f.methodOf(c, decl); t.Kind == Assign && m != nil {
		c.writes = append(c.writes, t.Pos)
		c.writeMethods[m] = true
	}
}

// literalState records the state a struct literal sets in the field, or
// its zero state when the literal does not set it.
func (f *finder) literalState(c *candidate, lit *ast.CompositeLit, decl *ast.FuncDecl) {
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && f.pass.TypesInfo.Uses[id] == c.field {
				f.write(c, Transition{Pos: kv.Pos(), Kind: Literal, value: kv.Value, kv: kv}, decl)
				return
			}
		} else if c.strct.Type().Underlying().(*types.Struct).Field(i) == c.field {
			f.write(c, Transition{Pos: elt.Pos(), Kind: Literal, value: elt}, decl)
			return
		}
	}
	c.zeroValue(lit.Pos())
}

// newCall records new(T) as a zero-value transition.
func (f *finder) newCall(call *ast.CallExpr) {
	info := f.pass.TypesInfo
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return
	}
	for _, c := range f.candidatesOf(info.TypeOf(call.Args[0])) {
		c.zeroValue(call.Pos())
	}
}

// reflectors are the packages whose functions read the fields of what
// they are passed by reflection: printing it (fmt, log, testing's t.Log
// and t.Error), comparing it (reflect.DeepEqual), encoding it.
var reflectors = []string{"fmt", "log", "testing", "reflect", "encoding/json", "encoding/xml", "encoding/gob"}

// reflected records a machine passed whole to a function that reads its
// fields by reflection: its state field would print, compare and encode
// as a function after the transition-pointer rewrite (never DeepEqual to
// another, never encodable), where the table form keeps it.
func (f *finder) reflected(call *ast.CallExpr) {
	fn, ok := typeutil.Callee(f.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || !slices.Contains(reflectors, fn.Pkg().Path()) {
		return
	}
	for _, arg := range call.Args {
		named := typesx.PointerTo(f.pass.TypesInfo.TypeOf(arg))
		if named == nil {
			continue
		}
		for _, c := range f.candidatesOf(named) {
			f.block(c, arg.Pos(), "the machine is passed to "+types.ExprString(call.Fun)+", which reads its fields by reflection")
		}
	}
}

// varDecl records var t T as a zero-value transition.
func (f *finder) varDecl(spec *ast.ValueSpec) {
	if spec.Type == nil || len(spec.Values) > 0 {
		return
	}
	for _, c := range f.candidatesOf(f.pass.TypesInfo.TypeOf(spec.Type)) {
		for _, name := range spec.Names {
			c.zeroValue(name.Pos())
		}
	}
}

func (c *candidate) zeroValue(pos token.Pos) {
	c.transitions = append(c.transitions, Transition{Pos: pos, To: zeroState(c.states), Kind: ZeroValue})
}

// cover records that a use of a state constant in e is accounted for.
func (c *candidate) cover(e ast.Expr) {
	if id := identOf(e); id != nil {
		c.covered[id.Pos()] = true
	}
}

// candidatesOf returns the state fields of struct type t, in declaration
// order: a struct may hold two (a decoder's step and its flush mode), and
// each of them starts in its zero state in a literal that does not set it.
func (f *finder) candidatesOf(t types.Type) []*candidate {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	var cs []*candidate
	for _, c := range f.cands {
		if named.Origin().Obj() == c.strct {
			cs = append(cs, c)
		}
	}
	return cs
}

// addSwitch records the switch at cur over the field selected by sel.
func (f *finder) addSwitch(c *candidate, cur inspector.Cursor, decl *ast.FuncDecl, sel *ast.SelectorExpr, tagged bool) {
	stmt := cur.Node().(*ast.SwitchStmt)
	if tagged {
		for _, cc := range stmt.Body.List {
			for _, e := range cc.(*ast.CaseClause).List {
				c.cover(e)
			}
		}
	}
	if slices.ContainsFunc(c.switches, func(s *Switch) bool { return s.Stmt == stmt }) {
		return // a tagless switch compares the field in several cases
	}
	sw := &Switch{Stmt: stmt, Decl: decl, Tagged: tagged, cur: cur}
	if recv := f.receiver(decl); recv != nil && f.methodOf(c, decl) != nil && selects(f.pass.TypesInfo, sel, recv) {
		sw.Method, sw.Recv = f.methodOf(c, decl), recv
	}
	c.switches = append(c.switches, sw)
}

// selects reports whether sel selects a field of the variable v.
func selects(info *types.Info, sel *ast.SelectorExpr, v *types.Var) bool {
	x, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && info.Uses[x] == v
}

// receiver returns the named receiver of a method declaration, or nil.
func (f *finder) receiver(decl *ast.FuncDecl) *types.Var {
	if decl == nil || decl.Recv == nil || len(decl.Recv.List[0].Names) == 0 {
		return nil
	}
	v, _ := f.pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// methodOf returns decl's method if decl is a method of the machine's struct.
func (f *finder) methodOf(c *candidate, decl *ast.FuncDecl) *types.Func {
	if decl == nil || decl.Recv == nil {
		return nil
	}
	fn, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil
	}
	if recv, _, ok := typesx.Method(fn); ok && recv == c.strct {
		return fn
	}
	return nil
}

// block records a use of the field that stops the transition-pointer
// form: the table form keeps the enum, and every use of it.
func (f *finder) block(c *candidate, pos token.Pos, reason string) {
	c.blockers = append(c.blockers, f.pointerBlocker(pos, reason))
}

// blocker returns a blocker of every form.
func (f *finder) blocker(pos token.Pos, reason string) Blocker {
	return Blocker{Pos: pos, Where: where(f.pass.Fset, pos), Reason: reason}
}

// pointerBlocker returns a blocker of the transition-pointer form only.
func (f *finder) pointerBlocker(pos token.Pos, reason string) Blocker {
	b := f.blocker(pos, reason)
	b.Only = TransitionPointerForm
	return b
}

// tableBlocker returns a blocker of the table form only.
func (f *finder) tableBlocker(pos token.Pos, reason string) Blocker {
	b := f.blocker(pos, reason)
	b.Only = TableForm
	return b
}

// machine decides whether a candidate is a closed state machine: one
// consumer switch on the receiver in a method of the struct, and at least
// one constant written by a method (a mode set once is not a state).
func (f *finder) machine(c *candidate) *Machine {
	if len(c.writes) == 0 {
		return nil
	}
	m := &Machine{Type: c.typ, States: c.states, Struct: c.strct, Field: c.field, Transitions: c.transitions, anyValue: c.anyValue}
	var others []Blocker // the table form keeps the enum, and these switches with it
	for _, sw := range c.switches {
		switch {
		case sw.Method == nil && f.methodOf(c, sw.Decl) != nil:
			others = append(others, f.pointerBlocker(sw.Stmt.Pos(), "a switch on the field of another value than the receiver in "+typesx.MethodName(f.methodOf(c, sw.Decl))))
		case sw.Method == nil:
			others = append(others, f.pointerBlocker(sw.Stmt.Pos(), "another function switches on the field"))
		case f.destructors[sw.Method.Name()]:
			m.Dtors = append(m.Dtors, sw)
		case m.Consumer == nil && f.drives(c, sw.Stmt):
			m.Consumer = sw
		default:
			others = append(others, f.pointerBlocker(sw.Stmt.Pos(), "a second switch on the field in "+typesx.MethodName(sw.Method)))
		}
	}
	if m.Consumer == nil {
		return nil // only read-only switches: the enum is data (a kind), not a state
	}
	m.decls = f.findDecls(c, m.Consumer.Decl)
	m.Steps = f.stepMethods(c, m.Consumer.Method)
	caseBlockers := f.modelCases(m)
	f.chooseFix(m, f.sortBlockers(slices.Concat(c.blockers, others, caseBlockers, f.machineBlockers(m, c))))
	return m
}

// chooseFix sets m's fix to the first allowed form that no blocker stops,
// and keeps the blockers its reader needs: with no fix, those of every
// allowed form; with a table fix, those of the transition-pointer form.
func (f *finder) chooseFix(m *Machine, blockers []Blocker) {
	stopped := func(form Form) []Blocker {
		return slices.DeleteFunc(slices.Clone(blockers), func(b Blocker) bool { return !b.blocks(form) })
	}
	for _, form := range f.forms {
		if len(stopped(form)) == 0 {
			m.Fix = form
			if form == TableForm {
				m.PointerBlockers = stopped(TransitionPointerForm)
			}
			return
		}
	}
	m.Blockers = slices.DeleteFunc(blockers, func(b Blocker) bool {
		return !slices.ContainsFunc(f.forms, b.blocks)
	})
}

// drives reports whether the switch moves the machine: a case writes a
// state to the field, directly or in a method of the struct that it
// calls. A switch that only reads the field dispatches on a kind.
func (f *finder) drives(c *candidate, stmt *ast.SwitchStmt) bool {
	if slices.ContainsFunc(c.writes, func(w token.Pos) bool { return encloses(stmt, w) }) {
		return true
	}
	found := false
	ast.Inspect(stmt.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if fn, ok := typeutil.Callee(f.pass.TypesInfo, call).(*types.Func); ok && c.writeMethods[fn.Origin()] {
				found = true
			}
		}
		return !found
	})
	return found
}

// stepMethods returns the methods of the struct one call of which runs
// the consumer once at most: the consumer, and those that call it outside
// any loop, in declaration order.
func (f *finder) stepMethods(c *candidate, consumer *types.Func) []*types.Func {
	var steps []*types.Func
	for _, file := range f.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if m := f.methodOf(c, fd); ok && m != nil && (m == consumer || f.callsOnce(fd.Body, consumer)) {
				steps = append(steps, m)
			}
		}
	}
	return steps
}

// callsOnce reports whether body calls fn, outside any loop and function
// literal (and so once at most per call of body, though maybe not at all).
func (f *finder) callsOnce(body *ast.BlockStmt, fn *types.Func) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.CallExpr:
			if callee, ok := typeutil.Callee(f.pass.TypesInfo, n).(*types.Func); ok && callee.Origin() == fn {
				found = true
			}
		}
		return !found
	})
	return found
}

// findDecls locates the declarations of the machine's type, struct, field
// and constants, and the consumer's file.
func (f *finder) findDecls(c *candidate, consumer *ast.FuncDecl) *decls {
	d := new(decls)
	d.consumer = fileOf(f.pass, consumer.Pos())
	for _, file := range f.pass.Files {
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
						d.typeSpec, d.typeDecl, d.typeFile = spec, gd, file
					case c.strct:
						d.structSpec, d.field = spec, fieldOf(f.pass.TypesInfo, spec, c.field)
					}
				case *ast.ValueSpec:
					if gd.Tok == token.CONST && !slices.Contains(d.constDecls, gd) && slices.ContainsFunc(spec.Names, func(id *ast.Ident) bool {
						return isState(c.states, f.pass.TypesInfo.Defs[id])
					}) {
						d.constDecls = append(d.constDecls, gd)
					}
				}
			}
		}
	}
	return d
}

// fieldOf returns the declaration of field v in a struct type spec.
func fieldOf(info *types.Info, spec *ast.TypeSpec, v *types.Var) *ast.Field {
	for _, field := range spec.Type.(*ast.StructType).Fields.List {
		if slices.ContainsFunc(field.Names, func(id *ast.Ident) bool { return info.Defs[id] == v }) {
			return field
		}
	}
	return nil
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// where names a position as users read it: file:line.
func where(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}
