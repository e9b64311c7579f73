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
	// Bool is true when a bool "done" flag decides the loop: a bool
	// result, with no other result used while the loop runs (a drain's
	// x, ok := q.Pop() yields x every iteration).
	Bool bool
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
	if len(loops) == 0 {
		return nil
	}
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
			if site := pollSite(call, l); site != nil {
				sites = append(sites, site)
			}
		}
	}
	return sites
}

// pollSite decides whether call, in loop l, polls.
func pollSite(call *ssa.Call, l *ssautil.Loop) *Site {
	recv := call.Call.Value
	for _, result := range results(call) {
		branches := ssautil.DecidedBranches(result, l)
		for _, br := range branches {
			shape, ok := Shape(-1), false
			switch {
			case ssautil.Invariant(recv, l) && l.Exits(br.Block()) && drivenBy(l, branches):
				shape, ok = BlockOn, true
			case ssautil.Requeued(recv, br):
				shape, ok = Executor, true
			}
			if ok {
				done := isBool(result.Type()) && !yieldsEachIteration(call, l)
				return &Site{Call: call, Method: call.Call.Method, Recv: recv.Type(), Shape: shape, Bool: done}
			}
		}
	}
	return nil
}

// drivenBy reports whether the loop is driven by the branches the call
// decides: its header either branches on them or does not branch at all
// (for { ... }). A range or counted loop branches on its own induction in
// its header; a call checked inside it (if t.Failed() { break }) only
// cuts it short.
func drivenBy(l *ssautil.Loop, branches []*ssa.If) bool {
	last := l.Header.Instrs[len(l.Header.Instrs)-1]
	br, ok := last.(*ssa.If)
	return !ok || slices.Contains(branches, br)
}

// yieldsEachIteration reports whether a non-bool result of call is used
// inside the loop: a drain (x, ok := q.Pop()) or an iterator produces a
// value every iteration, while a poll's value, if any, is used once it is
// ready, after the loop.
func yieldsEachIteration(call *ssa.Call, l *ssautil.Loop) bool {
	for _, v := range results(call) {
		if isBool(v.Type()) || v == ssa.Value(call) || v.Referrers() == nil {
			continue
		}
		for _, r := range *v.Referrers() {
			if _, phi := r.(*ssa.Phi); !phi && l.Contains(r.Block()) {
				return true
			}
		}
	}
	return false
}

// results returns the values carrying call's results: the call itself, or
// its tuple extractions.
func results(call *ssa.Call) []ssa.Value {
	if _, ok := call.Type().(*types.Tuple); !ok {
		return []ssa.Value{call}
	}
	var vs []ssa.Value
	for _, r := range *call.Referrers() {
		if x, ok := r.(*ssa.Extract); ok {
			vs = append(vs, x)
		}
	}
	slices.SortFunc(vs, func(a, b ssa.Value) int { return a.(*ssa.Extract).Index - b.(*ssa.Extract).Index })
	return vs
}

func argsInvariant(call *ssa.CallCommon, l *ssautil.Loop) bool {
	for _, a := range call.Args {
		if !ssautil.Invariant(a, l) {
			return false
		}
	}
	return true
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}
