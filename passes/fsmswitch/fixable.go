package fsmswitch

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// rewriteBlockers returns what keeps the rewrite to transition-pointer
// form from preserving behaviour, beyond the uses of the field that
// machine already checks: the rewrite moves each case into a function of
// its own, turns the state type into a function type and each state
// constant into a function, so whatever a case shares with the rest of
// its method, and every other use of the type and constants, must go.
func (f *finder) rewriteBlockers(m *Machine, c *candidate) []Blocker {
	var bs []Blocker
	sw := m.Consumer.Stmt
	if sw.Init != nil {
		bs = append(bs, f.blocker(sw.Init.Pos(), "the consumer switch has an init statement"))
	}
	if inCgoOutput(f.pass, sw.Pos()) {
		// The driver analyses cgo's copy of the file (in the build cache),
		// so edits would land there, not in the source.
		bs = append(bs, f.blocker(sw.Pos(), "the package imports \"C\": fsmvet sees the file as cgo rewrote it and cannot edit the source; rewrite by hand"))
	}
	if _, isPtr, _ := typesx.Method(m.Consumer.Method); !isPtr {
		// A state function would get a copy of the copy: what a case does to
		// the receiver would no longer reach the code after the switch.
		bs = append(bs, f.blocker(m.Consumer.Decl.Pos(), typesx.MethodName(m.Consumer.Method)+" has a value receiver"))
	}
	if renamed := renamedTypeParams(m); renamed != "" {
		bs = append(bs, f.blocker(m.Consumer.Decl.Pos(), typesx.MethodName(m.Consumer.Method)+" names its receiver's type parameters differently ("+renamed+")"))
	}
	// The clause that handles the zero value of a machine with no zero
	// state may need a function of its own.
	bs = append(bs, f.takenNames(m, m.Type.Name()+"Zero")...)
	if inFuncLit(m.Consumer.Decl.Body, sw) {
		bs = append(bs, f.blocker(sw.Pos(), "the consumer switch is inside a function literal"))
	}
	if len(m.Dtors) > 0 {
		bs = append(bs, f.taggedTransitionBlockers(m)...)
	}
	for _, cc := range sw.Body.List {
		clause := cc.(*ast.CaseClause)
		bs = append(bs, f.caseListBlockers(m, clause)...)
		bs = append(bs, f.caseBodyBlockers(m, clause)...)
	}
	if len(m.Dtors) == 0 { // with a destructor the enum stays, and so may its other uses
		bs = append(bs, f.stateUseBlockers(m, c)...)
	}
	if m.syntax.typeFile != nil && m.syntax.typeFile != m.syntax.consumer && mentionsPackages(m.Consumer.Decl.Type) {
		bs = append(bs, f.blocker(m.Type.Pos(), "the state type is declared in another file than "+typesx.MethodName(m.Consumer.Method)+", whose signature names imported packages"))
	}
	return bs
}

// receiverRanges returns the receiver lists of every method in files.
func receiverRanges(files []*ast.File) []ast.Node {
	var rs []ast.Node
	for _, file := range files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil {
				rs = append(rs, fd.Recv)
			}
		}
	}
	return rs
}

// renamedTypeParams returns the consumer receiver's type parameter names
// when they differ from the struct declaration's ("U for T"), or "": the
// state functions are declared with the struct's names.
func renamedTypeParams(m *Machine) string {
	spec := m.syntax.structSpec
	if spec == nil || spec.TypeParams == nil {
		return ""
	}
	var declared []string
	for _, field := range spec.TypeParams.List {
		for _, n := range field.Names {
			declared = append(declared, n.Name)
		}
	}
	recv := m.Consumer.Decl.Recv.List[0].Type
	if star, ok := recv.(*ast.StarExpr); ok {
		recv = star.X
	}
	var used []ast.Expr
	switch r := recv.(type) {
	case *ast.IndexExpr:
		used = []ast.Expr{r.Index}
	case *ast.IndexListExpr:
		used = r.Indices
	}
	for i, e := range used {
		if id, ok := e.(*ast.Ident); ok && i < len(declared) && id.Name != declared[i] {
			return id.Name + " for " + declared[i]
		}
	}
	return ""
}

