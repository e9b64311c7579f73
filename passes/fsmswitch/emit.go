package fsmswitch

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// This file holds what every rewrite form needs to write code: the source
// text of nodes, the consumer's signature as a state function declares
// it, names the consumer does not use yet, and formatting.

// emitter writes code for one machine's rewrite.
type emitter struct {
	pass *analysis.Pass
	m    *Machine
	src  []byte    // the consumer's file
	sig  signature // as code in the consumer's file names its types
}

// signature is the consumer method's, as state functions declare it.
type signature struct {
	tparams string // "[T any]" for a generic struct, else ""
	recv    string // "r *frameReader"
	recvArg string // "r"
	params  []string
	args    []string // to pass the params on
	results []string // result types
	named   []string // result names ("" or "_" for unnamed)
	zeros   []string // zero value of each result
}

func newEmitter(pass *analysis.Pass, m *Machine) (*emitter, error) {
	tf := pass.Fset.File(m.Consumer.Stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", tf.Name(), err)
	}
	e := &emitter{pass: pass, m: m, src: src}
	e.sig, _ = signatureIn(pass.Pkg, m, m.decls.consumer)
	return e, nil
}

func (e *emitter) text(n ast.Node) string { return e.textRange(n.Pos(), n.End()) }

func (e *emitter) textRange(pos, end token.Pos) string {
	tf := e.pass.Fset.File(pos)
	return string(e.src[tf.Offset(pos):tf.Offset(end)])
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
	s := signature{recvArg: m.Consumer.Recv.Name()}
	s.recv = s.recvArg + " " + str(m.Consumer.Recv.Type())
	if tps := m.Struct.Type().(*types.Named).TypeParams(); tps.Len() > 0 {
		var list []string
		for tp := range tps.TypeParams() {
			list = append(list, tp.Obj().Name()+" "+str(tp.Constraint()))
		}
		s.tparams = "[" + strings.Join(list, ", ") + "]"
	}
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
		s.args = append(s.args, arg)
	}
	for v := range fn.Results().Variables() {
		typ := str(v.Type())
		s.results = append(s.results, typ)
		s.named = append(s.named, v.Name())
		s.zeros = append(s.zeros, zeroValue(v.Type(), typ))
	}
	return s, need
}

// threaded returns the named results a state function receives and
// returns, so a case that sets them and returns bare keeps their values.
func (e *emitter) threaded() (params, args []string) {
	for i, n := range e.sig.named {
		if n != "" && n != "_" {
			params = append(params, n+" "+e.sig.results[i])
			args = append(args, n)
		}
	}
	return params, args
}

// callArgs are the arguments a dispatch passes a state function.
func (e *emitter) callArgs() string {
	_, targs := e.threaded()
	args := append([]string{e.sig.recvArg}, e.sig.args...)
	return strings.Join(append(args, targs...), ", ")
}

// currentResults are the values of the results at a bare return: the
// threaded named results, or zero values.
func (e *emitter) currentResults() []string {
	vals := make([]string, len(e.sig.results))
	for i, n := range e.sig.named {
		if n != "" && n != "_" {
			vals[i] = n
		} else {
			vals[i] = e.sig.zeros[i]
		}
	}
	return vals
}

// resultVars are the named results as assignment targets ("_" for blanks).
func (e *emitter) resultVars() []string {
	vars := make([]string, len(e.sig.named))
	for i, n := range e.sig.named {
		vars[i] = n
		if n == "" {
			vars[i] = "_"
		}
	}
	return vars
}

// freshName returns base, or base with a digit, unused in the consumer
// and at package level.
func (e *emitter) freshName(base string) string {
	used := make(map[string]bool)
	ast.Inspect(e.m.Consumer.Decl, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	name := base
	for i := 2; used[name] || e.pass.Pkg.Scope().Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// typeParamList returns "[T, U]" for a generic struct, else "".
func (e *emitter) typeParamList() string {
	names := typeParams(e.m.decls.structSpec)
	if len(names) == 0 {
		return ""
	}
	return "[" + strings.Join(names, ", ") + "]"
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
		if _, isParam := t.(*types.TypeParam); !isParam {
			return "nil"
		}
	case *types.Struct, *types.Array:
		return text + "{}"
	}
	return "*new(" + text + ")"
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
