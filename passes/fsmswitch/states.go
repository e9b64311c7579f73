package fsmswitch

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// This file decides what a state is: which types are state types, which
// fields hold them, and which constant an expression names.

// A stateField is a struct field whose type qualifies as a state type,
// with the type's constants.
type stateField struct {
	typ    *types.TypeName
	states []*types.Const // in declaration order
	strct  *types.TypeName
	field  *types.Var
}

// stateFields returns the state fields of the package, in declaration
// order: for each state type that exactly one struct field holds, that
// field. A type held by two fields (cur, prev) is a value, not a state.
func stateFields(pkg *types.Package) []*stateField {
	stypes := stateTypes(pkg)
	holders := make(map[*types.TypeName][]*stateField)
	for _, tn := range typeNames(pkg) {
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
				holders[named.Obj()] = append(holders[named.Obj()], &stateField{typ: named.Obj(), states: states, strct: tn, field: field})
			}
		}
	}
	var fields []*stateField
	for _, fs := range holders {
		if len(fs) == 1 && closedObject(pkg, fs[0].field) {
			fields = append(fields, fs[0])
		}
	}
	slices.SortFunc(fields, func(a, b *stateField) int { return int(a.field.Pos() - b.field.Pos()) })
	return fields
}

// stateTypes returns the package's enum-like types that no package outside
// the module can consume, with their constants in declaration order:
// defined integer or string types, unexported (or in an internal or main
// package), with two or more distinct constants of the type declared in
// the package.
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

// typeNames returns the package's defined (not alias) type names.
func typeNames(pkg *types.Package) []*types.TypeName {
	var tns []*types.TypeName
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && !tn.IsAlias() {
			tns = append(tns, tn)
		}
	}
	return tns
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

// distinctStates counts the distinct values among the constants:
// constants with the same value are one state.
func distinctStates(cs []*types.Const) int {
	var vals []constant.Value
	for _, c := range cs {
		if !slices.ContainsFunc(vals, func(v constant.Value) bool { return constant.Compare(v, token.EQL, c.Val()) }) {
			vals = append(vals, c.Val())
		}
	}
	return len(vals)
}

// zeroState returns the state a zero value is in: the constant whose value
// is zero, or nil when no constant is zero (iota + 1 enums).
func zeroState(states []*types.Const) *types.Const {
	for _, c := range states {
		if isZero(c.Val()) {
			return c
		}
	}
	return nil
}

func isZero(v constant.Value) bool {
	if v.Kind() == constant.String {
		return constant.StringVal(v) == ""
	}
	return constant.Sign(v) == 0
}

// stateOf says what expr denotes among the states of typ: the state
// constant with its value (the constant it names when it names one), and
// whether expr is a constant of the state type at all — the zero value of
// an iota + 1 enum is one but names no state.
func stateOf(info *types.Info, typ *types.TypeName, states []*types.Const, expr ast.Expr) (state *types.Const, isConst bool) {
	tv, ok := info.Types[expr]
	if !ok || tv.Value == nil || !types.Identical(tv.Type, typ.Type()) {
		return nil, false
	}
	if id := identOf(expr); id != nil {
		if k, ok := info.Uses[id].(*types.Const); ok && slices.Contains(states, k) {
			return k, true
		}
	}
	for _, k := range states {
		if constant.Compare(k.Val(), token.EQL, tv.Value) {
			return k, true
		}
	}
	return nil, true
}

// identOf returns the identifier that expr is or selects, or nil.
func identOf(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// isState reports whether obj is one of the states.
func isState(states []*types.Const, obj types.Object) bool {
	k, ok := obj.(*types.Const)
	return ok && slices.Contains(states, k)
}
