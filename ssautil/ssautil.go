// Package ssautil holds the go/ssa control-flow helpers fsmvet's detectors
// share: natural loops, loop invariance, what a call dispatches through, and
// which branches a value decides.
package ssautil

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A Loop is a natural loop: a header that dominates every block of the
// loop, and the blocks from which a back edge to the header can be reached
// without passing through it.
type Loop struct {
	Header *ssa.BasicBlock
	Blocks []*ssa.BasicBlock // in index order; includes Header
	in     []bool            // indexed by block index
}

// Contains reports whether b belongs to the loop.
func (l *Loop) Contains(b *ssa.BasicBlock) bool {
	return b != nil && b.Index < len(l.in) && l.in[b.Index]
}

// Loops returns the natural loops of fn, one per header, in header order.
// Back edges are found by dominance, so loops built from goto count too;
// irreducible control flow (no dominating header) forms no loop.
func Loops(fn *ssa.Function) []*Loop {
	byHeader := make([]*Loop, len(fn.Blocks)) // by header index: the loops come out in header order
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			l := byHeader[h.Index]
			if l == nil {
				l = &Loop{Header: h, in: make([]bool, len(fn.Blocks))}
				l.in[h.Index] = true
				byHeader[h.Index] = l
			}
			l.addBody(b)
		}
	}
	var loops []*Loop
	for _, l := range byHeader {
		if l == nil {
			continue
		}
		for i, in := range l.in {
			if in {
				l.Blocks = append(l.Blocks, fn.Blocks[i])
			}
		}
		loops = append(loops, l)
	}
	return loops
}

// addBody adds the latch b and every block that reaches it backwards
// without crossing the header.
func (l *Loop) addBody(latch *ssa.BasicBlock) {
	work := []*ssa.BasicBlock{latch}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if l.in[b.Index] {
			continue
		}
		l.in[b.Index] = true
		work = append(work, b.Preds...)
	}
}

// Innermost returns the smallest loop of loops that contains b, or nil.
// Two natural loops that share a block are nested: the inner one is the
// one whose header the other contains.
func Innermost(loops []*Loop, b *ssa.BasicBlock) *Loop {
	var best *Loop
	for _, l := range loops {
		if l.Contains(b) && (best == nil || best.Contains(l.Header)) {
			best = l
		}
	}
	return best
}

// Exits reports whether the branch at b leaves the loop on one of its
// edges for code that goes on. An edge to a block that panics does not
// count: it ends the goroutine, not the loop. That block is also what
// follows a call that cannot return (t.Fatal, log.Fatal) when the SSA was
// built knowing which calls cannot, as buildssa's is.
func (l *Loop) Exits(b *ssa.BasicBlock) bool {
	return slices.ContainsFunc(b.Succs, func(s *ssa.BasicBlock) bool { return !l.Contains(s) && !panics(s) })
}

// panics reports whether b ends in a panic.
func panics(b *ssa.BasicBlock) bool {
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
	return ok
}

// CallKind says how a call instruction finds its callee.
type CallKind int

const (
	Static    CallKind = iota // a function SSA knows at the call: named, or a closure or method value made there
	Invoke                    // an interface method (or a method of a type parameter)
	FuncValue                 // any other function value: a parameter, a func field
	Builtin                   // len, append, ...
)

func (k CallKind) String() string {
	return [...]string{"static", "invoke", "func value", "builtin"}[k]
}

// Classify returns how call dispatches.
func Classify(call *ssa.CallCommon) CallKind {
	if call.IsInvoke() {
		return Invoke
	}
	if call.StaticCallee() != nil {
		return Static
	}
	if _, ok := call.Value.(*ssa.Builtin); ok {
		return Builtin
	}
	return FuncValue
}

// Invariant reports whether v has the same value on every iteration of l:
// defined outside the loop, or a load of a field reached from such a value
// that the loop's own code never stores to (e.task in
// for !e.task.Poll(cx) {} is reloaded each time, but not changed; ut.base
// in for ut.base.Kind() == reflect.Pointer { ut.base = ut.base.Elem() } is).
func Invariant(v ssa.Value, l *Loop) bool {
	// Each step goes to an operand of an instruction that is not a phi,
	// which SSA defines before its use: the walk ends.
	for {
		instr, ok := v.(ssa.Instruction)
		if !ok || !l.Contains(instr.Block()) {
			return true // a parameter, a constant, a global, or defined before the loop
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL || l.storesTo(x.X) {
				return false
			}
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return false
		}
	}
}

