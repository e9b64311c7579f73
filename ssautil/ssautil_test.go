package ssautil_test

import (
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"

	"github.com/fsmvet/fsmvet/ssautil"
)

const src = `package p

type Task interface{ Poll(cx int) bool }

// Each function below makes one Poll call; TestPollCalls says what the
// helpers find about it.

func blockOn(t Task) {
	for !t.Poll(1) {
	}
}

func gotoLoop(t Task) {
again:
	if !t.Poll(0) {
		goto again
	}
}

type holder struct{ task Task }

func drive(h *holder, f func(int) bool) {
	for !h.task.Poll(0) && !f(1) && len("x") > 0 {
	}
}

func byValue(h holder) {
	for !h.task.Poll(0) {
	}
}

type chain struct {
	task Task
	next Task
}

// The loop replaces the task it polls.
func walk(c *chain) {
	for !c.task.Poll(0) {
		c.task = c.next
	}
}

// ... through another pointer to the same field.
func walkOther(c, d *chain) {
	for !c.task.Poll(0) {
		d.task = d.next
	}
}

// ... through the address it loads from.
func walkPointer(p *Task, next Task) {
	for !(*p).Poll(0) {
		*p = next
	}
}

// Stores to another field, or to a field of another type, change nothing.
func otherField(c *chain) {
	for !c.task.Poll(0) {
		c.next = nil
	}
}

func otherType(c *chain, h *holder) {
	for !c.task.Poll(0) {
		h.task = nil
	}
}

type concrete struct{}

func (*concrete) Poll(int) bool { return true }

func boxed(c *concrete) {
	for !Task(c).Poll(0) {
	}
}

type named Task

func renamed(n named) {
	for !Task(n).Poll(0) {
	}
}

// A new task each iteration.
func receiveEach(ch chan Task) {
	for !(<-ch).Poll(0) {
	}
}

// The result only ends the goroutine.
func panicking(t Task) {
	for {
		if t.Poll(0) {
			panic("done")
		}
	}
}

// The result decides two branches; the second ends the loop. The first
// is found through the negation, after the second.
func twice(t Task) (n int) {
	for {
		done := t.Poll(0)
		more := !done
		if more {
			n++
		}
		if done {
			return n
		}
	}
}

func negated(t Task) {
	for {
		more := !t.Poll(0)
		if more {
			continue
		}
		return
	}
}

func compared(t Task) {
	for t.Poll(0) == false {
	}
}

func both(t Task, f func() bool) {
	for {
		ok := t.Poll(0) && f()
		if ok {
			return
		}
	}
}

// The result reaches the loop's test through a phi.
func carried(t Task) {
	for done := false; !done; {
		done = t.Poll(0)
	}
}

type flag bool

func converted(t Task) {
	for !flag(t.Poll(0)) {
	}
}

type future interface{ Poll(cx int) (int, bool) }

func await(f future) int {
	for {
		v, ok := f.Poll(0)
		if ok {
			return v
		}
	}
}

// An ordering decides nothing.
type counter interface{ Poll(cx int) int }

func below(c counter) {
	for c.Poll(0) < 3 {
	}
}

// The result is read after the loop.
func after(t Task) int {
	var done bool
	for i := 0; i < 3; i++ {
		done = t.Poll(i)
	}
	if done {
		return 1
	}
	return 0
}

func noLoop(t Task) bool { return t.Poll(0) }

// Executors put the task back where it came from.
func runSlice(tasks []Task) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(0) {
				next = append(next, t)
			}
		}
		tasks = next
	}
}

func runRange(ch chan Task) {
	for t := range ch {
		if t.Poll(0) {
			continue
		}
		ch <- t
	}
}

func runReceive(ch chan Task) {
	for {
		t := <-ch
		if !t.Poll(0) {
			ch <- t
		}
	}
}

func runSendOnly(ch chan Task) {
	var back chan<- Task = ch
	for t := range ch {
		if !t.Poll(0) {
			back <- t
		}
	}
}

func runReceiveOnly(ch chan Task) {
	var in <-chan Task = ch
	for t := range in {
		if !t.Poll(0) {
			ch <- t
		}
	}
}

func compact(tasks []Task) {
	for len(tasks) > 0 {
		n := 0
		for _, t := range tasks {
			if !t.Poll(0) {
				tasks[n] = t
				n++
			}
		}
		tasks = tasks[:n]
	}
}

// Not executors: the task goes elsewhere, or whatever the result.
func forward(in, out chan Task) {
	for t := range in {
		if !t.Poll(0) {
			out <- t
		}
	}
}

func filter(tasks []Task) (done []Task) {
	for _, t := range tasks {
		if t.Poll(0) {
			done = append(done, t)
		}
	}
	return done
}

func push(q []Task, ts ...Task) []Task { return q }

func pushed(tasks []Task) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(0) {
				next = push(next, t)
			}
		}
		tasks = next
	}
}

func always(tasks []Task) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if t.Poll(0) {
				println()
			}
			next = append(next, t)
		}
		tasks = next
	}
}

func park(tasks []Task, h *holder) {
	for _, t := range tasks {
		if !t.Poll(0) {
			h.task = t
		}
	}
}

var parked [4]Task

func toGlobal(tasks []Task) {
	for _, t := range tasks {
		if !t.Poll(0) {
			parked[0] = t
		}
	}
}

func nested(ts [][]Task) int {
	n := 0
	for _, row := range ts {
		for _, t := range row {
			if t.Poll(n) {
				n++
			}
		}
	}
	return n
}

func sequence(t Task, n int) {
	for i := 0; i < n; i++ {
	}
	for i := 0; i < n; i++ {
	}
	for !t.Poll(n) {
	}
}

type hooks struct{ done func() bool }

func calls(t Task, f func(int) bool, xs []int, k hooks) {
	t.Poll(0)
	f(1)
	_ = len(xs)
	blockOn(t)
	var h holder
	drive(&h, f)
	k.done()
}
`

