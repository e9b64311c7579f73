package generator

import (
	"errors"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/profile"
)

// This file finds iter.Pull loops: a sequence pulled through a coroutine
// by one loop that calls next until it is done, which ranging over the
// sequence does without a coroutine switch per value.

// A pull is an iter.Pull loop as written.
type pull struct {
	assign     *ast.AssignStmt // next, stop := iter.Pull(seq)
	seq        ast.Expr
	next, stop *types.Var
	loop       *ast.ForStmt
	label      *types.Label // the loop's, or nil
	vars       []*ast.Ident // the values next returns, without ok
	head       token.Pos    // the loop's header ends here: replaced by the range clause
	call       *ast.CallExpr
	stops      []ast.Stmt // defer stop() or stop() statements, deleted
}

// pullLoop returns the finding for as if it is next, stop :=
// iter.Pull(seq) (or Pull2) drained by one loop, or nil.
func (f *finder) pullLoop(cur inspector.Cursor, as *ast.AssignStmt) (*Finding, error) {
	p := f.matchPull(cur, as)
	if p == nil {
		return nil, nil
	}
	r := newRewriter(f.pass)
	if spec, pulls := f.pullImport(f.fileOf(as.Pos())); spec != nil {
		// The file imports iter only for its Pull loops: their fixes
		// are offered one at a time, the last deleting the import, so
		// that each fix alone and all those offered together compile.
		if pulls[0] != as {
			return nil, nil
		}
		if len(pulls) == 1 {
			f.deleteImport(r, spec)
		}
	}
	seq := r.text(p.seq)
	vars := varList(p.vars)
	r.deleteLines(as.Pos(), as.End())
	for _, s := range p.stops {
		r.deleteLines(s.Pos(), s.End())
	}
	rangeOver := func(seq string) string {
		if vars == "" {
			return "for range " + seq
		}
		return "for " + vars + " := range " + seq
	}
	clause := rangeOver(seq)
	if p.head != p.loop.Body.Lbrace {
		r.replace(p.loop.For, p.head, clause+" {") // the first statements of the body go too
	} else {
		r.replace(p.loop.For, p.head, clause+" ")
	}
	if r.err != nil && !errors.Is(r.err, errNoReadFile) {
		return nil, r.err
	}
	pos := as.Rhs[0]
	fd := &Finding{Kind: PullLoop, Pos: pos.Pos(), End: pos.End(), Name: "iter.Pull(" + shortText(p.seq) + ")"}
	if s, ok := f.funcs.site(p.call.Pos(), f.pass.Fset); ok {
		fd.Func, fd.Sites = s.Func, []profile.Site{s}
	}
	msg := "iter.Pull loop: only this loop calls next, until the sequence ends, so each value costs a switch to the sequence's coroutine and back, which ranging over the sequence avoids; fix: range over it, " +
		rangeOver(shortText(p.seq))
	var fixes []analysis.SuggestedFix
	if r.err != nil { // errNoReadFile: the finding, without its fix
		msg += "; " + r.err.Error()
	} else {
		fixes = []analysis.SuggestedFix{{Message: "range over " + seq + " instead of pulling it", TextEdits: r.edits}}
	}
	fd.Diagnostic = analysis.Diagnostic{
		Pos: fd.Pos, End: fd.End, Category: "pull-loop",
		Message:        msg + " (fsmvet help generator)",
		Related:        []analysis.RelatedInformation{{Pos: p.loop.Pos(), Message: "the loop that drains it"}},
		SuggestedFixes: fixes,
	}
	return fd, nil
}

// shortText writes an expression for a one-line message: as written
// when short, else (a function literal, a long expression) "the
// sequence".
func shortText(e ast.Expr) string {
	lit := false
	ast.Inspect(e, func(n ast.Node) bool {
		_, isLit := n.(*ast.FuncLit)
		lit = lit || isLit
		return !lit
	})
	if s := types.ExprString(e); len(s) <= 40 && !lit {
		return s
	}
	return "the sequence"
}

// varList writes the range variables: the values next returns that are
// not blank, keeping a blank key before a value.
func varList(vars []*ast.Ident) string {
	names := make([]string, len(vars))
	for i, v := range vars {
		names[i] = v.Name
	}
	for len(names) > 0 && names[len(names)-1] == "_" {
		names = names[:len(names)-1]
	}
	return strings.Join(names, ", ")
}

