package fsmswitch

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// This file models the consumer's cases: which states each handles, how
// control leaves it, and what keeps it from running as a function of its
// own. Each is decided here once; the blockers and the rewrite read it.

// modelCases fills in m.Consumer.Cases and returns what keeps the cases
// from becoming functions of their own.
func (f *finder) modelCases(m *Machine) []Blocker {
	sw := m.Consumer
	label := sw.label(f.pass.TypesInfo)
	named := make(map[*types.Const]bool)
	zeroCase := false
	var blockers []Blocker
	var dflt *Case
	for _, stmt := range sw.Stmt.Body.List {
		c := &Case{Clause: stmt.(*ast.CaseClause)}
		sw.Cases = append(sw.Cases, c)
		if c.IsDefault() {
			dflt = c
		}
		for _, e := range c.Clause.List {
			st, isConst := f.caseState(m, e)
			switch {
			case st != nil:
				if !named[st] { // a later case naming it again is dead
					named[st] = true
					c.States = append(c.States, st)
				}
			case isConst && isZeroValue(f.pass.TypesInfo, caseValue(f.pass.TypesInfo, m, e)):
				if !zeroCase {
					zeroCase, c.Zero = true, true
				}
			default:
				blockers = append(blockers, f.blocker(e.Pos(), "a case tests more than which state the machine is in"))
			}
		}
		blockers = append(blockers, f.bodyBlockers(m, c, label)...)
		f.exits(c, label)
	}
	if dflt != nil {
		for _, st := range m.States {
			if !named[st] {
				named[st] = true
				dflt.States = append(dflt.States, st)
			}
		}
		dflt.Zero = !zeroCase && m.ZeroState() == nil
	}
	return blockers
}

// caseState returns the state a case expression names and whether it is
// a constant of the state type at all: the expression itself in a tagged
// switch, the constant compared with the field (r.state == c) in a
// tagless one.
func (f *finder) caseState(m *Machine, e ast.Expr) (*types.Const, bool) {
	k := caseValue(f.pass.TypesInfo, m, e)
	if k == nil {
		return nil, false
	}
	return stateOf(f.pass.TypesInfo, m.Type, m.States, k)
}

// caseValue returns the value a case expression tests the state against:
// e in a tagged switch; K in a tagless case r.state == K or K == r.state,
// or nil if e is not such a comparison.
func caseValue(info *types.Info, m *Machine, e ast.Expr) ast.Expr {
	if m.Consumer.Tagged {
		return e
	}
	cmp, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || cmp.Op != token.EQL {
		return nil
	}
	isField := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		s, ok := info.Selections[sel]
		return ok && s.Obj().(*types.Var).Origin() == m.Field
	}
	switch {
	case isField(cmp.X):
		return cmp.Y
	case isField(cmp.Y):
		return cmp.X
	}
	return nil
}

func isZeroValue(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && isZero(tv.Value)
}

// exits records how control leaves a case: its returns, its breaks out of
// the switch, and whether its last statement terminates.
func (f *finder) exits(c *Case, label types.Object) {
	var walk func(n ast.Node, inner bool)
	walk = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // its returns and breaks are its own
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(bodyOf(n), true) // a plain break there leaves that statement
				return false
			case *ast.ReturnStmt:
				c.Returns = append(c.Returns, n)
			case *ast.BranchStmt:
				if n.Tok == token.BREAK && (n.Label == nil && !inner || n.Label != nil && f.pass.TypesInfo.Uses[n.Label] == label) {
					c.Breaks = append(c.Breaks, n)
				}
			}
			return true
		})
	}
	for _, s := range c.Clause.Body {
		walk(s, false)
	}
	if body := c.Clause.Body; len(body) > 0 {
		c.Terminates = terminates(f.pass.TypesInfo, body[len(body)-1], c.Breaks)
	}
}

// bodyOf returns the body of a loop, switch or select.
func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	case *ast.SwitchStmt:
		return n.Body
	case *ast.TypeSwitchStmt:
		return n.Body
	case *ast.SelectStmt:
		return n.Body
	}
	return nil
}

// terminates reports whether a statement never completes normally, as the
// Go specification's terminating statements, with a break in exits (one
// that leaves the consumer switch, which the rewrite makes a return) as
// one: a return, a call of panic, a block or labelled statement ending in
// one, an if whose both branches do, a for with no condition and no
// break, a switch or select with no break whose every clause (and a
// default) does. A goto or fallthrough anywhere in the consumer blocks
// the rewrite, so neither is looked for.
func terminates(info *types.Info, s ast.Stmt, exits []*ast.BranchStmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return slices.Contains(exits, s)
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		b, isBuiltin := info.Uses[id].(*types.Builtin)
		return ok && isBuiltin && b.Name() == "panic"
	case *ast.BlockStmt:
		return len(s.List) > 0 && terminates(info, s.List[len(s.List)-1], exits)
	case *ast.LabeledStmt:
		return terminates(info, s.Stmt, exits) && !breaksOut(info, s.Stmt, info.Defs[s.Label])
	case *ast.IfStmt:
		return s.Else != nil && terminates(info, s.Body, exits) && terminates(info, s.Else, exits)
	case *ast.ForStmt:
		return s.Cond == nil && !breaksOut(info, s, nil)
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		return clausesTerminate(info, s, exits) && !breaksOut(info, s, nil)
	}
	return false
}

