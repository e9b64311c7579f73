// Package typesx holds the go/types helpers that several of fsmvet's
// packages need, each written once: what a method's receiver names, and
// how a method is named for people.
package typesx

import "go/types"

// ReceiverNamed returns the named type a method receiver declares, looking
// through aliases on both sides of an optional pointer (func (r *M) with
// type M = m names m), as x/tools' typesinternal.ReceiverNamed does. named
// is nil when the receiver is not a named type; isPtr reports a pointer
// receiver.
func ReceiverNamed(recv *types.Var) (isPtr bool, named *types.Named) {
	t := types.Unalias(recv.Type())
	if ptr, ok := t.(*types.Pointer); ok {
		isPtr, t = true, types.Unalias(ptr.Elem())
	}
	named, _ = t.(*types.Named)
	return isPtr, named
}

// PointerTo returns the named type that t is or points to, through
// aliases, or nil: T, *T and an alias of either all give T.
func PointerTo(t types.Type) *types.Named {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, _ := t.(*types.Named)
	return named
}

// Method returns the receiver's named type (its generic origin) and
// whether the receiver is a pointer, for a method; ok is false for a
// function or a method of an unnamed type.
func Method(fn *types.Func) (recv *types.TypeName, isPtr, ok bool) {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return nil, false, false
	}
	isPtr, named := ReceiverNamed(sig.Recv())
	if named == nil {
		return nil, false, false
	}
	return named.Origin().Obj(), isPtr, true
}

// MethodName names a method as people write it: (*T).M or T.M, with the
// type's own name even when the method was declared on an alias; a
// function is named by its name.
func MethodName(fn *types.Func) string {
	recv, isPtr, ok := Method(fn)
	switch {
	case !ok:
		return fn.Name()
	case isPtr:
		return "(*" + recv.Name() + ")." + fn.Name()
	default:
		return recv.Name() + "." + fn.Name()
	}
}
