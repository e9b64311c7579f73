package fsmswitch

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// This file decides which machines live on a function's stack: made,
// driven and dropped in one function, a machine stays off the heap only
// while the compiler sees every call its address reaches. Both rewrites
// call the state's function through a function value, which the compiler
// cannot see into, so the consumer's receiver escapes and such a machine
// moves to the heap: an allocation per machine, which cost the fixtures
// 3 to 20 times their time. The analysis follows the compiler's escape
// analysis in outline, over the package's own code: a machine's address
// leaks when it is stored, returned, sent, captured by a closure, passed
// to code outside the package or to a function of the package whose
// parameter leaks, or converted. What it cannot see it takes as leaking,
// in both the code as written and the rewrite, so it blocks a fix only
// where it can show the rewrite alone makes the machine escape.

// stackAnalysis answers, for the package, whether a machine's address
// leaks from the function that holds it, as written and as it would be
// with a consumer that leaks its receiver.
type stackAnalysis struct {
	info  *types.Info
	root  inspector.Cursor
	funcs map[*types.Func]inspector.Cursor // the package's functions and methods with a body
	memo  map[leakKey]bool
}

// leakKey is one question: does v's value leak from its function, when
// consumer (nil: none) leaks its receiver, and (ret) a return of it is
// not a leak (v is a constructor's result)? strct is the machine's
// struct, whose methods an interface holding it calls.
type leakKey struct {
	v        *types.Var
	strct    *types.TypeName
	consumer *types.Func
	ret      bool
}

// stackValue is a value that lives on a function's stack.
type stackValue struct {
	pos token.Pos
	typ types.Type // what it is (the value, not a pointer to it)
	fn  string     // the function holding it
}

func (f *finder) stackAnalysis() *stackAnalysis {
	if f.stack == nil {
		s := &stackAnalysis{
			info:  f.pass.TypesInfo,
			root:  f.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root(),
			funcs: make(map[*types.Func]inspector.Cursor),
			memo:  make(map[leakKey]bool),
		}
		for cur := range s.root.Preorder((*ast.FuncDecl)(nil)) {
			if fd := cur.Node().(*ast.FuncDecl); fd.Body != nil {
				s.funcs[s.info.Defs[fd.Name].(*types.Func)] = cur
			}
		}
		f.stack = s
	}
	return f.stack
}

// stackBlockers returns a blocker at each place a value stays on its
// function's stack as written and would escape after either rewrite: a
// machine, or what its consumer is passed (an executor's context), which
// the rewrite passes on to the state's function.
//
// Values a test file makes do not count: the allocation would be the
// test's, not the program's. A benchmark that keeps its machine on the
// stack measures that allocation after the fix (verify shows it in
// allocs/op).
func (f *finder) stackBlockers(m *Machine) []Blocker {
	var bs []Blocker
	for _, sv := range f.stackAnalysis().stackValues(m.Struct, m.Consumer.Method) {
		if inTestFile(f.pass.Fset, sv.pos) {
			continue
		}
		reason := "a machine made in " + sv.fn + " lives on its stack; the rewrite's call through a function value would move it to the heap, an allocation per machine"
		if named, ok := types.Unalias(sv.typ).(*types.Named); !ok || named.Origin().Obj() != m.Struct {
			reason = "a " + types.TypeString(sv.typ, types.RelativeTo(f.pass.Pkg)) + " made in " + sv.fn + " and passed to " +
				typesx.MethodName(m.Consumer.Method) + " lives on its stack; the rewrite passes it to a function value, which would move it to the heap, an allocation per call"
		}
		bs = append(bs, f.blocker(sv.pos, reason))
	}
	return bs
}