func build(t *testing.T) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// pollCall returns the one Poll call of fn.
func pollCall(t *testing.T, fn *ssa.Function) *ssa.Call {
	t.Helper()
	var calls []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && c.Call.IsInvoke() && c.Call.Method.Name() == "Poll" {
				calls = append(calls, c)
			}
		}
	}
	if len(calls) != 1 {
		t.Fatalf("%s: %d Poll calls, want 1", fn.Name(), len(calls))
	}
	return calls[0]
}

func TestLoops(t *testing.T) {
	pkg := build(t)
	for _, tc := range []struct {
		fn    string
		loops int
	}{
		{"blockOn", 1}, {"gotoLoop", 1}, {"nested", 2}, {"runSlice", 2}, {"sequence", 3}, {"noLoop", 0}, {"calls", 0},
	} {
		fn := pkg.Func(tc.fn)
		loops := ssautil.Loops(fn)
		if len(loops) != tc.loops {
			t.Errorf("%s: %d loops, want %d", tc.fn, len(loops), tc.loops)
		}
		for i, l := range loops {
			if i > 0 && loops[i-1].Header.Index >= l.Header.Index {
				t.Errorf("%s: loop %d has header %d, after %d: not in header order", tc.fn, i, l.Header.Index, loops[i-1].Header.Index)
			}
			if !slices.IsSortedFunc(l.Blocks, func(a, b *ssa.BasicBlock) int { return a.Index - b.Index }) || !slices.Contains(l.Blocks, l.Header) {
				t.Errorf("%s: loop %d: blocks %v not in index order or without the header", tc.fn, i, l.Blocks)
			}
			for _, b := range fn.Blocks {
				if l.Contains(b) != slices.Contains(l.Blocks, b) {
					t.Errorf("%s: loop %d: Contains(%d) = %v, but Blocks say otherwise", tc.fn, i, b.Index, l.Contains(b))
				}
			}
		}
	}

	// The inner loop of nested is inside the outer one and smaller.
	fn := pkg.Func("nested")
	loops := ssautil.Loops(fn)
	outer, inner := loops[0], loops[1]
	if len(inner.Blocks) >= len(outer.Blocks) || !outer.Contains(inner.Header) || inner.Contains(outer.Header) {
		t.Errorf("nested: outer %d blocks, inner %d: inner loop not nested in outer", len(outer.Blocks), len(inner.Blocks))
	}
	if got := ssautil.Innermost(loops, pollCall(t, fn).Block()); got != inner {
		t.Errorf("nested: the Poll call's innermost loop is not the inner loop")
	}
	if got := ssautil.Innermost(loops, outer.Header); got != outer {
		t.Errorf("nested: the outer header's innermost loop is not the outer loop")
	}
	if got := ssautil.Innermost(loops, fn.Blocks[0]); got != nil {
		t.Errorf("nested: the entry block is in a loop")
	}

	// A loop holds no block of another function, even one whose index it
	// would have, nor nil.
	blockOn := pkg.Func("blockOn")
	l := ssautil.Loops(blockOn)[0]
	other := pkg.Func("runSlice")
	if l.Contains(other.Blocks[len(blockOn.Blocks)]) || l.Contains(nil) {
		t.Errorf("blockOn's loop contains a block of runSlice, or nil")
	}
}

func TestClassify(t *testing.T) {
	pkg := build(t)
	var got []ssautil.CallKind
	for _, b := range pkg.Func("calls").Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				got = append(got, ssautil.Classify(c.Common()))
			}
		}
	}
	want := []ssautil.CallKind{ssautil.Invoke, ssautil.FuncValue, ssautil.Builtin, ssautil.Static, ssautil.Static, ssautil.FuncValue}
	if !slices.Equal(got, want) {
		t.Errorf("calls: kinds %v, want %v", got, want)
	}
	for k, s := range map[ssautil.CallKind]string{ssautil.Static: "static", ssautil.Invoke: "invoke", ssautil.FuncValue: "func value", ssautil.Builtin: "builtin"} {
		if k.String() != s {
			t.Errorf("CallKind %d prints %q, want %q", int(k), k.String(), s)
		}
	}
}

// A branch is what TestPollCalls expects of one branch the call decides.
type branch struct {
	exits    bool // ends the loop, for code that goes on
	requeued bool // puts the receiver back where it came from
}

