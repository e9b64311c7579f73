package pollloop

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/fsmvet/fsmvet/ssautil"
)

// A Site is an interface method call that drives a poll loop.
type Site struct {
	Call   ssa.CallInstruction
	Method *types.Func // the interface method called
	Recv   types.Type  // the interface (or type parameter) it is called on
	Shape  Shape
}

// Pos returns the position of the call.
func (s *Site) Pos() token.Pos { return s.Call.Pos() }

// Shape says how the call's result drives its loop.
type Shape int

const (
	// BlockOn: the same task is polled again until its result ends the loop
	// (for !t.Poll(cx) {}).
	BlockOn Shape = iota
	// Executor: the result decides whether the task is queued again
	// (if !t.Poll(cx) { next = append(next, t) }).
	Executor
)

// Find returns the poll loop sites of fn: interface method calls inside a
// loop, with arguments that do not change from one iteration to the next,
// whose result decides either the loop's exit while the receiver stays the
// same, or whether the receiver is queued again. Loop-varying arguments
// (data.Less(j, j-1)) mean the loop computes, it does not poll.
func Find(fn *ssa.Function) []*Site {
	loops := ssautil.Loops(fn)
	var sites []*Site
	for _, b := range fn.Blocks {
		l := ssautil.Innermost(loops, b)
		if l == nil {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || ssautil.Classify(call.Common()) != ssautil.Invoke || !argsInvariant(call.Common(), l) {
				continue
			}
			if shape, ok := polls(call, l); ok {
				sites = append(sites, &Site{Call: call, Method: call.Call.Method, Recv: call.Call.Value.Type(), Shape: shape})
			}
		}
	}
	return sites
}

// polls decides whether call, in loop l, polls, and how.
func polls(call *ssa.Call, l *ssautil.Loop) (Shape, bool) {
	recv := call.Call.Value
	branches := ssautil.DecidedBranches(call, l)
	for _, br := range branches {
		if ssautil.Invariant(recv, l) && l.Exits(br.Block()) && drivenBy(l, branches) {
			return BlockOn, true
		}
		if ssautil.Requeued(recv, br) {
			return Executor, true
		}
	}
	return 0, false
}

// drivenBy reports whether the loop goes on or stops on the branches the
// call decides, not on a test of its own: its header's exit test, if it
// has one, is one of them (for i < n, for x := range ch test something
// else first), and no other exit test counts iterations (a range over an
// integer counts at the end of each: its header is its body). A call
// checked inside such a loop (if t.Failed() { break }) only cuts it short.
// Other exits (if ctx.Err() != nil { return }) leave a poll a poll.
func drivenBy(l *ssautil.Loop, branches []*ssa.If) bool {
	if br := exitTest(l, l.Header); br != nil && !slices.Contains(branches, br) {
		return false
	}
	for _, b := range l.Blocks {
		if br := exitTest(l, b); br != nil && !slices.Contains(branches, br) && counts(l, br) {
			return false
		}
	}
	return true
}

// exitTest returns the branch that ends b if it can leave the loop.
func exitTest(l *ssautil.Loop, b *ssa.BasicBlock) *ssa.If {
	if br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && l.Exits(b) {
		return br
	}
	return nil
}

// counts reports whether br compares a count the loop keeps: a phi of its
// header, or one step of arithmetic on it (i < n, i+1 < n).
func counts(l *ssautil.Loop, br *ssa.If) bool {
	cmp, ok := br.Cond.(*ssa.BinOp)
	return ok && (counter(l, cmp.X) || counter(l, cmp.Y))
}

func counter(l *ssautil.Loop, v ssa.Value) bool {
	if step, ok := v.(*ssa.BinOp); ok {
		v = step.X
	}
	phi, ok := v.(*ssa.Phi)
	return ok && phi.Block() == l.Header
}

func argsInvariant(call *ssa.CallCommon, l *ssautil.Loop) bool {
	for _, a := range call.Args {
		if !ssautil.Invariant(a, l) {
			return false
		}
	}
	return true
}
