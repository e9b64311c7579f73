package generator

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// This file decides whether a generator's goroutine only computes and
// sends, so that running it inside the loop's goroutine, one value per
// yield, keeps what the program does; and which consumer loops leave
// early.

// checkProducer walks the goroutine: its sends, its close, and what else
// it does with channels, goroutines and defers.
func (f *finder) checkProducer(g *chanGen) {
	info := f.pass.TypesInfo
	litCur, ok := g.cur.FindNode(g.lit)
	if !ok {
		return
	}
	var closes []inspector.Cursor
	block := func(pos token.Pos, concurrent bool, format string, args ...any) {
		b := f.blocker(pos, format, args...)
		b.concurrent = concurrent
		g.blockers = append(g.blockers, b)
	}
	for c := range litCur.Preorder() {
		switch n := c.Node().(type) {
		case *ast.SelectStmt:
			block(n.Pos(), true, "the goroutine selects")
		case *ast.GoStmt:
			block(n.Pos(), true, "the goroutine starts another goroutine")
		case *ast.DeferStmt:
			if enclosingFunc(c) == g.lit && !g.isClose(info, n.Call) {
				block(n.Pos(), false, "the goroutine defers a call, which would run when the loop stops, in the loop's goroutine")
			}
		case *ast.SendStmt:
			if id, ok := n.Chan.(*ast.Ident); ok && info.Uses[id] == g.ch {
				f.checkSend(g, c, n, block)
			}
		case *ast.CallExpr:
			switch {
			case g.isClose(info, n):
				closes = append(closes, c)
			case isChan(info.TypeOf(n)) && !g.calls(info, n):
				block(n.Pos(), true, "the goroutine uses another channel, %s", types.ExprString(n))
			}
		case *ast.Ident:
			switch obj := info.Uses[n]; {
			case obj == g.ch:
				if k := c.ParentEdgeKind(); k != edge.SendStmt_Chan && !(k == edge.CallExpr_Args && g.isClose(info, c.Parent().Node().(*ast.CallExpr))) {
					block(n.Pos(), false, "the goroutine uses the channel other than by sending on it and closing it")
				}
			case isVar(obj) && isChan(obj.Type()):
				block(n.Pos(), true, "the goroutine uses another channel, %s", n.Name)
			}
		}
	}
	f.checkClose(g, closes, block)
}

func isVar(obj types.Object) bool { _, ok := obj.(*types.Var); return ok }

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// isClose reports whether call is close(ch).
func (g *chanGen) isClose(info *types.Info, call *ast.CallExpr) bool {
	if !isBuiltin(info, call, "close") || len(call.Args) != 1 {
		return false
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	return ok && info.Uses[id] == g.ch
}

// enclosingFunc returns the innermost function literal or declaration
// holding c.
func enclosingFunc(c inspector.Cursor) ast.Node {
	for e := range c.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return e.Node()
	}
	return nil
}

// checkSend keeps a send the rewrite can turn into
// "if !yield(v) { return }": a statement of the goroutine's own function,
// where a return stops it.
func (f *finder) checkSend(g *chanGen, c inspector.Cursor, send *ast.SendStmt, block func(token.Pos, bool, string, ...any)) {
	switch k := c.ParentEdgeKind(); {
	case k == edge.CommClause_Comm:
		// a select's case: the select blocks the rewrite
	case enclosingFunc(c) != g.lit:
		block(send.Pos(), false, "the goroutine sends from a function literal, which a return could not stop when the loop does")
	case k != edge.BlockStmt_List && k != edge.CaseClause_Body && k != edge.LabeledStmt_Stmt:
		block(send.Pos(), false, "the goroutine sends in the header of a for, if or switch statement (its init or post statement)")
	default:
		g.sends = append(g.sends, send)
	}
}