// matchPull matches
//
//	next, stop := iter.Pull(seq)
//	defer stop()
//	for {
//		v, ok := next()
//		if !ok {
//			break
//		}
//		...
//	}
//
// or the loop for v, ok := next(); ok; v, ok = next() { ... }, where
// next is called nowhere else, stop only by the defer (or by a stop()
// right after the loop and before each return in it), and the
// statements between the pull and the loop neither call anything nor
// touch what seq names, so that evaluating seq at the loop instead
// changes nothing.
func (f *finder) matchPull(cur inspector.Cursor, as *ast.AssignStmt) *pull {
	info := f.pass.TypesInfo
	if as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !isPull(typeutil.Callee(info, call)) {
		return nil
	}
	p := &pull{assign: as, seq: call.Args[0]}
	p.next, _ = defined(info, as.Lhs[0])
	p.stop, _ = defined(info, as.Lhs[1])
	if p.next == nil || p.stop == nil {
		return nil
	}
	list, i := stmtList(cur)
	if list == nil {
		return nil
	}
	var deferred bool
	rest := list[i+1:]
	for j, s := range rest {
		if isCallOf(info, s, p.stop, true) {
			p.stops = append(p.stops, s)
			deferred = true
			continue
		}
		if loop, ok := unlabel(s).(*ast.ForStmt); ok {
			p.loop = loop
			if ls, ok := s.(*ast.LabeledStmt); ok {
				p.label, _ = info.Defs[ls.Label].(*types.Label)
			}
			if !deferred {
				if j+1 == len(rest) || !isCallOf(info, rest[j+1], p.stop, false) {
					return nil
				}
				p.stops = append(p.stops, rest[j+1])
				if !f.stopsBeforeReturns(loop, p) {
					return nil
				}
			}
			break
		}
		if !f.inert(s, p) {
			return nil
		}
	}
	if p.loop == nil || !f.drains(p) {
		return nil
	}
	if len(f.usesOf(p.stop)) != len(p.stops) {
		return nil // stop is called, or kept, somewhere else
	}
	return p
}

// isPull reports whether obj is iter.Pull or iter.Pull2.
func isPull(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "iter" {
		return false
	}
	scope := fn.Pkg().Scope()
	return fn.Origin() == scope.Lookup("Pull") || fn.Origin() == scope.Lookup("Pull2")
}

// defined returns the variable an identifier declares, if it is one (not
// the blank identifier).
func defined(info *types.Info, e ast.Expr) (*types.Var, bool) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := info.Defs[id].(*types.Var)
	return v, ok
}

// stmtList returns the statement list holding the statement at c, and
// its index there.
func stmtList(c inspector.Cursor) ([]ast.Stmt, int) {
	var list []ast.Stmt
	switch parent := c.Parent().Node().(type) {
	case *ast.BlockStmt:
		list = parent.List
	case *ast.CaseClause:
		list = parent.Body
	case *ast.CommClause:
		list = parent.Body
	default:
		return nil, 0
	}
	_, i := c.ParentEdge()
	return list, i
}

// unlabel returns the statement a label labels, or s.
func unlabel(s ast.Stmt) ast.Stmt {
	if ls, ok := s.(*ast.LabeledStmt); ok {
		return ls.Stmt
	}
	return s
}

// isCallOf reports whether s is fn() (deferred, if deferred is set).
func isCallOf(info *types.Info, s ast.Stmt, fn *types.Var, deferred bool) bool {
	var call *ast.CallExpr
	switch s := s.(type) {
	case *ast.DeferStmt:
		if deferred {
			call = s.Call
		}
	case *ast.ExprStmt:
		if !deferred {
			call, _ = s.X.(*ast.CallExpr)
		}
	}
	if call == nil || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && info.Uses[id] == fn
}

// inert reports whether a statement between the pull and the loop can
// run before seq is evaluated instead of after: it calls nothing but
// builtins and conversions, uses no channel, and names nothing seq does,
// nor next or stop.
func (f *finder) inert(s ast.Stmt, p *pull) bool {
	info := f.pass.TypesInfo
	named := make(map[types.Object]bool)
	ast.Inspect(p.seq, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] != nil {
			named[info.Uses[id]] = true
		}
		return true
	})
	named[p.next], named[p.stop] = true, true
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv := info.Types[n.Fun]; !tv.IsType() && !tv.IsBuiltin() {
				ok = false
			}
		case *ast.SendStmt, *ast.GoStmt, *ast.DeferStmt, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.Ident:
			ok = ok && !named[info.Uses[n]] && !named[info.Defs[n]]
		}
		return ok
	})
	return ok
}

