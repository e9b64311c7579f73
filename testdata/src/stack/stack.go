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
	switch t.state { // want `^state machine tok\.state \(tstate, 2 states\) is dispatched by this switch in \(\*tok\)\.step; no fix: a machine made in count lives on its stack; the rewrite's call through a function value would move it to the heap, an allocation per machine at stack\.go:\d+; a machine made in countPtr lives on its stack; .* at stack\.go:\d+; a machine made in countNew lives on its stack; .* at stack\.go:\d+; and 2 more \(fsmvet help fsmswitch\)$`
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
	for i := range len(s) {
		t.step(s[i])
	}
	return t.n
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
