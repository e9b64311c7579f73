package ssautil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"

	"github.com/fsmvet/fsmvet/ssautil"
)

const src = `package p

type Task interface{ Poll(cx int) bool }

func blockOn(t Task) {
	for !t.Poll(1) {
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

func gotoLoop(t Task) {
again:
	if !t.Poll(0) {
		goto again
	}
}

func run(tasks []Task, ch chan Task) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(0) {
				next = append(next, t)
			}
		}
		tasks = next
	}
	for t := range ch {
		if t.Poll(0) {
			continue
		}
		ch <- t
	}
}

type holder struct{ task Task }

func (h *holder) drive(f func(int) bool) {
	for !h.task.Poll(0) && !f(1) && len("x") > 0 {
	}
}

func noLoop(t Task) bool { return t.Poll(0) }

type chain struct {
	task Task
	next Task
}

// The loop replaces the task it polls: its receiver is not invariant.
func walk(c *chain) {
	for !c.task.Poll(0) {
		c.task = c.next
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

// polls returns the Poll calls of fn with the innermost loop of each.
func polls(fn *ssa.Function) (calls []*ssa.Call, loops []*ssautil.Loop) {
	all := ssautil.Loops(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && c.Call.Method != nil && c.Call.Method.Name() == "Poll" {
				calls = append(calls, c)
				loops = append(loops, ssautil.Innermost(all, b))
			}
		}
	}
	return calls, loops
}

func TestLoops(t *testing.T) {
	pkg := build(t)
	for _, tc := range []struct {
		fn    string
		loops int
	}{
		{"blockOn", 1}, {"nested", 2}, {"gotoLoop", 1}, {"run", 3}, {"noLoop", 0},
	} {
		if got := len(ssautil.Loops(pkg.Func(tc.fn))); got != tc.loops {
			t.Errorf("%s: %d loops, want %d", tc.fn, got, tc.loops)
		}
	}
	// The inner loop of nested is inside the outer one and smaller.
	loops := ssautil.Loops(pkg.Func("nested"))
	outer, inner := loops[0], loops[1]
	if len(inner.Blocks) >= len(outer.Blocks) || !outer.Contains(inner.Header) || inner.Contains(outer.Header) {
		t.Errorf("nested: outer %d blocks, inner %d: inner loop not nested in outer", len(outer.Blocks), len(inner.Blocks))
	}
}

func TestClassify(t *testing.T) {
	pkg := build(t)
	kinds := map[ssautil.CallKind]int{}
	for _, fn := range []string{"run", "drive"} {
		f := pkg.Func(fn)
		if f == nil {
			f = pkg.Prog.FuncValue(pkg.Type("holder").Type().(*types.Named).Method(0))
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok {
					kinds[ssautil.Classify(c.Common())]++
				}
			}
		}
	}
	want := map[ssautil.CallKind]int{ssautil.Invoke: 3, ssautil.Builtin: 3, ssautil.FuncValue: 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%v calls: %d, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
}

func TestDecidesAndInvariant(t *testing.T) {
	pkg := build(t)
	drive := pkg.Prog.FuncValue(pkg.Type("holder").Type().(*types.Named).Method(0))
	for _, tc := range []struct {
		fn                *ssa.Function
		invariant, exits  bool
		requeued, decided []bool
	}{
		{fn: pkg.Func("blockOn"), invariant: true, exits: true},
		{fn: pkg.Func("gotoLoop"), invariant: true, exits: true},
		{fn: drive, invariant: true, exits: true},
	} {
		calls, loops := polls(tc.fn)
		if len(calls) != 1 || loops[0] == nil {
			t.Fatalf("%s: %d Poll calls in loops, want 1", tc.fn.Name(), len(calls))
		}
		c, l := calls[0], loops[0]
		if got := ssautil.Invariant(c.Call.Value, l); got != tc.invariant {
			t.Errorf("%s: receiver invariant = %v, want %v", tc.fn.Name(), got, tc.invariant)
		}
		ifs := ssautil.DecidedBranches(c, l)
		if len(ifs) == 0 || l.Exits(ifs[0].Block()) != tc.exits {
			t.Errorf("%s: Poll decides %d branches; want one that exits the loop", tc.fn.Name(), len(ifs))
		}
	}

	calls, loops := polls(pkg.Func("walk"))
	if ssautil.Invariant(calls[0].Call.Value, loops[0]) {
		t.Errorf("walk: receiver c.task reported invariant, but the loop stores to it")
	}

	// In run, both Poll calls decide a branch that re-queues the task
	// (append, send) and neither receiver is invariant.
	calls, loops = polls(pkg.Func("run"))
	if len(calls) != 2 {
		t.Fatalf("run: %d Poll calls, want 2", len(calls))
	}
	for i, c := range calls {
		if ssautil.Invariant(c.Call.Value, loops[i]) {
			t.Errorf("run: call %d: receiver reported invariant", i)
		}
		requeued := false
		for _, br := range ssautil.DecidedBranches(c, loops[i]) {
			requeued = requeued || ssautil.Requeued(c.Call.Value, br)
		}
		if !requeued {
			t.Errorf("run: call %d: task not seen re-queued under the branch Poll decides", i)
		}
	}

	// In nested and filter, the result decides a branch but the task is
	// not put back where it came from (filter appends it to another list).
	for _, fn := range []string{"nested", "filter"} {
		calls, loops = polls(pkg.Func(fn))
		for _, br := range ssautil.DecidedBranches(calls[0], loops[0]) {
			if ssautil.Requeued(calls[0].Call.Value, br) {
				t.Errorf("%s: task reported re-queued", fn)
			}
		}
	}
}
