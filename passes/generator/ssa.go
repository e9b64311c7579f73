package generator

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/fsmvet/fsmvet/profile"
)

// ssaIndex finds the SSA function of a piece of syntax, for naming it as
// profiles do (a goroutine's literal is F.func1, a range-over-func body
// F-range1).
type ssaIndex struct{ funcs []*ssa.Function }

func newSSAIndex(s *buildssa.SSA) *ssaIndex { return &ssaIndex{funcs: s.SrcFuncs} }

// of returns the function whose syntax is n, or nil.
func (x *ssaIndex) of(n ast.Node) *ssa.Function {
	for _, fn := range x.funcs {
		if fn.Syntax() == n {
			return fn
		}
	}
	return nil
}

// enclosing returns the innermost function whose syntax holds pos, or
// nil.
func (x *ssaIndex) enclosing(pos token.Pos) *ssa.Function {
	var best *ssa.Function
	for _, fn := range x.funcs {
		syn := fn.Syntax()
		if syn == nil || pos < syn.Pos() || syn.End() <= pos {
			continue
		}
		if best == nil || best.Syntax().Pos() <= syn.Pos() && syn.End() <= best.Syntax().End() {
			best = fn
		}
	}
	return best
}

// site places pos in a profile: the function holding it, as profiles
// name it, and the line's offset from the function's first line (as
// pollloop places a call).
func (x *ssaIndex) site(pos token.Pos, fset *token.FileSet) (profile.Site, bool) {
	fn := x.enclosing(pos)
	if fn == nil {
		return profile.Site{}, false
	}
	return profile.Site{Func: profile.SSAName(fn), Offset: fset.Position(pos).Line - fset.Position(fn.Pos()).Line}, true
}
