package fsmswitch

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// candidate is a state field whose type qualifies as a state type, with
// every use of the field found in the package.
type candidate struct {
	typ    *types.TypeName
	states []*types.Const
	strct  *types.TypeName
	field  *types.Var

	switches     []*switchUse
	transitions  []Transition
	writes       []token.Pos          // constant writes inside methods of the struct
	writeMethods map[*types.Func]bool // the methods holding them
	blockers     []Blocker

	// Uses of state constants already accounted for: written as
	// transitions, or compared with the field (a case of a switch, or a
	// comparison another blocker reports).
	coveredConsts map[token.Pos]bool
}

// A switchUse is a switch over the field, wherever it is.
type switchUse struct {
	stmt   *ast.SwitchStmt
	decl   *ast.FuncDecl // enclosing declaration; nil at package level
	method *types.Func   // decl's method if it is a method of the struct and the switch is on its receiver
	tagged bool
}

// finder holds what one run of the analyzer needs while it walks the
// package. It lives for one pass and is never shared.
type finder struct {
	pass        *analysis.Pass
	destructors map[string]bool
	byField     map[*types.Var]*candidate
	sorted      []*candidate // byField's values, in field declaration order
}

// findMachines returns the closed state machines declared in the package.
func findMachines(pass *analysis.Pass, destructors map[string]bool) []*Machine {
	f := &finder{pass: pass, destructors: destructors, byField: candidates(pass)}
	if len(f.byField) == 0 {
		return nil
	}
	f.sorted = sortedCandidates(f.byField)
	f.walk(pass.ResultOf[inspectAnalyzer].(*inspector.Inspector))
	var ms []*Machine
	for _, c := range f.sorted {
		if m := f.machine(c); m != nil {
			ms = append(ms, m)
		}
	}
	return ms
}

// candidates returns the state fields of the package: for each state type
// that exactly one struct field holds, that field.
func candidates(pass *analysis.Pass) map[*types.Var]*candidate {
	stypes := stateTypes(pass.Pkg)
	if len(stypes) == 0 {
		return nil
	}
	holders := make(map[*types.TypeName][]*candidate)
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for field := range st.Fields() {
			named, ok := types.Unalias(field.Type()).(*types.Named)
			if !ok || field.Embedded() {
				continue
			}
			if states, ok := stypes[named.Obj()]; ok {
				holders[named.Obj()] = append(holders[named.Obj()], &candidate{
					typ: named.Obj(), states: states, strct: tn, field: field,
				})
			}
		}
	}
	byField := make(map[*types.Var]*candidate)
	for _, cs := range holders {
		// A type held by two fields (cur, prev) is a value, not the state.
		if len(cs) == 1 && closedObject(pass.Pkg, cs[0].field) {
			byField[cs[0].field] = cs[0]
		}
	}
	return byField
}

// stateTypes returns the package's enum-like types that other packages
// cannot consume, with their constants: defined integer or string types,
// unexported (or in an internal or main package), with two or more
// constants of the type declared in the package.
func stateTypes(pkg *types.Package) map[*types.TypeName][]*types.Const {
	scope := pkg.Scope()
	consts := make(map[*types.TypeName][]*types.Const)
	for _, name := range scope.Names() {
		if c, ok := scope.Lookup(name).(*types.Const); ok {
			if named, ok := c.Type().(*types.Named); ok && named.Obj().Pkg() == pkg {
				consts[named.Obj()] = append(consts[named.Obj()], c)
			}
		}
	}
	for tn, cs := range consts {
		basic, ok := tn.Type().Underlying().(*types.Basic)
		if tn.IsAlias() || !ok || basic.Info()&(types.IsInteger|types.IsString) == 0 ||
			!closedObject(pkg, tn) || distinctStates(cs) < 2 {
			delete(consts, tn)
			continue
		}
		slices.SortFunc(cs, func(a, b *types.Const) int { return int(a.Pos() - b.Pos()) })
	}
	return consts
}

// closedObject reports whether no package outside pkg's module can name
// obj: it is unexported, or its package is a main package or an internal
// one. Other packages of the module can still name an exported obj of an
// internal package; see sharedObject.
func closedObject(pkg *types.Package, obj types.Object) bool {
	return !sharedObject(pkg, obj) || isInternal(pkg)
}

