// Package stack holds machines that live on the stack of the function
// that makes, drives and drops them: either rewrite calls a state's
// function through a function value, which the compiler cannot see into,
// so the machine would move to the heap, an allocation per machine. No
// fix is offered for them; the compiler's decisions are checked in
// fsmswitch's tests (TestStackMatchesCompiler).
package stack

type tstate uint8

const (
	tSpace tstate = iota
	tWord
)

type tok struct { // want tok:`^state machine tok\.state \(tstate, 2 states\), rewrite blocked$`
	state tstate
	n     int
}

func (t *tok) step(c byte) {
	switch t.state { // want `^state machine tok\.state \(tstate, 2 states\) is dispatched by this switch in \(\*tok\)\.step; no fix: a machine made in count lives on its stack; the rewrite's call through a function value would move it to the heap, an allocation per machine at stack\.go:\d+; a machine made in countPtr lives on its stack; .* at stack\.go:\d+; a machine made in countCopy lives on its stack; .* at stack\.go:\d+; and 5 more \(fsmvet help fsmswitch\)$`
	case tSpace:
		if c != ' ' {
			t.n++
			t.state = tWord
		}
	case tWord:
		if c == ' ' {
			t.state = tSpace
		}
	}
}

// count makes a tokenizer, drives it and drops it.
func count(s string) int {
	var t tok // stack: a variable
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
}

func countPtr(s string) int {
	t := &tok{} // stack: a pointer that goes nowhere
	if t == lastTok {
		return 0
	}
	for i := range len(s) {
		t.step(s[i])
	}
	_ = t
	return t.n
}

var lastTok *tok

// countCopy passes a copy of its machine on.
func countCopy(s string) int {
	var t tok // stack: only copies of it leave
	for i := range len(s) {
		t.step(s[i])
	}
	return words(t)
}

func words(t tok) int { return t.n }

var registry []*tok

// register keeps the machine: its receiver leaks as written.
func (t *tok) register() { registry = append(registry, t) }

func countRegistered(s string) int {
	t := new(tok) // on the heap: register keeps it
	t.register()
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
}

func countThenSpace(s string) {
	t := new(tok) // on the heap: a goroutine takes it
	for i := range len(s) {
		t.step(s[i])
	}
	go t.step(' ')
}

func countNew(s string) int {
	t := new(tok) // stack: drive's parameter goes nowhere
	drive(t, s)
	return t.n
}

func drive(t *tok, s string) {
	for i := range len(s) {
		t.step(s[i])
	}
}

func newTok() *tok { return &tok{} }

func countMade(s string) int {
	t := newTok() // stack: newTok is inlined, and its machine goes nowhere
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
}

type stepper interface{ step(c byte) }

func countThrough(s string) int {
	var st stepper = new(tok) // stack: the compiler sees which type st holds
	for i := range len(s) {
		st.step(s[i])
	}
	return 0
}

// countLit is a function literal: its machine lives on its stack too.
var countLit = func(s string) int {
	var t tok // stack: a variable of a function literal
	for i := range len(s) {
		(&t).step(s[i])
	}
	return t.n
}

// made returns the machine it makes through its named result.
func made(s string) (t *tok) {
	t = new(tok) // on the heap: returned
	for i := range len(s) {
		t.step(s[i])
	}
	return
}

// newTokVar is a constructor that returns the local it makes.
func newTokVar() *tok {
	t := &tok{}
	return t
}

func countMadeVar(s string) int {
	t := newTokVar() // stack: newTokVar is inlined, and its machine goes nowhere
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
}

var lastToks []tok

// countPair drives two tokenizers in an array, and keeps a slice of it.
func countPair(s string) int {
	var ts [2]tok // on the heap: a slice of it is kept
	for i := range len(s) {
		ts[i%2].step(s[i])
	}
	lastToks = ts[:]
	return ts[0].n + ts[1].n
}

// keepFirst keeps the first machine it is passed, from the slice its
// variadic parameter packs them in, which the stack rule does not
// follow.
func keepFirst(ts ...*tok) { lastTok = ts[0] }

func countKept(s string) int {
	t := new(tok) // on the heap: keepFirst keeps it
	keepFirst(t)
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
}

// Machines that are on the heap already, as written: the fix is offered.
type kstate uint8

const (
	kOff kstate = iota
	kOn
)

type keeper struct { // want keeper:`^state machine keeper\.state \(kstate, 2 states\)$`
	state kstate
	flips int
}

var kept []*keeper

func (k *keeper) flip() {
	switch k.state { // want `^state machine keeper\.state \(kstate, 2 states\) is dispatched by this switch in \(\*keeper\)\.flip; fix: `
	case kOff:
		k.state = kOn
		k.flips++
	case kOn:
		k.state = kOff
	}
}

// keep makes a keeper that stays reachable.
func keep() *keeper {
	k := &keeper{}
	kept = append(kept, k)
	return k
}

func flips(n int) int {
	k := keep() // on the heap: kept holds it
	for range n {
		k.flip()
	}
	return k.flips
}

func sent(n int, ch chan<- *keeper) {
	k := new(keeper) // on the heap: sent on a channel
	for range n {
		k.flip()
	}
	ch <- k
}

func later(n int) func() int {
	k := &keeper{} // on the heap: a closure that outlives the call holds it
	return func() int {
		for range n {
			k.flip()
		}
		return k.flips
	}
}

// A task on the heap, polled with a context its caller keeps on its
// stack, which the rewrite would pass on to a function value and so
// move to the heap.
type ctx struct{ budget int }

type pstate uint8

const (
	pRun pstate = iota
	pDone
)

type task struct { // want task:`^state machine task\.state \(pstate, 2 states\), rewrite blocked$`
	state pstate
	runs  int
}

var tasks []*task

func newTask() *task {
	t := &task{} // on the heap: kept in tasks
	tasks = append(tasks, t)
	return t
}

func (t *task) Poll(cx *ctx) bool {
	switch t.state { // want `^state machine task\.state \(pstate, 2 states\) is dispatched by this switch in \(\*task\)\.Poll; no fix: a ctx made in runTask and passed to \(\*task\)\.Poll lives on its stack; the rewrite passes it to a function value, which would move it to the heap, an allocation per call at stack\.go:\d+ \(fsmvet help fsmswitch\)$`
	case pRun:
		if t.runs++; t.runs == cx.budget {
			t.state = pDone
		}
		return false
	default:
		return true
	}
}

func runTask(t *task, n int) int {
	cx := &ctx{budget: n} // stack: passed to Poll, which keeps it
	for !t.Poll(cx) {
	}
	return t.runs
}
