package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// This file writes the fix of a channel generator: the function returns
// an iterator whose body is the goroutine's, each send a yield that
// returns when the loop has stopped, and the channel, the goroutine and
// the close go away. The consumers' loops read the same over a function;
// only a generator of pairs changes them, to range over two values.

// rewriter collects the text edits of one fix.
type rewriter struct {
	pass  *analysis.Pass
	src   map[*token.File][]byte
	edits []analysis.TextEdit
	err   error
}

// errNoReadFile is why a driver that sets no Pass.ReadFile (rules_go's
// nogo) gets the finding without its fix: the fix is built from the
// file's text, which the pass then gives no way to read.
var errNoReadFile = errors.New("this driver cannot build the fix (it sets no Pass.ReadFile): fsmvet -fix offers it")

func newRewriter(pass *analysis.Pass) *rewriter {
	return &rewriter{pass: pass, src: make(map[*token.File][]byte)}
}

// file returns the content of the file holding pos, read through the
// pass (an editor's unsaved buffer, if it has one).
func (r *rewriter) file(pos token.Pos) (*token.File, []byte) {
	tf := r.pass.Fset.File(pos)
	src, ok := r.src[tf]
	if !ok && r.pass.ReadFile == nil {
		r.err = errNoReadFile
		return tf, nil
	}
	if !ok {
		var err error
		if src, err = r.pass.ReadFile(tf.Name()); err != nil && r.err == nil {
			r.err = fmt.Errorf("reading %s: %w", tf.Name(), err)
		}
		r.src[tf] = src
	}
	return tf, src
}

// text returns the source text of n.
func (r *rewriter) text(n ast.Node) string {
	tf, src := r.file(n.Pos())
	if r.err != nil {
		return ""
	}
	return string(src[tf.Offset(n.Pos()):tf.Offset(n.End())])
}