// sharedObject reports whether another package may name obj: it is
// exported, and its package is not a main package, which nothing imports.
func sharedObject(pkg *types.Package, obj types.Object) bool {
	return obj.Exported() && pkg.Name() != "main"
}

func isInternal(pkg *types.Package) bool {
	return strings.Contains("/"+pkg.Path()+"/", "/internal/")
}

// walk records every use of every candidate field.
func (f *finder) walk(in *inspector.Inspector) {
	info := f.pass.TypesInfo
	filter := []ast.Node{(*ast.SelectorExpr)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.ValueSpec)(nil)}
	in.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok && sel.Kind() == types.FieldVal {
				if c := f.byField[originField(sel.Obj())]; c != nil {
					f.fieldUse(c, n, stack)
				}
			}
		case *ast.CompositeLit:
			f.compositeLit(n, stack)
		case *ast.CallExpr:
			f.newCall(n)
		case *ast.ValueSpec:
			f.varDecl(n)
		}
		return true
	})
}

// fieldUse classifies one selection x.field by what encloses it.
func (f *finder) fieldUse(c *candidate, sel *ast.SelectorExpr, stack []ast.Node) {
	decl := enclosingDecl(stack)
	node, parents := climbParens(sel, stack)
	parent := parents[len(parents)-1]
	info := f.pass.TypesInfo
	switch p := parent.(type) {
	case *ast.SwitchStmt:
		if p.Tag == node {
			f.addSwitch(c, p, decl, f.onReceiver(c, sel, decl), true)
			return
		}
	case *ast.AssignStmt:
		if i := slices.Index(p.Lhs, node); i >= 0 {
			if p.Tok == token.ASSIGN && len(p.Lhs) == len(p.Rhs) {
				f.write(c, Transition{Pos: sel.Pos(), Kind: Assign, target: sel, value: p.Rhs[i]}, decl)
			} else {
				f.block(c, sel.Pos(), "the field is assigned a computed value")
			}
			return
		}
		f.block(c, sel.Pos(), "the field is copied into a variable")
		return
	case *ast.IncDecStmt:
		f.block(c, sel.Pos(), "the field is incremented or decremented")
		return
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			if call := enclosingCall(info, parents[:len(parents)-1]); call != nil && calleePkg(info, call) == "sync/atomic" {
				f.block(c, sel.Pos(), "the field is accessed atomically")
			} else {
				f.block(c, sel.Pos(), "the field's address is taken")
			}
			return
		}
	case *ast.BinaryExpr:
		if isComparison(p.Op) {
			c.cover(p.X)
			c.cover(p.Y)
			if sw := f.taglessCase(c, p, parents, decl); sw != nil {
				f.addSwitch(c, sw, decl, f.onReceiver(c, sel, decl), false)
				return
			}
			f.block(c, sel.Pos(), "the field is compared outside the consumer switch")
			return
		}
	case *ast.CallExpr:
		if slices.Contains(p.Args, node) {
			if tv := info.Types[p.Fun]; tv.IsType() {
				f.block(c, sel.Pos(), "the field is converted to "+types.ExprString(p.Fun))
			} else {
				f.block(c, sel.Pos(), "the field is passed to "+types.ExprString(p.Fun))
			}
			return
		}
	case *ast.ReturnStmt, *ast.ValueSpec, *ast.KeyValueExpr, *ast.CompositeLit, *ast.SendStmt:
		f.block(c, sel.Pos(), "the field is stored or returned")
		return
	}
	f.block(c, sel.Pos(), "the field is read outside the consumer switch")
}

// taglessCase returns the tagless switch whose case list holds the
// comparison cmp of the field with a constant, or nil.
func (f *finder) taglessCase(c *candidate, cmp *ast.BinaryExpr, parents []ast.Node, decl *ast.FuncDecl) *ast.SwitchStmt {
	if cmp.Op != token.EQL || !(f.isStateValue(c, cmp.X) || f.isStateValue(c, cmp.Y)) {
		return nil
	}
	// Climb through ||, && and parentheses to the case clause.
	var expr ast.Node = cmp
	for i := len(parents) - 2; i >= 0; i-- {
		switch p := parents[i].(type) {
		case *ast.ParenExpr:
		case *ast.BinaryExpr:
			if p.Op != token.LOR && p.Op != token.LAND {
				return nil
			}
		case *ast.CaseClause:
			if !slices.Contains(p.List, expr.(ast.Expr)) || i < 2 {
				return nil
			}
			if sw, ok := parents[i-2].(*ast.SwitchStmt); ok && sw.Tag == nil {
				return sw
			}
			return nil
		default:
			return nil
		}
		expr = parents[i]
	}
	return nil
}