// drains matches the loop's two shapes, setting the range variables,
// where the header ends, and next's call.
func (f *finder) drains(p *pull) bool {
	info := f.pass.TypesInfo
	loop := p.loop
	switch {
	case loop.Init == nil && loop.Cond == nil && loop.Post == nil:
		// for { v, ok := next(); if !ok { break }; ... }
		body := loop.Body.List
		if len(body) <= 2 {
			// Nothing after the break: it only drains the sequence, and
			// pulling is the point (a test of coroutines). Its values are
			// blank, or it would not compile.
			return false
		}
		init, ok := body[0].(*ast.AssignStmt)
		if !ok || init.Tok != token.DEFINE {
			return false
		}
		okVar, vars, call := f.nextCall(init, p)
		if okVar == nil || !breaksUnless(info, body[1], okVar) || len(f.usesOf(okVar)) != 1 || len(f.usesOf(p.next)) != 1 {
			return false
		}
		p.vars, p.call, p.head = vars, call, body[1].End()
		return true
	case loop.Init != nil && loop.Cond != nil && loop.Post != nil:
		// for v, ok := next(); ok; v, ok = next() { ... }
		init, ok1 := loop.Init.(*ast.AssignStmt)
		post, ok2 := loop.Post.(*ast.AssignStmt)
		if !ok1 || !ok2 || init.Tok != token.DEFINE || post.Tok != token.ASSIGN {
			return false
		}
		okVar, vars, call := f.nextCall(init, p)
		if okVar == nil || !sameVars(info, init, post) || !isVarRef(info, loop.Cond, okVar) || !f.callsNext(post, p) ||
			len(f.usesOf(okVar)) != 2 || len(f.usesOf(p.next)) != 2 {
			return false
		}
		if len(loop.Body.List) == 0 {
			return false // it only drains the sequence, as above
		}
		p.vars, p.call, p.head = vars, call, loop.Body.Lbrace
		return true
	}
	return false
}

// nextCall matches v, ok := next() (k, v, ok for Pull2), returning ok's
// variable, the value identifiers and the call.
func (f *finder) nextCall(as *ast.AssignStmt, p *pull) (*types.Var, []*ast.Ident, *ast.CallExpr) {
	if !f.callsNext(as, p) || len(as.Lhs) < 2 {
		return nil, nil, nil
	}
	var vars []*ast.Ident
	for _, e := range as.Lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			return nil, nil, nil
		}
		vars = append(vars, id)
	}
	okVar, _ := defined(f.pass.TypesInfo, as.Lhs[len(as.Lhs)-1])
	return okVar, vars[:len(vars)-1], as.Rhs[0].(*ast.CallExpr)
}

// callsNext reports whether as assigns next(), with no argument.
func (f *finder) callsNext(as *ast.AssignStmt, p *pull) bool {
	if len(as.Rhs) != 1 {
		return false
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	return ok && len(call.Args) == 0 && isVarRef(f.pass.TypesInfo, call.Fun, p.next)
}

// isVarRef reports whether e is an identifier referring to v.
func isVarRef(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := e.(*ast.Ident)
	return ok && info.Uses[id] == v
}

// sameVars reports whether post assigns, in order, the variables init
// declares (blanks where it has blanks).
func sameVars(info *types.Info, init, post *ast.AssignStmt) bool {
	if len(init.Lhs) != len(post.Lhs) {
		return false
	}
	for i, e := range init.Lhs {
		d, _ := e.(*ast.Ident)
		u, _ := post.Lhs[i].(*ast.Ident)
		if d == nil || u == nil || (d.Name == "_") != (u.Name == "_") || d.Name != "_" && info.Defs[d] != info.Uses[u] {
			return false
		}
	}
	return true
}

// breaksUnless reports whether s is if !ok { break }, the break leaving
// the loop.
func breaksUnless(info *types.Info, s ast.Stmt, ok *types.Var) bool {
	ifs, isIf := s.(*ast.IfStmt)
	if !isIf || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return false
	}
	not, isNot := ifs.Cond.(*ast.UnaryExpr)
	if !isNot || not.Op != token.NOT || !isVarRef(info, not.X, ok) {
		return false
	}
	br, isBr := ifs.Body.List[0].(*ast.BranchStmt)
	return isBr && br.Tok == token.BREAK && br.Label == nil
}