func (r *rewriter) replace(pos, end token.Pos, text string) {
	r.edits = append(r.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// deleteLines deletes n, with the lines it stands on when nothing else
// does, so that no blank line is left where it was.
func (r *rewriter) deleteLines(pos, end token.Pos) {
	tf, src := r.file(pos)
	if r.err != nil {
		return
	}
	start, stop := tf.Offset(pos), tf.Offset(end)
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	lineEnd := bytes.IndexByte(src[stop:], '\n')
	if lineEnd >= 0 && blank(src[lineStart:start]) && blank(src[stop:stop+lineEnd]) {
		pos, end = tf.Pos(lineStart), tf.Pos(stop+lineEnd+1)
	}
	r.replace(pos, end, "")
}

func blank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// indent returns the white space that starts pos's line.
func (r *rewriter) indent(pos token.Pos) string {
	tf, src := r.file(pos)
	if r.err != nil {
		return ""
	}
	start := bytes.LastIndexByte(src[:tf.Offset(pos)], '\n') + 1
	line := src[start:tf.Offset(pos)]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// chanFix rewrites the generator to return an iterator. It returns the
// fix and the iterator type, as the message names it.
func (f *finder) chanFix(g *chanGen) (*analysis.SuggestedFix, string, error) {
	r := newRewriter(f.pass)
	iterName, addImport, _ := f.iterName(g) // checkSignature blocked the fix otherwise
	yield := freshName(f.pass, g.decl, "yield")
	var seq, yieldType string
	var args func(*ast.SendStmt) string
	if p := f.pairOf(g, r); p != nil {
		seq = fmt.Sprintf("%s.Seq2[%s, %s]", iterName, p.k, p.v)
		yieldType = fmt.Sprintf("func(%s, %s) bool", p.k, p.v)
		args = p.args
	} else {
		elem := r.text(g.result.Value)
		seq = iterName + ".Seq[" + elem + "]"
		yieldType = "func(" + elem + ") bool"
		args = func(s *ast.SendStmt) string { return r.text(s.Value) }
	}
	r.replace(g.result.Pos(), g.result.End(), seq)
	r.deleteLines(g.makeStmt.Pos(), g.makeStmt.End())
	r.replace(g.goStmt.Pos(), g.lit.Body.Lbrace, "return func("+yield+" "+yieldType+") ")
	r.replace(g.lit.End(), g.goStmt.Call.End(), "")
	r.deleteLines(g.closer.Pos(), g.closer.End())
	r.deleteLines(g.ret.Pos(), g.ret.End())
	for _, s := range g.sends {
		in := r.indent(s.Pos())
		r.replace(s.Pos(), s.End(), "if !"+yield+"("+args(s)+") {\n"+in+"\treturn\n"+in+"}")
	}
	file := f.fileOf(g.decl.Pos())
	if addImport {
		r.edits = append(r.edits, edit.Imports(file, []string{"iter"})...)
	} else if spec, _ := f.pullImport(file); spec != nil {
		// The import this fix uses is one a Pull loop's fix deletes:
		// touching it makes the two fixes overlap, so that a driver
		// applies one and asks to run again.
		r.replace(spec.Pos(), spec.End(), r.text(spec))
	}
	if r.err != nil {
		return nil, "", r.err
	}
	return &analysis.SuggestedFix{Message: "return an " + seq + " instead of a channel", TextEdits: r.edits}, seq, nil
}

// freshName returns base, or base with a digit, used by no identifier
// of decl and by nothing at package level.
func freshName(pass *analysis.Pass, decl ast.Node, base string) string {
	used := make(map[string]bool)
	ast.Inspect(decl, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	name := base
	for i := 2; used[name] || pass.Pkg.Scope().Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// A pair is a generator of two-field structs that can yield the two
// values instead: an iter.Seq2.
type pair struct {
	k, v string // the field types, as the generator's file names them
	args func(*ast.SendStmt) string
}

// pairOf returns how a generator of pairs yields two values, adding to r
// the edits of its consumers (for p := range f() becomes for k, v :=
// range f(), p.k becomes k) and the deletion of the struct type when
// nothing else uses it; nil, with no edit, when any of that cannot be
// done, and the generator yields the struct whole (an iter.Seq).
//
// It needs a struct of two named, non-embedded fields; every send a
// composite literal of it, positional or keyed in field order (so the
// values are evaluated in the same order); every consumer's range
// variable used only to select a field.
func (f *finder) pairOf(g *chanGen, r *rewriter) *pair {
	info := f.pass.TypesInfo
	elem := g.ch.Type().Underlying().(*types.Chan).Elem()
	st, ok := elem.Underlying().(*types.Struct)
	if !ok || st.NumFields() != 2 {
		return nil
	}
	fields := []*types.Var{st.Field(0), st.Field(1)}
	for _, fv := range fields {
		if fv.Embedded() || fv.Name() == "_" {
			return nil
		}
	}
	file := f.fileOf(g.decl.Pos())
	k, okK := f.typeIn(fields[0].Type(), file)
	v, okV := f.typeIn(fields[1].Type(), file)
	if !okK || !okV {
		return nil
	}
	values := make(map[*ast.SendStmt][2]ast.Expr)
	for _, s := range g.sends {
		vs, ok := fieldValues(info, s.Value, fields)
		if !ok {
			return nil
		}
		values[s] = vs
	}
	var edits []analysis.TextEdit
	for _, c := range g.loops {
		es, ok := f.pairConsumer(c, fields, r)
		if !ok {
			return nil
		}
		edits = append(edits, es...)
	}
	r.edits = append(r.edits, edits...)
	f.deletePairType(g, elem, r)
	return &pair{k: k, v: v, args: func(s *ast.SendStmt) string {
		return r.text(values[s][0]) + ", " + r.text(values[s][1])
	}}
}

// typeIn returns t as code in file names it, if file can name it without
// a new import.
func (f *finder) typeIn(t types.Type, file *ast.File) (string, bool) {
	ok := true
	s := types.TypeString(t, func(p *types.Package) string {
		if p == f.pass.Pkg {
			return ""
		}
		name, imported := edit.ImportName(file, p.Path(), p.Name())
		ok = ok && imported
		return name
	})
	return s, ok
}

// fieldValues returns the two values a composite literal of the pair
// sets, in field order, if it sets both in that order.
func fieldValues(info *types.Info, e ast.Expr, fields []*types.Var) ([2]ast.Expr, bool) {
	var vs [2]ast.Expr
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || len(lit.Elts) != 2 {
		return vs, false
	}
	for i, el := range lit.Elts {
		kv, keyed := el.(*ast.KeyValueExpr)
		if !keyed {
			vs[i] = el
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); !ok || info.Uses[key] != fields[i] {
			return vs, false
		}
		vs[i] = kv.Value
	}
	return vs, true
}

// pairConsumer returns the edits that make a consumer loop range over
// the two values: its variable becomes two, each field selection the
// variable for that field, named after the field when the body uses no
// such name. A loop with no variable, or _, needs none.
func (f *finder) pairConsumer(c consumer, fields []*types.Var, r *rewriter) ([]analysis.TextEdit, bool) {
	info := f.pass.TypesInfo
	loop := c.loop
	if loop.Key == nil {
		return nil, true
	}
	key, ok := loop.Key.(*ast.Ident)
	if !ok || loop.Value != nil {
		return nil, false
	}
	if key.Name == "_" {
		return nil, true
	}
	obj := info.Defs[key]
	if loop.Tok != token.DEFINE || obj == nil {
		return nil, false
	}
	var names [2]string
	for i, fv := range fields {
		for _, cand := range []string{fv.Name(), key.Name + upperFirst(fv.Name())} {
			if cand != names[0] && f.unusedIn(c, cand) {
				names[i] = cand
				break
			}
		}
		if names[i] == "" {
			return nil, false
		}
	}
	edits := []analysis.TextEdit{{Pos: key.Pos(), End: key.End(), NewText: []byte(names[0] + ", " + names[1])}}
	for _, u := range f.usesOf(obj) {
		if u.ParentEdgeKind() != edge.SelectorExpr_X {
			return nil, false
		}
		sel := u.Parent().Node().(*ast.SelectorExpr)
		s := info.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
			return nil, false
		}
		edits = append(edits, analysis.TextEdit{Pos: sel.Pos(), End: sel.End(), NewText: []byte(names[s.Index()[0]])})
	}
	return edits, true
}

// unusedIn reports whether no identifier in the loop's body is named
// name, but for field and method names after a dot and struct literal
// keys, which no scope resolves.
func (f *finder) unusedIn(c consumer, name string) bool {
	body, ok := c.cur.FindNode(c.loop.Body)
	if !ok {
		return false
	}
	for id := range body.Preorder((*ast.Ident)(nil)) {
		if id.Node().(*ast.Ident).Name != name {
			continue
		}
		if k := id.ParentEdgeKind(); k == edge.SelectorExpr_Sel || k == edge.KeyValueExpr_Key && isStructKey(f.pass.TypesInfo, id.Node().(*ast.Ident)) {
			continue
		}
		return false
	}
	return true
}

// isStructKey reports whether id is the key of a struct literal's
// element: a field name.
func isStructKey(info *types.Info, id *ast.Ident) bool {
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.IsField()
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// deletePairType deletes the declaration of the pair's struct type when
// the generator was its one user (its result, make and sends; a method
// is a user too) and it stands alone in its declaration.
func (f *finder) deletePairType(g *chanGen, elem types.Type, r *rewriter) {
	named, ok := types.Unalias(elem).(*types.Named)
	if !ok || named.Obj().Pkg() != f.pass.Pkg || named.TypeParams().Len() > 0 {
		return
	}
	tn := named.Obj()
	for _, u := range f.usesOf(tn) {
		if !g.rewrites(u.Node()) {
			return
		}
	}
	for c := range f.in.Root().Preorder((*ast.GenDecl)(nil)) {
		gd := c.Node().(*ast.GenDecl)
		if gd.Tok != token.TYPE || len(gd.Specs) != 1 || gd.Lparen.IsValid() || f.pass.TypesInfo.Defs[gd.Specs[0].(*ast.TypeSpec).Name] != tn {
			continue
		}
		start := gd.Pos()
		if gd.Doc != nil {
			start = gd.Doc.Pos()
		}
		r.deleteLines(start, gd.End())
	}
}

// rewrites reports whether the fix replaces the text holding n: the
// result type, the make, a sent composite literal's type.
func (g *chanGen) rewrites(n ast.Node) bool {
	if within(n, g.result) || within(n, g.makeStmt) {
		return true
	}
	for _, s := range g.sends {
		if lit, ok := ast.Unparen(s.Value).(*ast.CompositeLit); ok && lit.Type != nil && within(n, lit.Type) {
			return true
		}
	}
	return false
}