// write records an assignment of value to the field at pos.
func (f *finder) write(c *candidate, t Transition, decl *ast.FuncDecl) {
	pos, value, kind := t.Pos, t.value, t.Kind
	to := f.stateConst(c, value)
	if to == nil {
		f.block(c, pos, "the field is assigned a computed value ("+types.ExprString(value)+")")
		return
	}
	t.To = to
	c.transitions = append(c.transitions, t)
	c.cover(value)
	if m := f.methodOf(c, decl); kind == Assign && m != nil {
		c.writes = append(c.writes, pos)
		if c.writeMethods == nil {
			c.writeMethods = make(map[*types.Func]bool)
		}
		c.writeMethods[m] = true
	}
}

// compositeLit records the state a struct literal sets in each state
// field of its struct.
func (f *finder) compositeLit(lit *ast.CompositeLit, stack []ast.Node) {
	decl := enclosingDecl(stack)
	for _, c := range f.candidatesOf(f.pass.TypesInfo.TypeOf(lit)) {
		f.literalState(c, lit, decl)
	}
}

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
	c.transitions = append(c.transitions, Transition{Pos: lit.Pos(), To: zeroState(c.states), Kind: ZeroValue})
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
		c.transitions = append(c.transitions, Transition{Pos: call.Pos(), To: zeroState(c.states), Kind: ZeroValue})
	}
}

// varDecl records var t T as a zero-value transition.
func (f *finder) varDecl(spec *ast.ValueSpec) {
	if spec.Type == nil || len(spec.Values) > 0 {
		return
	}
	for _, c := range f.candidatesOf(f.pass.TypesInfo.TypeOf(spec.Type)) {
		for _, name := range spec.Names {
			c.transitions = append(c.transitions, Transition{Pos: name.Pos(), To: zeroState(c.states), Kind: ZeroValue})
		}
	}
}

// cover records that a use of a state constant in e is accounted for.
func (c *candidate) cover(e ast.Expr) {
	if id := identOf(e); id != nil {
		if c.coveredConsts == nil {
			c.coveredConsts = make(map[token.Pos]bool)
		}
		c.coveredConsts[id.Pos()] = true
	}
}

func (f *finder) addSwitch(c *candidate, stmt *ast.SwitchStmt, decl *ast.FuncDecl, method *types.Func, tagged bool) {
	if tagged {
		for _, cc := range stmt.Body.List {
			for _, e := range cc.(*ast.CaseClause).List {
				c.cover(e)
			}
		}
	}
	for _, s := range c.switches {
		if s.stmt == stmt {
			return // a tagless switch compares the field in several cases
		}
	}
	c.switches = append(c.switches, &switchUse{stmt: stmt, decl: decl, method: method, tagged: tagged})
}

func (f *finder) block(c *candidate, pos token.Pos, reason string) {
	c.blockers = append(c.blockers, Blocker{Pos: pos, Where: where(f.pass.Fset, pos), Reason: reason})
}

// onReceiver returns the method enclosing sel if sel selects the field of
// that method's receiver and the method belongs to the machine's struct.
func (f *finder) onReceiver(c *candidate, sel *ast.SelectorExpr, decl *ast.FuncDecl) *types.Func {
	m := f.methodOf(c, decl)
	if m == nil || len(decl.Recv.List[0].Names) == 0 {
		return nil
	}
	x, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || f.pass.TypesInfo.Uses[x] != f.pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]] {
		return nil
	}
	return m
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

