package fsmswitch

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// This file holds what every rewrite form needs to write code: the source
// text of nodes, the consumer's signature as a state function declares
// it, names the consumer does not use yet, and formatting.

// emitter writes code for one machine's rewrite.
type emitter struct {
	pass   *analysis.Pass
	m      *Machine
	src    []byte            // the consumer's file
	srcs   map[string][]byte // every file read, by name
	sig    signature         // as code in the consumer's file names its types
	names  map[string]bool   // the names the rewrite declares at package level
	locals map[string]bool   // the locals it declares
}

// signature is the consumer method's, as state functions declare it.
type signature struct {
	recv     string // "r *frameReader"
	recvArg  string // "r"
	recvType string // "*frameReader"
	params   []string
	types    []string // the params' types
	args     []string // to pass the params on
	results  []string // result types
	named    []string // result names ("" or "_" for unnamed)
	zeros    []string // zero value of each result

	errorLast bool // the last result is an error
}

func newEmitter(pass *analysis.Pass, m *Machine) (*emitter, error) {
	e := &emitter{pass: pass, m: m, srcs: make(map[string][]byte), names: make(map[string]bool), locals: make(map[string]bool)}
	src, err := e.source(m.Consumer.Stmt.Pos())
	if err != nil {
		return nil, err
	}
	e.src = src
	e.sig, _ = signatureIn(pass.Pkg, m, m.decls.consumer)
	// Every file a transition is in, read now: text cannot fail.
	for _, t := range m.Transitions {
		if _, err := e.source(t.Pos); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// source returns the content of the file holding pos.
func (e *emitter) source(pos token.Pos) ([]byte, error) {
	name := e.pass.Fset.File(pos).Name()
	if src, ok := e.srcs[name]; ok {
		return src, nil
	}
	src, err := e.pass.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	e.srcs[name] = src
	return src, nil
}

func (e *emitter) text(n ast.Node) string { return e.textRange(n.Pos(), n.End()) }

// textRange returns the source of [pos, end), in the consumer's file or
// a file holding a transition.
func (e *emitter) textRange(pos, end token.Pos) string {
	tf := e.pass.Fset.File(pos)
	return string(e.srcs[tf.Name()][tf.Offset(pos):tf.Offset(end)])
}

// offset returns pos as an offset in the consumer's file.
func (e *emitter) offset(pos token.Pos) int { return e.pass.Fset.File(pos).Offset(pos) }

// rewriteRange returns the source of [pos, end) with the edits inside it
// made; edits outside it are left out.
func (e *emitter) rewriteRange(pos, end token.Pos, edits []analysis.TextEdit) (string, error) {
	start := e.offset(pos)
	var local []edit.Edit
	for _, te := range edits {
		if pos <= te.Pos && te.End <= end {
			local = append(local, edit.Replace(e.offset(te.Pos)-start, e.offset(te.End)-start, string(te.NewText)))
		}
	}
	out, err := edit.Apply(e.src[start:e.offset(end)], local)
	return string(out), err
}

// signatureIn returns the consumer's signature as state functions
// declare it in file, every type named as file can name it: its own
// package's types bare, others by the name file imports their package
// under. It also returns the packages file would have to import.
func signatureIn(pkg *types.Package, m *Machine, file *ast.File) (signature, []*types.Package) {
	var need []*types.Package
	qualify := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		if name, ok := edit.ImportName(file, p.Path(), p.Name()); ok {
			return name
		}
		if !slices.Contains(need, p) {
			need = append(need, p)
		}
		return p.Name()
	}
	str := func(t types.Type) string { return types.TypeString(t, qualify) }
	fn := m.Consumer.Method.Signature()
	s := signature{recvArg: m.Consumer.Recv.Name(), recvType: str(m.Consumer.Recv.Type())}
	s.recv = s.recvArg + " " + s.recvType
	params := fn.Params()
	for i, v := range slices.Collect(params.Variables()) {
		if v.Name() == "" || v.Name() == "_" {
			continue // a case cannot use it
		}
		typ, arg := str(v.Type()), v.Name()
		if fn.Variadic() && i == params.Len()-1 {
			typ, arg = "..."+str(v.Type().(*types.Slice).Elem()), arg+"..."
		}
		s.params = append(s.params, v.Name()+" "+typ)
		s.types = append(s.types, typ)
		s.args = append(s.args, arg)
	}
	for v := range fn.Results().Variables() {
		typ := str(v.Type())
		s.results = append(s.results, typ)
		s.named = append(s.named, v.Name())
		s.zeros = append(s.zeros, zeroValue(v.Type(), typ))
		s.errorLast = types.Identical(v.Type(), types.Universe.Lookup("error").Type())
	}
	return s, need
}

// freshName returns the first of the names unused in the consumer, at
// package level and by the rewrite so far, or the first with a number
// when all are used; the rewrite then declares it at package level.
func (e *emitter) freshName(names ...string) string {
	return e.pick(e.names, func(name string) bool { return e.pass.Pkg.Scope().Lookup(name) != nil }, names)
}

// localName is freshName for a local of the consumer or of a state
// function: it may shadow a package-level name, not one the consumer
// (and so a case) uses, or another local the rewrite declares.
func (e *emitter) localName(names ...string) string {
	return e.pick(e.locals, func(string) bool { return false }, names)
}

// pick returns the first of the names that neither the consumer nor
// taken uses, nor chosen holds, or the first with a number, and adds it to
// chosen.
func (e *emitter) pick(chosen map[string]bool, taken func(string) bool, names []string) string {
	used := func(name string) bool {
		found := chosen[name] || taken(name)
		ast.Inspect(e.m.Consumer.Decl, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			found = found || ok && id.Name == name
			return !found
		})
		return found
	}
	name := names[0]
	if i := slices.IndexFunc(names, func(n string) bool { return !used(n) }); i >= 0 {
		name = names[i]
	} else {
		for i := 2; used(name); i++ {
			name = fmt.Sprintf("%s%d", names[0], i)
		}
	}
	chosen[name] = true
	return name
}

// formatDecls formats declarations written for the end of a file.
func formatDecls(b []byte) ([]byte, error) {
	out, err := format.Source(b)
	if err != nil {
		return nil, fmt.Errorf("formatting the state functions: %w\n%s", err, b)
	}
	return append([]byte("\n\n"), bytes.TrimSpace(out)...), nil
}

// zeroValue returns the zero value of t as Go source, text being how the
// source writes t.
func zeroValue(t types.Type, text string) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		case u.Kind() == types.UnsafePointer:
			return "nil"
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil"
	}
	return text + "{}" // a struct or an array: type parameters block the rewrite
}

// declStart is where a declaration's text begins, its doc comment included.
func declStart(d *ast.GenDecl) token.Pos {
	if d.Doc != nil {
		return d.Doc.Pos()
	}
	return d.Pos()
}

// isLastStmt reports whether s, a statement of body, is its last.
func isLastStmt(body *ast.BlockStmt, s ast.Stmt) bool {
	return body.List[len(body.List)-1] == s
}