// checkClose keeps one close the rewrite can delete: deferred at the top
// of the goroutine, before any send, or its last statement when nothing
// returns earlier. Any other close changes when the loops end.
func (f *finder) checkClose(g *chanGen, closes []inspector.Cursor, block func(token.Pos, bool, string, ...any)) {
	switch len(closes) {
	case 0:
		block(g.goStmt.Pos(), false, "the goroutine never closes the channel, so the loops over it end only by leaving; the iterator's would end with the values")
		return
	case 1:
	default:
		block(closes[1].Node().Pos(), false, "the goroutine closes the channel twice")
		return
	}
	c := closes[0]
	body := g.lit.Body.List
	stmt := c.Parent()
	switch s := stmt.Node().(type) {
	case *ast.DeferStmt:
		if stmt.ParentEdgeKind() == edge.BlockStmt_List && stmt.Parent().Node() == g.lit.Body && (len(g.sends) == 0 || s.Pos() < g.sends[0].Pos()) {
			g.closer = s
			return
		}
	case *ast.ExprStmt:
		if body[len(body)-1] == s { // body holds the close, so it is not empty
			if ret := firstReturn(g.lit); ret != nil {
				block(ret.Pos(), false, "the goroutine returns before closing the channel, so the loops over it would wait forever; the iterator's would end")
				return
			}
			g.closer = s
			return
		}
	}
	block(c.Node().Pos(), false, "the goroutine closes the channel where the rewrite cannot remove it (not deferred first, nor last)")
}

// firstReturn returns the first return statement of lit's own function,
// or nil.
func firstReturn(lit *ast.FuncLit) *ast.ReturnStmt {
	var ret *ast.ReturnStmt
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if ret == nil {
				ret = n
			}
		}
		return ret == nil
	})
	return ret
}

// checkCalls blocks the rewrite of a generator that calls what may wait
// for something other than the loop: I/O, time, other goroutines. Its
// goroutine may exist to overlap that waiting with the loop's work, which
// running it inside the loop would end. Calls are judged by the callee's
// package and by the method sets of their operands, not by name.
func (f *finder) checkCalls(g *chanGen) {
	info := f.pass.TypesInfo
	for c := range g.cur.Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		if g.calls(info, call) {
			continue
		}
		if why := f.waits(call); why != "" {
			who := g.fn.Name()
			if within(call, g.lit) {
				who = "the goroutine"
			}
			b := f.blocker(call.Pos(), "%s %s", who, why)
			b.concurrent = true
			g.blockers = append(g.blockers, b)
		}
	}
}

// waits says how a call may wait on something outside the program's
// computation, or "".
func (f *finder) waits(call *ast.CallExpr) string {
	info := f.pass.TypesInfo
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil {
		switch path := fn.Pkg().Path(); {
		case path == "sync" || path == "sync/atomic":
			return "calls " + callName(fn) + ", which synchronises with other goroutines"
		case path == "context":
			return "calls " + callName(fn) + ", which watches for cancellation"
		case ioPackage(path):
			return "calls " + callName(fn) + ", which may wait for I/O"
		case path == "time" && fn.Name() == "Sleep" && fn.Signature().Recv() == nil:
			return "sleeps"
		case f.isRead(fn):
			return "calls " + callName(fn) + ", which reads from an io.Reader"
		}
	}
	for _, op := range operands(info, call) {
		if t := info.TypeOf(op); f.input(t) {
			return fmt.Sprintf("hands %s (%s) to a call, which may wait for input", types.ExprString(op), types.TypeString(t, qualifier(f.pass.Pkg)))
		}
	}
	return ""
}

// ioPackage reports whether the package at path does I/O with the
// operating system: os, net, syscall and the packages under them.
func ioPackage(path string) bool {
	for _, p := range []string{"os", "net", "syscall"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// callName names a function as its callers write it: os.Open,
// (*os.File).Read, io.Reader.Read.
func callName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		return "(*" + types.TypeString(p.Elem(), (*types.Package).Name) + ")." + fn.Name()
	}
	return types.TypeString(t, (*types.Package).Name) + "." + fn.Name()
}