// stackValues returns where the package makes a value (a variable of a
// struct or array type, &T{...}, new(T), a call of a constructor
// returning one) whose address leaks from its function only once
// consumer, a method of struct strct, calls through a function value.
func (s *stackAnalysis) stackValues(strct *types.TypeName, consumer *types.Func) []stackValue {
	var out []stackValue
	add := func(cur inspector.Cursor, pos token.Pos, t types.Type, leaks func(leakKey) bool) {
		if !leaks(leakKey{strct: strct}) && leaks(leakKey{strct: strct, consumer: consumer}) {
			out = append(out, stackValue{pos: pos, typ: t, fn: enclosingName(s.info, cur)})
		}
	}
	for cur := range s.root.Preorder((*ast.Ident)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.Ident: // a variable holding a struct or an array, not a pointer to one
			v, ok := s.info.Defs[n].(*types.Var)
			if !ok || v.IsField() || !isAggregate(v.Type()) || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
				continue
			}
			scope := s.scopeOf(cur)
			add(cur, n.Pos(), v.Type(), func(k leakKey) bool { return s.varLeaks(v, scope, k) })
		case *ast.CompositeLit: // &T{...}
			if lit := outerParens(cur); lit.ParentEdgeKind() == edge.UnaryExpr_X && lit.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				add(cur, n.Pos(), s.info.TypeOf(n), func(k leakKey) bool { return s.exprLeaks(lit.Parent(), true, k) })
			}
		case *ast.CallExpr: // new(T), or a constructor
			ptr, ok := s.info.TypeOf(n).(*types.Pointer)
			if !ok {
				continue
			}
			if isNew(s.info, n) {
				add(cur, n.Pos(), ptr.Elem(), func(k leakKey) bool { return s.exprLeaks(cur, true, k) })
			} else if fn := typeutil.StaticCallee(s.info, n); fn != nil && s.isConstructor(fn.Origin()) {
				add(cur, n.Pos(), ptr.Elem(), func(k leakKey) bool { return s.constructorLeaks(fn.Origin(), k) || s.exprLeaks(cur, true, k) })
			}
		}
	}
	return out
}

// isAggregate reports whether t is a struct or an array: what a variable
// holds in place, so that its address is the variable's.
func isAggregate(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

// enclosingName names the function declaration around cur.
func enclosingName(info *types.Info, cur inspector.Cursor) string {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return typesx.MethodName(info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func))
	}
	return "a package-level declaration"
}

// isNew reports whether call is a call of the builtin new.
func isNew(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	b, isBuiltin := info.Uses[id].(*types.Builtin)
	return ok && isBuiltin && b.Name() == "new"
}

// scopeOf returns the function (declaration or literal) whose body holds
// the variable declared at cur: its parameters and locals are used there.
func (s *stackAnalysis) scopeOf(cur inspector.Cursor) inspector.Cursor {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fn
	}
	return s.root // a variable of function scope is in a function
}

// isConstructor reports whether fn, called for its one result, a pointer,
// is a function of the package that returns a value of its making each
// time: each of its returns &T{...}, new(T) or a local variable holding
// one.
func (s *stackAnalysis) isConstructor(fn *types.Func) bool {
	cur, ok := s.funcs[fn]
	if !ok {
		return false
	}
	decl := cur.Node().(*ast.FuncDecl)
	fresh := true
	s.eachReturn(decl, func(e ast.Expr) {
		fresh = fresh && (s.isFresh(e) || s.freshLocal(decl, e) != nil)
	})
	return fresh
}

// constructorLeaks reports whether a constructor lets the machine it
// makes leak other than by returning it.
func (s *stackAnalysis) constructorLeaks(fn *types.Func, key leakKey) bool {
	cur := s.funcs[fn]
	decl := cur.Node().(*ast.FuncDecl)
	key.ret = true
	leaks := false
	s.eachReturn(decl, func(e ast.Expr) {
		if v := s.freshLocal(decl, e); v != nil {
			key.v = v
			leaks = leaks || s.varLeaks(v, cur, key)
		}
	})
	return leaks
}

// eachReturn calls f with the result of each return of decl (its own,
// not those of function literals in it).
func (s *stackAnalysis) eachReturn(decl *ast.FuncDecl, f func(ast.Expr)) {
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				f(n.Results[0])
			} else {
				f(nil) // a bare return of a named result: not followed
			}
		}
		return true
	})
}

// isFresh reports whether e makes a new machine: &T{...} or new(T).
func (s *stackAnalysis) isFresh(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		_, isLit := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && isLit
	case *ast.CallExpr:
		return isNew(s.info, e)
	}
	return false
}

