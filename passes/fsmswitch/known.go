package fsmswitch

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// transitionPointerMachines returns the package's structs that are already
// in transition-pointer form, with where the state lives: a field of
// function type that takes the struct (or a pointer to it), that the
// package calls, and that the state functions themselves assign — a
// function stored in the field, or one it calls in the package (raft's
// stepCandidate calls becomeLeader, which sets r.step) — as encoding/json's
// state functions set s.step and compress/flate's methods set f.step. A
// hook set by a constructor or a setup function (an I/O handler, a
// compression level's strategy) is a callback, not a state. When a struct
// has two such fields, the first declared stands for it.
//
// It also returns the structs driven in Pike's form, a state function type
// that takes the struct and returns itself (text/template/parse's
// type stateFn func(*lexer) stateFn), whose driver keeps the state in a
// local. Each machine comes with where its state lives: Struct.field, or
// the state function type.
func transitionPointerMachines(pass *analysis.Pass) map[*types.TypeName]string {
	found := pikeMachines(pass.Pkg)
	fields := stateFuncFields(pass.Pkg)
	if len(fields) == 0 {
		return found
	}
	uses := fieldUses(pass, fields)
	for _, sf := range fields {
		u := uses.index(sf.field)
		if _, ok := found[sf.strct]; ok || !u.called {
			continue
		}
		states := reachable(u.stored, uses.calls)
		if slices.ContainsFunc(u.assignedIn, func(fn *types.Func) bool { return states[fn] }) {
			found[sf.strct] = sf.strct.Name() + "." + sf.field.Name()
		}
	}
	return found
}

// A stepField is a field of function type that takes its struct.
type stepField struct {
	strct *types.TypeName
	field *types.Var
}

// fieldUse says what the package does with a step field.
type fieldUse struct {
	called     bool
	stored     []*types.Func // functions assigned to it
	assignedIn []*types.Func // functions that assign it something other than nil
}

// useMap holds the uses of every step field, and the package's static
// calls between its own functions.
type useMap struct {
	byField map[*types.Var]*fieldUse
	calls   map[*types.Func][]*types.Func
}

func (m useMap) get(v *types.Var) *fieldUse {
	if m.byField[v] == nil {
		m.byField[v] = new(fieldUse)
	}
	return m.byField[v]
}

func (m useMap) index(v *types.Var) fieldUse {
	if u := m.byField[v]; u != nil {
		return *u
	}
	return fieldUse{}
}

// fieldUses records, in every function declared in the package, the calls
// and assignments of the step fields, and its static calls of the
// package's own functions.
func fieldUses(pass *analysis.Pass, fields []stepField) useMap {
	isStep := make(map[*types.Var]bool)
	for _, sf := range fields {
		isStep[sf.field] = true
	}
	m := useMap{byField: make(map[*types.Var]*fieldUse), calls: make(map[*types.Func][]*types.Func)}
	info := pass.TypesInfo
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn := info.Defs[fd.Name].(*types.Func)
			copies := make(map[types.Object]*types.Var) // step := r.state: a local holding a step field
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					field := selectedField(pass, n.Fun)
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						field = copies[info.Uses[id]]
					}
					if isStep[field] {
						m.get(field).called = true
					}
					if callee := typeutil.StaticCallee(info, n); callee != nil && callee.Pkg() == pass.Pkg {
						m.calls[fn] = append(m.calls[fn], callee.Origin())
					}
				case *ast.KeyValueExpr: // T{step: stateBegin} starts the machine
					if key, ok := n.Key.(*ast.Ident); ok {
						if field, ok := info.Uses[key].(*types.Var); ok && isStep[field.Origin()] {
							if v := funcValue(info, n.Value); v != nil {
								m.get(field.Origin()).stored = append(m.get(field.Origin()).stored, v)
							}
						}
					}
				case *ast.AssignStmt:
					if n.Tok == token.DEFINE && len(n.Lhs) == 1 && len(n.Rhs) == 1 {
						if field := selectedField(pass, n.Rhs[0]); isStep[field] {
							if obj := info.Defs[identOf(n.Lhs[0])]; obj != nil {
								copies[obj] = field
							}
						}
					}
					for i, lhs := range n.Lhs {
						if len(n.Lhs) != len(n.Rhs) || isNil(pass, n.Rhs[i]) {
							continue
						}
						if field := selectedField(pass, lhs); isStep[field] {
							u := m.get(field)
							u.assignedIn = append(u.assignedIn, fn.Origin())
							if v := funcValue(info, n.Rhs[i]); v != nil {
								u.stored = append(u.stored, v)
							}
						} else if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && copies[info.Uses[id]] != nil {
							// step = stateZero: the state a zero field stands for
							if v := funcValue(info, n.Rhs[i]); v != nil {
								u := m.get(copies[info.Uses[id]])
								u.stored = append(u.stored, v)
							}
						}
					}
				}
				return true
			})
		}
	}
	return m
}