// storesTo reports whether the loop stores to addr, or to the same field
// of a value of the same type when addr is a field address (the loop may
// reach the struct through another pointer).
func (l *Loop) storesTo(addr ssa.Value) bool {
	fa, isField := addr.(*ssa.FieldAddr)
	for _, b := range l.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			if st.Addr == addr {
				return true
			}
			if other, ok := st.Addr.(*ssa.FieldAddr); ok && isField && other.Field == fa.Field && types.Identical(other.X.Type(), fa.X.Type()) {
				return true
			}
		}
	}
	return false
}

// DecidedBranches returns the If instructions inside l whose condition
// depends on v through negation, equality, phis, conversions and tuple
// extraction: the branches that v decides, in block order.
func DecidedBranches(v ssa.Value, l *Loop) []*ssa.If {
	var ifs []*ssa.If
	seen := make(map[ssa.Value]bool)
	work := []ssa.Value{v}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] || v.Referrers() == nil { // a constant or a global decides nothing here
			continue
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			if !l.Contains(r.Block()) {
				continue
			}
			switch r := r.(type) {
			case *ssa.If:
				ifs = append(ifs, r)
			case *ssa.UnOp:
				if r.Op == token.NOT {
					work = append(work, r)
				}
			case *ssa.BinOp:
				if r.Op == token.EQL || r.Op == token.NEQ {
					work = append(work, r)
				}
			case *ssa.Phi, *ssa.Extract, *ssa.ChangeType:
				work = append(work, r.(ssa.Value))
			}
		}
	}
	slices.SortFunc(ifs, func(a, b *ssa.If) int { return a.Block().Index - b.Block().Index })
	return ifs
}

// Requeued reports whether, in a block that only the edge from branch to
// one of its successors reaches, v is put back into the container it was
// taken from: appended to a slice that flows back to the one v was indexed
// from (next = append(next, t); tasks = next), stored into that slice, or
// sent on the channel v was received from. This is an executor's "queue
// the task again when it is not done"; appending v to some other list (a
// filter) is not.
func Requeued(v ssa.Value, branch *ssa.If) bool {
	src := source(v)
	if src == nil {
		return false
	}
	for _, succ := range branch.Block().Succs {
		if len(succ.Preds) != 1 {
			continue // reached from elsewhere too: not decided by this branch
		}
		for _, r := range *v.Referrers() {
			if succ.Dominates(r.Block()) && putsBack(r, src) {
				return true
			}
		}
	}
	return false
}

// source returns the slice, array or channel a value was loaded from. An
// element of an array value (ssa.Index) has no source: nothing can be put
// back into a value.
func source(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.UnOp:
		switch x.Op {
		case token.MUL:
			if ia, ok := x.X.(*ssa.IndexAddr); ok {
				return ia.X
			}
		case token.ARROW:
			return x.X
		}
	case *ssa.Extract:
		if recv, ok := x.Tuple.(*ssa.UnOp); ok && recv.Op == token.ARROW {
			return recv.X
		}
	}
	return nil
}

// putsBack reports whether instruction r, a use of a task, returns the
// task to src: a task is a value, not an address, so a store that uses it
// stores it.
func putsBack(r ssa.Instruction, src ssa.Value) bool {
	switch r := r.(type) {
	case *ssa.Send:
		return flowsTo(r.Chan, src) || flowsTo(src, r.Chan)
	case *ssa.Store:
		ia, ok := r.Addr.(*ssa.IndexAddr)
		if !ok {
			return false
		}
		if flowsTo(ia.X, src) {
			return true // tasks[i] = t
		}
		// append(next, t) stores t into a fresh varargs array first.
		if alloc, ok := ia.X.(*ssa.Alloc); ok {
			return appendedTo(alloc, src)
		}
	}
	return false
}

// appendedTo reports whether the varargs array alloc is appended to a
// slice whose result flows to src.
func appendedTo(alloc *ssa.Alloc, src ssa.Value) bool {
	for _, r := range *alloc.Referrers() {
		sl, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, rr := range *sl.Referrers() {
			if call, ok := rr.(*ssa.Call); ok && Classify(call.Common()) == Builtin && flowsTo(call, src) {
				return true
			}
		}
	}
	return false
}

// flowsTo reports whether from reaches to through phis, slicing and
// conversions: the same queue, renamed by the loop.
func flowsTo(from, to ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	work := []ssa.Value{from}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if v == to {
			return true
		}
		if seen[v] || v.Referrers() == nil {
			continue
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.Phi, *ssa.Slice, *ssa.ChangeType:
				work = append(work, r.(ssa.Value))
			}
		}
	}
	return false
}