// mentionsPackages reports whether a signature names an imported package.
func mentionsPackages(ft *ast.FuncType) bool {
	found := false
	ast.Inspect(ft, func(n ast.Node) bool {
		if _, ok := n.(*ast.SelectorExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

func isState(states []*types.Const, obj types.Object) bool {
	k, ok := obj.(*types.Const)
	return ok && slices.Contains(states, k)
}

// taggedTransitionBlockers checks that every transition can store the
// state function beside the kept enum: a keyed literal, or an assignment
// to a field of a plain variable (no call to evaluate twice).
func (f *finder) taggedTransitionBlockers(m *Machine) []Blocker {
	var bs []Blocker
	for _, t := range m.Transitions {
		switch {
		case t.Kind == Literal && t.kv == nil:
			bs = append(bs, f.blocker(t.Pos, "a positional struct literal sets the state"))
		case t.Kind == Assign && !isPlainPath(t.target.(*ast.SelectorExpr).X):
			bs = append(bs, f.blocker(t.Pos, "a transition assigns the field of a computed value"))
		}
	}
	names := []string{m.Type.Name() + "Fn"}
	for _, st := range m.States {
		names = append(names, st.Name()+"Fn")
	}
	bs = append(bs, f.takenNames(m, names...)...)
	if obj, _, _ := types.LookupFieldOrMethod(m.Struct.Type(), true, m.Struct.Pkg(), m.Field.Name()+"Fn"); obj != nil {
		bs = append(bs, f.blocker(m.Type.Pos(), "the field name "+m.Field.Name()+"Fn the rewrite needs is taken"))
	}
	return bs
}

// takenNames returns a blocker for each package-level name the rewrite
// would declare that the package already uses.
func (f *finder) takenNames(m *Machine, names ...string) []Blocker {
	var bs []Blocker
	for _, name := range names {
		if f.pass.Pkg.Scope().Lookup(name) != nil {
			bs = append(bs, f.blocker(m.Type.Pos(), "the name "+name+" the rewrite needs is taken"))
		}
	}
	return bs
}

// isPlainPath reports whether e is a variable or a chain of field
// selections from one.
func isPlainPath(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPlainPath(e.X)
	case *ast.StarExpr:
		return isPlainPath(e.X)
	}
	return false
}

// caseListBlockers checks that every case names states: constants of the
// state type (or the zero value), and, in a tagless switch, plain
// comparisons of the receiver's field with them.
func (f *finder) caseListBlockers(m *Machine, clause *ast.CaseClause) []Blocker {
	var bs []Blocker
	for _, e := range clause.List {
		k := e
		if !m.Consumer.Tagged {
			k = comparedStateIn(f.pass.TypesInfo, m, e)
		}
		if k == nil || !f.isStateValueOf(m, k) {
			bs = append(bs, f.blocker(e.Pos(), "a case tests more than which state the machine is in"))
		}
	}
	return bs
}

func (f *finder) isStateValueOf(m *Machine, e ast.Expr) bool {
	tv, ok := f.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || !types.Identical(tv.Type, m.Type.Type()) {
		return false
	}
	return stateOfValue(m, tv) != nil || isZeroValue(tv)
}

// caseBodyBlockers checks that a case can run in a function of its own:
// it uses no local of the method declared outside the case, leaves the
// switch only by falling off its end, break or return, and defers nothing.
func (f *finder) caseBodyBlockers(m *Machine, clause *ast.CaseClause) []Blocker {
	var bs []Blocker
	info := f.pass.TypesInfo
	own := ownVars(info, m.Consumer.Decl)
	var walk func(n ast.Node, loops int)
	walk = func(n ast.Node, loops int) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // its returns, branches and defers are its own
			case *ast.ForStmt, *ast.RangeStmt:
				// The header runs at this depth, the body inside the loop.
				for _, part := range loopParts(n) {
					walk(part, loops)
				}
				walk(innerBodies(n)[0], loops+1)
				return false
			case *ast.Ident:
				if v, ok := info.Uses[n].(*types.Var); ok && !v.IsField() && v.Parent() != nil &&
					v.Parent() != f.pass.Pkg.Scope() && !own[v] && !(clause.Pos() <= v.Pos() && v.Pos() < clause.End()) {
					bs = append(bs, f.blocker(n.Pos(), "a case uses "+n.Name+", a local of "+typesx.MethodName(m.Consumer.Method)+" declared outside it"))
				}
			case *ast.DeferStmt:
				bs = append(bs, f.blocker(n.Pos(), "a case defers a call (it would run when the state's function returns)"))
			case *ast.BranchStmt:
				if b := f.branchBlocker(n, loops, clause); b != nil {
					bs = append(bs, *b)
				}
			}
			return true
		})
	}
	for _, s := range clause.Body {
		walk(s, 0)
	}
	return bs
}