// clausesTerminate reports whether every clause of a switch or select
// ends in a terminating statement, and a switch has a default: a select
// needs none, as it blocks until a case runs (select {} blocks for good).
func clausesTerminate(info *types.Info, s ast.Stmt, exits []*ast.BranchStmt) bool {
	_, hasDefault := s.(*ast.SelectStmt)
	for _, clause := range bodyOf(s).List {
		var list []ast.Stmt
		switch c := clause.(type) {
		case *ast.CaseClause:
			list, hasDefault = c.Body, hasDefault || c.List == nil
		case *ast.CommClause:
			list = c.Body
		}
		if len(list) == 0 || !terminates(info, list[len(list)-1], exits) {
			return false
		}
	}
	return hasDefault
}

// breaksOut reports whether a break inside s leaves s: a plain break not
// inside a nested loop, switch or select, or a break to label.
func breaksOut(info *types.Info, s ast.Stmt, label types.Object) bool {
	found := false
	var walk func(n ast.Node, inner bool)
	walk = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(bodyOf(n), true)
				return false
			case *ast.BranchStmt:
				if n.Tok == token.BREAK && (n.Label == nil && !inner || n.Label != nil && label != nil && info.Uses[n.Label] == label) {
					found = true
				}
			}
			return !found
		})
	}
	if body := bodyOf(s); body != nil {
		walk(body, false)
	} else {
		walk(s, false)
	}
	return found
}

// bodyBlockers returns what keeps a case from running in a function of
// its own: a local of the method declared outside the case, a branch that
// leaves the case other than out of the switch, a deferred call.
func (f *finder) bodyBlockers(m *Machine, c *Case, label types.Object) []Blocker {
	var bs []Blocker
	info := f.pass.TypesInfo
	own := ownVars(info, m.Consumer.Decl)
	inCase := func(pos token.Pos) bool { return encloses(c.Clause, pos) }
	var walk func(n ast.Node, inLoop bool)
	walk = func(n ast.Node, inLoop bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // its returns, branches and defers are its own
			case *ast.ForStmt, *ast.RangeStmt:
				// The header runs where the loop stands, the body inside it.
				for _, part := range loopHeader(n) {
					walk(part, inLoop)
				}
				walk(bodyOf(n), true)
				return false
			case *ast.Ident:
				if v, ok := info.Uses[n].(*types.Var); ok && !v.IsField() && v.Parent() != nil &&
					v.Parent() != f.pass.Pkg.Scope() && !own[v] && !inCase(v.Pos()) {
					bs = append(bs, f.blocker(n.Pos(), "a case uses "+n.Name+", a local of "+typesx.MethodName(m.Consumer.Method)+" declared outside it"))
				}
			case *ast.DeferStmt:
				bs = append(bs, f.blocker(n.Pos(), "a case defers a call (it would run when the state's function returns)"))
			case *ast.BranchStmt:
				if reason := branchOut(info, n, inLoop, inCase, label); reason != "" {
					bs = append(bs, f.blocker(n.Pos(), reason))
				}
			}
			return true
		})
	}
	for _, s := range c.Clause.Body {
		walk(s, false)
	}
	return bs
}

// branchOut says why a branch leaves the case other than by a break out
// of the switch (labelled with the switch's label or not), or "": a
// continue of a loop around the switch, or a branch to a label outside
// the case. A goto is a blocker of its own.
func branchOut(info *types.Info, b *ast.BranchStmt, inLoop bool, inCase func(token.Pos) bool, switchLabel types.Object) string {
	if b.Label != nil && b.Tok != token.GOTO {
		obj := info.Uses[b.Label]
		if b.Tok == token.BREAK && obj == switchLabel {
			return ""
		}
		if obj != nil && !inCase(obj.Pos()) {
			return "a case branches to label " + b.Label.Name + " outside it"
		}
		return ""
	}
	if b.Tok == token.CONTINUE && !inLoop {
		return "a case continues a loop around the switch"
	}
	return ""
}

// loopHeader returns what a loop evaluates outside its body.
func loopHeader(n ast.Node) []ast.Node {
	var parts []ast.Node
	add := func(x ast.Node) {
		if x != nil {
			parts = append(parts, x)
		}
	}
	switch n := n.(type) {
	case *ast.ForStmt:
		add(n.Init)
		add(n.Cond)
		add(n.Post)
	case *ast.RangeStmt:
		add(n.Key)
		add(n.Value)
		add(n.X)
	}
	return parts
}

// ownVars returns the receiver, parameters and results of decl: the
// variables a case may use, since its function receives them.
func ownVars(info *types.Info, decl *ast.FuncDecl) map[*types.Var]bool {
	own := make(map[*types.Var]bool)
	for _, list := range []*ast.FieldList{decl.Recv, decl.Type.Params, decl.Type.Results} {
		if list == nil {
			continue
		}
		for _, field := range list.List {
			for _, name := range field.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					own[v] = true
				}
			}
		}
	}
	return own
}
