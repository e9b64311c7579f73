package fsmswitch

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// This file decides what blocks a rewrite, beyond the uses of the field
// (find.go) and what keeps a case from being a function of its own
// (cases.go): the rewrite turns the state type into a function type and
// each state constant into a function, and calls the state's function
// from the consumer, so whatever the consumer, the type and the constants
// share with other code must go.

// machineBlockers returns the blockers of the machine as a whole.
func (f *finder) machineBlockers(m *Machine, c *candidate) []Blocker {
	bs := slices.Concat(f.consumerBlockers(m), f.methodBlockers(m.Type), f.sharedBlockers(c.stateField), f.tableBlockers(m), f.stackBlockers(m), f.generatedBlockers(m))
	if m.ZeroState() == nil {
		// The clause that handles the zero value may need a function of
		// its own.
		bs = append(bs, f.takenNames(m, m.Type.Name()+"Zero")...)
	}
	if len(m.Dtors) > 0 {
		bs = append(bs, f.taggedTransitionBlockers(m)...)
	} else { // with a destructor the enum stays, and so may its other uses
		bs = append(bs, f.stateUseBlockers(m, c)...)
	}
	return bs
}

// consumerBlockers returns what about the consumer switch and its method
// a rewrite cannot keep.
func (f *finder) consumerBlockers(m *Machine) []Blocker {
	var bs []Blocker
	sw := m.Consumer.Stmt
	method := typesx.MethodName(m.Consumer.Method)
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
		bs = append(bs, f.blocker(m.Consumer.Decl.Pos(), method+" has a value receiver"))
	}
	if m.Struct.Type().(*types.Named).TypeParams().Len() > 0 {
		// A state function of a generic struct needs its type arguments:
		// stored in the field, it is a closure over them, allocated at
		// every transition; a package-level table cannot hold it.
		bs = append(bs, f.blocker(m.decls.structSpec.Pos(), "the struct is generic: a state function's value needs its type arguments "+
			"(a closure, allocated at every transition; no package-level table can hold one)"))
	}
	if m.Consumer.inFuncLit() {
		bs = append(bs, f.blocker(sw.Pos(), "the consumer switch is inside a function literal"))
	}
	ast.Inspect(sw.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.FALLTHROUGH || n.Tok == token.GOTO {
				bs = append(bs, f.blocker(n.Pos(), "the consumer switch uses "+n.Tok.String()))
			}
		}
		return true
	})
	if label := m.Consumer.label(f.pass.TypesInfo); label != nil {
		// The rewrite drops the label with the switch.
		ast.Inspect(m.Consumer.Decl.Body, func(n ast.Node) bool {
			if n == sw {
				return false // a goto in the switch is a blocker already
			}
			if g, ok := n.(*ast.BranchStmt); ok && g.Tok == token.GOTO && f.pass.TypesInfo.Uses[g.Label] == label {
				bs = append(bs, f.blocker(g.Pos(), "a goto jumps to the consumer switch's label"))
			}
			return true
		})
	}
	return append(bs, f.importBlockers(m)...)
}

// importBlockers returns a blocker for each package the state type's file
// would have to import for the function type (the consumer's signature
// names it, in another file) under a name the file already uses.
func (f *finder) importBlockers(m *Machine) []Blocker {
	var bs []Blocker
	file := m.decls.typeFile
	_, need := signatureIn(f.pass.Pkg, m, file)
	for _, p := range need {
		name := p.Name()
		taken := f.pass.Pkg.Scope().Lookup(name) != nil || slices.ContainsFunc(file.Imports, func(imp *ast.ImportSpec) bool {
			pn := f.pass.TypesInfo.PkgNameOf(imp)
			return pn != nil && pn.Name() == name
		})
		if taken {
			bs = append(bs, f.pointerBlocker(m.Type.Pos(), "the state type's file would need to import "+p.Path()+" as "+name+", a name it already uses"))
		}
	}
	return bs
}

// methodBlockers returns the methods of the state type: a String method
// or any other would be lost when the state becomes a function.
func (f *finder) methodBlockers(tn *types.TypeName) []Blocker {
	var bs []Blocker
	for m := range tn.Type().(*types.Named).Methods() {
		bs = append(bs, f.pointerBlocker(m.Pos(), "the state type has a "+m.Name()+" method"))
	}
	return bs
}

// sharedBlockers returns a blocker for each part of the machine that
// another package may name: an exported state type or field of an
// internal package (the module's other packages can use them), and an
// exported state constant, which the rewrite would turn into a function.
func (f *finder) sharedBlockers(sf *stateField) []Blocker {
	var bs []Blocker
	if sharedObject(f.pass.Pkg, sf.typ) {
		bs = append(bs, f.pointerBlocker(sf.typ.Pos(), "the state type "+sf.typ.Name()+" is exported: other packages of the module may use it"))
	}
	if sharedObject(f.pass.Pkg, sf.field) {
		bs = append(bs, f.pointerBlocker(sf.field.Pos(), "the field "+sf.field.Name()+" is exported: other packages of the module may use it"))
	}
	for _, k := range sf.states {
		if sharedObject(f.pass.Pkg, k) {
			bs = append(bs, f.pointerBlocker(k.Pos(), "the state constant "+k.Name()+" is exported: other packages may use it"))
		}
	}
	return bs
}