// operands are the values a call hands its callee: the arguments and a
// method's receiver.
func operands(info *types.Info, call *ast.CallExpr) []ast.Expr {
	ops := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			ops = append([]ast.Expr{sel.X}, ops...)
		}
	}
	return ops
}

// readerIface returns io.Reader's method set, Read([]byte) (int, error),
// built once: the package may not import io, and a type implements it
// all the same.
func (f *finder) readerIface() *types.Interface {
	if f.reader == nil {
		bytes := types.NewVar(token.NoPos, nil, "p", types.NewSlice(types.Typ[types.Byte]))
		n := types.NewVar(token.NoPos, nil, "n", types.Typ[types.Int])
		err := types.NewVar(token.NoPos, nil, "err", types.Universe.Lookup("error").Type())
		sig := types.NewSignatureType(nil, nil, nil, types.NewTuple(bytes), types.NewTuple(n, err), false)
		f.reader = types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, "Read", sig)}, nil).Complete()
	}
	return f.reader
}

// isRead reports whether fn is the method by which its receiver type
// implements io.Reader.
func (f *finder) isRead(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	reader := f.readerIface()
	if !types.Implements(t, reader) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), reader.Method(0).Name())
	return obj == fn.Origin()
}

// input reports whether a value of type t may be a source of input that
// blocks: an interface that embeds io.Reader's method (an io.Reader, a
// net.Conn), or a type of an I/O package (an *os.File).
func (f *finder) input(t types.Type) bool {
	if t == nil {
		return false
	}
	if types.IsInterface(t) && types.Implements(t, f.readerIface()) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && ioPackage(named.Obj().Pkg().Path())
}

// exits says how a consumer loop can leave before the channel is closed:
// a return, a panic, a break or goto out of it, a continue of an outer
// loop. Function literals in the body are their own functions.
func (f *finder) exits(loopCur inspector.Cursor, loop *ast.RangeStmt) []string {
	var how []string
	add := func(s string) {
		if !slices.Contains(how, s) {
			how = append(how, s)
		}
	}
	body, ok := loopCur.FindNode(loop.Body)
	if !ok {
		return nil
	}
	body.Inspect(nil, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			add("return")
		case *ast.CallExpr:
			if isBuiltin(f.pass.TypesInfo, n, "panic") {
				add("panic")
			}
		case *ast.BranchStmt:
			if f.leaves(c, n, loop) {
				add(n.Tok.String())
			}
		}
		return true
	})
	return how
}

// leaves reports whether a branch statement in loop's body leaves it.
func (f *finder) leaves(c inspector.Cursor, br *ast.BranchStmt, loop *ast.RangeStmt) bool {
	if br.Label == nil {
		if br.Tok != token.BREAK {
			return false // continue: this loop or an inner one; fallthrough
		}
		for e := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.SwitchStmt)(nil), (*ast.TypeSwitchStmt)(nil), (*ast.SelectStmt)(nil)) {
			return e.Node() == loop
		}
		return false
	}
	label, ok := f.pass.TypesInfo.Uses[br.Label].(*types.Label)
	if !ok || within(labelNode{label.Pos()}, loop.Body) {
		return false // a label inside the body
	}
	if br.Tok == token.CONTINUE {
		return !labels(c, loop, label)
	}
	return true
}

// labels reports whether label labels loop.
func labels(c inspector.Cursor, loop *ast.RangeStmt, label *types.Label) bool {
	for e := range c.Enclosing((*ast.LabeledStmt)(nil)) {
		if ls := e.Node().(*ast.LabeledStmt); ls.Stmt == loop {
			return ls.Label.Pos() == label.Pos()
		}
	}
	return false
}

// labelNode is a position as a node, for within.
type labelNode struct{ pos token.Pos }

func (l labelNode) Pos() token.Pos { return l.pos }
func (l labelNode) End() token.Pos { return l.pos }