// freshLocal returns the local variable e names when decl defines it as
// a new machine (v := &T{...}, v := new(T)), or nil.
func (s *stackAnalysis) freshLocal(decl *ast.FuncDecl, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || !encloses(decl.Body, v.Pos()) {
		return nil
	}
	fresh := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			for i, lhs := range as.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && s.info.Defs[id] == v {
					fresh = s.isFresh(as.Rhs[i])
				}
			}
		}
		return true
	})
	if !fresh {
		return nil
	}
	return v
}

// varLeaks reports whether the value of v, a variable of function scope
// (a local, a parameter, a receiver), leaks from it: any of its uses
// does, or a function literal captures it.
func (s *stackAnalysis) varLeaks(v *types.Var, scope inspector.Cursor, key leakKey) bool {
	key.v = v
	if leaks, ok := s.memo[key]; ok {
		return leaks
	}
	s.memo[key] = false // a cycle through v adds no leak of its own
	leaks := false
	for cur := range scope.Preorder((*ast.Ident)(nil)) {
		if s.info.Uses[cur.Node().(*ast.Ident)] != v {
			continue
		}
		if captured(cur, v) || s.exprLeaks(cur, isRef(v.Type()), key) {
			leaks = true
			break
		}
	}
	s.memo[key] = leaks
	return leaks
}

// captured reports whether the use of v at cur is in a function literal
// that v is declared outside of.
func captured(cur inspector.Cursor, v *types.Var) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil)) {
		return !encloses(lit.Node(), v.Pos())
	}
	return false
}

// exprLeaks reports whether the machine leaks through the expression at
// cur: a reference to it (a pointer, a slice of an array in it, an
// interface holding it) when ref is set, else the machine itself or a
// part of it, which leaks only when its address is taken and leaks.
func (s *stackAnalysis) exprLeaks(cur inspector.Cursor, ref bool, key leakKey) bool {
	cur = outerParens(cur)
	parent := cur.Parent()
	kind, index := cur.ParentEdge()
	switch kind {
	case edge.SelectorExpr_X:
		return s.selectionLeaks(parent, ref, key)
	case edge.UnaryExpr_X:
		return parent.Node().(*ast.UnaryExpr).Op == token.AND && s.exprLeaks(parent, true, key)
	case edge.StarExpr_X: // *p: the machine itself
		return ref && s.exprLeaks(parent, false, key)
	case edge.IndexExpr_X, edge.SliceExpr_X:
		if _, isArray := s.info.TypeOf(cur.Node().(ast.Expr)).Underlying().(*types.Array); ref || !isArray {
			return false // an element of another object
		}
		// An element of an array in the machine, or a slice of it.
		return s.exprLeaks(parent, kind == edge.SliceExpr_X, key)
	}
	if !ref {
		return false // a copy
	}
	switch kind {
	case edge.CallExpr_Args:
		return s.argLeaks(parent, index, key)
	case edge.AssignStmt_Rhs:
		as := parent.Node().(*ast.AssignStmt)
		return len(as.Lhs) != len(as.Rhs) || s.storeLeaks(as.Lhs[index], key)
	case edge.ValueSpec_Values:
		spec := parent.Node().(*ast.ValueSpec)
		return len(spec.Names) != len(spec.Values) || s.storeLeaks(spec.Names[index], key)
	case edge.ReturnStmt_Results:
		return !key.ret
	case edge.BinaryExpr_X, edge.BinaryExpr_Y, edge.ExprStmt_X, edge.IfStmt_Cond, edge.SwitchStmt_Tag, edge.CaseClause_List:
		return false // compared: the address goes nowhere
	}
	return true // stored in a composite, sent, converted, or where it goes is not followed
}

// isRef reports whether a value of type t refers to memory it does not
// hold: a pointer, a slice, an interface. An unsafe.Pointer does too, but
// the machine's address becomes one only by a conversion, which leaks
// (argLeaks), so no value followed here has that type.
func isRef(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Interface:
		return true
	}
	return false
}