// staysIn reports whether a labelled branch in the loop goes to the
// loop's own label (continuing it, or breaking to the stop() after it)
// or to a label inside it.
func (f *finder) staysIn(br *ast.BranchStmt, loop *ast.ForStmt, p *pull) bool {
	label, ok := f.pass.TypesInfo.Uses[br.Label].(*types.Label)
	if !ok {
		return false
	}
	if label == p.label {
		return br.Tok != token.GOTO
	}
	return within(labelNode{label.Pos()}, loop.Body)
}

// stopsBeforeReturns reports, for a loop followed by stop() rather than
// deferring it, whether stop() comes right before every return in the
// loop, and no branch leaves the loop but to that stop(). Those stop()
// statements are deleted with the rest.
func (f *finder) stopsBeforeReturns(loop *ast.ForStmt, p *pull) bool {
	info := f.pass.TypesInfo
	ok := true
	visit := func(list []ast.Stmt) {
		for i, s := range list {
			if _, isRet := s.(*ast.ReturnStmt); isRet {
				if i == 0 || !isCallOf(info, list[i-1], p.stop, false) {
					ok = false
				} else {
					p.stops = append(p.stops, list[i-1])
				}
			}
		}
	}
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			visit(n.List)
		case *ast.CaseClause:
			visit(n.Body)
		case *ast.CommClause:
			visit(n.Body)
		case *ast.BranchStmt:
			if n.Label != nil && !f.staysIn(n, loop, p) {
				ok = false // may leave the loop past its stop()
			}
		}
		return ok
	})
	return ok
}

// pullImport returns the file's import of package iter when every use of
// it is in an iter.Pull call of a loop generator rewrites, with those
// pulls in source order; nil when the file uses iter otherwise, or does
// not import it by name.
func (f *finder) pullImport(file *ast.File) (*ast.ImportSpec, []*ast.AssignStmt) {
	if f.iterImports == nil {
		f.iterImports = make(map[*ast.File]iterImport)
	}
	if ii, ok := f.iterImports[file]; ok {
		return ii.spec, ii.pulls
	}
	ii := f.findPullImport(file)
	f.iterImports[file] = ii
	return ii.spec, ii.pulls
}

// An iterImport is a file's import of iter used only by Pull loops.
type iterImport struct {
	spec  *ast.ImportSpec
	pulls []*ast.AssignStmt
}

func (f *finder) findPullImport(file *ast.File) iterImport {
	info := f.pass.TypesInfo
	var spec *ast.ImportSpec
	var name *types.PkgName
	for _, imp := range file.Imports {
		if pn := info.PkgNameOf(imp); pn != nil && pn.Imported().Path() == "iter" && pn.Name() != "." && pn.Name() != "_" {
			spec, name = imp, pn
		}
	}
	if spec == nil {
		return iterImport{}
	}
	fileCur, ok := f.in.Root().FindNode(file)
	if !ok {
		return iterImport{}
	}
	var pulls []*ast.AssignStmt
	for c := range fileCur.Preorder((*ast.Ident)(nil)) {
		if info.Uses[c.Node().(*ast.Ident)] != name {
			continue
		}
		as, ok := pullOf(c)
		if !ok || f.matchPull(as, as.Node().(*ast.AssignStmt)) == nil {
			return iterImport{}
		}
		pulls = append(pulls, as.Node().(*ast.AssignStmt))
	}
	return iterImport{spec: spec, pulls: pulls}
}

// pullOf returns the statement next, stop := iter.Pull(...) whose call's
// package name is at c.
func pullOf(c inspector.Cursor) (inspector.Cursor, bool) {
	if c.ParentEdgeKind() != edge.SelectorExpr_X {
		return c, false
	}
	c = c.Parent()
	if k := c.ParentEdgeKind(); k == edge.IndexExpr_X || k == edge.IndexListExpr_X {
		c = c.Parent()
	}
	if c.ParentEdgeKind() != edge.CallExpr_Fun {
		return c, false
	}
	c = c.Parent()
	if c.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return c, false
	}
	return c.Parent(), true
}

// deleteImport deletes an import, with its declaration when it is the
// only one there.
func (f *finder) deleteImport(r *rewriter, spec *ast.ImportSpec) {
	for _, d := range f.fileOf(spec.Pos()).Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT && within(spec, gd) {
			if len(gd.Specs) == 1 {
				r.deleteLines(gd.Pos(), gd.End())
				return
			}
		}
	}
	r.deleteLines(spec.Pos(), spec.End())
}
