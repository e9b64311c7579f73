package profile

import (
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// SymbolName returns the name Go gives fn in binaries and profiles:
// "pkg/path.F", "pkg/path.T.M", "pkg/path.(*T).M", with "[...]" for the
// type arguments of a generic function or receiver.
func SymbolName(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	name := fn.Name()
	if fn.Type().(*types.Signature).TypeParams().Len() > 0 {
		name += "[...]"
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return fn.Pkg().Path() + "." + name
	}
	recv := sig.Recv().Type()
	ptr := false
	if p, ok := recv.(*types.Pointer); ok {
		recv, ptr = p.Elem(), true
	}
	tname := recv.String()
	if named, ok := types.Unalias(recv).(*types.Named); ok {
		tname = named.Obj().Name()
		if named.TypeParams().Len() > 0 || named.TypeArgs().Len() > 0 {
			tname += "[...]"
		}
	}
	if ptr {
		return fn.Pkg().Path() + ".(*" + tname + ")." + name
	}
	return fn.Pkg().Path() + "." + tname + "." + name
}

// SSAName returns the profile name of an SSA function: its declared
// function's, or for a function literal or the body of a range-over-func
// loop, the name the compiler gives it (see anonName).
func SSAName(fn *ssa.Function) string {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return SymbolName(obj)
	}
	if fn.Parent() != nil {
		return anonName(fn)
	}
	return fn.String()
}

// anonName names a function literal or range-over-func body as the
// compiler does (cmd/compile/internal/ir.closureName): numbered in source
// order within its owner (see owner), literals and range bodies counted
// apart; a literal is ".funcN" in a declared function and ".N" in a
// literal, a range body "-rangeN". So in F, the first literal is
// "F.func1", a literal in it "F.func1.1", a range body "F-range1", and a
// literal in that body the next of F's: "F.func2".
func anonName(fn *ssa.Function) string {
	outer := owner(fn)
	suffix := ".func"
	if outer.Parent() != nil {
		suffix = "." // a literal in a literal
	}
	if rangeBody(fn) {
		suffix = "-range"
	}
	return SSAName(outer) + suffix + strconv.Itoa(1+countBefore(outer, fn))
}

// owner returns the function that numbers fn: its parent, or if that is
// a range body, the nearest ancestor that is not.
func owner(fn *ssa.Function) *ssa.Function {
	outer := fn.Parent()
	for rangeBody(outer) {
		outer = outer.Parent()
	}
	return outer
}

// countBefore counts the functions outer numbers that are of fn's kind
// and come before it in the source.
func countBefore(outer, fn *ssa.Function) int {
	n := 0
	for _, g := range outer.AnonFuncs {
		if rangeBody(g) == rangeBody(fn) && g.Pos() < fn.Pos() {
			n++
		}
		if rangeBody(g) {
			n += countBefore(g, fn)
		}
	}
	return n
}

// rangeBody reports whether fn is the body of a range-over-func loop.
func rangeBody(fn *ssa.Function) bool {
	_, ok := fn.Syntax().(*ast.RangeStmt)
	return ok
}
