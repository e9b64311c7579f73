package fsmswitch

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// transitionPointerMachines returns the package's structs that are already
// in transition-pointer form, with the field holding the state function:
// a field of function type that takes the struct (or a pointer to it) as a
// parameter, that the package calls, and that the machine's own code
// assigns — a method of the struct or a function taking the struct, as
// encoding/json's state functions set s.step and compress/flate's methods
// set f.step. A hook set once by a constructor is a callback, not a state.
//
// It also returns the structs driven in Pike's form, a state function type
// that takes the struct and returns itself (text/template/parse's
// type stateFn func(*lexer) stateFn), whose driver keeps the state in a
// local. Each machine comes with where its state lives: Struct.field, or
// the state function type.
func transitionPointerMachines(pass *analysis.Pass) map[*types.TypeName]string {
	found := pikeMachines(pass.Pkg)
	stepFields := stateFuncFields(pass.Pkg)
	if len(stepFields) == 0 {
		return found
	}
	called := make(map[*types.Var]bool)
	assigned := make(map[*types.Var]bool)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if field := selectedField(pass, n.Fun); stepFields[field] != nil {
						called[field] = true
					}
				case *ast.AssignStmt:
					for i, lhs := range n.Lhs {
						field := selectedField(pass, lhs)
						if tn := stepFields[field]; tn != nil && i < len(n.Rhs) && !isNil(pass, n.Rhs[i]) && ownCode(pass, fd, tn) {
							assigned[field] = true
						}
					}
				}
				return true
			})
		}
	}
	for field, tn := range stepFields {
		if called[field] && assigned[field] {
			found[tn] = tn.Name() + "." + field.Name()
		}
	}
	return found
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
// is a function taking that struct.
func stateFuncFields(pkg *types.Package) map[*types.Var]*types.TypeName {
	fields := make(map[*types.Var]*types.TypeName)
	for _, tn := range typeNames(pkg) {
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for field := range st.Fields() {
				if takesStruct(field.Type(), tn) {
					fields[field] = tn
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

// ownCode reports whether fd is a method of tn or a function taking tn.
func ownCode(pass *analysis.Pass, fd *ast.FuncDecl, tn *types.TypeName) bool {
	fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
	return ok && takesStruct(fn.Type(), tn)
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
