package profile

import (
	"go/types"
	"strings"

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
// function's, or for a function literal, the enclosing one's with
// ".funcN" (Go numbers literals as SSA does, in source order).
func SSAName(fn *ssa.Function) string {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return SymbolName(obj)
	}
	if parent := fn.Parent(); parent != nil {
		if i := strings.LastIndex(fn.Name(), "$"); i >= 0 {
			return SSAName(parent) + ".func" + fn.Name()[i+1:]
		}
	}
	return fn.String()
}