// stateConst returns the state constant that expr denotes, or nil if expr
// is not a constant of the state type.
func (f *finder) stateConst(c *candidate, expr ast.Expr) *types.Const {
	tv, ok := f.pass.TypesInfo.Types[expr]
	if !ok || tv.Value == nil || !types.Identical(tv.Type, c.typ.Type()) {
		return nil
	}
	if id := identOf(expr); id != nil {
		if k, ok := f.pass.TypesInfo.Uses[id].(*types.Const); ok && slices.Contains(c.states, k) {
			return k
		}
	}
	for _, k := range c.states {
		if constant.Compare(k.Val(), token.EQL, tv.Value) {
			return k
		}
	}
	return nil // a value of the type that names no state: computed
}

// isStateValue reports whether expr is a constant of the state type, even
// one that names no state (the zero value of an iota+1 enum).
func (f *finder) isStateValue(c *candidate, expr ast.Expr) bool {
	tv, ok := f.pass.TypesInfo.Types[expr]
	return ok && tv.Value != nil && types.Identical(tv.Type, c.typ.Type())
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
	for _, c := range f.sorted {
		if named.Origin().Obj() == c.strct {
			cs = append(cs, c)
		}
	}
	return cs
}

// machine decides whether a candidate is a closed state machine: one
// consumer switch on the receiver in a method of the struct, and at least
// one constant written by a method (a mode set once is not a state).
func (f *finder) machine(c *candidate) *Machine {
	if len(c.writes) == 0 {
		return nil
	}
	m := &Machine{Type: c.typ, States: c.states, Struct: c.strct, Field: c.field, Transitions: c.transitions}
	var blockers, others []Blocker
	for _, s := range c.switches {
		sw := &Switch{Stmt: s.stmt, Method: s.method, Decl: s.decl, Tagged: s.tagged}
		switch {
		case s.method == nil && f.methodOf(c, s.decl) != nil:
			blockers = append(blockers, f.blocker(s.stmt.Pos(), "a switch on the field of another value than the receiver in "+typesx.MethodName(f.methodOf(c, s.decl))))
		case s.method == nil:
			blockers = append(blockers, f.blocker(s.stmt.Pos(), "another function switches on the field"))
		case f.destructors[s.method.Name()]:
			m.Dtors = append(m.Dtors, sw)
		case m.Consumer == nil && f.drives(c, s.stmt):
			m.Consumer = sw
		default:
			others = append(others, f.blocker(s.stmt.Pos(), "a second switch on the field in "+typesx.MethodName(s.method)))
		}
	}
	if m.Consumer == nil {
		return nil // only read-only switches: the enum is data (a kind), not a state
	}
	blockers = append(blockers, c.blockers...)
	blockers = append(blockers, others...)
	m.syntax = f.findSyntax(c, m.Consumer.Decl)
	blockers = append(blockers, f.consumerBlockers(m.Consumer.Stmt)...)
	blockers = append(blockers, f.rewriteBlockers(m, c)...)
	blockers = append(blockers, f.methodBlockers(c.typ)...)
	blockers = append(blockers, f.sharedBlockers(c)...)
	m.Blockers = f.sortBlockers(blockers)
	return m
}

// drives reports whether the switch moves the machine: a case writes a
// state to the field, directly or in a method of the struct that it calls.
// A switch that only reads the field dispatches on a kind.
func (f *finder) drives(c *candidate, stmt *ast.SwitchStmt) bool {
	for _, w := range c.writes {
		if stmt.Pos() <= w && w < stmt.End() {
			return true
		}
	}
	found := false
	ast.Inspect(stmt.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && !found {
			if fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && c.writeMethods[fn.Origin()] {
				found = true
			}
		}
		return !found
	})
	return found
}

func (f *finder) blocker(pos token.Pos, reason string) Blocker {
	return Blocker{Pos: pos, Where: where(f.pass.Fset, pos), Reason: reason}
}

// consumerBlockers returns the fallthrough and goto statements of the
// consumer switch: a transition function per case cannot express them.
func (f *finder) consumerBlockers(stmt *ast.SwitchStmt) []Blocker {
	var bs []Blocker
	ast.Inspect(stmt.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.FALLTHROUGH || n.Tok == token.GOTO {
				bs = append(bs, f.blocker(n.Pos(), "the consumer switch uses "+n.Tok.String()))
			}
		}
		return true
	})
	return bs
}