// branchBlocker returns a blocker for a branch that leaves the case other
// than by break out of the switch: continue of an enclosing loop, or a
// branch to a label outside the case.
func (f *finder) branchBlocker(b *ast.BranchStmt, loops int, clause *ast.CaseClause) *Blocker {
	if b.Label != nil && b.Tok != token.GOTO { // goto is a blocker of its own
		if obj := f.pass.TypesInfo.Uses[b.Label]; obj != nil && !(clause.Pos() <= obj.Pos() && obj.Pos() < clause.End()) {
			bl := f.blocker(b.Pos(), "a case branches to label "+b.Label.Name+" outside it")
			return &bl
		}
		return nil
	}
	if b.Tok == token.CONTINUE && loops == 0 {
		bl := f.blocker(b.Pos(), "a case continues a loop around the switch")
		return &bl
	}
	return nil
}

// stateUseBlockers returns a blocker for each use of the state type or a
// state constant other than what the rewrite replaces: the field's type,
// the constants' declarations, transitions and the consumer's cases.
func (f *finder) stateUseBlockers(m *Machine, c *candidate) []Blocker {
	var bs []Blocker
	syn := m.syntax
	allowed := func(pos token.Pos) bool {
		if c.coveredConsts[pos] || syn.fieldType != nil && syn.fieldType.Pos() <= pos && pos < syn.fieldType.End() {
			return true
		}
		for _, d := range syn.constDecls {
			if d.Pos() <= pos && pos < d.End() {
				return true
			}
		}
		return false
	}
	receivers := receiverRanges(f.pass.Files) // methods of the type are blockers already
	for id, obj := range f.pass.TypesInfo.Uses {
		if allowed(id.Pos()) || slices.ContainsFunc(receivers, func(r ast.Node) bool {
			return r.Pos() <= id.Pos() && id.Pos() < r.End()
		}) {
			continue
		}
		switch {
		case obj == m.Type:
			bs = append(bs, f.blocker(id.Pos(), "the state type is used outside the state field and constants"))
		case isState(m.States, obj):
			bs = append(bs, f.blocker(id.Pos(), "the state constant "+obj.Name()+" is used as a value"))
		}
	}
	for _, d := range syn.constDecls {
		for _, spec := range d.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if obj := f.pass.TypesInfo.Defs[name]; !isState(m.States, obj) {
					bs = append(bs, f.blocker(name.Pos(), "the state constants share a const block with "+name.Name))
				}
			}
		}
	}
	return bs
}

// ownVars returns the receiver, parameters and results of decl: the
// variables a case may use, since its function receives them.
func ownVars(info *types.Info, decl *ast.FuncDecl) map[*types.Var]bool {
	own := make(map[*types.Var]bool)
	for _, list := range []*ast.FieldList{decl.Recv, decl.Type.Params, decl.Type.Results} {
		if list == nil {
			continue
		}
		for _, field := range list.List {
			for _, name := range field.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					own[v] = true
				}
			}
		}
	}
	return own
}

func inFuncLit(body *ast.BlockStmt, target ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && lit.Pos() <= target.Pos() && target.End() <= lit.End() {
			found = true
		}
		return !found
	})
	return found
}

// loopParts returns a loop's header: what it evaluates outside its body.
func loopParts(n ast.Node) []ast.Node {
	var parts []ast.Node
	add := func(ns ...ast.Node) {
		for _, x := range ns {
			if x != nil {
				parts = append(parts, x)
			}
		}
	}
	switch n := n.(type) {
	case *ast.ForStmt:
		add(n.Init, n.Cond, n.Post)
	case *ast.RangeStmt:
		add(n.Key, n.Value, n.X)
	}
	return parts
}