func TestPollCalls(t *testing.T) {
	pkg := build(t)
	for _, tc := range []struct {
		fn        string
		loop      int      // index, in Loops, of the call's innermost loop
		invariant bool     // of the receiver
		branches  []branch // DecidedBranches, in order
	}{
		{fn: "blockOn", invariant: true, branches: []branch{{exits: true}}},
		{fn: "gotoLoop", invariant: true, branches: []branch{{exits: true}}},
		{fn: "drive", invariant: true, branches: []branch{{exits: true}}},
		{fn: "byValue", invariant: true, branches: []branch{{exits: true}}},
		{fn: "walk", branches: []branch{{exits: true}}},
		{fn: "walkOther", branches: []branch{{exits: true}}},
		{fn: "walkPointer", branches: []branch{{exits: true}}},
		{fn: "otherField", invariant: true, branches: []branch{{exits: true}}},
		{fn: "otherType", invariant: true, branches: []branch{{exits: true}}},
		{fn: "boxed", invariant: true, branches: []branch{{exits: true}}},
		{fn: "renamed", invariant: true, branches: []branch{{exits: true}}},
		{fn: "receiveEach", branches: []branch{{exits: true}}},
		{fn: "panicking", invariant: true, branches: []branch{{exits: false}}},
		{fn: "twice", invariant: true, branches: []branch{{exits: false}, {exits: true}}},
		{fn: "negated", invariant: true, branches: []branch{{exits: true}}},
		{fn: "compared", invariant: true, branches: []branch{{exits: true}}},
		{fn: "both", invariant: true, branches: []branch{{exits: false}}}, // && branches on its left operand; its phi holds false, not the result
		{fn: "carried", invariant: true, branches: []branch{{exits: true}}},
		{fn: "converted", invariant: true, branches: []branch{{exits: true}}},
		{fn: "await", invariant: true, branches: []branch{{exits: true}}},
		{fn: "below", invariant: true, branches: nil},
		{fn: "after", invariant: true, branches: nil},
		{fn: "runSlice", loop: 1, branches: []branch{{requeued: true}}},
		{fn: "runRange", branches: []branch{{requeued: true}}},
		{fn: "runReceive", branches: []branch{{requeued: true}}},
		{fn: "runSendOnly", branches: []branch{{requeued: true}}},
		{fn: "runReceiveOnly", branches: []branch{{requeued: true}}},
		{fn: "compact", loop: 1, branches: []branch{{requeued: true}}},
		{fn: "forward", branches: []branch{{}}},
		{fn: "filter", branches: []branch{{}}},
		{fn: "pushed", loop: 1, branches: []branch{{}}},
		{fn: "always", loop: 1, branches: []branch{{}}},
		{fn: "park", branches: []branch{{}}},
		{fn: "toGlobal", branches: []branch{{}}},
		{fn: "nested", loop: 1, branches: []branch{{}}},
		{fn: "sequence", loop: 2, invariant: true, branches: []branch{{exits: true}}},
	} {
		fn := pkg.Func(tc.fn)
		call := pollCall(t, fn)
		loops := ssautil.Loops(fn)
		l := ssautil.Innermost(loops, call.Block())
		if l == nil || l != loops[tc.loop] {
			t.Errorf("%s: the Poll call is not in loop %d", tc.fn, tc.loop)
			continue
		}
		if got := ssautil.Invariant(call.Call.Value, l); got != tc.invariant {
			t.Errorf("%s: receiver invariant = %v, want %v", tc.fn, got, tc.invariant)
		}
		ifs := ssautil.DecidedBranches(call, l)
		if len(ifs) != len(tc.branches) {
			t.Errorf("%s: Poll decides %d branches, want %d", tc.fn, len(ifs), len(tc.branches))
			continue
		}
		for i, br := range ifs {
			if got := l.Exits(br.Block()); got != tc.branches[i].exits {
				t.Errorf("%s: branch %d exits = %v, want %v", tc.fn, i, got, tc.branches[i].exits)
			}
			if got := ssautil.Requeued(call.Call.Value, br); got != tc.branches[i].requeued {
				t.Errorf("%s: branch %d re-queues the task = %v, want %v", tc.fn, i, got, tc.branches[i].requeued)
			}
		}
	}
}

// TestNoReferrers: values that SSA keeps no uses of (a constant, a
// global) decide no branch and are never re-queued.
func TestNoReferrers(t *testing.T) {
	pkg := build(t)
	fn := pkg.Func("blockOn")
	l := ssautil.Loops(fn)[0]
	br := ssautil.DecidedBranches(pollCall(t, fn), l)[0]
	for _, v := range []ssa.Value{ssa.NewConst(constant.MakeBool(true), types.Typ[types.Bool]), pkg.Var("parked")} {
		if ifs := ssautil.DecidedBranches(v, l); len(ifs) != 0 {
			t.Errorf("%s decides %d branches", v, len(ifs))
		}
		if ssautil.Requeued(v, br) {
			t.Errorf("%s reported re-queued", v)
		}
		if !ssautil.Invariant(v, l) {
			t.Errorf("%s reported loop-varying", v)
		}
	}
}