// methodBlockers returns the methods of the state type: a String method
// or any other would be lost when the state becomes a function.
func (f *finder) methodBlockers(tn *types.TypeName) []Blocker {
	var bs []Blocker
	for m := range tn.Type().(*types.Named).Methods() {
		bs = append(bs, f.blocker(m.Pos(), "the state type has a "+m.Name()+" method"))
	}
	return bs
}

// sortBlockers orders blockers by file and offset, then reason, and drops
// exact repeats: the order of the maps they were found in must not reach
// the message.
func (f *finder) sortBlockers(bs []Blocker) []Blocker {
	slices.SortFunc(bs, func(a, b Blocker) int {
		pa, pb := f.pass.Fset.Position(a.Pos), f.pass.Fset.Position(b.Pos)
		return cmp.Or(strings.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset), strings.Compare(a.Reason, b.Reason))
	})
	return slices.CompactFunc(bs, func(a, b Blocker) bool { return a.Pos == b.Pos && a.Reason == b.Reason })
}

// sharedBlockers returns a blocker for each part of the machine that
// another package may name: an exported state type or field of an
// internal package (the module's other packages can use them), and an
// exported state constant, which the rewrite would turn into a function.
func (f *finder) sharedBlockers(c *candidate) []Blocker {
	var bs []Blocker
	if sharedObject(f.pass.Pkg, c.typ) {
		bs = append(bs, f.blocker(c.typ.Pos(), "the state type "+c.typ.Name()+" is exported: other packages of the module may use it"))
	}
	if sharedObject(f.pass.Pkg, c.field) {
		bs = append(bs, f.blocker(c.field.Pos(), "the field "+c.field.Name()+" is exported: other packages of the module may use it"))
	}
	for _, k := range c.states {
		if sharedObject(f.pass.Pkg, k) {
			bs = append(bs, f.blocker(k.Pos(), "the state constant "+k.Name()+" is exported: other packages may use it"))
		}
	}
	return bs
}

func sortedCandidates(m map[*types.Var]*candidate) []*candidate {
	cs := make([]*candidate, 0, len(m))
	for _, c := range m {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b *candidate) int { return int(a.field.Pos() - b.field.Pos()) })
	return cs
}

// enclosingDecl returns the function declaration in stack, if any.
func enclosingDecl(stack []ast.Node) *ast.FuncDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		if d, ok := stack[i].(*ast.FuncDecl); ok {
			return d
		}
	}
	return nil
}

// climbParens returns the outermost parenthesised form of n and the stack
// above it.
func climbParens(n ast.Node, stack []ast.Node) (ast.Expr, []ast.Node) {
	parents := stack[:len(stack)-1]
	for len(parents) > 1 {
		p, ok := parents[len(parents)-1].(*ast.ParenExpr)
		if !ok {
			break
		}
		n, parents = p, parents[:len(parents)-1]
	}
	return n.(ast.Expr), parents
}

func originField(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	if v != nil {
		v = v.Origin()
	}
	return v
}

func identOf(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// enclosingCall returns the call that receives the innermost expression of
// parents as an argument, looking through parentheses and conversions
// (atomic.LoadInt32((*int32)(&r.state))).
func enclosingCall(info *types.Info, parents []ast.Node) *ast.CallExpr {
	for i := len(parents) - 1; i >= 0; i-- {
		switch p := parents[i].(type) {
		case *ast.ParenExpr:
		case *ast.CallExpr:
			if !info.Types[p.Fun].IsType() {
				return p
			}
		default:
			return nil
		}
	}
	return nil
}

func calleePkg(info *types.Info, call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil {
			return fn.Pkg().Path()
		}
	}
	return ""
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

func isZero(c *types.Const) bool {
	if c.Val().Kind() == constant.String {
		return constant.StringVal(c.Val()) == ""
	}
	return constant.Sign(c.Val()) == 0
}

func zeroState(states []*types.Const) *types.Const {
	for _, c := range states {
		if isZero(c) {
			return c
		}
	}
	return nil
}

// distinctStates counts the distinct values among the constants.
func distinctStates(cs []*types.Const) int {
	var vals []constant.Value
	for _, c := range cs {
		if !slices.ContainsFunc(vals, func(v constant.Value) bool { return constant.Compare(v, token.EQL, c.Val()) }) {
			vals = append(vals, c.Val())
		}
	}
	return len(vals)
}