// taggedTransitionBlockers checks that every transition can store the
// state function beside the kept enum: a keyed literal, or an assignment
// to a field of a plain variable (no call to evaluate twice).
func (f *finder) taggedTransitionBlockers(m *Machine) []Blocker {
	var bs []Blocker
	for _, t := range m.Transitions {
		switch {
		case t.Kind == Literal && t.kv == nil:
			bs = append(bs, f.pointerBlocker(t.Pos, "a positional struct literal sets the state"))
		case t.Kind == Assign && !isPlainPath(t.target.X):
			bs = append(bs, f.pointerBlocker(t.Pos, "a transition assigns the field of a computed value"))
		}
	}
	names := []string{m.Type.Name() + "Fn"}
	for _, st := range m.States {
		names = append(names, st.Name()+"Fn")
	}
	bs = append(bs, f.takenNames(m, names...)...)
	if obj, _, _ := types.LookupFieldOrMethod(m.Struct.Type(), true, m.Struct.Pkg(), m.Field.Name()+"Fn"); obj != nil {
		bs = append(bs, f.pointerBlocker(m.Type.Pos(), "the field name "+m.Field.Name()+"Fn the rewrite needs is taken"))
	}
	return bs
}

// takenNames returns a blocker for each package-level name the rewrite
// would declare that the package already uses.
func (f *finder) takenNames(m *Machine, names ...string) []Blocker {
	var bs []Blocker
	for _, name := range names {
		if f.pass.Pkg.Scope().Lookup(name) != nil {
			bs = append(bs, f.pointerBlocker(m.Type.Pos(), "the name "+name+" the rewrite needs is taken"))
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

// stateUseBlockers returns a blocker for each use of the state type or a
// state constant other than what the rewrite replaces: the field's type,
// the constants' declarations, transitions and the consumer's cases.
func (f *finder) stateUseBlockers(m *Machine, c *candidate) []Blocker {
	var bs []Blocker
	d := m.decls
	replaced := []ast.Node{d.field.Type}
	for _, decl := range d.constDecls {
		replaced = append(replaced, decl)
	}
	for _, file := range f.pass.Files { // methods of the type are blockers already
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil {
				replaced = append(replaced, fd.Recv)
			}
		}
	}
	skip := func(pos token.Pos) bool {
		return c.covered[pos] || slices.ContainsFunc(replaced, func(n ast.Node) bool { return encloses(n, pos) })
	}
	for id, obj := range f.pass.TypesInfo.Uses { // the order is the blockers' sort's to fix
		if skip(id.Pos()) {
			continue
		}
		switch {
		case obj == m.Type:
			bs = append(bs, f.pointerBlocker(id.Pos(), "the state type is used outside the state field and constants"))
		case isState(m.States, obj):
			bs = append(bs, f.pointerBlocker(id.Pos(), "the state constant "+obj.Name()+" is used as a value"))
		}
	}
	for _, decl := range d.constDecls {
		for _, spec := range decl.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if obj := f.pass.TypesInfo.Defs[name]; !isState(m.States, obj) {
					bs = append(bs, f.pointerBlocker(name.Pos(), "the state constants share a const block with "+name.Name))
				}
			}
		}
	}
	return bs
}

// sortBlockers orders blockers by file and offset, then reason, and keeps
// one of each reason on a line (m.s == o.s uses the field twice): the
// order of the maps they were found in must not reach the message.
func (f *finder) sortBlockers(bs []Blocker) []Blocker {
	slices.SortFunc(bs, func(a, b Blocker) int {
		pa, pb := f.pass.Fset.Position(a.Pos), f.pass.Fset.Position(b.Pos)
		return cmp.Or(strings.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset), strings.Compare(a.Reason, b.Reason))
	})
	return slices.CompactFunc(bs, func(a, b Blocker) bool { return a.Where == b.Where && a.Reason == b.Reason })
}

// maxTable is the most states a table may hold: the table form indexes
// an array by the state's value, from zero to its largest constant.
const maxTable = 256

// tableBlockers returns what keeps the state from indexing a table of
// state functions: values that are not small non-negative integers.
func (f *finder) tableBlockers(m *Machine) []Blocker {
	var bs []Blocker
	if m.Type.Type().Underlying().(*types.Basic).Info()&types.IsString != 0 {
		return append(bs, f.tableBlocker(m.Type.Pos(), "the states are strings, which cannot index a table"))
	}
	for _, k := range m.States {
		if v, exact := constant.Int64Val(k.Val()); !exact || v < 0 || v >= maxTable {
			bs = append(bs, f.tableBlocker(k.Pos(), fmt.Sprintf("the state %s is %s, not an index of a table of at most %d states", k.Name(), k.Val(), maxTable)))
		}
	}
	return bs
}
