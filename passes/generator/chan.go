package generator

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/typesx"
	"github.com/fsmvet/fsmvet/profile"
)

// This file finds channel generators: a function that makes a channel,
// starts one goroutine that sends on it, and returns it; and decides
// whether every caller only ranges over it.

// A chanGen is a channel generator as written.
type chanGen struct {
	decl     *ast.FuncDecl
	cur      inspector.Cursor // at decl
	fn       *types.Func
	ch       *types.Var
	result   *ast.ChanType // the result type as written
	makeStmt *ast.AssignStmt
	buffer   ast.Expr // make's size, when it may not be zero
	goStmt   *ast.GoStmt
	lit      *ast.FuncLit // the goroutine's function
	ret      *ast.ReturnStmt

	sends    []*ast.SendStmt
	closer   ast.Stmt   // the statement closing the channel
	loops    []consumer // every caller's loop, in source order
	blockers []Blocker  // in source order
}

// A consumer is a loop ranging over a call of the generator.
type consumer struct {
	loop *ast.RangeStmt
	cur  inspector.Cursor
	exit Exit // How is empty when the loop only ends with the channel
}

// channelGenerator returns the finding for decl if it is a channel
// generator, or nil.
func (f *finder) channelGenerator(cur inspector.Cursor, decl *ast.FuncDecl) (*Finding, error) {
	g := f.matchChanGen(cur, decl)
	if g == nil {
		return nil, nil
	}
	f.checkSignature(g)
	f.checkProducer(g)
	f.checkCalls(g)
	f.checkConsumers(g)
	sortBlockers(g.blockers)
	return f.chanFinding(g)
}

// matchChanGen matches the shape
//
//	func f(...) <-chan T {
//		...
//		ch := make(chan T)
//		...
//		go func() { ... }()
//		return ch
//	}
//
// in which the goroutine is the only other user of ch.
func (f *finder) matchChanGen(cur inspector.Cursor, decl *ast.FuncDecl) *chanGen {
	info := f.pass.TypesInfo
	res := decl.Type.Results
	if decl.Body == nil || res == nil || len(res.List) != 1 || len(res.List[0].Names) > 0 {
		return nil
	}
	ct, ok := res.List[0].Type.(*ast.ChanType)
	if !ok || ct.Dir == ast.SEND {
		return nil
	}
	list := decl.Body.List
	if len(list) < 3 {
		return nil
	}
	ret, ok := list[len(list)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	id, ok := ret.Results[0].(*ast.Ident)
	if !ok {
		return nil
	}
	ch, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	goStmt, ok := list[len(list)-2].(*ast.GoStmt)
	if !ok {
		return nil
	}
	lit, ok := goStmt.Call.Fun.(*ast.FuncLit)
	if !ok {
		return nil
	}
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil
	}
	g := &chanGen{decl: decl, cur: cur, fn: fn, ch: ch, result: ct, goStmt: goStmt, lit: lit, ret: ret}
	for _, s := range list[:len(list)-2] {
		if as, size, ok := f.makesChan(s, ch); ok {
			g.makeStmt, g.buffer = as, size
		}
	}
	if g.makeStmt == nil {
		return nil
	}
	only := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == ch && id != ret.Results[0] && !within(id, lit) {
			only = false
		}
		return only
	})
	if !only || !feeds(info, lit, ch) {
		return nil // the function itself uses the channel, or the goroutine only closes it (a done signal): not a generator
	}
	return g
}

// feeds reports whether lit does more with ch than close it: sends on
// it, or hands it to what sends.
func feeds(info *types.Info, lit *ast.FuncLit, ch *types.Var) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isBuiltin(info, n, "close") {
				return false
			}
		case *ast.Ident:
			found = found || info.Uses[n] == ch
		}
		return !found
	})
	return found
}

// makesChan reports whether s is ch := make(chan T[, size]), and returns
// the size when it may not be zero.
func (f *finder) makesChan(s ast.Stmt, ch *types.Var) (*ast.AssignStmt, ast.Expr, bool) {
	info := f.pass.TypesInfo
	as, ok := s.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, nil, false
	}
	if id, ok := as.Lhs[0].(*ast.Ident); !ok || info.Defs[id] != ch {
		return nil, nil, false
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	if !ok || !isBuiltin(info, call, "make") {
		return nil, nil, false
	}
	if len(call.Args) < 2 {
		return as, nil, true
	}
	if tv := info.Types[call.Args[1]]; tv.Value != nil && constant.Sign(tv.Value) == 0 {
		return as, nil, true
	}
	return as, call.Args[1], true
}

// isBuiltin reports whether call calls the universe's builtin of that
// name (not a function the package declares under it).
func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup(name)
}

// within reports whether n lies inside outer.
func within(n, outer ast.Node) bool { return outer.Pos() <= n.Pos() && n.End() <= outer.End() }