// funcValue returns the declared function or method an expression
// denotes (stateBegin, (*T).next, t.next), or nil.
func funcValue(info *types.Info, e ast.Expr) *types.Func {
	if id := identOf(e); id != nil {
		if fn, ok := info.Uses[id].(*types.Func); ok {
			return fn.Origin()
		}
	}
	return nil
}

// reachable returns the functions from which any of from can be reached
// through static calls: from, and what they call, transitively.
func reachable(from []*types.Func, calls map[*types.Func][]*types.Func) map[*types.Func]bool {
	seen := make(map[*types.Func]bool)
	work := slices.Clone(from)
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if !seen[fn] {
			seen[fn] = true
			work = append(work, calls[fn]...)
		}
	}
	return seen
}

// pikeMachines returns the structs of the package that a named function
// type takes and returns itself: Pike's state functions.
func pikeMachines(pkg *types.Package) map[*types.TypeName]string {
	found := make(map[*types.TypeName]string)
	for _, tn := range typeNames(pkg) {
		sig, ok := tn.Type().Underlying().(*types.Signature)
		if !ok || sig.Results().Len() != 1 || sig.Results().At(0).Type() != tn.Type() {
			continue
		}
		for p := range sig.Params().Variables() {
			if named := typesx.PointerTo(p.Type()); named != nil && named.Obj().Pkg() == pkg {
				if _, isStruct := named.Underlying().(*types.Struct); isStruct {
					found[named.Origin().Obj()] = tn.Name()
				}
			}
		}
	}
	return found
}

// stateFuncFields returns the fields of the package's structs whose type
// is a function taking that struct, each struct's in declaration order.
func stateFuncFields(pkg *types.Package) []stepField {
	var fields []stepField
	for _, tn := range typeNames(pkg) {
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for field := range st.Fields() {
				if takesStruct(field.Type(), tn) {
					fields = append(fields, stepField{tn, field})
				}
			}
		}
	}
	return fields
}

// selectedField returns the field that expr selects, or nil.
func selectedField(pass *analysis.Pass, expr ast.Expr) *types.Var {
	sel, ok := ast.Unparen(expr).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.FieldVal {
		return s.Obj().(*types.Var).Origin()
	}
	return nil
}

func isNil(pass *analysis.Pass, e ast.Expr) bool {
	return pass.TypesInfo.Types[e].IsNil()
}

// takesStruct reports whether t is a function type with a receiver or a
// parameter of type tn or *tn.
func takesStruct(t types.Type, tn *types.TypeName) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	var params []*types.Var
	if sig.Recv() != nil {
		params = append(params, sig.Recv())
	}
	for p := range sig.Params().Variables() {
		params = append(params, p)
	}
	return slices.ContainsFunc(params, func(p *types.Var) bool {
		named := typesx.PointerTo(p.Type())
		return named != nil && named.Origin().Obj() == tn
	})
}

// tableMachines returns the package's structs whose state indexes a table
// of state functions: a call through an element of a package-level array
// of functions that take the struct, the index being a field of the
// struct (pstateFns[p.state](p, c), or bounded, min(p.state, 7)). It is
// the table form fsmswitch's fix writes, and the one Go programmers write
// by hand. Each comes with the field holding its state, Struct.field.
func tableMachines(pass *analysis.Pass) map[*types.TypeName]string {
	found := make(map[*types.TypeName]string)
	info := pass.TypesInfo
	for cur := range pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root().Preorder((*ast.CallExpr)(nil)) {
		index, ok := ast.Unparen(cur.Node().(*ast.CallExpr).Fun).(*ast.IndexExpr)
		if !ok {
			continue
		}
		table, ok := info.Uses[identOf(index.X)].(*types.Var)
		if !ok || table.Parent() != pass.Pkg.Scope() {
			continue
		}
		arr, ok := table.Type().Underlying().(*types.Array)
		if !ok {
			continue
		}
		field := selectedField(pass, unbound(info, index.Index))
		if field == nil {
			continue
		}
		for _, tn := range typeNames(pass.Pkg) {
			if takesStruct(arr.Elem(), tn) && slices.Contains(structFields(tn), field) {
				found[tn] = tn.Name() + "." + field.Name()
			}
		}
	}
	return found
}

// unbound returns the index a table call bounds, min(x, n) or
// min(uint(x), n), or the index itself.
func unbound(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return e
	}
	if b, ok := info.Uses[identOf(call.Fun)].(*types.Builtin); ok && b.Name() == "min" && len(call.Args) == 2 {
		return unbound(info, call.Args[0])
	}
	if tv := info.Types[call.Fun]; tv.IsType() && len(call.Args) == 1 {
		return unbound(info, call.Args[0])
	}
	return e
}

// structFields returns the fields of a struct type, or none.
func structFields(tn *types.TypeName) []*types.Var {
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return slices.Collect(st.Fields())
}
