package pollloop

import (
	"cmp"
	"go/ast"
	"go/types"
	"slices"
	"strconv"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// An Impl is a concrete type whose method a poll site may call.
type Impl struct {
	Type    *types.TypeName
	Pointer bool                   // the method set of *Type, not Type, implements
	Machine *fsmswitch.MachineFact // nil unless Type is a known state machine
}

func (i Impl) String() string {
	name := i.Type.Name()
	if i.Pointer {
		name = "*" + name
	}
	if i.Type.Pkg() != nil {
		name = i.Type.Pkg().Name() + "." + name
	}
	return name
}

// interfaceOf returns the method set a poll site dispatches through: the
// interface, or the constraint of a type parameter.
func interfaceOf(t types.Type) *types.Interface {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return tp.Constraint().Underlying().(*types.Interface)
	}
	iface, _ := t.Underlying().(*types.Interface)
	return iface
}

// visibleImpls returns the named types declared in deps that implement
// iface, leaving out those of pkg that hidden says are not in view, each
// marked with what known says of it.
func visibleImpls(pkg *types.Package, deps []*types.Package, hidden func(types.Object) bool, iface *types.Interface, known map[*types.TypeName]*fsmswitch.MachineFact) []Impl {
	var impls []Impl
	for _, p := range deps {
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) || p == pkg && hidden(tn) {
				continue
			}
			if named, ok := tn.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
				continue // generic types implement nothing until instantiated
			}
			impl := Impl{Type: tn, Machine: known[tn]}
			switch {
			case types.Implements(tn.Type(), iface):
			case types.Implements(types.NewPointer(tn.Type()), iface):
				impl.Pointer = true
			default:
				continue
			}
			impls = append(impls, impl)
		}
	}
	SortImpls(impls)
	return impls
}

// SortImpls orders implementations by package path and name, so output is
// deterministic.
func SortImpls(impls []Impl) {
	slices.SortFunc(impls, func(a, b Impl) int {
		return cmp.Or(cmp.Compare(pkgPath(a.Type), pkgPath(b.Type)), cmp.Compare(a.Type.Name(), b.Type.Name()))
	})
}

func pkgPath(tn *types.TypeName) string {
	if tn.Pkg() == nil {
		return ""
	}
	return tn.Pkg().Path()
}

// dependencies returns pkg and every package that its files, less those
// skip names, import, transitively.
func dependencies(pkg *types.Package, files []*ast.File, skip func(*ast.File) bool) []*types.Package {
	byPath := make(map[string]*types.Package)
	for _, imp := range pkg.Imports() {
		byPath[imp.Path()] = imp
	}
	seen := map[*types.Package]bool{pkg: true}
	all := []*types.Package{pkg}
	for _, f := range files {
		if skip(f) {
			continue
		}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if imp := byPath[path]; err == nil && imp != nil && !seen[imp] {
				seen[imp] = true
				all = append(all, imp)
			}
		}
	}
	for i := 1; i < len(all); i++ {
		for _, imp := range all[i].Imports() {
			if !seen[imp] {
				seen[imp] = true
				all = append(all, imp)
			}
		}
	}
	return all
}
