package pollloop

import (
	"cmp"
	"go/ast"
	"go/types"
	"slices"
	"strconv"

	"github.com/fsmvet/fsmvet/internal/typesx"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// An Impl is a concrete type whose method a poll site may call.
type Impl struct {
	Type    *types.TypeName
	Pointer bool                   // the method set of *Type, not Type, implements
	Machine *fsmswitch.MachineFact // nil unless Type is a known state machine
}

func (i Impl) String() string { return i.name((*types.Package).Name) }

// name returns "pkg.Type" or "pkg.*Type", the package as qualify names it.
func (i Impl) name(qualify func(*types.Package) string) string {
	star := ""
	if i.Pointer {
		star = "*"
	}
	return qualify(i.Type.Pkg()) + "." + star + i.Type.Name()
}

// fixable reports whether the implementation is a switch-dispatched state
// machine that fsmswitch offers to rewrite: a finding that reaches one
// names something to do.
func (i Impl) fixable() bool {
	return i.group() == switchGroup && len(i.Machine.Blockers) == 0
}

// steppedBy reports whether a call of the named method runs one step of
// the implementation's state machine at most.
func (i Impl) steppedBy(method string) bool {
	return i.Machine != nil && slices.Contains(i.Machine.Steps, method)
}

// Groups of implementations, in the order a finding lists them.
const (
	switchGroup  = iota // switch-dispatched state machines: two dispatches per step
	pointerGroup        // machines in transition-pointer or table form: one
	otherGroup          // anything else
)

func (i Impl) group() int {
	if i.Machine == nil {
		return otherGroup
	}
	if i.Machine.Form == fsmswitch.TransitionPointerForm || i.Machine.Form == fsmswitch.TableForm {
		return pointerGroup
	}
	return switchGroup
}

// namer names implementations as one message lists them: qualified by
// package name, or by import path where two of them are in packages that
// share a name (compress/flate and github.com/klauspost/compress/flate).
func namer(impls []Impl) func(Impl) string {
	paths := make(map[string]string) // package name -> a path with that name
	clash := make(map[string]bool)   // package names held by two paths
	for _, impl := range impls {
		pkg := impl.Type.Pkg()
		if p, ok := paths[pkg.Name()]; ok && p != pkg.Path() {
			clash[pkg.Name()] = true
		}
		paths[pkg.Name()] = pkg.Path()
	}
	qualify := func(pkg *types.Package) string {
		if clash[pkg.Name()] {
			return pkg.Path()
		}
		return pkg.Name()
	}
	return func(impl Impl) string { return impl.name(qualify) }
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

// visibleImpls returns the candidates that implement iface, each marked
// with what known says of it.
func visibleImpls(candidates []*types.TypeName, iface *types.Interface, known map[*types.TypeName]*fsmswitch.MachineFact) []Impl {
	var impls []Impl
	for _, tn := range candidates {
		if tn.IsAlias() || types.IsInterface(tn.Type()) {
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
	SortImpls(impls)
	return impls
}

// candidates returns the named types a call in the package's files, less
// those skip names, is said to see: the package's own (less those hidden
// says are out of view), those exported by the packages the files import,
// and any other package's type that the files hold a value of (the
// *task.frame that task.New returns). Only these: a driver that reads
// dependencies from export data (go vet) knows the exported types of a
// package imported directly and what an API names, but of the packages
// further down only what the imports refer to; what fsmvet sees must not
// depend on the driver.
func candidates(pkg *types.Package, info *types.Info, files []*ast.File, skip func(*ast.File) bool, hidden func(types.Object) bool) []*types.TypeName {
	seen := make(map[*types.TypeName]bool)
	var tns []*types.TypeName
	add := func(tn *types.TypeName) {
		if !seen[tn] {
			seen[tn] = true
			tns = append(tns, tn)
		}
	}
	for _, p := range imported(pkg, files, skip) {
		for _, name := range p.Scope().Names() {
			if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok && (p == pkg && !hidden(tn) || p != pkg && tn.Exported()) {
				add(tn)
			}
		}
	}
	for _, f := range files {
		if skip(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				if named := typesx.PointerTo(info.TypeOf(e)); named != nil && named.Obj().Pkg() != nil && named.Obj().Pkg() != pkg {
					add(named.Origin().Obj())
				}
			}
			return true
		})
	}
	return tns
}

// SortImpls orders implementations by package path and name, so output is
// deterministic.
func SortImpls(impls []Impl) {
	slices.SortFunc(impls, func(a, b Impl) int {
		return cmp.Or(cmp.Compare(a.Type.Pkg().Path(), b.Type.Pkg().Path()), cmp.Compare(a.Type.Name(), b.Type.Name()))
	})
}

// imported returns pkg and the packages its files, less those skip
// names, import.
func imported(pkg *types.Package, files []*ast.File, skip func(*ast.File) bool) []*types.Package {
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
	return all
}