// selectionLeaks reports whether the machine leaks through x.sel at cur,
// x being it or a part of it (a reference to it when ref is set).
func (s *stackAnalysis) selectionLeaks(cur inspector.Cursor, ref bool, key leakKey) bool {
	x := cur.Node().(*ast.SelectorExpr)
	sel := s.info.Selections[x]
	switch {
	case sel == nil:
		return true
	case !ref && isRef(s.info.TypeOf(x.X)):
		return false // a selection in the object a part of the machine points to
	case sel.Kind() == types.FieldVal:
		return s.exprLeaks(cur, false, key) // a field: a part of the machine
	case sel.Kind() != types.MethodVal || cur.ParentEdgeKind() != edge.CallExpr_Fun || len(sel.Index()) > 1:
		return true // a method value, or a method of an embedded field
	case cur.Parent().ParentEdgeKind() == edge.GoStmt_Call:
		return true
	}
	fn := sel.Obj().(*types.Func)
	if types.IsInterface(sel.Recv()) {
		// A call through an interface holding the machine: the compiler
		// calls the machine's method directly when it sees which type the
		// interface holds, as it does here.
		m, _, _ := types.LookupFieldOrMethod(types.NewPointer(key.strct.Type()), false, key.strct.Pkg(), fn.Name())
		concrete, ok := m.(*types.Func)
		if !ok {
			return true
		}
		fn = concrete
	}
	if _, isPtrRecv, _ := typesx.Method(fn); !isPtrRecv {
		return false // a copy
	}
	return s.recvLeaks(fn.Origin(), key)
}

// recvLeaks reports whether method fn lets its receiver leak.
func (s *stackAnalysis) recvLeaks(fn *types.Func, key leakKey) bool {
	if fn == key.consumer {
		return true // the rewrite calls through a function value
	}
	cur, ok := s.funcs[fn]
	if !ok {
		return true
	}
	decl := cur.Node().(*ast.FuncDecl)
	if len(decl.Recv.List[0].Names) == 0 {
		return false // an unnamed receiver
	}
	recv, ok := s.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok {
		return false // a blank receiver
	}
	key.ret = false
	return s.varLeaks(recv, cur, key)
}

// argLeaks reports whether the pointer passed as argument i of the call
// at cur leaks: passed to a function of the package whose parameter does
// not leak, it does not; anything else (code outside the package, a
// conversion, a builtin, a function value, a goroutine) is taken to leak.
func (s *stackAnalysis) argLeaks(cur inspector.Cursor, i int, key leakKey) bool {
	call := cur.Node().(*ast.CallExpr)
	fn := typeutil.StaticCallee(s.info, call)
	if fn == nil || cur.ParentEdgeKind() == edge.GoStmt_Call {
		return true
	}
	fn = fn.Origin()
	if fn == key.consumer {
		return true // the rewrite passes its arguments on to a function value
	}
	decl, ok := s.funcs[fn]
	params := fn.Signature().Params()
	if !ok || fn.Signature().Variadic() && i >= params.Len()-1 && !call.Ellipsis.IsValid() {
		return true // unseen, or packed into a slice
	}
	p := params.At(i)
	if p.Name() == "" || p.Name() == "_" {
		return false
	}
	key.ret = false
	return s.varLeaks(p, decl, key)
}

// storeLeaks reports whether storing the pointer in lhs lets it leak: in
// a local variable, as far as that variable's uses do; anywhere else
// (a field, a global, an element), it does.
func (s *stackAnalysis) storeLeaks(lhs ast.Expr, key leakKey) bool {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return true
	}
	if id.Name == "_" {
		return false
	}
	obj := s.info.ObjectOf(id)
	v, ok := obj.(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return true
	}
	decl, _ := s.root.FindByPos(v.Pos(), v.Pos()) // its declaring identifier
	return s.varLeaks(v, s.scopeOf(decl), key)
}

// inTestFile reports whether pos is in a _test.go file.
func inTestFile(fset *token.FileSet, pos token.Pos) bool {
	return strings.HasSuffix(fset.File(pos).Name(), "_test.go")
}