// checkSignature blocks the rewrite where changing the result type would
// break code the analysis cannot see or change.
func (f *finder) checkSignature(g *chanGen) {
	name := g.decl.Name
	if g.fn.Exported() && (f.pass.Pkg.Name() != "main" || isMethod(g.fn)) {
		g.blockers = append(g.blockers, f.blocker(name.Pos(),
			"%s is exported, and callers in other packages would break if its result changed (add an iterator function beside it for them to move to)", typesx.MethodName(g.fn)))
	}
	if isMethod(g.fn) {
		if it := f.interfaceWith(g.fn.Name()); it != nil {
			g.blockers = append(g.blockers, f.blocker(it.Pos(),
				"an interface has a method named %s, which %s may implement", g.fn.Name(), typesx.MethodName(g.fn)))
		}
	}
	if !f.rangeOverFunc(g.decl.Pos()) {
		g.blockers = append(g.blockers, f.blocker(name.Pos(), "the file's Go version is below 1.23, which ranging over a function needs"))
	}
	ast.Inspect(g.decl.Body, func(n ast.Node) bool {
		if ret, ok := n.(*ast.ReturnStmt); ok && ret != g.ret && len(ret.Results) == 1 {
			g.blockers = append(g.blockers, f.blocker(ret.Pos(),
				"%s also returns %s, which is no channel its loops would range over the same way as an iterator (a nil channel blocks them forever)", g.fn.Name(), types.ExprString(ret.Results[0])))
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	if len(g.goStmt.Call.Args) > 0 || g.lit.Type.Params.NumFields() > 0 {
		g.blockers = append(g.blockers, f.blocker(g.goStmt.Pos(), "the goroutine's function takes arguments"))
	}
	if _, _, ok := f.iterName(g); !ok {
		g.blockers = append(g.blockers, f.blocker(name.Pos(), "the name iter means something else here, or package iter is dot-imported"))
	}
}

func isMethod(fn *types.Func) bool { return fn.Signature().Recv() != nil }

// interfaceWith returns the first interface type written in the package
// that has a method of that name, or nil.
func (f *finder) interfaceWith(name string) *ast.InterfaceType {
	for c := range f.in.Root().Preorder((*ast.InterfaceType)(nil)) {
		it := c.Node().(*ast.InterfaceType)
		t, ok := f.pass.TypesInfo.TypeOf(it).(*types.Interface)
		if !ok {
			continue
		}
		for m := range t.Methods() {
			if m.Name() == name {
				return it
			}
		}
	}
	return nil
}

// iterName returns the name under which the generator's file can name
// package iter, and whether the fix must import it; ok is false when the
// name means something else there (a parameter, a package-level name,
// another import) or iter is dot-imported.
func (f *finder) iterName(g *chanGen) (name string, add, ok bool) {
	file := f.fileOf(g.decl.Pos())
	name, imported := edit.ImportName(file, "iter", "iter")
	if !imported {
		name, add = "iter", true
		if f.pass.Pkg.Scope().Lookup(name) != nil {
			return "", false, false
		}
		for _, imp := range file.Imports {
			if pn := f.pass.TypesInfo.PkgNameOf(imp); pn != nil && pn.Name() == name {
				return "", false, false
			}
		}
	}
	if scope := f.pass.TypesInfo.Scopes[g.decl.Type]; name == "" || scope != nil && scope.Lookup(name) != nil {
		return "", false, false
	}
	return name, add, true
}

// checkConsumers finds every use of the generator: each must be a call
// that a range statement ranges over.
func (f *finder) checkConsumers(g *chanGen) {
	for _, c := range f.usesOf(g.fn) {
		call, ok := calledAt(c)
		if !ok {
			g.blockers = append(g.blockers, f.blocker(c.Node().Pos(), "%s is used as a value, not only called", g.fn.Name()))
			continue
		}
		if call.ParentEdgeKind() != edge.RangeStmt_X {
			g.blockers = append(g.blockers, f.blocker(call.Node().Pos(), "a caller uses the channel other than by ranging over the call"))
			continue
		}
		loopCur := call.Parent()
		loop := loopCur.Node().(*ast.RangeStmt)
		g.loops = append(g.loops, consumer{loop: loop, cur: loopCur,
			exit: Exit{Pos: loop.Pos(), Where: f.where(loop.Pos()), How: f.exits(loopCur, loop)}})
	}
}

// calledAt returns the call whose function is the identifier at c
// (f(x), t.f(x), f[int](x)), if it is one.
func calledAt(c inspector.Cursor) (inspector.Cursor, bool) {
	if c.ParentEdgeKind() == edge.SelectorExpr_Sel {
		c = c.Parent()
	}
	if k := c.ParentEdgeKind(); k == edge.IndexExpr_X || k == edge.IndexListExpr_X {
		c = c.Parent()
	}
	if c.ParentEdgeKind() != edge.CallExpr_Fun {
		return c, false
	}
	return c.Parent(), true
}

// calls reports whether call calls the generator itself (a recursive
// generator ranges over its own calls).
func (g *chanGen) calls(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Origin() == g.fn
}

// chanFinding builds the finding, its message and, with no blocker, its
// fix.
func (f *finder) chanFinding(g *chanGen) (*Finding, error) {
	fd := &Finding{Kind: ChannelGenerator, Pos: g.decl.Name.Pos(), End: g.decl.Name.End(),
		Name: typesx.MethodName(g.fn), Func: profile.SymbolName(g.fn), Blockers: g.blockers}
	for _, c := range f.described(g) {
		if len(c.exit.How) > 0 {
			fd.Exits = append(fd.Exits, c.exit)
		}
	}
	fd.Sites = f.chanSites(g)
	var msg strings.Builder
	channel := "the channel"
	if g.buffer != nil {
		channel = "the buffered channel"
	}
	fmt.Fprintf(&msg, "channel generator %s: its goroutine sends each value over %s it returns, a goroutine switch per value", fd.Name, channel)
	d := analysis.Diagnostic{Pos: fd.Pos, End: fd.End, Category: "channel-generator", Related: f.chanRelated(g)}
	if len(g.blockers) > 0 {
		fmt.Fprintf(&msg, "; no fix: %s", blockersText(g.blockers))
		if slices.ContainsFunc(g.blockers, func(b Blocker) bool { return b.concurrent }) {
			msg.WriteString(" (the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency)")
		}
	} else if fix, seq, err := f.chanFix(g); errors.Is(err, errNoReadFile) {
		fmt.Fprintf(&msg, ", and every caller only ranges over it; %v", err)
	} else {
		if err != nil {
			return nil, fmt.Errorf("rewriting %s: %w", fd.Name, err)
		}
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		fmt.Fprintf(&msg, ", and every caller only ranges over it; fix: return an %s that yields each value, with no goroutine and no channel", seq)
		if g.buffer != nil {
			msg.WriteString(" (the buffer lets the goroutine run ahead of the loop, which the iterator does not: benchmark it)")
		}
	}
	if len(fd.Exits) > 0 {
		msg.WriteString("; " + exitsText(fd.Exits))
	}
	msg.WriteString(" (fsmvet help generator)")
	d.Message = msg.String()
	fd.Diagnostic = d
	return fd, nil
}

// exitsText says which loops leave early, and what that costs today.
func exitsText(exits []Exit) string {
	var parts []string
	for _, e := range exits {
		parts = append(parts, fmt.Sprintf("%s (%s)", e.Where, strings.Join(e.How, ", ")))
	}
	loops := "the loop at "
	if len(exits) > 1 {
		loops = "the loops at "
	}
	return loops + strings.Join(parts, ", ") + " can leave before the channel is closed, which leaves the goroutine blocked on its next send forever; the iterator stops instead"
}

// described returns the loops a finding describes: for a generator in a
// non-test file, those in non-test files, so that a package and its test
// variant describe it alike (a test's loop still blocks the fix when it
// uses the channel otherwise).
func (f *finder) described(g *chanGen) []consumer {
	if isTest(f.pass.Fset, g.decl.Pos()) {
		return g.loops
	}
	var out []consumer
	for _, c := range g.loops {
		if !isTest(f.pass.Fset, c.loop.Pos()) {
			out = append(out, c)
		}
	}
	return out
}

// isTest reports whether pos is in a _test.go file.
func isTest(fset *token.FileSet, pos token.Pos) bool {
	return strings.HasSuffix(fset.File(pos).Name(), "_test.go")
}

// maxRelated is how many positions besides blockers a finding points at.
const maxRelated = 5

// chanRelated points at the goroutine, the loops that leave early and
// the other loops, up to maxRelated, then at every blocker.
func (f *finder) chanRelated(g *chanGen) []analysis.RelatedInformation {
	rel := []analysis.RelatedInformation{{Pos: g.goStmt.Pos(), Message: "the goroutine that sends the values"}}
	var early, others []analysis.RelatedInformation
	for _, c := range f.described(g) {
		if len(c.exit.How) > 0 {
			early = append(early, analysis.RelatedInformation{Pos: c.loop.Pos(), Message: "this loop can leave early (" + strings.Join(c.exit.How, ", ") + ")"})
		} else {
			others = append(others, analysis.RelatedInformation{Pos: c.loop.Pos(), Message: "a loop over the channel"})
		}
	}
	rel = append(rel, early...)
	rel = append(rel, others...)
	return append(rel[:min(len(rel), maxRelated)], blockerRelated(g.blockers)...)
}

// chanSites are where a channel generator's hand-offs run: the function
// (making the channel, starting the goroutine), the goroutine, and each
// loop's line (receiving).
func (f *finder) chanSites(g *chanGen) []profile.Site {
	sites := []profile.Site{{Func: profile.SymbolName(g.fn), Offset: profile.AnyLine}}
	if lit := f.funcs.of(g.lit); lit != nil {
		sites = append(sites, profile.Site{Func: profile.SSAName(lit), Offset: profile.AnyLine})
	}
	for _, c := range g.loops {
		if s, ok := f.funcs.site(c.loop.Pos(), f.pass.Fset); ok {
			sites = append(sites, s)
		}
	}
	return sites
}
